-- Schema version 4: the one-time recovery code of an account; the same as
-- sqlite/migrations/004_account.sql in PostgreSQL's types.
ALTER TABLE users ADD COLUMN recovery_hash BYTEA;
