// Command stretchwise-wasm is the Go core compiled to WebAssembly for the
// browser (GOOS=js GOARCH=wasm; make web builds it into web/dist/engine.wasm).
// The page runs the same analysis the server runs on every upload, so the
// report a person sees at once is the report the server stores, and the
// same one-euro filter the live coach uses smooths the skeleton per frame.
//
// This file holds the engine without syscall/js, so it is tested natively;
// exports.go lists what the page calls, and main_js.go registers that list
// on a global object, stretchwiseEngine.
package main

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/filter"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/recording"
)

// errorJSON is the shape of a failed call's answer, as the HTTP API's
// errors: a code and a message safe to show.
type errorJSON struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func marshalError(err error) string {
	var e errorJSON
	e.Error.Code, e.Error.Message = stretchwise.ErrorCode(err), stretchwise.ErrorMessage(err)
	b, _ := json.Marshal(e)
	return string(b)
}

// analyzeText reads a recording (JSON Lines) and returns its report as
// JSON, with the options the server uses (analysis.DefaultOptions), or an
// error object {"error":{"code","message"}}.
func analyzeText(text string) string {
	rec, err := recording.Read(strings.NewReader(text), recording.Limits{})
	if err != nil {
		return marshalError(err)
	}
	rep, err := analysis.Analyze(rec, analysis.DefaultOptions)
	if err != nil {
		return marshalError(err)
	}
	return marshal(rep)
}

// poseValues is the length of a flat pose: 33 landmarks of x, y, z,
// visibility.
const poseValues = stretchwise.NumLandmarks * 4

// liveFilter smooths one person's image landmarks frame by frame.
type liveFilter struct {
	f    *filter.PoseFilter
	pose stretchwise.Pose
}

func newLiveFilter(aspect float64) *liveFilter {
	return &liveFilter{f: filter.NewPoseFilter(geom.DefaultGate, aspect)}
}

var errPoseLen = errors.New("a pose is 33 landmarks of 4 numbers (132 values)")

// apply filters the flat pose v (x, y, z, visibility per landmark) seen at
// t seconds, in place. It allocates nothing.
func (l *liveFilter) apply(t float64, v []float64) error {
	if len(v) != poseValues {
		return errPoseLen
	}
	for i := range l.pose {
		p := &l.pose[i]
		p.X, p.Y, p.Z, p.Visibility = v[4*i], v[4*i+1], v[4*i+2], v[4*i+3]
	}
	l.f.Filter(&l.pose, &l.pose, t)
	for i := range l.pose {
		p := &l.pose[i]
		v[4*i], v[4*i+1], v[4*i+2], v[4*i+3] = p.X, p.Y, p.Z, p.Visibility
	}
	return nil
}
