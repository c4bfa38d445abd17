package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/sqlite"
	"github.com/stretchwise/stretchwise/storetest"
)

// TestUsersRecoveryCode: the operator's code resets the password once
// through the API; unknown emails and a missing database are errors.
func TestUsersRecoveryCode(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	u := storetest.MustCreateUser(t, db, stretchwise.RolePatient)
	runCmd := func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := run(ctx, append([]string{"users"}, args...), Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb})
		return out.String(), errb.String(), code
	}
	out, stderr, code := runCmd("--data", dir, "recovery-code", strings.ToUpper(u.Email))
	m := regexp.MustCompile(`usable once: ([0-9A-Z]{4}(-[0-9A-Z]{4}){3})\n$`).FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("recovery-code: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	srv := httptest.NewServer(swhttp.NewServer(swhttp.Options{Store: db, Config: swhttp.DefaultConfig, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer srv.Close()
	reset := func() int {
		body := `{"email":"` + u.Email + `","recovery_code":"` + m[1] + `","new_password":"a new password"}`
		r, err := http.Post(srv.URL+"/api/v1/password-reset", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		return r.StatusCode
	}
	if s := reset(); s != 200 {
		t.Errorf("reset with the operator's code: %d", s)
	}
	if s := reset(); s != 401 {
		t.Errorf("second reset with the same code: %d, want 401", s)
	}
	db.Close()
	if _, stderr, code := runCmd("--data", dir, "recovery-code", "nobody@example.test"); code != 1 || !strings.Contains(stderr, "no account") {
		t.Errorf("unknown email: exit %d, %q", code, stderr)
	}
	if _, stderr, code := runCmd("--data", t.TempDir(), "recovery-code", u.Email); code != 1 || !strings.Contains(stderr, "no database") {
		t.Errorf("empty data folder: exit %d, %q", code, stderr)
	}
	if _, _, code := runCmd("recovery-code"); code != 2 {
		t.Errorf("missing email: exit %d, want 2", code)
	}
}
