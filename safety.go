package stretchwise

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Safety states of a patient, from their latest intake.
const (
	// SafetyClear: no red flag answered yes, or a refer cleared by the
	// person's statement. Screenings, plans and sessions are offered.
	SafetyClear = "clear"
	// SafetyEmergency: a sign of cauda equina syndrome was answered yes.
	// Only a newer intake resolves it.
	SafetyEmergency = "emergency"
	// SafetyRefer: a refer red flag was answered yes. A newer intake or
	// the person's statement that a clinician has cleared them resolves it.
	SafetyRefer = "refer"
)

// ClearanceStatement is what a person states to resolve a refer: the words
// shown next to the button and stored with the clearance.
const ClearanceStatement = "A clinician has seen me about these warning signs and cleared me to exercise."

// Clearance records a person's own statement that a clinician has cleared
// them to exercise despite the refer red flags of one intake. It resolves
// a refer state, never an emergency.
type Clearance struct {
	IntakeID  int64     `json:"intake_id"`           // the intake whose refer flags it clears
	Statement string    `json:"statement"`           // ClearanceStatement, as stated
	Clinician string    `json:"clinician,omitempty"` // who cleared them, as the person names them
	StatedBy  int64     `json:"stated_by"`           // the user who made the statement
	StatedAt  time.Time `json:"stated_at"`
}

// MaxClinicianName is the longest clinician name a clearance keeps, in
// characters (the page counts the same). Our choice, because a name and a practice fit in it.
const MaxClinicianName = 200

// Validate checks a clearance before it is stored.
func (c *Clearance) Validate() error {
	switch {
	case c.IntakeID <= 0:
		return Errorf(EINVALID, "clearance: intake_id is required.")
	case c.Statement != ClearanceStatement:
		return Errorf(EINVALID, "clearance: statement must be %q.", ClearanceStatement)
	case utf8.RuneCountInString(c.Clinician) > MaxClinicianName:
		return Errorf(EINVALID, "“Who cleared you” may be at most %d characters.", MaxClinicianName)
	case c.StatedBy <= 0 || c.StatedAt.IsZero():
		return Errorf(EINVALID, "clearance: stated_by and stated_at are required.")
	}
	return nil
}

// SafetySign is one red flag answered yes, in the words a person sees.
type SafetySign struct {
	Flag       string    `json:"flag"`
	Group      string    `json:"group"`
	Said       string    `json:"said"`    // "you have had cancer"
	Meaning    string    `json:"meaning"` // what it may point to
	AnsweredAt time.Time `json:"answered_at,omitzero"`
}

// Safety is a patient's safety state: what their latest intake says, in
// plain words, and whether it stops screenings, plans with exercises and
// sessions (Stands).
type Safety struct {
	State     string       `json:"state"`               // SafetyClear, SafetyEmergency or SafetyRefer
	IntakeID  int64        `json:"intake_id,omitempty"` // the latest intake; 0 when there is none
	Since     time.Time    `json:"since,omitzero"`      // when that intake was saved
	Signs     []SafetySign `json:"signs"`               // the red flags answered yes
	Title     string       `json:"title,omitempty"`     // what to do, in a few words
	Advice    string       `json:"advice,omitempty"`    // what to do and how it ends, in plain words
	Statement string       `json:"statement,omitempty"` // for refer: the ClearanceStatement that resolves it
	Clearance *Clearance   `json:"clearance,omitempty"` // the statement that cleared a refer
}

// Stands reports whether the state stops screenings, plans with exercises
// and sessions.
func (s Safety) Stands() bool { return s.State == SafetyEmergency || s.State == SafetyRefer }

// Plain words of the standing states.
const (
	emergencyTitle  = "Stop. Get emergency care now."
	emergencyAdvice = "What you told us can be a sign of pressure on the nerves at the base of the spine (cauda equina syndrome). Go to an emergency department now, or call your local emergency number. Do not do any exercises. Once a doctor has seen you, answer the safety questions again."
	referTitle      = "See a clinician before you exercise."
	referAdvice     = "A doctor or physiotherapist should check your back before you start. Until then the app offers no camera tests and no exercises. When a clinician has cleared you to exercise, say so here; if things have changed, answer the safety questions again."
)

// SafetyOf is the safety state of a patient whose latest intake is in
// (saved as intake id at time at), with the clearance stated for it, if
// any (a clearance of another intake is ignored). A nil intake is clear.
func SafetyOf(in *Intake, id int64, at time.Time, c *Clearance) Safety {
	s := Safety{State: SafetyClear, Signs: []SafetySign{}}
	if in == nil {
		return s
	}
	s.IntakeID, s.Since = id, at
	refer := false
	for _, f := range in.YesFlags() {
		sign := SafetySign{Flag: f.Code, Group: f.Group, Said: f.Said, Meaning: f.Meaning}
		for _, a := range in.RedFlagAnswers {
			if a.Flag == f.Code {
				sign.AnsweredAt = a.AnsweredAt
			}
		}
		s.Signs = append(s.Signs, sign)
		refer = refer || f.Group == GroupRefer
	}
	switch {
	case in.Emergency():
		s.State, s.Title, s.Advice = SafetyEmergency, emergencyTitle, emergencyAdvice
	case refer && c != nil && c.IntakeID == id:
		s.Clearance = c
	case refer:
		s.State, s.Title, s.Advice, s.Statement = SafetyRefer, referTitle, referAdvice, ClearanceStatement
	}
	return s
}

// CheckWithdrawals refuses a new intake that answers no to a warning sign
// that stands (s, the state before it) without the person's confirmation
// of that sign in its WithdrawnFlags, and one that withdraws a sign that
// does not stand. A sign answered yes stays in force until a clinician
// clears it or the person withdraws it in that second, explained step
// (docs/clinical.md, "A warning sign is not cleared silently").
func (s Safety) CheckWithdrawals(in *Intake) error {
	standing := map[string]bool{}
	var unconfirmed []string
	for _, g := range s.Signs {
		if !s.Stands() {
			break
		}
		standing[g.Flag] = true
		if in.answer(g.Flag) == AnswerNo && !slices.Contains(in.WithdrawnFlags, g.Flag) {
			unconfirmed = append(unconfirmed, g.Said)
		}
	}
	for _, code := range in.WithdrawnFlags {
		if !standing[code] {
			f, _ := LookupRedFlag(code)
			return Errorf(EINVALID, "intake: withdrawn_flags: %q was not a warning sign in force, so there is nothing to withdraw.", f.Question)
		}
	}
	if len(unconfirmed) > 0 {
		return Errorf(ECONFLICT, "You told us before that %s. A warning sign stays in force until a clinician has cleared it: answer no only if you answered yes by mistake or it no longer applies, and confirm that for each sign.", strings.Join(unconfirmed, "; "))
	}
	return nil
}

// Refuse returns nil when the state does not stand, and otherwise an
// *Error with code EFORBIDDEN saying in plain words that what (e.g.
// "Camera tests") is stopped, why and what ends it.
func (s Safety) Refuse(what string) error {
	if !s.Stands() {
		return nil
	}
	said := make([]string, len(s.Signs))
	for i, g := range s.Signs {
		said[i] = g.Said
	}
	return Errorf(EFORBIDDEN, "%s are stopped for your safety: you told us %s. %s %s", what, strings.Join(said, "; "), s.Title, s.Advice)
}
