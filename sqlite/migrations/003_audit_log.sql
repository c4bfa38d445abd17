-- Schema version 3, SQLite's part: the audit log
-- (sqlstore/migrations/003_audit_log.sql) refuses any UPDATE.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
