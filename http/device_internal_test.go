package http

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestKnownDevice checks that a device cookie counts only for the account
// and password hash it was made with, and not when damaged.
func TestKnownDevice(t *testing.T) {
	s := &Server{}
	rec := httptest.NewRecorder()
	s.setDeviceCookie(rec, httptest.NewRequest("POST", "/api/v1/login", nil), "hash-a", 1)
	cookie := rec.Result().Cookies()[0]
	with := func(c *http.Cookie) *http.Request {
		r := httptest.NewRequest("POST", "/api/v1/login", nil)
		r.AddCookie(c)
		return r
	}
	if !knownDevice(with(cookie), "hash-a", 1) {
		t.Error("the account's own device cookie is not known")
	}
	if knownDevice(with(cookie), "hash-a", 2) {
		t.Error("a device cookie of account 1 counts for account 2")
	}
	if knownDevice(with(cookie), "hash-b", 1) {
		t.Error("a device cookie counts after the password (its hash) changed")
	}
	damaged := *cookie
	damaged.Value = cookie.Value[:len(cookie.Value)-2] + "AA"
	if knownDevice(with(&damaged), "hash-a", 1) {
		t.Error("a damaged device cookie counts")
	}
	if knownDevice(httptest.NewRequest("POST", "/api/v1/login", nil), "hash-a", 1) {
		t.Error("a request without a device cookie counts as a known device")
	}
}
