-- Schema version 3: the audit log of accesses to a patient's data by
-- someone else (issues 13 and 15). Append-only: the API never updates or
-- deletes a row, and a trigger refuses any UPDATE. Rows go with the
-- patient's account (ON DELETE CASCADE); actor_id has no foreign key and
-- the actor's email and role are copied, so the entry outlives changes to
-- the actor's account. postgres/migrations/003_audit_log.sql is the same
-- schema in PostgreSQL's types.
CREATE TABLE audit_log (
	id          INTEGER PRIMARY KEY,
	patient_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	actor_id    INTEGER NOT NULL,
	actor_email TEXT NOT NULL,
	actor_role  TEXT NOT NULL,
	action      TEXT NOT NULL,
	path        TEXT NOT NULL,
	created_at  INTEGER NOT NULL
);
CREATE INDEX audit_log_patient ON audit_log (patient_id, created_at);

CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
