// Package sqlstore is the SQL the sqlite and postgres adapters share. Both
// speak database/sql with $N placeholders, store times as Unix microseconds
// and JSON as text, so one implementation of the stretchwise.Store
// interfaces serves both; each adapter supplies its driver, its schema
// migrations and the few things that differ (a Dialect).
package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/blob"
)

// Dialect holds what differs between the databases.
type Dialect struct {
	// Name is "sqlite" or "postgres", for error messages.
	Name string
	// IsUniqueViolation reports whether err is a unique-constraint failure.
	IsUniqueViolation func(err error) bool
	// Scrub, when set, runs on the writer after an account is deleted, to
	// remove the deleted bytes from the database's files (SQLite's
	// write-ahead log).
	Scrub func(ctx context.Context, db *sql.DB) error
	// IsFull reports whether err says the storage is full (no room to
	// write), as opposed to any other failure.
	IsFull func(err error) bool
	// Types are the dialect's words for the column types the shared
	// migrations are written in.
	Types Types
	// Migrations holds, in a folder migrations, the statements of
	// migrations that only this database has (Migrate); nil for none.
	Migrations fs.FS
}

// DB implements stretchwise.Store on database/sql. Reads go to Reader and
// writes to Writer; for PostgreSQL both are the same pool, for SQLite the
// writer is a single connection so that writers queue in Go instead of
// spinning on the database lock.
type DB struct {
	Reader  *sql.DB
	Writer  *sql.DB
	Dialect Dialect

	// stmts holds the reader's prepared statements (by query text) of
	// the queries readRow runs.
	stmts sync.Map
}

// readRow runs a one-row query on the reader through a statement prepared
// on first use and kept: database/sql prepares it once per pooled
// connection, where a query given as text is parsed by SQLite on every
// call (about half the server's CPU of an authenticated report read).
// Used for the queries every request runs. If preparing fails (a
// cancelled context, a closed pool), the query runs as text.
func (db *DB) readRow(ctx context.Context, query string, args ...any) *sql.Row {
	if s, ok := db.stmts.Load(query); ok {
		return s.(*sql.Stmt).QueryRowContext(ctx, args...)
	}
	s, err := db.Reader.PrepareContext(ctx, query)
	if err != nil {
		return db.Reader.QueryRowContext(ctx, query, args...)
	}
	if prev, loaded := db.stmts.LoadOrStore(query, s); loaded {
		s.Close()
		s = prev.(*sql.Stmt)
	}
	return s.QueryRowContext(ctx, args...)
}

var _ stretchwise.Store = (*DB)(nil)

// encodingBlob names the one encoding of stored bytes: package blob,
// docs/storage-format.md. Rows of the older encodings are rewritten into it
// when the store opens (legacy.go).
const encodingBlob = "blob"

// maxDecodedRecording bounds what the decoder will inflate, as a defence
// against a corrupted row: four times the largest upload the API accepts
// would already be absurd, 1 GiB is far above it.
const maxDecodedRecording = 1 << 30

// The answers for a row that does not exist.
func errNoAccount() error   { return stretchwise.Errorf(stretchwise.ENOTFOUND, "No such account.") }
func errNoRecording() error { return stretchwise.Errorf(stretchwise.ENOTFOUND, "No such recording.") }
func errNoIssueReport() error {
	return stretchwise.Errorf(stretchwise.ENOTFOUND, "No such issue report.")
}

// rowError is the error of a query of one row that failed: notFound when
// there was no row, else err with what the query was for.
func rowError(err, notFound error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound
	}
	return fmt.Errorf("%s: %w", what, err)
}

// exec runs a statement on the writer; what names it in the error.
func (db *DB) exec(ctx context.Context, what, query string, args ...any) error {
	if _, err := db.Writer.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// scanner is what a scan function reads a row from: *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// queryList runs a query on the reader and returns every row as scan reads
// it: an empty list, not nil, when none matches. what names the list in
// errors.
func queryList[T any](ctx context.Context, db *DB, what string, scan func(scanner) (*T, error), query string, args ...any) ([]*T, error) {
	rows, err := db.Reader.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	list := []*T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		list = append(list, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return list, nil
}

// decodeStored returns the bytes a row holds in encoding enc: the blob
// encoding, the only one once the store is open (Migrate).
func decodeStored(enc string, data []byte) ([]byte, error) {
	if enc != encodingBlob {
		return nil, fmt.Errorf("unknown encoding %q", enc)
	}
	return blob.Decode(data, maxDecodedRecording)
}

func micros(t time.Time) int64     { return t.UnixMicro() }
func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

// Ping checks both pools.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.Reader.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s reader: %w", db.Dialect.Name, err)
	}
	if err := db.Writer.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s writer: %w", db.Dialect.Name, err)
	}
	return nil
}

// StorageFull reports whether err, from any method of db, failed because
// the storage is full. The http package answers such failures 507 and
// reports them on its health endpoint.
func (db *DB) StorageFull(err error) bool {
	return err != nil && db.Dialect.IsFull != nil && db.Dialect.IsFull(err)
}

// Close closes the prepared statements and both pools.
func (db *DB) Close() error {
	var err error
	db.stmts.Range(func(k, v any) bool {
		err = errors.Join(err, v.(*sql.Stmt).Close())
		db.stmts.Delete(k)
		return true
	})
	err = errors.Join(err, db.Reader.Close())
	if db.Writer != db.Reader {
		err = errors.Join(err, db.Writer.Close())
	}
	return err
}

// CreateUser implements stretchwise.UserService.
func (db *DB) CreateUser(ctx context.Context, u *stretchwise.User, passwordHash string) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	err := db.Writer.QueryRowContext(ctx,
		`INSERT INTO users (email, role, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		u.Email, string(u.Role), passwordHash, micros(now)).Scan(&u.ID)
	if err != nil {
		if db.Dialect.IsUniqueViolation(err) {
			return stretchwise.Errorf(stretchwise.ECONFLICT, "An account with this email already exists.")
		}
		return fmt.Errorf("create user: %w", err)
	}
	u.CreatedAt = now
	return nil
}

func scanUser(row scanner, extra ...any) (*stretchwise.User, error) {
	var u stretchwise.User
	var role string
	var created int64
	dest := append([]any{&u.ID, &u.Email, &role, &created}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	u.Role = stretchwise.Role(role)
	u.CreatedAt = fromMicros(created)
	return &u, nil
}

// FindUserByID implements stretchwise.UserService.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*stretchwise.User, error) {
	u, err := scanUser(db.Reader.QueryRowContext(ctx, `SELECT id, email, role, created_at FROM users WHERE id = $1`, id))
	if err != nil {
		return nil, rowError(err, errNoAccount(), fmt.Sprintf("find user %d", id))
	}
	return u, nil
}

// FindUserByEmail implements stretchwise.UserService.
func (db *DB) FindUserByEmail(ctx context.Context, email string) (*stretchwise.User, string, error) {
	var hash string
	u, err := scanUser(db.Reader.QueryRowContext(ctx, `SELECT id, email, role, created_at, password_hash FROM users WHERE email = $1`, email), &hash)
	if err != nil {
		return nil, "", rowError(err, errNoAccount(), "find user by email")
	}
	return u, hash, nil
}

// CreateAuthSession implements stretchwise.AuthService.
func (db *DB) CreateAuthSession(ctx context.Context, tokenHash []byte, userID int64, expires time.Time) error {
	return db.exec(ctx, "create session",
		`INSERT INTO auth_sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		tokenHash, userID, micros(time.Now()), micros(expires))
}

// FindAuthSession implements stretchwise.AuthService.
func (db *DB) FindAuthSession(ctx context.Context, tokenHash []byte, now time.Time) (*stretchwise.User, error) {
	u, err := scanUser(db.readRow(ctx,
		`SELECT u.id, u.email, u.role, u.created_at FROM auth_sessions s JOIN users u ON u.id = s.user_id
		 WHERE s.token_hash = $1 AND s.expires_at > $2`, tokenHash, micros(now)))
	if err != nil {
		return nil, rowError(err, stretchwise.Errorf(stretchwise.EUNAUTHORIZED, "Not signed in, or the session has expired."), "find session")
	}
	return u, nil
}

// DeleteAuthSession implements stretchwise.AuthService.
func (db *DB) DeleteAuthSession(ctx context.Context, tokenHash []byte) error {
	return db.exec(ctx, "delete session", `DELETE FROM auth_sessions WHERE token_hash = $1`, tokenHash)
}

// DeleteExpired implements stretchwise.AuthService.
func (db *DB) DeleteExpired(ctx context.Context, now time.Time) (int64, error) {
	var total int64
	for _, q := range []string{
		`DELETE FROM auth_sessions WHERE expires_at <= $1`,
		`DELETE FROM invites WHERE expires_at <= $1`,
		`DELETE FROM rate_limits WHERE expires_at <= $1`,
	} {
		res, err := db.Writer.ExecContext(ctx, q, micros(now))
		if err != nil {
			return total, fmt.Errorf("delete expired: %w", err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// Hit implements stretchwise.AuthService with one atomic upsert.
func (db *DB) Hit(ctx context.Context, key string, window time.Duration, now time.Time) (int, error) {
	if window <= 0 {
		return 0, fmt.Errorf("rate limit %q: window must be positive", key)
	}
	start := now.Truncate(window)
	var n int
	err := db.Writer.QueryRowContext(ctx,
		`INSERT INTO rate_limits (key, window_start, count, expires_at) VALUES ($1, $2, 1, $3)
		 ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
		 RETURNING count`, key, micros(start), micros(start.Add(window))).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("rate limit %q: %w", key, err)
	}
	return n, nil
}

// CreateInvite implements stretchwise.LinkService.
func (db *DB) CreateInvite(ctx context.Context, clinicianID int64, codeHash []byte, expires time.Time) error {
	return db.exec(ctx, "create invite",
		`INSERT INTO invites (code_hash, clinician_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		codeHash, clinicianID, micros(time.Now()), micros(expires))
}

// RedeemInvite implements stretchwise.LinkService. Using the invite up is
// one conditional UPDATE, so two processes cannot both redeem one code.
func (db *DB) RedeemInvite(ctx context.Context, patientID int64, codeHash []byte, now time.Time) (*stretchwise.Link, error) {
	tx, err := db.Writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("redeem invite: %w", err)
	}
	defer tx.Rollback()
	var clinicianID int64
	err = tx.QueryRowContext(ctx,
		`UPDATE invites SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING clinician_id`,
		codeHash, micros(now)).Scan(&clinicianID)
	if err != nil {
		return nil, rowError(err, stretchwise.Errorf(stretchwise.ENOTFOUND, "This invite code is unknown, used or expired."), "redeem invite")
	}
	created := now.UTC().Truncate(time.Microsecond)
	if _, err := tx.ExecContext(ctx, `INSERT INTO links (patient_id, clinician_id, created_at) VALUES ($1, $2, $3)`,
		patientID, clinicianID, micros(created)); err != nil {
		if db.Dialect.IsUniqueViolation(err) {
			return nil, stretchwise.Errorf(stretchwise.ECONFLICT, "You are already linked to this clinician.")
		}
		return nil, fmt.Errorf("redeem invite: link: %w", err)
	}
	var email string
	if err := tx.QueryRowContext(ctx, `SELECT email FROM users WHERE id = $1`, clinicianID).Scan(&email); err != nil {
		return nil, fmt.Errorf("redeem invite: clinician: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("redeem invite: commit: %w", err)
	}
	return &stretchwise.Link{PatientID: patientID, ClinicianID: clinicianID, Email: email, CreatedAt: created}, nil
}

// DeleteLink implements stretchwise.LinkService.
func (db *DB) DeleteLink(ctx context.Context, patientID, clinicianID int64) error {
	res, err := db.Writer.ExecContext(ctx, `DELETE FROM links WHERE patient_id = $1 AND clinician_id = $2`, patientID, clinicianID)
	if err != nil {
		return fmt.Errorf("delete link: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return stretchwise.Errorf(stretchwise.ENOTFOUND, "No such link.")
	}
	return nil
}

// IsLinked implements stretchwise.LinkService.
func (db *DB) IsLinked(ctx context.Context, clinicianID, patientID int64) (bool, error) {
	var n int
	err := db.Reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM links WHERE clinician_id = $1 AND patient_id = $2`, clinicianID, patientID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("is linked: %w", err)
	}
	return n > 0, nil
}

// ListLinks implements stretchwise.LinkService.
func (db *DB) ListLinks(ctx context.Context, userID int64, role stretchwise.Role) ([]*stretchwise.Link, error) {
	q := `SELECT l.patient_id, l.clinician_id, u.email, l.created_at FROM links l JOIN users u ON u.id = l.clinician_id
	      WHERE l.patient_id = $1 ORDER BY l.created_at, l.clinician_id`
	if role == stretchwise.RoleClinician {
		q = `SELECT l.patient_id, l.clinician_id, u.email, l.created_at FROM links l JOIN users u ON u.id = l.patient_id
		     WHERE l.clinician_id = $1 ORDER BY l.created_at, l.patient_id`
	}
	return queryList(ctx, db, "list links", scanLink, q, userID)
}

func scanLink(row scanner) (*stretchwise.Link, error) {
	var l stretchwise.Link
	var created int64
	if err := row.Scan(&l.PatientID, &l.ClinicianID, &l.Email, &created); err != nil {
		return nil, err
	}
	l.CreatedAt = fromMicros(created)
	return &l, nil
}

// compressBuffers keeps the buffers of compressed recordings between
// uploads, up to maxPooledBuffer bytes each: a fresh buffer of megabytes for
// every upload costs the kernel's page faults and the collector's work
// (docs/benchmarks.md).
var compressBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledBuffer: our choice, a 60 s full-precision recording compresses
// to about 4 MB; larger buffers are left to the collector.
const maxPooledBuffer = 16 << 20

// CreateRecording implements stretchwise.RecordingService. The raw bytes
// are stored encoded (encodingBlob); the report is stored as JSON; one
// transaction makes both visible at once or neither.
func (db *DB) CreateRecording(ctx context.Context, r *stretchwise.StoredRecording, raw []byte) error {
	if r.Report == nil {
		return fmt.Errorf("create recording: no report")
	}
	report, err := json.Marshal(r.Report)
	if err != nil {
		return fmt.Errorf("create recording: encode report: %w", err)
	}
	sum := sha256.Sum256(raw)
	buf := compressBuffers.Get().(*[]byte)
	data := blob.Encode((*buf)[:0], raw)
	defer func() { // the driver has copied data by then
		if cap(data) <= maxPooledBuffer {
			*buf = data
			compressBuffers.Put(buf)
		}
	}()
	now := time.Now().UTC().Truncate(time.Microsecond)
	tx, err := db.Writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("create recording: %w", err)
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx,
		`INSERT INTO recordings (patient_id, kind, exercise, view, frames, duration_s, size, sha256, report, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		r.PatientID, string(r.Kind), string(r.Exercise), string(r.View), r.Frames, r.DurationS, int64(len(raw)),
		hex.EncodeToString(sum[:]), string(report), micros(now)).Scan(&id)
	if err != nil {
		return fmt.Errorf("create recording: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO recording_data (recording_id, encoding, data) VALUES ($1, $2, $3)`,
		id, encodingBlob, data); err != nil {
		return fmt.Errorf("create recording %d: data: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create recording: commit: %w", err)
	}
	r.ID, r.CreatedAt, r.Size, r.SHA256 = id, now, int64(len(raw)), hex.EncodeToString(sum[:])
	return nil
}

const recordingColumns = `id, patient_id, kind, exercise, view, frames, duration_s, size, sha256, report, created_at`

func scanRecording(row scanner) (*stretchwise.StoredRecording, error) {
	var r stretchwise.StoredRecording
	var kind, exercise, view, report string
	var created int64
	if err := row.Scan(&r.ID, &r.PatientID, &kind, &exercise, &view, &r.Frames, &r.DurationS, &r.Size, &r.SHA256, &report, &created); err != nil {
		return nil, err
	}
	r.Kind, r.Exercise, r.View = stretchwise.RecordingKind(kind), stretchwise.Exercise(exercise), stretchwise.View(view)
	r.CreatedAt = fromMicros(created)
	r.Report = new(stretchwise.Report)
	if err := json.Unmarshal([]byte(report), r.Report); err != nil {
		return nil, fmt.Errorf("decode report of recording %d: %w", r.ID, err)
	}
	return &r, nil
}

// FindRecording implements stretchwise.RecordingService.
func (db *DB) FindRecording(ctx context.Context, id int64) (*stretchwise.StoredRecording, error) {
	r, err := scanRecording(db.Reader.QueryRowContext(ctx, `SELECT `+recordingColumns+` FROM recordings WHERE id = $1`, id))
	if err != nil {
		return nil, rowError(err, errNoRecording(), fmt.Sprintf("find recording %d", id))
	}
	return r, nil
}

// RecordingReport implements stretchwise.RecordingService.
func (db *DB) RecordingReport(ctx context.Context, id int64) (int64, json.RawMessage, error) {
	var patient int64
	var report string
	err := db.readRow(ctx, `SELECT patient_id, report FROM recordings WHERE id = $1`, id).Scan(&patient, &report)
	if err != nil {
		return 0, nil, rowError(err, errNoRecording(), fmt.Sprintf("recording %d report", id))
	}
	return patient, json.RawMessage(report), nil
}

// RecordingData implements stretchwise.RecordingService.
func (db *DB) RecordingData(ctx context.Context, id int64) ([]byte, error) {
	var enc string
	var data []byte
	err := db.Reader.QueryRowContext(ctx, `SELECT encoding, data FROM recording_data WHERE recording_id = $1`, id).Scan(&enc, &data)
	if err == nil {
		data, err = decodeStored(enc, data)
	}
	if err != nil {
		return nil, rowError(err, errNoRecording(), fmt.Sprintf("recording %d data", id))
	}
	return data, nil
}

// ListRecordings implements stretchwise.RecordingService.
func (db *DB) ListRecordings(ctx context.Context, patientID int64) ([]*stretchwise.StoredRecording, error) {
	return queryList(ctx, db, "list recordings", scanRecording,
		`SELECT `+recordingColumns+` FROM recordings WHERE patient_id = $1 ORDER BY created_at, id`, patientID)
}

// CreateDocument implements stretchwise.DocumentService.
func (db *DB) CreateDocument(ctx context.Context, d *stretchwise.Document) error {
	if !json.Valid(d.Body) {
		return fmt.Errorf("create %s document: body is not JSON", d.Kind)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	err := db.Writer.QueryRowContext(ctx,
		`INSERT INTO documents (patient_id, kind, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		d.PatientID, string(d.Kind), string(d.Body), micros(now)).Scan(&d.ID)
	if err != nil {
		return fmt.Errorf("create %s document: %w", d.Kind, err)
	}
	d.CreatedAt = now
	return nil
}

func scanDocument(row scanner) (*stretchwise.Document, error) {
	var d stretchwise.Document
	var kind, body string
	var created int64
	if err := row.Scan(&d.ID, &d.PatientID, &kind, &body, &created); err != nil {
		return nil, err
	}
	d.Kind, d.Body, d.CreatedAt = stretchwise.DocumentKind(kind), json.RawMessage(body), fromMicros(created)
	return &d, nil
}

// FindDocument implements stretchwise.DocumentService.
func (db *DB) FindDocument(ctx context.Context, kind stretchwise.DocumentKind, id int64) (*stretchwise.Document, error) {
	d, err := scanDocument(db.Reader.QueryRowContext(ctx,
		`SELECT id, patient_id, kind, body, created_at FROM documents WHERE id = $1 AND kind = $2`, id, string(kind)))
	if err != nil {
		return nil, rowError(err, stretchwise.Errorf(stretchwise.ENOTFOUND, "No such %s.", kind), fmt.Sprintf("find %s %d", kind, id))
	}
	return d, nil
}

// ListDocuments implements stretchwise.DocumentService.
func (db *DB) ListDocuments(ctx context.Context, patientID int64, kind stretchwise.DocumentKind) ([]*stretchwise.Document, error) {
	return queryList(ctx, db, fmt.Sprintf("list %s documents", kind), scanDocument,
		`SELECT id, patient_id, kind, body, created_at FROM documents WHERE patient_id = $1 AND kind = $2 ORDER BY created_at, id`,
		patientID, string(kind))
}
