package http

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/password"
)

// The account lifecycle (docs/security-account.md): change the password,
// sign out everywhere, a one-time recovery code instead of e-mail, export
// everything (export_zip.go) and delete the account.

// decodeWithNewPassword decodes the body into v and applies the sign-up
// rule to the new password it holds (at *newPassword).
func (s *Server) decodeWithNewPassword(w http.ResponseWriter, r *http.Request, v any, newPassword *string) error {
	if err := s.decodeJSON(w, r, v); err != nil {
		return err
	}
	if pw := *newPassword; len(pw) < password.MinLen || len(pw) > password.MaxLen {
		return stretchwise.Errorf(stretchwise.EINVALID, "The new password must be %d to %d characters long.", password.MinLen, password.MaxLen)
	}
	return nil
}

// confirmPassword checks the signed-in user's password before an action
// that a stolen session alone must not allow (a new password, a recovery
// code, deleting the account). Wrong guesses count like logins.
func (s *Server) confirmPassword(ctx context.Context, u *stretchwise.User, pw string) error {
	if err := s.rateLimit(ctx, "password:user:"+strconv.FormatInt(u.ID, 10), s.cfg.LoginPerEmail, s.cfg.LoginWindow); err != nil {
		return err
	}
	_, hash, err := s.store.FindUserByEmail(ctx, u.Email)
	if err != nil {
		return err
	}
	ok, err := s.verifyPassword(ctx, "user:"+strconv.FormatInt(u.ID, 10), classPassword, pw, hash)
	if err != nil {
		return err
	} else if !ok {
		return stretchwise.Errorf(stretchwise.EUNAUTHORIZED, "Your current password is not right.")
	}
	return nil
}

// NewRecoveryCode makes a one-time recovery code (80 random bits written
// like an invite code) and the hash the store keeps of it.
func NewRecoveryCode() (code string, hash []byte) {
	code = inviteCode()
	return code, codeHash(code)
}

func (s *Server) handleChangePassword(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	var body struct {
		Current string `json:"current_password"`
		New     string `json:"new_password"`
	}
	if err := s.decodeWithNewPassword(w, r, &body, &body.New); err != nil {
		return err
	}
	ctx := r.Context()
	if err := s.confirmPassword(ctx, u, body.Current); err != nil {
		return err
	}
	hash, err := s.hashPassword(ctx, "user:"+strconv.FormatInt(u.ID, 10), classPassword, body.New)
	if err != nil {
		return err
	}
	if err := s.store.SetPassword(ctx, u.ID, hash, tokenHash(requestToken(r))); err != nil {
		return err
	}
	s.logger.InfoContext(ctx, "password changed", "user", u.ID)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// handleSignOutEverywhere ends every session of the account, this one too.
func (s *Server) handleSignOutEverywhere(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	n, err := s.store.DeleteUserSessions(r.Context(), u.ID, nil)
	if err != nil {
		return err
	}
	s.logger.InfoContext(r.Context(), "signed out everywhere", "user", u.ID, "sessions", n)
	s.clearCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) handleNewRecoveryCode(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	var body struct {
		Password string `json:"password"`
	}
	if err := s.decodeJSON(w, r, &body); err != nil {
		return err
	}
	if err := s.confirmPassword(r.Context(), u, body.Password); err != nil {
		return err
	}
	code, hash := NewRecoveryCode()
	if err := s.store.SetRecoveryCode(r.Context(), u.ID, hash); err != nil {
		return err
	}
	s.logger.InfoContext(r.Context(), "recovery code made", "user", u.ID)
	return s.JSON(w, r, http.StatusCreated, recoveryCode{code})
}

// handleResetPassword sets a new password with the account's recovery
// code, without being signed in. It answers the next recovery code.
func (s *Server) handleResetPassword(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Email        string `json:"email"`
		RecoveryCode string `json:"recovery_code"`
		New          string `json:"new_password"`
	}
	if err := s.decodeWithNewPassword(w, r, &body, &body.New); err != nil {
		return err
	}
	email := strings.ToLower(strings.TrimSpace(body.Email))
	ctx := r.Context()
	// Limited as logins are, per client: a guesser at one address cannot
	// lock the owner out of resetting from another.
	if err := s.loginLimits(ctx, "reset", s.clientIP(r), email); err != nil {
		return err
	}
	// Hash before checking the code, so that a wrong code takes as long
	// as a right one.
	hash, err := s.hashPassword(ctx, "ip:"+s.clientIP(r), classSignIn, body.New)
	if err != nil {
		return err
	}
	var given []byte
	if strings.TrimSpace(body.RecoveryCode) != "" {
		given = codeHash(body.RecoveryCode)
	}
	code, next := NewRecoveryCode()
	u, err := s.store.ResetPassword(ctx, email, given, hash, next)
	if err != nil {
		return err
	}
	s.logger.InfoContext(ctx, "password reset with a recovery code", "user", u.ID)
	return s.JSON(w, r, http.StatusOK, passwordReset{RecoveryCode: code, User: u})
}

// handleDeleteAccount deletes the signed-in account and everything stored
// about it. The person confirms with their password and by typing their
// email address.
func (s *Server) handleDeleteAccount(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	var body struct {
		Password string `json:"password"`
		Confirm  string `json:"confirm"`
	}
	if err := s.decodeJSON(w, r, &body); err != nil {
		return err
	}
	if strings.ToLower(strings.TrimSpace(body.Confirm)) != u.Email {
		return stretchwise.Errorf(stretchwise.EINVALID, "Type your email address to confirm.")
	}
	ctx := r.Context()
	if err := s.confirmPassword(ctx, u, body.Password); err != nil {
		return err
	}
	if err := s.store.DeleteUser(ctx, u.ID); err != nil {
		return err
	}
	s.logger.InfoContext(ctx, "account deleted", "user", u.ID, "role", u.Role)
	s.clearCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// clearCookie removes the session cookie from the browser.
func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode})
	w.Header().Set("Cache-Control", "no-store")
}

// recoveryCode answers a request for a new recovery code.
type recoveryCode struct {
	RecoveryCode string `json:"recovery_code"` // shown only now
}

// passwordReset answers a password reset with a recovery code: the account
// and its next recovery code (fields in the order the answer always had
// them).
type passwordReset struct {
	RecoveryCode string            `json:"recovery_code"`
	User         *stretchwise.User `json:"user"`
}
