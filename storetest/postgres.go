package storetest

import (
	"database/sql"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// PostgresSchema returns the URL of a fresh, empty schema called name in
// the throwaway PostgreSQL database that STRETCHWISE_TEST_POSTGRES names,
// for a test of a server or store on PostgreSQL. It skips t when the
// variable is not set, and fails it under CI, where it must be.
func PostgresSchema(t testing.TB, name string) string {
	t.Helper()
	base := os.Getenv("STRETCHWISE_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but STRETCHWISE_TEST_POSTGRES is not set")
		}
		t.Skip("STRETCHWISE_TEST_POSTGRES not set")
	}
	return PostgresSchemaAt(t, base, name)
}

// PostgresSchemaAt recreates the schema name in the database at base and
// returns a URL whose connections use it, so that tests running at the
// same time on one database do not see each other's tables.
func PostgresSchemaAt(t testing.TB, base, name string) string {
	t.Helper()
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{`DROP SCHEMA IF EXISTS ` + name + ` CASCADE`, `CREATE SCHEMA ` + name} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
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
