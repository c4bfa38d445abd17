package http_test

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
)

// auditEntry is an entry of GET /api/v1/audit-log.
type auditEntry struct {
	stretchwise.AuditEntry
	What string `json:"what"`
}

func (f *fixture) auditLog(a *account) []auditEntry {
	f.t.Helper()
	var list []auditEntry
	f.mustJSON(f.do(req{method: "GET", path: "/api/v1/audit-log", token: a.token}), 200, &list)
	return list
}

// TestAuditLogRecordsClinicianReads reads each of A's resources as A, as
// an unlinked clinician, as another patient and as A's clinician: only the
// clinician's reads are written to A's audit log, one entry per read,
// saying who, what and when.
func TestAuditLogRecordsClinicianReads(t *testing.T) {
	f := newFixture(t)
	A := f.a.user.ID
	wantAction := map[string]string{
		fmt.Sprintf("/api/v1/recordings/%d", f.recA):        stretchwise.AuditViewRecording,
		fmt.Sprintf("/api/v1/recordings/%d/report", f.recA): stretchwise.AuditViewReport,
		fmt.Sprintf("/api/v1/recordings?patient=%d", A):     stretchwise.AuditViewRecordings,
		fmt.Sprintf("/api/v1/intakes?patient=%d", A):        stretchwise.AuditViewIntakes,
		fmt.Sprintf("/api/v1/intakes/%d", f.intakeA):        stretchwise.AuditViewIntakes,
		fmt.Sprintf("/api/v1/plans?patient=%d", A):          stretchwise.AuditViewPlans,
		fmt.Sprintf("/api/v1/plans/%d", f.planA):            stretchwise.AuditViewPlans,
		fmt.Sprintf("/api/v1/sessions?patient=%d", A):       stretchwise.AuditViewSessions,
		fmt.Sprintf("/api/v1/sessions/%d", f.sessionA):      stretchwise.AuditViewSessions,
		fmt.Sprintf("/api/v1/checkins?patient=%d", A):       stretchwise.AuditViewCheckIns,
		fmt.Sprintf("/api/v1/checkins/%d", f.checkinA):      stretchwise.AuditViewCheckIns,
		fmt.Sprintf("/api/v1/patients/%d", A):               stretchwise.AuditViewPatient,
		fmt.Sprintf("/api/v1/patients/%d/export.csv", A):    stretchwise.AuditExportCSV,
		fmt.Sprintf("/api/v1/patients/%d/fhir", A):          stretchwise.AuditExportFHIR,
		fmt.Sprintf("/api/v1/issue-reports?patient=%d", A):  stretchwise.AuditViewIssueReports,
	}
	for _, p := range f.readPaths() {
		before := len(f.auditLog(f.a))
		for _, a := range []*account{f.a, f.b, f.d} {
			f.do(req{method: "GET", path: p, token: a.token})
		}
		if got := f.auditLog(f.a); len(got) != before {
			t.Fatalf("%s: reads by the patient and by accounts refused wrote %d audit entries, want 0: %+v", p, len(got)-before, got[before:])
		}
		start := time.Now().Truncate(time.Microsecond)
		if r := f.do(req{method: "GET", path: p, token: f.c.token}); r.status != 200 {
			t.Fatalf("%s as the linked clinician: %d %s", p, r.status, r.body)
		}
		got := f.auditLog(f.a)
		if len(got) != before+1 {
			t.Fatalf("%s: the linked clinician's read wrote %d audit entries, want 1", p, len(got)-before)
		}
		e := got[before]
		path, _, _ := strings.Cut(p, "?")
		want, ok := wantAction[p]
		if !ok {
			t.Fatalf("%s: no action expected for this read; add it to the test", p)
		}
		if e.PatientID != f.a.user.ID || e.ActorID != f.c.user.ID || e.ActorEmail != "c@example.test" || e.ActorRole != stretchwise.RoleClinician ||
			e.Action != want || e.Path != path || e.CreatedAt.Before(start) || e.What != stretchwise.AuditActionText[want] || e.What == "" {
			t.Errorf("%s: entry %+v, want clinician %d (c@example.test) doing %s on %s at or after %v", p, e, f.c.user.ID, want, path, start)
		}
	}
	// Nothing about A is in B's log, and B's own reads wrote none.
	if got := f.auditLog(f.b); len(got) != 0 {
		t.Errorf("B's audit log has %d entries, want 0: %+v", len(got), got)
	}
}

// TestAuditLogOnlyForThePatient: a clinician cannot read a patient's
// audit log, not even their linked patient's, and nobody can change or
// delete an entry through the API.
func TestAuditLogOnlyForThePatient(t *testing.T) {
	f := newFixture(t)
	f.mustJSON(f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d", f.a.user.ID), token: f.c.token}), 200, nil)
	want := f.auditLog(f.a)
	if len(want) != 1 {
		t.Fatalf("A's audit log has %d entries, want 1", len(want))
	}
	A := f.a.user.ID
	for _, p := range []string{"/api/v1/audit-log", "/api/v1/audit-log.csv", fmt.Sprintf("/api/v1/audit-log?patient=%d", A), fmt.Sprintf("/api/v1/audit-log.csv?patient=%d", A)} {
		r := f.do(req{method: "GET", path: p, token: f.c.token})
		if r.status != http.StatusForbidden || strings.Contains(string(r.body), "c@example.test") {
			t.Errorf("GET %s as A's clinician: %d %s, want 403 without the log", p, r.status, r.body)
		}
		if r := f.do(req{method: "GET", path: p}); r.status != http.StatusUnauthorized {
			t.Errorf("GET %s without credentials: %d, want 401", p, r.status)
		}
	}
	id := want[0].ID
	for _, method := range []string{"POST", "PUT", "PATCH", "DELETE"} {
		for _, p := range []string{"/api/v1/audit-log", fmt.Sprintf("/api/v1/audit-log/%d", id)} {
			for _, a := range []*account{f.a, f.c} {
				r := f.do(req{method: method, path: p, token: a.token, ctype: "application/json", body: []byte(`{"actor_email":"nobody@example.test"}`)})
				if r.status < 400 || r.status >= 500 {
					t.Errorf("%s %s as %s: %d, want a 4xx refusal", method, p, a.user.Email, r.status)
				}
			}
		}
	}
	if got := f.auditLog(f.a); len(got) != 1 || got[0].AuditEntry != want[0].AuditEntry {
		t.Errorf("after the refused writes A's audit log is %+v, want %+v", got, want)
	}
}

// TestAuditLogCSV: the patient's audit log as CSV, one row per entry, with
// formula-looking cells neutralised.
func TestAuditLogCSV(t *testing.T) {
	f := newFixture(t)
	doctor := f.signUp("=cmd|'/Ccalc'!A0@example.test", stretchwise.RoleClinician)
	var inv struct{ Code string }
	f.mustJSON(f.do(req{method: "POST", path: "/api/v1/invites", token: doctor.token}), 201, &inv)
	f.mustJSON(f.do(req{method: "POST", path: "/api/v1/links", token: f.a.token, ctype: "application/json", body: jsonBody(map[string]string{"code": inv.Code})}), 201, nil)
	for _, a := range []*account{f.c, doctor} {
		f.mustJSON(f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d/fhir", f.a.user.ID), token: a.token}), 200, nil)
	}
	r := f.do(req{method: "GET", path: "/api/v1/audit-log.csv", token: f.a.token})
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("audit-log.csv: %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"time", "who", "role", "action", "what", "path"},
		{rows[1][0], "c@example.test", "clinician", stretchwise.AuditExportFHIR, stretchwise.AuditActionText[stretchwise.AuditExportFHIR], fmt.Sprintf("/api/v1/patients/%d/fhir", f.a.user.ID)},
		{rows[2][0], "'" + doctor.user.Email, "clinician", stretchwise.AuditExportFHIR, stretchwise.AuditActionText[stretchwise.AuditExportFHIR], fmt.Sprintf("/api/v1/patients/%d/fhir", f.a.user.ID)},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("audit-log.csv rows\n%q\nwant\n%q", rows, want)
	}
}

// TestAuditLogIssueReports: a clinician's list of all their patients'
// issue reports, and each report and its screenshot, are reads of that
// patient's data; B, who is not linked, gets no entry.
func TestAuditLogIssueReports(t *testing.T) {
	f := newFixture(t)
	rep := f.fileIssue(f.a, map[string]any{"what": "The timer stopped", "screenshot_png": base64.StdEncoding.EncodeToString(pngBytes)})
	f.fileIssue(f.b, map[string]any{"what": "B's report"})
	for _, p := range []string{"/api/v1/issue-reports", fmt.Sprintf("/api/v1/issue-reports/%d", rep.ID), fmt.Sprintf("/api/v1/issue-reports/%d/screenshot", rep.ID)} {
		if r := f.do(req{method: "GET", path: p, token: f.c.token}); r.status != 200 {
			t.Fatalf("%s as A's clinician: %d %s", p, r.status, r.body)
		}
	}
	got := f.auditLog(f.a)
	if len(got) != 3 {
		t.Fatalf("A's audit log has %d entries, want 3 (the list, the report, its screenshot): %+v", len(got), got)
	}
	for i, e := range got {
		if e.Action != stretchwise.AuditViewIssueReports || e.ActorID != f.c.user.ID {
			t.Errorf("entry %d: %+v, want the clinician viewing issue reports", i, e)
		}
	}
	if got := f.auditLog(f.b); len(got) != 0 {
		t.Errorf("B's audit log has %d entries, want 0", len(got))
	}
}
