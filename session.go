package stretchwise

import (
	"fmt"
	"regexp"
	"time"
	"unicode/utf8"
)

// The patient's stored documents besides the intake (intake.go) and the
// clearance (safety.go): sessions with their sets, next-morning check-ins
// and plans. Each validates itself; the API, the command line and the
// WebAssembly engine use these types and their Validate methods.

// Session and check-in bounds. Our choice, because each is far above what a
// person does and keeps one document small.
const (
	MaxSets        = 200   // sets in one session
	MaxGuardEvents = 10000 // events in one session: a hold-angle event every 2 s over 200 sets of a minute is 6000
	MaxHoldS       = 3600  // seconds of one hold
	MaxSetMeasures = 100   // measures of one set
	MaxNotes       = 4000  // characters of notes (the page counts the same)
	MaxStopReason  = 1000  // characters of a stopped reason
	MaxRating      = 10    // top of a 0-10 rating (pain, intensity, stiffness)
)

// exerciseID matches an exercise id of the library: lower case, digits and
// hyphens.
var exerciseID = regexp.MustCompile(`^[a-z][a-z0-9-]{0,63}$`)

// ValidExerciseID reports whether id is an exercise id as the stored
// documents take it (a letter, then up to 63 lower-case letters, digits
// and hyphens); package library refuses an entry with another, so every
// plan made from it passes Plan.Validate.
func ValidExerciseID(id string) bool { return exerciseID.MatchString(id) }

// Set is one set of an exercise session. A completed set carries the
// intensity and pain the person chose after it; an aborted set (the session
// was stopped during the hold) carries none unless they were chosen: pain
// nobody entered is absent, never 0.
type Set struct {
	Exercise    string    `json:"exercise"`
	Side        Side      `json:"side,omitempty"`
	HoldS       float64   `json:"hold_s"`              // seconds held in good form
	Aborted     bool      `json:"aborted,omitempty"`   // stopped during the hold
	Intensity   *int      `json:"intensity,omitempty"` // intensity 0-10 (of the stretch, or the effort)
	Pain        *int      `json:"pain,omitempty"`      // back pain 0-10 after the set
	LegPain     *int      `json:"leg_pain,omitempty"`  // leg pain 0-10 after the set
	Measures    []Measure `json:"measures,omitempty"`
	RecordingID *int64    `json:"recording_id,omitempty"` // a recording of kind "session"
}

// Validate checks one set on its own; errors name the field ("set.hold_s").
func (s *Set) Validate() error { return s.validate("set") }

// validate checks the set, naming its fields under path ("sets[2]").
func (s *Set) validate(path string) error {
	if !exerciseID.MatchString(s.Exercise) {
		return Errorf(EINVALID, "%s.exercise is not an exercise id.", path)
	}
	if s.Side != SideNone && s.Side != SideLeft && s.Side != SideRight {
		return Errorf(EINVALID, "%s.side must be left, right or absent.", path)
	}
	if !(s.HoldS >= 0 && s.HoldS <= MaxHoldS) {
		return Errorf(EINVALID, "%s.hold_s must be 0 to %d seconds.", path, MaxHoldS)
	}
	if !s.Aborted && (s.Intensity == nil || s.Pain == nil) {
		return Errorf(EINVALID, "%s needs intensity and pain (0 to 10) chosen by the person; a set stopped during the hold is sent with \"aborted\": true.", path)
	}
	if err := ratings(path+".", rating{"intensity", s.Intensity}, rating{"pain", s.Pain}, rating{"leg_pain", s.LegPain}); err != nil {
		return err
	}
	if len(s.Measures) > MaxSetMeasures {
		return Errorf(EINVALID, "%s has too many measures.", path)
	}
	return nil
}

// Session is the session document. Guard is the server's replay of the
// events: a client that sends it is refused, and the server fills it in.
type Session struct {
	PlanID        *int64        `json:"plan_id,omitempty"`
	Exercise      string        `json:"exercise,omitempty"` // the session's exercise; default: that of the first set
	StartedAt     time.Time     `json:"started_at"`
	EndedAt       *time.Time    `json:"ended_at,omitempty"`
	PainBefore    *int          `json:"pain_before,omitempty"`
	LegPainBefore *int          `json:"leg_pain_before,omitempty"`
	PainAfter     *int          `json:"pain_after,omitempty"`
	Sets          []Set         `json:"sets"`
	StoppedReason string        `json:"stopped_reason,omitempty"`
	Events        []GuardEvent  `json:"events,omitempty"` // what was reported to the guard, oldest first
	Guard         *GuardOutcome `json:"guard,omitempty"`  // the server's replay of the events
	Notes         string        `json:"notes,omitempty"`
}

// SessionExercise is the session's exercise: Exercise, or that of the first
// set when it is empty.
func (s *Session) SessionExercise() string {
	if s.Exercise == "" && len(s.Sets) > 0 {
		return s.Sets[0].Exercise
	}
	return s.Exercise
}

// Validate checks a session: times, ratings 0-10, sizes, every set and
// event, and for a session with sets or events its exercise, the pains
// before it (the guard compares with them) and that every completed set's
// intensity and pain are what was reported to the guard after it. Whether
// the plan and recordings it names are the patient's is the server's check.
func (s *Session) Validate() error {
	if s.StartedAt.IsZero() {
		return Errorf(EINVALID, "started_at is required (RFC 3339).")
	}
	if s.EndedAt != nil && s.EndedAt.Before(s.StartedAt) {
		return Errorf(EINVALID, "ended_at is before started_at.")
	}
	if err := ratings("", rating{"pain_before", s.PainBefore}, rating{"leg_pain_before", s.LegPainBefore}, rating{"pain_after", s.PainAfter}); err != nil {
		return err
	}
	if len(s.Sets) > MaxSets {
		return Errorf(EINVALID, "A session has at most %d sets.", MaxSets)
	}
	if len(s.Events) > MaxGuardEvents {
		return Errorf(EINVALID, "A session has at most %d events.", MaxGuardEvents)
	}
	if err := tooLong("The note", s.Notes, MaxNotes); err != nil {
		return err
	}
	if err := tooLong("The reason for stopping", s.StoppedReason, MaxStopReason); err != nil {
		return err
	}
	if s.PlanID != nil && *s.PlanID <= 0 {
		return Errorf(EINVALID, "plan_id is not one of your plans.")
	}
	for i := range s.Sets {
		if err := s.Sets[i].validate(fmt.Sprintf("sets[%d]", i)); err != nil {
			return err
		}
	}
	if len(s.Sets) > 0 || len(s.Events) > 0 {
		if s.SessionExercise() == "" {
			return Errorf(EINVALID, "exercise is required for a session with events.")
		}
		if s.PainBefore == nil || s.LegPainBefore == nil {
			return Errorf(EINVALID, "pain_before and leg_pain_before (0 to 10) are required: the guard compares the pain during the session with them.")
		}
	}
	for i, e := range s.Events {
		if err := e.Validate(); err != nil {
			return Errorf(EINVALID, "events[%d]: %s", i, ErrorMessage(err))
		}
	}
	if len(s.Events) > 0 {
		if err := s.setsMatchEvents(); err != nil {
			return err
		}
	}
	if s.Guard != nil {
		if err := s.Guard.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// SetEvents are the guard events of sets sent without events (an API
// client's summary): each completed set started, ended, and its intensity
// and pains reported.
func (s *Session) SetEvents() []GuardEvent {
	var out []GuardEvent
	t := 0.0
	for _, set := range s.Sets {
		out = append(out, GuardEvent{Kind: EventSetStarted, T: t, Exercise: set.Exercise})
		t += set.HoldS
		if set.Aborted {
			continue
		}
		out = append(out, GuardEvent{Kind: EventSetEnded, T: t, Exercise: set.Exercise},
			GuardEvent{Kind: EventIntensity, T: t, Value: float64(*set.Intensity), Exercise: set.Exercise},
			GuardEvent{Kind: EventPain, T: t, Value: float64(*set.Pain), Location: LocationBack})
		if set.LegPain != nil {
			out = append(out, GuardEvent{Kind: EventPain, T: t, Value: float64(*set.LegPain), Location: LocationLeg})
		}
	}
	return out
}

// setsMatchEvents checks that every completed set's intensity and back pain
// are the first ones reported to the guard after its set_ended event, so the
// stored sets are what the guard judged.
func (s *Session) setsMatchEvents() error {
	type report struct{ intensity, pain *float64 }
	var reports []report
	cur := -1
	for i := range s.Events {
		e := &s.Events[i]
		switch {
		case e.Kind == EventSetEnded:
			reports = append(reports, report{})
			cur = len(reports) - 1
		case e.Kind == EventSetStarted:
			cur = -1
		case cur >= 0 && e.Kind == EventIntensity && reports[cur].intensity == nil:
			reports[cur].intensity = &e.Value
		case cur >= 0 && e.Kind == EventPain && e.Location == LocationBack && reports[cur].pain == nil:
			reports[cur].pain = &e.Value
		}
	}
	k := 0
	for i, set := range s.Sets {
		if set.Aborted {
			continue
		}
		if k >= len(reports) || reports[k].intensity == nil || reports[k].pain == nil {
			return Errorf(EINVALID, "sets[%d]: no intensity and back pain were reported to the guard after it (events).", i)
		}
		if float64(*set.Intensity) != *reports[k].intensity || float64(*set.Pain) != *reports[k].pain {
			return Errorf(EINVALID, "sets[%d]: intensity %d and pain %d are not what was reported to the guard (%g and %g).", i, *set.Intensity, *set.Pain, *reports[k].intensity, *reports[k].pain)
		}
		k++
	}
	return nil
}

// CheckIn is the next-morning check-in. Exercise and Result are the
// server's: the next-morning rule's answer for the exercise of the latest
// session; a client that sends them is refused.
type CheckIn struct {
	Date      string         `json:"date,omitempty"` // YYYY-MM-DD, the morning it is about
	Pain      *int           `json:"pain"`           // back pain now, 0-10
	LegPain   *int           `json:"leg_pain,omitempty"`
	Stiffness *int           `json:"stiffness,omitempty"` // 0-10
	Notes     string         `json:"notes,omitempty"`
	Exercise  string         `json:"exercise,omitempty"`
	Result    *CheckInResult `json:"result,omitempty"`
}

// Validate checks a check-in: pain given, ratings 0-10, the date and the
// notes' length, and the server's result when there is one.
func (c *CheckIn) Validate() error {
	if c.Pain == nil {
		return Errorf(EINVALID, "pain (0 to 10) is required: choose how your back is this morning.")
	}
	if err := ratings("", rating{"pain", c.Pain}, rating{"leg_pain", c.LegPain}, rating{"stiffness", c.Stiffness}); err != nil {
		return err
	}
	if c.Date != "" {
		if _, err := time.Parse(time.DateOnly, c.Date); err != nil {
			return Errorf(EINVALID, "date must be YYYY-MM-DD.")
		}
	}
	if err := tooLong("The note", c.Notes, MaxNotes); err != nil {
		return err
	}
	if c.Result != nil {
		return c.Result.Validate()
	}
	return nil
}

// PlanDocument is the stored plan: what it was computed from and the plan.
type PlanDocument struct {
	IntakeID     int64   `json:"intake_id"`
	ScreeningIDs []int64 `json:"screening_ids"`
	Plan         *Plan   `json:"plan"`
}

// Validate checks a plan document: its intake, its screenings and the plan.
func (d *PlanDocument) Validate() error {
	if d.IntakeID <= 0 {
		return Errorf(EINVALID, "plan: intake_id is required.")
	}
	for i, id := range d.ScreeningIDs {
		if id <= 0 {
			return Errorf(EINVALID, "plan: screening_ids[%d]: %d is not a recording id.", i, id)
		}
	}
	if d.Plan == nil {
		return Errorf(EINVALID, "plan: plan is required.")
	}
	return d.Plan.Validate()
}

// Validate checks a plan: a known action, exercises only in an exercise
// plan, and every exercise with an id and a dose level of 1 or more.
func (p *Plan) Validate() error {
	switch p.Action {
	case ActionEmergency, ActionRefer, ActionExercise:
	default:
		return Errorf(EINVALID, "plan: action: %q, want %s, %s or %s.", p.Action, ActionEmergency, ActionRefer, ActionExercise)
	}
	if p.Action != ActionExercise && len(p.Do) > 0 {
		return Errorf(EINVALID, "plan: do: a plan with action %s has no exercises to do.", p.Action)
	}
	for i, it := range p.Do {
		if !exerciseID.MatchString(it.Exercise) {
			return Errorf(EINVALID, "plan: do[%d].exercise: %q is not an exercise id.", i, it.Exercise)
		}
		if it.Dose.Level < 1 {
			return Errorf(EINVALID, "plan: do[%d].dose.level: %d, want 1 or more.", i, it.Dose.Level)
		}
	}
	for i, it := range p.Avoid {
		if !exerciseID.MatchString(it.Exercise) {
			return Errorf(EINVALID, "plan: avoid[%d].exercise: %q is not an exercise id.", i, it.Exercise)
		}
	}
	return nil
}

// rating is a named 0-10 rating; nil when not given.
type rating struct {
	name string
	v    *int
}

// ratings checks that every given rating is 0 to 10, naming the first bad
// one under prefix.
func ratings(prefix string, rs ...rating) error {
	for _, r := range rs {
		if r.v != nil && (*r.v < 0 || *r.v > MaxRating) {
			return Errorf(EINVALID, "%s%s must be 0 to 10.", prefix, r.name)
		}
	}
	return nil
}

// tooLong says in a person's words which text is over its limit and how
// many characters it may have. The limits count characters (Unicode code
// points), as the page's counters do, never bytes: an accent or an emoji
// is one character.
func tooLong(what, text string, max int) error {
	if utf8.RuneCountInString(text) > max {
		return Errorf(EINVALID, "%s may be at most %d characters.", what, max)
	}
	return nil
}
