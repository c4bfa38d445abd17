-- Schema version 2: issue reports filed from the app (issue 8). The
-- attachments live apart from the metadata so that lists stay small;
-- recordings are stored in the encoding of recording_data.
CREATE TABLE issue_reports (
	id              {{.Key}},
	user_id         {{.Int}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	role            TEXT NOT NULL,
	what            TEXT NOT NULL,
	expected        TEXT NOT NULL,
	app_version     TEXT NOT NULL,
	page            TEXT NOT NULL,
	user_agent      TEXT NOT NULL,
	screenshot_size {{.Int}} NOT NULL,
	recording_size  {{.Int}} NOT NULL,
	created_at      {{.Int}} NOT NULL
);
CREATE INDEX issue_reports_user ON issue_reports (user_id, created_at);

CREATE TABLE issue_report_data (
	report_id          {{.Int}} PRIMARY KEY REFERENCES issue_reports (id) ON DELETE CASCADE,
	screenshot         {{.Bytes}} NOT NULL,
	recording_encoding TEXT NOT NULL,
	recording          {{.Bytes}} NOT NULL
);
