package storetest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
)

// Raw is a store with the database behind it, for the tests that must look
// past the interface: that a deleted account leaves no trace in any table.
type Raw struct {
	Store   stretchwise.Store
	DB      *sql.DB // may be read-only
	Dialect string  // "sqlite" or "postgres": how to list tables and columns
}

// RunDeletion runs the account deletion tests: a patient's and a
// clinician's account are deleted and every cell of every table of the
// database is searched for a trace of them. open may share one database
// between subtests.
func RunDeletion(t *testing.T, open func(t *testing.T) Raw) {
	t.Run("Patient", func(t *testing.T) { testDeletePatient(t, open(t)) })
	t.Run("Clinician", func(t *testing.T) { testDeleteClinician(t, open(t)) })
}

// trace is what identifies an account in the database: its id (in user
// reference columns and in rate-limit keys or JSON), its email, and byte
// strings only it stored (recordings at rest and as uploaded, attachments,
// hashes of its tokens and codes, markers in its documents).
type trace struct {
	id      int64
	email   string
	needles map[string][]byte // name -> bytes that must not be found
	stored  map[string]bool   // needles stored as they are: found before deletion
}

func newTrace(u *stretchwise.User) *trace {
	return &trace{id: u.ID, email: u.Email, needles: map[string][]byte{"email": []byte(u.Email)}, stored: map[string]bool{"email": true}}
}

// add names a byte string of the account; stored says it is kept as it is,
// so that a scan before deletion must find it (the scan is shown to work).
func (tr *trace) add(name string, b []byte, stored bool) {
	tr.needles[name] = bytes.Clone(b)
	tr.stored[name] = stored
}

// column is one column of one table, and whether it refers to an account.
type column struct {
	table, name string
	refersUser  bool
}

// userRefNames are columns that hold an account id without a foreign key
// (an audit entry's actor outlives the actor's account rows).
var userRefNames = map[string]bool{"user_id": true, "patient_id": true, "clinician_id": true, "actor_id": true}

// columns lists every column of every table of the database.
func columns(ctx context.Context, r Raw) ([]column, error) {
	var q, fkq string
	switch r.Dialect {
	case "sqlite":
		q = `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
		     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`
		fkq = `SELECT m.name, f."from", f."table" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'`
	case "postgres":
		q = `SELECT table_name, column_name FROM information_schema.columns
		     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`
		fkq = `SELECT kcu.table_name, kcu.column_name, ccu.table_name
		       FROM information_schema.table_constraints tc
		       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
		       JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
		       WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`
	default:
		return nil, fmt.Errorf("unknown dialect %q", r.Dialect)
	}
	refs := map[string]bool{"users.id": true}
	rows, err := r.DB.QueryContext(ctx, fkq)
	if err != nil {
		return nil, fmt.Errorf("foreign keys: %w", err)
	}
	for rows.Next() {
		var table, col, target string
		if err := rows.Scan(&table, &col, &target); err != nil {
			rows.Close()
			return nil, err
		}
		if target == "users" {
			refs[table+"."+col] = true
		}
	}
	rows.Close()
	rows, err = r.DB.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("columns: %w", err)
	}
	defer rows.Close()
	var cols []column
	for rows.Next() {
		var c column
		if err := rows.Scan(&c.table, &c.name); err != nil {
			return nil, err
		}
		c.refersUser = refs[c.table+"."+c.name] || userRefNames[c.name]
		cols = append(cols, c)
	}
	return cols, rows.Err()
}

// find searches every cell of every table for the account's traces and
// returns where each was found ("table.column: what"), except in the
// columns of allow ("table.column").
func (tr *trace) find(t *testing.T, r Raw, allow map[string]bool) []string {
	t.Helper()
	ctx := context.Background()
	cols, err := columns(ctx, r)
	if err != nil {
		t.Fatalf("list columns: %v", err)
	}
	if len(cols) < 20 {
		t.Fatalf("only %d columns found: the catalog query is wrong", len(cols))
	}
	idText := regexp.MustCompile(`(:user:|_id"\s*:\s*)` + strconv.FormatInt(tr.id, 10) + `([^0-9]|$)`)
	found := map[string]bool{}
	byTable := map[string][]column{}
	for _, c := range cols {
		byTable[c.table] = append(byTable[c.table], c)
	}
	for table, cs := range byTable {
		names := make([]string, len(cs))
		for i, c := range cs {
			names[i] = `"` + c.name + `"`
		}
		rows, err := r.DB.QueryContext(ctx, `SELECT `+strings.Join(names, ", ")+` FROM "`+table+`"`)
		if err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		vals := make([]any, len(cs))
		ptrs := make([]any, len(cs))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("read %s: %v", table, err)
			}
			for i, c := range cs {
				where := c.table + "." + c.name
				if allow[where] {
					continue
				}
				switch v := vals[i].(type) {
				case int64:
					if c.refersUser && v == tr.id {
						found[where+": id"] = true
					}
				case []byte:
					tr.search(v, where, idText, found)
				case string:
					tr.search([]byte(v), where, idText, found)
				}
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		rows.Close()
	}
	out := make([]string, 0, len(found))
	for k := range found {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (tr *trace) search(v []byte, where string, idText *regexp.Regexp, found map[string]bool) {
	if idText.Match(v) {
		found[where+": id"] = true
	}
	if bytes.Contains(bytes.ToLower(v), []byte(tr.email)) {
		found[where+": email"] = true
	}
	for name, n := range tr.needles {
		if name != "email" && bytes.Contains(v, n) {
			found[where+": "+name] = true
		}
	}
}

// checkGone deletes nothing; it asserts that before is the scan before the
// deletion (every stored needle and the id were found: the scan works) and
// that the scan after finds nothing.
func (tr *trace) checkFound(t *testing.T, before []string) {
	t.Helper()
	all := strings.Join(before, "\n")
	for name, stored := range tr.stored {
		if stored && !strings.Contains(all, ": "+name+"\n") && !strings.HasSuffix(all, ": "+name) {
			t.Errorf("before deletion the scan did not find %s; found:\n%s", name, all)
		}
	}
	if !strings.Contains(all, "users.id: id") {
		t.Errorf("before deletion the scan did not find the id in users.id; found:\n%s", all)
	}
}

// rawBytes reads one blob cell, for needles that are stored transformed
// (compressed recordings): the bytes at rest must go too.
func rawBytes(t *testing.T, r Raw, query string, args ...any) []byte {
	t.Helper()
	var b []byte
	if err := r.DB.QueryRowContext(context.Background(), query, args...).Scan(&b); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return b
}

func marker(name string) string {
	return name + "-" + strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + string(hexRandom(8))
}

func hexRandom(n int) []byte {
	const digits = "0123456789abcdef"
	b := randomBytes(n)
	for i := range b {
		b[i] = digits[b[i]%16]
	}
	return b
}

// fillPatient stores one of everything for patient p (a session, a
// recovery code, two recordings, a document of every kind, an issue report
// with attachments, rate-limit counters) and adds each to tr.
func fillPatient(t *testing.T, r Raw, p *stretchwise.User, tr *trace) {
	t.Helper()
	ctx := context.Background()
	s := r.Store
	tok, code := randomBytes(32), randomBytes(32)
	if err := s.CreateAuthSession(ctx, tok, p.ID, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRecoveryCode(ctx, p.ID, code); err != nil {
		t.Fatal(err)
	}
	tr.add("session token hash", tok, true)
	tr.add("recovery code hash", code, true)
	for i, seed := range []int64{time.Now().UnixNano(), time.Now().UnixNano() + 1} {
		raw := RecordingText(seed, 120)
		rec := &stretchwise.StoredRecording{PatientID: p.ID, Kind: stretchwise.RecordingScreening, Exercise: stretchwise.ExerciseBirdDog,
			View: stretchwise.ViewRearLeft, Frames: 120, DurationS: 4, Report: SampleReport(i)}
		if err := s.CreateRecording(ctx, rec, raw); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("recording %d", i+1)
		tr.add(name+" as uploaded", raw[len(raw)/2:len(raw)/2+256], false)
		tr.add(name+" at rest", rawBytes(t, r, `SELECT data FROM recording_data WHERE recording_id = $1`, rec.ID), true)
		tr.add(name+" sha256", []byte(rec.SHA256), true)
	}
	for _, kind := range []stretchwise.DocumentKind{stretchwise.DocIntake, stretchwise.DocPlan, stretchwise.DocSession, stretchwise.DocCheckIn} {
		m := marker(string(kind))
		body, _ := json.Marshal(map[string]any{"notes": m, "patient_id": p.ID})
		if err := s.CreateDocument(ctx, &stretchwise.Document{PatientID: p.ID, Kind: kind, Body: body}); err != nil {
			t.Fatal(err)
		}
		tr.add(string(kind)+" document", []byte(m), true)
	}
	what := marker("issue")
	shot := append([]byte("\x89PNG\r\n\x1a\n"), randomBytes(2000)...)
	recording := RecordingText(time.Now().UnixNano()+2, 30)
	ir := &stretchwise.IssueReport{UserID: p.ID, Role: p.Role, What: what, Expected: "x", AppVersion: "t", Page: "/session"}
	if err := s.CreateIssueReport(ctx, ir, shot, recording); err != nil {
		t.Fatal(err)
	}
	tr.add("issue report text", []byte(what), true)
	tr.add("issue report screenshot", shot, true)
	tr.add("issue report recording at rest", rawBytes(t, r, `SELECT recording FROM issue_report_data WHERE report_id = $1`, ir.ID), true)
	for _, a := range []stretchwise.AuditEntry{
		{PatientID: p.ID, ActorID: p.ID + 1_000_000, ActorEmail: "someone@example.test", ActorRole: stretchwise.RoleClinician, Action: stretchwise.AuditViewPatient, Path: "/api/v1/patients/" + strconv.FormatInt(p.ID, 10)},
		{PatientID: p.ID, ActorID: p.ID + 1_000_000, ActorEmail: "someone@example.test", ActorRole: stretchwise.RoleClinician, Action: stretchwise.AuditExportCSV, Path: marker("/audit")},
	} {
		if err := s.CreateAuditEntry(ctx, &a); err != nil {
			t.Fatal(err)
		}
		if a.Action == stretchwise.AuditExportCSV {
			tr.add("audit entry", []byte(a.Path), true)
		}
	}
	for _, key := range []string{"login:email:" + p.Email, "upload:user:" + strconv.FormatInt(p.ID, 10)} {
		if _, err := s.Hit(ctx, key, time.Hour, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

func testDeletePatient(t *testing.T, r Raw) {
	ctx := context.Background()
	s := r.Store
	p := MustCreateUser(t, s, stretchwise.RolePatient)
	keep := MustCreateUser(t, s, stretchwise.RolePatient)
	clin := MustCreateUser(t, s, stretchwise.RoleClinician)
	tr := newTrace(p)
	fillPatient(t, r, p, tr)
	fillPatient(t, r, keep, newTrace(keep))
	for _, pat := range []*stretchwise.User{p, keep} {
		code := randomBytes(16)
		if err := s.CreateInvite(ctx, clin.ID, code, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RedeemInvite(ctx, pat.ID, code, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	keptRecs, _ := s.ListRecordings(ctx, keep.ID)

	tr.checkFound(t, tr.find(t, r, nil))
	if err := s.DeleteUser(ctx, p.ID); err != nil {
		t.Fatalf("DeleteUser: %v", err)
	}
	if left := tr.find(t, r, nil); len(left) > 0 {
		t.Errorf("traces of the deleted patient:\n%s", strings.Join(left, "\n"))
	}
	_, err := s.FindUserByID(ctx, p.ID)
	wantCode(t, "deleted user", err, stretchwise.ENOTFOUND)
	wantCode(t, "deleting twice", s.DeleteUser(ctx, p.ID), stretchwise.ENOTFOUND)
	if ok, _ := s.IsLinked(ctx, clin.ID, p.ID); ok {
		t.Errorf("the clinician is still linked to the deleted patient")
	}
	// The other patient and the clinician keep everything.
	if ok, _ := s.IsLinked(ctx, clin.ID, keep.ID); !ok {
		t.Errorf("the other patient's link went")
	}
	recs, _ := s.ListRecordings(ctx, keep.ID)
	if len(recs) != 2 || len(keptRecs) != 2 || recs[1].SHA256 != keptRecs[1].SHA256 {
		t.Fatalf("the other patient's recordings: %d, want 2", len(recs))
	}
	if raw, err := s.RecordingData(ctx, recs[0].ID); err != nil || len(raw) == 0 {
		t.Errorf("the other patient's recording bytes: %d, %v", len(raw), err)
	}
	for _, kind := range []stretchwise.DocumentKind{stretchwise.DocIntake, stretchwise.DocPlan, stretchwise.DocSession, stretchwise.DocCheckIn} {
		if docs, _ := s.ListDocuments(ctx, keep.ID, kind); len(docs) != 1 {
			t.Errorf("the other patient has %d %s documents, want 1", len(docs), kind)
		}
	}
	if reps, _ := s.ListIssueReports(ctx, []int64{keep.ID}); len(reps) != 1 {
		t.Errorf("the other patient has %d issue reports, want 1", len(reps))
	}
}

func testDeleteClinician(t *testing.T, r Raw) {
	ctx := context.Background()
	s := r.Store
	clin := MustCreateUser(t, s, stretchwise.RoleClinician)
	other := MustCreateUser(t, s, stretchwise.RoleClinician)
	pats := []*stretchwise.User{MustCreateUser(t, s, stretchwise.RolePatient), MustCreateUser(t, s, stretchwise.RolePatient)}
	tr := newTrace(clin)
	for _, c := range []*stretchwise.User{clin, other} {
		for _, p := range pats {
			code := randomBytes(16)
			if err := s.CreateInvite(ctx, c.ID, code, time.Now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if _, err := s.RedeemInvite(ctx, p.ID, code, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	open := randomBytes(16)
	if err := s.CreateInvite(ctx, clin.ID, open, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	tr.add("unused invite", open, true)
	tok := randomBytes(32)
	if err := s.CreateAuthSession(ctx, tok, clin.ID, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	tr.add("session token hash", tok, true)
	if _, err := s.Hit(ctx, "login:email:"+clin.Email, time.Hour, time.Now()); err != nil {
		t.Fatal(err)
	}

	// The clinician looked at a patient: the patient's audit log keeps
	// who it was (docs/security-account.md), the only trace allowed.
	seen := &stretchwise.AuditEntry{PatientID: pats[0].ID, ActorID: clin.ID, ActorEmail: clin.Email, ActorRole: clin.Role,
		Action: stretchwise.AuditViewPatient, Path: "/api/v1/patients/" + strconv.FormatInt(pats[0].ID, 10)}
	if err := s.CreateAuditEntry(ctx, seen); err != nil {
		t.Fatal(err)
	}
	auditLog := map[string]bool{"audit_log.actor_id": true, "audit_log.actor_email": true}

	before := tr.find(t, r, nil)
	tr.checkFound(t, before)
	if !strings.Contains(strings.Join(before, "\n"), "audit_log.actor_email: email") {
		t.Errorf("the scan did not find the clinician in the audit log:\n%s", strings.Join(before, "\n"))
	}
	if err := s.DeleteUser(ctx, clin.ID); err != nil {
		t.Fatalf("DeleteUser: %v", err)
	}
	if left := tr.find(t, r, auditLog); len(left) > 0 {
		t.Errorf("traces of the deleted clinician:\n%s", strings.Join(left, "\n"))
	}
	if log, _ := s.ListAuditEntries(ctx, pats[0].ID); len(log) != 1 || log[0].ActorEmail != clin.Email {
		t.Errorf("the patient's audit log after the clinician left = %s, want the one entry", dump(log))
	}
	for _, p := range pats {
		if ok, _ := s.IsLinked(ctx, clin.ID, p.ID); ok {
			t.Errorf("patient %d is still linked to the deleted clinician", p.ID)
		}
		links, _ := s.ListLinks(ctx, p.ID, stretchwise.RolePatient)
		if len(links) != 1 || links[0].ClinicianID != other.ID {
			t.Errorf("patient %d's links = %s, want only the other clinician", p.ID, dump(links))
		}
		if _, err := s.FindUserByID(ctx, p.ID); err != nil {
			t.Errorf("patient %d went with the clinician: %v", p.ID, err)
		}
	}
	_, err := s.RedeemInvite(ctx, pats[0].ID, open, time.Now())
	wantCode(t, "the deleted clinician's invite", err, stretchwise.ENOTFOUND)
}
