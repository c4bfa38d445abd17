package main

import (
	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/framing"
)

// framingNote is one live framing problem for the page: what (a
// framing.Problem), the body part for a part out of the picture with its
// landmarks (indices into a frame's 33: the screening's checklist marks
// the parts of these not in view, so that it never contradicts the note),
// and the words to show.
type framingNote struct {
	Problem   framing.Problem `json:"problem"`
	Part      string          `json:"part,omitempty"`
	Landmarks []int           `json:"landmarks,omitempty"`
	Message   string          `json:"message"`
}

// framingOutput is the live framing check's answer for one frame.
type framingOutput struct {
	T     float64       `json:"t"`
	Notes []framingNote `json:"notes"`
}

// liveFraming is the page's live framing check: package framing's rules,
// the ones extract and analyze give their reasons with, over the last
// seconds of the camera.
type liveFraming struct {
	live  *framing.Live
	frame stretchwise.Frame
}

// newLiveFraming starts a live framing check for pictures width x height
// pixels (a non-positive size is taken as square).
func newLiveFraming(width, height int) *liveFraming {
	if width <= 0 || height <= 0 {
		width, height = 1, 1
	}
	return &liveFraming{live: framing.NewLive(framing.DefaultConfig, width, height)}
}

// step feeds one frame seen at t seconds (v as liveCoach.step) and returns
// the framing problems as JSON.
func (l *liveFraming) step(t float64, v []float64) (string, error) {
	if err := setPose(&l.frame, t, v); err != nil {
		return "", err
	}
	out := framingOutput{T: t, Notes: []framingNote{}}
	for _, n := range l.live.Update(&l.frame) {
		out.Notes = append(out.Notes, framingNote{Problem: n.Problem, Part: n.Part, Landmarks: partLandmarks(n.Part), Message: n.Message})
	}
	return marshal(out), nil
}

// The framing check's argument errors (exports.go).
var (
	errFramingArgs   = stretchwise.Errorf(stretchwise.EINVALID, "framing takes a handle, a time in seconds and a Float64Array(132) or null")
	errFramingHandle = stretchwise.Errorf(stretchwise.EINVALID, "unknown framing handle")
)

// partLandmarks returns the landmarks of the framing part named name (nil
// for "": a note about no part).
func partLandmarks(name string) []int {
	for _, p := range framing.Parts {
		if p.Name == name {
			return p.Landmarks
		}
	}
	return nil
}
