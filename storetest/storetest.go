// Package storetest is the storage contract: one test suite that every
// stretchwise.Store (sqlite always, postgres whenever a server is
// configured) must pass, and test data generators the server tests share.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"

	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
)

// Run runs the contract suite. open returns a migrated store; it may be
// shared between subtests, which never assume empty tables.
func Run(t *testing.T, open func(t *testing.T) stretchwise.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s stretchwise.Store)
	}{
		{"Users", testUsers},
		{"AuthSessions", testAuthSessions},
		{"RateLimitHits", testHits},
		{"RateLimitHitsConcurrent", testHitsConcurrent},
		{"InvitesAndLinks", testInvitesAndLinks},
		{"InviteRedeemedOnce", testInviteRedeemedOnce},
		{"Recordings", testRecordings},
		{"Documents", testDocuments},
		{"SafetyDocuments", testSafetyDocuments},
		{"IssueReports", testIssueReports},
		{"AuditLog", testAuditLog},
		{"DeleteExpired", testDeleteExpired},
		{"SetPassword", testSetPassword},
		{"DeleteUserSessions", testDeleteUserSessions},
		{"ResetPassword", testResetPassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

// uniqueEmail returns an email no other test uses.
func uniqueEmail(t *testing.T) string {
	b := make([]byte, 6)
	rand.Read(b)
	return fmt.Sprintf("t-%s@example.test", hex.EncodeToString(b))
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// MustCreateUser stores a user with a fixed hash and returns it.
func MustCreateUser(t *testing.T, s stretchwise.Store, role stretchwise.Role) *stretchwise.User {
	t.Helper()
	u := &stretchwise.User{Email: uniqueEmail(t), Role: role}
	if err := s.CreateUser(context.Background(), u, "hash-"+u.Email); err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	return u
}

// wantEqual fails t when the call what failed, or answered got instead of
// want.
func wantEqual[T any](t *testing.T, what string, got T, err error, want T) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s =\n%s\nwant\n%s", what, dump(got), dump(want))
	}
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := stretchwise.ErrorCode(err); got != code {
		t.Fatalf("%s: error %v has code %q, want %q", what, err, got, code)
	}
}

func testUsers(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	u := MustCreateUser(t, s, stretchwise.RolePatient)
	if u.ID == 0 || u.CreatedAt.IsZero() {
		t.Fatalf("CreateUser did not set ID and CreatedAt: %+v", u)
	}
	got, err := s.FindUserByID(ctx, u.ID)
	wantEqual(t, "FindUserByID", got, err, u)
	got, hash, err := s.FindUserByEmail(ctx, u.Email)
	if err != nil {
		t.Fatalf("FindUserByEmail: %v", err)
	}
	if !reflect.DeepEqual(got, u) || hash != "hash-"+u.Email {
		t.Errorf("FindUserByEmail = %+v %q, want %+v %q", got, hash, u, "hash-"+u.Email)
	}
	dup := &stretchwise.User{Email: u.Email, Role: stretchwise.RoleClinician}
	wantCode(t, "duplicate email", s.CreateUser(ctx, dup, "x"), stretchwise.ECONFLICT)
	_, err = s.FindUserByID(ctx, u.ID+1_000_000)
	wantCode(t, "unknown id", err, stretchwise.ENOTFOUND)
	_, _, err = s.FindUserByEmail(ctx, "nobody-"+u.Email)
	wantCode(t, "unknown email", err, stretchwise.ENOTFOUND)
}

func testAuthSessions(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	u := MustCreateUser(t, s, stretchwise.RoleClinician)
	now := time.Now()
	live, expired := randomBytes(32), randomBytes(32)
	if err := s.CreateAuthSession(ctx, live, u.ID, now.Add(time.Hour)); err != nil {
		t.Fatalf("CreateAuthSession: %v", err)
	}
	if err := s.CreateAuthSession(ctx, expired, u.ID, now.Add(-time.Second)); err != nil {
		t.Fatalf("CreateAuthSession: %v", err)
	}
	got, err := s.FindAuthSession(ctx, live, now)
	if err != nil {
		t.Fatalf("FindAuthSession: %v", err)
	}
	if got.ID != u.ID || got.Role != stretchwise.RoleClinician {
		t.Errorf("FindAuthSession = %+v, want user %d", got, u.ID)
	}
	_, err = s.FindAuthSession(ctx, expired, now)
	wantCode(t, "expired session", err, stretchwise.EUNAUTHORIZED)
	_, err = s.FindAuthSession(ctx, randomBytes(32), now)
	wantCode(t, "unknown session", err, stretchwise.EUNAUTHORIZED)
	_, err = s.FindAuthSession(ctx, live, now.Add(2*time.Hour))
	wantCode(t, "session past its expiry", err, stretchwise.EUNAUTHORIZED)
	if err := s.DeleteAuthSession(ctx, live); err != nil {
		t.Fatalf("DeleteAuthSession: %v", err)
	}
	_, err = s.FindAuthSession(ctx, live, now)
	wantCode(t, "deleted session", err, stretchwise.EUNAUTHORIZED)
	if err := s.DeleteAuthSession(ctx, live); err != nil {
		t.Errorf("deleting a deleted session: %v", err)
	}
}

func testHits(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	key := "test:" + uniqueEmail(t)
	window := time.Minute
	start := time.Now().Truncate(window)
	for i, tt := range []struct {
		at   time.Time
		want int
	}{
		{start, 1},
		{start.Add(10 * time.Second), 2},
		{start.Add(59 * time.Second), 3},
		{start.Add(window), 1}, // a new window starts over
		{start.Add(window + time.Second), 2},
	} {
		got, err := s.Hit(ctx, key, window, tt.at)
		if err != nil {
			t.Fatalf("hit %d: %v", i, err)
		}
		if got != tt.want {
			t.Errorf("hit %d at %v: count %d, want %d", i, tt.at.Sub(start), got, tt.want)
		}
	}
	if n, err := s.Hit(ctx, "other:"+key, window, start); err != nil || n != 1 {
		t.Errorf("another key: count %d, %v; want 1", n, err)
	}
}

func testHitsConcurrent(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	key := "test:" + uniqueEmail(t)
	const workers, each = 8, 10
	now := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[int]bool{}
	errs := make(chan error, workers*each)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				n, err := s.Hit(ctx, key, time.Hour, now)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				seen[n] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("Hit: %v", err)
	}
	// Every count from 1 to workers*each is returned exactly once when the
	// increment is atomic.
	for i := 1; i <= workers*each; i++ {
		if !seen[i] {
			t.Fatalf("count %d never returned; counts seen: %d", i, len(seen))
		}
	}
}

func testInvitesAndLinks(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	clin := MustCreateUser(t, s, stretchwise.RoleClinician)
	pat := MustCreateUser(t, s, stretchwise.RolePatient)
	other := MustCreateUser(t, s, stretchwise.RolePatient)
	now := time.Now()
	code, expiredCode := randomBytes(16), randomBytes(16)
	if err := s.CreateInvite(ctx, clin.ID, code, now.Add(time.Hour)); err != nil {
		t.Fatalf("CreateInvite: %v", err)
	}
	if err := s.CreateInvite(ctx, clin.ID, expiredCode, now.Add(-time.Second)); err != nil {
		t.Fatalf("CreateInvite: %v", err)
	}
	_, err := s.RedeemInvite(ctx, pat.ID, expiredCode, now)
	wantCode(t, "expired invite", err, stretchwise.ENOTFOUND)
	_, err = s.RedeemInvite(ctx, pat.ID, randomBytes(16), now)
	wantCode(t, "unknown invite", err, stretchwise.ENOTFOUND)
	if ok, err := s.IsLinked(ctx, clin.ID, pat.ID); err != nil || ok {
		t.Fatalf("IsLinked before redeeming = %v, %v; want false", ok, err)
	}
	link, err := s.RedeemInvite(ctx, pat.ID, code, now)
	if err != nil {
		t.Fatalf("RedeemInvite: %v", err)
	}
	if link.PatientID != pat.ID || link.ClinicianID != clin.ID || link.Email != clin.Email {
		t.Errorf("RedeemInvite = %+v, want patient %d clinician %d %s", link, pat.ID, clin.ID, clin.Email)
	}
	_, err = s.RedeemInvite(ctx, other.ID, code, now)
	wantCode(t, "used invite", err, stretchwise.ENOTFOUND)
	again := randomBytes(16)
	if err := s.CreateInvite(ctx, clin.ID, again, now.Add(time.Hour)); err != nil {
		t.Fatalf("CreateInvite: %v", err)
	}
	_, err = s.RedeemInvite(ctx, pat.ID, again, now)
	wantCode(t, "already linked", err, stretchwise.ECONFLICT)
	// The failed redemption left the invite unused.
	if _, err := s.RedeemInvite(ctx, other.ID, again, now); err != nil {
		t.Fatalf("invite after a conflicting redemption: %v", err)
	}

	for _, tt := range []struct {
		clin, pat int64
		want      bool
	}{
		{clin.ID, pat.ID, true},
		{clin.ID, other.ID, true},
		{pat.ID, clin.ID, false}, // direction matters
		{clin.ID, clin.ID, false},
	} {
		if got, err := s.IsLinked(ctx, tt.clin, tt.pat); err != nil || got != tt.want {
			t.Errorf("IsLinked(%d, %d) = %v, %v; want %v", tt.clin, tt.pat, got, err, tt.want)
		}
	}
	links, err := s.ListLinks(ctx, clin.ID, stretchwise.RoleClinician)
	if err != nil {
		t.Fatalf("ListLinks: %v", err)
	}
	if len(links) != 2 || links[0].PatientID != pat.ID || links[0].Email != pat.Email || links[1].PatientID != other.ID {
		t.Errorf("clinician's links = %v, want %s then %s", dump(links), pat.Email, other.Email)
	}
	links, err = s.ListLinks(ctx, pat.ID, stretchwise.RolePatient)
	if err != nil {
		t.Fatalf("ListLinks: %v", err)
	}
	if len(links) != 1 || links[0].ClinicianID != clin.ID || links[0].Email != clin.Email {
		t.Errorf("patient's links = %v, want %s", dump(links), clin.Email)
	}
	if err := s.DeleteLink(ctx, pat.ID, clin.ID); err != nil {
		t.Fatalf("DeleteLink: %v", err)
	}
	wantCode(t, "second unlink", s.DeleteLink(ctx, pat.ID, clin.ID), stretchwise.ENOTFOUND)
	if ok, _ := s.IsLinked(ctx, clin.ID, pat.ID); ok {
		t.Errorf("IsLinked after unlink = true")
	}
	if ok, _ := s.IsLinked(ctx, clin.ID, other.ID); !ok {
		t.Errorf("unlinking one patient unlinked another")
	}
}

func testInviteRedeemedOnce(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	clin := MustCreateUser(t, s, stretchwise.RoleClinician)
	code := randomBytes(16)
	if err := s.CreateInvite(ctx, clin.ID, code, time.Now().Add(time.Hour)); err != nil {
		t.Fatalf("CreateInvite: %v", err)
	}
	const n = 6
	pats := make([]*stretchwise.User, n)
	for i := range pats {
		pats[i] = MustCreateUser(t, s, stretchwise.RolePatient)
	}
	ok := race(t, n, stretchwise.ENOTFOUND, func(i int) error {
		_, err := s.RedeemInvite(ctx, pats[i].ID, code, time.Now())
		return err
	})
	if ok != 1 {
		t.Errorf("%d of %d concurrent redemptions of one code succeeded, want 1", ok, n)
	}
	links, _ := s.ListLinks(ctx, clin.ID, stretchwise.RoleClinician)
	if len(links) != 1 {
		t.Errorf("clinician has %d links, want 1", len(links))
	}
}

// race runs fn(0) to fn(n-1) at once and returns how many succeeded. An
// error with the code refused is a refusal; any other fails the test.
func race(t *testing.T, n int, refused string, fn func(i int) error) int {
	t.Helper()
	var wg sync.WaitGroup
	results := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = fn(i)
		}()
	}
	wg.Wait()
	ok := 0
	for i, err := range results {
		switch stretchwise.ErrorCode(err) {
		case "":
			ok++
		case refused:
		default:
			t.Errorf("call %d: %v", i, err)
		}
	}
	return ok
}

// SampleReport returns a report with every field kind filled, for round trips.
func SampleReport(seed int) *stretchwise.Report {
	return &stretchwise.Report{
		Exercise: stretchwise.ExerciseBirdDog,
		View:     stretchwise.ViewRearLeft,
		Verdict:  stretchwise.VerdictCaution,
		Measures: []stretchwise.Measure{
			{Name: "pelvic_roll_deg", Side: stretchwise.SideLeft, Value: 7.25 + float64(seed), Unit: "deg", Uncertainty: 2.1},
			{Name: "arm_elevation_deg", Side: stretchwise.SideRight, Value: -3.5, Unit: "deg", Uncertainty: 1},
		},
		Findings: []stretchwise.Finding{{Code: "pelvic_roll", Severity: stretchwise.SeverityWarning, Side: stretchwise.SideLeft, StartS: 3.2, EndS: 8.9, Message: "hips tilt"}},
		Reasons:  []string{"pelvic roll between 5 and 10 deg"},
		Quality:  &stretchwise.Quality{Frames: 300, Detected: 299, Usable: 290, DurationS: 9.97, MeanFPS: 30, MeanVisibility: 0.91},
	}
}

func testRecordings(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	pat := MustCreateUser(t, s, stretchwise.RolePatient)
	other := MustCreateUser(t, s, stretchwise.RolePatient)
	var made []*stretchwise.StoredRecording
	var raws [][]byte
	for i := range 3 {
		raw := RecordingText(int64(i), 90)
		r := &stretchwise.StoredRecording{
			PatientID: pat.ID, Kind: stretchwise.RecordingScreening, Exercise: stretchwise.ExerciseBirdDog,
			View: stretchwise.ViewRearLeft, Frames: 90, DurationS: 2.97, Report: SampleReport(i),
		}
		if err := s.CreateRecording(ctx, r, raw); err != nil {
			t.Fatalf("CreateRecording: %v", err)
		}
		if r.ID == 0 || r.Size != int64(len(raw)) || len(r.SHA256) != 64 {
			t.Fatalf("CreateRecording did not set ID, Size, SHA256: %+v", r)
		}
		made, raws = append(made, r), append(raws, raw)
	}
	other1 := &stretchwise.StoredRecording{PatientID: other.ID, Kind: stretchwise.RecordingSession, Exercise: stretchwise.ExerciseHalfKneeling, View: stretchwise.ViewLeft, Report: SampleReport(9)}
	if err := s.CreateRecording(ctx, other1, []byte("x")); err != nil {
		t.Fatalf("CreateRecording: %v", err)
	}
	for i, r := range made {
		got, err := s.FindRecording(ctx, r.ID)
		wantEqual(t, "FindRecording", got, err, r)
		owner, rep, err := s.RecordingReport(ctx, r.ID)
		if err != nil {
			t.Fatalf("RecordingReport: %v", err)
		}
		var decoded stretchwise.Report
		if err := json.Unmarshal(rep, &decoded); err != nil || owner != pat.ID || !reflect.DeepEqual(&decoded, r.Report) {
			t.Errorf("RecordingReport(%d) = %d %s (%v), want %d %v", r.ID, owner, rep, err, pat.ID, dump(r.Report))
		}
		data, err := s.RecordingData(ctx, r.ID)
		if err != nil {
			t.Fatalf("RecordingData: %v", err)
		}
		if string(data) != string(raws[i]) {
			t.Errorf("RecordingData(%d): %d bytes differ from the %d stored", r.ID, len(data), len(raws[i]))
		}
	}
	list, err := s.ListRecordings(ctx, pat.ID)
	wantEqual(t, "ListRecordings", list, err, made)
	_, err = s.FindRecording(ctx, other1.ID+1_000_000)
	wantCode(t, "unknown recording", err, stretchwise.ENOTFOUND)
	_, _, err = s.RecordingReport(ctx, other1.ID+1_000_000)
	wantCode(t, "unknown recording report", err, stretchwise.ENOTFOUND)
	_, err = s.RecordingData(ctx, other1.ID+1_000_000)
	wantCode(t, "unknown recording data", err, stretchwise.ENOTFOUND)
	if err := s.CreateRecording(ctx, &stretchwise.StoredRecording{PatientID: pat.ID, Kind: stretchwise.RecordingScreening}, []byte("x")); err == nil {
		t.Errorf("CreateRecording without a report succeeded")
	}
	if err := s.CreateRecording(ctx, &stretchwise.StoredRecording{PatientID: 1 << 60, Kind: stretchwise.RecordingScreening, Report: SampleReport(0)}, []byte("x")); err == nil {
		t.Errorf("CreateRecording for a missing patient succeeded")
	}
	if list, _ := s.ListRecordings(ctx, pat.ID); len(list) != len(made) {
		t.Errorf("failed creates left %d recordings, want %d", len(list), len(made))
	}
}

func testDocuments(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	pat := MustCreateUser(t, s, stretchwise.RolePatient)
	other := MustCreateUser(t, s, stretchwise.RolePatient)
	var intakes []*stretchwise.Document
	for i := range 2 {
		d := &stretchwise.Document{PatientID: pat.ID, Kind: stretchwise.DocIntake, Body: json.RawMessage(fmt.Sprintf(`{"age":%d,"nprs":4}`, 40+i))}
		if err := s.CreateDocument(ctx, d); err != nil {
			t.Fatalf("CreateDocument: %v", err)
		}
		intakes = append(intakes, d)
	}
	checkin := &stretchwise.Document{PatientID: pat.ID, Kind: stretchwise.DocCheckIn, Body: json.RawMessage(`{"pain":2}`)}
	if err := s.CreateDocument(ctx, checkin); err != nil {
		t.Fatalf("CreateDocument: %v", err)
	}
	if err := s.CreateDocument(ctx, &stretchwise.Document{PatientID: other.ID, Kind: stretchwise.DocIntake, Body: json.RawMessage(`{}`)}); err != nil {
		t.Fatalf("CreateDocument: %v", err)
	}
	if err := s.CreateDocument(ctx, &stretchwise.Document{PatientID: pat.ID, Kind: stretchwise.DocIntake, Body: json.RawMessage(`{"age":`)}); err == nil {
		t.Errorf("CreateDocument with broken JSON succeeded")
	}
	got, err := s.FindDocument(ctx, stretchwise.DocIntake, intakes[1].ID)
	wantEqual(t, "FindDocument", got, err, intakes[1])
	_, err = s.FindDocument(ctx, stretchwise.DocPlan, intakes[1].ID)
	wantCode(t, "document of another kind", err, stretchwise.ENOTFOUND)
	list, err := s.ListDocuments(ctx, pat.ID, stretchwise.DocIntake)
	wantEqual(t, "ListDocuments", list, err, intakes)
	list, _ = s.ListDocuments(ctx, pat.ID, stretchwise.DocCheckIn)
	if len(list) != 1 || list[0].ID != checkin.ID {
		t.Errorf("check-ins = %v, want the one stored", dump(list))
	}
}

// testSafetyDocuments stores what the safety state is made of: intakes
// with an answer to every red-flag question (each with its date), an
// emergency intake of answers only, an intake of the older format stored
// before answers existed, and a clearance. Each reads back exactly, by kind
// and in order, and the state computed from the stored data is the one
// the answers give.
func testSafetyDocuments(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	pat := MustCreateUser(t, s, stretchwise.RolePatient)
	at := time.Date(2026, 12, 7, 9, 30, 15, 123456789, time.UTC)
	answers := func(yes ...string) []stretchwise.RedFlagAnswer {
		a, err := stretchwise.RedFlagAnswersFromYes(yes)
		if err != nil {
			t.Fatal(err)
		}
		for i := range a {
			a[i].AnsweredAt = at.Add(time.Duration(i) * time.Second)
		}
		return a
	}
	nprs := 3
	five := 1
	odi := []*int{&five, &five, &five, &five, &five, &five, &five, &five, nil, nil}
	older := `{"age":60,"red_flags":["fever"],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":2}`
	store := func(kind stretchwise.DocumentKind, v any) *stretchwise.Document {
		t.Helper()
		body, ok := v.(string)
		if !ok {
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			body = string(b)
		}
		d := &stretchwise.Document{PatientID: pat.ID, Kind: kind, Body: json.RawMessage(body)}
		if err := s.CreateDocument(ctx, d); err != nil {
			t.Fatalf("CreateDocument %s: %v", kind, err)
		}
		return d
	}
	wantIntakes := []stretchwise.Intake{
		{RedFlagAnswers: answers("bladder_bowel")},
		{Age: 60, RedFlagAnswers: answers("fever"), StartBack: make([]int, 9), ODI: []*int{new(0), new(0), new(0), new(0), new(0), new(0), new(0), new(0), new(0), new(0)}, NPRS: new(2)},
		{Age: 45, RedFlagAnswers: answers("cancer_history"), StartBack: []int{0, 1, 0, 0, 0, 0, 0, 0, 0}, ODI: odi, NPRS: &nprs},
	}
	var docs []*stretchwise.Document
	docs = append(docs, store(stretchwise.DocIntake, wantIntakes[0]))
	docs = append(docs, store(stretchwise.DocIntake, older))
	docs = append(docs, store(stretchwise.DocIntake, wantIntakes[2]))
	// The older format reads as every question answered: fever yes, the rest no.
	for i := range wantIntakes[1].RedFlagAnswers {
		wantIntakes[1].RedFlagAnswers[i].AnsweredAt = time.Time{}
	}
	c := stretchwise.Clearance{IntakeID: docs[2].ID, Statement: stretchwise.ClearanceStatement, Clinician: "Dr Okafor", StatedBy: pat.ID, StatedAt: at.Add(time.Hour)}
	cd := store(stretchwise.DocClearance, c)

	list, err := s.ListDocuments(ctx, pat.ID, stretchwise.DocIntake)
	if err != nil {
		t.Fatalf("ListDocuments: %v", err)
	}
	if len(list) != len(docs) {
		t.Fatalf("%d intakes listed, want %d", len(list), len(docs))
	}
	for i, d := range list {
		if d.ID != docs[i].ID {
			t.Errorf("intake %d: id %d, want %d (oldest first)", i, d.ID, docs[i].ID)
		}
		got, err := stretchwise.ReadIntake(d.Body)
		if err != nil {
			t.Errorf("intake %d does not read back: %v", i, err)
			continue
		}
		if !reflect.DeepEqual(got, wantIntakes[i]) {
			t.Errorf("intake %d = %s, want %s", i, dump(got), dump(wantIntakes[i]))
		}
	}
	cl, err := s.ListDocuments(ctx, pat.ID, stretchwise.DocClearance)
	if err != nil {
		t.Fatalf("ListDocuments clearance: %v", err)
	}
	if len(cl) != 1 || cl[0].ID != cd.ID {
		t.Fatalf("clearances = %v, want the one stored", dump(cl))
	}
	var got stretchwise.Clearance
	if err := json.Unmarshal(cl[0].Body, &got); err != nil || got != c {
		t.Errorf("clearance = %+v (%v), want %+v", got, err, c)
	}
	if _, err := s.FindDocument(ctx, stretchwise.DocIntake, cd.ID); stretchwise.ErrorCode(err) != stretchwise.ENOTFOUND {
		t.Errorf("a clearance found as an intake: %v", err)
	}
	last, _ := stretchwise.ReadIntake(list[2].Body)
	st := stretchwise.SafetyOf(&last, list[2].ID, list[2].CreatedAt, &got)
	if st.State != stretchwise.SafetyClear || st.Clearance == nil || len(st.Signs) != 1 || !st.Signs[0].AnsweredAt.Equal(at.Add(5*time.Second)) {
		t.Errorf("state from the stored data = %s, want clear by the clearance, one sign answered at %v", dump(st), at.Add(5*time.Second))
	}
	first, _ := stretchwise.ReadIntake(list[0].Body)
	if st := stretchwise.SafetyOf(&first, list[0].ID, list[0].CreatedAt, &got); st.State != stretchwise.SafetyEmergency {
		t.Errorf("state of the stored emergency intake = %s, want emergency (a clearance of another intake does not count)", st.State)
	}
}

func testDeleteExpired(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	u := MustCreateUser(t, s, stretchwise.RolePatient)
	future := time.Now().Add(100 * 365 * 24 * time.Hour)
	live := randomBytes(32)
	if err := s.CreateAuthSession(ctx, live, u.ID, future.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	dead := randomBytes(32)
	if err := s.CreateAuthSession(ctx, dead, u.ID, future.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	n, err := s.DeleteExpired(ctx, future)
	if err != nil {
		t.Fatalf("DeleteExpired: %v", err)
	}
	if n < 1 {
		t.Errorf("DeleteExpired removed %d rows, want at least the expired session", n)
	}
	if _, err := s.FindAuthSession(ctx, live, future); err != nil {
		t.Errorf("DeleteExpired removed a live session: %v", err)
	}
	if err := s.DeleteAuthSession(ctx, dead); err != nil {
		t.Fatal(err)
	}
}

func dump(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
