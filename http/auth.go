package http

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/mail"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/password"
)

// CookieName is the session cookie.
const CookieName = "stretchwise_session"

// tokenHash is what the store keeps of a session token: a leaked database
// does not give working tokens.
func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// decodeJSON reads the request body as one JSON value into v: the content
// type must be application/json, the body at most MaxJSONBytes, decoded by
// unmarshalStrict.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if err := requireContentType(r, "application/json"); err != nil {
		return err
	}
	raw, done, err := s.readBody(w, r, s.cfg.MaxJSONBytes)
	if err != nil {
		return err
	}
	defer done()
	return unmarshalStrict(raw, v)
}

// jsonError turns a decoding error into a safe domain error.
func jsonError(err error) error {
	var mbe *http.MaxBytesError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var badTime *time.ParseError
	switch {
	case errors.As(err, &mbe):
		return stretchwise.Errorf(stretchwise.ETOOLARGE, "The body is larger than %d bytes.", mbe.Limit)
	case errors.As(err, &syn):
		return stretchwise.Errorf(stretchwise.EINVALID, "Malformed JSON at byte %d.", syn.Offset)
	case errors.As(err, &typ):
		want, got := jsonKind(typ.Type), jsonValue(typ.Value)
		if typ.Field == "" {
			return stretchwise.Errorf(stretchwise.EINVALID, "The body must be %s, not %s.", strings.Replace(want, "an object", "a JSON object", 1), got)
		}
		return stretchwise.Errorf(stretchwise.EINVALID, "Field %q must be %s, not %s.", typ.Field, want, got)
	case errors.As(err, &badTime):
		return stretchwise.Errorf(stretchwise.EINVALID, "%q is not a time: write it like 2026-11-20T08:00:00Z (RFC 3339).", badTime.Value)
	case strings.HasPrefix(err.Error(), "Time.UnmarshalJSON: "):
		return stretchwise.Errorf(stretchwise.EINVALID, "A time must be a string like \"2026-11-20T08:00:00Z\" (RFC 3339).")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return stretchwise.Errorf(stretchwise.EINVALID, "The body is empty or cut short.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return stretchwise.Errorf(stretchwise.EINVALID, "Unknown field %s.", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return stretchwise.Errorf(stretchwise.EINVALID, "The body is not valid JSON for this endpoint.")
}

// jsonKind says in words what JSON value a Go type takes.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "a string"
		}
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "another value"
}

// jsonValue says in words what json.UnmarshalTypeError's Value was:
// "string", "array", "object", "bool", "number" or "number 1e400".
func jsonValue(v string) string {
	switch {
	case strings.HasPrefix(v, "number "):
		return strings.TrimPrefix(v, "number ")
	case v == "bool":
		return "true or false"
	case v == "array", v == "object":
		return "an " + v
	}
	return "a " + v
}

// requireContentType checks the request's media type against the allowed ones.
func requireContentType(r *http.Request, allowed ...string) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err == nil {
		for _, a := range allowed {
			if mt == a {
				return nil
			}
		}
	}
	return stretchwise.Errorf(stretchwise.EMEDIATYPE, "Content-Type must be %s.", strings.Join(allowed, " or "))
}

// rateLimit counts one event and fails with ERATELIMITED over limit.
func (s *Server) rateLimit(ctx context.Context, key string, limit int, window time.Duration) error {
	n, err := s.store.Hit(ctx, key, window, s.now())
	if err != nil {
		return err
	}
	if n > limit {
		return stretchwise.Errorf(stretchwise.ERATELIMITED, "Too many attempts; try again later.")
	}
	return nil
}

// normalizeEmail lower-cases and checks an email address.
func normalizeEmail(email string) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || len(email) > 254 {
		return "", stretchwise.Errorf(stretchwise.EINVALID, "Enter a valid email address.")
	}
	return email, nil
}

// credentials are the body of POST /login.
type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// newAccount is the body of POST /accounts.
type newAccount struct {
	Email    string           `json:"email"`
	Password string           `json:"password"`
	Role     stretchwise.Role `json:"role"`
}

// accountCreated answers POST /accounts: the account and its one-time
// recovery code, shown only now.
type accountCreated struct {
	*stretchwise.User
	RecoveryCode string `json:"recovery_code"`
}

// loginAnswer answers POST /login (fields in the order the answer always
// had them).
type loginAnswer struct {
	ExpiresAt time.Time         `json:"expires_at"`
	Token     string            `json:"token"` // send as Authorization: Bearer TOKEN
	User      *stretchwise.User `json:"user"`
}

func (s *Server) handleCreateAccount(w http.ResponseWriter, r *http.Request) error {
	var c newAccount
	if err := s.decodeJSON(w, r, &c); err != nil {
		return err
	}
	email, err := normalizeEmail(c.Email)
	if err != nil {
		return err
	}
	if len(c.Password) < password.MinLen || len(c.Password) > password.MaxLen {
		return stretchwise.Errorf(stretchwise.EINVALID, "The password must be %d to %d characters long.", password.MinLen, password.MaxLen)
	}
	if !c.Role.Valid() {
		return stretchwise.Errorf(stretchwise.EINVALID, `The role must be "patient" or "clinician".`)
	}
	if err := s.rateLimit(r.Context(), "signup:ip:"+s.clientIP(r), s.cfg.SignupsPerIP, time.Hour); err != nil {
		return err
	}
	hash, err := s.hashPassword(r.Context(), "ip:"+s.clientIP(r), classSignIn, c.Password)
	if err != nil {
		return err
	}
	u := &stretchwise.User{Email: email, Role: c.Role}
	if err := s.store.CreateUser(r.Context(), u, hash); err != nil {
		return err
	}
	// The recovery code is shown once, now; only its hash is kept.
	code, codeHash := NewRecoveryCode()
	if err := s.store.SetRecoveryCode(r.Context(), u.ID, codeHash); err != nil {
		return err
	}
	s.logger.InfoContext(r.Context(), "account created", "user", u.ID, "role", u.Role)
	return s.JSON(w, r, http.StatusCreated, accountCreated{u, code})
}

// hashBytes is the memory one password hash or check holds: argon2id's
// memory parameter and a little for the rest.
var hashBytes = int64(password.DefaultParams.MemoryKiB)<<10 + 1<<20

// hashPassword and verifyPassword hash or check a password in one of the
// limiter's slots with hashBytes of its memory, counted against key (the
// client address, or a signed-in account): a flood of logins waits its
// turn (or gets 503) instead of taking argon2id's memory many times over,
// and holds at most half the slots.
func (s *Server) hashPassword(ctx context.Context, key, class, pw string) (string, error) {
	release, err := s.acquireWork(ctx, key, class, hashBytes, 1)
	if err != nil {
		return "", err
	}
	defer release()
	return password.Hash(pw, password.DefaultParams)
}

func (s *Server) verifyPassword(ctx context.Context, key, class, pw, hash string) (bool, error) {
	release, err := s.acquireWork(ctx, key, class, hashBytes, 1)
	if err != nil {
		return false, err
	}
	defer release()
	return password.Verify(pw, hash)
}

// dummyHash is verified against when an email is unknown, so that a login
// takes as long for a missing account as for a wrong password. Made on
// first use: hashing costs 19 MiB and tens of milliseconds, which every
// other subcommand of the binary should not pay at start.
var dummyHash = sync.OnceValue(func() string {
	h, _ := password.Hash("not a password of anyone", password.DefaultParams)
	return h
})

// loginLimits counts an attempt of what ("login", or "reset" for a
// password reset with the recovery code) for an email from a client
// address (before checking it, so that guesses cost a slot) and refuses it over
// the limits. The limits are keyed so that nobody can lock another person
// out by guessing from their own machine:
//
//   - per client address and email, LoginPerEmail per LoginWindow: one
//     client guessing one account;
//   - per client address, LoginPerIP: one client guessing many accounts;
//   - per email across all clients, LoginBackoffPerEmail: many clients
//     guessing one account. Past it the account is in backoff: each client
//     address gets only its first attempt of the window, so a person
//     signing in from their own device still gets in with the right
//     password while a distributed guesser gets one guess per address.
func (s *Server) loginLimits(ctx context.Context, what, ip, email string) error {
	if err := s.rateLimit(ctx, what+":ip:"+ip, s.cfg.LoginPerIP, s.cfg.LoginWindow); err != nil {
		return err
	}
	pair, err := s.store.Hit(ctx, what+":ip-email:"+ip+" "+email, s.cfg.LoginWindow, s.now())
	if err != nil {
		return err
	}
	if pair > s.cfg.LoginPerEmail {
		return stretchwise.Errorf(stretchwise.ERATELIMITED, "Too many attempts; try again later.")
	}
	all, err := s.store.Hit(ctx, what+":email:"+email, s.cfg.LoginWindow, s.now())
	if err != nil {
		return err
	}
	if all > s.cfg.LoginBackoffPerEmail && pair > 1 {
		return stretchwise.Errorf(stretchwise.ERATELIMITED, "Too many attempts; try again later.")
	}
	return nil
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) error {
	var c credentials
	if err := s.decodeJSON(w, r, &c); err != nil {
		return err
	}
	email := strings.ToLower(strings.TrimSpace(c.Email))
	ctx := r.Context()
	if err := s.loginLimits(ctx, "login", s.clientIP(r), email); err != nil {
		s.logger.WarnContext(ctx, "login rate limited", "remote", s.clientIP(r))
		return err
	}
	bad := stretchwise.Errorf(stretchwise.EUNAUTHORIZED, "Wrong email or password.")
	u, hash, err := s.store.FindUserByEmail(ctx, email)
	if stretchwise.ErrorCode(err) == stretchwise.ENOTFOUND {
		if _, err := s.verifyPassword(ctx, "ip:"+s.clientIP(r), classSignIn, c.Password, dummyHash()); err != nil {
			return err
		}
		return bad
	} else if err != nil {
		return err
	}
	key, class := "ip:"+s.clientIP(r), classSignIn
	if knownDevice(r, hash, u.ID) {
		key, class = "user:"+strconv.FormatInt(u.ID, 10), classKnownDevice
	}
	ok, err := s.verifyPassword(ctx, key, class, c.Password, hash)
	if stretchwise.ErrorCode(err) == stretchwise.EUNAVAILABLE {
		return err
	} else if err != nil {
		return fmt.Errorf("verify password of user %d: %w", u.ID, err)
	} else if !ok {
		return bad
	}
	token := randomToken(32)
	expires := s.now().Add(s.cfg.SessionTTL)
	if err := s.store.CreateAuthSession(ctx, tokenHash(token), u.ID, expires); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: CookieName, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: s.cfg.SecureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode,
	})
	s.setDeviceCookie(w, r, hash, u.ID)
	s.logger.InfoContext(ctx, "login", "user", u.ID, "known_device", class == classKnownDevice)
	return s.JSON(w, r, http.StatusOK, loginAnswer{ExpiresAt: expires.UTC(), Token: token, User: u})
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) error {
	if token := requestToken(r); token != "" {
		if err := s.store.DeleteAuthSession(r.Context(), tokenHash(token)); err != nil {
			return err
		}
	}
	s.clearCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// requestToken returns the bearer token of the Authorization header, else
// the session cookie's token. An Authorization header of another scheme
// gives "" (it is not silently replaced by the cookie).
func requestToken(r *http.Request) string {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return ""
		}
		return strings.TrimSpace(tok)
	}
	if c, err := r.Cookie(CookieName); err == nil {
		return c.Value
	}
	return ""
}

// requireUser authenticates the request (bearer token or session cookie)
// and passes the user on. Cross-origin cookie writes never get here: the
// cross-origin protection in front of every route refuses them.
func (s *Server) requireUser(h func(http.ResponseWriter, *http.Request, *stretchwise.User) error) http.Handler {
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		token := requestToken(r)
		if token == "" {
			return stretchwise.Errorf(stretchwise.EUNAUTHORIZED, "Sign in first.")
		}
		u, err := s.store.FindAuthSession(r.Context(), tokenHash(token), s.now())
		if err != nil {
			return err
		}
		if holder, ok := r.Context().Value(userKey).(*int64); ok {
			*holder = u.ID
		}
		return h(w, r, u)
	})
}

func (s *Server) handleMe(r *http.Request, u *stretchwise.User) (*stretchwise.User, error) {
	return u, nil
}
