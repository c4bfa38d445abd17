//go:build ignore

// Command main makes the upgrade fixtures of storetest.RunUpgrade with the
// code of the checkout it runs in: make.sh copies it, with
// storetest/upgrade.go, into an old release and runs it there.
package main

import (
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/postgres"
	"github.com/stretchwise/stretchwise/sqlite"
	"github.com/stretchwise/stretchwise/storetest"
)

// Usage: go run . SQLITE_PREFIX POSTGRES_URL POSTGRES_JSON: write
// SQLITE_PREFIX.db.gz and SQLITE_PREFIX.json; fill the schema
// stretchwise_upgrade of the database POSTGRES_URL (dropped first) and
// write what it reads back to POSTGRES_JSON.
func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: go run . SQLITE_PREFIX POSTGRES_URL POSTGRES_JSON")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, sqliteOut, pgURL, pgOut string) error {
	if err := makeSQLite(ctx, sqliteOut); err != nil {
		return err
	}
	return makePostgres(ctx, pgURL, pgOut)
}

// makeSQLite fills a new SQLite database and writes it to sqliteOut.db.gz,
// what it reads back to sqliteOut.json.
func makeSQLite(ctx context.Context, sqliteOut string) error {
	dir, err := os.MkdirTemp("", "upgrade")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	s, err := sqlite.Open(ctx, dir)
	if err != nil {
		return err
	}
	if err := fill(ctx, s, sqliteOut+".json"); err != nil {
		return err
	}
	if err := gzipFile(sqlite.Path(dir), sqliteOut+".db.gz"); err != nil {
		return err
	}
	return nil
}

// makePostgres fills the schema stretchwise_upgrade of the database at
// pgURL (dropped first) and writes what it reads back to pgOut.
func makePostgres(ctx context.Context, pgURL, pgOut string) error {
	db, err := sql.Open("pgx", pgURL)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, q := range []string{`DROP SCHEMA IF EXISTS stretchwise_upgrade CASCADE`, `CREATE SCHEMA stretchwise_upgrade`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	u, err := url.Parse(pgURL)
	if err != nil {
		return err
	}
	q := u.Query()
	q.Set("search_path", "stretchwise_upgrade")
	u.RawQuery = q.Encode()
	s, err := postgres.Open(ctx, u.String())
	if err != nil {
		return err
	}
	return fill(ctx, s, pgOut)
}

// fill fills s, writes what it reads back to jsonPath and closes s.
func fill(ctx context.Context, s stretchwise.Store, jsonPath string) error {
	defer s.Close()
	if err := storetest.FillUpgrade(ctx, s); err != nil {
		return err
	}
	up, err := storetest.ReadUpgrade(ctx, s)
	if err != nil {
		return err
	}
	text, err := json.MarshalIndent(up, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(jsonPath, append(text, '\n'), 0o644)
}

func gzipFile(from, to string) error {
	if _, err := os.Stat(from + "-wal"); err == nil {
		return fmt.Errorf("%s-wal is left after closing: the fixture would miss its last writes", filepath.Base(from))
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	f, err := os.Create(to)
	if err != nil {
		return err
	}
	w, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	if _, err := w.Write(data); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return f.Close()
}
