package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
)

// testSetPassword: the hash changes and every session but the kept one ends.
func testSetPassword(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	now := time.Now()
	u, mine, others := threeSessions(t, s, stretchwise.RolePatient, now)
	keep, drop1, drop2 := mine[0], mine[1], mine[2]
	if err := s.SetPassword(ctx, u.ID, "new-hash", keep); err != nil {
		t.Fatalf("SetPassword: %v", err)
	}
	if _, hash, _ := s.FindUserByEmail(ctx, u.Email); hash != "new-hash" {
		t.Errorf("hash after SetPassword = %q, want new-hash", hash)
	}
	if _, err := s.FindAuthSession(ctx, keep, now); err != nil {
		t.Errorf("the kept session ended: %v", err)
	}
	for _, tok := range [][]byte{drop1, drop2} {
		_, err := s.FindAuthSession(ctx, tok, now)
		wantCode(t, "another session after SetPassword", err, stretchwise.EUNAUTHORIZED)
	}
	if _, err := s.FindAuthSession(ctx, others, now); err != nil {
		t.Errorf("another account's session ended: %v", err)
	}
	// nil keeps nothing.
	if err := s.SetPassword(ctx, u.ID, "newer-hash", nil); err != nil {
		t.Fatalf("SetPassword: %v", err)
	}
	_, err := s.FindAuthSession(ctx, keep, now)
	wantCode(t, "session after SetPassword without a kept one", err, stretchwise.EUNAUTHORIZED)
	wantCode(t, "SetPassword of an unknown id", s.SetPassword(ctx, u.ID+1_000_000, "x", nil), stretchwise.ENOTFOUND)
}

// testDeleteUserSessions: sign out everywhere, with and without a kept session.
func testDeleteUserSessions(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	now := time.Now()
	u, mine, o := threeSessions(t, s, stretchwise.RoleClinician, now)
	a, b, c := mine[0], mine[1], mine[2]
	if n, err := s.DeleteUserSessions(ctx, u.ID, a); err != nil || n != 2 {
		t.Fatalf("DeleteUserSessions keeping one = %d, %v; want 2", n, err)
	}
	if _, err := s.FindAuthSession(ctx, a, now); err != nil {
		t.Errorf("kept session ended: %v", err)
	}
	if n, err := s.DeleteUserSessions(ctx, u.ID, nil); err != nil || n != 1 {
		t.Fatalf("DeleteUserSessions of all = %d, %v; want 1", n, err)
	}
	for _, tok := range [][]byte{a, b, c} {
		_, err := s.FindAuthSession(ctx, tok, now)
		wantCode(t, "session after DeleteUserSessions", err, stretchwise.EUNAUTHORIZED)
	}
	if _, err := s.FindAuthSession(ctx, o, now); err != nil {
		t.Errorf("another account's session ended: %v", err)
	}
}

// testResetPassword: a recovery code works once, for its own email only,
// replaces the password, ends every session and installs the next code;
// of concurrent resets with one code exactly one succeeds.
func testResetPassword(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	u := MustCreateUser(t, s, stretchwise.RolePatient)
	other := MustCreateUser(t, s, stretchwise.RolePatient)
	now := time.Now()
	session := mustCreateSession(t, s, u.ID, now)
	_, err := s.ResetPassword(ctx, u.Email, randomBytes(32), "x", randomBytes(32))
	wantCode(t, "reset before any code was made", err, stretchwise.EUNAUTHORIZED)
	_, err = s.ResetPassword(ctx, u.Email, nil, "x", randomBytes(32))
	wantCode(t, "reset with an empty code", err, stretchwise.EUNAUTHORIZED)
	code, otherCode := randomBytes(32), randomBytes(32)
	if err := s.SetRecoveryCode(ctx, u.ID, code); err != nil {
		t.Fatalf("SetRecoveryCode: %v", err)
	}
	if err := s.SetRecoveryCode(ctx, other.ID, otherCode); err != nil {
		t.Fatalf("SetRecoveryCode: %v", err)
	}
	wantCode(t, "SetRecoveryCode of an unknown id", s.SetRecoveryCode(ctx, u.ID+1_000_000, code), stretchwise.ENOTFOUND)
	_, err = s.ResetPassword(ctx, u.Email, otherCode, "x", randomBytes(32))
	wantCode(t, "another account's code", err, stretchwise.EUNAUTHORIZED)
	_, err = s.ResetPassword(ctx, u.Email, randomBytes(32), "x", randomBytes(32))
	wantCode(t, "a wrong code", err, stretchwise.EUNAUTHORIZED)
	if _, hash, _ := s.FindUserByEmail(ctx, u.Email); hash != "hash-"+u.Email {
		t.Fatalf("failed resets changed the hash to %q", hash)
	}
	next := randomBytes(32)
	got, err := s.ResetPassword(ctx, u.Email, code, "reset-hash", next)
	if err != nil {
		t.Fatalf("ResetPassword: %v", err)
	}
	if got.ID != u.ID || got.Email != u.Email || got.Role != u.Role {
		t.Errorf("ResetPassword = %+v, want %+v", got, u)
	}
	if _, hash, _ := s.FindUserByEmail(ctx, u.Email); hash != "reset-hash" {
		t.Errorf("hash after reset = %q", hash)
	}
	_, err = s.FindAuthSession(ctx, session, now)
	wantCode(t, "session after reset", err, stretchwise.EUNAUTHORIZED)
	_, err = s.ResetPassword(ctx, u.Email, code, "again", randomBytes(32))
	wantCode(t, "a used code", err, stretchwise.EUNAUTHORIZED)
	if _, hash, _ := s.FindUserByEmail(ctx, other.Email); hash != "hash-"+other.Email {
		t.Errorf("another account's hash changed to %q", hash)
	}

	// Concurrent resets with the next code: one wins.
	const n = 6
	ok := race(t, n, stretchwise.EUNAUTHORIZED, func(int) error {
		_, err := s.ResetPassword(ctx, u.Email, next, "race-hash", randomBytes(32))
		return err
	})
	if ok != 1 {
		t.Errorf("%d of %d concurrent resets with one code succeeded, want 1", ok, n)
	}
}

// threeSessions creates a user with role and three sessions, and a patient
// with one, and returns the user, its sessions' tokens and the patient's.
func threeSessions(t *testing.T, s stretchwise.Store, role stretchwise.Role, now time.Time) (u *stretchwise.User, mine [3][]byte, others []byte) {
	t.Helper()
	u = MustCreateUser(t, s, role)
	for i := range mine {
		mine[i] = mustCreateSession(t, s, u.ID, now)
	}
	return u, mine, mustCreateSession(t, s, MustCreateUser(t, s, stretchwise.RolePatient).ID, now)
}

// mustCreateSession creates a session of user id that ends an hour after
// now, and returns its token.
func mustCreateSession(t *testing.T, s stretchwise.Store, id int64, now time.Time) []byte {
	t.Helper()
	tok := randomBytes(32)
	if err := s.CreateAuthSession(context.Background(), tok, id, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	return tok
}
