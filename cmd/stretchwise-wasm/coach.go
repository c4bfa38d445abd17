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
// the coach's defaults.
type coachConfig struct {
	TargetS  float64 `json:"target_s,omitempty"` // good-form hold to reach, seconds
	Exercise string  `json:"exercise,omitempty"` // half-kneeling-hip-flexor (default) or bird-dog
}

// coachOutput is a coach's output for the page, with the cue codes spelled
// out and the cue wording included so the page can show and speak it.
type coachOutput struct {
	T           float64            `json:"t"`
	Exercise    string             `json:"exercise"`
	State       string             `json:"state"`
	Side        stretchwise.Side   `json:"side,omitempty"`
	HoldS       float64            `json:"hold_s"`
	TargetS     float64            `json:"target_s"`
	Cue         string             `json:"cue,omitempty"` // to show and speak now
	CueText     string             `json:"cue_text,omitempty"`
	Showing     string             `json:"showing,omitempty"` // the last cue given
	ShowingText string             `json:"showing_text,omitempty"`
	Checks      map[string]string  `json:"checks"` // check code -> ok, fault or unknown
	Angles      map[string]float64 `json:"angles"` // smoothed measures the checks compared; absent when not measured
	InPosition  bool               `json:"in_position"`
}

// liveCoach is one person's live coaching session in the page: the
// half-kneeling coach or the bird-dog coach.
type liveCoach struct {
	kneel  *coach.Coach
	bird   *coach.BirdDog
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
	l := &liveCoach{aspect: aspect}
	switch stretchwise.Exercise(cc.Exercise) {
	case "", stretchwise.ExerciseHalfKneeling:
		cfg := coach.DefaultConfig
		if cc.TargetS > 0 {
			cfg.TargetHoldS = cc.TargetS
		}
		l.kneel = coach.New(cfg)
	case stretchwise.ExerciseBirdDog:
		cfg := coach.DefaultBirdDogConfig
		if cc.TargetS > 0 {
			cfg.TargetHoldS = cc.TargetS
		}
		l.bird = coach.NewBirdDog(cfg, aspect)
	default:
		return nil, stretchwise.Errorf(stretchwise.EINVALID, "coach settings: exercise %q has no live coach", cc.Exercise)
	}
	return l, nil
}

// step feeds one frame seen at t seconds: v is the flat pose (33 x x, y,
// z, visibility) or nil when no person was found. It returns the coach's
// output as JSON.
func (l *liveCoach) step(t float64, v []float64) (string, error) {
	if err := setPose(&l.frame, t, v); err != nil {
		return "", err
	}
	if l.bird != nil {
		return birdDogJSON(l.bird.Update(&l.frame, l.aspect)), nil
	}
	return kneelJSON(l.kneel.Update(&l.frame, l.aspect)), nil
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

// cues fills the cue fields of out.
func (out *coachOutput) cues(cue, showing coach.CueCode) {
	if cue != coach.CueNone {
		out.Cue, out.CueText = cue.String(), cue.Text()
	}
	if showing != coach.CueNone {
		out.Showing, out.ShowingText = showing.String(), showing.Text()
	}
}

// angles puts the finite values of m into out.Angles, rounded to 0.1.
func (out *coachOutput) angles(m map[string]float64) {
	for name, v := range m {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			out.Angles[name] = math.Round(v*10) / 10
		}
	}
}

// kneelJSON spells out a half-kneeling coach output for the page.
func kneelJSON(o coach.Output) string {
	out := coachOutput{
		T: o.T, Exercise: string(stretchwise.ExerciseHalfKneeling), State: o.State.String(), Side: o.Side, HoldS: o.HoldS, TargetS: o.TargetS,
		Checks: make(map[string]string, kneel.NumChecks), Angles: map[string]float64{},
		InPosition: o.Metrics.InPosition,
	}
	out.cues(o.Cue, o.Showing)
	for c := kneel.Check(0); c < kneel.NumChecks; c++ {
		out.Checks[c.Code()] = o.Checks[c].String()
	}
	out.angles(map[string]float64{
		"front_knee_deg": o.Metrics.FrontKnee, "back_knee_deg": o.Metrics.BackKnee,
		"trunk_from_vertical_deg": o.Metrics.Trunk, "hip_extension_deg": o.Metrics.HipExt,
	})
	return marshal(out)
}

// birdDogJSON spells out a bird-dog coach output for the page. Angles:
// the reaching arm's and lifted leg's elevation, and the hip and shoulder
// roll change toward the lifted side, degrees; reach, the reach score.
func birdDogJSON(o coach.BirdDogOutput) string {
	out := coachOutput{
		T: o.T, Exercise: string(stretchwise.ExerciseBirdDog), State: o.State.String(), Side: o.Side, HoldS: o.HoldS, TargetS: o.TargetS,
		Checks: make(map[string]string, coach.NumBirdDogChecks), Angles: map[string]float64{},
		InPosition: o.Metrics.Quadruped,
	}
	out.cues(o.Cue, o.Showing)
	for c := coach.BirdDogCheck(0); c < coach.NumBirdDogChecks; c++ {
		out.Checks[c.Code()] = o.Checks[c].String()
	}
	m := o.Metrics
	out.angles(map[string]float64{"arm_elevation_deg": m.ArmDeg, "leg_elevation_deg": m.LegDeg,
		"pelvic_roll_deg": m.PelvisDeg, "shoulder_roll_deg": m.ShoulderDeg, "reach": m.Reach})
	return marshal(out)
}

// The coach's argument errors, used by coach_js.go, which builds for
// GOOS=js only.
var (
	//lint:ignore U1000 used by coach_js.go (GOOS=js)
	errCoachArgs = stretchwise.Errorf(stretchwise.EINVALID, "coach takes a handle, a time in seconds and a Float64Array(132) or null")
	//lint:ignore U1000 used by coach_js.go (GOOS=js)
	errCoachHandle = stretchwise.Errorf(stretchwise.EINVALID, "unknown coach handle")
)
