// Package http is the JSON API under /api/v1, the session and bearer-token
// authentication in front of it, and the static file server for the built
// web app. It sees storage only through the stretchwise service interfaces
// and the analysis only through stretchwise.Analyzer.
package http

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/stretchwise/stretchwise"
)

// Config holds the server's settings; main fills it from flags.
type Config struct {
	// SecureCookies marks the session cookie Secure. main sets it when
	// serving TLS itself or when told that a TLS proxy is in front.
	SecureCookies bool
	// TrustProxy takes the client address from X-Forwarded-For (the last
	// address, the one the proxy added) for rate limits and logs. Only set
	// it behind a proxy that sets that header.
	TrustProxy bool
	// SessionTTL is how long a login lasts.
	SessionTTL time.Duration
	// MaxRecordingBytes bounds an uploaded recording.
	MaxRecordingBytes int64
	// MaxRecordingFrames bounds the frames of an uploaded recording.
	MaxRecordingFrames int
	// MaxJSONBytes bounds every JSON request body.
	MaxJSONBytes int64
	// LoginPerEmail is the login attempts allowed per LoginWindow for one
	// email from one client address, LoginPerIP for one client address,
	// and LoginBackoffPerEmail for one email from all clients, past which
	// each client gets one attempt per window for that email (loginLimits).
	LoginPerEmail, LoginPerIP, LoginBackoffPerEmail int
	LoginWindow                                     time.Duration
	// SignupsPerIP is the accounts one client address may create per hour.
	SignupsPerIP int
	// UploadsPerMinute is the recordings one account may upload per minute.
	UploadsPerMinute int
	// InvitesPerHour is the invite codes one clinician may create per hour.
	InvitesPerHour int
	// MaxConcurrentAnalyses is the limiter's slots: the expensive
	// computations (parsing and analyzing an upload, checking an issue
	// report, hashing a password) running at once in this process. Zero
	// means twice the number of CPUs.
	MaxConcurrentAnalyses int
	// BodyBytes is the memory budget of request bodies held whole,
	// WorkBytes that of the computations on them, SpoolBytes the disk
	// budget of bodies still arriving, in this process
	// (docs/operations.md, "Memory"). One account or client address may
	// hold half of each. NewServer raises each to twice the largest
	// request's share if it is smaller.
	BodyBytes, WorkBytes, SpoolBytes int64
	// SpoolDir is where bodies larger than a step are written while they
	// arrive, as files unlinked at once (nothing is left behind by a
	// crash); "" means the system's temporary directory.
	SpoolDir string
	// CPUs is how many CPUs the server's work may use; zero means
	// GOMAXPROCS when NewServer is called. The slots of expensive work
	// are sized from it (MaxConcurrentAnalyses, ReadCPUs), and Procs
	// from those.
	CPUs int
	// ReadCPUs is how many CPUs expensive work leaves to the other
	// requests (report reads, pages, lists) while any are being answered:
	// it then holds at most CPUs - ReadCPUs slots, at least one.
	// Zero means one; negative, none.
	ReadCPUs int
	// WorkWait is how long a request waits for the limiter before it is
	// answered 503 with Retry-After.
	WorkWait time.Duration
	// MinBodyRate is the slowest a request body may arrive, in bytes per
	// second, after BodyGrace: a client that sends slower is cut off with
	// 408, so that slow connections cannot hold memory or slots.
	MinBodyRate int64
	BodyGrace   time.Duration
}

// DefaultConfig are the documented defaults (docs/api.md, "Limits").
var DefaultConfig = Config{
	// 30 days: a person coached daily should not have to sign in again
	// every morning. Our choice.
	SessionTTL: 30 * 24 * time.Hour,
	// 64 MiB is about 17 minutes at 30 fps of image and world landmarks
	// at 4 decimals (about 2 KiB a frame), twice that with image landmarks
	// only; 36,000 frames is 20 minutes at 30 fps and bounds the decoded
	// recording to about 76 MB (2.1 KiB a frame). A screening takes a
	// minute and a set a few minutes: our choice, with a wide margin.
	MaxRecordingBytes:  64 << 20,
	MaxRecordingFrames: 36_000,
	// 1 MiB: the largest JSON document (a session with its sets and
	// measures) is a few KiB.
	MaxJSONBytes: 1 << 20,
	// OWASP Authentication Cheat Sheet asks for throttling without a fixed
	// number; 10 attempts per email per client per 15 minutes stops online
	// guessing (about 1,000 guesses a day) and a typo-prone person is not
	// locked out for long. 100 per address allows a clinic behind one NAT.
	// 50 per email from all clients is five clients' worth: beyond it a
	// distributed guess gets one try per address per window. Our choice.
	LoginPerEmail:        10,
	LoginPerIP:           100,
	LoginBackoffPerEmail: 50,
	LoginWindow:          15 * time.Minute,
	SignupsPerIP:         20,
	// One a second on average: a screening or a set is at least tens of
	// seconds long, so a person never comes near it. Our choice.
	UploadsPerMinute: 60,
	// 128 MiB of bodies is two of the largest recordings, or thirty-five
	// of a minute each, arriving at once; 384 MiB of computation is two
	// analyses of the largest recording (192 MiB each) or dozens of
	// ordinary ones. serve sets Go's soft memory limit above their sum so
	// the process stays under 1 GB. Our choice.
	BodyBytes: 128 << 20,
	WorkBytes: 384 << 20,
	// 1 GiB of disk is fifteen of the largest recordings arriving at
	// once, or hundreds of ordinary ones. Our choice.
	SpoolBytes: 1 << 30,
	// Long enough for a burst of uploads to drain (an upload of a 60 s
	// recording takes about 30 ms of CPU), short enough that a client
	// hears back while a person still waits. Our choice.
	WorkWait: 10 * time.Second,
	// 64 KiB/s is a 512 kbit/s uplink, slower than any home or mobile
	// connection that streams video; a 60 s recording (3.6 MB) then
	// takes under a minute. The grace covers connection set-up and TCP's
	// slow start. Our choice.
	MinBodyRate: 64 << 10,
	BodyGrace:   10 * time.Second,
	// A clinic hands out a code per new patient; twenty an hour is more
	// than one clinician sees, and bounds the rows a stolen clinician
	// session can create. Our choice.
	InvitesPerHour: 20,
}

// Server serves the API and the web app.
type Server struct {
	store    stretchwise.Store
	analyzer stretchwise.Analyzer
	planner  stretchwise.Planner // nil: plans answer "not implemented"
	web      fs.FS               // nil: / explains how to build the app
	webErr   string              // why web is nil
	logger   *slog.Logger
	cfg      Config
	now      func() time.Time
	bodies   *limiter // memory of request bodies held whole
	spool    *limiter // disk of request bodies still arriving
	work     *limiter // memory and slots of the computations on them
	handler  http.Handler
	// fullAt is when a write last failed for want of room (Unix
	// nanoseconds, 0 for never): /healthz reports it for fullHold.
	fullAt atomic.Int64
	// cheapAt is when a request that did no expensive work last ended
	// (Unix nanoseconds): while it is within cheapWindow, expensive work
	// leaves ReadCPUs to such requests.
	cheapAt atomic.Int64
}

// cheapWindow is how long after a request that did no expensive work the
// limiter still keeps CPUs for such requests. Our choice: longer than the
// gaps between a person's requests while a page loads, short enough that
// an upload-only load (a sync of many recordings) gets every slot.
const cheapWindow = time.Second

// cheapRequests reports whether requests that do no expensive work were
// answered within cheapWindow.
func (s *Server) cheapRequests() bool {
	return time.Since(time.Unix(0, s.cheapAt.Load())) < cheapWindow
}

// Procs is the GOMAXPROCS the server's process should run with: its CPUs
// plus one for each slot of expensive work. Go's scheduler takes a CPU
// from a running goroutine only after 10 ms, so with no more Ps than CPUs
// a report read that arrives while password checks and uploads run on
// every P waits up to that long for one. With a P kept free for it
// whatever the slots hold, its goroutine runs at once on an OS thread of
// its own, and the kernel, which switches to a thread that wakes within a
// millisecond, shares the cores between it and the expensive work (report
// reads under hostile load on 2 CPUs: p99 15-20 ms with 2 Ps, 9-11 ms
// with 6; docs/benchmarks.md, "Hostile clients").
func (s *Server) Procs() int {
	return s.cfg.CPUs + s.work.slots
}

// fullHold is how long /healthz reports unhealthy after a write failed
// for want of room, even if its own small probe write succeeds: a full
// SQLite database or disk can still take a tiny row in a free slot while
// every upload fails. Our choice: a load balancer polling every few
// seconds sees it, and it clears by itself once writes succeed again.
const fullHold = time.Minute

// storageFull reports whether err is a write that failed for want of
// room, and remembers when for /healthz.
func (s *Server) storageFull(err error) bool {
	f, ok := s.store.(interface{ StorageFull(error) bool })
	if !ok || !f.StorageFull(err) {
		return false
	}
	s.fullAt.Store(s.now().UnixNano())
	return true
}

// Options are the parts main wires into a Server.
type Options struct {
	Store    stretchwise.Store
	Analyzer stretchwise.Analyzer
	Planner  stretchwise.Planner // optional
	Web      fs.FS               // optional: the built web app
	WebError string              // shown at / when Web is nil
	Logger   *slog.Logger        // optional: slog.Default()
	Config   Config
	Now      func() time.Time // optional: time.Now, for tests
}

// NewServer returns a server with its routes registered.
func NewServer(o Options) *Server {
	s := &Server{
		store: o.Store, analyzer: o.Analyzer, planner: o.Planner,
		web: o.Web, webErr: o.WebError, logger: o.Logger, cfg: o.Config, now: o.Now,
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.cfg.CPUs <= 0 {
		s.cfg.CPUs = runtime.GOMAXPROCS(0)
	}
	n := s.cfg.MaxConcurrentAnalyses
	if n <= 0 {
		n = 2 * s.cfg.CPUs
	}
	setDefault(&s.cfg.BodyBytes, DefaultConfig.BodyBytes)
	setDefault(&s.cfg.WorkBytes, DefaultConfig.WorkBytes)
	setDefault(&s.cfg.SpoolBytes, DefaultConfig.SpoolBytes)
	// Every request must fit one key's half of each budget: a body's
	// declared length is at most its cap (checkLength), one of unknown
	// length at most bodyStep.
	largestBody := max(s.cfg.MaxRecordingBytes, s.maxIssueReportBody(), bodyStep)
	s.cfg.BodyBytes = max(s.cfg.BodyBytes, 2*largestBody)
	s.cfg.SpoolBytes = max(s.cfg.SpoolBytes, 2*largestBody)
	s.cfg.WorkBytes = max(s.cfg.WorkBytes, 2*max(analysisBytesPerByte*s.cfg.MaxRecordingBytes, issueBytesPerByte*s.maxIssueReportBody(), hashBytes))
	setDefault(&s.cfg.WorkWait, DefaultConfig.WorkWait)
	setDefault(&s.cfg.MinBodyRate, DefaultConfig.MinBodyRate)
	setDefault(&s.cfg.BodyGrace, DefaultConfig.BodyGrace)
	s.bodies = newLimiter(s.cfg.BodyBytes, 1<<30) // bodies take no slot
	s.spool = newLimiter(s.cfg.SpoolBytes, 1<<30)
	s.work = newLimiter(s.cfg.WorkBytes, n)
	if s.cfg.ReadCPUs == 0 {
		s.cfg.ReadCPUs = 1
	}
	if s.cfg.ReadCPUs > 0 {
		s.work.reserve, s.work.reserveSlots = s.cheapRequests, max(1, s.cfg.CPUs-s.cfg.ReadCPUs)
	}
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.method+" "+rt.pattern, rt.handler)
	}
	// Everything else: a known API path asked with another method gets a
	// JSON 405 with Allow, an unknown API path a JSON 404, other GETs the
	// web app.
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/api/"):
			if allow := allowedMethods(mux, r); len(allow) > 0 {
				header := slices.Clone(allow)
				if slices.Contains(allow, http.MethodGet) {
					header = append(header, http.MethodHead)
				}
				slices.Sort(header)
				w.Header().Set("Allow", strings.Join(header, ", "))
				s.Error(w, r, stretchwise.Errorf(stretchwise.EMETHOD, "%s is not allowed on %s: use %s.", r.Method, r.URL.Path, strings.Join(allow, " or ")))
				return
			}
			s.Error(w, r, stretchwise.Errorf(stretchwise.ENOTFOUND, "No such API endpoint or method."))
		case r.Method == http.MethodGet || r.Method == http.MethodHead:
			s.serveWeb(w, r)
		default:
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		}
	})
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Error(w, r, stretchwise.Errorf(stretchwise.EFORBIDDEN, "Cross-origin request refused."))
	}))
	s.handler = s.recoverer(s.logRequests(s.securityHeaders(rejectNUL(csrf.Handler(mux), s.Error))))
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// route is one API endpoint. The OpenAPI document lists exactly these.
type route struct {
	method, pattern string
	handler         http.Handler
}

// routes is the table of every endpoint the server registers.
func (s *Server) routes() []route {
	authed, anyone := s.requireUser, s.handle
	return []route{
		{"GET", "/healthz", anyone(s.handleHealth)},
		{"GET", "/api/v1/openapi.json", anyone(s.handleOpenAPI)},
		{"POST", "/api/v1/accounts", anyone(s.handleCreateAccount)},
		{"POST", "/api/v1/login", anyone(s.handleLogin)},
		{"POST", "/api/v1/logout", anyone(s.handleLogout)},
		{"GET", "/api/v1/me", authed(answer(s, s.handleMe))},
		{"GET", "/api/v1/audit-log", authed(answer(s, s.handleAuditLog))},
		{"GET", "/api/v1/audit-log.csv", authed(s.handleAuditLogCSV)},
		{"DELETE", "/api/v1/me", authed(s.handleDeleteAccount)},
		{"POST", "/api/v1/me/password", authed(s.handleChangePassword)},
		{"DELETE", "/api/v1/me/sessions", authed(s.handleSignOutEverywhere)},
		{"POST", "/api/v1/me/recovery-code", authed(s.handleNewRecoveryCode)},
		{"GET", "/api/v1/me/export", authed(s.handleExportAll)},
		{"POST", "/api/v1/password-reset", anyone(s.handleResetPassword)},

		{"POST", "/api/v1/recordings", authed(s.handleUploadRecording)},
		{"GET", "/api/v1/recordings", authed(answer(s, s.handleListRecordings))},
		{"GET", "/api/v1/recordings/{id}", authed(s.handleGetRecording)},
		{"GET", "/api/v1/recordings/{id}/report", authed(s.handleGetReport)},

		{"POST", "/api/v1/invites", authed(s.handleCreateInvite)},
		{"GET", "/api/v1/links", authed(answer(s, s.handleListLinks))},
		{"POST", "/api/v1/links", authed(s.handleCreateLink)},
		{"DELETE", "/api/v1/links/{user}", authed(s.handleDeleteLink)},
		{"GET", "/api/v1/patients", authed(answer(s, s.handleListPatients))},
		{"GET", "/api/v1/patients/{patient}", authed(answer(s, s.handleGetPatient))},
		{"GET", "/api/v1/patients/{patient}/export.csv", authed(s.handleExportCSV)},
		{"GET", "/api/v1/patients/{patient}/fhir", authed(s.handleExportFHIR)},

		{"POST", "/api/v1/intakes", authed(s.createDocument(stretchwise.DocIntake, s.validateIntake))},
		{"GET", "/api/v1/intakes", authed(answer(s, s.listDocuments(stretchwise.DocIntake)))},
		{"GET", "/api/v1/intakes/{id}", authed(answer(s, s.getDocument(stretchwise.DocIntake)))},
		{"GET", "/api/v1/red-flags", anyone(s.handleRedFlags)},
		{"GET", "/api/v1/safety", authed(answer(s, s.handleGetSafety))},
		{"POST", "/api/v1/safety/clearance", authed(s.handleCreateClearance)},
		{"POST", "/api/v1/plans", authed(s.handleCreatePlan)},
		{"GET", "/api/v1/plans", authed(answer(s, s.listDocuments(stretchwise.DocPlan)))},
		{"GET", "/api/v1/plans/{id}", authed(answer(s, s.getDocument(stretchwise.DocPlan)))},
		{"POST", "/api/v1/sessions", authed(s.createDocument(stretchwise.DocSession, s.validateSession))},
		{"GET", "/api/v1/sessions", authed(answer(s, s.listDocuments(stretchwise.DocSession)))},
		{"GET", "/api/v1/sessions/{id}", authed(answer(s, s.getDocument(stretchwise.DocSession)))},
		{"POST", "/api/v1/checkins", authed(s.createDocument(stretchwise.DocCheckIn, s.validateCheckIn))},
		{"GET", "/api/v1/checkins", authed(answer(s, s.listDocuments(stretchwise.DocCheckIn)))},
		{"GET", "/api/v1/checkins/{id}", authed(answer(s, s.getDocument(stretchwise.DocCheckIn)))},
		{"GET", "/api/v1/doses", authed(answer(s, s.handleDoses))},

		{"POST", "/api/v1/issue-reports", authed(s.handleCreateIssueReport)},
		{"GET", "/api/v1/issue-reports", authed(answer(s, s.handleListIssueReports))},
		{"GET", "/api/v1/issue-reports/{id}", authed(answer(s, s.handleGetIssueReport))},
		{"GET", "/api/v1/issue-reports/{id}/screenshot", authed(s.handleIssueAttachment(true))},
		{"GET", "/api/v1/issue-reports/{id}/recording", authed(s.handleIssueAttachment(false))},
	}
}

// handleHealth answers 200 when the database answers a read and a real
// write (one counter row, upserted) within 2 s and no write failed for
// want of room in the last fullHold; else 503 with the reason.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	unhealthy := func(status, reason string, err error) error {
		s.logger.ErrorContext(ctx, "health check", "reason", reason, "err", err)
		w.Header().Set("Retry-After", "10")
		return s.JSON(w, r, http.StatusServiceUnavailable, map[string]string{"status": status, "reason": reason, "version": stretchwise.Version})
	}
	if err := s.store.Ping(ctx); err != nil {
		return unhealthy("unavailable", "The database does not answer.", err)
	}
	if _, err := s.store.Hit(ctx, "health:probe", time.Minute, s.now()); err != nil {
		if s.storageFull(err) {
			return unhealthy("storage_full", "The storage is full: writes fail.", err)
		}
		return unhealthy("unavailable", "The database refuses writes.", err)
	}
	if at := s.fullAt.Load(); at != 0 && s.now().Sub(time.Unix(0, at)) < fullHold {
		return unhealthy("storage_full", "The storage is full: writes fail.", nil)
	}
	return s.JSON(w, r, http.StatusOK, map[string]string{"status": "ok", "version": stretchwise.Version})
}

// statusWriter records the status and size of a response for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

type ctxKey int

const (
	userKey      ctxKey = 0 // *int64: the signed-in user, set by requireUser
	expensiveKey ctxKey = 1 // *atomic.Bool: the request took expensive work (acquireWork)
)

// logRequests logs one structured line per request. The user's id is
// logged, never an email, a token or a body.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		holder, expensive := new(int64), new(atomic.Bool)
		ctx := context.WithValue(context.WithValue(r.Context(), userKey, holder), expensiveKey, expensive)
		r = r.WithContext(ctx)
		next.ServeHTTP(sw, r)
		if !expensive.Load() {
			s.cheapAt.Store(time.Now().UnixNano())
		}
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		attrs := []slog.Attr{
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int64("bytes", sw.bytes),
			slog.Duration("duration", time.Since(start)), slog.String("remote", s.clientIP(r)),
		}
		if *holder != 0 {
			attrs = append(attrs, slog.Int64("user", *holder))
		}
		s.logger.LogAttrs(r.Context(), level, "request", attrs...)
	})
}

// recoverer turns a panic in a handler into a 500 and a log line.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				buf := make([]byte, 4096)
				buf = buf[:runtime.Stack(buf, false)]
				s.logger.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(buf))
				s.Error(w, r, stretchwise.Errorf(stretchwise.EINTERNAL, "Internal error."))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// ContentSecurityPolicy is the policy of every response. The app loads
// only its own files: its scripts, its stylesheets, the WebAssembly of
// the analysis engine and of MediaPipe ('wasm-unsafe-eval' allows
// compiling WebAssembly, not eval of JavaScript), images it draws (data:
// and blob: URLs for the issue-report screenshot and charts), and the
// camera or a chosen video file as blob: media. It talks only to its own
// API. Nothing may frame it, and forms post only to it.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; " +
	"worker-src 'self' blob:; font-src 'self'; object-src 'none'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'none'"

// PermissionsPolicy allows the camera to the app's own pages and turns
// off the powerful features it never uses.
const PermissionsPolicy = "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), " +
	"serial=(), midi=(), display-capture=()"

// hstsMaxAge is the Strict-Transport-Security lifetime: a year, the
// value browsers' preload lists ask for. Our choice not to add
// includeSubDomains: other hosts of the operator's domain are theirs.
const hstsMaxAge = "max-age=31536000"

// securityHeaders sets the headers every response carries; HSTS only when
// the browser came over HTTPS (served here, or by a TLS proxy in front).
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("Permissions-Policy", PermissionsPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if r.TLS != nil || s.cfg.SecureCookies {
			h.Set("Strict-Transport-Security", hstsMaxAge)
		}
		next.ServeHTTP(w, r)
	})
}

// clientIP is the address rate limits count against.
func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host := r.RemoteAddr
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	return strings.Trim(host, "[]")
}

// randomToken returns n random bytes, hex encoded.
func randomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand panics instead)
	return hex.EncodeToString(b)
}

// setDefault sets *x to def when *x is zero or negative (not configured).
func setDefault[T int64 | time.Duration](x *T, def T) {
	if *x <= 0 {
		*x = def
	}
}

// allowedMethods lists, sorted, the methods of the API routes that the
// path of r matches (none for an unknown path).
func allowedMethods(mux *http.ServeMux, r *http.Request) []string {
	var allow []string
	for _, m := range []string{http.MethodDelete, http.MethodGet, http.MethodPatch, http.MethodPost, http.MethodPut} {
		other := *r
		other.Method = m
		if _, pattern := mux.Handler(&other); strings.HasPrefix(pattern, m+" ") {
			allow = append(allow, m)
		}
	}
	return allow
}
