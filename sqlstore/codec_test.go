package sqlstore

import (
	"bytes"
	"math/rand/v2"
	"testing"

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
	mixed := append(append(append(digits(huffBlock-7), bytes.Repeat([]byte{'x'}, huffBlock+3)...), random(huffBlock)...), digits(1000)...)
	return map[string][]byte{
		"empty":             {},
		"one byte":          {'{'},
		"two bytes":         []byte("{}"),
		"recording 1 s":     storetest.RecordingText(3, 30),
		"recording 1 frame": storetest.RecordingText(4, 1),
		"recording 60 s":    storetest.RecordingText(1, 1800),
		"random":            random(3*huffBlock + 17),
		"zeros":             make([]byte, 2*huffBlock+1),
		"digits block":      digits(huffBlock),
		"digits block + 1":  digits(huffBlock + 1),
		"digits block - 1":  digits(huffBlock - 1),
		"mixed":             mixed,
	}
}

func TestRecordingCodecRoundTrip(t *testing.T) {
	for name, raw := range codecInputs() {
		data := compressRecording(nil, raw)
		got, err := decompressRecording(data, maxDecodedRecording)
		if err != nil {
			t.Errorf("%s: decompress: %v", name, err)
			continue
		}
		if !bytes.Equal(got, raw) {
			t.Errorf("%s: %d bytes back, not the %d stored", name, len(got), len(raw))
		}
		// Appended to a buffer in use (as CreateRecording reuses them),
		// the same bytes after what was there.
		if app := compressRecording([]byte("held"), raw); string(app[:4]) != "held" || !bytes.Equal(app[4:], data) {
			t.Errorf("%s: appending to a buffer changed the encoding", name)
		}
		t.Logf("%-16s %8d -> %8d bytes", name, len(raw), len(data))
	}
}

// TestRecordingCodecRatio holds the codec to what docs/benchmarks.md
// reports for landmark text: over 2x on a 60 s recording.
func TestRecordingCodecRatio(t *testing.T) {
	raw := storetest.RecordingText(1, 1800)
	data := compressRecording(nil, raw)
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
	data := compressRecording(nil, raw)
	for n := 0; n < len(data); n += 1 + n/64 {
		if got, err := decompressRecording(data[:n], maxDecodedRecording); err == nil {
			t.Fatalf("truncated to %d of %d bytes: decoded %d bytes without an error", n, len(data), len(got))
		}
	}
	if _, err := decompressRecording(append(bytes.Clone(data), 0), maxDecodedRecording); err == nil {
		t.Errorf("a trailing byte was accepted")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		bad := bytes.Clone(data)
		i := rng.IntN(len(bad))
		bad[i] ^= byte(1 + rng.IntN(255))
		got, err := decompressRecording(bad, maxDecodedRecording)
		if err == nil && !bytes.Equal(got, raw) {
			t.Fatalf("byte %d flipped: decoded other bytes without an error", i)
		}
	}
	// A stated length over the limit is refused before anything is
	// allocated.
	if _, err := decompressRecording([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0}, maxDecodedRecording); err == nil {
		t.Errorf("a length of 2^48 was accepted")
	}
}

func FuzzDecompressRecording(f *testing.F) {
	// Small seeds only: the fuzzer slows to a crawl on inputs of tens of
	// kilobytes.
	for _, raw := range codecInputs() {
		if len(raw) < 1<<12 {
			f.Add(compressRecording(nil, raw))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := decompressRecording(data, 1<<20)
		if err != nil {
			return
		}
		// Whatever decodes must encode back to bytes that decode the same.
		again, err := decompressRecording(compressRecording(nil, got), 1<<20)
		if err != nil || !bytes.Equal(again, got) {
			t.Fatalf("round trip of %d decoded bytes failed: %v", len(got), err)
		}
	})
}

// The codecs on a 60 s recording of random landmarks at 4 decimals
// (storetest.RecordingText, 3.6 MB), with the compressed size:
//
//	go test -run '^$' -bench 'Compress' -benchtime 20x ./sqlstore
func BenchmarkCompressRecording(b *testing.B) {
	raw := storetest.RecordingText(1, 1800)
	b.SetBytes(int64(len(raw)))
	defer cpuclock.PerOp(b)()
	var data []byte
	for b.Loop() {
		data = compressRecording(nil, raw)
	}
	b.ReportMetric(float64(len(data)), "stored-bytes")
}

func BenchmarkDecompressRecording(b *testing.B) {
	raw := storetest.RecordingText(1, 1800)
	data := compressRecording(nil, raw)
	b.SetBytes(int64(len(raw)))
	defer cpuclock.PerOp(b)()
	for b.Loop() {
		if _, err := decompressRecording(data, maxDecodedRecording); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompressZstd is the zstd level recordings were stored with
// before encodingHuff0 (and issue report attachments still are).
func BenchmarkCompressZstd(b *testing.B) {
	raw := storetest.RecordingText(1, 1800)
	b.SetBytes(int64(len(raw)))
	defer cpuclock.PerOp(b)()
	var data []byte
	for b.Loop() {
		data = Compress(raw)
	}
	b.ReportMetric(float64(len(data)), "stored-bytes")
}

func BenchmarkDecompressZstd(b *testing.B) {
	raw := storetest.RecordingText(1, 1800)
	data := Compress(raw)
	b.SetBytes(int64(len(raw)))
	defer cpuclock.PerOp(b)()
	for b.Loop() {
		if _, err := Decompress(data); err != nil {
			b.Fatal(err)
		}
	}
}
