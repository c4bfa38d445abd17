package recording

import (
	"errors"
	"fmt"

	"github.com/stretchwise/stretchwise"
)

// Format is the value of the header's "format" key.
const Format = "stretchwise-recording"

// Version is the recording format version this package reads and writes.
const Version = 1

// Limits bound what a reader or importer accepts, so that a hostile or broken
// file cannot exhaust memory. A zero field means the DefaultLimits value.
type Limits struct {
	MaxLineBytes int   // longest line in bytes, without its line end
	MaxFrames    int   // most frames in one recording
	MaxBytes     int64 // largest input in bytes
}

// DefaultLimits are the limits used when a Limits field is zero.
//
// MaxLineBytes is 1 MiB: a frame line with image and world landmarks written
// at full float64 precision is about 8 KiB, so 1 MiB leaves room for a header
// with generous extra keys while bounding the memory one line can take.
// MaxFrames is 200,000: over 1.8 hours at 30 fps, far longer than any
// stretching session. Read then holds up to about 430 MB of frames (a Frame
// is 2136 bytes); the streaming Reader holds one frame whatever the count,
// and servers should pass a lower limit (the http package does).
// MaxBytes is 512 MiB: room for 200,000 frames of image landmarks at full
// precision (about 2.3 KB a line, 460 MB), or about 115,000 frames (over an
// hour at 30 fps) with world landmarks too (about 4.6 KB a line).
var DefaultLimits = Limits{
	MaxLineBytes: 1 << 20,
	MaxFrames:    200_000,
	MaxBytes:     512 << 20,
}

// orDefault returns lim with each zero field replaced by its default.
func (lim Limits) orDefault() Limits {
	if lim.MaxLineBytes <= 0 {
		lim.MaxLineBytes = DefaultLimits.MaxLineBytes
	}
	if lim.MaxFrames <= 0 {
		lim.MaxFrames = DefaultLimits.MaxFrames
	}
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = DefaultLimits.MaxBytes
	}
	return lim
}

// invalidf returns a *stretchwise.Error with code EINVALID.
func invalidf(format string, args ...any) error {
	return stretchwise.Errorf(stretchwise.EINVALID, format, args...)
}

// tooLargef returns a *stretchwise.Error with code ETOOLARGE.
func tooLargef(format string, args ...any) error {
	return stretchwise.Errorf(stretchwise.ETOOLARGE, format, args...)
}

// at prefixes the message of a domain error with a place ("line 12",
// "file x.json") and keeps its code; other errors are wrapped with the place.
func at(place string, err error) error {
	if e, ok := err.(*stretchwise.Error); ok {
		return &stretchwise.Error{Code: e.Code, Message: place + ": " + e.Message}
	}
	return fmt.Errorf("%s: %w", place, err)
}

// asDomain returns the *stretchwise.Error in err's chain, or nil.
func asDomain(err error) *stretchwise.Error {
	var e *stretchwise.Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
