package http

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"time"
)

// DeviceCookieName is the cookie by which a browser that signed in to an
// account before is known at its next sign-in (OWASP's "device cookies"):
// its password check then waits behind no flood of guesses from
// elsewhere, as it is counted apart from them (classKnownDevice, keyed by
// the account). It holds a random nonce and an HMAC of it and the account
// keyed with the account's stored password hash, so the server keeps
// nothing for it, only that account's device can show one, and changing
// the password retires every device cookie of the account.
const DeviceCookieName = "stretchwise_device"

// deviceCookieAge is how long a browser stays known without signing in
// again. Our choice: a person who stretches a few times a week signs in
// well within it.
const deviceCookieAge = 365 * 24 * time.Hour

const deviceNonceLen = 16

// deviceMAC is the HMAC of a device cookie's nonce for account id, keyed
// with the account's stored password hash.
func deviceMAC(hash string, id int64, nonce []byte) []byte {
	m := hmac.New(sha256.New, []byte(hash))
	m.Write([]byte("stretchwise device cookie v1\x00"))
	m.Write(binary.BigEndian.AppendUint64(nil, uint64(id)))
	m.Write(nonce)
	return m.Sum(nil)
}

// setDeviceCookie tells the browser that signed in to account id with
// stored password hash that it is a known device from now on.
func (s *Server) setDeviceCookie(w http.ResponseWriter, r *http.Request, hash string, id int64) {
	nonce := make([]byte, deviceNonceLen)
	rand.Read(nonce)
	v := base64.RawURLEncoding.EncodeToString(append(nonce, deviceMAC(hash, id, nonce)...))
	http.SetCookie(w, &http.Cookie{
		Name: DeviceCookieName, Value: v, Path: "/api/v1/login", MaxAge: int(deviceCookieAge.Seconds()),
		HttpOnly: true, Secure: s.cfg.SecureCookies || r.TLS != nil, SameSite: http.SameSiteStrictMode,
	})
}

// knownDevice reports whether r comes from a browser that signed in to
// account id (stored password hash hash) before and since its password
// last changed.
func knownDevice(r *http.Request, hash string, id int64) bool {
	c, err := r.Cookie(DeviceCookieName)
	if err != nil {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || len(b) != deviceNonceLen+sha256.Size {
		return false
	}
	return hmac.Equal(b[deviceNonceLen:], deviceMAC(hash, id, b[:deviceNonceLen]))
}
