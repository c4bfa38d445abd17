package http_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
)

// loginFrom signs in as email from client address ip with device (nil for
// none) and returns the answer.
func (e *env) loginFrom(email, pw, ip string, device *http.Cookie) resp {
	e.t.Helper()
	return e.do(req{method: "POST", path: "/api/v1/login", ctype: "application/json", cookie: device,
		header: map[string]string{"X-Forwarded-For": ip},
		body:   jsonBody(map[string]string{"email": email, "password": pw})})
}

func deviceCookie(r resp) *http.Cookie {
	for _, c := range r.cookie {
		if c.Name == swhttp.DeviceCookieName {
			return c
		}
	}
	return nil
}

// TestKnownDeviceSignsInBeforeAFlood fills the one slot with an upload,
// queues three guesses at unknown accounts from three addresses (a login
// flood: each costs a password check), then a person's sign-in from a
// browser that signed in to that account before: the person's password
// check gets the slot first. (It waited behind the flood, in arrival
// order, as every sign-in from a new address counted as the flood's class
// of work: under a large flood, 10 s and then 503.)
func TestKnownDeviceSignsInBeforeAFlood(t *testing.T) {
	gate := newGate()
	e := oneSlotEnv(t, gate, func(o *swhttp.Options) { o.Config.TrustProxy = true })
	person := e.signUp("person@example.test", stretchwise.RolePatient)
	pw := "password for person@example.test"
	r := e.loginFrom(person.user.Email, pw, "203.0.113.1", nil)
	device := deviceCookie(r)
	if r.status != 200 || device == nil {
		t.Fatalf("login: %d, device cookie %v", r.status, device)
	}
	if !device.HttpOnly || device.Path != "/api/v1/login" || device.SameSite != http.SameSiteStrictMode {
		t.Errorf("device cookie %+v: want HttpOnly, Path /api/v1/login, SameSite Strict", device)
	}
	for i := range 3 { // the flood so far
		if st := e.loginFrom(fmt.Sprintf("guess%d@example.test", i), "guess", fmt.Sprintf("198.51.100.%d", i), nil).status; st != 401 {
			t.Fatalf("guess: %d, want 401", st)
		}
	}
	other := e.signUp("other@example.test", stretchwise.RolePatient)
	status := make(chan int, 1)
	uploadAsync(e, other.token, 30, status)
	gate.next(t)

	done := make(chan string, 4)
	for i := range 3 {
		go func() {
			r := e.loginFrom(fmt.Sprintf("flood%d@example.test", i), "guess", fmt.Sprintf("198.51.100.%d", 10+i), nil)
			done <- fmt.Sprintf("guess %d: %d", i, r.status)
		}()
	}
	waitQueued(t, e, 3) // the guesses are queued first
	go func() {
		r := e.loginFrom(person.user.Email, pw, "192.0.2.7", device)
		done <- fmt.Sprintf("person: %d", r.status)
	}()
	waitQueued(t, e, 4)
	close(gate.proceed)
	if st := <-status; st != 201 {
		t.Fatalf("upload: %d", st)
	}
	if first := <-done; first != "person: 200" {
		t.Errorf("first password check after the upload: %s, want the person's sign-in (200)", first)
	}
	for range 3 {
		<-done
	}
}

// waitQueued waits until n requests wait for the limiter of computations.
func waitQueued(t *testing.T, e *env, n int) {
	t.Helper()
	srv := e.srv.Config.Handler.(*swhttp.Server)
	for deadline := time.Now().Add(30 * time.Second); srv.QueuedWork() != n; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d requests queued after 30 s, want %d", srv.QueuedWork(), n)
		}
	}
}
