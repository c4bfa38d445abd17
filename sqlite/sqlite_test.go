package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/internal/golden"
	"github.com/stretchwise/stretchwise/sqlite"
	"github.com/stretchwise/stretchwise/sqlstore"
	"github.com/stretchwise/stretchwise/storetest"
)

func open(t *testing.T, dir string) stretchwise.Store {
	t.Helper()
	db, err := sqlite.Open(context.Background(), dir)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) stretchwise.Store { return open(t, t.TempDir()) })
}

func TestDeletion(t *testing.T) {
	storetest.RunDeletion(t, func(t *testing.T) storetest.Raw {
		db := open(t, t.TempDir()).(*sqlstore.DB)
		return storetest.Raw{Store: db, DB: db.Reader, Dialect: db.Dialect.Name}
	})
}

func TestWALAndMigrationsIdempotent(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	u := storetest.MustCreateUser(t, s, stretchwise.RolePatient)
	s.Close()
	s = open(t, dir) // migrating again must keep the data
	if _, err := s.FindUserByID(context.Background(), u.ID); err != nil {
		t.Fatalf("user lost on reopen: %v", err)
	}
	raw, err := sql.Open("sqlite", sqlite.Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var mode string
	if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var versions int
	files, _ := filepath.Glob("../sqlstore/migrations/*.sql") // every version has a shared part
	if err := raw.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&versions); err != nil || versions != len(files) {
		t.Errorf("schema_migrations has %d rows, %v; want one per migration (%d)", versions, err, len(files))
	}
}

// TestPageSize: a new database gets 16 KiB pages (set before WAL, which
// fixes them), and a database made earlier with SQLite's default 4 KiB
// keeps its pages, its data and WAL when the server opens it.
func TestPageSize(t *testing.T) {
	pageSize := func(t *testing.T, dir string) int {
		t.Helper()
		raw, err := sql.Open("sqlite", sqlite.Path(dir))
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		var n int
		if err := raw.QueryRow(`PRAGMA page_size`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	dir := t.TempDir()
	s := open(t, dir)
	storetest.MustCreateUser(t, s, stretchwise.RolePatient)
	s.Close()
	if n := pageSize(t, dir); n != 16384 {
		t.Errorf("new database: page_size %d, want 16384", n)
	}

	old := t.TempDir()
	raw, err := sql.Open("sqlite", sqlite.Path(old))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE earlier (x INTEGER)`); err != nil { // 4 KiB pages, rollback journal
		t.Fatal(err)
	}
	raw.Close()
	s = open(t, old)
	u := storetest.MustCreateUser(t, s, stretchwise.RolePatient)
	if _, err := s.FindUserByID(context.Background(), u.ID); err != nil {
		t.Fatalf("existing database: %v", err)
	}
	s.Close()
	if n := pageSize(t, old); n != 4096 {
		t.Errorf("existing database: page_size %d, want its 4096 kept", n)
	}
}

// TestRecordingCompressedAtRest reads the stored column directly: it must
// be smaller than the recording and not contain its text.
func TestRecordingCompressedAtRest(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	u := storetest.MustCreateUser(t, s, stretchwise.RolePatient)
	text := storetest.RecordingText(1, 1800)
	r := &stretchwise.StoredRecording{PatientID: u.ID, Kind: stretchwise.RecordingScreening, Report: storetest.SampleReport(0)}
	if err := s.CreateRecording(context.Background(), r, text); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", sqlite.Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var encoding string
	var data []byte
	if err := raw.QueryRow(`SELECT encoding, data FROM recording_data WHERE recording_id = ?`, r.ID).Scan(&encoding, &data); err != nil {
		t.Fatal(err)
	}
	if encoding != "blob" || len(data) >= len(text)/2 || bytes.Contains(data, []byte("stretchwise-recording")) {
		t.Errorf("stored %d bytes (%s) for a %d byte recording; want blob under half the size", len(data), encoding, len(text))
	}
	t.Logf("60 s recording: %d bytes, %d at rest (%.1fx)", len(text), len(data), float64(len(text))/float64(len(data)))
}

// TestLegacyEncodings: rows written in the encodings before package blob
// are rewritten into it when the store opens, bytes intact.
func TestLegacyEncodings(t *testing.T) {
	dir := t.TempDir()
	storetest.RunLegacyEncodings(t, func(t *testing.T) (stretchwise.Store, *sql.DB) {
		db := open(t, dir).(*sqlstore.DB)
		return db, db.Writer
	})
}

// TestUnknownEncodingRefused: a row of an encoding the store does not know
// is an error, never bytes.
func TestUnknownEncodingRefused(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir).(*sqlstore.DB)
	ctx := context.Background()
	u := storetest.MustCreateUser(t, s, stretchwise.RolePatient)
	r := &stretchwise.StoredRecording{PatientID: u.ID, Kind: stretchwise.RecordingScreening, Report: storetest.SampleReport(0)}
	if err := s.CreateRecording(ctx, r, storetest.RecordingText(5, 30)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Writer.Exec(`UPDATE recording_data SET encoding = 'lz4' WHERE recording_id = ?`, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordingData(ctx, r.ID); err == nil {
		t.Errorf("a row of an unknown encoding was read without an error")
	}
}

func TestBackupWhileWriting(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	ctx := context.Background()
	u := storetest.MustCreateUser(t, s, stretchwise.RolePatient)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 50 {
			r := &stretchwise.StoredRecording{PatientID: u.ID, Kind: stretchwise.RecordingScreening, Report: storetest.SampleReport(i)}
			if err := s.CreateRecording(ctx, r, storetest.RecordingText(int64(i), 30)); err != nil {
				t.Errorf("write during backup: %v", err)
				return
			}
		}
	}()
	out := filepath.Join(t.TempDir(), "backup.db")
	if err := sqlite.Backup(ctx, dir, out); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	<-done
	// The copy opens as a data folder of its own and holds the user.
	copyDir := t.TempDir()
	if err := os.Rename(out, sqlite.Path(copyDir)); err != nil {
		t.Fatal(err)
	}
	c := open(t, copyDir)
	if _, err := c.FindUserByID(ctx, u.ID); err != nil {
		t.Fatalf("backup lacks the user: %v", err)
	}
	list, err := c.ListRecordings(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range list {
		if _, err := c.RecordingData(ctx, r.ID); err != nil {
			t.Errorf("recording %d in the backup: %v", r.ID, err)
		}
	}
	if st, err := os.Stat(sqlite.Path(copyDir)); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("backup file mode %v, %v; want 0600", st.Mode(), err)
	}
	if st, err := os.Stat(sqlite.Path(dir)); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("database file mode %v, %v; want 0600", st.Mode(), err)
	}
	if err := sqlite.Backup(ctx, t.TempDir(), out); err == nil {
		t.Errorf("backup of an empty folder succeeded")
	}
}

// TestAuditLogAppendOnly: the database refuses an UPDATE of an audit entry.
func TestAuditLogAppendOnly(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	raw, err := sql.Open("sqlite", sqlite.Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	storetest.AuditUpdateRefused(t, s, raw)
}

// TestDeletionLeavesNoBytesInFiles deletes an account while the store is
// open (as under a running server) and searches the database file and its
// write-ahead log, byte for byte, for the account's email and an
// attachment it stored: SQLite's freed pages and old log frames must not
// keep them.
func TestDeletionLeavesNoBytesInFiles(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	ctx := context.Background()
	u := storetest.MustCreateUser(t, s, stretchwise.RolePatient)
	other := storetest.MustCreateUser(t, s, stretchwise.RolePatient)
	shot := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("secret picture "), 4000)...)
	for _, who := range []*stretchwise.User{u, other} {
		r := &stretchwise.IssueReport{UserID: who.ID, Role: who.Role, What: "what " + who.Email, Page: "/"}
		if err := s.CreateIssueReport(ctx, r, shot, nil); err != nil {
			t.Fatal(err)
		}
	}
	files := func() []byte {
		var all []byte
		for _, name := range []string{sqlite.FileName, sqlite.FileName + "-wal"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		return all
	}
	if !bytes.Contains(files(), []byte(u.Email)) {
		t.Fatalf("the email is not in the files before deletion: the search is wrong")
	}
	// The other account's copy of the picture stays; the text of this
	// one's report must go.
	if err := s.DeleteUser(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	all := files()
	for what, needle := range map[string][]byte{"email": []byte(u.Email), "report text": []byte("what " + u.Email)} {
		if bytes.Contains(all, needle) {
			t.Errorf("the deleted account's %s is still in the database files", what)
		}
	}
	if !bytes.Contains(all, []byte("what "+other.Email)) {
		t.Errorf("the other account's report went too")
	}
}

// TestSchema compares the schema the migrations make with
// testdata/schema.golden, which the migrations as first written made:
// what they make must not change (a database made earlier has the same
// schema).
func TestSchema(t *testing.T) {
	dir := t.TempDir()
	open(t, dir)
	raw, err := sql.Open("sqlite", sqlite.Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	golden.Check(t, "testdata/schema.golden", storetest.Schema(t, raw, "sqlite"))
}

// TestMigrateSharedOnly: a dialect with no migrations of its own gets the
// shared schema alone (here: no append-only trigger).
func TestMigrateSharedOnly(t *testing.T) {
	raw, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "shared.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	d := sqlite.Dialect
	d.Migrations = nil
	if err := sqlstore.Migrate(context.Background(), raw, d); err != nil {
		t.Fatalf("Migrate with the shared migrations only: %v", err)
	}
	var tables, triggers int
	if err := raw.QueryRow(`SELECT COUNT(*) FILTER (WHERE type = 'table'), COUNT(*) FILTER (WHERE type = 'trigger') FROM sqlite_master`).Scan(&tables, &triggers); err != nil {
		t.Fatal(err)
	}
	if tables == 0 || triggers != 0 {
		t.Errorf("%d tables and %d triggers; want the shared tables and no trigger", tables, triggers)
	}
}

// TestUpgrade opens a database made by the last release before the
// migrations were written once in sqlstore/migrations (f26a8a4), with an
// item in every table, and checks that it reads back unchanged, has a new
// database's schema and passes the contract suite (storetest.RunUpgrade).
// testdata/upgrade-f26a8a4.db.gz is that database, and .json what f26a8a4
// read back from it; sh storetest/testdata/upgrade/make.sh made both from
// a checkout of f26a8a4 (and remakes them).
func TestUpgrade(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(sqlite.Path(dir), storetest.Gunzip(t, "testdata/upgrade-f26a8a4.db.gz"), 0o600); err != nil {
		t.Fatal(err)
	}
	raw := func(dir string) func(t *testing.T) storetest.Raw {
		return func(t *testing.T) storetest.Raw {
			db := open(t, dir).(*sqlstore.DB)
			return storetest.Raw{Store: db, DB: db.Reader, Dialect: db.Dialect.Name}
		}
	}
	storetest.RunUpgrade(t, "testdata/upgrade-f26a8a4.json", raw(dir), raw(t.TempDir()))
}
