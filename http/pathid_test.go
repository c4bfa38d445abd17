package http_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestMalformedPathID: an id in a path that is not an id (letters, a sign,
// zero, too long, too large) is the request's mistake: 400 with a JSON error
// that names the part of the path and says why; a well-formed id that is
// unknown, or another account's, stays 404 with the same answer for both.
func TestMalformedPathID(t *testing.T) {
	f := newFixture(t)
	paths := map[string]string{ // path with %s for the id -> the part named
		"GET /api/v1/sessions/%s":                 "session",
		"GET /api/v1/intakes/%s":                  "intake",
		"GET /api/v1/plans/%s":                    "plan",
		"GET /api/v1/checkins/%s":                 "check-in",
		"GET /api/v1/recordings/%s":               "recording",
		"GET /api/v1/recordings/%s/report":        "recording",
		"GET /api/v1/issue-reports/%s":            "issue report",
		"GET /api/v1/issue-reports/%s/screenshot": "issue report",
		"GET /api/v1/patients/%s":                 "patient",
		"GET /api/v1/patients/%s/export.csv":      "patient",
		"GET /api/v1/patients/%s/fhir":            "patient",
		"DELETE /api/v1/links/%s":                 "account",
	}
	bad := map[string]string{ // id -> a word the reason must hold
		"abc":                    "digits",
		"-1":                     "digits",
		"1e3":                    "digits",
		"0":                      "1 or more",
		strings.Repeat("7", 300): "at most 19 digits",
		"9223372036854775808":    "larger",
	}
	for k, part := range paths {
		method, path, _ := strings.Cut(k, " ")
		token := f.a.token
		if strings.Contains(path, "/patients/") {
			token = f.c.token
		}
		for id, why := range bad {
			r := f.do(req{method: method, path: fmt.Sprintf(path, id), token: token})
			if r.status != 400 || errorCode(r.body) != "invalid" {
				t.Errorf("%s %s with id %.20s: %d %s, want 400 invalid", method, path, id, r.status, r.body)
				continue
			}
			var eb struct{ Error struct{ Message string } }
			json.Unmarshal(r.body, &eb)
			if m := eb.Error.Message; !strings.Contains(m, part) || !strings.Contains(m, why) || len(m) > 300 {
				t.Errorf("%s %s with id %.20s: message %q does not name the %s and say %q", method, path, id, m, part, why)
			}
		}
		// Well-formed but unknown: 404, as for another account's id.
		if r := f.do(req{method: method, path: fmt.Sprintf(path, "99999999"), token: token}); r.status != 404 {
			t.Errorf("%s %s with an unknown id: %d %s, want 404", method, path, r.status, r.body)
		}
	}
	if r := f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/sessions/%d", f.sessionA), token: f.b.token}); r.status != 404 {
		t.Errorf("another patient's session: %d, want 404", r.status)
	}
}
