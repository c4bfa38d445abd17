package blob_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/stretchwise/stretchwise/blob"
	"github.com/stretchwise/stretchwise/internal/cpuclock"
	"github.com/stretchwise/stretchwise/storetest"
)

// codecInputs are byte strings that exercise every block kind and the
// block boundaries.
func codecInputs() map[string][]byte {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	digits := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = "0123456789.,[]"[rng.IntN(14)]
		}
		return b
	}
	mixed := append(append(append(digits(blob.BlockSize-7), bytes.Repeat([]byte{'x'}, blob.BlockSize+3)...), random(blob.BlockSize)...), digits(1000)...)
	return map[string][]byte{
		"empty":             {},
		"one byte":          {'{'},
		"two bytes":         []byte("{}"),
		"recording 1 s":     storetest.RecordingText(3, 30),
		"recording 1 frame": storetest.RecordingText(4, 1),
		"recording 60 s":    storetest.RecordingText(1, 1800),
		"random":            random(3*blob.BlockSize + 17),
		"zeros":             make([]byte, 2*blob.BlockSize+1),
		"digits block":      digits(blob.BlockSize),
		"digits block + 1":  digits(blob.BlockSize + 1),
		"digits block - 1":  digits(blob.BlockSize - 1),
		"mixed":             mixed,
	}
}

// maxDecoded is the stores' limit on a decoded recording.
const maxDecoded = 1 << 30

func TestRecordingCodecRoundTrip(t *testing.T) {
	for name, raw := range codecInputs() {
		data := blob.Encode(nil, raw)
		got, err := blob.Decode(data, maxDecoded)
		if err != nil {
			t.Errorf("%s: decompress: %v", name, err)
			continue
		}
		if !bytes.Equal(got, raw) {
			t.Errorf("%s: %d bytes back, not the %d stored", name, len(got), len(raw))
		}
		// Appended to a buffer in use (as CreateRecording reuses them),
		// the same bytes after what was there.
		if app := blob.Encode([]byte("held"), raw); string(app[:4]) != "held" || !bytes.Equal(app[4:], data) {
			t.Errorf("%s: appending to a buffer changed the encoding", name)
		}
		t.Logf("%-16s %8d -> %8d bytes", name, len(raw), len(data))
	}
}

// TestRecordingCodecRatio holds the codec to what docs/benchmarks.md
// reports for landmark text: over 2x on a 60 s recording.
func TestRecordingCodecRatio(t *testing.T) {
	raw := storetest.RecordingText(1, 1800)
	data := blob.Encode(nil, raw)
	if r := float64(len(raw)) / float64(len(data)); r < 2 {
		t.Errorf("60 s recording: %d -> %d bytes, %.2fx; want over 2x", len(raw), len(data), r)
	}
	if bytes.Contains(data, []byte("stretchwise-recording")) {
		t.Errorf("the compressed bytes contain the header text")
	}
}

// TestRecordingCodecCorrupt damages stored bytes every way a truncated or
// flipped row could be: decoding must fail, never return other bytes.
func TestRecordingCodecCorrupt(t *testing.T) {
	raw := storetest.RecordingText(2, 200)
	data := blob.Encode(nil, raw)
	for n := 0; n < len(data); n += 1 + n/64 {
		if got, err := blob.Decode(data[:n], maxDecoded); err == nil {
			t.Fatalf("truncated to %d of %d bytes: decoded %d bytes without an error", n, len(data), len(got))
		}
	}
	if _, err := blob.Decode(append(bytes.Clone(data), 0), maxDecoded); err == nil {
		t.Errorf("a trailing byte was accepted")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		bad := bytes.Clone(data)
		i := rng.IntN(len(bad))
		bad[i] ^= byte(1 + rng.IntN(255))
		got, err := blob.Decode(bad, maxDecoded)
		if err == nil && !bytes.Equal(got, raw) {
			t.Fatalf("byte %d flipped: decoded other bytes without an error", i)
		}
	}
	// A stated length over the limit is refused before anything is
	// allocated.
	if _, err := blob.Decode([]byte{blob.Version, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0}, maxDecoded); err == nil {
		t.Errorf("a length of 2^48 was accepted")
	}
}

func FuzzDecode(f *testing.F) {
	// Small seeds only: the fuzzer slows to a crawl on inputs of tens of
	// kilobytes.
	for _, raw := range codecInputs() {
		if len(raw) < 1<<12 {
			f.Add(blob.Encode(nil, raw))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := blob.Decode(data, 1<<20)
		if err != nil {
			return
		}
		// Whatever decodes must encode back to bytes that decode the same.
		again, err := blob.Decode(blob.Encode(nil, got), 1<<20)
		if err != nil || !bytes.Equal(again, got) {
			t.Fatalf("round trip of %d decoded bytes failed: %v", len(got), err)
		}
	})
}

// The codecs on a 60 s recording of random landmarks at 4 decimals
// (storetest.RecordingText, 3.6 MB), with the compressed size:
//
//	go test -run '^$' -bench . -benchtime 20x ./blob
func BenchmarkEncode(b *testing.B) {
	raw := storetest.RecordingText(1, 1800)
	b.SetBytes(int64(len(raw)))
	defer cpuclock.PerOp(b)()
	var data []byte
	for b.Loop() {
		data = blob.Encode(nil, raw)
	}
	b.ReportMetric(float64(len(data)), "stored-bytes")
}

func BenchmarkDecode(b *testing.B) {
	raw := storetest.RecordingText(1, 1800)
	data := blob.Encode(nil, raw)
	b.SetBytes(int64(len(raw)))
	defer cpuclock.PerOp(b)()
	for b.Loop() {
		if _, err := blob.Decode(data, maxDecoded); err != nil {
			b.Fatal(err)
		}
	}
}

// TestVersion: every blob starts with its version byte; another version is
// refused, and the unversioned layout of the rows written before the
// version byte decodes with blob.DecodeUnversioned.
func TestVersion(t *testing.T) {
	raw := storetest.RecordingText(6, 90)
	data := blob.Encode(nil, raw)
	if data[0] != blob.Version {
		t.Fatalf("first byte %d, want the version %d", data[0], blob.Version)
	}
	other := bytes.Clone(data)
	other[0] = blob.Version + 1
	if _, err := blob.Decode(other, maxDecoded); !errors.Is(err, blob.ErrCorrupt) {
		t.Errorf("version %d decoded: %v", other[0], err)
	}
	got, err := blob.DecodeUnversioned(data[1:], maxDecoded)
	if err != nil || !bytes.Equal(got, raw) {
		t.Errorf("unversioned layout: %d bytes, %v; want the %d encoded", len(got), err, len(raw))
	}
	if _, err := blob.Decode(data[1:], maxDecoded); err == nil {
		t.Errorf("a row without the version byte decoded as a versioned one")
	}
}
