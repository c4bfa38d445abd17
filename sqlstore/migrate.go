package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"text/template"
)

// migrations is the schema both stores share, written once: each file a
// text/template of SQL whose column types are the fields of Types.
//
//go:embed migrations/*.sql
var migrations embed.FS

// Types are the column types of the shared migrations, in a dialect's
// words: {{.Key}} in a migration is the dialect's Key, and so on.
type Types struct {
	Key   string // an integer primary key the database assigns to a new row
	Int   string // a 64-bit integer
	Float string // a 64-bit floating-point number
	Bytes string // a byte string
}

// Migrate brings the schema of db up to date: the numbered migrations
// (001_init.sql, 002_...) that the schema_migrations table does not list
// yet, in order, each in its own transaction. Version N is the shared
// migration N with d's Types, followed by the file of number N in the
// folder migrations of d.Migrations, the statements only d's database has
// (a trigger), if any. A version is
// known by its number alone. Callers that may run it concurrently with
// another process must serialize it (the postgres adapter holds an
// advisory lock; SQLite's single writer does it by itself). Then rows of
// the older encodings are rewritten (migrateEncodings).
func Migrate(ctx context.Context, db *sql.DB, d Dialect) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	texts := map[int]*strings.Builder{}
	for _, src := range []struct {
		fsys  fs.FS
		types *Types // nil: the text as it is
	}{{migrations, &d.Types}, {d.Migrations, nil}} {
		if err := readMigrations(src.fsys, src.types, texts); err != nil {
			return err
		}
	}
	versions := make([]int, 0, len(texts))
	for v := range texts {
		versions = append(versions, v)
	}
	slices.Sort(versions)
	for _, v := range versions {
		if err := applyMigration(ctx, db, v, texts[v].String()); err != nil {
			return fmt.Errorf("migration %d: %w", v, err)
		}
	}
	return migrateEncodings(ctx, db)
}

// readMigrations appends the text of every migrations/*.sql file of fsys
// (none for a nil fsys), executed as a template with types unless types is
// nil, to texts by version.
func readMigrations(fsys fs.FS, types *Types, texts map[int]*strings.Builder) error {
	if fsys == nil {
		return nil
	}
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	for _, name := range names {
		num, _, ok := strings.Cut(path.Base(name), "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil {
			return fmt.Errorf("migration %s: name must start with a number and an underscore", name)
		}
		text, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("read migration %s: %w", name, err)
		}
		b := texts[version]
		if b == nil {
			b = new(strings.Builder)
			texts[version] = b
		}
		if types == nil {
			b.Write(text)
			continue
		}
		tmpl, err := template.New(name).Option("missingkey=error").Parse(string(text))
		if err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if err := tmpl.Execute(b, types); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, version int, text string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = $1`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, text); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, version); err != nil {
		return err
	}
	return tx.Commit()
}
