package stretchwise

import "math"

// The overstretch guard's wire types: what a session reports to the guard
// and what the guard answers. They are stored inside session and check-in
// documents and sent to the browser; package guard holds the rules that
// produce them and uses them by these names.

// Guard event kinds.
const (
	EventSetStarted = "set_started"
	EventSetEnded   = "set_ended"
	EventIntensity  = "intensity"  // Value: stretch intensity 0-10
	EventPain       = "pain"       // Value: pain 0-10 at Location
	EventSymptom    = "symptom"    // Symptom: a symptom code
	EventHoldAngle  = "hold_angle" // Value: the held angle in degrees, larger = further into the stretch
	EventJitter     = "jitter"     // Value: landmark jitter of distal points, any unit, same as the baseline
)

// Pain locations of a pain event.
const (
	LocationBack       = "back"
	LocationLeg        = "leg"
	LocationFrontOfHip = "front-of-hip"
)

// Guard actions, from mildest to most serious.
const (
	GuardContinue       = "continue"
	GuardLowerIntensity = "lower_intensity"
	GuardPause          = "pause"
	GuardStop           = "stop"
	GuardSeekCare       = "seek_care"
)

// GuardActions lists the guard actions, mildest first.
var GuardActions = []string{GuardContinue, GuardLowerIntensity, GuardPause, GuardStop, GuardSeekCare}

// Guard session states; a session that called for care is in state
// GuardSeekCare, the action's name.
const (
	GuardRunning = "running"
	GuardPaused  = "paused"
	GuardStopped = "stopped"
)

// Dose changes of the next-morning check-in.
const (
	DoseRaise = "raise"
	DoseKeep  = "keep"
	DoseLower = "lower"
)

// Symptom is a symptom a person may report during a session and the
// guard's action on it.
type Symptom struct {
	Code   string // stable code, sent in a symptom event
	Action string // GuardSeekCare, GuardStop or GuardPause
	Words  string // plain words, e.g. "a cramp"
}

// Symptoms lists the reportable symptoms. The cauda equina signs are the
// intake's red-flag codes (docs/clinical.md red flags: emergency); nerve
// symptoms stop the session (docs/clinical.md: stop on new leg symptoms); a
// cramp pauses it (our choice: it passes with rest).
var Symptoms = []Symptom{
	{"bladder_bowel", GuardSeekCare, "new bladder or bowel trouble"},
	{"saddle_numbness", GuardSeekCare, "numbness around the bottom or genitals"},
	{"bilateral_leg_symptoms", GuardSeekCare, "symptoms in both legs"},
	{"progressive_weakness", GuardSeekCare, "a leg getting weaker"},
	{"sexual_dysfunction", GuardSeekCare, "new sexual dysfunction"},
	{"numbness", GuardStop, "new numbness"},
	{"tingling", GuardStop, "new tingling or pins and needles"},
	{"dizziness", GuardStop, "dizziness"},
	{"cramp", GuardPause, "a cramp"},
}

// LookupSymptom returns the symptom with the given code and whether it exists.
func LookupSymptom(code string) (Symptom, bool) {
	for _, s := range Symptoms {
		if s.Code == code {
			return s, true
		}
	}
	return Symptom{}, false
}

// GuardEvent is one thing that happened in a session, reported to the guard.
type GuardEvent struct {
	Kind     string  `json:"kind"`
	T        float64 `json:"t"` // seconds from the session start
	Exercise string  `json:"exercise,omitempty"`
	Value    float64 `json:"value,omitempty"`
	Location string  `json:"location,omitempty"`
	Symptom  string  `json:"symptom,omitempty"`
}

// Validate checks the event's kind, value range, pain location and symptom
// code; a bad event is an EINVALID error naming the field.
func (e GuardEvent) Validate() error {
	bad := func(format string, args ...any) error {
		return Errorf(EINVALID, "guard: event %s: "+format, append([]any{e.Kind}, args...)...)
	}
	if math.IsNaN(e.Value) || math.IsInf(e.Value, 0) {
		return bad("value: not a number")
	}
	switch e.Kind {
	case EventSetStarted, EventSetEnded:
	case EventIntensity, EventPain:
		if e.Value < 0 || e.Value > 10 {
			return bad("value: %g outside 0..10", e.Value)
		}
		if e.Kind == EventPain {
			switch e.Location {
			case LocationBack, LocationLeg, LocationFrontOfHip:
			default:
				return bad("location: %q, want back, leg or front-of-hip", e.Location)
			}
		}
	case EventSymptom:
		if _, ok := LookupSymptom(e.Symptom); !ok {
			return bad("symptom: unknown code %q", e.Symptom)
		}
	case EventHoldAngle:
		if e.Value < -180 || e.Value > 180 {
			return bad("value: %g deg outside -180..180", e.Value)
		}
	case EventJitter:
		if e.Value < 0 {
			return bad("value: %g, want 0 or more", e.Value)
		}
	default:
		return Errorf(EINVALID, "guard: event kind: unknown %q", e.Kind)
	}
	return nil
}

// GuardDecision is the guard's answer to one event.
type GuardDecision struct {
	Action  string `json:"action"`
	Code    string `json:"code"`
	Message string `json:"message"` // plain words for the person
	Source  string `json:"source"`  // where the rule comes from
	Undo    string `json:"undo"`    // how the decision is reversed
	// Heuristic marks rules no study has validated for a camera; the app
	// says so to the person (docs/clinical.md: protective response).
	Heuristic bool `json:"heuristic,omitempty"`
}

// GuardLimit is the hold-angle cap for today's session, with its explanation.
type GuardLimit struct {
	// MaxAngleDeg is the cap; 0 means no cap (no history yet).
	MaxAngleDeg   float64 `json:"max_angle_deg"`
	RecentAverage float64 `json:"recent_average_deg"`
	SessionCap    float64 `json:"session_cap_deg"`
	// WeeklyCap is 0 when there is no session 7 to 14 days back to
	// measure a weekly trend against.
	WeeklyCap float64 `json:"weekly_cap_deg,omitempty"`
	Code      string  `json:"code"`
	Message   string  `json:"message"`
	Source    string  `json:"source"`
}

// GuardOutcome is the guard's answer over a whole session, as the server
// stores it with the session: the dose level the session was done at, the
// decision on every event, the state after the last one and the highest
// pain reported. It is computed from the session's events and the earlier
// sessions and check-ins (package guard), never taken from a client.
type GuardOutcome struct {
	Level    int `json:"level"`
	MaxLevel int `json:"max_level"`
	// State is running (the session ended without a stop), paused,
	// stopped or seek_care.
	State string `json:"state"`
	// MaxPain is the highest pain reported during the session; absent
	// when no pain was reported (an aborted first hold).
	MaxPain   *float64        `json:"max_pain,omitempty"`
	Decisions []GuardDecision `json:"decisions"`
	Limit     GuardLimit      `json:"limit"`
}

// Validate checks an outcome read back from storage: a known state, a level
// inside 1..MaxLevel, pain 0-10 and a known action on every decision. A bad
// one is an EINVALID error naming the field.
func (o *GuardOutcome) Validate() error {
	bad := func(format string, args ...any) error {
		return Errorf(EINVALID, "guard outcome: "+format, args...)
	}
	switch o.State {
	case GuardRunning, GuardPaused, GuardStopped, GuardSeekCare:
	default:
		return bad("state: unknown %q", o.State)
	}
	if o.MaxLevel < 1 || o.Level < 1 || o.Level > o.MaxLevel {
		return bad("level: %d outside 1..%d", o.Level, o.MaxLevel)
	}
	if o.MaxPain != nil && !(*o.MaxPain >= 0 && *o.MaxPain <= 10) {
		return bad("max_pain: %g outside 0..10", *o.MaxPain)
	}
	for i, d := range o.Decisions {
		known := false
		for _, a := range GuardActions {
			known = known || d.Action == a
		}
		if !known || d.Code == "" || d.Message == "" {
			return bad("decisions[%d]: action %q code %q: want a known action, a code and a message", i, d.Action, d.Code)
		}
	}
	if math.IsNaN(o.Limit.MaxAngleDeg) || math.IsInf(o.Limit.MaxAngleDeg, 0) {
		return bad("limit.max_angle_deg: not a number")
	}
	return nil
}

// CheckInResult is the next-morning rule's dose for the next session and why.
type CheckInResult struct {
	Level   int    `json:"level"`
	Change  string `json:"change"` // raise, keep or lower
	Settled int    `json:"settled"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Source  string `json:"source"`
	Undo    string `json:"undo"`
}

// Validate checks a check-in result read back from storage.
func (r *CheckInResult) Validate() error {
	switch r.Change {
	case DoseRaise, DoseKeep, DoseLower:
	default:
		return Errorf(EINVALID, "guard check-in result: change: unknown %q", r.Change)
	}
	if r.Level < 1 || r.Settled < 0 || r.Code == "" || r.Message == "" {
		return Errorf(EINVALID, "guard check-in result: level %d settled %d code %q: want level 1 or more, settled 0 or more, a code and a message", r.Level, r.Settled, r.Code)
	}
	return nil
}
