package http_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/storetest"
)

// TestIntakeRefusesUnanswered posts intakes with questions left unanswered:
// each is refused with an error naming what is missing, and nothing is
// stored.
func TestIntakeRefusesUnanswered(t *testing.T) {
	e := newEnv(t, nil)
	a := e.signUp("p@example.test", stretchwise.RolePatient)
	full := map[string]any{}
	json.Unmarshal(intakeBody(), &full)
	answers := full["red_flag_answers"].([]any)
	with := func(mod func(m map[string]any)) []byte {
		m := map[string]any{}
		json.Unmarshal(intakeBody(), &m)
		mod(m)
		return jsonBody(m)
	}
	tests := []struct {
		name string
		body []byte
		want string // in the error message
	}{
		{"one red flag unanswered", with(func(m map[string]any) { m["red_flag_answers"] = answers[1:] }), `1 of 14 safety questions not answered (each needs yes or no): "Have you had new trouble passing or holding urine or stools?"`},
		{"no red flag answered", with(func(m map[string]any) { m["red_flag_answers"] = []any{} }), "14 of 14 safety questions not answered"},
		{"red flag answer left empty", with(func(m map[string]any) {
			m["red_flag_answers"] = append([]any{map[string]any{"flag": "cancer_history", "answer": ""}}, answers[:5]...)
		}), `the answer to "Have you ever had cancer?" must be "yes" or "no"`},
		{"unknown red flag", with(func(m map[string]any) {
			m["red_flag_answers"] = append(answers[:len(answers):len(answers)], map[string]any{"flag": "headache", "answer": "no"})
		}), `unknown red-flag code "headache"`},
		{"older yes list", []byte(`{"age":45,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":1}`), `cannot tell "no" from "not answered"`},
		{"pain now missing", with(func(m map[string]any) { delete(m, "nprs") }), "nprs: required, not answered"},
		{"STarT Back item null", with(func(m map[string]any) { m["start_back"] = []any{0, 0, nil, 0, 0, 0, 0, 0, 0} }), "start_back[2]: not answered"},
		{"questionnaires missing without an emergency", with(func(m map[string]any) {
			delete(m, "start_back")
			delete(m, "odi")
			delete(m, "age")
		}), "age, start_back, odi: required, not answered"},
		{"8 STarT Back answers", with(func(m map[string]any) { m["start_back"] = []any{0, 0, 0, 0, 0, 0, 0, 0} }), "start_back: got 8 answers, want 9"},
		{"pain 11", with(func(m map[string]any) { m["nprs"] = 11 }), "nprs: 11 is outside 0..10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do(req{method: "POST", path: "/api/v1/intakes", token: a.token, ctype: "application/json", body: tt.body})
			if r.status != 400 || errorCode(r.body) != stretchwise.EINVALID {
				t.Fatalf("status %d %s, want 400 invalid", r.status, r.body)
			}
			if !strings.Contains(string(r.body), jsonEscape(tt.want)) {
				t.Errorf("error %s does not contain %s", r.body, tt.want)
			}
		})
	}
	var list []stretchwise.Document
	e.mustJSON(e.do(req{method: "GET", path: "/api/v1/intakes", token: a.token}), 200, &list)
	if len(list) != 0 {
		t.Errorf("%d intakes stored, want none", len(list))
	}
}

func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// safetyOf reads the signed-in patient's safety state.
func (e *env) safetyOf(a *account) stretchwise.Safety {
	e.t.Helper()
	var s stretchwise.Safety
	e.mustJSON(e.do(req{method: "GET", path: "/api/v1/safety", token: a.token}), 200, &s)
	return s
}

// offered tries everything a standing safety state stops and says whether
// each was done: a camera screening, a session recording and a session
// stored (201), a plan stored with exercises (the test planner, like the
// real one, gives none for a standing red flag: such a plan is stored but
// offers nothing). A refusal must say why.
func (e *env) offered(a *account) map[string]bool {
	e.t.Helper()
	text := storetest.RecordingText(1, 30)
	out := map[string]bool{}
	for name, r := range map[string]req{
		"screening": {method: "POST", path: "/api/v1/recordings?kind=screening", ctype: "application/x-ndjson", body: text},
		"recording": {method: "POST", path: "/api/v1/recordings?kind=session", ctype: "application/x-ndjson", body: text},
		"session":   {method: "POST", path: "/api/v1/sessions", ctype: "application/json", body: []byte(`{"started_at":"2026-11-20T08:00:00Z","sets":[]}`)},
		"plan":      {method: "POST", path: "/api/v1/plans", ctype: "application/json", body: []byte(`{}`)},
	} {
		r.token = a.token
		res := e.do(r)
		out[name] = res.status == 201
		if name == "plan" && res.status == 201 {
			var d struct {
				Body struct {
					Plan struct {
						Do []json.RawMessage `json:"do"`
					} `json:"plan"`
				} `json:"body"`
			}
			json.Unmarshal(res.body, &d)
			out[name] = len(d.Body.Plan.Do) > 0
		}
		if res.status != 201 && !strings.Contains(string(res.body), "stopped for your safety") {
			e.t.Errorf("%s refused without saying why: %s", name, res.body)
		}
	}
	return out
}

// TestEmergencyIsSavedAndEnforced: an intake with an emergency answer and
// nothing else is stored, the state says what to do in plain words, the
// server refuses screenings, session recordings, sessions and plans with
// exercises, a clearance statement does not lift it, and a newer intake
// does.
func TestEmergencyIsSavedAndEnforced(t *testing.T) {
	e := newEnv(t, nil)
	a := e.signUp("p@example.test", stretchwise.RolePatient)
	answers, _ := stretchwise.RedFlagAnswersFromYes([]string{"bladder_bowel"})
	var d stretchwise.Document
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/intakes", token: a.token, ctype: "application/json",
		body: jsonBody(map[string]any{"red_flag_answers": answers})}), 201, &d)
	var stored stretchwise.Intake
	json.Unmarshal(d.Body, &stored)
	if len(stored.RedFlagAnswers) != len(stretchwise.RedFlags) || stored.RedFlagAnswers[0].AnsweredAt.IsZero() {
		t.Errorf("stored answers %+v, want all %d with their date", stored.RedFlagAnswers, len(stretchwise.RedFlags))
	}

	s := e.safetyOf(a)
	if s.State != stretchwise.SafetyEmergency || s.IntakeID != d.ID || len(s.Signs) != 1 || s.Signs[0].Said == "" {
		t.Fatalf("safety = %+v, want emergency from intake %d with the sign in words", s, d.ID)
	}
	if strings.Contains(s.Advice+s.Title+s.Signs[0].Said, "bladder_bowel") {
		t.Errorf("safety words show the code: %+v", s)
	}
	for name, done := range e.offered(a) {
		if done {
			t.Errorf("%s during an emergency: done, want refused", name)
		}
	}
	r := e.do(req{method: "POST", path: "/api/v1/safety/clearance", token: a.token, ctype: "application/json",
		body: jsonBody(map[string]string{"statement": stretchwise.ClearanceStatement})})
	if r.status != 409 {
		t.Errorf("clearance of an emergency: status %d %s, want 409", r.status, r.body)
	}

	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/intakes", token: a.token, ctype: "application/json", body: intakeBody()}), 201, nil)
	if s := e.safetyOf(a); s.State != stretchwise.SafetyClear {
		t.Fatalf("after a newer intake without warning signs: %+v, want clear", s)
	}
	for name, done := range e.offered(a) {
		if !done {
			t.Errorf("%s once clear: refused, want done", name)
		}
	}
}

// TestReferClearedByStatement: a refer answer stops the same things until
// the person states that a clinician has cleared them; the statement is
// recorded with who and when, and the plan is made with it.
func TestReferClearedByStatement(t *testing.T) {
	e := newEnv(t, nil)
	a := e.signUp("p@example.test", stretchwise.RolePatient)
	var d stretchwise.Document
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/intakes", token: a.token, ctype: "application/json", body: intakeBody("cancer_history", "night_pain")}), 201, &d)
	s := e.safetyOf(a)
	if s.State != stretchwise.SafetyRefer || len(s.Signs) != 2 || s.Signs[0].Said != "you have had cancer" {
		t.Fatalf("safety = %+v, want refer with both signs in words", s)
	}
	for name, done := range e.offered(a) {
		if done {
			t.Errorf("%s while referred: done, want refused", name)
		}
	}
	r := e.do(req{method: "POST", path: "/api/v1/safety/clearance", token: a.token, ctype: "application/json",
		body: jsonBody(map[string]string{"statement": "ok"})})
	if r.status != 400 {
		t.Errorf("clearance with another statement: %d %s, want 400", r.status, r.body)
	}
	var c stretchwise.Document
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/safety/clearance", token: a.token, ctype: "application/json",
		body: jsonBody(map[string]string{"statement": stretchwise.ClearanceStatement, "clinician": "Dr Jones, physiotherapist"})}), 201, &c)
	s = e.safetyOf(a)
	if s.State != stretchwise.SafetyClear || s.Clearance == nil || s.Clearance.StatedBy != a.user.ID || s.Clearance.IntakeID != d.ID ||
		s.Clearance.StatedAt.IsZero() || s.Clearance.Clinician != "Dr Jones, physiotherapist" {
		t.Fatalf("safety after clearance = %+v, want clear with who and when", s)
	}
	var p stretchwise.Document
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/plans", token: a.token, ctype: "application/json", body: []byte(`{}`)}), 201, &p)
	var body stretchwise.PlanDocument
	json.Unmarshal(p.Body, &body)
	if body.Plan == nil || !slices.Contains(body.Plan.Reasons, "cleared true") {
		t.Errorf("plan %s was not made with the clearance", p.Body)
	}
	for name, done := range e.offered(a) {
		if !done {
			t.Errorf("%s once cleared: refused, want done", name)
		}
	}
	// A newer intake with the same answers stands again: a clearance
	// belongs to one intake.
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/intakes", token: a.token, ctype: "application/json", body: intakeBody("cancer_history")}), 201, nil)
	if s := e.safetyOf(a); s.State != stretchwise.SafetyRefer {
		t.Errorf("after a newer refer intake: %+v, want refer", s)
	}
}

// TestPlanFromOlderIntakeRefused: asking for a plan from an older intake
// without warning signs while a newer one stands is refused.
func TestPlanFromOlderIntakeRefused(t *testing.T) {
	e := newEnv(t, nil)
	a := e.signUp("p@example.test", stretchwise.RolePatient)
	var old stretchwise.Document
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/intakes", token: a.token, ctype: "application/json", body: intakeBody()}), 201, &old)
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/intakes", token: a.token, ctype: "application/json", body: intakeBody("fever")}), 201, nil)
	r := e.do(req{method: "POST", path: "/api/v1/plans", token: a.token, ctype: "application/json", body: []byte(fmt.Sprintf(`{"intake_id":%d}`, old.ID))})
	if r.status != 403 || errorCode(r.body) != stretchwise.EFORBIDDEN {
		t.Errorf("plan from the older intake: %d %s, want 403 forbidden", r.status, r.body)
	}
}

// TestSafetyForClinician: a linked clinician reads the patient's state; the
// red-flag catalogue needs no sign-in and carries the words, not only codes.
func TestSafetyForClinician(t *testing.T) {
	f := newFixture(t)
	f.mustJSON(f.do(req{method: "POST", path: "/api/v1/intakes", token: f.a.token, ctype: "application/json", body: intakeBody("saddle_numbness")}), 201, nil)
	var s stretchwise.Safety
	f.mustJSON(f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/safety?patient=%d", f.a.user.ID), token: f.c.token}), 200, &s)
	if s.State != stretchwise.SafetyEmergency {
		t.Errorf("clinician sees %+v, want emergency", s)
	}
	if r := f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/safety?patient=%d", f.a.user.ID), token: f.d.token}); r.status != 404 {
		t.Errorf("unlinked clinician: %d, want 404", r.status)
	}
	var flags []stretchwise.RedFlag
	f.mustJSON(f.do(req{method: "GET", path: "/api/v1/red-flags"}), 200, &flags)
	if len(flags) != len(stretchwise.RedFlags) || flags[5].Said == "" || flags[5].Question == "" {
		t.Errorf("red flags %+v", flags)
	}
}

// TestEmergencyIntakeExports: an emergency intake of answers alone (no
// questionnaires) reads on the clinician's patient page, in the CSV and in
// a FHIR bundle that still validates against the FHIR R4 schema, with no
// invented pain or scores.
func TestEmergencyIntakeExports(t *testing.T) {
	f := newFixture(t)
	answers, _ := stretchwise.RedFlagAnswersFromYes([]string{"bladder_bowel", "fever"})
	f.post(f.a, "/api/v1/intakes", jsonBody(map[string]any{"red_flag_answers": answers}))
	var page struct {
		RedFlags []struct {
			Yes     int
			Answers []struct{ Code, Said, Answer string }
		} `json:"red_flags"`
		Scores []struct {
			StartBack *stretchwise.StartBackScore `json:"start_back"`
			NPRS      *int
		}
	}
	f.mustJSON(f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d", f.a.user.ID), token: f.c.token}), 200, &page)
	if len(page.RedFlags) != 2 || page.RedFlags[0].Yes != 2 || page.RedFlags[0].Answers[0].Said == "" {
		t.Errorf("red flags on the page = %+v, want the emergency intake first with 2 yes answers in words", page.RedFlags)
	}
	if last := page.Scores[len(page.Scores)-1]; last.NPRS != nil || last.StartBack != nil {
		t.Errorf("scores of the emergency intake = %+v, want none", last)
	}
	r := f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d/export.csv", f.a.user.ID), token: f.c.token})
	if r.status != 200 {
		t.Fatalf("csv: %d %s", r.status, r.body)
	}
	r = f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d/fhir", f.a.user.ID), token: f.c.token})
	if r.status != 200 {
		t.Fatalf("fhir: %d %s", r.status, r.body)
	}
	if err := fhirInvalid(t, fhirSchema(t), r.body); err != nil {
		t.Errorf("the bundle with an emergency intake does not validate against the FHIR R4 schema: %v", err)
	}
	// FHIR JSON has no empty arrays: the questionnaires left out are left out.
	if bytes.Contains(r.body, []byte(`[]`)) {
		t.Errorf("the bundle holds an empty array")
	}
}
