package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/sqlite"
	"github.com/stretchwise/stretchwise/sqlstore"
	"github.com/stretchwise/stretchwise/storetest"
)

// TestUsersRecoveryCode: the operator's code resets the password once
// through the API; unknown emails and a missing database are errors; the
// operator deletes an account by id.
func TestUsersRecoveryCode(t *testing.T) {
	dir, db, u := dataWithPatient(t)
	code, out, stderr := runCmd(t, "users", "--data", dir, "recovery-code", strings.ToUpper(u.Email))
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
	if code, _, stderr := runCmd(t, "users", "--data", dir, "recovery-code", "nobody@example.test"); code != 1 || !strings.Contains(stderr, "no account") {
		t.Errorf("unknown email: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCmd(t, "users", "--data", t.TempDir(), "recovery-code", u.Email); code != 1 || !strings.Contains(stderr, "no database") {
		t.Errorf("empty data folder: exit %d, %q", code, stderr)
	}
	if code, out, stderr := runCmd(t, "users", "--data", dir, "delete", strconv.FormatInt(u.ID, 10)); code != 0 || !strings.Contains(out, "deleted account") {
		t.Errorf("delete: exit %d, %q %q", code, out, stderr)
	}
	db2, err := sqlite.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db2.FindUserByID(context.Background(), u.ID); stretchwise.ErrorCode(err) != stretchwise.ENOTFOUND {
		t.Errorf("the account is still there after delete: %v", err)
	}
	db2.Close()
	if code, _, stderr := runCmd(t, "users", "--data", dir, "delete", strconv.FormatInt(u.ID, 10)); code != 1 || !strings.Contains(stderr, "no account") {
		t.Errorf("deleting twice: exit %d, %q", code, stderr)
	}
	if code, _, _ := runCmd(t, "users", "--data", dir, "delete", "ann@example.test"); code != 2 {
		t.Errorf("delete by email: exit %d, want 2", code)
	}
	if code, _, _ := runCmd(t, "users", "recovery-code"); code != 2 {
		t.Errorf("missing email: exit %d, want 2", code)
	}
}

// dataWithPatient is a data folder whose SQLite database holds one patient.
func dataWithPatient(t *testing.T) (string, *sqlstore.DB, *stretchwise.User) {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlite.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, db, storetest.MustCreateUser(t, db, stretchwise.RolePatient)
}
