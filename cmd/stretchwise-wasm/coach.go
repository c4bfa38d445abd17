package main

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/coach"
)

// coachConfig is what the page may set for a live coach; zero values keep
// the coach's defaults.
type coachConfig struct {
	TargetS  float64 `json:"target_s,omitempty"` // good-form hold to reach, seconds
	Exercise string  `json:"exercise,omitempty"` // an exercise with a registered coach; half-kneeling-hip-flexor when empty
}

// liveCoach is one person's live coaching session in the page: the coach
// registered for the exercise (package coach's registry).
type liveCoach struct {
	live   coach.Live
	aspect float64
	frame  stretchwise.Frame
}

// newLiveCoach starts a coach with the page's settings (JSON, may be "")
// for images of the given aspect ratio (width/height).
func newLiveCoach(cfgText string, aspect float64) (*liveCoach, error) {
	var cc coachConfig
	if cfgText != "" {
		if err := json.Unmarshal([]byte(cfgText), &cc); err != nil {
			return nil, stretchwise.Errorf(stretchwise.EINVALID, "coach settings: %v", err)
		}
		if cc.TargetS < 0 || math.IsNaN(cc.TargetS) || cc.TargetS > 600 {
			return nil, stretchwise.Errorf(stretchwise.EINVALID, "coach settings: target_s %v is outside 0..600 s", cc.TargetS)
		}
	}
	if !(aspect > 0) || math.IsInf(aspect, 0) {
		aspect = 1
	}
	ex := stretchwise.Exercise(cc.Exercise)
	if ex == "" {
		ex = stretchwise.ExerciseHalfKneeling
	}
	rules, ok := coach.For(ex)
	if !ok {
		return nil, stretchwise.Errorf(stretchwise.EINVALID, "coach settings: exercise %q has no live coach", cc.Exercise)
	}
	return &liveCoach{live: rules.New(cc.TargetS, aspect), aspect: aspect}, nil
}

// coachInfo is what the page knows of a registered live coach: which
// exercise it coaches, what its hold timer counts (plain words) and which
// of its angles the guard keeps as the hold angle.
type coachInfo struct {
	Exercise  stretchwise.Exercise `json:"exercise"`
	TimerNote string               `json:"timer_note"`
	HoldAngle string               `json:"hold_angle,omitempty"`
}

// coachesText lists the registered live coaches as JSON: the page asks
// it which exercises have a coach.
func coachesText() string {
	out := []coachInfo{}
	for _, r := range coach.Registered() {
		out = append(out, coachInfo{Exercise: r.Exercise, TimerNote: r.TimerNote, HoldAngle: r.HoldAngle})
	}
	return marshal(out)
}

// step feeds one frame seen at t seconds: v is the flat pose (33 x x, y,
// z, visibility) or nil when no person was found. It returns the coach's
// output as JSON.
func (l *liveCoach) step(t float64, v []float64) (string, error) {
	if err := setPose(&l.frame, t, v); err != nil {
		return "", err
	}
	return marshal(l.live.Update(&l.frame, l.aspect)), nil
}

// setPose makes f the frame seen at t seconds with the flat pose v (33 x
// x, y, z, visibility), or without a person when v is nil.
func setPose(f *stretchwise.Frame, t float64, v []float64) error {
	if math.IsNaN(t) || math.IsInf(t, 0) {
		return fmt.Errorf("the frame time %v is not a finite number", t)
	}
	f.T = t
	f.Detected = v != nil
	if v != nil {
		if len(v) != poseValues {
			return errPoseLen
		}
		for i := range f.Image {
			p := &f.Image[i]
			p.X, p.Y, p.Z, p.Visibility = v[4*i], v[4*i+1], v[4*i+2], v[4*i+3]
		}
	}
	return nil
}

// The coach's argument errors (exports.go).
var (
	errCoachArgs   = stretchwise.Errorf(stretchwise.EINVALID, "coach takes a handle, a time in seconds and a Float64Array(132) or null")
	errCoachHandle = stretchwise.Errorf(stretchwise.EINVALID, "unknown coach handle")
)
