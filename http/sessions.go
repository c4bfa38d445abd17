package http

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/guard"
	"github.com/stretchwise/stretchwise/library"
)

// The overstretch guard and the dose on the server. The browser runs the
// same guard (package guard, compiled to WebAssembly) for its live answers,
// but what is stored is recomputed here from the session's events and the
// patient's earlier sessions and check-ins: a decision or a dose level sent
// by a client is refused, never stored.

// validateSession checks a session as the patient sent it
// (stretchwise.Session.Validate, and that the plan and recordings it names
// are theirs), then adds the server's guard outcome.
func (s *Server) validateSession(r *http.Request, u *stretchwise.User, body []byte) (any, error) {
	var in stretchwise.Session
	if err := unmarshalStrict(body, &in); err != nil {
		return nil, err
	}
	if err := s.refuseUnsafe(r.Context(), u.ID, "Exercise sessions"); err != nil {
		return nil, err
	}
	if in.Guard != nil {
		return nil, invalid("guard is worked out by the server from the events; do not send it.")
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if err := s.notInTheFuture("started_at", in.StartedAt); err != nil {
		return nil, err
	}
	if in.EndedAt != nil {
		if err := s.notInTheFuture("ended_at", *in.EndedAt); err != nil {
			return nil, err
		}
	}
	if in.PlanID != nil {
		d, err := s.store.FindDocument(r.Context(), stretchwise.DocPlan, *in.PlanID)
		if err != nil || d.PatientID != u.ID {
			return nil, invalid("plan_id is not one of your plans.")
		}
	}
	for i, set := range in.Sets {
		if set.RecordingID != nil {
			rec, err := s.store.FindRecording(r.Context(), *set.RecordingID)
			if err != nil || rec.PatientID != u.ID {
				return nil, invalid("sets[%d].recording_id is not one of your recordings.", i)
			}
		}
	}
	in.Exercise = in.SessionExercise()
	if len(in.Sets) > 0 || len(in.Events) > 0 {
		if len(in.Events) == 0 {
			in.Events = in.SetEvents()
		}
		o, err := s.replayGuard(r.Context(), u.ID, &in)
		if err != nil {
			return nil, err
		}
		in.Guard = o
	}
	return in, nil
}

// replayGuard works out the guard's outcome of a new session: the dose level
// from the plan and the earlier sessions and check-ins, the progression cap
// from the earlier sessions' hold angles, and a replay of the events.
func (s *Server) replayGuard(ctx context.Context, patient int64, in *stretchwise.Session) (*stretchwise.GuardOutcome, error) {
	lib := library.Default()
	ex, ok := lib.Exercise(in.Exercise)
	if !ok {
		return nil, invalid("exercise %q is not in the exercise library.", in.Exercise)
	}
	cfg := guard.DefaultConfig()
	dose, err := s.exerciseDose(ctx, lib, patient, ex, in.StartedAt, cfg)
	if err != nil {
		return nil, err
	}
	b := guard.Baseline{BackPain: float64(*in.PainBefore), LegPain: float64(*in.LegPainBefore), Limit: dose.Limit,
		Effort: ex.Kind != library.KindStretch, MaxIntensity: float64(lib.Dose(ex, dose.Level).MaxIntensity)}
	decisions, sess, err := guard.Replay(cfg, b, in.Events)
	if err != nil {
		return nil, invalid("%s", stretchwise.ErrorMessage(err))
	}
	o := &stretchwise.GuardOutcome{Level: dose.Level, MaxLevel: dose.MaxLevel, State: sess.State(), Decisions: decisions, Limit: dose.Limit}
	if sess.Reported() {
		m := sess.MaxPain()
		o.MaxPain = &m
	}
	return o, o.Validate()
}

// patientHistory is what the dose and the cap of one exercise depend on.
type patientHistory struct {
	planLevel int // the plan's level of the exercise, 0 when it is not in the plan
	sessions  []guard.PastSession
	mornings  []guard.Morning
	angles    []guard.SessionRecord
}

// storedSession is a stored session read back for the dose: lenient, so
// rows written before the guard was recomputed on the server (an opaque
// guard blob) stay readable; their blob is used only for its hold-angle
// events, each validated, and otherwise ignored.
type storedSession struct {
	Exercise      string                   `json:"exercise"`
	StartedAt     time.Time                `json:"started_at"`
	PainBefore    *int                     `json:"pain_before"`
	Sets          []stretchwise.Set        `json:"sets"`
	StoppedReason string                   `json:"stopped_reason"`
	Events        []stretchwise.GuardEvent `json:"events"`
	Guard         json.RawMessage          `json:"guard"`
}

func (ss *storedSession) exercise() string {
	if ss.Exercise != "" {
		return ss.Exercise
	}
	if len(ss.Sets) > 0 {
		return ss.Sets[0].Exercise
	}
	return ""
}

// outcome is the stored guard outcome, nil for an old row or a bad one.
func (ss *storedSession) outcome() *stretchwise.GuardOutcome {
	var o stretchwise.GuardOutcome
	if len(ss.Guard) == 0 || json.Unmarshal(ss.Guard, &o) != nil || o.Validate() != nil {
		return nil
	}
	return &o
}

// events are the session's guard events: its own, or those of an old row's
// blob; invalid ones are left out.
func (ss *storedSession) events() []stretchwise.GuardEvent {
	evs := ss.Events
	if len(evs) == 0 && len(ss.Guard) > 0 {
		var old struct {
			Events []stretchwise.GuardEvent `json:"events"`
		}
		if json.Unmarshal(ss.Guard, &old) == nil {
			evs = old.Events
		}
	}
	out := evs[:0:0]
	for _, e := range evs {
		if e.Validate() == nil {
			out = append(out, e)
		}
	}
	return out
}

// history gathers the patient's sessions of one exercise and check-ins
// since their latest plan (made before `before`).
func (s *Server) history(ctx context.Context, patient int64, exercise string, before time.Time) (*patientHistory, error) {
	h := &patientHistory{}
	plans, err := s.store.ListDocuments(ctx, patient, stretchwise.DocPlan)
	if err != nil {
		return nil, err
	}
	var since time.Time
	if len(plans) > 0 {
		p := plans[len(plans)-1]
		since = p.CreatedAt
		h.planLevel = planLevel(p.Body, exercise)
	}
	sessions, err := s.store.ListDocuments(ctx, patient, stretchwise.DocSession)
	if err != nil {
		return nil, err
	}
	for _, d := range sessions {
		var ss storedSession
		if json.Unmarshal(d.Body, &ss) != nil || ss.exercise() != exercise {
			continue
		}
		// Hold angles for the cap: every earlier session of the exercise.
		var sum float64
		n := 0
		for _, e := range ss.events() {
			if e.Kind == stretchwise.EventHoldAngle && (e.Exercise == "" || e.Exercise == exercise) {
				sum += e.Value
				n++
			}
		}
		if n > 0 && !ss.StartedAt.After(before) {
			h.angles = append(h.angles, guard.SessionRecord{Date: ss.StartedAt, AngleDeg: sum / float64(n)})
		}
		if d.CreatedAt.Before(since) {
			continue
		}
		p := guard.PastSession{At: d.CreatedAt, Stopped: ss.StoppedReason != ""}
		if ss.PainBefore != nil {
			v := float64(*ss.PainBefore)
			p.PainBefore = &v
		}
		if o := ss.outcome(); o != nil {
			p.MaxPain = o.MaxPain
			p.Stopped = p.Stopped || o.State == stretchwise.GuardStopped || o.State == stretchwise.GuardSeekCare
		} else {
			// An old row: the highest back pain of its sets.
			for _, set := range ss.Sets {
				if set.Pain != nil && (p.MaxPain == nil || float64(*set.Pain) > *p.MaxPain) {
					v := float64(*set.Pain)
					p.MaxPain = &v
				}
			}
		}
		h.sessions = append(h.sessions, p)
	}
	checkins, err := s.store.ListDocuments(ctx, patient, stretchwise.DocCheckIn)
	if err != nil {
		return nil, err
	}
	for _, d := range checkins {
		var c stretchwise.CheckIn
		if json.Unmarshal(d.Body, &c) != nil || d.CreatedAt.Before(since) {
			continue
		}
		m := guard.Morning{At: d.CreatedAt}
		if c.Pain != nil {
			v := float64(*c.Pain)
			m.Pain = &v
		}
		h.mornings = append(h.mornings, m)
	}
	return h, nil
}

// dose is today's dose of ex: the plan's level (the library's default when
// the exercise is not in the plan) moved by the check-ins.
func (h *patientHistory) dose(lib *library.Library, ex library.Exercise, cfg guard.Config) (guard.Dose, error) {
	start := h.planLevel
	if start < 1 || start > lib.Levels(ex) {
		start = ex.DefaultLevel
	}
	return guard.DoseFrom(start, lib.Levels(ex), h.sessions, h.mornings, cfg)
}

// planLevel is the dose level of exercise in a stored plan document, 0 when
// the plan does not prescribe it.
func planLevel(body json.RawMessage, exercise string) int {
	var p stretchwise.PlanDocument
	if json.Unmarshal(body, &p) != nil || p.Plan == nil {
		return 0
	}
	for _, it := range p.Plan.Do {
		if it.Exercise == exercise {
			return it.Dose.Level
		}
	}
	return 0
}

// clockSkew is how far ahead of the server's clock a patient's device may
// date what it sends: a clock set wrong or a time zone mixed up is within a
// day; a later time would head the person's history and the clinician's
// export for ever.
const clockSkew = 24 * time.Hour

// notInTheFuture refuses a time more than clockSkew after the server's clock.
func (s *Server) notInTheFuture(field string, t time.Time) error {
	if t.After(s.now().Add(clockSkew)) {
		return invalid("%s %s is in the future: check the date and time of your device.", field, t.UTC().Format(time.RFC3339))
	}
	return nil
}

// validateCheckIn checks a check-in as the patient sent it, then adds the
// next-morning rule's answer.
func (s *Server) validateCheckIn(r *http.Request, u *stretchwise.User, body []byte) (any, error) {
	var in stretchwise.CheckIn
	if err := checkCheckIn(body, &in); err != nil {
		return nil, err
	}
	if in.Date != "" {
		// Validate has checked the form; the morning may be tomorrow's
		// somewhere on Earth, no later.
		if d, err := time.Parse(time.DateOnly, in.Date); err == nil && d.After(s.now().Add(clockSkew)) {
			return nil, invalid("date %s is in the future: a check-in is about this morning.", in.Date)
		}
	}
	if err := s.checkInResult(r.Context(), u.ID, &in); err != nil {
		return nil, err
	}
	return in, nil
}

// validateCheckInBody checks a check-in without the store: what the patient
// may send.
func validateCheckInBody(_ *http.Request, _ *stretchwise.User, body []byte) (any, error) {
	var in stretchwise.CheckIn
	if err := checkCheckIn(body, &in); err != nil {
		return nil, err
	}
	return in, nil
}

// checkCheckIn decodes a check-in a patient sent: the server's fields
// absent, then stretchwise.CheckIn.Validate.
func checkCheckIn(body []byte, in *stretchwise.CheckIn) error {
	if err := unmarshalStrict(body, in); err != nil {
		return err
	}
	if in.Result != nil || in.Exercise != "" {
		return invalid("exercise and result are worked out by the server; do not send them.")
	}
	return in.Validate()
}

// checkInResult runs the next-morning rule with this check-in for the
// exercise of the latest session; no result when there is no session, or
// when the session before it cannot be compared (no pain reported).
func (s *Server) checkInResult(ctx context.Context, patient int64, in *stretchwise.CheckIn) error {
	sessions, err := s.store.ListDocuments(ctx, patient, stretchwise.DocSession)
	if err != nil || len(sessions) == 0 {
		return err
	}
	var last storedSession
	if json.Unmarshal(sessions[len(sessions)-1].Body, &last) != nil || last.exercise() == "" {
		return nil
	}
	lib := library.Default()
	ex, ok := lib.Exercise(last.exercise())
	if !ok {
		return nil
	}
	now := time.Now()
	h, err := s.history(ctx, patient, ex.ID, now)
	if err != nil {
		return err
	}
	v := float64(*in.Pain)
	h.mornings = append(h.mornings, guard.Morning{At: now, Pain: &v})
	d, err := h.dose(lib, ex, guard.DefaultConfig())
	if err != nil {
		return err
	}
	in.Exercise = ex.ID
	if d.LastAt != nil && d.LastAt.Equal(now) {
		in.Result = d.Last
	}
	return nil
}

// ExerciseDose is today's dose level of one exercise of the plan and
// today's hold-angle cap (guard.ProgressionLimit) for the live guard.
type ExerciseDose struct {
	Exercise string `json:"exercise"`
	guard.Dose
	Limit stretchwise.GuardLimit `json:"limit"`
}

// exerciseDose works out the dose level of exercise ex for a patient at a
// time, from their plan and the sessions and check-ins before it, and the
// progression cap of its hold angle from the earlier sessions.
func (s *Server) exerciseDose(ctx context.Context, lib *library.Library, patient int64, ex library.Exercise, at time.Time, cfg guard.Config) (ExerciseDose, error) {
	h, err := s.history(ctx, patient, ex.ID, at)
	if err != nil {
		return ExerciseDose{}, err
	}
	d, err := h.dose(lib, ex, cfg)
	if err != nil {
		return ExerciseDose{}, err
	}
	lim, err := guard.ProgressionLimit(h.angles, at, cfg)
	if err != nil {
		return ExerciseDose{}, err
	}
	return ExerciseDose{Exercise: ex.ID, Dose: d, Limit: lim}, nil
}

// handleDoses lists today's dose level of every exercise of the patient's
// latest plan, worked out from the plan and the sessions and check-ins
// since.
func (s *Server) handleDoses(r *http.Request, u *stretchwise.User) ([]ExerciseDose, error) {
	patient, err := s.listPatient(r, u)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	plans, err := s.store.ListDocuments(ctx, patient, stretchwise.DocPlan)
	if err != nil {
		return nil, err
	}
	out := []ExerciseDose{}
	if len(plans) > 0 {
		var p stretchwise.PlanDocument
		if err := json.Unmarshal(plans[len(plans)-1].Body, &p); err != nil {
			return nil, fmt.Errorf("read plan: %w", err)
		}
		if p.Plan == nil {
			p.Plan = &stretchwise.Plan{}
		}
		lib := library.Default()
		for _, it := range p.Plan.Do {
			ex, ok := lib.Exercise(it.Exercise)
			if !ok {
				continue
			}
			d, err := s.exerciseDose(ctx, lib, patient, ex, time.Now(), guard.DefaultConfig())
			if err != nil {
				return nil, err
			}
			out = append(out, d)
		}
	}
	return out, nil
}
