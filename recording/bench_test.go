package recording

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/internal/cpuclock"
)

// benchmarkRead measures Reader.Next over a written recording of n frames;
// b.SetBytes makes go test report MB/s of JSON Lines text.
func benchmarkRead(b *testing.B, rec *stretchwise.Recording) {
	var buf bytes.Buffer
	if err := Write(&buf, rec); err != nil {
		b.Fatal(err)
	}
	benchmarkNext(b, buf.Bytes())
}

// benchmarkNext measures Reader.Next over the JSON Lines text data.
func benchmarkNext(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var f stretchwise.Frame
	defer cpuclock.PerOpBytes(b, int64(len(data)))()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data), Limits{})
		for {
			err := r.Next(&f)
			if err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkReadImageAndWorld reads frames that all carry world landmarks.
func BenchmarkReadImageAndWorld(b *testing.B) {
	rec := randomRecording(7, 3000)
	for i := range rec.Frames {
		f := &rec.Frames[i]
		if !f.HasWorld && f.Detected {
			f.HasWorld, f.World = true, f.Image
		}
	}
	benchmarkRead(b, rec)
}

// BenchmarkReadImageOnly reads frames without world landmarks.
func BenchmarkReadImageOnly(b *testing.B) {
	rec := randomRecording(8, 3000)
	for i := range rec.Frames {
		rec.Frames[i].HasWorld, rec.Frames[i].World = false, stretchwise.Pose{}
	}
	benchmarkRead(b, rec)
}

// BenchmarkReadAll measures Read, which also collects the frames in memory.
func BenchmarkReadAll(b *testing.B) {
	var buf bytes.Buffer
	if err := Write(&buf, randomRecording(9, 3000)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cpuclock.PerOpBytes(b, int64(len(data)))()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite measures Writer.Write.
func BenchmarkWrite(b *testing.B) {
	rec := randomRecording(10, 3000)
	var buf bytes.Buffer
	if err := Write(&buf, rec); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	defer cpuclock.PerOpBytes(b, int64(buf.Len()))()
	for b.Loop() {
		if err := Write(io.Discard, rec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadUnknownKeys reads frame lines with an unknown key, which the
// fast path skips.
func BenchmarkReadUnknownKeys(b *testing.B) {
	var buf bytes.Buffer
	if err := Write(&buf, randomRecording(11, 1000)); err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
	var data []byte
	data = append(append(data, lines[0]...), '\n')
	for _, l := range lines[1:] {
		data = append(append(data, `{"note":1,`...), l[1:]...)
		data = append(data, '\n')
	}
	benchmarkNext(b, data)
}

// BenchmarkReadAllWeb is BenchmarkReadAll on 60 s (1800 frames) written as
// the web app writes them: image coordinates to 5 decimals, world
// coordinates and visibility to 4, time to 6 (web/src/recording.ts), which
// is what the server reads most.
func BenchmarkReadAllWeb(b *testing.B) {
	rec := randomRecording(12, 1800)
	RoundAsWeb(rec)
	var buf bytes.Buffer
	if err := Write(&buf, rec); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	for _, c := range []struct {
		name string
		read func() (*stretchwise.Recording, error)
	}{
		{"Read", func() (*stretchwise.Recording, error) { return Read(bytes.NewReader(data), Limits{}) }},
		{"ReadBytes", func() (*stretchwise.Recording, error) { return ReadBytes(data, Limits{}) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			defer cpuclock.PerOpBytes(b, int64(len(data)))()
			for b.Loop() {
				if _, err := c.read(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkValidate measures Validate of 60 s (1800 frames) with image and
// world landmarks in every frame, which the analysis runs on every upload.
func BenchmarkValidate(b *testing.B) {
	rec := randomRecording(13, 1800)
	for i := range rec.Frames {
		f := &rec.Frames[i]
		f.Detected, f.HasWorld, f.World = true, true, f.Image
	}
	defer cpuclock.PerOpBytes(b, 0)()
	for b.Loop() {
		if err := Validate(rec); err != nil {
			b.Fatal(err)
		}
	}
}
