package main

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess/kneel"
	"github.com/stretchwise/stretchwise/coach"
)

// coachConfig is what the page may set for a live coach; zero values keep
// coach.DefaultConfig.
type coachConfig struct {
	TargetS float64 `json:"target_s,omitempty"` // good-form hold to reach, seconds
}

// coachOutput is coach.Output for the page, with the cue codes spelled out
// and the cue wording included so the page can show and speak it.
type coachOutput struct {
	T           float64            `json:"t"`
	State       string             `json:"state"`
	Side        stretchwise.Side   `json:"side,omitempty"`
	HoldS       float64            `json:"hold_s"`
	TargetS     float64            `json:"target_s"`
	Cue         string             `json:"cue,omitempty"` // to show and speak now
	CueText     string             `json:"cue_text,omitempty"`
	Showing     string             `json:"showing,omitempty"` // the last cue given
	ShowingText string             `json:"showing_text,omitempty"`
	Checks      map[string]string  `json:"checks"` // check code -> ok, fault or unknown
	Angles      map[string]float64 `json:"angles"` // smoothed angles the checks compared, degrees; absent when not measured
	InPosition  bool               `json:"in_position"`
}

// liveCoach is one person's live coaching session in the page.
type liveCoach struct {
	c      *coach.Coach
	aspect float64
	frame  stretchwise.Frame
}

// newLiveCoach starts a coach with the page's settings (JSON, may be "")
// for images of the given aspect ratio (width/height).
func newLiveCoach(cfgText string, aspect float64) (*liveCoach, error) {
	cfg := coach.DefaultConfig
	if cfgText != "" {
		var cc coachConfig
		if err := json.Unmarshal([]byte(cfgText), &cc); err != nil {
			return nil, stretchwise.Errorf(stretchwise.EINVALID, "coach settings: %v", err)
		}
		if cc.TargetS < 0 || math.IsNaN(cc.TargetS) || cc.TargetS > 600 {
			return nil, stretchwise.Errorf(stretchwise.EINVALID, "coach settings: target_s %v is outside 0..600 s", cc.TargetS)
		}
		if cc.TargetS > 0 {
			cfg.TargetHoldS = cc.TargetS
		}
	}
	if !(aspect > 0) || math.IsInf(aspect, 0) {
		aspect = 1
	}
	return &liveCoach{c: coach.New(cfg), aspect: aspect}, nil
}

// update feeds one frame seen at t seconds: v is the flat pose (33 x
// x, y, z, visibility) or nil when no person was found.
func (l *liveCoach) update(t float64, v []float64) (coach.Output, error) {
	if math.IsNaN(t) || math.IsInf(t, 0) {
		return coach.Output{}, fmt.Errorf("the frame time %v is not a finite number", t)
	}
	l.frame.T = t
	l.frame.Detected = v != nil
	if v != nil {
		if len(v) != poseValues {
			return coach.Output{}, errPoseLen
		}
		for i := range l.frame.Image {
			p := &l.frame.Image[i]
			p.X, p.Y, p.Z, p.Visibility = v[4*i], v[4*i+1], v[4*i+2], v[4*i+3]
		}
	}
	return l.c.Update(&l.frame, l.aspect), nil
}

// outputJSON spells out a coach output for the page.
func outputJSON(o coach.Output) string {
	out := coachOutput{
		T: o.T, State: o.State.String(), Side: o.Side, HoldS: o.HoldS, TargetS: o.TargetS,
		Checks: make(map[string]string, kneel.NumChecks), Angles: map[string]float64{},
		InPosition: o.Metrics.InPosition,
	}
	if o.Cue != coach.CueNone {
		out.Cue, out.CueText = o.Cue.String(), o.Cue.Text()
	}
	if o.Showing != coach.CueNone {
		out.Showing, out.ShowingText = o.Showing.String(), o.Showing.Text()
	}
	for c := kneel.Check(0); c < kneel.NumChecks; c++ {
		out.Checks[c.Code()] = o.Checks[c].String()
	}
	for name, v := range map[string]float64{
		"front_knee_deg": o.Metrics.FrontKnee, "back_knee_deg": o.Metrics.BackKnee,
		"trunk_from_vertical_deg": o.Metrics.Trunk, "hip_extension_deg": o.Metrics.HipExt,
	} {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			out.Angles[name] = math.Round(v*10) / 10
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return marshalError(err)
	}
	return string(b)
}

// The coach's argument errors, used by coach_js.go, which builds for
// GOOS=js only.
var (
	//lint:ignore U1000 used by coach_js.go (GOOS=js)
	errCoachArgs = stretchwise.Errorf(stretchwise.EINVALID, "coach takes a handle, a time in seconds and a Float64Array(132) or null")
	//lint:ignore U1000 used by coach_js.go (GOOS=js)
	errCoachHandle = stretchwise.Errorf(stretchwise.EINVALID, "unknown coach handle")
)
