// Package guard is the overstretch guard of a session: it takes the
// session's events (sets started and ended, stretch intensity, pain with its
// location, new symptoms, hold angles, landmark jitter) and answers each with
// a decision (continue, lower intensity, pause, stop, seek care) in plain
// words, with the rule's source and how the decision is undone. It also caps
// progression per session and per week and runs the next-morning check-in
// that raises, keeps or lowers the dose one level. It is pure: no I/O, the
// standard library and the root package only.
package guard

import (
	"fmt"
	"math"

	"github.com/stretchwise/stretchwise"
)

// Config holds the guard's thresholds. DefaultConfig gives each its source.
type Config struct {
	MaxIntensity   float64 // highest stretch intensity, 0-10 (docs/clinical.md: at most 3-4/10)
	PausePainAbove float64 // pause when pain is above this (Silbernagel 2007: > 5/10 not acceptable)
	SafePainMax    float64 // pain up to this is safe (Silbernagel 2007: 0-3/10)
	PainRise       float64 // stop when pain rises this much over baseline (Suzuki 2020: NPRS MIC 2)
	HoldDropDeg    float64 // hold angle falling more than this within a set (docs/clinical.md heuristic: 5 deg)
	JitterRatio    float64 // jitter above this multiple of baseline (docs/clinical.md heuristic: 2x)
	SessionCapDeg  float64 // max degrees over the recent average per session (docs/clinical.md: about 5 deg)
	WeeklyCapDeg   float64 // max trend in degrees per week (docs/clinical.md: 3 deg/week, Reid & Kim 2014)
	RecentSessions int     // sessions in the recent average (our choice: 3, enough to average out ~5 deg noise)
	SettledToRaise int     // settled mornings in a row before raising a level (our choice: 2, one good morning may be luck)
}

// DefaultConfig returns the thresholds of docs/clinical.md.
func DefaultConfig() Config {
	return Config{
		MaxIntensity:   4, // docs/clinical.md: mild tension, at most 3-4/10
		PausePainAbove: 5, // Silbernagel 2007: pain above 5/10 is not acceptable
		SafePainMax:    3, // Silbernagel 2007: 0-3/10 safe
		PainRise:       2, // Suzuki 2020: NPRS minimal important change is 2 points
		HoldDropDeg:    5, // docs/clinical.md protective response heuristic
		JitterRatio:    2, // docs/clinical.md protective response heuristic
		SessionCapDeg:  5, // docs/clinical.md: about 5 deg per session over the recent average
		WeeklyCapDeg:   3, // docs/clinical.md: 3 deg/week trend (Reid & Kim 2014)
		RecentSessions: 3, // our choice: averages out single-session noise (~5 deg, Peeler 2008)
		SettledToRaise: 2, // our choice: two settled mornings in a row, not one
	}
}

// Sources the decisions name.
const (
	srcIntensity = "stretch to mild tension, at most 3-4 out of 10; more intensity is not better (Hatano et al. 2022; Apostolopoulos et al. 2018)"
	srcEffort    = "strength and stability work at a steady effort, with back pain no higher than before; pain 0-3 out of 10 is the safe zone (Silbernagel et al. 2007, pain-monitoring model)"
	srcPain      = "Silbernagel 2007, AJSM 35:897 (pain-monitoring model: 0-3 safe, 4-5 acceptable, > 5 not)"
	srcNewPain   = "stop on any new back or leg pain (Silbernagel et al. 2007, pain-monitoring model)"
	srcRise      = "stop when back pain rises 2 points or more (Suzuki et al. 2020: the smallest change in a 0-10 pain score that matters)"
	srcLegRise   = "Suzuki 2020 (NPRS minimal important change 2 points), applied to leg pain too: we chose this because rising leg pain is the more worrying"
	srcCauda     = "Finucane et al. 2020, JOSPT 50:350 (red flags): cauda equina signs are an emergency"
	srcSymptom   = "stop on new leg symptoms (Finucane et al. 2020, JOSPT 50:350); the cramp and dizziness rules are our own, not from a study"
	srcGuarding  = "a rule of thumb (heuristic) for muscle guarding, not validated for cameras (the EmoPain studies used motion capture and muscle sensors)"
	srcRising    = "a rule of thumb (heuristic) for muscle guarding: rising reported discomfort; a rise of 2 points is the smallest change in a 0-10 pain score that matters (Suzuki et al. 2020), which we reuse here"
	srcSession   = "progress capped at about 5 deg per session over the recent average, because range gains are mostly tolerance (Weppler & Magnusson 2010, Phys Ther)"
	srcWeekly    = "about 3 deg a week is typical progress (Reid & Kim 2014)"
)

// Baseline is what the guard knows before the session starts.
type Baseline struct {
	BackPain float64 // back pain 0-10 before the session
	LegPain  float64 // leg pain 0-10 before the session; 0 = none
	// Jitter is the person's own landmark jitter at rest, in the unit of
	// jitter events; 0 means unknown, and the first jitter event of the
	// session becomes the baseline.
	Jitter float64
	// Limit caps the hold angle this session (from ProgressionLimit); a
	// zero Limit.MaxAngleDeg means no cap.
	Limit stretchwise.GuardLimit
	// Effort says the exercise is a strength or stability exercise (the
	// library's stability and mobility kinds): intensity events rate the
	// effort, not a stretch, and the words say so. False: a stretch.
	Effort bool
	// MaxIntensity is the exercise's highest intensity 0-10 (the library's
	// dose table); 0 means Config.MaxIntensity.
	MaxIntensity float64
}

// Session is the guard of one session. It is not safe for concurrent use.
type Session struct {
	cfg   Config
	base  Baseline
	state string
	why   stretchwise.GuardDecision // the decision that stopped or paused the session

	inSet      bool
	setPeak    float64 // highest hold angle of the current set
	hasPeak    bool
	warnedDrop bool
	warnedCap  bool
	warnedJit  bool
	warnedRise bool
	setFirst   float64 // first intensity report of the set, -1 before it
	lastPain   map[string]float64
	maxPain    float64
	reported   bool   // a pain event was handled
	pauseAt    string // location of the pain that paused the session; "" for a symptom
}

// NewSession returns the guard of a new session.
func NewSession(cfg Config, b Baseline) *Session {
	return &Session{cfg: cfg, base: b, state: stretchwise.GuardRunning, lastPain: map[string]float64{}, setFirst: -1}
}

// State returns running, paused, stopped or seek_care.
func (s *Session) State() string { return s.state }

// MaxPain returns the highest pain reported in the session, for the
// next-morning check-in.
func (s *Session) MaxPain() float64 { return s.maxPain }

// Stopped reports whether the session ended in stop or seek care.
func (s *Session) Stopped() bool {
	return s.state == stretchwise.GuardStopped || s.state == stretchwise.GuardSeekCare
}

// Handle takes one event and returns the guard's decision. A malformed event
// (unknown kind, location or symptom, value out of range) is an EINVALID
// error and changes nothing.
func (s *Session) Handle(e stretchwise.GuardEvent) (stretchwise.GuardDecision, error) {
	if err := e.Validate(); err != nil {
		return stretchwise.GuardDecision{}, err
	}
	// Symptoms always count, even after a stop: they may call for care.
	if e.Kind == stretchwise.EventSymptom {
		return s.symptom(e), nil
	}
	if e.Kind == stretchwise.EventPain {
		s.maxPain, s.reported = math.Max(s.maxPain, e.Value), true
	}
	switch s.state {
	case stretchwise.GuardSeekCare, stretchwise.GuardStopped:
		d := s.why
		d.Message = "The session is over: " + d.Message
		return d, nil
	}
	if s.state == stretchwise.GuardPaused && e.Kind != stretchwise.EventSetStarted && e.Kind != stretchwise.EventPain {
		d := s.why
		d.Message = "Still paused: " + d.Message
		return d, nil
	}
	switch e.Kind {
	case stretchwise.EventSetStarted:
		return s.setStarted(), nil
	case stretchwise.EventSetEnded:
		s.inSet = false
		return stretchwise.GuardDecision{Action: stretchwise.GuardContinue, Code: "set_ended",
			Message: "Set done. How much does it hurt now, and where?",
			Source:  srcPain, Undo: "nothing to undo"}, nil
	case stretchwise.EventIntensity:
		return s.intensity(e), nil
	case stretchwise.EventPain:
		return s.pain(e), nil
	case stretchwise.EventHoldAngle:
		return s.holdAngle(e), nil
	case stretchwise.EventJitter:
		return s.jitter(e), nil
	}
	panic("guard: unhandled event kind " + e.Kind) // check rejects unknown kinds
}

func (s *Session) setStarted() stretchwise.GuardDecision {
	s.inSet, s.hasPeak, s.warnedDrop, s.warnedCap, s.warnedJit, s.warnedRise = true, false, false, false, false, false
	s.setFirst = -1
	if s.state == stretchwise.GuardPaused {
		// Resume only once the last pain report is back in range.
		if s.pauseAt != "" && s.lastPain[s.pauseAt] > s.cfg.PausePainAbove {
			d := s.why
			d.Message = "Still paused: " + d.Message
			return d
		}
		s.state = stretchwise.GuardRunning
	}
	msg := fmt.Sprintf("Go gently: mild tension only, at most %g out of 10.", s.maxIntensity())
	if s.base.Effort {
		msg = fmt.Sprintf("Move slowly and with control: a steady effort, at most %g out of 10, and no more back pain than before.", s.maxIntensity())
	}
	return stretchwise.GuardDecision{Action: stretchwise.GuardContinue, Code: "set_started", Message: msg, Source: s.intensitySource(), Undo: "nothing to undo"}
}

// maxIntensity is the highest intensity of this session's exercise.
func (s *Session) maxIntensity() float64 {
	if s.base.MaxIntensity > 0 {
		return s.base.MaxIntensity
	}
	return s.cfg.MaxIntensity
}

func (s *Session) intensitySource() string {
	if s.base.Effort {
		return srcEffort
	}
	return srcIntensity
}

func (s *Session) intensity(e stretchwise.GuardEvent) stretchwise.GuardDecision {
	if s.setFirst < 0 {
		s.setFirst = e.Value
	}
	top, src := s.maxIntensity(), s.intensitySource()
	if e.Value > top {
		msg := fmt.Sprintf("You rated the stretch %g out of 10; mild tension is at most %g. Ease off a little until it feels mild.", e.Value, top)
		if s.base.Effort {
			msg = fmt.Sprintf("You rated the effort %g out of 10; a steady effort is at most %g. Take it easier: a lower reach or a shorter hold.", e.Value, top)
		}
		return stretchwise.GuardDecision{Action: stretchwise.GuardLowerIntensity, Code: "intensity_above_mild", Message: msg, Source: src,
			Undo: "none needed: go as far as feels mild; the target does not change"}
	}
	if rise := e.Value - s.setFirst; rise >= s.cfg.PainRise && !s.warnedRise {
		s.warnedRise = true
		msg := fmt.Sprintf("The same stretch feels %g points stronger than at the start of the set, which can mean the muscles are guarding. Ease off a little. (This is a rule of thumb, not a proven measure.)", rise)
		if s.base.Effort {
			msg = fmt.Sprintf("The same hold feels %g points harder than at the start of the set, which can mean the muscles are guarding. Take it easier. (This is a rule of thumb, not a proven measure.)", rise)
		}
		return stretchwise.GuardDecision{Action: stretchwise.GuardLowerIntensity, Code: "discomfort_rising", Message: msg,
			Source: srcRising, Heuristic: true,
			Undo: "the next set starts fresh at a mild effort"}
	}
	msg := fmt.Sprintf("%g out of 10 is mild: keep it there.", e.Value)
	if s.base.Effort {
		msg = fmt.Sprintf("%g out of 10 is a steady effort: keep it there.", e.Value)
	}
	return stretchwise.GuardDecision{Action: stretchwise.GuardContinue, Code: "intensity_mild", Message: msg, Source: src, Undo: "nothing to undo"}
}

func (s *Session) pain(e stretchwise.GuardEvent) stretchwise.GuardDecision {
	s.lastPain[e.Location] = e.Value
	var base float64
	switch e.Location {
	case stretchwise.LocationBack:
		base = s.base.BackPain
	case stretchwise.LocationLeg:
		base = s.base.LegPain
	}
	undoStop := "the next session starts again at the current dose, or one level lower if tomorrow morning's pain is above today's baseline; nothing is lost"
	switch {
	case e.Location != stretchwise.LocationFrontOfHip && base == 0 && e.Value > 0:
		return s.stop(stretchwise.GuardDecision{Action: stretchwise.GuardStop, Code: "new_" + e.Location + "_pain",
			Message: fmt.Sprintf("New %s pain (%g out of 10) that was not there before. Stop for today.", e.Location, e.Value),
			Source:  srcNewPain, Undo: undoStop})
	case e.Location == stretchwise.LocationBack && e.Value-base >= s.cfg.PainRise:
		return s.stop(stretchwise.GuardDecision{Action: stretchwise.GuardStop, Code: "back_pain_rise",
			Message: fmt.Sprintf("Your back pain went from %g to %g out of 10, up %g points or more. Stop for today.", base, e.Value, s.cfg.PainRise),
			Source:  srcRise, Undo: undoStop})
	case e.Location == stretchwise.LocationLeg && e.Value-base >= s.cfg.PainRise:
		return s.stop(stretchwise.GuardDecision{Action: stretchwise.GuardStop, Code: "leg_pain_rise",
			Message: fmt.Sprintf("Your leg pain went from %g to %g out of 10, up %g points or more. Stop for today.", base, e.Value, s.cfg.PainRise),
			Source:  srcLegRise, Undo: undoStop})
	case e.Value > s.cfg.PausePainAbove:
		d := stretchwise.GuardDecision{Action: stretchwise.GuardPause, Code: "pain_above_5",
			Message: fmt.Sprintf("Pain %g out of 10 at the %s is above %g. Pause, rest, and tell me again when it has eased.", e.Value, e.Location, s.cfg.PausePainAbove),
			Source:  srcPain,
			Undo:    fmt.Sprintf("the session resumes when you report %g out of 10 or less", s.cfg.PausePainAbove)}
		s.state, s.why, s.pauseAt = stretchwise.GuardPaused, d, e.Location
		return d
	case s.state == stretchwise.GuardPaused && s.pauseAt != "" && e.Location != s.pauseAt:
		d := s.why
		d.Message = "Still paused: " + d.Message + fmt.Sprintf(" How is the %s now?", s.pauseAt)
		return d
	case s.state == stretchwise.GuardPaused:
		s.state = stretchwise.GuardRunning
		return stretchwise.GuardDecision{Action: stretchwise.GuardContinue, Code: "resume",
			Message: fmt.Sprintf("Pain %g out of 10: back in range. Carry on gently.", e.Value),
			Source:  srcPain, Undo: fmt.Sprintf("the guard pauses again if pain goes above %g", s.cfg.PausePainAbove)}
	case e.Value > s.cfg.SafePainMax:
		return stretchwise.GuardDecision{Action: stretchwise.GuardContinue, Code: "pain_acceptable",
			Message: fmt.Sprintf("%s %g out of 10 is acceptable, but do not go further.", painAt(e.Location), e.Value),
			Source:  srcPain, Undo: "nothing to undo"}
	}
	return stretchwise.GuardDecision{Action: stretchwise.GuardContinue, Code: "pain_safe",
		Message: fmt.Sprintf("%s %g out of 10 is in the safe zone.", painAt(e.Location), e.Value),
		Source:  srcPain, Undo: "nothing to undo"}
}

// painAt names the pain at a location in words: "Back pain", "Leg pain",
// "Pain at the front of the hip".
func painAt(location string) string {
	switch location {
	case stretchwise.LocationBack:
		return "Back pain"
	case stretchwise.LocationLeg:
		return "Leg pain"
	}
	return "Pain at the front of the hip"
}

func (s *Session) stop(d stretchwise.GuardDecision) stretchwise.GuardDecision {
	s.state, s.why = stretchwise.GuardStopped, d
	return d
}

func (s *Session) symptom(e stretchwise.GuardEvent) stretchwise.GuardDecision {
	r, _ := stretchwise.LookupSymptom(e.Symptom) // known: Handle validated e
	switch r.Action {
	case stretchwise.GuardSeekCare:
		d := stretchwise.GuardDecision{Action: stretchwise.GuardSeekCare, Code: "symptom_" + e.Symptom,
			Message: "You reported " + r.Words + ". Stop now and seek emergency care today: this can be a sign of pressure on the nerves at the base of the spine (cauda equina syndrome).",
			Source:  srcCauda,
			Undo:    "only a clinician can clear you; the app stays in this state until you tell it you have been seen"}
		s.state, s.why = stretchwise.GuardSeekCare, d
		return d
	case stretchwise.GuardStop:
		if s.state == stretchwise.GuardSeekCare {
			return s.why
		}
		return s.stop(stretchwise.GuardDecision{Action: stretchwise.GuardStop, Code: "symptom_" + e.Symptom,
			Message: "You reported " + r.Words + ". Stop for today; if it does not pass within the day, see a clinician.",
			Source:  srcSymptom,
			Undo:    "the next session starts again if the symptom has gone; if it comes back, see a clinician"})
	}
	if s.state != stretchwise.GuardRunning {
		return s.why // already paused, stopped or sent to care: keep the stronger reason
	}
	d := stretchwise.GuardDecision{Action: stretchwise.GuardPause, Code: "symptom_" + e.Symptom,
		Message: "You reported " + r.Words + ". Pause and let it pass.",
		Source:  srcSymptom, Undo: "start the next set when it has passed"}
	s.state, s.why, s.pauseAt = stretchwise.GuardPaused, d, ""
	return d
}

func (s *Session) holdAngle(e stretchwise.GuardEvent) stretchwise.GuardDecision {
	if lim := s.base.Limit; lim.MaxAngleDeg != 0 && e.Value > lim.MaxAngleDeg && !s.warnedCap {
		s.warnedCap = true
		return stretchwise.GuardDecision{Action: stretchwise.GuardLowerIntensity, Code: "progression_cap",
			Message: fmt.Sprintf("You are %.0f deg into the stretch; today's cap is %.0f deg (%s). Ease back a little: range comes with time, not force.", e.Value, lim.MaxAngleDeg, lim.Message),
			Source:  lim.Source,
			Undo:    fmt.Sprintf("the cap rises as your recent sessions rise, up to %g deg a session and %g deg a week", s.cfg.SessionCapDeg, s.cfg.WeeklyCapDeg)}
	}
	if !s.hasPeak || e.Value > s.setPeak {
		s.setPeak, s.hasPeak = e.Value, true
	}
	if drop := s.setPeak - e.Value; drop > s.cfg.HoldDropDeg && !s.warnedDrop {
		s.warnedDrop = true
		return guarding(stretchwise.GuardLowerIntensity, "hold_angle_falling",
			fmt.Sprintf("Your hold fell back %.0f deg during the set, which can mean the muscles are guarding. Ease off to a gentler position and breathe. (This is a rule of thumb, not a proven measure.)", drop))
	}
	return guarding(stretchwise.GuardContinue, "hold_ok", "Steady. Keep breathing.")
}

func (s *Session) jitter(e stretchwise.GuardEvent) stretchwise.GuardDecision {
	if s.base.Jitter <= 0 {
		s.base.Jitter = e.Value
		return guarding(stretchwise.GuardContinue, "jitter_baseline",
			"Measured how still you are at the start; later sets are compared with this.")
	}
	if ratio := e.Value / s.base.Jitter; ratio > s.cfg.JitterRatio && !s.warnedJit {
		s.warnedJit = true
		return guarding(stretchwise.GuardLowerIntensity, "jitter_rising",
			fmt.Sprintf("Your arms and legs are shaking %.1f times more than at the start, which can mean the muscles are guarding. Ease off to a gentler position. (This is a rule of thumb, not a proven measure.)", ratio))
	}
	return guarding(stretchwise.GuardContinue, "jitter_ok", "Steady.")
}

// guarding is a decision of the rule of thumb for muscle guarding: to
// continue (nothing to undo) or to ease off (undone by the next set).
func guarding(action, code, message string) stretchwise.GuardDecision {
	undo := "nothing to undo"
	if action == stretchwise.GuardLowerIntensity {
		undo = "the next set starts fresh at a mild stretch"
	}
	return stretchwise.GuardDecision{Action: action, Code: code, Message: message, Source: srcGuarding, Heuristic: true, Undo: undo}
}
