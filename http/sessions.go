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

// SetBody is one set of an exercise session. A completed set carries the
// intensity and pain the person chose after it; an aborted set (the session
// was stopped during the hold) carries none unless they were chosen: pain
// nobody entered is absent, never 0.
type SetBody struct {
	Exercise    string                `json:"exercise"`
	Side        stretchwise.Side      `json:"side,omitempty"`
	HoldS       float64               `json:"hold_s"`              // seconds held in good form
	Aborted     bool                  `json:"aborted,omitempty"`   // stopped during the hold
	Intensity   *int                  `json:"intensity,omitempty"` // intensity 0-10 (of the stretch, or the effort)
	Pain        *int                  `json:"pain,omitempty"`      // back pain 0-10 after the set
	LegPain     *int                  `json:"leg_pain,omitempty"`  // leg pain 0-10 after the set
	Measures    []stretchwise.Measure `json:"measures,omitempty"`
	RecordingID *int64                `json:"recording_id,omitempty"` // a recording of kind "session"
}

// SessionBody is the session document. Guard is the server's: a client
// that sends it is refused.
type SessionBody struct {
	PlanID        *int64         `json:"plan_id,omitempty"`
	Exercise      string         `json:"exercise,omitempty"` // the session's exercise; default: that of the first set
	StartedAt     time.Time      `json:"started_at"`
	EndedAt       *time.Time     `json:"ended_at,omitempty"`
	PainBefore    *int           `json:"pain_before,omitempty"`
	LegPainBefore *int           `json:"leg_pain_before,omitempty"`
	PainAfter     *int           `json:"pain_after,omitempty"`
	Sets          []SetBody      `json:"sets"`
	StoppedReason string         `json:"stopped_reason,omitempty"`
	Events        []guard.Event  `json:"events,omitempty"` // what was reported to the guard, oldest first
	Guard         *guard.Outcome `json:"guard,omitempty"`  // the server's replay of the events
	Notes         string         `json:"notes,omitempty"`
}

// maxEvents bounds a session's guard events (our choice: a hold-angle event
// every 2 s over 200 sets of a minute is 6000).
const maxEvents = 10000

func (s *Server) validateSession(r *http.Request, u *stretchwise.User, body []byte) (json.RawMessage, error) {
	var in SessionBody
	if _, err := strictDecode(body, &in); err != nil {
		return nil, err
	}
	if err := s.refuseUnsafe(r.Context(), u.ID, "Exercise sessions"); err != nil {
		return nil, err
	}
	if in.Guard != nil {
		return nil, invalid("guard is worked out by the server from the events; do not send it.")
	}
	if in.StartedAt.IsZero() {
		return nil, invalid("started_at is required (RFC 3339).")
	}
	if in.EndedAt != nil && in.EndedAt.Before(in.StartedAt) {
		return nil, invalid("ended_at is before started_at.")
	}
	for name, v := range map[string]*int{"pain_before": in.PainBefore, "leg_pain_before": in.LegPainBefore, "pain_after": in.PainAfter} {
		if err := score(name, v); err != nil {
			return nil, err
		}
	}
	if len(in.Sets) > 200 {
		return nil, invalid("A session has at most 200 sets.")
	}
	if len(in.Events) > maxEvents {
		return nil, invalid("A session has at most %d events.", maxEvents)
	}
	if len(in.Notes) > 4000 || len(in.StoppedReason) > 1000 {
		return nil, invalid("notes or stopped_reason is too long.")
	}
	if in.PlanID != nil {
		d, err := s.store.FindDocument(r.Context(), stretchwise.DocPlan, *in.PlanID)
		if err != nil || d.PatientID != u.ID {
			return nil, invalid("plan_id is not one of your plans.")
		}
	}
	for i, set := range in.Sets {
		if !exerciseRE.MatchString(set.Exercise) {
			return nil, invalid("sets[%d].exercise is not an exercise id.", i)
		}
		if set.Side != stretchwise.SideNone && set.Side != stretchwise.SideLeft && set.Side != stretchwise.SideRight {
			return nil, invalid("sets[%d].side must be left, right or absent.", i)
		}
		if set.HoldS < 0 || set.HoldS > 3600 {
			return nil, invalid("sets[%d].hold_s must be 0 to 3600 seconds.", i)
		}
		if !set.Aborted && (set.Intensity == nil || set.Pain == nil) {
			return nil, invalid("sets[%d] needs intensity and pain (0 to 10) chosen by the person; a set stopped during the hold is sent with \"aborted\": true.", i)
		}
		for name, v := range map[string]*int{"intensity": set.Intensity, "pain": set.Pain, "leg_pain": set.LegPain} {
			if err := score(fmt.Sprintf("sets[%d].%s", i, name), v); err != nil {
				return nil, err
			}
		}
		if len(set.Measures) > 100 {
			return nil, invalid("sets[%d] has too many measures.", i)
		}
		if set.RecordingID != nil {
			rec, err := s.store.FindRecording(r.Context(), *set.RecordingID)
			if err != nil || rec.PatientID != u.ID {
				return nil, invalid("sets[%d].recording_id is not one of your recordings.", i)
			}
		}
	}
	if in.Exercise == "" && len(in.Sets) > 0 {
		in.Exercise = in.Sets[0].Exercise
	}
	if len(in.Sets) > 0 || len(in.Events) > 0 {
		if in.Exercise == "" {
			return nil, invalid("exercise is required for a session with events.")
		}
		if in.PainBefore == nil || in.LegPainBefore == nil {
			return nil, invalid("pain_before and leg_pain_before (0 to 10) are required: the guard compares the pain during the session with them.")
		}
		if len(in.Events) == 0 {
			in.Events = setEvents(in.Sets)
		} else if err := setsMatchEvents(in.Sets, in.Events); err != nil {
			return nil, err
		}
		o, err := s.replayGuard(r.Context(), u.ID, &in)
		if err != nil {
			return nil, err
		}
		in.Guard = o
	}
	out, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("encode session: %w", err)
	}
	return out, nil
}

// setEvents are the guard events of sets sent without events (an API
// client's summary): each completed set started, ended, and its intensity
// and pains reported.
func setEvents(sets []SetBody) []guard.Event {
	var out []guard.Event
	t := 0.0
	for _, set := range sets {
		out = append(out, guard.Event{Kind: guard.EventSetStarted, T: t, Exercise: set.Exercise})
		t += set.HoldS
		if set.Aborted {
			continue
		}
		out = append(out, guard.Event{Kind: guard.EventSetEnded, T: t, Exercise: set.Exercise},
			guard.Event{Kind: guard.EventIntensity, T: t, Value: float64(*set.Intensity), Exercise: set.Exercise},
			guard.Event{Kind: guard.EventPain, T: t, Value: float64(*set.Pain), Location: guard.LocationBack})
		if set.LegPain != nil {
			out = append(out, guard.Event{Kind: guard.EventPain, T: t, Value: float64(*set.LegPain), Location: guard.LocationLeg})
		}
	}
	return out
}

// setsMatchEvents checks that every completed set's intensity and back pain
// are the first ones reported to the guard after its set_ended event, so the
// stored sets are what the guard judged.
func setsMatchEvents(sets []SetBody, events []guard.Event) error {
	type report struct{ intensity, pain *float64 }
	var reports []report
	cur := -1
	for i := range events {
		e := &events[i]
		switch {
		case e.Kind == guard.EventSetEnded:
			reports = append(reports, report{})
			cur = len(reports) - 1
		case e.Kind == guard.EventSetStarted:
			cur = -1
		case cur >= 0 && e.Kind == guard.EventIntensity && reports[cur].intensity == nil:
			reports[cur].intensity = &e.Value
		case cur >= 0 && e.Kind == guard.EventPain && e.Location == guard.LocationBack && reports[cur].pain == nil:
			reports[cur].pain = &e.Value
		}
	}
	k := 0
	for i, set := range sets {
		if set.Aborted {
			continue
		}
		if k >= len(reports) || reports[k].intensity == nil || reports[k].pain == nil {
			return invalid("sets[%d]: no intensity and back pain were reported to the guard after it (events).", i)
		}
		if float64(*set.Intensity) != *reports[k].intensity || float64(*set.Pain) != *reports[k].pain {
			return invalid("sets[%d]: intensity %d and pain %d are not what was reported to the guard (%g and %g).", i, *set.Intensity, *set.Pain, *reports[k].intensity, *reports[k].pain)
		}
		k++
	}
	return nil
}

// replayGuard works out the guard's outcome of a new session: the dose level
// from the plan and the earlier sessions and check-ins, the progression cap
// from the earlier sessions' hold angles, and a replay of the events.
func (s *Server) replayGuard(ctx context.Context, patient int64, in *SessionBody) (*guard.Outcome, error) {
	lib := library.Default()
	ex, ok := lib.Exercise(in.Exercise)
	if !ok {
		return nil, invalid("exercise %q is not in the exercise library.", in.Exercise)
	}
	h, err := s.history(ctx, patient, in.Exercise, in.StartedAt)
	if err != nil {
		return nil, err
	}
	cfg := guard.DefaultConfig()
	dose, err := h.dose(lib, ex, cfg)
	if err != nil {
		return nil, err
	}
	lim, err := guard.ProgressionLimit(h.angles, in.StartedAt, cfg)
	if err != nil {
		return nil, err
	}
	b := guard.Baseline{BackPain: float64(*in.PainBefore), LegPain: float64(*in.LegPainBefore), Limit: lim,
		Effort: ex.Kind != library.KindStretch, MaxIntensity: float64(lib.Dose(ex, dose.Level).MaxIntensity)}
	decisions, sess, err := guard.Replay(cfg, b, in.Events)
	if err != nil {
		return nil, invalid("%s", stretchwise.ErrorMessage(err))
	}
	o := &guard.Outcome{Level: dose.Level, MaxLevel: dose.MaxLevel, State: sess.State(), Decisions: decisions, Limit: lim}
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
	Exercise      string          `json:"exercise"`
	StartedAt     time.Time       `json:"started_at"`
	PainBefore    *int            `json:"pain_before"`
	Sets          []SetBody       `json:"sets"`
	StoppedReason string          `json:"stopped_reason"`
	Events        []guard.Event   `json:"events"`
	Guard         json.RawMessage `json:"guard"`
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
func (ss *storedSession) outcome() *guard.Outcome {
	var o guard.Outcome
	if len(ss.Guard) == 0 || json.Unmarshal(ss.Guard, &o) != nil || o.Validate() != nil {
		return nil
	}
	return &o
}

// events are the session's guard events: its own, or those of an old row's
// blob; invalid ones are left out.
func (ss *storedSession) events() []guard.Event {
	evs := ss.Events
	if len(evs) == 0 && len(ss.Guard) > 0 {
		var old struct {
			Events []guard.Event `json:"events"`
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
			if e.Kind == guard.EventHoldAngle && (e.Exercise == "" || e.Exercise == exercise) {
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
			p.Stopped = p.Stopped || o.State == guard.StateStopped || o.State == guard.StateSeekCare
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
		var c CheckInBody
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
	var p struct {
		Plan struct {
			Do []struct {
				Exercise string `json:"exercise"`
				Dose     struct {
					Level int `json:"level"`
				} `json:"dose"`
			} `json:"do"`
		} `json:"plan"`
	}
	if json.Unmarshal(body, &p) != nil {
		return 0
	}
	for _, it := range p.Plan.Do {
		if it.Exercise == exercise {
			return it.Dose.Level
		}
	}
	return 0
}

// CheckInBody is the next-morning check-in. Exercise and Result are the
// server's: the next-morning rule's answer for the exercise of the latest
// session; a client that sends them is refused.
type CheckInBody struct {
	Date      string               `json:"date,omitempty"` // YYYY-MM-DD, the morning it is about
	Pain      *int                 `json:"pain"`           // back pain now, 0-10
	LegPain   *int                 `json:"leg_pain,omitempty"`
	Stiffness *int                 `json:"stiffness,omitempty"` // 0-10
	Notes     string               `json:"notes,omitempty"`
	Exercise  string               `json:"exercise,omitempty"`
	Result    *guard.CheckInResult `json:"result,omitempty"`
}

// validateCheckIn checks a check-in as the patient sent it, then adds the
// next-morning rule's answer.
func (s *Server) validateCheckIn(r *http.Request, u *stretchwise.User, body []byte) (json.RawMessage, error) {
	var in CheckInBody
	if err := checkCheckIn(body, &in); err != nil {
		return nil, err
	}
	if err := s.checkInResult(r.Context(), u.ID, &in); err != nil {
		return nil, err
	}
	out, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("encode check-in: %w", err)
	}
	return out, nil
}

// validateCheckInBody checks a check-in without the store: what the patient
// may send.
func validateCheckInBody(_ *http.Request, _ *stretchwise.User, body []byte) (json.RawMessage, error) {
	var in CheckInBody
	if err := checkCheckIn(body, &in); err != nil {
		return nil, err
	}
	return json.Marshal(in)
}

func checkCheckIn(body []byte, in *CheckInBody) error {
	if _, err := strictDecode(body, in); err != nil {
		return err
	}
	if in.Result != nil || in.Exercise != "" {
		return invalid("exercise and result are worked out by the server; do not send them.")
	}
	if in.Pain == nil {
		return invalid("pain (0 to 10) is required: choose how your back is this morning.")
	}
	for name, v := range map[string]*int{"pain": in.Pain, "leg_pain": in.LegPain, "stiffness": in.Stiffness} {
		if err := score(name, v); err != nil {
			return err
		}
	}
	if in.Date != "" {
		if _, err := time.Parse(time.DateOnly, in.Date); err != nil {
			return invalid("date must be YYYY-MM-DD.")
		}
	}
	if len(in.Notes) > 4000 {
		return invalid("notes is too long.")
	}
	return nil
}

// checkInResult runs the next-morning rule with this check-in for the
// exercise of the latest session; no result when there is no session, or
// when the session before it cannot be compared (no pain reported).
func (s *Server) checkInResult(ctx context.Context, patient int64, in *CheckInBody) error {
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
	Limit guard.Limit `json:"limit"`
}

// handleDoses lists today's dose level of every exercise of the patient's
// latest plan, worked out from the plan and the sessions and check-ins
// since.
func (s *Server) handleDoses(w http.ResponseWriter, r *http.Request, u *stretchwise.User) {
	patient, err := s.listPatient(r, u)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ctx := r.Context()
	plans, err := s.store.ListDocuments(ctx, patient, stretchwise.DocPlan)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	out := []ExerciseDose{}
	if len(plans) > 0 {
		var p struct {
			Plan struct {
				Do []struct {
					Exercise string `json:"exercise"`
				} `json:"do"`
			} `json:"plan"`
		}
		if err := json.Unmarshal(plans[len(plans)-1].Body, &p); err != nil {
			s.Error(w, r, fmt.Errorf("read plan: %w", err))
			return
		}
		lib := library.Default()
		for _, it := range p.Plan.Do {
			ex, ok := lib.Exercise(it.Exercise)
			if !ok {
				continue
			}
			now := time.Now()
			h, err := s.history(ctx, patient, ex.ID, now)
			if err != nil {
				s.Error(w, r, err)
				return
			}
			cfg := guard.DefaultConfig()
			d, err := h.dose(lib, ex, cfg)
			if err != nil {
				s.Error(w, r, err)
				return
			}
			lim, err := guard.ProgressionLimit(h.angles, now, cfg)
			if err != nil {
				s.Error(w, r, err)
				return
			}
			out = append(out, ExerciseDose{Exercise: ex.ID, Dose: d, Limit: lim})
		}
	}
	s.JSON(w, r, http.StatusOK, out)
}
