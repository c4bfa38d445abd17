package http_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/storetest"
)

// hostileConfig raises the per-account rate limits, so that the corpus
// reaches each endpoint's validation instead of its rate limit.
func hostileConfig(o *swhttp.Options) {
	o.Config.UploadsPerMinute = 1000
	o.Config.LoginPerEmail = 1000
	o.Config.LoginPerIP = 10000
	o.Config.InvitesPerHour = 1000
}

// TestNULIsRefused sends the NUL character in every kind of text the API
// reads (JSON strings, a recording header, the path and the query), on
// both stores: each is 400 invalid and nothing is stored. PostgreSQL
// cannot store NUL in text, so on it these were 500s.
func TestNULIsRefused(t *testing.T) {
	eachStore(t, hostileConfig, func(t *testing.T, e *env) {
		f := fixtureOn(e)
		rec := storetest.RecordingText(3, 10)
		nulRec := bytes.Replace(rec, []byte(`"exercise":"bird-dog"`), []byte(`"exercise":"bird\u0000dog"`), 1)
		cases := []struct {
			name, method, path, ctype string
			token                     string
			body                      string
		}{
			{"login email", "POST", "/api/v1/login", "application/json", "", `{"email":"a\u0000@example.test","password":"whatever it is"}`},
			{"login password", "POST", "/api/v1/login", "application/json", "", `{"email":"a@example.test","password":"pass\u0000word"}`},
			{"sign-up email", "POST", "/api/v1/accounts", "application/json", "", `{"email":"n\u0000@example.test","password":"long enough","role":"patient"}`},
			{"sign-up role", "POST", "/api/v1/accounts", "application/json", "", `{"email":"n@example.test","password":"long enough","role":"patient\u0000"}`},
			{"link code", "POST", "/api/v1/links", "application/json", f.a.token, `{"code":"AAAA\u0000"}`},
			{"intake red flag", "POST", "/api/v1/intakes", "application/json", f.a.token, `{"age":45,"red_flag_answers":[{"flag":"x\u0000","answer":"no"}],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":1}`},
			{"session notes", "POST", "/api/v1/sessions", "application/json", f.a.token, `{"started_at":"2026-11-20T08:00:00Z","sets":[],"notes":"\u0000"}`},
			{"check-in notes", "POST", "/api/v1/checkins", "application/json", f.a.token, `{"date":"2026-11-21","pain":2,"notes":"bad\u0000night"}`},
			{"issue report", "POST", "/api/v1/issue-reports", "application/json", f.a.token, `{"what":"it \u0000 broke"}`},
			{"recording header", "POST", "/api/v1/recordings", "application/x-ndjson", f.a.token, string(nulRec)},
			{"path", "GET", "/api/v1/recordings/1%00", "", f.a.token, ""},
			{"query", "GET", "/api/v1/recordings?kind=%00", "", f.a.token, ""},
			{"unauthenticated path", "GET", "/api/v1/%00", "", "", ""},
		}
		before := dump(t, e.store)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := e.do(req{method: c.method, path: c.path, ctype: c.ctype, token: c.token, body: []byte(c.body)})
				if r.status != 400 || errorCode(r.body) != stretchwise.EINVALID {
					t.Fatalf("got %d %.300s, want 400 invalid", r.status, r.body)
				}
			})
		}
		if after := dump(t, e.store); after != before {
			t.Errorf("refused requests changed the stored data")
		}
		// A backslash before u0000 is text, not a NUL: that is stored.
		e.mustJSON(e.do(req{method: "POST", path: "/api/v1/checkins", ctype: "application/json", token: f.a.token,
			body: []byte(`{"date":"2026-11-21","pain":2,"notes":"C:\\u0000"}`)}), 201, nil)
	})
}

// hostileRequest is one request of the corpus and what it is.
type hostileRequest struct {
	name string
	req
}

// openAPIRoutes returns the operations the server documents (a test checks
// they are exactly the registered routes), as "METHOD PATH" and whether
// the operation takes a request body.
func openAPIRoutes(t *testing.T, e *env) map[string]bool {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]struct {
			RequestBody *json.RawMessage `json:"requestBody"`
			Parameters  []struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	e.mustJSON(e.do(req{method: "GET", path: "/api/v1/openapi.json"}), 200, &doc)
	out := map[string]bool{}
	for p, ops := range doc.Paths {
		for m, op := range ops {
			out[strings.ToUpper(m)+" "+p] = op.RequestBody != nil
			for _, prm := range op.Parameters {
				if prm.In == "query" && prm.Name == "patient" {
					patientParam[strings.ToUpper(m)+" "+p] = true
				}
			}
		}
	}
	return out
}

// patientParam are the operations with a ?patient= query parameter
// (filled by openAPIRoutes).
var patientParam = map[string]bool{}

// publicRoutes need no credentials.
var publicRoutes = map[string]bool{
	"GET /healthz": true, "GET /api/v1/openapi.json": true, "POST /api/v1/accounts": true,
	"POST /api/v1/login": true, "POST /api/v1/logout": true, "GET /api/v1/red-flags": true,
}

var pathParam = regexp.MustCompile(`\{[a-z_]+\}`)

// fill puts id into every parameter of a route pattern.
func fill(pattern, id string) string { return pathParam.ReplaceAllString(pattern, id) }

// badJSONBodies are bodies no JSON endpoint may accept.
var badJSONBodies = []struct{ name, body string }{
	{"malformed", `{"a":`},
	{"unknown field", `{"surely_not_a_field":1}`},
	{"array", `[]`},
	{"string", `"text"`},
	{"number", `1`},
	{"huge number", `1e400`},
	{"two values", `{} {}`},
	{"trailing garbage", `{}x`},
	{"NUL key", `{"\u0000":1}`},
	{"deep nesting", strings.Repeat("[", 20000) + strings.Repeat("]", 20000)},
	{"oversize", `{"x":"` + strings.Repeat("a", 2<<20) + `"}`},
	{"invalid UTF-8 key", "{\"\xff\xfe\":1}"},
}

// mutations are wrong values for a field whose good value is v: another
// JSON type, absurd numbers, a NUL character. None is valid anywhere.
func mutations(v any) []struct{ name, json string } {
	out := []struct{ name, json string }{{"object", `{"x":1}`}, {"array of objects", `[{"x":1}]`}}
	switch v.(type) {
	case string:
		out = append(out, struct{ name, json string }{"number", `12`}, struct{ name, json string }{"NUL", `"a\u0000b"`}, struct{ name, json string }{"bool", `true`})
	case float64:
		out = append(out, struct{ name, json string }{"string", `"12"`}, struct{ name, json string }{"1e308", `1e308`}, struct{ name, json string }{"-1e308", `-1e308`}, struct{ name, json string }{"bool", `false`})
	case []any:
		out = append(out, struct{ name, json string }{"string", `"x"`}, struct{ name, json string }{"NUL in array", `["\u0000"]`})
	case bool:
		out = append(out, struct{ name, json string }{"string", `"true"`}, struct{ name, json string }{"number", `1`})
	}
	return out
}

// validBodies are good bodies of the JSON endpoints, whose fields the
// corpus mutates one at a time (each mutation alone makes the body bad).
func (f *fixture) validBodies() map[string]string {
	return map[string]string{
		"POST /api/v1/accounts":      `{"email":"new@example.test","password":"long enough pw","role":"patient"}`,
		"POST /api/v1/login":         `{"email":"a@example.test","password":"password for a@example.test"}`,
		"POST /api/v1/links":         `{"code":"AAAA-BBBB-CCCC-DDDD"}`,
		"POST /api/v1/intakes":       string(intakeJSON),
		"POST /api/v1/plans":         fmt.Sprintf(`{"intake_id":%d}`, f.intakeA),
		"POST /api/v1/sessions":      fmt.Sprintf(`{"plan_id":%d,"started_at":"2026-11-20T08:00:00Z","ended_at":"2026-11-20T08:20:00Z","pain_before":2,"pain_after":3,"sets":[{"exercise":"half-kneeling-hip-flexor","side":"left","hold_s":30,"intensity":3,"pain":2,"leg_pain":0,"recording_id":%d}],"stopped_reason":"done","notes":"fine"}`, f.planA, f.recA),
		"POST /api/v1/checkins":      `{"date":"2026-11-21","pain":2,"leg_pain":0,"stiffness":3,"notes":"ok"}`,
		"POST /api/v1/issue-reports": `{"what":"the button did nothing","expected":"a new page","app_version":"1","page":"/"}`,
	}
}

// idsOfA are ids of A's resources by the first path segment after /api/v1/.
func (f *fixture) idsOfA() map[string]int64 {
	return map[string]int64{"recordings": f.recA, "patients": f.a.user.ID, "intakes": f.intakeA,
		"plans": f.planA, "sessions": f.sessionA, "checkins": f.checkinA}
}

// badRecordings are recording uploads that must be refused.
func badRecordings(good []byte) []struct {
	name string
	body []byte
} {
	lines := bytes.SplitAfter(good, []byte("\n"))
	frame := lines[1]
	with := func(old, new string) []byte { return bytes.Replace(good, []byte(old), []byte(new), 1) }
	var out []struct {
		name string
		body []byte
	}
	add := func(name string, b []byte) {
		out = append(out, struct {
			name string
			body []byte
		}{name, b})
	}
	add("empty", nil)
	add("header only", lines[0])
	add("frames only", bytes.Join(lines[1:], nil))
	add("garbage", []byte("\x00\x01\x02garbage\n"))
	add("JSON array", []byte("[1,2,3]\n"))
	add("fps 0", with(`"fps":30`, `"fps":0`))
	add("fps 1e308", with(`"fps":30`, `"fps":1e308`))
	add("width -1", with(`"width":`, `"width":-1,"w":`))
	add("version 2", with(`"version":1`, `"version":2`))
	add("NUL in exercise", with(`"exercise":"bird-dog"`, `"exercise":"bird\u0000dog"`))
	add("t 1e308", append(append([]byte{}, good...), bytes.Replace(frame, []byte(`"t":`), []byte(`"t":1e308,"x":`), 1)...))
	add("t NaN", with(`"t":0`, `"t":NaN`))
	add("t repeated", append(append([]byte{}, good...), lines[len(lines)-2]...))
	add("t negative", with(`"t":0`, `"t":-1`))
	add("landmark 1e300", with(`"lm":[[`, `"lm":[[1e300,`))
	add("32 landmarks", with(`"lm":[[`, `"lm":[`))
	add("visibility 2", with(`"lm":[[`, `"lm":[[0,0,0,2],[`))
	add("line of 2 MiB", append(append([]byte{}, lines[0]...), []byte(`{"t":0,"lm":null,"pad":"`+strings.Repeat("a", 2<<20)+"\"}\n")...))
	add("oversize", storetest.RecordingText(9, 3000))
	return out
}

// TestHostileCorpus sends a corpus of malformed and hostile requests,
// generated from the documented routes, to every endpoint on both stores:
// each must be answered 4xx, never 5xx or 2xx, and the stored data must be
// the same before and after.
func TestHostileCorpus(t *testing.T) {
	eachStore(t, hostileConfig, func(t *testing.T, e *env) {
		f := fixtureOn(e)
		routes := openAPIRoutes(t, e)
		var keys []string
		for k := range routes {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var corpus []hostileRequest
		add := func(name string, r req) { corpus = append(corpus, hostileRequest{name, r}) }
		badToken := strings.Repeat("ab", 32)
		for _, k := range keys {
			method, pattern, _ := strings.Cut(k, " ")
			own := fill(pattern, "1")
			if !publicRoutes[k] {
				add(k+": no credentials", req{method: method, path: own})
				add(k+": bad token", req{method: method, path: own, token: badToken})
				add(k+": bearer of another scheme", req{method: method, path: own, header: map[string]string{"Authorization": "Basic " + badToken}})
				add(k+": expired-looking cookie", req{method: method, path: own, cookie: &http.Cookie{Name: swhttp.CookieName, Value: "x"}})
			}
			for _, m := range []string{"PUT", "PATCH", "TRACE"} {
				add(k+": method "+m, req{method: m, path: own, token: f.a.token})
			}
			if method != "GET" {
				// A cross-site browser write with a valid cookie.
				add(k+": cross-site", req{method: method, path: own, cookie: f.a.cookie, ctype: "application/json", body: []byte(`{}`),
					header: map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example"}})
				add(k+": foreign origin", req{method: method, path: own, cookie: f.a.cookie, ctype: "application/json", body: []byte(`{}`),
					header: map[string]string{"Origin": "https://attacker.example"}})
			}
			if strings.Contains(pattern, "{") {
				for _, id := range []string{"0", "-1", "abc", "99999999", "1e3", "9223372036854775808", "%00", "%2e%2e", "1;DROP%20TABLE%20users"} {
					tok := f.a.token
					add(k+": id "+id, req{method: method, path: fill(pattern, id), token: tok, ctype: "application/json", body: []byte(`{}`)})
				}
				if method == "GET" {
					// Another account's data: A's ids seen by another
					// patient and by an unlinked clinician.
					if id, ok := f.idsOfA()[strings.Split(pattern, "/")[3]]; ok {
						add(k+": other patient", req{method: method, path: fill(pattern, fmt.Sprint(id)), token: f.b.token})
						add(k+": unlinked clinician", req{method: method, path: fill(pattern, fmt.Sprint(id)), token: f.d.token})
					}
				}
			}
			if method == "GET" && patientParam[k] {
				for _, q := range []string{"patient=-1", "patient=abc", "patient=%00", fmt.Sprintf("patient=%d", f.a.user.ID), "patient=1e400", "patient=99999999"} {
					add(k+": query "+q, req{method: method, path: pattern + "?" + q, token: f.d.token})
				}
			}
			if method == "POST" && routes[k] && pattern != "/api/v1/recordings" {
				for _, b := range badJSONBodies {
					add(k+": body "+b.name, req{method: method, path: own, token: f.a.token, ctype: "application/json", body: []byte(b.body)})
				}
				add(k+": form content type", req{method: method, path: own, token: f.a.token, ctype: "application/x-www-form-urlencoded", body: []byte("a=1")})
				add(k+": no content type", req{method: method, path: own, token: f.a.token, body: []byte(`{}`)})
			}
		}
		for k, body := range f.validBodies() {
			method, path, _ := strings.Cut(k, " ")
			var m map[string]any
			if err := json.Unmarshal([]byte(body), &m); err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			for field, v := range m {
				for _, mu := range mutations(v) {
					b := map[string]json.RawMessage{}
					json.Unmarshal([]byte(body), &b)
					b[field] = json.RawMessage(mu.json)
					add(fmt.Sprintf("%s: %s as %s", k, field, mu.name), req{method: method, path: path, token: f.a.token, ctype: "application/json", body: jsonBody(b)})
				}
			}
		}
		// The clinician writing where only a patient may, and a patient
		// where only a clinician may.
		for k, body := range f.validBodies() {
			if method, path, _ := strings.Cut(k, " "); !publicRoutes[k] && path != "/api/v1/issue-reports" {
				add(k+": as a clinician", req{method: method, path: path, token: f.c.token, ctype: "application/json", body: []byte(body)})
			}
		}
		add("invite as a patient", req{method: "POST", path: "/api/v1/invites", token: f.a.token, ctype: "application/json", body: []byte(`{}`)})
		add("unlink a stranger", req{method: "DELETE", path: fmt.Sprintf("/api/v1/links/%d", f.d.user.ID), token: f.a.token})
		add("login wrong password", req{method: "POST", path: "/api/v1/login", ctype: "application/json", body: []byte(`{"email":"a@example.test","password":"wrong password"}`)})
		add("sign up taken email", req{method: "POST", path: "/api/v1/accounts", ctype: "application/json", body: []byte(`{"email":"A@example.test","password":"long enough pw","role":"patient"}`)})
		for _, b := range badRecordings(storetest.RecordingText(4, 20)) {
			add("recording: "+b.name, req{method: "POST", path: "/api/v1/recordings", token: f.a.token, ctype: "application/x-ndjson", body: b.body})
		}
		add("recording as a clinician", req{method: "POST", path: "/api/v1/recordings", token: f.c.token, ctype: "application/x-ndjson", body: storetest.RecordingText(5, 20)})
		add("recording as JSON", req{method: "POST", path: "/api/v1/recordings", token: f.a.token, ctype: "application/json", body: storetest.RecordingText(5, 20)})
		add("unknown API path", req{method: "GET", path: "/api/v1/admin", token: f.a.token})

		if len(corpus) < 400 {
			t.Fatalf("the corpus has %d requests, want at least 400", len(corpus))
		}
		before := dump(t, e.store)
		statuses := map[int]int{}
		for _, h := range corpus {
			r := e.do(h.req)
			statuses[r.status]++
			if r.status < 400 || r.status >= 500 {
				t.Errorf("%s: %d %.200s, want 4xx", h.name, r.status, r.body)
			}
		}
		t.Logf("%d hostile requests, statuses %v", len(corpus), statuses)
		if after := dump(t, e.store); after != before {
			t.Errorf("the corpus changed the stored data:\nbefore:\n%.2000s\nafter:\n%.2000s", before, after)
		}
	})
}
