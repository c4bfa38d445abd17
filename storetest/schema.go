package storetest

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
)

// schemaQueries describe a migrated database's schema, by dialect: every
// table, column, type, default, constraint, index, trigger and function
// the migrations made, and the versions schema_migrations lists. Each
// query returns one text column per row.
var schemaQueries = map[string][]string{
	"sqlite": {
		`SELECT type || ' ' || name || ' ON ' || tbl_name || ': ' || COALESCE(sql, '')
		FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`,
		`SELECT 'migration ' || version FROM schema_migrations ORDER BY version`,
	},
	"postgres": {
		`SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' nullable=' || is_nullable ||
			' default=' || COALESCE(column_default, '') || ' identity=' || is_identity || ' ' || COALESCE(identity_generation, '')
		FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
		`SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ': ' || pg_get_constraintdef(oid)
		FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY conrelid::regclass::text, conname`,
		`SELECT 'index ' || indexname || ': ' || replace(indexdef, current_schema() || '.', '')
		FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`,
		`SELECT 'trigger ' || t.tgname || ': ' || replace(pg_get_triggerdef(t.oid), current_schema() || '.', '')
		FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
		WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace ORDER BY t.tgname`,
		`SELECT 'function ' || proname || ': ' || prosrc
		FROM pg_proc WHERE pronamespace = current_schema()::regnamespace ORDER BY proname`,
		`SELECT 'migration ' || version FROM schema_migrations ORDER BY version`,
	},
}

// Schema returns the schema of the migrated database db of dialect
// ("sqlite" or "postgres") as text, one line per object, with runs of
// white space folded: what a store's golden schema test compares, so that
// a change to the migrations that changes what they make is seen.
func Schema(t testing.TB, db *sql.DB, dialect string) []byte {
	t.Helper()
	queries, ok := schemaQueries[dialect]
	if !ok {
		t.Fatalf("schema of dialect %q: unknown", dialect)
	}
	var b strings.Builder
	for _, q := range queries {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, strings.Join(strings.Fields(line), " "))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return []byte(b.String())
}
