package coach

import (
	"fmt"
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/internal/registry"
)

// Answer is a live coach's answer for one frame in plain values, as the
// WebAssembly engine gives it to the page (JSON): the cue codes spelled
// out with their wording, so the page can show and speak them.
type Answer struct {
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

// Live is a running live coach of one exercise.
type Live interface {
	// Update takes the next camera frame (times increasing) of a picture
	// with the given aspect (width/height) and returns the coach's answer.
	// The answer's maps are reused by the next Update.
	Update(f *stretchwise.Frame, aspect float64) *Answer
}

// Rules is what an exercise's live coach registers: how to start it and
// what the page and the replay say about it.
type Rules struct {
	Exercise stretchwise.Exercise
	// Name and SideName title a replay ("bird dog", "last lifted leg").
	Name, SideName string
	// TimerNote says in plain words what the hold timer counts; the
	// session page shows it.
	TimerNote string
	// HoldAngle names the entry of Answer.Angles that says how far into
	// the stretch the person is, the angle the guard keeps; "" for none.
	HoldAngle string
	// New starts a coach toward a good-form hold of targetS seconds (0:
	// the coach's own) for pictures of the given aspect (width/height).
	New func(targetS, aspect float64) Live
	// Replay, when set, replays a recording with more than the answers
	// give (the half-kneeling coach adds the report's fault spans); nil
	// replays the answers of New.
	Replay func(rec *stretchwise.Recording, targetS float64) Timeline
}

// ReplayRecording feeds every frame of rec to a new coach of r toward a
// hold of targetS seconds (0: the coach's own) and returns the timeline.
func (r Rules) ReplayRecording(rec *stretchwise.Recording, targetS float64) Timeline {
	if r.Replay != nil {
		return r.Replay(rec, targetS)
	}
	aspect := rec.Header.Aspect()
	l := r.New(targetS, aspect)
	return replay(rec, r.Exercise, targetS, func(f *stretchwise.Frame) *Answer { return l.Update(f, aspect) })
}

var coaches registry.Of[stretchwise.Exercise, Rules]

// Register adds the live coach of an exercise. The coaches of this package
// register from their files' init functions; a new exercise's coach does
// the same (docs/adding-an-exercise.md). It panics on an empty exercise, a
// nil New or an exercise registered twice.
func Register(r Rules) {
	if r.Exercise == "" || r.New == nil || !coaches.Add(r.Exercise, r) {
		panic(fmt.Sprintf("coach: Register(%q): empty, without New, or registered twice", r.Exercise))
	}
}

// For returns the live coach registered for ex.
func For(ex stretchwise.Exercise) (Rules, bool) { return coaches.Get(ex) }

// Registered returns the registered coaches in the order they registered.
func Registered() []Rules { return coaches.Values() }

// newAnswer returns an answer of ex with room for n checks.
func newAnswer(ex stretchwise.Exercise, n int) Answer {
	return Answer{Exercise: string(ex), Checks: make(map[string]string, n), Angles: map[string]float64{}}
}

// set fills the common fields of a, keeping its maps.
func (a *Answer) set(t float64, state State, side stretchwise.Side, holdS, targetS float64, cue, showing CueCode, in bool) {
	a.T, a.State, a.Side, a.HoldS, a.TargetS, a.InPosition = t, state.String(), side, holdS, targetS, in
	a.Cue, a.CueText, a.Showing, a.ShowingText = "", "", "", ""
	if cue != CueNone {
		a.Cue, a.CueText = cue.String(), cue.Text()
	}
	if showing != CueNone {
		a.Showing, a.ShowingText = showing.String(), showing.Text()
	}
	clear(a.Angles)
}

// angle puts v into a.Angles under name, rounded to 0.1, when finite.
func (a *Answer) angle(name string, v float64) {
	if !math.IsNaN(v) && !math.IsInf(v, 0) {
		a.Angles[name] = math.Round(v*10) / 10
	}
}
