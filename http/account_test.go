package http_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/storetest"
)

// crossSite is what a browser adds to a request another site makes.
var crossSite = map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example"}

func (e *env) login(email, pw string) resp {
	e.t.Helper()
	return e.do(req{method: "POST", path: "/api/v1/login", ctype: "application/json", body: jsonBody(map[string]string{"email": email, "password": pw})})
}

// secondSession signs a in again (another device) and returns its token.
func (e *env) secondSession(a *account) string {
	e.t.Helper()
	var lr struct{ Token string }
	e.mustJSON(e.login(a.user.Email, "password for "+a.user.Email), 200, &lr)
	return lr.Token
}

func (e *env) status(method, path, token string) int {
	e.t.Helper()
	return e.do(req{method: method, path: path, token: token}).status
}

func TestChangePassword(t *testing.T) {
	f := newFixture(t)
	old := "password for " + f.a.user.Email
	other := f.secondSession(f.a)
	change := func(who req, current, next string) resp {
		who.method, who.path, who.ctype = "POST", "/api/v1/me/password", "application/json"
		who.body = jsonBody(map[string]string{"current_password": current, "new_password": next})
		return f.do(who)
	}
	for _, tt := range []struct {
		name    string
		r       req
		current string
		next    string
		status  int
	}{
		{"wrong current password", req{token: f.a.token}, "not my password", "a new long password", 401},
		{"new password too short", req{token: f.a.token}, old, "short", 400},
		{"cross-site with the cookie", req{cookie: f.a.cookie, header: crossSite}, old, "a new long password", 403},
		{"no credentials", req{}, old, "a new long password", 401},
	} {
		if r := change(tt.r, tt.current, tt.next); r.status != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.name, r.status, tt.status, r.body)
		}
	}
	if r := f.login(f.a.user.Email, old); r.status != 200 {
		t.Fatalf("refused changes changed the password: login %d", r.status)
	}
	if r := change(req{cookie: f.a.cookie}, old, "a new long password"); r.status != 204 {
		t.Fatalf("change password: %d %s", r.status, r.body)
	}
	if f.status("GET", "/api/v1/me", f.a.token) != 200 {
		t.Errorf("the session that changed the password ended")
	}
	if f.status("GET", "/api/v1/me", other) != 401 {
		t.Errorf("another session of the account still works after the change")
	}
	if f.status("GET", "/api/v1/me", f.b.token) != 200 {
		t.Errorf("another account's session ended")
	}
	if r := f.login(f.a.user.Email, old); r.status != 401 {
		t.Errorf("old password still signs in: %d", r.status)
	}
	if r := f.login(f.a.user.Email, "a new long password"); r.status != 200 {
		t.Errorf("new password does not sign in: %d", r.status)
	}
}

func TestSignOutEverywhere(t *testing.T) {
	f := newFixture(t)
	other := f.secondSession(f.a)
	if r := f.do(req{method: "DELETE", path: "/api/v1/me/sessions", cookie: f.a.cookie, header: crossSite}); r.status != 403 {
		t.Errorf("cross-site sign out everywhere: %d, want 403", r.status)
	}
	if f.status("GET", "/api/v1/me", other) != 200 {
		t.Fatalf("a refused request signed out")
	}
	r := f.do(req{method: "DELETE", path: "/api/v1/me/sessions", cookie: f.a.cookie})
	if r.status != 204 {
		t.Fatalf("sign out everywhere: %d %s", r.status, r.body)
	}
	if len(r.cookie) != 1 || r.cookie[0].Name != "stretchwise_session" || r.cookie[0].MaxAge >= 0 {
		t.Errorf("cookie not cleared: %v", r.cookie)
	}
	for _, tok := range []string{f.a.token, other} {
		if f.status("GET", "/api/v1/me", tok) != 401 {
			t.Errorf("a session survived sign out everywhere")
		}
	}
	if f.status("GET", "/api/v1/me", f.b.token) != 200 {
		t.Errorf("another account's session ended")
	}
}

func TestRecoveryCodeReset(t *testing.T) {
	e := newEnv(t, nil)
	signUp := func(email string) string {
		var u struct {
			RecoveryCode string `json:"recovery_code"`
		}
		e.mustJSON(e.do(req{method: "POST", path: "/api/v1/accounts", ctype: "application/json",
			body: jsonBody(map[string]string{"email": email, "password": "first password", "role": "patient"})}), 201, &u)
		if len(u.RecoveryCode) != 19 {
			t.Fatalf("sign-up recovery code %q, want 16 characters in groups of 4", u.RecoveryCode)
		}
		return u.RecoveryCode
	}
	code := signUp("ann@example.test")
	bobCode := signUp("bob@example.test")
	var lr struct{ Token string }
	e.mustJSON(e.login("ann@example.test", "first password"), 200, &lr)
	reset := func(email, code, pw string) resp {
		return e.do(req{method: "POST", path: "/api/v1/password-reset", ctype: "application/json",
			body: jsonBody(map[string]string{"email": email, "recovery_code": code, "new_password": pw})})
	}
	for _, tt := range []struct {
		name, email, code, pw string
		status                int
	}{
		{"wrong code", "ann@example.test", "AAAA-BBBB-CCCC-DDDD-EEEE", "second password", 401},
		{"another account's code", "ann@example.test", bobCode, "second password", 401},
		{"unknown email", "nobody@example.test", code, "second password", 401},
		{"empty code", "ann@example.test", "", "second password", 401},
		{"short password", "ann@example.test", code, "short", 400},
	} {
		if r := reset(tt.email, tt.code, tt.pw); r.status != tt.status {
			t.Errorf("%s: %d, want %d: %s", tt.name, r.status, tt.status, r.body)
		}
	}
	if e.status("GET", "/api/v1/me", lr.Token) != 200 || e.login("ann@example.test", "first password").status != 200 {
		t.Fatalf("refused resets changed the account")
	}
	// Typed in lower case with spaces instead of dashes, as a person might.
	var out struct {
		User         stretchwise.User
		RecoveryCode string `json:"recovery_code"`
	}
	e.mustJSON(reset("Ann@Example.test", strings.ToLower(strings.ReplaceAll(code, "-", " ")), "second password"), 200, &out)
	if out.User.Email != "ann@example.test" || out.RecoveryCode == "" || out.RecoveryCode == code {
		t.Errorf("reset answered %+v", out)
	}
	if e.status("GET", "/api/v1/me", lr.Token) != 401 {
		t.Errorf("a session survived the reset")
	}
	if e.login("ann@example.test", "first password").status != 401 || e.login("ann@example.test", "second password").status != 200 {
		t.Errorf("the reset did not replace the password")
	}
	if r := reset("ann@example.test", code, "third password"); r.status != 401 {
		t.Errorf("a used code works again: %d", r.status)
	}
	// A new code on request needs the password; the one before stops working.
	e.mustJSON(e.login("ann@example.test", "second password"), 200, &lr)
	newCode := func(pw string) resp {
		return e.do(req{method: "POST", path: "/api/v1/me/recovery-code", token: lr.Token, ctype: "application/json", body: jsonBody(map[string]string{"password": pw})})
	}
	if r := newCode("first password"); r.status != 401 {
		t.Errorf("new recovery code with a wrong password: %d", r.status)
	}
	var fresh struct {
		RecoveryCode string `json:"recovery_code"`
	}
	e.mustJSON(newCode("second password"), 201, &fresh)
	if r := reset("ann@example.test", out.RecoveryCode, "third password"); r.status != 401 {
		t.Errorf("the replaced code still works: %d", r.status)
	}
	if r := reset("ann@example.test", fresh.RecoveryCode, "third password"); r.status != 200 {
		t.Errorf("the new code: %d %s", r.status, r.body)
	}
	if r := reset("bob@example.test", bobCode, "bob's new password"); r.status != 200 {
		t.Errorf("bob's own code: %d %s", r.status, r.body)
	}
}

// unzip reads a ZIP answer into name -> contents.
func unzip(t *testing.T, body []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a ZIP: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = b
	}
	return files
}

// TestExportAll unpacks a patient's export and checks that every item the
// store holds for them is in it, byte for byte where it has bytes, and
// nothing of another patient.
func TestExportAll(t *testing.T) {
	f := newFixture(t)
	rec2 := storetest.RecordingText(9, 90)
	f.upload(f.a, rec2)
	issueRec := string(storetest.RecordingText(8, 20))
	f.fileIssue(f.a, map[string]any{"what": "The timer stopped", "screenshot_png": "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngBytes), "recording": issueRec})
	f.fileIssue(f.a, map[string]any{"what": "No attachments"})
	f.fileIssue(f.b, map[string]any{"what": "B's report"})

	seen := &stretchwise.AuditEntry{PatientID: f.a.user.ID, ActorID: f.c.user.ID, ActorEmail: f.c.user.Email, ActorRole: stretchwise.RoleClinician,
		Action: stretchwise.AuditExportCSV, Path: fmt.Sprintf("/api/v1/patients/%d/export.csv", f.a.user.ID)}
	if err := f.store.CreateAuditEntry(t.Context(), seen); err != nil {
		t.Fatal(err)
	}
	r := f.do(req{method: "GET", path: "/api/v1/me/export", cookie: f.a.cookie})
	if r.status != 200 || r.header.Get("Content-Type") != "application/zip" || !strings.Contains(r.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %v", r.status, r.header)
	}
	files := unzip(t, r.body)
	ctx := t.Context()
	A := f.a.user.ID

	var account struct {
		User  stretchwise.User
		Links []stretchwise.Link
	}
	if err := json.Unmarshal(files["account.json"], &account); err != nil {
		t.Fatalf("account.json: %v", err)
	}
	if account.User.ID != A || account.User.Email != f.a.user.Email || len(account.Links) != 1 || account.Links[0].ClinicianID != f.c.user.ID {
		t.Errorf("account.json = %s", files["account.json"])
	}
	for _, kind := range []stretchwise.DocumentKind{stretchwise.DocIntake, stretchwise.DocPlan, stretchwise.DocSession, stretchwise.DocCheckIn} {
		want, err := f.store.ListDocuments(ctx, A, kind)
		if err != nil || len(want) == 0 {
			t.Fatalf("stored %s: %d, %v", kind, len(want), err)
		}
		var got []stretchwise.Document
		if err := json.Unmarshal(files[string(kind)+"s.json"], &got); err != nil {
			t.Fatalf("%ss.json: %v", kind, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%ss.json has %d, stored %d", kind, len(got), len(want))
		}
		for i := range want {
			if got[i].ID != want[i].ID || !jsonEqual(got[i].Body, want[i].Body) {
				t.Errorf("%s %d: exported %s, stored %s", kind, want[i].ID, got[i].Body, want[i].Body)
			}
		}
	}
	recs, _ := f.store.ListRecordings(ctx, A)
	var gotRecs []stretchwise.StoredRecording
	if err := json.Unmarshal(files["recordings.json"], &gotRecs); err != nil || len(gotRecs) != 2 || len(recs) != 2 {
		t.Fatalf("recordings.json: %d recordings (stored %d), %v", len(gotRecs), len(recs), err)
	}
	for i, rec := range recs {
		raw, _ := f.store.RecordingData(ctx, rec.ID)
		if got := files[fmt.Sprintf("recordings/%d.jsonl", rec.ID)]; !bytes.Equal(got, raw) {
			t.Errorf("recording %d: %d bytes exported, %d stored", rec.ID, len(got), len(raw))
		}
		if gotRecs[i].ID != rec.ID || gotRecs[i].SHA256 != rec.SHA256 || gotRecs[i].Report == nil || len(gotRecs[i].Report.Measures) != len(rec.Report.Measures) {
			t.Errorf("recordings.json entry %d = %+v", i, gotRecs[i])
		}
	}
	if raw, _ := f.store.RecordingData(ctx, recs[1].ID); !bytes.Equal(raw, rec2) {
		t.Errorf("the stored second recording is not the upload")
	}
	reps, _ := f.store.ListIssueReports(ctx, []int64{A})
	var gotReps []stretchwise.IssueReport
	if err := json.Unmarshal(files["issue-reports.json"], &gotReps); err != nil || len(gotReps) != 2 || len(reps) != 2 {
		t.Fatalf("issue-reports.json: %d (stored %d), %v", len(gotReps), len(reps), err)
	}
	for _, rep := range reps {
		if rep.ScreenshotSize > 0 && !bytes.Equal(files[fmt.Sprintf("issue-reports/%d-screenshot.png", rep.ID)], pngBytes) {
			t.Errorf("issue report %d: screenshot missing or different", rep.ID)
		}
		if rep.RecordingSize > 0 && string(files[fmt.Sprintf("issue-reports/%d-recording.jsonl", rep.ID)]) != issueRec {
			t.Errorf("issue report %d: recording missing or different", rep.ID)
		}
	}
	wantLog, _ := f.store.ListAuditEntries(ctx, A)
	var gotLog []stretchwise.AuditEntry
	if err := json.Unmarshal(files["access-log.json"], &gotLog); err != nil || len(gotLog) == 0 || len(gotLog) != len(wantLog) {
		t.Fatalf("access-log.json: %d entries, stored %d, %v", len(gotLog), len(wantLog), err)
	}
	for i := range wantLog {
		if gotLog[i].ID != wantLog[i].ID || gotLog[i].ActorEmail != wantLog[i].ActorEmail || gotLog[i].Action != wantLog[i].Action {
			t.Errorf("access-log.json entry %d = %+v, stored %+v", i, gotLog[i], *wantLog[i])
		}
	}
	// Nothing of B: not B's email, recording or report.
	for name, b := range files {
		if bytes.Contains(b, []byte(f.b.user.Email)) || bytes.Contains(b, []byte("B's report")) {
			t.Errorf("%s holds another patient's data", name)
		}
		if name == fmt.Sprintf("recordings/%d.jsonl", f.recB) {
			t.Errorf("B's recording is in A's export")
		}
	}
	if _, ok := files["README.txt"]; !ok {
		t.Errorf("no README.txt")
	}
	if f.status("GET", "/api/v1/me/export", "") != 401 {
		t.Errorf("export without credentials is not 401")
	}
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

func (f *fixture) deleteAccount(r req, pw, confirm string) resp {
	f.t.Helper()
	r.method, r.path, r.ctype = "DELETE", "/api/v1/me", "application/json"
	r.body = jsonBody(map[string]string{"password": pw, "confirm": confirm})
	return f.do(r)
}

func TestDeleteAccount(t *testing.T) {
	f := newFixture(t)
	A := f.a.user.ID
	pw, email := "password for "+f.a.user.Email, f.a.user.Email
	for _, tt := range []struct {
		name        string
		r           req
		pw, confirm string
		status      int
	}{
		{"wrong password", req{token: f.a.token}, "wrong password", email, 401},
		{"confirmation not typed", req{token: f.a.token}, pw, "", 400},
		{"another account's email typed", req{token: f.a.token}, pw, f.b.user.Email, 400},
		{"cross-site with the cookie", req{cookie: f.a.cookie, header: crossSite}, pw, email, 403},
		{"another patient's session with A's password", req{token: f.b.token}, pw, email, 400},
		{"another patient's session typing their own email", req{token: f.b.token}, pw, f.b.user.Email, 401},
		{"no credentials", req{}, pw, email, 401},
	} {
		if r := f.deleteAccount(tt.r, tt.pw, tt.confirm); r.status != tt.status {
			t.Errorf("%s: %d, want %d: %s", tt.name, r.status, tt.status, r.body)
		}
	}
	if f.status("GET", "/api/v1/me", f.a.token) != 200 || f.status("GET", fmt.Sprintf("/api/v1/patients/%d", A), f.c.token) != 200 {
		t.Fatalf("refused deletions changed the account")
	}
	if _, err := f.store.FindUserByID(t.Context(), f.b.user.ID); err != nil {
		t.Fatalf("B was deleted with A's password: %v", err)
	}
	r := f.deleteAccount(req{cookie: f.a.cookie}, pw, " "+strings.ToUpper(email)+" ")
	if r.status != 204 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	if len(r.cookie) != 1 || r.cookie[0].MaxAge >= 0 {
		t.Errorf("cookie not cleared: %v", r.cookie)
	}
	if f.status("GET", "/api/v1/me", f.a.token) != 401 || f.login(email, pw).status != 401 {
		t.Errorf("the deleted account still signs in")
	}
	// The clinician's link went: A is not in the list and reads are 404.
	var pats []struct{ ID int64 }
	f.mustJSON(f.do(req{method: "GET", path: "/api/v1/patients", token: f.c.token}), 200, &pats)
	if len(pats) != 0 {
		t.Errorf("the clinician still lists %v", pats)
	}
	for _, p := range []string{fmt.Sprintf("/api/v1/patients/%d", A), fmt.Sprintf("/api/v1/recordings/%d", f.recA), fmt.Sprintf("/api/v1/sessions/%d", f.sessionA)} {
		if s := f.status("GET", p, f.c.token); s != 404 {
			t.Errorf("clinician GET %s after deletion: %d, want 404", p, s)
		}
	}
	if recs, _ := f.store.ListRecordings(t.Context(), A); len(recs) != 0 {
		t.Errorf("%d recordings left", len(recs))
	}
	if recs, _ := f.store.ListRecordings(t.Context(), f.b.user.ID); len(recs) != 1 {
		t.Errorf("B has %d recordings after A's deletion, want 1", len(recs))
	}
	// The email can sign up again, as a new account.
	f.signUp(email, stretchwise.RolePatient)
}

// TestDeleteClinicianUnlinks: a clinician deleting their account unlinks
// their patients, who keep their data.
func TestDeleteClinicianUnlinks(t *testing.T) {
	f := newFixture(t)
	if r := f.deleteAccount(req{token: f.c.token}, "password for "+f.c.user.Email, f.c.user.Email); r.status != 204 {
		t.Fatalf("delete clinician: %d %s", r.status, r.body)
	}
	var links []stretchwise.Link
	f.mustJSON(f.do(req{method: "GET", path: "/api/v1/links", token: f.a.token}), 200, &links)
	if len(links) != 0 {
		t.Errorf("A's links after the clinician left: %v", links)
	}
	if f.status("GET", fmt.Sprintf("/api/v1/recordings/%d", f.recA), f.a.token) != 200 {
		t.Errorf("A lost a recording when the clinician was deleted")
	}
}

// TestUnlinkEndsAccess: after the patient unlinks the clinician, or the
// clinician leaves the patient, every read of the patient's data by that
// clinician is 404; unlinking someone else's link is 404 and changes nothing.
func TestUnlinkEndsAccess(t *testing.T) {
	for _, who := range []string{"patient unlinks", "clinician leaves"} {
		t.Run(who, func(t *testing.T) {
			f := newFixture(t)
			A, C := f.a.user.ID, f.c.user.ID
			reads := []string{
				fmt.Sprintf("/api/v1/patients/%d", A),
				fmt.Sprintf("/api/v1/recordings/%d/report", f.recA),
				fmt.Sprintf("/api/v1/recordings?patient=%d", A),
				fmt.Sprintf("/api/v1/sessions/%d", f.sessionA),
				fmt.Sprintf("/api/v1/patients/%d/export.csv", A),
			}
			for _, p := range reads {
				if s := f.status("GET", p, f.c.token); s != 200 {
					t.Fatalf("linked clinician GET %s: %d", p, s)
				}
			}
			path, token := fmt.Sprintf("/api/v1/links/%d", C), f.a.token
			if who == "clinician leaves" {
				path, token = fmt.Sprintf("/api/v1/links/%d", A), f.c.token
			}
			if r := f.do(req{method: "DELETE", path: path, cookie: &http.Cookie{Name: "stretchwise_session", Value: token}, header: crossSite}); r.status != 403 {
				t.Errorf("cross-site unlink: %d, want 403", r.status)
			}
			if s := f.status("GET", reads[0], f.c.token); s != 200 {
				t.Fatalf("a refused unlink unlinked: %d", s)
			}
			if s := f.status("DELETE", path, token); s != 204 {
				t.Fatalf("unlink: %d", s)
			}
			for _, p := range reads {
				if s := f.status("GET", p, f.c.token); s != 404 {
					t.Errorf("clinician GET %s after unlinking: %d, want 404", p, s)
				}
			}
			if s := f.status("DELETE", path, token); s != 404 {
				t.Errorf("second unlink: %d, want 404", s)
			}
		})
	}
}

// gatedStore holds back one recording's bytes until the test lets it go.
type gatedStore struct {
	stretchwise.Store
	gated   int64
	release chan struct{}
}

func (g *gatedStore) RecordingData(ctx context.Context, id int64) ([]byte, error) {
	if id == g.gated {
		select {
		case <-g.release:
		case <-time.After(10 * time.Second):
			return nil, errors.New("test gate never opened")
		}
	}
	return g.Store.RecordingData(ctx, id)
}

// TestExportStreams: the ZIP reaches the client while recordings are
// still being read, so the server never holds the whole export (the last
// recording is only read once the first bytes have arrived).
func TestExportStreams(t *testing.T) {
	gate := &gatedStore{release: make(chan struct{})}
	e := newEnv(t, func(o *swhttp.Options) { gate.Store = o.Store; o.Store = gate })
	a := e.signUp("streams@example.test", stretchwise.RolePatient)
	for i := range 3 {
		var rec stretchwise.StoredRecording
		e.mustJSON(e.do(req{method: "POST", path: "/api/v1/recordings", token: a.token, ctype: "application/x-ndjson", body: storetest.RecordingText(int64(20+i), 300)}), 201, &rec)
		gate.gated = rec.ID
	}
	hr, _ := http.NewRequest("GET", e.srv.URL+"/api/v1/me/export", nil)
	hr.Header.Set("Authorization", "Bearer "+a.token)
	res, err := e.srv.Client().Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	first := make([]byte, 4096)
	if _, err := io.ReadFull(res.Body, first); err != nil {
		t.Fatalf("no bytes before the last recording was read: %v", err)
	}
	close(gate.release)
	rest, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	files := unzip(t, append(first, rest...))
	if len(files[fmt.Sprintf("recordings/%d.jsonl", gate.gated)]) == 0 {
		t.Errorf("the last recording is missing from the export")
	}
}
