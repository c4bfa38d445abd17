-- Schema version 2: issue reports filed from the app (issue 8). The
-- attachments live apart from the metadata so that lists stay small;
-- recordings are compressed like recording_data. postgres/migrations/
-- 002_issue_reports.sql is the same schema in PostgreSQL's types.
CREATE TABLE issue_reports (
	id              INTEGER PRIMARY KEY,
	user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	role            TEXT NOT NULL,
	what            TEXT NOT NULL,
	expected        TEXT NOT NULL,
	app_version     TEXT NOT NULL,
	page            TEXT NOT NULL,
	user_agent      TEXT NOT NULL,
	screenshot_size INTEGER NOT NULL,
	recording_size  INTEGER NOT NULL,
	created_at      INTEGER NOT NULL
);
CREATE INDEX issue_reports_user ON issue_reports (user_id, created_at);

CREATE TABLE issue_report_data (
	report_id          INTEGER PRIMARY KEY REFERENCES issue_reports (id) ON DELETE CASCADE,
	screenshot         BLOB NOT NULL,
	recording_encoding TEXT NOT NULL,
	recording          BLOB NOT NULL
);
