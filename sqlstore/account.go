package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/stretchwise/stretchwise"
)

// SetPassword implements stretchwise.UserService.
func (db *DB) SetPassword(ctx context.Context, userID int64, passwordHash string, keepSession []byte) error {
	tx, err := db.Writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $2 WHERE id = $1`, userID, passwordHash)
	if err != nil {
		return fmt.Errorf("set password of user %d: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errNoAccount()
	}
	if _, err := deleteSessions(ctx, tx, userID, keepSession); err != nil {
		return fmt.Errorf("set password of user %d: %w", userID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("set password of user %d: commit: %w", userID, err)
	}
	return nil
}

// deleteSessions ends the sessions of a user except keep (nil: all).
func deleteSessions(ctx context.Context, tx interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, userID int64, keep []byte) (int64, error) {
	if keep == nil {
		keep = []byte{} // matches no token hash (they are 32 bytes)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM auth_sessions WHERE user_id = $1 AND token_hash <> $2`, userID, keep)
	if err != nil {
		return 0, fmt.Errorf("end sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// DeleteUserSessions implements stretchwise.AuthService.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64, keep []byte) (int64, error) {
	n, err := deleteSessions(ctx, db.Writer, userID, keep)
	if err != nil {
		return 0, fmt.Errorf("user %d: %w", userID, err)
	}
	return n, nil
}

// SetRecoveryCode implements stretchwise.UserService.
func (db *DB) SetRecoveryCode(ctx context.Context, userID int64, codeHash []byte) error {
	res, err := db.Writer.ExecContext(ctx, `UPDATE users SET recovery_hash = $2 WHERE id = $1`, userID, codeHash)
	if err != nil {
		return fmt.Errorf("set recovery code of user %d: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errNoAccount()
	}
	return nil
}

// ResetPassword implements stretchwise.UserService. The code is checked
// and used up by one conditional UPDATE.
func (db *DB) ResetPassword(ctx context.Context, email string, codeHash []byte, passwordHash string, newCodeHash []byte) (*stretchwise.User, error) {
	bad := stretchwise.Errorf(stretchwise.EUNAUTHORIZED, "That email and recovery code do not match.")
	if len(codeHash) == 0 {
		return nil, bad
	}
	tx, err := db.Writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("reset password: %w", err)
	}
	defer tx.Rollback()
	u, err := scanUser(tx.QueryRowContext(ctx,
		`UPDATE users SET password_hash = $3, recovery_hash = $4 WHERE email = $1 AND recovery_hash = $2
		 RETURNING id, email, role, created_at`, email, codeHash, passwordHash, newCodeHash))
	if err != nil {
		return nil, rowError(err, bad, "reset password")
	}
	if _, err := deleteSessions(ctx, tx, u.ID, nil); err != nil {
		return nil, fmt.Errorf("reset password of user %d: %w", u.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("reset password of user %d: commit: %w", u.ID, err)
	}
	return u, nil
}

// likeEscape escapes the wildcards of a LIKE pattern (escape character \).
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// DeleteUser implements stretchwise.UserService. The rows of the account
// go by ON DELETE CASCADE from users (sessions, invites, links, recordings
// and their bytes, documents, issue reports and their attachments, the
// audit entries of the patient's data); the rate-limit counters, which
// name the account in their key rather than by a foreign key, go by key.
func (db *DB) DeleteUser(ctx context.Context, userID int64) error {
	tx, err := db.Writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("delete user %d: %w", userID, err)
	}
	defer tx.Rollback()
	var email string
	err = tx.QueryRowContext(ctx, `DELETE FROM users WHERE id = $1 RETURNING email`, userID).Scan(&email)
	if err != nil {
		return rowError(err, errNoAccount(), fmt.Sprintf("delete user %d", userID))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM rate_limits WHERE key LIKE $1 ESCAPE '\' OR key LIKE $2 ESCAPE '\'`,
		"%:user:"+strconv.FormatInt(userID, 10), "%:email:"+likeEscape(email)); err != nil {
		return fmt.Errorf("delete user %d: rate limits: %w", userID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("delete user %d: commit: %w", userID, err)
	}
	if db.Dialect.Scrub != nil {
		if err := db.Dialect.Scrub(ctx, db.Writer); err != nil {
			return fmt.Errorf("delete user %d: scrub: %w", userID, err)
		}
	}
	return nil
}
