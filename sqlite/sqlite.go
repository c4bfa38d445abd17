// Package sqlite is the default store: one SQLite file in the data folder,
// opened with modernc.org/sqlite (pure Go, no install step), in WAL mode with
// a busy timeout, its schema migrated from the embedded migrations.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/stretchwise/stretchwise/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the database file's name inside the data folder.
const FileName = "stretchwise.db"

// busyTimeoutMS is how long a connection waits for another process's lock
// (a backup, a second server) before SQLITE_BUSY: our choice, long enough
// for any single write of ours (well under a second) and short enough that
// a stuck lock surfaces as an error within a request's lifetime.
const busyTimeoutMS = 10000

// Path returns the database file of the data folder dir.
func Path(dir string) string { return filepath.Join(dir, FileName) }

// dsn builds the connection string. synchronous(FULL) makes every commit
// durable at the moment the API acknowledges it, also across a power cut
// (NORMAL would only survive a process crash). _txlock=immediate makes
// write transactions take the write lock at BEGIN, which avoids the
// deadlock-prone lock upgrade of deferred transactions.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	// Deleted rows are overwritten with zeros (freed pages too), so that a
	// deleted account's data does not live on in the file's free space.
	q.Add("_pragma", "secure_delete(1)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Open opens (creating if needed) the database in the data folder dir and
// migrates it. The returned store has a pool of read connections and one
// write connection: SQLite allows one writer at a time, so queueing writers
// in Go is cheaper than letting them retry on the file lock.
func Open(ctx context.Context, dir string) (*sqlstore.DB, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open sqlite: create data folder: %w", err)
	}
	path := Path(dir)
	// Health data: create the file readable by the service account only.
	// SQLite gives the -wal and -shm files the main file's permissions.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	info, err := f.Stat()
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	if info.Size() == 0 {
		if err := create(ctx, path); err != nil {
			return nil, fmt.Errorf("open sqlite %s: create: %w", path, err)
		}
	}
	writer, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	writer.SetConnMaxIdleTime(0)
	if err := sqlstore.Migrate(ctx, writer, Dialect); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	reader, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	reader.SetMaxOpenConns(8)
	reader.SetMaxIdleConns(8)
	db := &sqlstore.DB{Reader: reader, Writer: writer, Dialect: Dialect}
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return db, nil
}

// pageSize is the page size of a new database, in bytes. Our choice, from
// the upload runs of docs/benchmarks.md: a recording is one blob of about
// 1.6 MB at rest, which SQLite writes page by page twice (into the WAL, with
// a separate write of each frame's header, then into the database at a
// checkpoint); 16 KiB pages instead of the default 4 KiB make a quarter of
// those system calls and took about 2.5 ms (8 %) off the server CPU of an
// upload, while a small row still costs one 16 KiB page. 64 KiB pages
// gained nothing more. A database created earlier keeps its page size.
const pageSize = 16384

// create prepares a new, empty database file: the page size can only be
// chosen before the first write, and switching to WAL is one. Both
// statements run on one connection, as the page size is a setting of the
// connection until then.
func create(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, q := range []string{fmt.Sprintf("PRAGMA page_size = %d", pageSize), "PRAGMA journal_mode = WAL"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// Dialect is SQLite's sqlstore.Dialect.
var Dialect = sqlstore.Dialect{Name: "sqlite", IsUniqueViolation: isUniqueViolation, Scrub: scrub, IsFull: isFull,
	// id INTEGER PRIMARY KEY is the rowid: SQLite assigns it.
	Types:      sqlstore.Types{Key: "INTEGER PRIMARY KEY", Int: "INTEGER", Float: "REAL", Bytes: "BLOB"},
	Migrations: migrations}

// isFull reports SQLITE_FULL: the disk, or the database's page limit
// (PRAGMA max_page_count), is full.
func isFull(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_FULL
}

// scrub empties the write-ahead log after an account's deletion: with
// secure_delete the database pages hold zeros where the rows were, but
// the log still holds the frames written before, rows included, until it
// is reset. A checkpoint that cannot finish (a long reader) leaves the log
// for the next one; that is not an error.
func scrub(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

func isUniqueViolation(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// Backup writes a consistent copy of the database in the data folder dir to
// the file out with VACUUM INTO, which reads inside one transaction and so
// sees one committed state even while a server writes. The copy is written
// next to out and renamed into place, so out is either the old file or the
// complete copy. out must not be inside a transaction-less network share.
func Backup(ctx context.Context, dir, out string) error {
	path := Path(dir)
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("backup: no database in %s: %w", dir, err)
	}
	// Not query_only: SQLite counts VACUUM INTO as a write although it only
	// reads the source.
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return fmt.Errorf("backup: open %s: %w", path, err)
	}
	defer db.Close()
	abs, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp := abs + ".partial"
	os.Remove(tmp)
	if _, err := db.ExecContext(ctx, `VACUUM INTO $1`, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: vacuum into %s: %w", tmp, err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
