package http

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/intake"
)

// patientPage is what the clinician's patient page shows: the patient, the
// safety state that stands now (Server.safety), the red-flag answers of every intake with their dates, the questionnaire
// scores over time, the current plan with its reasons, the check-ins with
// their notes and the sessions with the guard's decisions. A patient may
// read their own.
type patientPage struct {
	patientSummary
	Safety   stretchwise.Safety `json:"safety"`    // what the latest intake says now: clear, refer or emergency
	RedFlags []redFlagAnswers   `json:"red_flags"` // one per intake, newest first
	Scores   []intakeScores     `json:"scores"`    // one per intake, oldest first
	Plan     *planView          `json:"plan"`      // the latest plan; null before the first
	CheckIns []checkInView      `json:"checkins"`  // newest first
	Sessions []sessionView      `json:"sessions"`  // newest first
}

// redFlagAnswers are the red-flag answers of one intake.
type redFlagAnswers struct {
	IntakeID   int64           `json:"intake_id"`
	AnsweredAt time.Time       `json:"answered_at"`
	Yes        int             `json:"yes"` // how many were answered yes
	Answers    []redFlagAnswer `json:"answers"`
}

// redFlagAnswer is one question and its answer, with the words a person
// sees and when it was answered (zero for intakes stored in the older
// format, which only listed the yes answers; the intake's date applies).
type redFlagAnswer struct {
	Code       string    `json:"code"`
	Group      string    `json:"group"` // cauda_equina (emergency) or refer
	Question   string    `json:"question"`
	Said       string    `json:"said"`   // a yes answer told back in plain words
	Answer     string    `json:"answer"` // yes or no
	AnsweredAt time.Time `json:"answered_at,omitzero"`
	// Withdrawn: a no that took back a warning sign in force, which the
	// person confirmed in a second step (not a clinician's clearance).
	Withdrawn bool `json:"withdrawn,omitempty"`
}

// intakeScores are the scored questionnaires of one intake.
type intakeScores struct {
	IntakeID   int64                       `json:"intake_id"`
	AnsweredAt time.Time                   `json:"answered_at"`
	StartBack  *stretchwise.StartBackScore `json:"start_back"` // null when it could not be scored
	ODI        *stretchwise.ODIScore       `json:"odi"`        // null when too few sections were answered
	NPRS       *int                        `json:"nprs"`       // pain now, 0-10
}

// planView is a stored plan with what it was computed from.
type planView struct {
	ID           int64             `json:"id"`
	CreatedAt    time.Time         `json:"created_at"`
	IntakeID     int64             `json:"intake_id"`
	ScreeningIDs []int64           `json:"screening_ids"`
	Plan         *stretchwise.Plan `json:"plan"` // action, reasons, do and avoid with their reasons
}

// checkInView is a check-in with its date and notes.
type checkInView struct {
	ID        int64     `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	stretchwise.CheckIn
}

// sessionView is a session with its sets, why it stopped and the guard's
// decisions.
type sessionView struct {
	ID            int64             `json:"id"`
	StartedAt     time.Time         `json:"started_at"`
	EndedAt       *time.Time        `json:"ended_at,omitempty"`
	PainBefore    *int              `json:"pain_before,omitempty"`
	PainAfter     *int              `json:"pain_after,omitempty"`
	Sets          []stretchwise.Set `json:"sets"`
	StoppedReason string            `json:"stopped_reason,omitempty"`
	Notes         string            `json:"notes,omitempty"`
	Guard         *guardTrail       `json:"guard"` // null when the session has no guard record
}

// guardTrail is the guard's record of a session: the dose level it ran
// at, its final state and every decision it took.
type guardTrail struct {
	Level     *int            `json:"level,omitempty"`
	State     string          `json:"state,omitempty"`
	Decisions []guardDecision `json:"decisions"`
}

// guardDecision is one decision of the guard as stored with the session.
type guardDecision struct {
	Action  string `json:"action"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message"`
	Source  string `json:"source,omitempty"`
}

// redFlagAnswersOf lists every red-flag question with the intake's answer,
// in the order of the intake.
func redFlagAnswersOf(in stretchwise.Intake) []redFlagAnswer {
	out := []redFlagAnswer{}
	for _, f := range stretchwise.RedFlags {
		for _, a := range in.RedFlagAnswers {
			if a.Flag == f.Code {
				out = append(out, redFlagAnswer{Code: f.Code, Group: f.Group, Question: f.Question, Said: f.Said, Answer: a.Answer, AnsweredAt: a.AnsweredAt,
					Withdrawn: slices.Contains(in.WithdrawnFlags, f.Code)})
			}
		}
	}
	return out
}

func (s *Server) handleGetPatient(r *http.Request, u *stretchwise.User) (*patientPage, error) {
	p, err := s.loadPatient(r, u)
	if err != nil {
		return nil, err
	}
	plans, err := s.store.ListDocuments(r.Context(), p.Patient.ID, stretchwise.DocPlan)
	if err != nil {
		return nil, err
	}
	page, err := p.page(plans)
	if err != nil {
		return nil, err
	}
	if page.Safety, err = s.safety(r.Context(), p.Patient.ID); err != nil {
		return nil, err
	}
	if u.Role == stretchwise.RoleClinician {
		links, err := s.store.ListLinks(r.Context(), u.ID, u.Role)
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			if l.PatientID == p.Patient.ID {
				page.LinkedAt = l.CreatedAt
			}
		}
	}
	return page, nil
}

// page assembles the patient page from the loaded documents and plans.
func (p *patientData) page(plans []*stretchwise.Document) (*patientPage, error) {
	page := &patientPage{
		patientSummary: patientSummary{ID: p.Patient.ID, Email: p.Patient.Email, Recordings: len(p.Recordings)},
		RedFlags:       []redFlagAnswers{}, Scores: []intakeScores{}, CheckIns: []checkInView{}, Sessions: []sessionView{},
	}
	for _, d := range p.Intakes {
		in, err := stretchwise.ReadIntake(d.Body)
		if err != nil {
			return nil, fmt.Errorf("intake %d: %w", d.ID, err)
		}
		rf := redFlagAnswers{IntakeID: d.ID, AnsweredAt: d.CreatedAt, Answers: redFlagAnswersOf(in)}
		for _, a := range rf.Answers {
			if a.Answer == "yes" {
				rf.Yes++
			}
		}
		page.RedFlags = append(page.RedFlags, rf)
		sc := intakeScores{IntakeID: d.ID, AnsweredAt: d.CreatedAt, NPRS: in.NPRS}
		if sb, err := intake.ScoreStartBack(in.StartBack); err == nil {
			sc.StartBack = &sb
		}
		if odi, err := intake.ScoreODI(in.ODI); err == nil {
			sc.ODI = &odi
		}
		page.Scores = append(page.Scores, sc)
	}
	slices.Reverse(page.RedFlags)
	if n := len(plans); n > 0 {
		d := plans[n-1]
		var body stretchwise.PlanDocument
		if err := json.Unmarshal(d.Body, &body); err != nil {
			return nil, fmt.Errorf("plan %d: %w", d.ID, err)
		}
		page.Plan = &planView{ID: d.ID, CreatedAt: d.CreatedAt, IntakeID: body.IntakeID, ScreeningIDs: body.ScreeningIDs, Plan: body.Plan}
	}
	for _, d := range slices.Backward(p.CheckIns) {
		v := checkInView{ID: d.ID, CreatedAt: d.CreatedAt}
		if err := json.Unmarshal(d.Body, &v.CheckIn); err != nil {
			return nil, fmt.Errorf("check-in %d: %w", d.ID, err)
		}
		page.CheckIns = append(page.CheckIns, v)
	}
	for _, d := range slices.Backward(p.Sessions) {
		// The guard as stored: the server's outcome, or the blob of a
		// session stored before the server replayed the guard.
		var in struct {
			stretchwise.Session
			Guard json.RawMessage `json:"guard"`
		}
		if err := json.Unmarshal(d.Body, &in); err != nil {
			return nil, fmt.Errorf("session %d: %w", d.ID, err)
		}
		v := sessionView{ID: d.ID, StartedAt: in.StartedAt, EndedAt: in.EndedAt, PainBefore: in.PainBefore, PainAfter: in.PainAfter,
			Sets: in.Sets, StoppedReason: in.StoppedReason, Notes: in.Notes}
		if g, ok := readGuard(in.Guard); ok {
			v.Guard = g
		}
		page.Sessions = append(page.Sessions, v)
	}
	return page, nil
}

// readGuard reads the level, state and decisions out of a session's guard
// record, whatever its Go type (it is read through its JSON); false when
// the session has none.
func readGuard(record any) (*guardTrail, bool) {
	b, err := json.Marshal(record)
	if err != nil || string(b) == "null" || len(b) == 0 {
		return nil, false
	}
	var g guardTrail
	if json.Unmarshal(b, &g) != nil {
		return nil, false
	}
	if g.Decisions == nil {
		g.Decisions = []guardDecision{}
	}
	return &g, true
}
