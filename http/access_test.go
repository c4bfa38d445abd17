package http_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/storetest"
)

// fixture is two patients and two clinicians; clinician C is linked to
// patient A, clinician D to nobody. A has one document of every kind and a
// recording; B has a recording.
type fixture struct {
	*env
	a, b, c, d         *account
	recA, recB         int64
	intakeA, planA     int64
	sessionA, checkinA int64
}

var intakeJSON = intakeBody()

func newFixture(t *testing.T) *fixture { return fixtureOn(newEnv(t, nil)) }

// fixtureOn fills e with the fixture's accounts and data.
func fixtureOn(e *env) *fixture {
	f := &fixture{env: e}
	f.a = f.signUp("a@example.test", stretchwise.RolePatient)
	f.b = f.signUp("b@example.test", stretchwise.RolePatient)
	f.c = f.signUp("c@example.test", stretchwise.RoleClinician)
	f.d = f.signUp("d@example.test", stretchwise.RoleClinician)

	var inv struct{ Code string }
	f.mustJSON(f.do(req{method: "POST", path: "/api/v1/invites", token: f.c.token}), 201, &inv)
	f.mustJSON(f.do(req{method: "POST", path: "/api/v1/links", token: f.a.token, ctype: "application/json", body: jsonBody(map[string]string{"code": strings.ToLower(inv.Code)})}), 201, nil)

	f.recA = f.upload(f.a, storetest.RecordingText(1, 60))
	f.recB = f.upload(f.b, storetest.RecordingText(2, 60))
	f.intakeA = f.post(f.a, "/api/v1/intakes", intakeJSON)
	f.planA = f.post(f.a, "/api/v1/plans", []byte(`{}`))
	f.sessionA = f.post(f.a, "/api/v1/sessions", []byte(fmt.Sprintf(`{"plan_id":%d,"started_at":"2026-11-20T08:00:00Z","pain_before":2,"leg_pain_before":0,"sets":[{"exercise":"half-kneeling-hip-flexor","side":"left","hold_s":30,"intensity":3,"pain":2,"recording_id":%d,"measures":[{"name":"hip_extension_deg","side":"left","value":8.5,"unit":"deg","uncertainty":3}]}]}`, f.planA, f.recA)))
	f.checkinA = f.post(f.a, "/api/v1/checkins", []byte(`{"date":"2026-11-21","pain":3,"leg_pain":0}`))
	return f
}

func (f *fixture) upload(a *account, text []byte) int64 {
	f.t.Helper()
	var rec stretchwise.StoredRecording
	f.mustJSON(f.do(req{method: "POST", path: "/api/v1/recordings", token: a.token, ctype: "application/x-ndjson", body: text}), 201, &rec)
	return rec.ID
}

func (f *fixture) post(a *account, path string, body []byte) int64 {
	f.t.Helper()
	var d stretchwise.Document
	f.mustJSON(f.do(req{method: "POST", path: path, token: a.token, ctype: "application/json", body: body}), 201, &d)
	return d.ID
}

// readPaths are the reads of patient A's data: every resource, list and
// export.
func (f *fixture) readPaths() []string {
	A := f.a.user.ID
	return []string{
		fmt.Sprintf("/api/v1/recordings/%d", f.recA),
		fmt.Sprintf("/api/v1/recordings/%d/report", f.recA),
		fmt.Sprintf("/api/v1/recordings?patient=%d", A),
		fmt.Sprintf("/api/v1/intakes?patient=%d", A),
		fmt.Sprintf("/api/v1/intakes/%d", f.intakeA),
		fmt.Sprintf("/api/v1/plans?patient=%d", A),
		fmt.Sprintf("/api/v1/plans/%d", f.planA),
		fmt.Sprintf("/api/v1/sessions?patient=%d", A),
		fmt.Sprintf("/api/v1/sessions/%d", f.sessionA),
		fmt.Sprintf("/api/v1/checkins?patient=%d", A),
		fmt.Sprintf("/api/v1/checkins/%d", f.checkinA),
		fmt.Sprintf("/api/v1/patients/%d", A),
		fmt.Sprintf("/api/v1/patients/%d/export.csv", A),
		fmt.Sprintf("/api/v1/patients/%d/fhir", A),
		fmt.Sprintf("/api/v1/issue-reports?patient=%d", A),
	}
}

// TestReadsRefuseOtherAccounts reads every one of A's resources as A, as
// A's clinician, as another patient, as an unlinked clinician, without
// credentials and with a bad token.
func TestReadsRefuseOtherAccounts(t *testing.T) {
	f := newFixture(t)
	paths := f.readPaths()
	who := []struct {
		name   string
		token  string
		status int
		code   string
	}{
		{"owner", f.a.token, 200, ""},
		{"linked clinician", f.c.token, 200, ""},
		{"other patient", f.b.token, 404, stretchwise.ENOTFOUND},
		{"unlinked clinician", f.d.token, 404, stretchwise.ENOTFOUND},
		{"no credentials", "", 401, stretchwise.EUNAUTHORIZED},
		{"bad token", strings.Repeat("ab", 32), 401, stretchwise.EUNAUTHORIZED},
	}
	for _, p := range paths {
		for _, w := range who {
			t.Run(w.name+" "+p, func(t *testing.T) {
				r := f.do(req{method: "GET", path: p, token: w.token})
				if r.status != w.status {
					t.Fatalf("status %d, want %d: %.200s", r.status, w.status, r.body)
				}
				if w.code != "" && errorCode(r.body) != w.code {
					t.Errorf("error body %s, want code %s", r.body, w.code)
				}
				if w.status != 200 && strings.Contains(string(r.body), "a@example.test") {
					t.Errorf("refusal leaks the owner's email: %s", r.body)
				}
			})
		}
	}
	// The cookie works like the token, and a clinician's other recording
	// ids (B's) stay hidden.
	if r := f.do(req{method: "GET", path: paths[1], cookie: f.a.cookie}); r.status != 200 {
		t.Errorf("report with the session cookie: %d %s", r.status, r.body)
	}
	if r := f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/recordings/%d", f.recB), token: f.c.token}); r.status != 404 {
		t.Errorf("linked clinician reads another patient's recording: %d", r.status)
	}
}

// TestListsShowOnlyOwnData checks that the lists without ?patient are the
// caller's own and that a clinician's patient list holds only linked ones.
func TestListsShowOnlyOwnData(t *testing.T) {
	f := newFixture(t)
	var recs []stretchwise.StoredRecording
	f.mustJSON(f.do(req{method: "GET", path: "/api/v1/recordings", token: f.b.token}), 200, &recs)
	if len(recs) != 1 || recs[0].ID != f.recB {
		t.Errorf("B's recordings = %+v, want only %d", recs, f.recB)
	}
	for _, kind := range []string{"intakes", "plans", "sessions", "checkins"} {
		var docs []stretchwise.Document
		f.mustJSON(f.do(req{method: "GET", path: "/api/v1/" + kind, token: f.b.token}), 200, &docs)
		if len(docs) != 0 {
			t.Errorf("B's %s = %d documents, want 0", kind, len(docs))
		}
		f.mustJSON(f.do(req{method: "GET", path: "/api/v1/" + kind, token: f.a.token}), 200, &docs)
		if len(docs) != 1 {
			t.Errorf("A's %s = %d documents, want 1", kind, len(docs))
		}
	}
	var pats []struct {
		ID    int64
		Email string
	}
	f.mustJSON(f.do(req{method: "GET", path: "/api/v1/patients", token: f.c.token}), 200, &pats)
	if len(pats) != 1 || pats[0].ID != f.a.user.ID {
		t.Errorf("C's patients = %+v, want only A", pats)
	}
	f.mustJSON(f.do(req{method: "GET", path: "/api/v1/patients", token: f.d.token}), 200, &pats)
	if len(pats) != 0 {
		t.Errorf("D's patients = %+v, want none", pats)
	}
	// A clinician must name the patient of a list.
	if r := f.do(req{method: "GET", path: "/api/v1/recordings", token: f.c.token}); r.status != 400 {
		t.Errorf("clinician list without ?patient: %d", r.status)
	}
}

// TestWritesRefuseOtherAccounts tries every write that could touch A's
// data from other accounts, and every write with the wrong role.
func TestWritesRefuseOtherAccounts(t *testing.T) {
	f := newFixture(t)
	session := func(extra string) []byte {
		return []byte(`{"started_at":"2026-11-20T08:00:00Z","pain_before":1,"leg_pain_before":0,"sets":[{"exercise":"bird-dog","hold_s":10,"intensity":2,"pain":1` + extra + `}]` + "}")
	}
	tests := []struct {
		name   string
		who    *account
		method string
		path   string
		body   []byte
		ctype  string
		status int
	}{
		{"B attaches A's recording to a session", f.b, "POST", "/api/v1/sessions", session(fmt.Sprintf(`,"recording_id":%d`, f.recA)), "application/json", 400},
		{"B names A's plan in a session", f.b, "POST", "/api/v1/sessions", []byte(fmt.Sprintf(`{"plan_id":%d,"started_at":"2026-11-20T08:00:00Z","sets":[]}`, f.planA)), "application/json", 400},
		{"B plans from A's intake", f.b, "POST", "/api/v1/plans", []byte(fmt.Sprintf(`{"intake_id":%d}`, f.intakeA)), "application/json", 400},
		{"B unlinks A's clinician", f.b, "DELETE", fmt.Sprintf("/api/v1/links/%d", f.c.user.ID), nil, "", 404},
		{"D unlinks A", f.d, "DELETE", fmt.Sprintf("/api/v1/links/%d", f.a.user.ID), nil, "", 404},
		{"clinician uploads", f.c, "POST", "/api/v1/recordings", storetest.RecordingText(3, 10), "application/x-ndjson", 403},
		{"clinician posts an intake", f.c, "POST", "/api/v1/intakes", intakeJSON, "application/json", 403},
		{"clinician posts a session", f.c, "POST", "/api/v1/sessions", session(""), "application/json", 403},
		{"clinician posts a check-in", f.c, "POST", "/api/v1/checkins", []byte(`{"pain":1}`), "application/json", 403},
		{"clinician makes a plan", f.c, "POST", "/api/v1/plans", []byte(`{}`), "application/json", 403},
		{"clinician redeems an invite", f.c, "POST", "/api/v1/links", []byte(`{"code":"AAAA"}`), "application/json", 403},
		{"patient makes an invite", f.a, "POST", "/api/v1/invites", nil, "", 403},
		{"patient lists patients", f.a, "GET", "/api/v1/patients", nil, "", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.do(req{method: tt.method, path: tt.path, body: tt.body, ctype: tt.ctype, token: tt.who.token})
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
		})
	}
	// Nothing was stored for B or C, and A's link stands.
	for _, kind := range []stretchwise.DocumentKind{stretchwise.DocSession, stretchwise.DocPlan, stretchwise.DocIntake, stretchwise.DocCheckIn} {
		for _, who := range []*account{f.b, f.c} {
			if docs, _ := f.store.ListDocuments(t.Context(), who.user.ID, kind); len(docs) != 0 {
				t.Errorf("%s has %d %s documents after refused writes", who.user.Email, len(docs), kind)
			}
		}
	}
	if recs, _ := f.store.ListRecordings(t.Context(), f.c.user.ID); len(recs) != 0 {
		t.Errorf("clinician has %d recordings", len(recs))
	}
	if ok, _ := f.store.IsLinked(t.Context(), f.c.user.ID, f.a.user.ID); !ok {
		t.Errorf("A's link to C is gone after refused unlinks")
	}
}

// TestEveryEndpointNeedsCredentials sends every authenticated route
// without credentials and with a bad token.
func TestEveryEndpointNeedsCredentials(t *testing.T) {
	e := newEnv(t, nil)
	for _, rt := range documentedRoutes(t, e) {
		if rt.public {
			continue
		}
		path := strings.NewReplacer("{id}", "1", "{user}", "1", "{patient}", "1").Replace(rt.path)
		for _, token := range []string{"", "not-a-token"} {
			r := e.do(req{method: rt.method, path: path, token: token, ctype: "application/json", body: []byte(`{}`)})
			if r.status != http.StatusUnauthorized || errorCode(r.body) != stretchwise.EUNAUTHORIZED {
				t.Errorf("%s %s with token %q: %d %s, want 401 unauthorized", rt.method, path, token, r.status, r.body)
			}
		}
	}
	// Basic auth instead of bearer is not accepted either.
	r := e.do(req{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": "Basic YTpi"}})
	if r.status != 401 {
		t.Errorf("basic auth: %d", r.status)
	}
}

type apiRoute struct {
	method, path string
	public       bool
}

// documentedRoutes reads the operations from the served OpenAPI document,
// which TestOpenAPIMatchesRoutes proves equal to the registered routes.
func documentedRoutes(t *testing.T, e *env) []apiRoute {
	var doc struct {
		Paths map[string]map[string]struct {
			Security *[]any `json:"security"`
		} `json:"paths"`
	}
	e.mustJSON(e.do(req{method: "GET", path: "/api/v1/openapi.json"}), 200, &doc)
	var out []apiRoute
	for p, ops := range doc.Paths {
		for m, op := range ops {
			out = append(out, apiRoute{strings.ToUpper(m), p, op.Security != nil && len(*op.Security) == 0})
		}
	}
	if len(out) < 25 {
		t.Fatalf("only %d operations in the OpenAPI document", len(out))
	}
	return out
}
