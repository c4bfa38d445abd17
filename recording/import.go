package recording

import (
	"bytes"
	"io"
	"math"
	"strings"

	"github.com/stretchwise/stretchwise"
)

// ImportOptions are what an importer needs beyond the landmark file: the
// header fields the source does not carry.
type ImportOptions struct {
	// Width and Height are the image size in pixels. Required: the header
	// needs them, and pixel coordinates are normalized with them.
	Width, Height int
	// FPS is the frame rate (frames per second) for sources without
	// timestamps, where frame n gets t = n/FPS; it is also written to the
	// header. Zero means unknown, which is an error for such sources.
	FPS float64
	// View, Exercise, Source and Subject go to the header as given.
	View     stretchwise.View
	Exercise stretchwise.Exercise
	Source   string
	Subject  string
	// Units of the image coordinates of MediaPipe-style JSON: "normalized"
	// (0..1, MediaPipe's Python and Tasks APIs), "pixels" (tfjs
	// pose-detection) or "" to decide from the values (see docs).
	Units string
	// OpenPoseModel is "body25", "body25b", "coco18" or "" to detect it.
	OpenPoseModel string
	// Limits bound the input (zero fields mean DefaultLimits).
	Limits Limits
}

// Units of image coordinates.
const (
	UnitsNormalized = "normalized"
	UnitsPixels     = "pixels"
)

// header returns the recording header the options describe.
func (o *ImportOptions) header(defaultSource string) stretchwise.Header {
	h := stretchwise.Header{
		Format: Format, Version: Version, Topology: stretchwise.TopologyBlazePose33,
		FPS: o.FPS, Width: o.Width, Height: o.Height, View: o.View, Exercise: o.Exercise,
		Source: o.Source, Subject: o.Subject,
	}
	if h.Source == "" {
		h.Source = defaultSource
	}
	return h
}

// check validates the options every importer needs.
func (o *ImportOptions) check() error {
	if o.Width <= 0 || o.Height <= 0 {
		return invalidf("image width and height in pixels are required (got %dx%d)", o.Width, o.Height)
	}
	if o.FPS < 0 || math.IsNaN(o.FPS) || math.IsInf(o.FPS, 0) {
		return invalidf("fps: got %v, want a positive frame rate", o.FPS)
	}
	switch o.Units {
	case "", UnitsNormalized, UnitsPixels:
	default:
		return invalidf("units: got %q, want %q or %q", clip(o.Units), UnitsNormalized, UnitsPixels)
	}
	return nil
}

// finish validates an imported recording; errors name the frame.
func finish(rec *stretchwise.Recording, lim Limits) (*stretchwise.Recording, error) {
	if len(rec.Frames) > lim.orDefault().MaxFrames {
		return nil, tooLargef("%d frames, more than the limit of %d", len(rec.Frames), lim.orDefault().MaxFrames)
	}
	if err := Validate(rec); err != nil {
		return nil, err
	}
	return rec, nil
}

// readAllLimited reads r whole, failing with ETOOLARGE beyond max bytes.
func readAllLimited(r io.Reader, max int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if n > max {
		return nil, tooLargef("input larger than %d bytes (the size limit)", max)
	}
	return bytes.TrimPrefix(buf.Bytes(), utf8BOM), nil
}

// landmarkIndex maps MediaPipe landmark names (lower case) to indices.
var landmarkIndex = func() map[string]int {
	m := make(map[string]int, stretchwise.NumLandmarks)
	for i, n := range stretchwise.LandmarkNames {
		m[n] = i
	}
	return m
}()

// lookupLandmark returns the index of a landmark name in any letter case.
func lookupLandmark(name string) (int, bool) {
	i, ok := landmarkIndex[strings.ToLower(strings.TrimSpace(name))]
	return i, ok
}

// lineLimitReader fails with ETOOLARGE when a line is longer than max bytes
// or the input longer than total bytes, so that a line-based parser never
// holds a huge line in memory.
type lineLimitReader struct {
	r          io.Reader
	max        int
	total, n   int64
	lineLen    int
	line       int
	overflowed error
}

func newLineLimitReader(r io.Reader, lim Limits) *lineLimitReader {
	lim = lim.orDefault()
	return &lineLimitReader{r: r, max: lim.MaxLineBytes, total: lim.MaxBytes, line: 1}
}

// Read implements io.Reader.
func (l *lineLimitReader) Read(p []byte) (int, error) {
	if l.overflowed != nil {
		return 0, l.overflowed
	}
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.line++
			l.lineLen = 0
			continue
		}
		l.lineLen++
		if l.lineLen > l.max+1 { // +1 for a '\r'
			l.overflowed = tooLargef("line %d: longer than %d bytes (the line limit)", l.line, l.max)
			return i, l.overflowed
		}
	}
	l.n += int64(n)
	if l.n > l.total {
		l.overflowed = tooLargef("input larger than %d bytes (the size limit)", l.total)
		return 0, l.overflowed
	}
	return n, err
}
