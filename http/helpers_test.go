package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/sqlite"
	"github.com/stretchwise/stretchwise/sqlstore"
)

// echoAnalyzer is the test's analysis engine: a deterministic report that
// depends on the recording (its frame count and header), so a stored report
// can be checked against the recording it came from.
type echoAnalyzer struct{}

func (echoAnalyzer) Analyze(ctx context.Context, rec *stretchwise.Recording) (*stretchwise.Report, error) {
	return &stretchwise.Report{
		Exercise: rec.Header.Exercise, View: rec.Header.View, Verdict: stretchwise.VerdictCaution,
		Measures: []stretchwise.Measure{
			{Name: "pelvic_roll_deg", Side: stretchwise.SideLeft, Value: float64(len(rec.Frames)) / 10, Unit: "deg", Uncertainty: 2},
			{Name: "good_form_hold_s", Value: rec.Duration(), Unit: "s"},
		},
		Findings: []stretchwise.Finding{}, Reasons: []string{"test analyzer"},
	}, nil
}

// fixedPlanner returns a plan whose reasons name the intake's age, the
// number of screenings and whether a clearance was passed, so a test sees
// what the server passed in. Like the real
// engine, an intake with a red flag answered yes (and not cleared) gets a
// plan without exercises; any other gets one exercise.
type fixedPlanner struct{}

func (fixedPlanner) Plan(ctx context.Context, in stretchwise.Intake, cleared *stretchwise.Clearance, screenings []*stretchwise.Report) (*stretchwise.Plan, error) {
	p := &stretchwise.Plan{Action: stretchwise.ActionExercise, Do: []stretchwise.PlanItem{{Exercise: "bird-dog", Dose: stretchwise.Dose{Level: 1}}},
		Reasons: []string{fmt.Sprintf("age %d", in.Age), fmt.Sprintf("screenings %d", len(screenings)), fmt.Sprintf("cleared %t", cleared != nil)}}
	switch st := stretchwise.SafetyOf(&in, 1, time.Time{}, nil); {
	case st.State == stretchwise.SafetyEmergency:
		p.Action, p.Do = stretchwise.ActionEmergency, nil
	case st.State == stretchwise.SafetyRefer && cleared == nil:
		p.Action, p.Do = stretchwise.ActionRefer, nil
	}
	return p, nil
}

// intakeBody returns an intake that answers every red-flag question, the
// flags in yes with yes and all others with no, and fills in the
// questionnaires.
func intakeBody(yes ...string) []byte {
	answers, err := stretchwise.RedFlagAnswersFromYes(yes)
	if err != nil {
		panic(err)
	}
	nprs := 4
	odi := []*int{new(1), new(2), new(0), nil, new(1), new(0), new(0), new(0), new(1), new(0)}
	b, err := json.Marshal(stretchwise.Intake{Age: 45, RedFlagAnswers: answers, StartBack: []int{0, 1, 0, 0, 0, 0, 0, 0, 0}, ODI: odi, NPRS: &nprs})
	if err != nil {
		panic(err)
	}
	return b
}

// intakeFrom rewrites an intake of the older format (red_flags, the yes
// answers) into the one the server takes: an answer to every question.
func intakeFrom(older string) []byte {
	in, err := stretchwise.ReadIntake([]byte(older))
	if err != nil {
		panic(err)
	}
	b, err := json.Marshal(in)
	if err != nil {
		panic(err)
	}
	return b
}

type env struct {
	t     testing.TB
	srv   *httptest.Server
	store *sqlstore.DB
}

func newEnv(t testing.TB, mod func(*swhttp.Options)) *env {
	t.Helper()
	db, err := sqlite.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return startEnv(t, db, mod)
}

// startEnv serves the API on db with the test configuration.
func startEnv(t testing.TB, db *sqlstore.DB, mod func(*swhttp.Options)) *env {
	t.Helper()
	cfg := swhttp.DefaultConfig
	cfg.MaxRecordingBytes = 4 << 20
	o := swhttp.Options{Store: db, Analyzer: echoAnalyzer{}, Planner: fixedPlanner{}, Config: cfg, Logger: discardLogger()}
	if mod != nil {
		mod(&o)
	}
	srv := httptest.NewServer(swhttp.NewServer(o))
	t.Cleanup(srv.Close)
	return &env{t: t, srv: srv, store: db}
}

// req describes one request.
type req struct {
	method, path string
	body         []byte
	ctype        string
	token        string            // bearer token; "" for none
	header       map[string]string // more headers
	cookie       *http.Cookie
}

type resp struct {
	status int
	header http.Header
	body   []byte
	cookie []*http.Cookie
}

func (e *env) do(r req) resp {
	e.t.Helper()
	hr, err := http.NewRequest(r.method, e.srv.URL+r.path, bytes.NewReader(r.body))
	if err != nil {
		e.t.Fatal(err)
	}
	if r.ctype != "" {
		hr.Header.Set("Content-Type", r.ctype)
	}
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	if r.cookie != nil {
		hr.AddCookie(r.cookie)
	}
	res, err := e.srv.Client().Do(hr)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp{res.StatusCode, res.Header, b, res.Cookies()}
}

func jsonBody(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// account is a signed-up, signed-in user.
type account struct {
	user   stretchwise.User
	token  string
	cookie *http.Cookie
}

func (e *env) signUp(email string, role stretchwise.Role) *account {
	e.t.Helper()
	pw := "password for " + email
	r := e.do(req{method: "POST", path: "/api/v1/accounts", ctype: "application/json",
		body: jsonBody(map[string]string{"email": email, "password": pw, "role": string(role)})})
	if r.status != http.StatusCreated {
		e.t.Fatalf("sign up %s: %d %s", email, r.status, r.body)
	}
	a := &account{}
	json.Unmarshal(r.body, &a.user)
	r = e.do(req{method: "POST", path: "/api/v1/login", ctype: "application/json",
		body: jsonBody(map[string]string{"email": email, "password": pw})})
	if r.status != http.StatusOK {
		e.t.Fatalf("login %s: %d %s", email, r.status, r.body)
	}
	var lr struct{ Token string }
	json.Unmarshal(r.body, &lr)
	a.token = lr.Token
	for _, c := range r.cookie {
		if c.Name == swhttp.CookieName {
			a.cookie = c
		}
	}
	if a.token == "" || a.cookie == nil || a.cookie.Value != a.token {
		e.t.Fatalf("login %s: token %q, cookie %v", email, a.token, a.cookie)
	}
	return a
}

// mustJSON decodes a response that must have the given status.
func (e *env) mustJSON(r resp, status int, v any) {
	e.t.Helper()
	if r.status != status {
		e.t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if v != nil {
		if err := json.Unmarshal(r.body, v); err != nil {
			e.t.Fatalf("decode %s: %v", r.body, err)
		}
	}
}

// errorCode returns the code of a JSON error body, or "" when the body is
// not one.
func errorCode(body []byte) string {
	var eb struct {
		Error struct{ Code, Message string }
	}
	if json.Unmarshal(body, &eb) != nil {
		return ""
	}
	return eb.Error.Code
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// webFS is a small built app for the static file tests.
func webFS(files map[string]string) fs.FS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}
