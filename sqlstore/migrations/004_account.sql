-- Schema version 4: the one-time recovery code of an account (issue 15),
-- stored as the SHA-256 of the code; NULL when none was made. A password
-- reset with it replaces it.
ALTER TABLE users ADD COLUMN recovery_hash {{.Bytes}};
