-- Schema version 3: the audit log of accesses to a patient's data by
-- someone else (issues 13 and 15). Append-only: the API never updates or
-- deletes a row, and a trigger refuses any UPDATE. Rows go with the
-- patient's account (ON DELETE CASCADE); actor_id has no foreign key and
-- the actor's email and role are copied, so the entry outlives changes to
-- the actor's account. The trigger is each dialect's own
-- (sqlite/migrations, postgres/migrations).
CREATE TABLE audit_log (
	id          {{.Key}},
	patient_id  {{.Int}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	actor_id    {{.Int}} NOT NULL,
	actor_email TEXT NOT NULL,
	actor_role  TEXT NOT NULL,
	action      TEXT NOT NULL,
	path        TEXT NOT NULL,
	created_at  {{.Int}} NOT NULL
);
CREATE INDEX audit_log_patient ON audit_log (patient_id, created_at);
