package postgres_test

import (
	"database/sql"
	"net/url"
	"testing"
)

// inSchema recreates the schema name in the database at base and returns a
// URL whose connections use it, so test packages running at the same time
// on one database do not see each other's tables.
func inSchema(t *testing.T, base, name string) string {
	t.Helper()
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP SCHEMA IF EXISTS ` + name + ` CASCADE`); err != nil {
		t.Fatalf("drop schema %s: %v", name, err)
	}
	if _, err := db.Exec(`CREATE SCHEMA ` + name); err != nil {
		t.Fatalf("create schema %s: %v", name, err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}
