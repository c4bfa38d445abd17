package http_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/postgres"
	"github.com/stretchwise/stretchwise/sqlstore"
	"github.com/stretchwise/stretchwise/storetest"
)

// eachStore runs f against a server on SQLite and, when
// STRETCHWISE_TEST_POSTGRES names a throwaway database, on PostgreSQL (in
// a fresh schema per test). Under CI the PostgreSQL run is required.
func eachStore(t *testing.T, mod func(*swhttp.Options), f func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) { f(t, newEnv(t, mod)) })
	t.Run("postgres", func(t *testing.T) { f(t, newPostgresEnv(t, mod)) })
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// newPostgresEnv is newEnv on PostgreSQL, in a schema named after the test.
func newPostgresEnv(t *testing.T, mod func(*swhttp.Options)) *env {
	t.Helper()
	name := "sw_http_" + nonWord.ReplaceAllString(strings.ToLower(t.Name()), "_")
	if len(name) > 60 {
		h := sha256.Sum256([]byte(name))
		name = name[:48] + "_" + hex.EncodeToString(h[:4])
	}
	db, err := postgres.Open(context.Background(), storetest.PostgresSchema(t, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return startEnv(t, db, mod)
}

// dump returns every row of every table but the rate-limit counters (which
// count refused attempts too) as sorted text: two dumps are equal when the
// stored data is.
func dump(t testing.TB, db *sqlstore.DB) string {
	t.Helper()
	ctx := context.Background()
	q := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if db.Dialect.Name == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	rows, err := db.Reader.QueryContext(ctx, q)
	if err != nil {
		t.Fatalf("list tables: %v", err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		if n != "rate_limits" && !strings.HasPrefix(n, "sqlite_") {
			tables = append(tables, n)
		}
	}
	rows.Close()
	sort.Strings(tables)
	var out strings.Builder
	for _, tb := range tables {
		rows, err := db.Reader.QueryContext(ctx, `SELECT * FROM `+tb)
		if err != nil {
			t.Fatalf("dump %s: %v", tb, err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("dump %s: %v", tb, err)
			}
			lines = append(lines, fmt.Sprintf("%q", vals))
		}
		rows.Close()
		sort.Strings(lines)
		fmt.Fprintf(&out, "%s (%d rows)\n%s\n", tb, len(lines), strings.Join(lines, "\n"))
	}
	return out.String()
}
