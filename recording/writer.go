package recording

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"

	"github.com/stretchwise/stretchwise"
)

// Writer writes a recording one frame at a time. It checks every frame with
// the rules the reader applies, so what it writes reads back.
type Writer struct {
	w      *bufio.Writer
	buf    []byte
	prevT  float64
	frames int
}

// NewWriter validates h and writes it as the header line. Keys of h.Extra
// are written after the known keys, sorted, unless they collide with one.
func NewWriter(w io.Writer, h stretchwise.Header) (*Writer, error) {
	if err := validateHeader(&h); err != nil {
		return nil, err
	}
	line, err := encodeHeader(h)
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriterSize(w, readBufferBytes)
	if _, err := bw.Write(line); err != nil {
		return nil, fmt.Errorf("write recording header: %w", err)
	}
	return &Writer{w: bw, buf: make([]byte, 0, 8<<10), prevT: math.NaN()}, nil
}

// encodeHeader returns the header line, with its line end.
func encodeHeader(h stretchwise.Header) ([]byte, error) {
	// Format and topology were validated to be constants without escapes.
	b := []byte(`{"format":"` + h.Format + `","version":`)
	b = strconv.AppendInt(b, int64(h.Version), 10)
	b = append(b, `,"topology":"`+h.Topology+`"`...)
	if h.FPS != 0 {
		b = append(b, `,"fps":`...)
		b = strconv.AppendFloat(b, h.FPS, 'g', -1, 64)
	}
	b = append(b, `,"width":`...)
	b = strconv.AppendInt(b, int64(h.Width), 10)
	b = append(b, `,"height":`...)
	b = strconv.AppendInt(b, int64(h.Height), 10)
	for _, kv := range [...]struct{ k, v string }{
		{"view", string(h.View)}, {"exercise", string(h.Exercise)}, {"source", h.Source}, {"subject", h.Subject},
	} {
		if kv.v == "" {
			continue
		}
		v, err := json.Marshal(kv.v)
		if err != nil {
			return nil, fmt.Errorf("encode header %s: %w", kv.k, err)
		}
		b = append(b, `,"`+kv.k+`":`...)
		b = append(b, v...)
	}
	keys := make([]string, 0, len(h.Extra))
	for k := range h.Extra {
		if !headerKeys[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		kj, err := json.Marshal(k)
		if err != nil {
			return nil, fmt.Errorf("encode header key: %w", err)
		}
		v, err := json.Marshal(h.Extra[k])
		if err != nil {
			return nil, invalidf("header: %s: cannot be written as JSON", clip(k))
		}
		b = append(b, ',')
		b = append(b, kj...)
		b = append(b, ':')
		b = append(b, v...)
	}
	return append(b, "}\n"...), nil
}

// Write checks f and writes it as one line. Numbers are written in the
// shortest form that reads back to the same float64.
func (w *Writer) Write(f *stretchwise.Frame) error {
	if err := validateFrame(f, w.prevT); err != nil {
		return at(fmt.Sprintf("frame %d", w.frames), err)
	}
	b := append(w.buf[:0], `{"t":`...)
	b = strconv.AppendFloat(b, f.T, 'g', -1, 64)
	b = append(b, `,"lm":`...)
	if f.Detected {
		b = appendPose(b, &f.Image)
	} else {
		b = append(b, "null"...)
	}
	if f.HasWorld {
		b = append(b, `,"world":`...)
		b = appendPose(b, &f.World)
	}
	b = append(b, "}\n"...)
	w.buf = b
	if _, err := w.w.Write(b); err != nil {
		return fmt.Errorf("write recording frame %d: %w", w.frames, err)
	}
	w.prevT = f.T
	w.frames++
	return nil
}

// appendPose appends p as a JSON array of [x,y,z,v] arrays.
func appendPose(b []byte, p *stretchwise.Pose) []byte {
	b = append(b, '[')
	for i := range p {
		if i > 0 {
			b = append(b, ',')
		}
		l := &p[i]
		b = append(b, '[')
		b = strconv.AppendFloat(b, l.X, 'g', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, l.Y, 'g', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, l.Z, 'g', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, l.Visibility, 'g', -1, 64)
		b = append(b, ']')
	}
	return append(b, ']')
}

// Flush writes any buffered data to the underlying writer.
func (w *Writer) Flush() error {
	if err := w.w.Flush(); err != nil {
		return fmt.Errorf("flush recording: %w", err)
	}
	return nil
}

// Write validates rec and writes it whole. Nothing is written when rec is
// invalid.
func Write(w io.Writer, rec *stretchwise.Recording) error {
	if err := Validate(rec); err != nil {
		return err
	}
	wr, err := NewWriter(w, rec.Header)
	if err != nil {
		return err
	}
	for i := range rec.Frames {
		if err := wr.Write(&rec.Frames[i]); err != nil {
			return err
		}
	}
	return wr.Flush()
}
