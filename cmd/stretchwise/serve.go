package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/postgres"
	"github.com/stretchwise/stretchwise/sqlite"
	"github.com/stretchwise/stretchwise/web"
)

// gcPercent is the garbage collector's target (GOGC) the server runs with
// unless the GOGC environment variable sets one. Our choice, from the upload
// runs of docs/benchmarks.md: an upload allocates about 11 MB that is
// garbage once it is stored, so Go's default of 100 collects every few
// uploads; 400 took 0.6-1.0 ms (2-3 %) off the server CPU per upload, for a
// peak of about 270 MB instead of 125 MB under full upload load.
const gcPercent = 400

// memoryLimit is Go's soft memory limit for the server unless GOMEMLIMIT
// sets one: the collector works harder as the heap nears it, so the
// garbage GOGC=400 allows cannot take the process past it while what is
// live stays within the http limiter's budgets (128 MiB of bodies and
// 384 MiB of computation, plus about 50 MB at rest): with GOGC=400 the
// heap otherwise grows to several times what is live, and a run of
// docs/bench/hostile.sh peaked at 859 MB with a limit of 768 MiB. Our
// choice, with room above the live worst case of about 590 MB.
const memoryLimit = 640 << 20

// serveCommand runs the web app and the JSON API.
type serveCommand struct{ Env }

func newServeCommand(env Env) Command { return &serveCommand{env} }

// shutdownTimeout is how long in-flight requests get after SIGTERM or
// SIGINT: long enough for an upload of the largest recording on a slow
// link to finish its analysis. Our choice.
const shutdownTimeout = 30 * time.Second

const serveUsage = `Usage: stretchwise serve [--addr HOST:PORT] [--data DIR] [--db URL] [flags]

Runs the web app and the JSON API (docs/api.md, docs/operations.md).
`

func (c *serveCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("serve", c.Stderr, serveUsage)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0 picks a free port; the log says which)")
	dataDir := fs.String("data", "data", "data `DIR`: the SQLite database lives here unless --db is given, and large request bodies while they arrive")
	dbURL := fs.String("db", "", "store in PostgreSQL at `URL` (postgres://user:pass@host/db) instead of SQLite")
	webDir := fs.String("web", "", "serve the built web app from `DIR` (default: the app compiled in with -tags embedweb, else web/dist)")
	tlsCert := fs.String("tls-cert", "", "serve HTTPS with this certificate `FILE` (with --tls-key)")
	tlsKey := fs.String("tls-key", "", "private key `FILE` for --tls-cert")
	behindProxy := fs.Bool("behind-proxy", false, "behind a reverse proxy that terminates TLS: mark cookies Secure and take client addresses from X-Forwarded-For")
	uploads := fs.Int("uploads-per-minute", swhttp.DefaultConfig.UploadsPerMinute, "recordings one account may upload per minute")
	signups := fs.Int("signups-per-hour", swhttp.DefaultConfig.SignupsPerIP, "accounts one client address may create per hour")
	logFormat := fs.String("log", "text", "log format: text or json")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn or error")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected arguments %q", fs.Args())
	}
	if (*tlsCert == "") != (*tlsKey == "") {
		return usageError("--tls-cert and --tls-key go together")
	}
	logger, err := newLogger(c.Stderr, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}

	var store stretchwise.Store
	if *dbURL != "" {
		if !strings.HasPrefix(*dbURL, "postgres://") && !strings.HasPrefix(*dbURL, "postgresql://") {
			return usageError("--db must be a postgres:// URL")
		}
		store, err = postgres.Open(ctx, *dbURL)
		logger.Info("storage", "kind", "postgres")
	} else {
		store, err = sqlite.Open(ctx, *dataDir)
		logger.Info("storage", "kind", "sqlite", "path", sqlite.Path(*dataDir))
	}
	if err != nil {
		return err
	}
	defer store.Close()

	webFS, webErr := web.Open(*webDir)
	webMsg := ""
	if webErr != nil {
		webMsg = webErr.Error()
		logger.Warn("web app not served; the API still works", "err", webErr)
	}

	cfg := swhttp.DefaultConfig
	cfg.SecureCookies = *tlsCert != "" || *behindProxy
	cfg.TrustProxy = *behindProxy
	cfg.UploadsPerMinute = *uploads
	cfg.SignupsPerIP = *signups
	// Bodies arriving go to disk beside the data, not to the system's
	// temporary directory, which may be held in memory (tmpfs).
	cfg.SpoolDir = filepath.Join(*dataDir, "incoming")
	if err := os.MkdirAll(cfg.SpoolDir, 0o700); err != nil {
		return fmt.Errorf("make the directory of arriving bodies: %w", err)
	}
	analyzer, analyzerName := newAnalyzer()
	logger.Info("analysis", "engine", analyzerName)
	srv := swhttp.NewServer(swhttp.Options{
		Store: store, Analyzer: analyzer, Planner: newPlanner(),
		Web: webFS, WebError: webMsg, Logger: logger, Config: cfg,
	})
	// One P more than the CPUs for each slot of expensive work, so that a
	// request arriving while that work runs gets a P at once and the
	// kernel shares the cores (Server.Procs); unless GOMAXPROCS is set.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(srv.Procs())
	}
	logger.Info("cpu", "gomaxprocs", runtime.GOMAXPROCS(0))

	// Listen first, so a taken port is an error now and port 0 works.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		// A backstop only: handlers that read a body give it a deadline
		// from its size and the slowest rate allowed (http.Config's
		// MinBodyRate), 17 minutes for the largest recording.
		ReadTimeout:  20 * time.Minute,
		WriteTimeout: 5 * time.Minute,
		IdleTimeout:  2 * time.Minute,
		ErrorLog:     slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:  func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	scheme := "http"
	if *tlsCert != "" {
		cert, err := tls.LoadX509KeyPair(*tlsCert, *tlsKey)
		if err != nil {
			ln.Close()
			return fmt.Errorf("load TLS certificate: %w", err)
		}
		hs.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, hs.TLSConfig)
		scheme = "https"
	}
	logger.Info("listening", "addr", ln.Addr().String(), "url", scheme+"://"+ln.Addr().String()+"/", "version", stretchwise.Version)

	go cleanExpired(ctx, store, logger)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// cleanExpired deletes expired sessions, invites and rate-limit windows
// every hour. Safe with several servers on one database: each delete is a
// plain DELETE of expired rows.
func cleanExpired(ctx context.Context, store stretchwise.Store, logger *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		n, err := store.DeleteExpired(ctx, time.Now())
		if err != nil && ctx.Err() == nil {
			logger.Error("delete expired rows", "err", err)
		} else if n > 0 {
			logger.Info("deleted expired rows", "rows", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, usageError("--log-level: %v", err)
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usageError("--log must be text or json")
}
