package http_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/storetest"
)

// counts returns how many rows of each kind a patient has, to prove that
// refused requests stored nothing.
func (e *env) counts(patient int64) string {
	ctx := context.Background()
	recs, _ := e.store.ListRecordings(ctx, patient)
	out := fmt.Sprintf("recordings=%d", len(recs))
	for _, k := range []stretchwise.DocumentKind{stretchwise.DocIntake, stretchwise.DocPlan, stretchwise.DocSession, stretchwise.DocCheckIn} {
		docs, _ := e.store.ListDocuments(ctx, patient, k)
		out += fmt.Sprintf(" %s=%d", k, len(docs))
	}
	return out
}

func TestBadInputIsRefusedAndNothingStored(t *testing.T) {
	e := newEnv(t, nil)
	a := e.signUp("a@example.test", stretchwise.RolePatient)
	good := storetest.RecordingText(1, 30)
	huge := storetest.RecordingText(2, 3000) // over the 4 MiB test limit
	if len(huge) <= 4<<20 {
		t.Fatalf("test recording of %d bytes is not over the limit", len(huge))
	}
	lines := bytes.SplitAfter(good, []byte("\n"))
	tests := []struct {
		name   string
		path   string
		body   []byte
		ctype  string
		status int
		code   string
	}{
		{"recording: JSON content type", "/api/v1/recordings", good, "application/json", 415, stretchwise.EMEDIATYPE},
		{"recording: no content type", "/api/v1/recordings", good, "", 415, stretchwise.EMEDIATYPE},
		{"recording: too large", "/api/v1/recordings", huge, "application/x-ndjson", 413, stretchwise.ETOOLARGE},
		{"recording: empty", "/api/v1/recordings", nil, "application/x-ndjson", 400, stretchwise.EINVALID},
		{"recording: header only", "/api/v1/recordings", lines[0], "application/x-ndjson", 400, stretchwise.EINVALID},
		{"recording: not JSON", "/api/v1/recordings", []byte("hello\nworld\n"), "application/x-ndjson", 400, stretchwise.EINVALID},
		{"recording: cut mid-frame", "/api/v1/recordings", good[:len(good)/2], "application/x-ndjson", 400, stretchwise.EINVALID},
		{"recording: time goes back", "/api/v1/recordings", bytes.Join([][]byte{lines[0], lines[2], lines[1]}, nil), "application/x-ndjson", 400, stretchwise.EINVALID},
		{"recording: wrong format name", "/api/v1/recordings", bytes.Replace(good, []byte("stretchwise-recording"), []byte("other"), 1), "application/x-ndjson", 400, stretchwise.EINVALID},
		{"recording: bad kind", "/api/v1/recordings?kind=video", good, "application/x-ndjson", 400, stretchwise.EINVALID},
		{"intake: malformed JSON", "/api/v1/intakes", []byte(`{"age":45,`), "application/json", 400, stretchwise.EINVALID},
		{"intake: form content type", "/api/v1/intakes", intakeJSON, "application/x-www-form-urlencoded", 415, stretchwise.EMEDIATYPE},
		{"intake: unknown field", "/api/v1/intakes", bytes.Replace(intakeJSON, []byte(`{`), []byte(`{"admin":true,`), 1), "application/json", 400, stretchwise.EINVALID},
		{"intake: 8 STarT Back answers", "/api/v1/intakes", bytes.Replace(intakeJSON, []byte(`"start_back":[0,1,0,`), []byte(`"start_back":[0,1,`), 1), "application/json", 400, stretchwise.EINVALID},
		{"intake: NPRS 11", "/api/v1/intakes", bytes.Replace(intakeJSON, []byte(`"nprs":4`), []byte(`"nprs":11`), 1), "application/json", 400, stretchwise.EINVALID},
		{"intake: two values", "/api/v1/intakes", append(append([]byte{}, intakeJSON...), intakeJSON...), "application/json", 400, stretchwise.EINVALID},
		{"intake: oversized", "/api/v1/intakes", []byte(`{"red_flags":["` + strings.Repeat("a", 2<<20) + `"]}`), "application/json", 413, stretchwise.ETOOLARGE},
		{"session: pain 12", "/api/v1/sessions", []byte(`{"started_at":"2026-11-20T08:00:00Z","sets":[{"exercise":"bird-dog","hold_s":10,"intensity":2,"pain":12}]}`), "application/json", 400, stretchwise.EINVALID},
		{"session: no pain", "/api/v1/sessions", []byte(`{"started_at":"2026-11-20T08:00:00Z","sets":[{"exercise":"bird-dog","hold_s":10,"intensity":2}]}`), "application/json", 400, stretchwise.EINVALID},
		{"session: no start", "/api/v1/sessions", []byte(`{"sets":[]}`), "application/json", 400, stretchwise.EINVALID},
		{"session: string for number", "/api/v1/sessions", []byte(`{"started_at":"2026-11-20T08:00:00Z","sets":[{"exercise":"bird-dog","hold_s":"long","intensity":2,"pain":1}]}`), "application/json", 400, stretchwise.EINVALID},
		{"check-in: no pain", "/api/v1/checkins", []byte(`{"date":"2026-11-21"}`), "application/json", 400, stretchwise.EINVALID},
		{"check-in: bad date", "/api/v1/checkins", []byte(`{"date":"yesterday","pain":2}`), "application/json", 400, stretchwise.EINVALID},
		{"plan: no intake yet", "/api/v1/plans", []byte(`{}`), "application/json", 400, stretchwise.EINVALID},
		{"link: unknown code", "/api/v1/links", []byte(`{"code":"ZZZZ-ZZZZ"}`), "application/json", 404, stretchwise.ENOTFOUND},
	}
	before := e.counts(a.user.ID)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do(req{method: "POST", path: tt.path, body: tt.body, ctype: tt.ctype, token: a.token})
			if r.status != tt.status || errorCode(r.body) != tt.code {
				t.Fatalf("got %d %.300s, want %d with code %s", r.status, r.body, tt.status, tt.code)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("error Content-Type %q", ct)
			}
		})
	}
	if after := e.counts(a.user.ID); after != before {
		t.Errorf("refused requests stored data: before %s, after %s", before, after)
	}
	// The error names where a recording is wrong.
	r := e.do(req{method: "POST", path: "/api/v1/recordings", body: bytes.Join([][]byte{lines[0], lines[2], lines[1]}, nil), ctype: "application/x-ndjson", token: a.token})
	if !strings.Contains(string(r.body), "line 3") {
		t.Errorf("recording error does not name the line: %s", r.body)
	}
}

// failingAnalyzer fails with text that must never reach a client.
type failingAnalyzer struct{}

func (failingAnalyzer) Analyze(context.Context, *stretchwise.Recording) (*stretchwise.Report, error) {
	return nil, errors.New("open /var/lib/secret/model.bin: permission denied")
}

func TestInternalErrorsStayInternal(t *testing.T) {
	e := newEnv(t, func(o *swhttp.Options) { o.Analyzer = failingAnalyzer{} })
	a := e.signUp("a@example.test", stretchwise.RolePatient)
	r := e.do(req{method: "POST", path: "/api/v1/recordings", body: storetest.RecordingText(1, 30), ctype: "application/x-ndjson", token: a.token})
	if r.status != 500 || errorCode(r.body) != stretchwise.EINTERNAL {
		t.Fatalf("got %d %s, want 500 internal", r.status, r.body)
	}
	if strings.Contains(string(r.body), "secret") || strings.Contains(string(r.body), "/var") {
		t.Errorf("internal error text reached the client: %s", r.body)
	}
	if got := e.counts(a.user.ID); !strings.HasPrefix(got, "recordings=0") {
		t.Errorf("failed analysis stored a recording: %s", got)
	}
}

func TestUploadStoresServerReport(t *testing.T) {
	e := newEnv(t, nil)
	a := e.signUp("a@example.test", stretchwise.RolePatient)
	text := storetest.RecordingText(7, 90)
	var up stretchwise.StoredRecording
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/recordings?kind=session", body: text, ctype: "application/jsonl", token: a.token}), 201, &up)
	if up.Kind != stretchwise.RecordingSession || up.Frames != 90 || up.Exercise != stretchwise.ExerciseBirdDog || up.Report == nil {
		t.Fatalf("upload answer %+v", up)
	}
	if m, _ := up.Report.Measure("pelvic_roll_deg", stretchwise.SideLeft); m.Value != 9 {
		t.Errorf("report measure %v, want the analyzer's 9 (90 frames / 10)", m.Value)
	}
	r := e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/recordings/%d", up.ID), token: a.token})
	if r.status != 200 || !bytes.Equal(r.body, text) || r.header.Get("Content-Type") != "application/x-ndjson" {
		t.Errorf("download: %d, %d bytes (want %d identical), type %q", r.status, len(r.body), len(text), r.header.Get("Content-Type"))
	}
	var rep stretchwise.Report
	e.mustJSON(e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/recordings/%d/report", up.ID), token: a.token}), 200, &rep)
	if rep.Verdict != up.Report.Verdict || len(rep.Measures) != len(up.Report.Measures) {
		t.Errorf("report %+v differs from the upload's %+v", rep, up.Report)
	}
}

func TestUploadRateLimit(t *testing.T) {
	e := newEnv(t, func(o *swhttp.Options) { o.Config.UploadsPerMinute = 3 })
	a := e.signUp("a@example.test", stretchwise.RolePatient)
	text := storetest.RecordingText(1, 10)
	for i := 1; i <= 4; i++ {
		r := e.do(req{method: "POST", path: "/api/v1/recordings", body: text, ctype: "application/x-ndjson", token: a.token})
		want := 201
		if i == 4 {
			want = 429
		}
		if r.status != want {
			t.Fatalf("upload %d: %d %s, want %d", i, r.status, r.body, want)
		}
	}
}

func TestLoginRateLimitAndErrors(t *testing.T) {
	e := newEnv(t, func(o *swhttp.Options) { o.Config.LoginPerEmail = 3 })
	e.signUp("a@example.test", stretchwise.RolePatient) // one login used
	login := func(email, pw string) resp {
		return e.do(req{method: "POST", path: "/api/v1/login", ctype: "application/json", body: jsonBody(map[string]string{"email": email, "password": pw})})
	}
	if r := login("a@example.test", "wrong password"); r.status != 401 {
		t.Fatalf("wrong password: %d", r.status)
	}
	if r := login("nobody@example.test", "wrong password"); r.status != 401 || !strings.Contains(string(r.body), "Wrong email or password") {
		t.Fatalf("unknown email: %d %s (must look like a wrong password)", r.status, r.body)
	}
	if r := login("A@Example.test", "password for a@example.test"); r.status != 200 {
		t.Fatalf("third attempt with the right password (email in other case): %d %s", r.status, r.body)
	}
	r := login("a@example.test", "password for a@example.test")
	if r.status != 429 || errorCode(r.body) != stretchwise.ERATELIMITED || r.header.Get("Retry-After") == "" {
		t.Fatalf("fourth attempt: %d %s, want 429 with Retry-After", r.status, r.body)
	}
	// Other emails are not limited by this one's attempts.
	if r := login("nobody@example.test", "x"); r.status != 401 {
		t.Errorf("another email: %d", r.status)
	}
}

func TestAccountValidation(t *testing.T) {
	e := newEnv(t, nil)
	tests := []struct {
		name, email, pw, role string
		status                int
	}{
		{"ok", "x@example.test", "long enough", "patient", 201},
		{"duplicate in other case", "X@example.test", "long enough", "clinician", 409},
		{"short password", "y@example.test", "short", "patient", 400},
		{"bad email", "not an email", "long enough", "patient", 400},
		{"bad role", "z@example.test", "long enough", "admin", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do(req{method: "POST", path: "/api/v1/accounts", ctype: "application/json", body: jsonBody(map[string]string{"email": tt.email, "password": tt.pw, "role": tt.role})})
			if r.status != tt.status {
				t.Errorf("%d %s, want %d", r.status, r.body, tt.status)
			}
			if strings.Contains(string(r.body), "password_hash") || strings.Contains(string(r.body), "argon2") {
				t.Errorf("response shows the hash: %s", r.body)
			}
		})
	}
}

func TestCookieAndCSRF(t *testing.T) {
	for _, secure := range []bool{false, true} {
		e := newEnv(t, func(o *swhttp.Options) { o.Config.SecureCookies = secure })
		a := e.signUp(fmt.Sprintf("a%v@example.test", secure), stretchwise.RolePatient)
		if !a.cookie.HttpOnly || a.cookie.SameSite != http.SameSiteLaxMode || a.cookie.Secure != secure {
			t.Errorf("secure=%v: cookie HttpOnly=%v SameSite=%v Secure=%v", secure, a.cookie.HttpOnly, a.cookie.SameSite, a.cookie.Secure)
		}
	}
	e := newEnv(t, nil)
	a := e.signUp("a@example.test", stretchwise.RolePatient)
	checkin := []byte(`{"pain":2}`)
	tests := []struct {
		name   string
		header map[string]string
		status int
	}{
		{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, 403},
		{"cross-origin, old browser", map[string]string{"Origin": "https://evil.example"}, 403},
		{"same-origin fetch", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": e.srv.URL}, 201},
		{"same origin, old browser", map[string]string{"Origin": e.srv.URL}, 201},
		{"no browser headers (a script)", nil, 201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := e.counts(a.user.ID)
			r := e.do(req{method: "POST", path: "/api/v1/checkins", ctype: "application/json", body: checkin, cookie: a.cookie, header: tt.header})
			if r.status != tt.status {
				t.Fatalf("%d %s, want %d", r.status, r.body, tt.status)
			}
			if tt.status == 403 && e.counts(a.user.ID) != before {
				t.Errorf("refused cross-origin write stored data")
			}
		})
	}
	// Logout ends the session for cookie and token alike.
	if r := e.do(req{method: "POST", path: "/api/v1/logout", cookie: a.cookie}); r.status != 204 {
		t.Fatalf("logout: %d", r.status)
	}
	if r := e.do(req{method: "GET", path: "/api/v1/me", token: a.token}); r.status != 401 {
		t.Errorf("token still works after logout: %d", r.status)
	}
}

func TestLinkAndUnlink(t *testing.T) {
	e := newEnv(t, nil)
	p := e.signUp("p@example.test", stretchwise.RolePatient)
	c := e.signUp("c@example.test", stretchwise.RoleClinician)
	var inv struct{ Code string }
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/invites", token: c.token}), 201, &inv)
	if len(inv.Code) != 19 {
		t.Errorf("invite code %q, want 4 groups of 4", inv.Code)
	}
	path := fmt.Sprintf("/api/v1/patients/%d", p.user.ID)
	if r := e.do(req{method: "GET", path: path, token: c.token}); r.status != 404 {
		t.Fatalf("clinician sees the patient before linking: %d", r.status)
	}
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/links", token: p.token, ctype: "application/json", body: jsonBody(map[string]string{"code": " " + strings.ReplaceAll(inv.Code, "-", " ") + " "})}), 201, nil)
	if r := e.do(req{method: "POST", path: "/api/v1/links", token: p.token, ctype: "application/json", body: jsonBody(map[string]string{"code": inv.Code})}); r.status != 404 {
		t.Errorf("second use of an invite: %d", r.status)
	}
	if r := e.do(req{method: "GET", path: path, token: c.token}); r.status != 200 {
		t.Fatalf("clinician does not see the linked patient: %d", r.status)
	}
	var links []stretchwise.Link
	e.mustJSON(e.do(req{method: "GET", path: "/api/v1/links", token: p.token}), 200, &links)
	if len(links) != 1 || links[0].ClinicianID != c.user.ID || links[0].Email != "c@example.test" {
		t.Errorf("patient's links %+v", links)
	}
	if r := e.do(req{method: "DELETE", path: fmt.Sprintf("/api/v1/links/%d", c.user.ID), token: p.token}); r.status != 204 {
		t.Fatalf("unlink: %d %s", r.status, r.body)
	}
	if r := e.do(req{method: "GET", path: path, token: c.token}); r.status != 404 {
		t.Errorf("clinician still sees the patient after unlinking: %d", r.status)
	}
}

func TestExports(t *testing.T) {
	f := newFixture(t)
	r := f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d/export.csv", f.a.user.ID), token: f.c.token})
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", r.status, r.header.Get("Content-Type"))
	}
	rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{ // source measure value
		"screening pelvic_roll_deg 6":    true, // echoAnalyzer: 60 frames / 10
		"intake pain_nprs 4":             true,
		"intake odi_percent 11.11111111": true, // 5 of 45 answered points
		"session pain_nprs 2":            true,
		"session intensity 3":            true,
		"session hip_extension_deg 8.5":  true,
		"checkin pain_nprs 3":            true,
		"checkin leg_pain_nprs 0":        true,
	}
	if strings.Join(rows[0], ",") != "time,source,source_id,exercise,measure,side,value,unit,uncertainty" {
		t.Errorf("csv header %v", rows[0])
	}
	for _, row := range rows[1:] {
		v := row[6]
		if len(v) > 11 {
			v = v[:11]
		}
		delete(want, row[1]+" "+row[4]+" "+v)
	}
	if len(want) > 0 {
		t.Errorf("csv lacks rows %v; got %v", want, rows)
	}

	r = f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/patients/%d/fhir", f.a.user.ID), token: f.a.token})
	if r.status != 200 || r.header.Get("Content-Type") != "application/fhir+json" {
		t.Fatalf("fhir: %d %s", r.status, r.header.Get("Content-Type"))
	}
	var bundle struct {
		ResourceType, Type string
		Entry              []struct {
			FullURL  string `json:"fullUrl"`
			Resource struct {
				ResourceType string
				Subject      struct{ Reference string }
				Code         struct {
					Coding []struct{ System, Code string }
				}
				ValueQuantity struct {
					Value        float64
					System, Code string
				}
			}
		}
	}
	if err := json.Unmarshal(r.body, &bundle); err != nil {
		t.Fatal(err)
	}
	if bundle.ResourceType != "Bundle" || bundle.Type != "collection" || bundle.Entry[0].Resource.ResourceType != "Patient" {
		t.Fatalf("bundle %s/%s starting with %s", bundle.ResourceType, bundle.Type, bundle.Entry[0].Resource.ResourceType)
	}
	patient := bundle.Entry[0].FullURL
	// Every fullUrl is a unique urn:uuid and every reference resolves
	// inside the bundle.
	var generic struct {
		Entry []struct {
			FullURL  string          `json:"fullUrl"`
			Resource json.RawMessage `json:"resource"`
		}
	}
	json.Unmarshal(r.body, &generic)
	urls := map[string]bool{}
	for _, en := range generic.Entry {
		if !strings.HasPrefix(en.FullURL, "urn:uuid:") || urls[en.FullURL] {
			t.Errorf("fullUrl %q is not a fresh urn:uuid", en.FullURL)
		}
		urls[en.FullURL] = true
	}
	refs := 0
	for _, en := range generic.Entry {
		for _, m := range regexp.MustCompile(`"reference":\s*"([^"]*)"`).FindAllStringSubmatch(string(en.Resource), -1) {
			refs++
			if !urls[m[1]] {
				t.Errorf("reference %s in %s does not resolve in the bundle", m[1], en.FullURL)
			}
		}
	}
	if refs < len(generic.Entry)-1 {
		t.Errorf("found %d references for %d resources besides the patient", refs, len(generic.Entry)-1)
	}
	found := map[string]int{}
	for _, en := range bundle.Entry[1:] {
		res := en.Resource
		if res.Subject.Reference != patient {
			t.Errorf("%s refers to %q, not the patient %q", res.ResourceType, res.Subject.Reference, patient)
		}
		if res.ResourceType == "QuestionnaireResponse" {
			found["qr"]++
			continue
		}
		c := res.Code.Coding[0]
		key := c.System + "|" + c.Code + "|" + res.ValueQuantity.System + "|" + res.ValueQuantity.Code
		found[key]++
	}
	for key, n := range map[string]int{
		"qr": 1,
		"http://loinc.org|72514-3|http://unitsofmeasure.org|{score}":              4, // intake, session set, check-in back and leg
		"http://loinc.org|97909-6|http://unitsofmeasure.org|%":                    1,
		swhttp.SystemMeasure + "|pelvic_roll_deg|http://unitsofmeasure.org|deg":   1,
		swhttp.SystemMeasure + "|hip_extension_deg|http://unitsofmeasure.org|deg": 1,
		swhttp.SystemMeasure + "|good_form_hold_s|http://unitsofmeasure.org|s":    1,
	} {
		if found[key] != n {
			t.Errorf("%d entries of %s, want %d (all: %v)", found[key], key, n, found)
		}
	}
}

func TestWebApp(t *testing.T) {
	app := webFS(map[string]string{
		"index.html":                   "<!doctype html><title>app</title>",
		"assets/index-AbC123_x.js":     "console.log(1)",
		"mediapipe/pose_solution.wasm": "\x00asm",
		"mediapipe/pose.tflite":        "model",
		"mediapipe/pose.binarypb":      "graph",
		"mediapipe/pose.data":          "data",
		"engine.mjs":                   "export {}",
	})
	e := newEnv(t, func(o *swhttp.Options) { o.Web = app })
	tests := []struct {
		path, ctype, cache string
		status             int
		body               string
	}{
		{"/", "text/html; charset=utf-8", "no-cache", 200, "<!doctype html>"},
		{"/history", "text/html; charset=utf-8", "no-cache", 200, "<!doctype html>"},
		{"/patients/12/charts", "text/html; charset=utf-8", "no-cache", 200, "<!doctype html>"},
		{"/assets/index-AbC123_x.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", 200, "console"},
		{"/engine.mjs", "text/javascript; charset=utf-8", "no-cache", 200, "export"},
		{"/mediapipe/pose_solution.wasm", "application/wasm", "no-cache", 200, "\x00asm"},
		{"/mediapipe/pose.tflite", "application/octet-stream", "no-cache", 200, "model"},
		{"/mediapipe/pose.binarypb", "application/octet-stream", "no-cache", 200, "graph"},
		{"/mediapipe/pose.data", "application/octet-stream", "no-cache", 200, "data"},
		{"/assets/missing.js", "", "", 404, ""},
	}
	for _, tt := range tests {
		r := e.do(req{method: "GET", path: tt.path})
		if r.status != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, r.status, tt.status)
			continue
		}
		if tt.status != 200 {
			continue
		}
		if r.header.Get("Content-Type") != tt.ctype || r.header.Get("Cache-Control") != tt.cache || !strings.HasPrefix(string(r.body), tt.body) {
			t.Errorf("%s: type %q cache %q body %.20q; want %q %q %.20q", tt.path, r.header.Get("Content-Type"), r.header.Get("Cache-Control"), r.body, tt.ctype, tt.cache, tt.body)
		}
	}
	if r := e.do(req{method: "GET", path: "/api/v1/nothing"}); r.status != 404 || errorCode(r.body) != stretchwise.ENOTFOUND {
		t.Errorf("unknown API path: %d %s (must not fall back to the app)", r.status, r.body)
	}
	var h struct{ Status string }
	e.mustJSON(e.do(req{method: "GET", path: "/healthz"}), 200, &h)
	if h.Status != "ok" {
		t.Errorf("healthz status %q", h.Status)
	}

	none := newEnv(t, func(o *swhttp.Options) { o.WebError = "web/dist has no index.html" })
	r := none.do(req{method: "GET", path: "/"})
	if r.status != 503 || !strings.Contains(string(r.body), "make web") || !strings.Contains(string(r.body), "web/dist has no index.html") {
		t.Errorf("without a built app: %d %s", r.status, r.body)
	}
	if r := none.do(req{method: "GET", path: "/healthz"}); r.status != 200 {
		t.Errorf("healthz without a built app: %d", r.status)
	}
}

func TestHealthzReportsADeadDatabase(t *testing.T) {
	e := newEnv(t, nil)
	var h struct{ Status, Version string }
	e.mustJSON(e.do(req{method: "GET", path: "/healthz"}), 200, &h)
	if h.Status != "ok" || h.Version != stretchwise.Version {
		t.Errorf("healthz %+v", h)
	}
	e.store.Close()
	e.mustJSON(e.do(req{method: "GET", path: "/healthz"}), 503, &h)
	if h.Status != "unavailable" {
		t.Errorf("healthz with a closed database: %+v", h)
	}
}

// TestCookieSecureUnderTLS checks that a login over TLS gets a Secure
// cookie even when the server was not told it is behind TLS.
func TestCookieSecureUnderTLS(t *testing.T) {
	e := newEnv(t, nil)
	srv := httptest.NewTLSServer(e.srv.Config.Handler)
	defer srv.Close()
	e.do(req{method: "POST", path: "/api/v1/accounts", ctype: "application/json", body: []byte(`{"email":"tls@example.test","password":"tls password","role":"patient"}`)})
	res, err := srv.Client().Post(srv.URL+"/api/v1/login", "application/json", strings.NewReader(`{"email":"tls@example.test","password":"tls password"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var c *http.Cookie
	for _, k := range res.Cookies() {
		if k.Name == swhttp.CookieName {
			c = k
		}
	}
	if res.StatusCode != 200 || c == nil || !c.Secure || !c.HttpOnly {
		t.Fatalf("login over TLS: %d, cookie %+v; want Secure and HttpOnly", res.StatusCode, c)
	}
	if hsts := res.Header.Get("Strict-Transport-Security"); hsts != "max-age=31536000" {
		t.Errorf("Strict-Transport-Security over TLS: %q", hsts)
	}
}

// TestJSONErrorsSayWhatAndWhere: a body of the wrong shape is answered
// 400 with a message that names the field and what it must be in plain
// words, never a Go type name.
func TestJSONErrorsSayWhatAndWhere(t *testing.T) {
	e := newEnv(t, nil)
	a := e.signUp("a@example.test", stretchwise.RolePatient)
	tests := []struct{ path, body, want string }{
		{"/api/v1/checkins", `[]`, `The body must be a JSON object, not an array.`},
		{"/api/v1/checkins", `"hello"`, `The body must be a JSON object, not a string.`},
		{"/api/v1/login", `42`, `The body must be a JSON object, not a number.`},
		{"/api/v1/checkins", `{"date":"2026-11-21","pain":"two"}`, `Field "pain" must be a whole number, not a string.`},
		{"/api/v1/checkins", `{"date":"2026-11-21","pain":1e400}`, `Field "pain" must be a whole number, not 1e400.`},
		{"/api/v1/checkins", `{"date":"2026-11-21","pain":2.5}`, `Field "pain" must be a whole number, not 2.5.`},
		{"/api/v1/login", `{"email":5,"password":"x"}`, `Field "email" must be a string, not a number.`},
		{"/api/v1/sessions", `{"started_at":"2026-11-20T08:00:00Z","sets":[{"exercise":"bird-dog","hold_s":"20","intensity":2,"pain":1}]}`, `Field "sets.hold_s" must be a number, not a string.`},
		{"/api/v1/sessions", `{"started_at":"2026-11-20T08:00:00Z","sets":{}}`, `Field "sets" must be an array, not an object.`},
		{"/api/v1/sessions", `{"started_at":"yesterday","sets":[]}`, `"yesterday" is not a time: write it like 2026-11-20T08:00:00Z (RFC 3339).`},
		{"/api/v1/sessions", `{"started_at":5,"sets":[]}`, `A time must be a string like "2026-11-20T08:00:00Z" (RFC 3339).`},
	}
	for _, tt := range tests {
		r := e.do(req{method: "POST", path: tt.path, body: []byte(tt.body), ctype: "application/json", token: a.token})
		var eb struct {
			Error struct{ Code, Message string }
		}
		json.Unmarshal(r.body, &eb)
		if r.status != 400 || eb.Error.Message != tt.want {
			t.Errorf("POST %s %s: %d %s, want 400 %q", tt.path, tt.body, r.status, r.body, tt.want)
		}
	}
}

// TestWrongMethodIs405: a known API path asked with a method it does not
// take is answered 405 with Allow and a message that says which methods it
// takes; an unknown path stays 404.
func TestWrongMethodIs405(t *testing.T) {
	e := newEnv(t, nil)
	a := e.signUp("a@example.test", stretchwise.RolePatient)
	tests := []struct{ method, path, allow, message string }{
		{"PUT", "/api/v1/checkins", "GET, HEAD, POST", "PUT is not allowed on /api/v1/checkins: use GET or POST."},
		{"DELETE", "/api/v1/intakes/1", "GET, HEAD", "DELETE is not allowed on /api/v1/intakes/1: use GET."},
		{"GET", "/api/v1/login", "POST", "GET is not allowed on /api/v1/login: use POST."},
		{"PATCH", "/api/v1/me", "DELETE, GET, HEAD", "PATCH is not allowed on /api/v1/me: use DELETE or GET."},
	}
	for _, tt := range tests {
		r := e.do(req{method: tt.method, path: tt.path, token: a.token})
		var eb struct {
			Error struct{ Code, Message string }
		}
		json.Unmarshal(r.body, &eb)
		if r.status != 405 || eb.Error.Code != stretchwise.EMETHOD || eb.Error.Message != tt.message || r.header.Get("Allow") != tt.allow {
			t.Errorf("%s %s: %d Allow %q %s, want 405 Allow %q %q", tt.method, tt.path, r.status, r.header.Get("Allow"), r.body, tt.allow, tt.message)
		}
	}
	if r := e.do(req{method: "PUT", path: "/api/v1/nothing", token: a.token}); r.status != 404 {
		t.Errorf("PUT an unknown path: %d %s, want 404", r.status, r.body)
	}
}
