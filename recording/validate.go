package recording

import (
	"fmt"
	"math"
	"strings"

	"github.com/stretchwise/stretchwise"
)

// Header bounds. Our choice, because they are far beyond any real camera
// (the largest video sensors are about 12,000 px wide; pose models run far
// below 1000 fps) yet keep arithmetic on sizes and rates trivially exact.
const (
	maxImageSidePx = 65535
	maxFPS         = 10000
)

// Frame bounds, so that nothing computed from a recording (durations,
// rates, squared distances) can overflow to an infinity or hold an absurd
// value. Our choice: a stretching session lasts minutes, so a day of
// timestamps is far beyond it; a microsecond between frames is a hundred
// times finer than the highest frame rate a header may state, so times
// written to 4 decimals never trip it; normalized image coordinates and
// world metres of a visible person are within a few units, and a million
// squared is still exact in a float64.
const (
	maxTimeS       = 86400
	minFrameGapS   = 1e-6
	maxCoordinate  = 1e6
	coordinateText = "-1e+06..1e+06"
)

// validateFPS checks a frame rate that a header states (a header without
// one has FPS 0 and is not checked).
func validateFPS(v float64) error {
	if !(v > 0 && v <= maxFPS) {
		return invalidf("header: fps: got %v, want a frame rate in (0, %d]", v, maxFPS)
	}
	return nil
}

// validateHeader checks the rules of docs/contract.md for a header. The message
// of the returned error names the field.
func validateHeader(h *stretchwise.Header) error {
	switch {
	case h.Format == "":
		return invalidf("header: format: missing (the first line must be the header)")
	case h.Format != Format:
		return invalidf("header: format: got %q, want %q", clip(h.Format), Format)
	case h.Version != Version:
		return invalidf("header: version: got %d, want %d", h.Version, Version)
	case h.Topology == "":
		return invalidf("header: topology: missing")
	case h.Topology != stretchwise.TopologyBlazePose33:
		return invalidf("header: topology: got %q, want %q", clip(h.Topology), stretchwise.TopologyBlazePose33)
	case h.Width <= 0 || h.Width > maxImageSidePx:
		return invalidf("header: width: got %d, want a pixel count in 1..%d", h.Width, maxImageSidePx)
	case h.Height <= 0 || h.Height > maxImageSidePx:
		return invalidf("header: height: got %d, want a pixel count in 1..%d", h.Height, maxImageSidePx)
	case h.FPS != 0 && validateFPS(h.FPS) != nil:
		return validateFPS(h.FPS)
	case h.View != "" && !h.View.Valid():
		return invalidf("header: view: got %q, want one of %v", clip(string(h.View)), stretchwise.Views)
	case strings.IndexByte(string(h.Exercise), 0) >= 0:
		return invalidf("header: exercise: contains the NUL character")
	case strings.IndexByte(h.Source, 0) >= 0:
		return invalidf("header: source: contains the NUL character")
	case strings.IndexByte(h.Subject, 0) >= 0:
		return invalidf("header: subject: contains the NUL character")
	}
	return nil
}

// validatePose checks that every coordinate of p is a finite number within
// maxCoordinate and every visibility lies in 0..1. name is the field ("lm"
// or "world") for the message.
func validatePose(p *stretchwise.Pose, name string) error {
	// The common case first, in one pass with one comparison for the
	// coordinates: it is false for NaN and the infinities, and a sum
	// within the bound has every term within it. Any failure goes to the
	// loop below, which names it (or finds none).
	ok := true
	for i := range p {
		l := &p[i]
		ok = ok && math.Abs(l.X)+math.Abs(l.Y)+math.Abs(l.Z) <= maxCoordinate && l.Visibility >= 0 && l.Visibility <= 1
	}
	if ok {
		return nil
	}
	for i := range p {
		l := &p[i]
		for j, v := range [4]float64{l.X, l.Y, l.Z, l.Visibility} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return invalidf("%s[%d][%d]: not a finite number", name, i, j)
			}
			if j < 3 && math.Abs(v) > maxCoordinate {
				return invalidf("%s[%d][%d]: %v is outside %s", name, i, j, v, coordinateText)
			}
		}
		if l.Visibility < 0 || l.Visibility > 1 {
			return invalidf("%s[%d][3]: visibility %v outside 0..1", name, i, l.Visibility)
		}
	}
	return nil
}

// validateFrame checks one frame; prevT is the previous frame's time, or NaN
// for the first frame.
func validateFrame(f *stretchwise.Frame, prevT float64) error {
	switch {
	case math.IsNaN(f.T) || math.IsInf(f.T, 0):
		return invalidf("t: not a finite number")
	case f.T < 0:
		return invalidf("t: %v is negative", f.T)
	case f.T > maxTimeS:
		return invalidf("t: %v is after %d s (a day; t counts seconds from the start)", f.T, maxTimeS)
	case !math.IsNaN(prevT) && f.T <= prevT:
		return invalidf("t: %v is not after the previous frame's %v (t must strictly increase)", f.T, prevT)
	case !math.IsNaN(prevT) && f.T-prevT < minFrameGapS:
		return invalidf("t: %v is less than %v s after the previous frame's %v", f.T, minFrameGapS, prevT)
	}
	if f.Detected {
		if err := validatePose(&f.Image, "lm"); err != nil {
			return err
		}
	} else if f.HasWorld {
		return invalidf("world: given although lm is null (no person)")
	}
	if f.HasWorld {
		if err := validatePose(&f.World, "world"); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks a recording built in memory against the same rules the
// reader applies: a valid header, at least one frame, at most
// DefaultLimits.MaxFrames frames, finite numbers, visibility in 0..1 and
// strictly increasing, non-negative times. Errors name the frame by its
// index from 0 and the field.
func Validate(rec *stretchwise.Recording) error {
	if rec == nil {
		return invalidf("recording: missing")
	}
	if err := validateHeader(&rec.Header); err != nil {
		return err
	}
	if len(rec.Frames) == 0 {
		return invalidf("recording has no frames")
	}
	if len(rec.Frames) > DefaultLimits.MaxFrames {
		return tooLargef("recording has %d frames, more than the limit of %d", len(rec.Frames), DefaultLimits.MaxFrames)
	}
	prev := math.NaN()
	for i := range rec.Frames {
		if err := validateFrame(&rec.Frames[i], prev); err != nil {
			return at(fmt.Sprintf("frame %d", i), err)
		}
		prev = rec.Frames[i].T
	}
	return nil
}

// clip shortens s for an error message, so that hostile input cannot make a
// message huge.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}
