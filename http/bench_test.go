package http_test

import (
	"bytes"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/storetest"
)

// cpuTime returns the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds cpu-ns/op: the process CPU time per op (client and server
// together, both in this process), which unlike ns/op does not grow when
// other work on the machine keeps the benchmark waiting for a core.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// BenchmarkUpload60s measures one upload of a 60 s recording (1800 frames
// at 30 fps, image and world landmarks, about 3.6 MB) through the whole
// server: HTTP, validation, the test analyzer, compression and the SQLite
// commit. Run:
//
//	go test -run '^$' -bench Upload60s -benchtime 40x ./http
func BenchmarkUpload60s(b *testing.B) {
	e := newEnv(b, nil)
	a := e.signUp("bench@example.test", stretchwise.RolePatient)
	text := storetest.RecordingText(1, 1800)
	b.SetBytes(int64(len(text)))
	start := cpuTime()
	for b.Loop() {
		r := e.do(req{method: http.MethodPost, path: "/api/v1/recordings?kind=screening", body: text, ctype: "application/x-ndjson", token: a.token})
		if r.status != http.StatusCreated {
			b.Fatalf("upload: %d %s", r.status, r.body)
		}
	}
	reportCPU(b, start)
}

// BenchmarkReportRead measures one authenticated report read.
//
//	go test -run '^$' -bench ReportRead ./http
func BenchmarkReportRead(b *testing.B) {
	e := newEnv(b, nil)
	a := e.signUp("bench@example.test", stretchwise.RolePatient)
	r := e.do(req{method: http.MethodPost, path: "/api/v1/recordings", body: storetest.RecordingText(1, 1800), ctype: "application/x-ndjson", token: a.token})
	if r.status != http.StatusCreated {
		b.Fatalf("upload: %d", r.status)
	}
	start := cpuTime()
	for b.Loop() {
		if r := e.do(req{method: http.MethodGet, path: "/api/v1/recordings/1/report", token: a.token}); r.status != 200 || !bytes.Contains(r.body, []byte("verdict")) {
			b.Fatalf("read: %d", r.status)
		}
	}
	reportCPU(b, start)
}
