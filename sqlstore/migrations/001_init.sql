-- Schema version 1. Times are Unix microseconds; JSON is text so reports
-- come back byte for byte. Column types are the dialect's (sqlstore.Types).
CREATE TABLE users (
	id            {{.Key}},
	email         TEXT NOT NULL UNIQUE,
	role          TEXT NOT NULL CHECK (role IN ('patient', 'clinician')),
	password_hash TEXT NOT NULL,
	created_at    {{.Int}} NOT NULL
);

CREATE TABLE auth_sessions (
	token_hash {{.Bytes}} PRIMARY KEY,
	user_id    {{.Int}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at {{.Int}} NOT NULL,
	expires_at {{.Int}} NOT NULL
);
CREATE INDEX auth_sessions_expires ON auth_sessions (expires_at);

CREATE TABLE rate_limits (
	key          TEXT NOT NULL,
	window_start {{.Int}} NOT NULL,
	count        {{.Int}} NOT NULL,
	expires_at   {{.Int}} NOT NULL,
	PRIMARY KEY (key, window_start)
);

CREATE TABLE invites (
	code_hash    {{.Bytes}} PRIMARY KEY,
	clinician_id {{.Int}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at   {{.Int}} NOT NULL,
	expires_at   {{.Int}} NOT NULL,
	used_at      {{.Int}}
);

CREATE TABLE links (
	patient_id   {{.Int}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	clinician_id {{.Int}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at   {{.Int}} NOT NULL,
	PRIMARY KEY (patient_id, clinician_id)
);
CREATE INDEX links_clinician ON links (clinician_id);

CREATE TABLE recordings (
	id         {{.Key}},
	patient_id {{.Int}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	exercise   TEXT NOT NULL,
	view       TEXT NOT NULL,
	frames     {{.Int}} NOT NULL,
	duration_s {{.Float}} NOT NULL,
	size       {{.Int}} NOT NULL,
	sha256     TEXT NOT NULL,
	report     TEXT NOT NULL,
	created_at {{.Int}} NOT NULL
);
CREATE INDEX recordings_patient ON recordings (patient_id, created_at);

-- The recording bytes live apart from the metadata and report, so that
-- reading a report or a list never walks a megabyte of overflow pages.
CREATE TABLE recording_data (
	recording_id {{.Int}} PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
	encoding     TEXT NOT NULL,
	data         {{.Bytes}} NOT NULL
);

CREATE TABLE documents (
	id         {{.Key}},
	patient_id {{.Int}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	body       TEXT NOT NULL,
	created_at {{.Int}} NOT NULL
);
CREATE INDEX documents_patient_kind ON documents (patient_id, kind, created_at);
