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

	// Once a doctor has seen them, the person answers no and confirms it for the sign (docs/clinical.md).
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/intakes", token: a.token, ctype: "application/json", body: withdrawing(intakeBody(), "bladder_bowel")}), 201, nil)
	if s := e.safetyOf(a); s.State != stretchwise.SafetyClear {
		t.Fatalf("after a newer intake without warning signs: %+v, want clear", s)
	}
	for name, done := range e.offered(a) {
		if !done {
			t.Errorf("%s once clear: refused, want done", name)
		}
	}
}

// TestEmergencyAnswerSavedAtOnce: the page saves an emergency sign the
// moment it is answered yes, before the other safety questions: such an
// intake is stored with only the answers given (the rest left out, not
// taken as no) and the emergency stands; a partial intake without an
// emergency sign is still refused.
func TestEmergencyAnswerSavedAtOnce(t *testing.T) {
	e := newEnv(t, nil)
	a := e.signUp("p@example.test", stretchwise.RolePatient)
	one := []map[string]string{{"flag": "bladder_bowel", "answer": "no"}, {"flag": "saddle_numbness", "answer": "yes"}}
	var d stretchwise.Document
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/intakes", token: a.token, ctype: "application/json",
		body: jsonBody(map[string]any{"red_flag_answers": one})}), 201, &d)
	var stored stretchwise.Intake
	json.Unmarshal(d.Body, &stored)
	if len(stored.RedFlagAnswers) != 2 {
		t.Errorf("stored answers %+v, want the 2 given", stored.RedFlagAnswers)
	}
	if s := e.safetyOf(a); s.State != stretchwise.SafetyEmergency || s.IntakeID != d.ID {
		t.Fatalf("safety = %+v, want emergency from intake %d", s, d.ID)
	}
	r := e.do(req{method: "POST", path: "/api/v1/intakes", token: a.token, ctype: "application/json",
		body: jsonBody(map[string]any{"red_flag_answers": []map[string]string{{"flag": "cancer_history", "answer": "yes"}}})})
	if r.status != 400 || !strings.Contains(string(r.body), "13 of 14 safety questions not answered") {
		t.Errorf("partial intake without an emergency sign: status %d %s, want 400 naming 13 unanswered", r.status, r.body)
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

// withdrawing adds the person's confirmation of withdrawn warning signs to an intake body.
func withdrawing(body []byte, flags ...string) []byte {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		panic(err)
	}
	m["withdrawn_flags"] = flags
	return jsonBody(m)
}

// TestWarningSignNotClearedSilently: a warning sign answered yes stays in
// force when a newer intake answers no, until the person confirms that
// sign in a second step (withdrawn_flags) or a clinician cleared it; the
// withdrawal is stored with the intake and shown to the clinician.
func TestWarningSignNotClearedSilently(t *testing.T) {
	f := newFixture(t)
	post := func(body []byte) resp {
		return f.do(req{method: "POST", path: "/api/v1/intakes", token: f.a.token, ctype: "application/json", body: body})
	}
	f.mustJSON(post(intakeBody("night_pain", "fever")), 201, nil)
	before := len(f.intakes(f.a))

	// Minutes later, both unticked: refused, nothing stored, the refer stands.
	r := post(intakeBody())
	if r.status != 409 || errorCode(r.body) != stretchwise.ECONFLICT || !strings.Contains(string(r.body), "your pain is constant at night") {
		t.Fatalf("warning signs answered no without confirmation: %d %s, want 409 naming the signs in words", r.status, r.body)
	}
	if strings.Contains(string(r.body), "night_pain") {
		t.Errorf("the refusal shows a code name: %s", r.body)
	}
	// One confirmed, the other not: still refused.
	if r := post(withdrawing(intakeBody(), "night_pain")); r.status != 409 {
		t.Errorf("one of two signs confirmed: %d %s, want 409", r.status, r.body)
	}
	// A confirmation of a sign that is not in force, or of one answered yes: 400.
	if r := post(withdrawing(intakeBody(), "night_pain", "fever", "cancer_history")); r.status != 400 {
		t.Errorf("withdrawing a sign not in force: %d %s, want 400", r.status, r.body)
	}
	if r := post(withdrawing(intakeBody("night_pain"), "night_pain", "fever")); r.status != 400 {
		t.Errorf("withdrawing a sign answered yes: %d %s, want 400", r.status, r.body)
	}
	if n := len(f.intakes(f.a)); n != before {
		t.Fatalf("%d intakes stored after refusals, want %d", n, before)
	}
	if s := f.safetyOf(f.a); s.State != stretchwise.SafetyRefer {
		t.Fatalf("safety after refusals = %+v, want refer", s)
	}

	// Both confirmed: saved, clear, and the clinician sees the withdrawal.
	var d stretchwise.Document
	f.mustJSON(post(withdrawing(intakeBody(), "night_pain", "fever")), 201, &d)
	if s := f.safetyOf(f.a); s.State != stretchwise.SafetyClear {
		t.Fatalf("after confirming both: %+v, want clear", s)
	}
	var page struct {
		RedFlags []struct {
			IntakeID int64 `json:"intake_id"`
			Answers  []struct {
				Code, Answer string
				Withdrawn    bool
			}
		} `json:"red_flags"`
	}
	f.mustJSON(f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d", f.a.user.ID), token: f.c.token}), 200, &page)
	if len(page.RedFlags) == 0 || page.RedFlags[0].IntakeID != d.ID {
		t.Fatalf("patient page red flags %+v, want the newest intake %d first", page.RedFlags, d.ID)
	}
	var withdrawn []string
	for _, a := range page.RedFlags[0].Answers {
		if a.Withdrawn {
			withdrawn = append(withdrawn, a.Code+"="+a.Answer)
		}
	}
	if strings.Join(withdrawn, ",") != "night_pain=no,fever=no" && strings.Join(withdrawn, ",") != "fever=no,night_pain=no" {
		t.Errorf("withdrawn answers on the clinician's page: %v, want night_pain and fever", withdrawn)
	}

	// A refer a clinician cleared (the person's statement) needs no second step.
	f.mustJSON(post(intakeBody("cancer_history")), 201, nil)
	f.mustJSON(f.do(req{method: "POST", path: "/api/v1/safety/clearance", token: f.a.token, ctype: "application/json",
		body: jsonBody(map[string]string{"statement": stretchwise.ClearanceStatement})}), 201, nil)
	f.mustJSON(post(intakeBody()), 201, nil)
}

// intakes lists the intakes stored for a patient.
func (e *env) intakes(a *account) []stretchwise.Document {
	e.t.Helper()
	var list []stretchwise.Document
	e.mustJSON(e.do(req{method: "GET", path: "/api/v1/intakes", token: a.token}), 200, &list)
	return list
}
