package main

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchwise/stretchwise/storetest"
)

// postgresSchema returns a URL of a fresh schema in the test database, or
// skips when none is configured (and fails under CI, where it must be).
func postgresSchema(t *testing.T, name string) string { return storetest.PostgresSchema(t, name) }

// TestTwoServersOnePostgres runs two server processes on one database and
// uses them interchangeably: a session made on one works on the other, an
// upload through one is read through the other, and the login rate limit
// counts attempts on both.
func TestTwoServersOnePostgres(t *testing.T) {
	db := postgresSchema(t, "stretchwise_servetest")
	bin := buildBinary(t)
	s1 := startServer(t, bin, "--db", db)
	s2 := startServer(t, bin, "--db", db)

	token := signUp(t, s1.url, s2.url, "two@example.test", "two servers pw")
	text := storetest.RecordingText(5, 120)
	st, b, err := post(s1.url+"/api/v1/recordings", token, "application/x-ndjson", text)
	if err != nil || st != 201 {
		t.Fatalf("upload on 1 with a session from 2: %d %s %v", st, b, err)
	}
	var rec struct{ ID int64 }
	json.Unmarshal(b, &rec)
	st, got, err := get(fmt.Sprintf("%s/api/v1/recordings/%d", s2.url, rec.ID), token)
	if err != nil || st != 200 || string(got) != string(text) {
		t.Fatalf("read on 2: %d, %d bytes (want %d), %v", st, len(got), len(text), err)
	}
	// 10 attempts per email per window (DefaultConfig): one login was
	// used; nine more wrong ones alternate between the servers; the next
	// is refused by either.
	for i := range 9 {
		srv := []*server{s1, s2}[i%2]
		if st, b, _ := post(srv.url+"/api/v1/login", "", "application/json", []byte(`{"email":"two@example.test","password":"wrong"}`)); st != 401 {
			t.Fatalf("wrong password %d: %d %s", i, st, b)
		}
	}
	for _, srv := range []*server{s1, s2} {
		if st, b, _ := post(srv.url+"/api/v1/login", "", "application/json", []byte(`{"email":"two@example.test","password":"two servers pw"}`)); st != 429 {
			t.Errorf("attempt past the shared limit: %d %s, want 429", st, b)
		}
	}
}
