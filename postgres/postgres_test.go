package postgres_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/internal/golden"
	"github.com/stretchwise/stretchwise/postgres"
	"github.com/stretchwise/stretchwise/sqlstore"
	"github.com/stretchwise/stretchwise/storetest"
)

// testURL returns the database the tests may wipe. CI always sets it; a
// CI run without it fails instead of passing with nothing tested.
func testURL(t *testing.T) string {
	url := os.Getenv("STRETCHWISE_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but STRETCHWISE_TEST_POSTGRES is not set: the PostgreSQL suite must run in CI")
		}
		t.Skip("STRETCHWISE_TEST_POSTGRES not set; set it to a throwaway database to run the PostgreSQL suite")
	}
	return url
}

var (
	schemaOnce sync.Once
	schemaURL  string
)

// testDB returns the URL of a fresh schema for this test binary, so that
// migrations run from scratch, as on a new installation.
func testDB(t *testing.T) string {
	base := testURL(t)
	schemaOnce.Do(func() { schemaURL = inSchema(t, base, "stretchwise_storetest") })
	return schemaURL
}

func open(t *testing.T) stretchwise.Store {
	t.Helper()
	db, err := postgres.Open(context.Background(), testDB(t))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestContract(t *testing.T) {
	storetest.Run(t, open)
}

func TestDeletion(t *testing.T) {
	storetest.RunDeletion(t, func(t *testing.T) storetest.Raw {
		db := open(t).(*sqlstore.DB)
		return storetest.Raw{Store: db, DB: db.Reader, Dialect: db.Dialect.Name}
	})
}

// TestLegacyEncodings: rows written in the encodings before package blob
// are rewritten into it when the store opens, bytes intact.
func TestLegacyEncodings(t *testing.T) {
	url := inSchema(t, testURL(t), "stretchwise_legacytest")
	storetest.RunLegacyEncodings(t, func(t *testing.T) (stretchwise.Store, *sql.DB) {
		db, err := postgres.Open(context.Background(), url)
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		t.Cleanup(func() { db.Close() })
		return db, db.Writer
	})
}

// TestConcurrentOpen starts several stores on one database at once, as
// several server processes would; the migration lock must let all succeed.
func TestConcurrentOpen(t *testing.T) {
	url := inSchema(t, testURL(t), "stretchwise_opentest")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := postgres.Open(context.Background(), url)
			if err == nil {
				db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("open %d: %v", i, err)
		}
	}
}

// TestAuditLogAppendOnly: the database refuses an UPDATE of an audit entry.
func TestAuditLogAppendOnly(t *testing.T) {
	s := open(t)
	raw, err := sql.Open("pgx", testDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	storetest.AuditUpdateRefused(t, s, raw)
}

// TestIsFull checks that PostgreSQL's disk_full, wrapped as the store
// wraps errors, is told apart from other failures.
func TestIsFull(t *testing.T) {
	full := fmt.Errorf("create recording: %w", &pgconn.PgError{Code: "53100", Message: "could not extend file"})
	other := fmt.Errorf("create recording: %w", &pgconn.PgError{Code: "53200", Message: "out of memory"})
	if !postgres.IsFull(full) || postgres.IsFull(other) || postgres.IsFull(errors.New("x")) {
		t.Errorf("IsFull: disk_full %v, out of memory %v", postgres.IsFull(full), postgres.IsFull(other))
	}
}

// TestSchema compares the schema the migrations make with
// testdata/schema.golden, which the migrations as first written made:
// what they make must not change (a database made earlier has the same
// schema).
func TestSchema(t *testing.T) {
	url := inSchema(t, testURL(t), "stretchwise_schema")
	s, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	golden.Check(t, "testdata/schema.golden", storetest.Schema(t, s.Reader, "postgres"))
}

// TestUpgrade loads a schema made by the last release before the
// migrations were written once in sqlstore/migrations (f26a8a4), with an
// item in every table, and checks that it reads back unchanged, has a new
// database's schema and passes the contract suite (storetest.RunUpgrade).
// testdata/upgrade-f26a8a4.sql.gz is pg_dump's dump of that schema
// (stretchwise_upgrade), and .json what f26a8a4 read back from it;
// sh storetest/testdata/upgrade/make.sh made both from a checkout of
// f26a8a4 (and remakes them).
func TestUpgrade(t *testing.T) {
	base := testURL(t)
	dump := storetest.Gunzip(t, "testdata/upgrade-f26a8a4.sql.gz")
	url := inSchema(t, base, "stretchwise_upgrade")
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The dump makes the schema itself; without arguments pgx sends the
	// whole dump at once (the simple protocol).
	if _, err := db.Exec(`DROP SCHEMA stretchwise_upgrade CASCADE`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(string(dump)); err != nil {
		t.Fatalf("load testdata/upgrade-f26a8a4.sql.gz: %v", err)
	}
	db.Close()
	raw := func(url string) func(t *testing.T) storetest.Raw {
		return func(t *testing.T) storetest.Raw {
			s, err := postgres.Open(context.Background(), url)
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			t.Cleanup(func() { s.Close() })
			return storetest.Raw{Store: s, DB: s.Reader, Dialect: s.Dialect.Name}
		}
	}
	storetest.RunUpgrade(t, "testdata/upgrade-f26a8a4.json", raw(url), raw(inSchema(t, base, "stretchwise_upgrade_new")))
}
