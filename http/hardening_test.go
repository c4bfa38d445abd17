package http_test

import (
	"testing"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
)

// TestInviteBodyAndRateLimit checks that POST /invites refuses a body
// other than nothing or {}, and that one clinician may create only
// InvitesPerHour codes an hour.
func TestInviteBodyAndRateLimit(t *testing.T) {
	e := newEnv(t, func(o *swhttp.Options) { o.Config.InvitesPerHour = 3 })
	c := e.signUp("c@example.test", stretchwise.RoleClinician)
	for _, tt := range []struct {
		name, ctype, body string
		status            int
	}{
		{"unknown field", "application/json", `{"patient":"x"}`, 400},
		{"malformed", "application/json", `{`, 400},
		{"array", "application/json", `[]`, 400},
		{"form", "application/x-www-form-urlencoded", `a=1`, 415},
		{"text without type", "", `hello`, 415},
	} {
		if r := e.do(req{method: "POST", path: "/api/v1/invites", token: c.token, ctype: tt.ctype, body: []byte(tt.body)}); r.status != tt.status {
			t.Errorf("%s: %d %s, want %d", tt.name, r.status, r.body, tt.status)
		}
	}
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/invites", token: c.token}), 201, nil)
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/invites", token: c.token, ctype: "application/json", body: []byte(`{}`)}), 201, nil)
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/invites", token: c.token, ctype: "application/json", body: []byte(` { } `)}), 201, nil)
	r := e.do(req{method: "POST", path: "/api/v1/invites", token: c.token})
	if r.status != 429 || r.header.Get("Retry-After") == "" {
		t.Errorf("fourth invite in an hour: %d %s, want 429 with Retry-After", r.status, r.body)
	}
}
