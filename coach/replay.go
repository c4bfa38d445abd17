package coach

import (
	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess/kneel"
)

// Event is one entry of a cue timeline: a change of state or a cue.
type Event struct {
	T     float64          `json:"t"`
	State string           `json:"state"`
	Side  stretchwise.Side `json:"side,omitempty"`
	HoldS float64          `json:"hold_s"`
	Cue   string           `json:"cue,omitempty"`  // stable code, "" when the event is a state change
	Text  string           `json:"text,omitempty"` // the cue's wording
}

// Timeline is what the live coach would have done over a recording.
type Timeline struct {
	Exercise stretchwise.Exercise `json:"exercise"`
	Side     stretchwise.Side     `json:"side,omitempty"`
	TargetS  float64              `json:"target_s"`
	HoldS    float64              `json:"hold_s"`      // good-form time of the last repetition
	BestS    float64              `json:"best_hold_s"` // the longest good-form time of a repetition
	Cues     int                  `json:"cues"`
	Events   []Event              `json:"events"`
	// Faults are the confirmed form faults with their spans: the findings
	// the offline report gives for the same recording.
	Faults []Fault `json:"faults"`
}

// Fault is one confirmed form fault of a replay, from the onset of its
// faulty values to the frame it stopped being a fault, seconds.
type Fault struct {
	Code   string           `json:"code"`
	Side   stretchwise.Side `json:"side,omitempty"`
	StartS float64          `json:"start_s"`
	EndS   float64          `json:"end_s"`
}

// Replay feeds every frame of rec to a new coach with cfg, in order, and
// returns the timeline of state changes and cues. It is the same code the
// browser runs frame by frame.
func Replay(rec *stretchwise.Recording, cfg Config) Timeline {
	c := New(cfg)
	l := c.Live()
	aspect := rec.Header.Aspect()
	tracks := make([]kneel.Track, 0, len(rec.Frames))
	tl := replay(rec, stretchwise.ExerciseHalfKneeling, cfg.TargetHoldS, func(f *stretchwise.Frame) *Answer {
		a := l.Update(f, aspect)
		tracks = append(tracks, c.Track())
		return a
	})
	for _, sp := range kneel.FaultSpans(tracks, cfg.Rules) {
		f := Fault{Code: sp.Check.Code(), StartS: sp.StartS, EndS: sp.EndS}
		if sp.Side >= 0 {
			f.Side = sideOf(sp.Side)
			if sp.Check == kneel.CheckFrontKnee {
				f.Side = f.Side.Opposite()
			}
		}
		tl.Faults = append(tl.Faults, f)
	}
	return tl
}

// ReplayBirdDog is Replay for the bird-dog coach; Side is the lifted leg.
// Its Faults are left empty: the bird-dog screen's report has its own.
func ReplayBirdDog(rec *stretchwise.Recording, cfg BirdDogConfig) Timeline {
	aspect := rec.Header.Aspect()
	l := NewBirdDog(cfg, aspect).Live()
	return replay(rec, stretchwise.ExerciseBirdDog, cfg.TargetHoldS, func(f *stretchwise.Frame) *Answer { return l.Update(f, aspect) })
}

// replay feeds every frame of rec to update, in order, and returns the
// timeline of state changes and cues of its answers.
func replay(rec *stretchwise.Recording, ex stretchwise.Exercise, targetS float64, update func(*stretchwise.Frame) *Answer) Timeline {
	tl := Timeline{Exercise: ex, TargetS: targetS, Events: []Event{}, Faults: []Fault{}}
	prev := ""
	for i := range rec.Frames {
		a := update(&rec.Frames[i])
		if a.State != prev {
			tl.Events = append(tl.Events, Event{T: a.T, State: a.State, Side: a.Side, HoldS: a.HoldS})
			prev = a.State
		}
		if a.Cue != "" {
			tl.Events = append(tl.Events, Event{T: a.T, State: a.State, Side: a.Side, HoldS: a.HoldS, Cue: a.Cue, Text: a.CueText})
			tl.Cues++
		}
		tl.Side, tl.HoldS, tl.TargetS = a.Side, a.HoldS, a.TargetS
		if a.HoldS > tl.BestS {
			tl.BestS = a.HoldS
		}
	}
	return tl
}
