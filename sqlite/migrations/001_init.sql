-- Schema version 1. Times are Unix microseconds; JSON is text so reports
-- come back byte for byte. postgres/migrations/001_init.sql is the same
-- schema in PostgreSQL's types.
CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	email         TEXT NOT NULL UNIQUE,
	role          TEXT NOT NULL CHECK (role IN ('patient', 'clinician')),
	password_hash TEXT NOT NULL,
	created_at    INTEGER NOT NULL
);

CREATE TABLE auth_sessions (
	token_hash BLOB PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
CREATE INDEX auth_sessions_expires ON auth_sessions (expires_at);

CREATE TABLE rate_limits (
	key          TEXT NOT NULL,
	window_start INTEGER NOT NULL,
	count        INTEGER NOT NULL,
	expires_at   INTEGER NOT NULL,
	PRIMARY KEY (key, window_start)
);

CREATE TABLE invites (
	code_hash    BLOB PRIMARY KEY,
	clinician_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at   INTEGER NOT NULL,
	expires_at   INTEGER NOT NULL,
	used_at      INTEGER
);

CREATE TABLE links (
	patient_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	clinician_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at   INTEGER NOT NULL,
	PRIMARY KEY (patient_id, clinician_id)
);
CREATE INDEX links_clinician ON links (clinician_id);

CREATE TABLE recordings (
	id         INTEGER PRIMARY KEY,
	patient_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	exercise   TEXT NOT NULL,
	view       TEXT NOT NULL,
	frames     INTEGER NOT NULL,
	duration_s REAL NOT NULL,
	size       INTEGER NOT NULL,
	sha256     TEXT NOT NULL,
	report     TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX recordings_patient ON recordings (patient_id, created_at);

-- The recording bytes live apart from the metadata and report, so that
-- reading a report or a list never walks a megabyte of overflow pages.
CREATE TABLE recording_data (
	recording_id INTEGER PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
	encoding     TEXT NOT NULL,
	data         BLOB NOT NULL
);

CREATE TABLE documents (
	id         INTEGER PRIMARY KEY,
	patient_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	body       TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX documents_patient_kind ON documents (patient_id, kind, created_at);
