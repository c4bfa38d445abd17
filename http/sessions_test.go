package http_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
)

// levelPlanner plans the half-kneeling stretch at level 3.
type levelPlanner struct{}

func (levelPlanner) Plan(ctx context.Context, _ stretchwise.Intake, _ *stretchwise.Clearance, screenings []*stretchwise.Report) (*stretchwise.Plan, error) {
	return &stretchwise.Plan{Action: stretchwise.ActionExercise, Do: []stretchwise.PlanItem{
		{Exercise: "half-kneeling-hip-flexor", Name: "Half-kneeling hip flexor stretch", Dose: stretchwise.Dose{Level: 3}}}}, nil
}

// storedSession is what the tests read back of a stored session.
type storedSession struct {
	Sets  []map[string]json.RawMessage `json:"sets"`
	Guard *struct {
		Level     int      `json:"level"`
		State     string   `json:"state"`
		MaxPain   *float64 `json:"max_pain"`
		Decisions []struct {
			Action, Code string
		} `json:"decisions"`
	} `json:"guard"`
}

func patientWithPlan(t *testing.T) (*env, *account) {
	e := newEnv(t, func(o *swhttp.Options) { o.Planner = levelPlanner{} })
	a := e.signUp("p@example.test", stretchwise.RolePatient)
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/intakes", token: a.token, ctype: "application/json", body: intakeJSON}), 201, nil)
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/plans", token: a.token, ctype: "application/json", body: []byte(`{}`)}), 201, nil)
	return e, a
}

func (e *env) postJSON(a *account, path, body string) resp {
	e.t.Helper()
	return e.do(req{method: "POST", path: path, token: a.token, ctype: "application/json", body: []byte(body)})
}

const hk = `"exercise":"half-kneeling-hip-flexor"`

// TestSessionGuardIsTheServers: the guard's decisions, state and dose level
// stored with a session are the server's replay of the reported events; a
// guard blob or a dose level from the client is refused, and sets that do
// not match what the guard was told are refused.
func TestSessionGuardIsTheServers(t *testing.T) {
	e, a := patientWithPlan(t)
	events := `"events":[{"kind":"set_started","t":0,` + hk + `},{"kind":"set_ended","t":10,` + hk + `},{"kind":"intensity","t":11,"value":3,` + hk + `},{"kind":"pain","t":11,"value":5,"location":"back"},{"kind":"pain","t":11,"value":0,"location":"leg"}]`
	set := `"sets":[{` + hk + `,"hold_s":10,"intensity":3,"pain":5,"leg_pain":0}]`

	// A forged guard blob claiming the top level and a clean run.
	r := e.postJSON(a, "/api/v1/sessions", `{`+hk+`,"started_at":"2026-11-20T08:00:00Z","pain_before":2,"leg_pain_before":0,`+set+`,`+events+`,"guard":{"level":4,"state":"running","decisions":[]}}`)
	if r.status != 400 || !strings.Contains(string(r.body), "guard is worked out by the server") {
		t.Fatalf("forged guard: %d %s, want 400 naming guard", r.status, r.body)
	}

	var d stretchwise.Document
	e.mustJSON(e.postJSON(a, "/api/v1/sessions", `{`+hk+`,"started_at":"2026-11-20T08:00:00Z","pain_before":2,"leg_pain_before":0,`+set+`,`+events+`}`), 201, &d)
	var s storedSession
	if err := json.Unmarshal(d.Body, &s); err != nil || s.Guard == nil {
		t.Fatalf("stored session %s: %v", d.Body, err)
	}
	// Back pain 2 -> 5 is a rise of 3: the guard stops the session, at the
	// plan's level 3.
	if s.Guard.State != "stopped" || s.Guard.Level != 3 || s.Guard.MaxPain == nil || *s.Guard.MaxPain != 5 || len(s.Guard.Decisions) != 5 || s.Guard.Decisions[3].Code != "back_pain_rise" {
		t.Errorf("stored guard = %+v, want stopped at level 3 with max pain 5 and back_pain_rise", s.Guard)
	}

	// The set says pain 1 while the guard was told 5.
	r = e.postJSON(a, "/api/v1/sessions", `{`+hk+`,"started_at":"2026-11-20T08:00:00Z","pain_before":2,"leg_pain_before":0,"sets":[{`+hk+`,"hold_s":10,"intensity":3,"pain":1}],`+events+`}`)
	if r.status != 400 || !strings.Contains(string(r.body), "not what was reported to the guard") {
		t.Errorf("set against events: %d %s, want 400", r.status, r.body)
	}
	// Without a pain before there is nothing to compare with.
	r = e.postJSON(a, "/api/v1/sessions", `{`+hk+`,"started_at":"2026-11-20T08:00:00Z",`+set+`}`)
	if r.status != 400 || !strings.Contains(string(r.body), "pain_before") {
		t.Errorf("no pain before: %d %s, want 400", r.status, r.body)
	}
	// A bad event is refused with its index.
	r = e.postJSON(a, "/api/v1/sessions", `{`+hk+`,"started_at":"2026-11-20T08:00:00Z","pain_before":2,"leg_pain_before":0,"sets":[],"events":[{"kind":"pain","t":1,"value":3,"location":"knee"}]}`)
	if r.status != 400 || !strings.Contains(string(r.body), "events[0]") {
		t.Errorf("bad event: %d %s, want 400 naming events[0]", r.status, r.body)
	}
}

// TestAbortedSetStoresNoPain: a set stopped during the hold is stored
// without intensity or pain; a completed set without them is refused.
func TestAbortedSetStoresNoPain(t *testing.T) {
	e, a := patientWithPlan(t)
	var d stretchwise.Document
	e.mustJSON(e.postJSON(a, "/api/v1/sessions", `{`+hk+`,"started_at":"2026-11-20T08:00:00Z","pain_before":2,"leg_pain_before":0,"stopped_reason":"You stopped the session.","sets":[{`+hk+`,"hold_s":4,"aborted":true}],"events":[{"kind":"set_started","t":0,`+hk+`}]}`), 201, &d)
	var s storedSession
	if err := json.Unmarshal(d.Body, &s); err != nil || len(s.Sets) != 1 {
		t.Fatalf("stored session %s: %v", d.Body, err)
	}
	for _, k := range []string{"pain", "intensity", "leg_pain"} {
		if v, ok := s.Sets[0][k]; ok {
			t.Errorf("aborted set stored %s = %s, want it absent", k, v)
		}
	}
	if s.Guard == nil || s.Guard.MaxPain != nil {
		t.Errorf("guard = %+v, want no max pain: none was reported", s.Guard)
	}
	r := e.postJSON(a, "/api/v1/sessions", `{`+hk+`,"started_at":"2026-11-20T08:00:00Z","pain_before":2,"leg_pain_before":0,"sets":[{`+hk+`,"hold_s":10,"intensity":3}]}`)
	if r.status != 400 || !strings.Contains(string(r.body), "needs intensity and pain") {
		t.Errorf("completed set without pain: %d %s, want 400", r.status, r.body)
	}
	r = e.postJSON(a, "/api/v1/checkins", `{"date":"2026-11-21"}`)
	if r.status != 400 || !strings.Contains(string(r.body), "pain") {
		t.Errorf("check-in without pain: %d %s, want 400", r.status, r.body)
	}
	// The morning after the aborted session cannot be compared with it:
	// no pain was reported during it. No result, no change of dose.
	var c struct {
		Body struct{ Result *json.RawMessage }
	}
	e.mustJSON(e.postJSON(a, "/api/v1/checkins", `{"date":"2026-11-21","pain":5}`), 201, &c)
	if c.Body.Result != nil {
		t.Errorf("check-in after an aborted session: result %s, want none", *c.Body.Result)
	}
}

// TestDoseIsRecomputed: the dose level comes from the plan and the stored
// sessions and check-ins. A worse morning lowers it, the check-in says so
// with the pain values that were entered, and an old row's guard blob with
// a dose level in it changes nothing.
func TestDoseIsRecomputed(t *testing.T) {
	e, a := patientWithPlan(t)
	// An old row (before the server recomputed the guard): an opaque blob
	// claiming level 4, and no pain before.
	old := &stretchwise.Document{PatientID: a.user.ID, Kind: stretchwise.DocSession,
		Body: []byte(`{"started_at":"2026-11-18T08:00:00Z","sets":[{` + hk + `,"hold_s":10,"intensity":2,"pain":0}],"guard":{"level":4,"state":"running","events":[{"kind":"hold_angle","t":3,"value":9,` + hk + `},{"kind":"bogus"}]}}`)}
	if err := e.store.CreateDocument(context.Background(), old); err != nil {
		t.Fatal(err)
	}
	doses := func() []struct {
		Exercise string
		Level    int
	} {
		var out []struct {
			Exercise string
			Level    int
		}
		e.mustJSON(e.do(req{method: "GET", path: "/api/v1/doses", token: a.token}), 200, &out)
		return out
	}
	if got := doses(); len(got) != 1 || got[0].Level != 3 {
		t.Fatalf("doses = %+v, want half-kneeling at the plan's level 3", got)
	}
	var c struct {
		Body struct {
			Result *struct {
				Level           int
				Change, Message string
			}
		}
	}
	// A morning after the old row: no pain before was recorded, so no
	// comparison (not "up from 0").
	e.mustJSON(e.postJSON(a, "/api/v1/checkins", `{"pain":5}`), 201, &c)
	if c.Body.Result != nil {
		t.Errorf("check-in after a session without pain before: %+v, want no result", c.Body.Result)
	}
	e.mustJSON(e.postJSON(a, "/api/v1/sessions", `{`+hk+`,"started_at":"2026-11-20T08:00:00Z","pain_before":2,"leg_pain_before":0,"sets":[{`+hk+`,"hold_s":10,"intensity":3,"pain":2}]}`), 201, nil)
	e.mustJSON(e.postJSON(a, "/api/v1/checkins", `{"pain":5}`), 201, &c)
	if c.Body.Result == nil || c.Body.Result.Change != "lower" || c.Body.Result.Level != 2 || !strings.Contains(c.Body.Result.Message, "(5, up from 2)") {
		t.Fatalf("check-in result = %+v, want lower to 2, up from 2", c.Body.Result)
	}
	if got := doses(); got[0].Level != 2 {
		t.Errorf("doses after a worse morning = %+v, want level 2", got)
	}
	// The next session is stored at level 2 whatever the client thinks.
	var d stretchwise.Document
	e.mustJSON(e.postJSON(a, "/api/v1/sessions", `{`+hk+`,"started_at":"2026-11-22T08:00:00Z","pain_before":3,"leg_pain_before":0,"sets":[{`+hk+`,"hold_s":10,"intensity":3,"pain":3}]}`), 201, &d)
	var s storedSession
	json.Unmarshal(d.Body, &s)
	if s.Guard == nil || s.Guard.Level != 2 {
		t.Errorf("session guard = %+v, want level 2", s.Guard)
	}
	// A client cannot send the check-in's result either.
	r := e.postJSON(a, "/api/v1/checkins", `{"pain":1,"result":{"level":4,"change":"raise"}}`)
	if r.status != 400 {
		t.Errorf("check-in with a result: %d %s, want 400", r.status, r.body)
	}
}

// TestDocumentTimesNotInTheFuture: a session that starts or ends, or a
// check-in about a morning, more than a day after the server's clock is
// refused with the field named (a device's wrong clock or time zone is
// within a day); a session that starts now is stored.
func TestDocumentTimesNotInTheFuture(t *testing.T) {
	now := time.Date(2026, 12, 7, 18, 0, 0, 0, time.UTC)
	e := newEnv(t, func(o *swhttp.Options) { o.Now = func() time.Time { return now } })
	a := e.signUp("p@example.test", stretchwise.RolePatient)
	for _, c := range []struct{ path, body, field string }{
		{"/api/v1/sessions", `{"started_at":"9999-12-31T23:59:59Z"}`, "started_at"},
		{"/api/v1/sessions", `{"started_at":"2026-12-09T18:00:00Z"}`, "started_at"},
		{"/api/v1/sessions", `{"started_at":"2026-12-07T17:00:00Z","ended_at":"2026-12-10T17:00:00Z"}`, "ended_at"},
		{"/api/v1/checkins", `{"date":"2027-01-01","pain":1}`, "date"},
	} {
		r := e.postJSON(a, c.path, c.body)
		if r.status != 400 || !strings.Contains(string(r.body), c.field) || !strings.Contains(string(r.body), "future") {
			t.Errorf("%s %s: %d %s, want 400 naming %s in the future", c.path, c.body, r.status, r.body, c.field)
		}
	}
	e.mustJSON(e.postJSON(a, "/api/v1/sessions", `{"started_at":"2026-12-08T05:00:00Z"}`), 201, nil)
	e.mustJSON(e.postJSON(a, "/api/v1/checkins", `{"date":"2026-12-08","pain":1}`), 201, nil)
}
