package recording

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/stretchwise/stretchwise"
)

// readBufferBytes is the size of the reader's buffer. Our choice, because it
// holds several full-precision frame lines, so that the common line is
// parsed straight from the buffer without a copy.
const readBufferBytes = 64 << 10

// utf8BOM is the byte order mark some editors put before the first line.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Reader reads a recording one line at a time. It holds at most one line
// (bounded by Limits.MaxLineBytes) in memory, so it can read recordings of
// any length.
type Reader struct {
	br     *bufio.Reader
	lim    Limits
	line   int   // number of the last line read, from 1
	nbytes int64 // bytes read so far
	buf    []byte

	headerRead bool
	header     stretchwise.Header
	frames     int
	prevT      float64
	err        error // sticky: the first error ends the reading
}

// NewReader returns a Reader of r that enforces lim (zero fields mean
// DefaultLimits).
func NewReader(r io.Reader, lim Limits) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, readBufferBytes), lim: lim.orDefault(), prevT: math.NaN()}
}

// Header reads and validates line 1. It may be called more than once; later
// calls return the same result.
func (r *Reader) Header() (stretchwise.Header, error) {
	if r.headerRead {
		return r.header, r.err
	}
	r.headerRead = true
	line, err := r.readLine()
	if err == io.EOF {
		r.err = invalidf("line 1: empty recording: the header is missing")
		return r.header, r.err
	} else if err != nil {
		r.err = err
		return r.header, err
	}
	line = bytes.TrimPrefix(line, utf8BOM)
	h, err := parseHeader(line)
	if err == nil {
		err = validateHeader(&h)
	}
	if err != nil {
		r.err = at("line 1", err)
		return r.header, r.err
	}
	r.header = h
	return h, nil
}

// Next reads the next frame into f, overwriting all of it, and returns
// io.EOF after the last frame. Blank lines are skipped. It reads the header
// first if Header was not called. In the steady state it allocates nothing
// for frames in the canonical layout (keys t, lm, world, numbers in JSON
// syntax); other valid lines take a slower path through encoding/json.
func (r *Reader) Next(f *stretchwise.Frame) error {
	if !r.headerRead {
		if _, err := r.Header(); err != nil {
			return err
		}
	}
	if r.err != nil {
		return r.err
	}
	for {
		line, err := r.readLine()
		if err != nil {
			r.err = err
			return err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if r.frames >= r.lim.MaxFrames {
			r.err = tooLargef("line %d: more than %d frames (the frame limit)", r.line, r.lim.MaxFrames)
			return r.err
		}
		if !parseFrameFast(line, f) {
			if err := parseFrameSlow(line, f); err != nil {
				r.err = at(lineName(r.line), err)
				return r.err
			}
		}
		if err := validateFrame(f, r.prevT); err != nil {
			r.err = at(lineName(r.line), err)
			return r.err
		}
		r.prevT = f.T
		r.frames++
		return nil
	}
}

// lineName returns "line N". It allocates, so it is only called on errors.
func lineName(n int) string { return fmt.Sprintf("line %d", n) }

// readLine returns the next line without its line end ("\n" or "\r\n"). The
// slice is valid until the next call. It returns io.EOF at the end of input,
// a domain error when a limit is exceeded and a wrapped error when the
// underlying reader fails.
func (r *Reader) readLine() ([]byte, error) {
	r.buf = r.buf[:0]
	r.line++
	for {
		chunk, err := r.br.ReadSlice('\n')
		r.nbytes += int64(len(chunk))
		if r.nbytes > r.lim.MaxBytes {
			return nil, tooLargef("line %d: recording larger than %d bytes (the size limit)", r.line, r.lim.MaxBytes)
		}
		// The line end may add two bytes to the content.
		if len(r.buf)+len(chunk) > r.lim.MaxLineBytes+2 {
			return nil, tooLargef("line %d: longer than %d bytes (the line limit)", r.line, r.lim.MaxLineBytes)
		}
		if err == bufio.ErrBufferFull {
			r.buf = append(r.buf, chunk...)
			continue
		}
		line := chunk
		if len(r.buf) > 0 {
			r.buf = append(r.buf, chunk...)
			line = r.buf
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("read recording line %d: %w", r.line, err)
		}
		if err == io.EOF && len(line) == 0 {
			return nil, io.EOF
		}
		if n := len(line); n > 0 && line[n-1] == '\n' {
			line = line[:n-1]
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1]
			}
		}
		if len(line) > r.lim.MaxLineBytes {
			return nil, tooLargef("line %d: longer than %d bytes (the line limit)", r.line, r.lim.MaxLineBytes)
		}
		return line, nil
	}
}

// Read reads a whole recording: a valid header and at least one valid frame,
// within lim (zero fields mean DefaultLimits).
func Read(r io.Reader, lim Limits) (*stretchwise.Recording, error) {
	return read(r, lim, 0)
}

// Check reads a whole recording like Read and returns the same errors,
// but keeps no frames: it validates in the memory of one frame, for a
// server that stores a recording without analyzing it.
func Check(r io.Reader, lim Limits) error {
	_, err := read(r, lim, -1)
	return err
}

// minPresizedLineBytes bounds how many frames ReadBytes makes room for up
// front: one per this many bytes at most. Our choice: a frame line with 33
// landmarks takes at least about 330 bytes (1,900-4,700 as recorded), so
// real recordings get room for all their frames, while a body of blank
// lines or null frames, which needs no room, cannot make it reserve more
// than 8 KiB of frames per KiB of input.
const minPresizedLineBytes = 256

// ReadBytes is Read of a recording held in memory (an upload). It makes
// room for the frames once, from the number of lines, instead of growing
// the slice as they come: the same result with less copying.
func ReadBytes(b []byte, lim Limits) (*stretchwise.Recording, error) {
	frames := min(bytes.Count(b, []byte{'\n'}), len(b)/minPresizedLineBytes, lim.orDefault().MaxFrames)
	return read(bytes.NewReader(b), lim, frames)
}

// read reads a recording, making room for frames up front; frames < 0
// keeps none (Check).
func read(r io.Reader, lim Limits, frames int) (*stretchwise.Recording, error) {
	rd := NewReader(r, lim)
	h, err := rd.Header()
	if err != nil {
		return nil, err
	}
	rec := &stretchwise.Recording{Header: h}
	if frames > 0 {
		rec.Frames = make([]stretchwise.Frame, 0, frames)
	}
	var f stretchwise.Frame
	for {
		err := rd.Next(&f)
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		if frames >= 0 {
			rec.Frames = append(rec.Frames, f)
		}
	}
	if rd.frames == 0 {
		return nil, invalidf("line %d: recording has no frames", rd.line)
	}
	return rec, nil
}

// headerKeys are the header keys with a field in stretchwise.Header.
var headerKeys = map[string]bool{
	"format": true, "version": true, "topology": true, "fps": true, "width": true,
	"height": true, "view": true, "exercise": true, "source": true, "subject": true,
}

// parseHeader decodes a header line. It checks types, not values; keys
// without a Header field go to Extra.
func parseHeader(line []byte) (stretchwise.Header, error) {
	var h stretchwise.Header
	var m map[string]json.RawMessage
	if err := json.Unmarshal(line, &m); err != nil {
		return h, invalidf("header: %s", jsonProblem(err, line))
	}
	if m == nil {
		return h, invalidf("header: not a JSON object")
	}
	str := func(key string, dst *string) error {
		raw, ok := m[key]
		if !ok {
			return nil
		}
		if err := json.Unmarshal(raw, dst); err != nil || raw[0] != '"' {
			return invalidf("header: %s: not a string", key)
		}
		return nil
	}
	integer := func(key string, dst *int) error {
		raw, ok := m[key]
		if !ok {
			return nil
		}
		v, err := jsonNumber(raw)
		if err != nil {
			return at("header: "+key, err)
		}
		if v != math.Trunc(v) || math.Abs(v) > 1<<31 {
			return invalidf("header: %s: %v is not an integer", key, v)
		}
		*dst = int(v)
		return nil
	}
	var view, exercise string
	errs := []error{
		str("format", &h.Format), integer("version", &h.Version), str("topology", &h.Topology),
		integer("width", &h.Width), integer("height", &h.Height), str("view", &view),
		str("exercise", &exercise), str("source", &h.Source), str("subject", &h.Subject),
	}
	if raw, ok := m["fps"]; ok {
		v, err := jsonNumber(raw)
		if err != nil {
			errs = append(errs, at("header: fps", err))
		} else if err := validateFPS(v); err != nil {
			errs = append(errs, err) // an fps of 0 is not "no fps"
		}
		h.FPS = v
	}
	for _, err := range errs {
		if err != nil {
			return h, err
		}
	}
	h.View, h.Exercise = stretchwise.View(view), stretchwise.Exercise(exercise)
	for _, k := range [...]struct{ key, what string }{
		{"format", " (the first line must be the header)"}, {"version", ""}, {"topology", ""},
		{"width", " (image width in pixels)"}, {"height", " (image height in pixels)"},
	} {
		if _, ok := m[k.key]; !ok {
			return h, invalidf("header: %s: missing%s", k.key, k.what)
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if !headerKeys[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		d := json.NewDecoder(bytes.NewReader(m[k]))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			return h, invalidf("header: %s: %s", clip(k), jsonProblem(err, m[k]))
		}
		if h.Extra == nil {
			h.Extra = make(map[string]any)
		}
		h.Extra[k] = v
	}
	return h, nil
}

// jsonNumber parses a JSON value that must be a finite number.
func jsonNumber(raw json.RawMessage) (float64, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || !(raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9') {
		return 0, invalidf("not a number")
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, invalidf("not a number")
	}
	v, err := n.Float64()
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, invalidf("not a finite number")
	}
	return v, nil
}

// jsonProblem turns an encoding/json error about the JSON text b into a
// message safe to show, naming the field where the text went wrong.
func jsonProblem(err error, b []byte) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off := int(syn.Offset)
		if off > 0 {
			off-- // Offset counts the byte that was read
		}
		where := pathAt(b, off)
		if where != "" {
			where += ": "
		}
		if syn.Offset >= int64(len(bytes.TrimRight(b, " \t\r\n"))) {
			return where + "invalid JSON: the line ends early (truncated?)"
		}
		rest := b[min(off, len(b)):]
		for _, bad := range []string{"NaN", "Infinity", "-Infinity", "nan", "inf", "-inf"} {
			if bytes.HasPrefix(rest, []byte(bad)) {
				return where + "not a finite number (" + bad + " is not JSON)"
			}
		}
		return fmt.Sprintf("%sinvalid JSON at byte %d: %s", where, syn.Offset, syn.Error())
	case errors.As(err, &typ):
		return fmt.Sprintf("not a JSON object (got a JSON %s)", typ.Value)
	}
	return "invalid JSON"
}

// pathAt returns the place in the JSON text b at byte offset off as a path
// like lm[3][1], or "" at the top level. It assumes b is valid up to off.
func pathAt(b []byte, off int) string {
	type level struct {
		array bool
		index int
		key   string
	}
	var stack []level
	expectKey := false
	for i := 0; i < off && i < len(b); i++ {
		switch c := b[i]; c {
		case '"':
			j := i + 1
			for j < len(b) && b[j] != '"' {
				if b[j] == '\\' {
					j++
				}
				j++
			}
			if expectKey && len(stack) > 0 {
				stack[len(stack)-1].key = clip(string(b[i+1 : min(j, len(b))]))
				expectKey = false
			}
			i = j
		case '[':
			stack = append(stack, level{array: true})
		case '{':
			stack = append(stack, level{})
			expectKey = true
		case ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if len(stack) > 0 {
				if top := &stack[len(stack)-1]; top.array {
					top.index++
				} else {
					expectKey = true
				}
			}
		}
	}
	var p []byte
	for _, l := range stack {
		if l.array {
			p = fmt.Appendf(p, "[%d]", l.index)
		} else if l.key != "" {
			if len(p) > 0 {
				p = append(p, '.')
			}
			p = append(p, l.key...)
		}
	}
	return string(p)
}

// parseFrameSlow decodes a frame line with encoding/json. It accepts every
// valid frame line (unknown keys are ignored, duplicate keys: the last wins)
// and returns an error naming the field for every invalid one.
func parseFrameSlow(line []byte, f *stretchwise.Frame) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(line, &m); err != nil {
		return invalidf("%s", jsonProblem(err, line))
	}
	if m == nil {
		return invalidf("not a JSON object (got null)")
	}
	rawT, ok := m["t"]
	if !ok || string(rawT) == "null" {
		return invalidf("t: missing (seconds from the start)")
	}
	t, err := jsonNumber(rawT)
	if err != nil {
		return at("t", err)
	}
	rawLm, ok := m["lm"]
	if !ok {
		return invalidf("lm: missing (use null when no person was found)")
	}
	*f = stretchwise.Frame{T: t}
	if string(rawLm) != "null" {
		if err := parsePoseSlow(rawLm, &f.Image, "lm"); err != nil {
			return err
		}
		f.Detected = true
	}
	if rawW, ok := m["world"]; ok && string(rawW) != "null" {
		if err := parsePoseSlow(rawW, &f.World, "world"); err != nil {
			return err
		}
		f.HasWorld = true
	}
	return nil
}

// parsePoseSlow decodes a JSON array of 33 [x,y,z,v] arrays into p.
func parsePoseSlow(raw json.RawMessage, p *stretchwise.Pose, name string) error {
	var lms []json.RawMessage
	if raw[0] != '[' || json.Unmarshal(raw, &lms) != nil {
		return invalidf("%s: not an array of landmarks", name)
	}
	if len(lms) != stretchwise.NumLandmarks {
		return invalidf("%s: want %d landmarks, got %d", name, stretchwise.NumLandmarks, len(lms))
	}
	for i, rl := range lms {
		var nums []json.RawMessage
		if rl[0] != '[' || json.Unmarshal(rl, &nums) != nil {
			return invalidf("%s[%d]: not an array [x,y,z,visibility]", name, i)
		}
		if len(nums) != 4 {
			return invalidf("%s[%d]: want 4 numbers (x, y, z, visibility), got %d", name, i, len(nums))
		}
		var v [4]float64
		for j, rn := range nums {
			x, err := jsonNumber(rn)
			if err != nil {
				return at(fmt.Sprintf("%s[%d][%d]", name, i, j), err)
			}
			v[j] = x
		}
		p[i] = stretchwise.Landmark{X: v[0], Y: v[1], Z: v[2], Visibility: v[3]}
	}
	return nil
}
