package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/internal/heappeak"
	"github.com/stretchwise/stretchwise/postgres"
	"github.com/stretchwise/stretchwise/storetest"
)

// TestInviteBodyAndRateLimit checks that POST /invites refuses a body
// other than nothing or {}, and that one clinician may create only
// InvitesPerHour codes an hour.
func TestInviteBodyAndRateLimit(t *testing.T) {
	e := newEnv(t, func(o *swhttp.Options) { o.Config.InvitesPerHour = 3 })
	c := e.signUp("c@example.test", stretchwise.RoleClinician)
	for _, tt := range []struct {
		name, ctype, body string
		status            int
	}{
		{"unknown field", "application/json", `{"patient":"x"}`, 400},
		{"malformed", "application/json", `{`, 400},
		{"array", "application/json", `[]`, 400},
		{"form", "application/x-www-form-urlencoded", `a=1`, 415},
		{"text without type", "", `hello`, 415},
	} {
		if r := e.do(req{method: "POST", path: "/api/v1/invites", token: c.token, ctype: tt.ctype, body: []byte(tt.body)}); r.status != tt.status {
			t.Errorf("%s: %d %s, want %d", tt.name, r.status, r.body, tt.status)
		}
	}
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/invites", token: c.token}), 201, nil)
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/invites", token: c.token, ctype: "application/json", body: []byte(`{}`)}), 201, nil)
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/invites", token: c.token, ctype: "application/json", body: []byte(` { } `)}), 201, nil)
	r := e.do(req{method: "POST", path: "/api/v1/invites", token: c.token})
	if r.status != 429 || r.header.Get("Retry-After") == "" {
		t.Errorf("fourth invite in an hour: %d %s, want 429 with Retry-After", r.status, r.body)
	}
}

// TestDiskFull fills a SQLite database to its page limit (PRAGMA
// max_page_count on the one write connection, as a full disk would):
// writes then fail with 507 storage_full, reads keep working, /healthz
// says 503, and every recording acknowledged before is intact. With room
// again, writes work and /healthz recovers.
func TestDiskFull(t *testing.T) {
	var pages int
	checkDiskFull(t, newEnv, func(e *env) {
		ctx := context.Background()
		if err := e.store.Writer.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
			t.Fatal(err)
		}
		if _, err := e.store.Writer.ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+40)); err != nil {
			t.Fatal(err)
		}
	}, func(e *env) {
		if _, err := e.store.Writer.ExecContext(context.Background(), `PRAGMA max_page_count = 1073741823`); err != nil {
			t.Fatal(err)
		}
	})
}

// TestDiskFullPostgres is TestDiskFull on a PostgreSQL database whose
// tablespace lies on a small file system of its own, filled by a table
// of random text until PostgreSQL answers disk_full; dropping that table
// makes room again. .ci/run makes such a database where it may mount a
// tmpfs and names it in STRETCHWISE_TEST_POSTGRES_FULL; elsewhere the
// test is skipped and says so.
func TestDiskFullPostgres(t *testing.T) {
	base := os.Getenv("STRETCHWISE_TEST_POSTGRES_FULL")
	if base == "" {
		t.Skip("STRETCHWISE_TEST_POSTGRES_FULL not set: no PostgreSQL database on a small file system (.ci/run makes one where it may mount a tmpfs)")
	}
	newFullEnv := func(t testing.TB, mod func(*swhttp.Options)) *env {
		db, err := postgres.Open(context.Background(), storetest.PostgresSchemaAt(t, base, "sw_http_disk_full"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return startEnv(t, db, mod)
	}
	checkDiskFull(t, newFullEnv, func(e *env) {
		ctx := context.Background()
		if _, err := e.store.Writer.ExecContext(ctx, `CREATE TABLE filler (b text)`); err != nil {
			t.Fatal(err)
		}
		// About 1 MB of incompressible text a row (md5 hex packs to half),
		// then smaller rows to take the last pages.
		for _, n := range []int{32000, 1000, 30} {
			for i := 0; ; i++ {
				_, err := e.store.Writer.ExecContext(ctx, `INSERT INTO filler SELECT string_agg(md5(random()::text || g), '') FROM generate_series(1, $1) g`, n)
				if e.store.StorageFull(err) {
					break
				} else if err != nil {
					t.Fatalf("fill the tablespace: %v", err)
				} else if i > 10000 {
					t.Fatal("the tablespace never filled: is it on a small file system?")
				}
			}
		}
	}, func(e *env) {
		if _, err := e.store.Writer.ExecContext(context.Background(), `DROP TABLE filler`); err != nil {
			t.Fatal(err)
		}
	})
}

// checkDiskFull uploads three recordings, fills the storage with fill,
// and checks that uploads and documents are then refused with 507
// storage_full and Retry-After, that /healthz says 503, that reads keep
// working with every acknowledged recording intact, and that after room
// makes room, writes work again and /healthz recovers.
func checkDiskFull(t *testing.T, newEnv func(testing.TB, func(*swhttp.Options)) *env, fill, room func(*env)) {
	var clock atomic.Int64
	clock.Store(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC).UnixNano())
	e := newEnv(t, func(o *swhttp.Options) {
		o.Config.UploadsPerMinute = 1000
		o.Now = func() time.Time { return time.Unix(0, clock.Load()) }
	})
	a := e.signUp("a@example.test", stretchwise.RolePatient)
	acked := map[int64][]byte{}
	upload := func(seed int64) resp {
		text := storetest.RecordingText(seed, 120)
		r := e.do(req{method: "POST", path: "/api/v1/recordings", token: a.token, ctype: "application/x-ndjson", body: text})
		if r.status == 201 {
			var rec stretchwise.StoredRecording
			json.Unmarshal(r.body, &rec)
			acked[rec.ID] = text
		}
		return r
	}
	for i := range 3 {
		e.mustJSON(upload(int64(i)), 201, nil)
	}
	fill(e)
	var full resp
	for i := 3; i < 200; i++ {
		if full = upload(int64(i)); full.status != 201 {
			break
		}
	}
	if full.status != 507 || errorCode(full.body) != stretchwise.EFULL || full.header.Get("Retry-After") == "" {
		t.Fatalf("upload into a full database: %d %s, want 507 storage_full with Retry-After", full.status, full.body)
	}
	var h struct{ Status, Reason string }
	e.mustJSON(e.do(req{method: "GET", path: "/healthz"}), 503, &h)
	if h.Status != "storage_full" {
		t.Errorf("healthz while full: %+v", h)
	}
	// Reads keep working and everything acknowledged is there.
	check := func() {
		t.Helper()
		var list []stretchwise.StoredRecording
		e.mustJSON(e.do(req{method: "GET", path: "/api/v1/recordings", token: a.token}), 200, &list)
		if len(list) != len(acked) {
			t.Errorf("%d recordings listed, %d acknowledged", len(list), len(acked))
		}
		for id, text := range acked {
			r := e.do(req{method: "GET", path: fmt.Sprintf("/api/v1/recordings/%d", id), token: a.token})
			if r.status != 200 || !bytes.Equal(r.body, text) {
				t.Errorf("recording %d: %d, %d bytes, want the %d acknowledged", id, r.status, len(r.body), len(text))
			}
		}
	}
	check()
	// Documents are refused the same way once there is no room at all.
	for i := 0; i < 400; i++ {
		r := e.do(req{method: "POST", path: "/api/v1/checkins", token: a.token, ctype: "application/json", body: []byte(`{"date":"2026-11-21","pain":2,"notes":"` + strings.Repeat("n", 4000) + `"}`)})
		if r.status == 507 {
			break
		} else if r.status != 201 {
			t.Fatalf("check-in in a full database: %d %s, want 201 or 507", r.status, r.body)
		}
	}
	// Room again: writes work, and /healthz recovers after fullHold.
	room(e)
	e.mustJSON(upload(999), 201, nil)
	clock.Add(int64(2 * time.Minute))
	e.mustJSON(e.do(req{method: "GET", path: "/healthz"}), 200, &h)
	check()
}

// TestSecurityHeaders checks the headers on every kind of response: the
// app, the API, an error, the health check, a 404; HSTS only over TLS or
// behind a TLS proxy.
func TestSecurityHeaders(t *testing.T) {
	for _, proxy := range []bool{false, true} {
		e := newEnv(t, func(o *swhttp.Options) {
			o.Web = webFS(map[string]string{"index.html": "<!doctype html><p>app"})
			o.Config.SecureCookies = proxy
		})
		a := e.signUp("a@example.test", stretchwise.RolePatient)
		for _, r := range []req{
			{method: "GET", path: "/"},
			{method: "GET", path: "/patients/3"},
			{method: "GET", path: "/api/v1/me", token: a.token},
			{method: "GET", path: "/api/v1/me"},
			{method: "GET", path: "/healthz"},
			{method: "GET", path: "/api/v1/nothing"},
			{method: "POST", path: "/api/v1/login", ctype: "application/json", body: []byte(`{`)},
		} {
			res := e.do(r)
			h := res.header
			csp := h.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("%s %s: CSP %q lacks %q", r.method, r.path, csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'unsafe-eval'") {
				t.Errorf("%s %s: CSP %q allows inline code or eval", r.method, r.path, csp)
			}
			for k, want := range map[string]string{
				"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY",
			} {
				if got := h.Get(k); got != want {
					t.Errorf("%s %s: %s = %q, want %q", r.method, r.path, k, got, want)
				}
			}
			if pp := h.Get("Permissions-Policy"); !strings.Contains(pp, "camera=(self)") || !strings.Contains(pp, "microphone=()") {
				t.Errorf("%s %s: Permissions-Policy %q", r.method, r.path, pp)
			}
			if hsts := h.Get("Strict-Transport-Security"); (hsts != "") != proxy {
				t.Errorf("%s %s behind a TLS proxy %v: Strict-Transport-Security %q", r.method, r.path, proxy, hsts)
			}
		}
	}
}

// TestLockoutIsPerClient checks that guessing from one client does not
// lock the owner out on another: ten wrong passwords from one address
// lock that address out of the account, and the right password from
// another address still signs in. Past the account-wide limit (many
// addresses guessing) each address gets one attempt per window, and the
// right one still passes.
func TestLockoutIsPerClient(t *testing.T) {
	t.Run("login", func(t *testing.T) {
		checkLockoutIsPerClient(t, func(e *env, _ string) func(ip string, right bool) int {
			return func(ip string, right bool) int {
				pw := "wrong guess"
				if right {
					pw = "password for a@example.test"
				}
				return e.do(req{method: "POST", path: "/api/v1/login", ctype: "application/json",
					header: map[string]string{"X-Forwarded-For": ip},
					body:   jsonBody(map[string]string{"email": "a@example.test", "password": pw})}).status
			}
		})
	})
	// A password reset with the recovery code is limited the same way: ten
	// wrong codes from one client locked the owner out of resetting from
	// any other (the limit counted the email across all clients).
	t.Run("reset", func(t *testing.T) {
		checkLockoutIsPerClient(t, func(e *env, code string) func(ip string, right bool) int {
			return func(ip string, right bool) int {
				c := "AAAA-BBBB-CCCC-DDDD"
				if right {
					c = code
				}
				r := e.do(req{method: "POST", path: "/api/v1/password-reset", ctype: "application/json",
					header: map[string]string{"X-Forwarded-For": ip},
					body:   jsonBody(map[string]string{"email": "a@example.test", "recovery_code": c, "new_password": "a new password " + ip})})
				if r.status == 200 { // the code is used up: the next right one is the new code
					var out struct {
						RecoveryCode string `json:"recovery_code"`
					}
					json.Unmarshal(r.body, &out)
					code = out.RecoveryCode
				}
				return r.status
			}
		})
	})
}

// checkLockoutIsPerClient signs up a@example.test and checks the
// attempts of try (from a client address, with the right secret or a
// wrong one): ten wrong ones from one address lock out that address but
// not the owner at another; past the account's backoff, each address has
// one attempt per window.
func checkLockoutIsPerClient(t *testing.T, attempt func(e *env, recoveryCode string) func(ip string, right bool) int) {
	e := newEnv(t, func(o *swhttp.Options) {
		o.Config.TrustProxy = true
		o.Config.LoginBackoffPerEmail = 20
	})
	var u struct {
		RecoveryCode string `json:"recovery_code"`
	}
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/accounts", ctype: "application/json",
		body: jsonBody(map[string]string{"email": "a@example.test", "password": "password for a@example.test", "role": "patient"})}), 201, &u)
	try := attempt(e, u.RecoveryCode)
	for i := range 10 {
		if st := try("203.0.113.9", false); st != 401 {
			t.Fatalf("guess %d from the attacker: %d, want 401", i+1, st)
		}
	}
	if st := try("203.0.113.9", true); st != 429 {
		t.Errorf("11th attempt from the guessing address: %d, want 429", st)
	}
	if st := try("198.51.100.7", true); st != 200 {
		t.Errorf("the owner from another address after ten guesses: %d, want 200", st)
	}
	// Many addresses guessing: past 20 attempts on the account each
	// address has one attempt per window.
	for i := range 12 {
		try(fmt.Sprintf("192.0.2.%d", i+1), false)
	}
	if st := try("192.0.2.1", false); st != 429 {
		t.Errorf("second attempt of an address in the account's backoff: %d, want 429", st)
	}
	if st := try("198.51.100.8", true); st != 200 {
		t.Errorf("the owner from a fresh address in the account's backoff: %d, want 200", st)
	}
	if st := try("198.51.100.8", true); st != 429 {
		t.Errorf("a second attempt from that address in the backoff: %d, want 429", st)
	}
}

// boundedHeap sends the n requests made by mk at once, checks that each is
// answered status, and that the heap grew by at most limit bytes meanwhile.
func (e *env) boundedHeap(what string, n, status int, limit uint64, mk func(i int) *http.Request) {
	t := e.t
	statuses := make([]int, n)
	defer debug.SetGCPercent(debug.SetGCPercent(20)) // the heap stays close to what is live
	grew := heappeak.Growth(func() {
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				res, err := e.srv.Client().Do(mk(i))
				if err != nil {
					t.Error(err)
					return
				}
				res.Body.Close()
				statuses[i] = res.StatusCode
			})
		}
		wg.Wait()
	})
	for i, st := range statuses {
		if st != status {
			t.Errorf("%s %d: %d, want %d", what, i, st, status)
		}
	}
	t.Logf("%d concurrent %s: heap grew at most %.0f MB", n, what, float64(grew)/1e6)
	if grew > limit {
		t.Errorf("%d concurrent %s grew the heap by %.0f MB, want under %d MB", n, what, float64(grew)/1e6, limit>>20)
	}
}

// TestConcurrentLoginsBoundedMemory sends 64 logins at once: each argon2id
// check takes 19 MiB, and all at once took the server near 1 GB. The
// limiter runs at most its slots of them (2 per client address on 2
// CPUs), so the heap grows by a few of them at most.
func TestConcurrentLoginsBoundedMemory(t *testing.T) {
	if raceEnabled {
		t.Skip("a memory figure; the race detector changes it (the test runs without it in make test-go)")
	}
	e := newEnv(t, func(o *swhttp.Options) {
		o.Config.MaxConcurrentAnalyses = 4
		o.Config.WorkWait = 10 * time.Minute // a loaded machine is slow, not wrong
	})
	e.boundedHeap("logins", 64, 401, 150<<20, func(i int) *http.Request {
		hr, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/login",
			strings.NewReader(fmt.Sprintf(`{"email":"nobody%d@example.test","password":"a guess"}`, i)))
		hr.Header.Set("Content-Type", "application/json")
		return hr
	})
}

// TestConcurrentIssueReportsBoundedMemory sends twelve large issue reports
// at once from one account (a 16 MiB recording attached each): their
// bodies and checks go through the limiter, so the heap grows by a bounded
// amount instead of all twelve reports several times over (eight 62 MB
// reports once took 4.3 GB).
func TestConcurrentIssueReportsBoundedMemory(t *testing.T) {
	if raceEnabled {
		t.Skip("a memory figure; the race detector changes it (the test runs without it in make test-go)")
	}
	e := newEnv(t, func(o *swhttp.Options) {
		o.Config.MaxRecordingBytes = swhttp.DefaultConfig.MaxRecordingBytes
		o.Config.MaxConcurrentAnalyses = 2
		o.Config.WorkWait = 10 * time.Minute // a loaded machine is slow, not wrong
	})
	a := e.signUp("a@example.test", stretchwise.RolePatient)
	rec := storetest.RecordingText(1, 7000)
	body := jsonBody(map[string]string{"what": "it froze", "recording": string(rec)})
	t.Logf("report body %.1f MB", float64(len(body))/1e6)
	e.boundedHeap("reports", 12, 201, 300<<20, func(int) *http.Request {
		hr, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/issue-reports", bytes.NewReader(body))
		hr.Header.Set("Content-Type", "application/json")
		hr.Header.Set("Authorization", "Bearer "+a.token)
		return hr
	})
	// A recording over the reports' cap is refused.
	big := jsonBody(map[string]string{"what": "x", "recording": string(storetest.RecordingText(2, 9000))})
	if r := e.do(req{method: "POST", path: "/api/v1/issue-reports", token: a.token, ctype: "application/json", body: big}); r.status != 413 {
		t.Errorf("report with a %d MB recording: %d %s, want 413", len(big)>>20, r.status, r.body)
	}
}

// slowClient opens a connection that posts a recording of Content-Length
// 60,000,000 bytes and then sends 100 bytes every 100 ms until stop is
// closed. It returns what the server answered, if anything.
func slowClient(t *testing.T, e *env, token string, stop <-chan struct{}) <-chan string {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(e.srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "POST /api/v1/recordings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/x-ndjson\r\nContent-Length: 60000000\r\n\r\n", token)
	answer := make(chan string, 1)
	go func() {
		b := make([]byte, 64)
		n, _ := io.ReadAtLeast(conn, b, 12)
		answer <- string(b[:n])
	}()
	go func() {
		defer conn.Close()
		chunk := []byte(strings.Repeat(" ", 100))
		for {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			if _, err := conn.Write(chunk); err != nil {
				return
			}
		}
	}()
	return answer
}

// notAnswered fails t for each slow client the server has answered already.
func notAnswered(t *testing.T, answers []<-chan string) {
	t.Helper()
	for i, a := range answers {
		select {
		case got := <-a:
			t.Errorf("slow upload %d was answered early: %q", i, got)
		default:
		}
	}
}

// TestSlowUploadsDoNotBlockOthers starts four uploads that trickle 100
// bytes at a time toward a Content-Length of 60 MB, as many as the
// server has analysis slots, and then uploads a normal recording from
// another account: it must be stored while the slow ones still trickle.
// (The slots were taken before the body was read, so the normal upload
// waited for the slow ones.)
func TestSlowUploadsDoNotBlockOthers(t *testing.T) {
	e := newEnv(t, func(o *swhttp.Options) {
		o.Config.MaxConcurrentAnalyses = 4
		o.Config.MaxRecordingBytes = swhttp.DefaultConfig.MaxRecordingBytes
		o.Config.BodyGrace = 5 * time.Minute // the slow ones stay connected
	})
	slow := e.signUp("slow@example.test", stretchwise.RolePatient)
	normal := e.signUp("normal@example.test", stretchwise.RolePatient)
	stop := make(chan struct{})
	defer close(stop)
	var answers []<-chan string
	for range 4 {
		answers = append(answers, slowClient(t, e, slow.token, stop))
	}
	time.Sleep(500 * time.Millisecond)           // the slow ones are in their handlers
	client := &http.Client{Timeout: time.Minute} // blocked, not slow: it waited forever
	hr, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/recordings", bytes.NewReader(storetest.RecordingText(1, 600)))
	hr.Header.Set("Content-Type", "application/x-ndjson")
	hr.Header.Set("Authorization", "Bearer "+normal.token)
	res, err := client.Do(hr)
	if err != nil {
		t.Fatalf("normal upload while four slow ones trickle: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Fatalf("normal upload while four slow ones trickle: %d", res.StatusCode)
	}
	notAnswered(t, answers)
}

// TestSlowBodiesOfManyAccountsHoldNoMemory starts three uploads that
// declare 60 MB each and trickle, from three accounts (so no one account's
// share stops them), and then uploads a normal recording from a fourth:
// it must be stored at once. (A declared body took its whole length of
// the bodies' memory before arriving, so two slow ones held 120 of its
// 129 MiB, the third waited at the head of the queue, and the normal
// upload behind it was answered 503 after WorkWait.)
func TestSlowBodiesOfManyAccountsHoldNoMemory(t *testing.T) {
	e := newEnv(t, func(o *swhttp.Options) {
		o.Config.MaxRecordingBytes = swhttp.DefaultConfig.MaxRecordingBytes
		o.Config.BodyGrace = 5 * time.Minute // the slow ones stay connected
		o.Config.WorkWait = 3 * time.Second
	})
	stop := make(chan struct{})
	defer close(stop)
	var answers []<-chan string
	for i := range 3 {
		slow := e.signUp(fmt.Sprintf("slow%d@example.test", i), stretchwise.RolePatient)
		answers = append(answers, slowClient(t, e, slow.token, stop))
	}
	time.Sleep(500 * time.Millisecond) // the slow ones are in their handlers
	normal := e.signUp("normal@example.test", stretchwise.RolePatient)
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/recordings", token: normal.token, ctype: "application/x-ndjson", body: storetest.RecordingText(1, 600)}), 201, nil)
	notAnswered(t, answers)
}

// TestSlowBodyIsCutOff checks that a body arriving slower than
// MinBodyRate is cut off with 408 once BodyGrace has passed, and that the
// memory it held is given back.
func TestSlowBodyIsCutOff(t *testing.T) {
	e := newEnv(t, func(o *swhttp.Options) {
		o.Config.BodyGrace = 500 * time.Millisecond
		o.Config.MaxRecordingBytes = swhttp.DefaultConfig.MaxRecordingBytes
	})
	a := e.signUp("slow@example.test", stretchwise.RolePatient)
	stop := make(chan struct{})
	defer close(stop)
	select {
	case got := <-slowClient(t, e, a.token, stop):
		if !strings.HasPrefix(got, "HTTP/1.1 408") {
			t.Errorf("slow body answered %q, want 408", got)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("a body at 1 KB/s was not cut off within 30 s")
	}
	e.mustJSON(e.do(req{method: "POST", path: "/api/v1/recordings", token: a.token, ctype: "application/x-ndjson", body: storetest.RecordingText(1, 60)}), 201, nil)
}

// blankLines is an endless body of blank lines.
type blankLines struct{}

func (blankLines) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '\n'
	}
	return len(p), nil
}

// countingReader counts what a client body has sent.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// TestEndlessBodyIs411 sends an upload without Content-Length that never
// ends: it is answered 411 (send the length) after the first 256 KiB, not
// read to the 64 MiB cap and answered 413, and the connection is closed.
// A small body of unknown length is still taken.
func TestEndlessBodyIs411(t *testing.T) {
	e := newEnv(t, func(o *swhttp.Options) {
		o.Config.MaxRecordingBytes = swhttp.DefaultConfig.MaxRecordingBytes // the largest body
		o.Config.BodyBytes = 1                                              // raised to the smallest that fits
		o.Config.WorkWait = 2 * time.Second
	})
	a := e.signUp("a@example.test", stretchwise.RolePatient)
	body := &countingReader{r: blankLines{}}
	hr, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/recordings", body)
	hr.Header.Set("Content-Type", "application/x-ndjson")
	hr.Header.Set("Authorization", "Bearer "+a.token)
	res, err := e.srv.Client().Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 411 || !res.Close {
		t.Errorf("endless upload: %d, connection closed %v; want 411, closed", res.StatusCode, res.Close)
	}
	// What the client got into the connection: the 256 KiB read and the
	// sockets' buffers, not the cap.
	if sent := body.n.Load(); sent > 16<<20 {
		t.Errorf("the client sent %d MB of an endless body before the answer, want under 16", sent>>20)
	}
	small := io.MultiReader(strings.NewReader(string(storetest.RecordingText(1, 60)))) // no length known
	hr, _ = http.NewRequest("POST", e.srv.URL+"/api/v1/recordings", small)
	hr.Header.Set("Content-Type", "application/x-ndjson")
	hr.Header.Set("Authorization", "Bearer "+a.token)
	if res, err = e.srv.Client().Do(hr); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Errorf("small upload of unknown length (chunked): %d, want 201", res.StatusCode)
	}
}

// TestDeclaredLengthOverCapIs413AtOnce declares bodies over each cap and
// sends none of them: the answer is 413 at once, and the connection is
// closed, instead of waiting for the body (a sign-in body is spooled, an
// upload answered but the connection kept to read what follows).
func TestDeclaredLengthOverCapIs413AtOnce(t *testing.T) {
	e := newEnv(t, nil)
	a := e.signUp("a@example.test", stretchwise.RolePatient)
	for _, c := range []struct{ path, ctype string }{
		{"/api/v1/login", "application/json"},
		{"/api/v1/intakes", "application/json"},
		{"/api/v1/recordings", "application/x-ndjson"},
		{"/api/v1/issue-reports", "application/json"},
	} {
		conn, err := net.Dial("tcp", strings.TrimPrefix(e.srv.URL, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(5 * time.Second))
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"+
			"Content-Type: %s\r\nContent-Length: 200000000\r\n\r\n", c.path, a.token, c.ctype)
		got, err := io.ReadAll(conn) // to the end: the server closes
		conn.Close()
		if err != nil || !strings.HasPrefix(string(got), "HTTP/1.1 413") {
			t.Errorf("%s declaring 200 MB: %.40q, %v; want 413 and the connection closed", c.path, got, err)
		}
	}
}
