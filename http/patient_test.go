package http_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
)

// TestPatientPage: the clinician's patient page holds the red-flag answers
// of every intake with their dates, the questionnaire scores over time,
// the current plan with its reasons, the check-ins with their notes and
// the sessions with the guard's decisions.
func TestPatientPage(t *testing.T) {
	f := newFixture(t)
	// A session the guard stopped; a second intake, with a red flag
	// answered yes and worse scores (no session after it: the server
	// refuses one while the refer stands); a check-in with notes.
	f.post(f.a, "/api/v1/sessions", []byte(`{"started_at":"2026-11-22T08:00:00Z","pain_before":2,"leg_pain_before":0,"sets":[{"exercise":"half-kneeling-hip-flexor","side":"left","hold_s":12,"intensity":6,"pain":6}],
		"stopped_reason":"Pain went up by 4: stopped for today."}`))
	second := f.post(f.a, "/api/v1/intakes", intakeFrom(`{"age":45,"red_flags":["night_pain"],"start_back":[1,1,1,0,1,1,1,1,1],"odi":[3,3,2,2,3,2,2,2,3,2],"nprs":7}`))
	plan := f.post(f.a, "/api/v1/plans", []byte(`{}`))
	f.post(f.a, "/api/v1/checkins", []byte(`{"date":"2026-11-23","pain":5,"stiffness":4,"notes":"Stiff after the long drive"}`))

	var page struct {
		ID       int64 `json:"id"`
		Email    string
		LinkedAt time.Time `json:"linked_at"`
		Safety   stretchwise.Safety
		RedFlags []struct {
			IntakeID   int64     `json:"intake_id"`
			AnsweredAt time.Time `json:"answered_at"`
			Yes        int
			Answers    []struct{ Code, Group, Question, Answer string }
		} `json:"red_flags"`
		Scores []struct {
			IntakeID  int64                       `json:"intake_id"`
			StartBack *stretchwise.StartBackScore `json:"start_back"`
			ODI       *stretchwise.ODIScore
			NPRS      *int
		}
		Plan *struct {
			ID   int64
			Plan json.RawMessage
		}
		CheckIns []struct {
			ID    int64
			Date  string
			Pain  *int
			Notes string
		} `json:"checkins"`
		Sessions []struct {
			StoppedReason string `json:"stopped_reason"`
			Sets          []struct{ Exercise string }
			Guard         *struct {
				Level     *int
				State     string
				Decisions []struct{ Action, Code, Message string }
			}
		}
	}
	f.mustJSON(f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d", f.a.user.ID), token: f.c.token}), 200, &page)

	if page.ID != f.a.user.ID || page.Email != "a@example.test" || page.LinkedAt.IsZero() {
		t.Errorf("patient %d %q linked %v, want A with the link's date", page.ID, page.Email, page.LinkedAt)
	}
	// Red flags: newest intake first, every question answered, dated.
	if len(page.RedFlags) != 2 || page.RedFlags[0].IntakeID != second || page.RedFlags[1].IntakeID != f.intakeA {
		t.Fatalf("red_flags = %+v, want the intakes %d then %d", page.RedFlags, second, f.intakeA)
	}
	for i, rf := range page.RedFlags {
		if rf.AnsweredAt.IsZero() || len(rf.Answers) != 14 {
			t.Errorf("red_flags[%d]: answered %v, %d answers; want a date and 14 answers", i, rf.AnsweredAt, len(rf.Answers))
		}
	}
	yes := map[string]string{}
	for _, a := range page.RedFlags[0].Answers {
		yes[a.Code] = a.Answer
		if a.Question == "" || (a.Group != "cauda_equina" && a.Group != "refer") {
			t.Errorf("red flag %+v: want its question and group", a)
		}
	}
	if page.RedFlags[0].Yes != 1 || yes["night_pain"] != "yes" || yes["bladder_bowel"] != "no" {
		t.Errorf("latest red flags: %d yes, night_pain %q, bladder_bowel %q; want 1, yes, no", page.RedFlags[0].Yes, yes["night_pain"], yes["bladder_bowel"])
	}
	// Scores over time, oldest first: STarT Back 1 (low) then 8 with
	// distress 5 (high); ODI 12% then 48%; pain 4 then 7.
	if len(page.Scores) != 2 {
		t.Fatalf("scores = %+v, want 2", page.Scores)
	}
	first, last := page.Scores[0], page.Scores[1]
	if first.StartBack == nil || first.StartBack.Score != 1 || first.StartBack.Risk != "low" ||
		last.StartBack == nil || last.StartBack.Score != 8 || last.StartBack.Distress != 5 || last.StartBack.Risk != "high" {
		t.Errorf("STarT Back over time: %+v then %+v; want 1 low then 8 (distress 5) high", first.StartBack, last.StartBack)
	}
	if first.ODI == nil || first.ODI.Percent != 11.1 || last.ODI == nil || last.ODI.Percent != 48 {
		t.Errorf("ODI over time: %+v then %+v; want 11.1%% then 48%%", first.ODI, last.ODI)
	}
	if first.NPRS == nil || *first.NPRS != 4 || last.NPRS == nil || *last.NPRS != 7 {
		t.Errorf("pain now over time: %v then %v; want 4 then 7", first.NPRS, last.NPRS)
	}
	// The current plan is the latest one, with what the engine said.
	if page.Plan == nil || page.Plan.ID != plan || !strings.HasPrefix(string(page.Plan.Plan), `{"action":"refer","reasons":["age 45","screenings 1","cleared false"],`) {
		t.Errorf("plan = %+v, want plan %d as computed", page.Plan, plan)
	}
	// Check-ins newest first, with notes.
	if len(page.CheckIns) != 2 || page.CheckIns[0].Notes != "Stiff after the long drive" || page.CheckIns[0].Date != "2026-11-23" ||
		page.CheckIns[1].ID != f.checkinA || page.CheckIns[1].Pain == nil || *page.CheckIns[1].Pain != 3 {
		t.Errorf("checkins = %+v, want the noted one of 2026-11-23 then %d", page.CheckIns, f.checkinA)
	}
	// Sessions newest first with the guard's decisions, as the server
	// replayed them: the set's intensity 6 is above mild, and back pain 6
	// from 2 stops the session, at level 1: the library's default level 2,
	// lowered by the fixture's check-in (pain 3 the morning after its
	// session started at 2).
	if len(page.Sessions) != 2 || page.Sessions[0].Guard == nil || page.Sessions[1].Guard == nil || page.Sessions[1].Guard.State != "running" {
		t.Fatalf("sessions = %+v, want the stopped one then the fixture's", page.Sessions)
	}
	g := page.Sessions[0].Guard
	if g.Level == nil || *g.Level != 1 || g.State != "stopped" || len(g.Decisions) != 4 || g.Decisions[2].Code != "intensity_above_mild" ||
		g.Decisions[3].Action != "stop" || g.Decisions[3].Code != "back_pain_rise" || page.Sessions[0].StoppedReason == "" {
		t.Errorf("guard = %+v, stopped %q; want level 1, stopped, 4 decisions ending in back_pain_rise", g, page.Sessions[0].StoppedReason)
	}
	// The safety state stands: the newest intake's night pain refers the
	// patient; once they state a clinician cleared them, the page says so,
	// with who and when.
	if page.Safety.State != stretchwise.SafetyRefer || page.Safety.IntakeID != second || len(page.Safety.Signs) != 1 || page.Safety.Signs[0].Flag != "night_pain" || page.Safety.Since.IsZero() {
		t.Errorf("safety = %+v, want refer since intake %d for night pain", page.Safety, second)
	}
	f.mustJSON(f.do(req{method: "POST", path: "/api/v1/safety/clearance", token: f.a.token, ctype: "application/json",
		body: jsonBody(map[string]string{"statement": stretchwise.ClearanceStatement, "clinician": "Dr Jones"})}), 201, nil)
	// The patient reads the same page of their own.
	f.mustJSON(f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d", f.a.user.ID), token: f.a.token}), 200, &page)
	if c := page.Safety.Clearance; page.Safety.State != stretchwise.SafetyClear || c == nil || c.Clinician != "Dr Jones" || c.StatedAt.IsZero() || c.IntakeID != second {
		t.Errorf("safety after the clearance = %+v, want clear with the clearance", page.Safety)
	}
}
