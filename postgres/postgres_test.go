package postgres_test

import (
	"context"
	"database/sql"
	"os"
	"sync"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/postgres"
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

var resetOnce sync.Once

// reset drops every table once per test binary so that migrations run from
// scratch, as on a new installation.
func reset(t *testing.T, url string) {
	resetOnce.Do(func() {
		db, err := sql.Open("pgx", url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, table := range []string{"documents", "recording_data", "recordings", "links", "invites", "rate_limits", "auth_sessions", "users", "schema_migrations"} {
			if _, err := db.Exec(`DROP TABLE IF EXISTS ` + table + ` CASCADE`); err != nil {
				t.Fatalf("reset: %v", err)
			}
		}
	})
}

func open(t *testing.T) stretchwise.Store {
	t.Helper()
	url := testURL(t)
	reset(t, url)
	db, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestContract(t *testing.T) {
	storetest.Run(t, open)
}

// TestConcurrentOpen starts several stores on one database at once, as
// several server processes would; the migration lock must let all succeed.
func TestConcurrentOpen(t *testing.T) {
	url := testURL(t)
	reset(t, url)
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
