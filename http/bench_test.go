package http_test

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/internal/cpuclock"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/storetest"
	"github.com/stretchwise/stretchwise/synth"
)

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
	stop := cpuclock.PerOp(b)
	for b.Loop() {
		r := e.do(req{method: http.MethodPost, path: "/api/v1/recordings?kind=screening", body: text, ctype: "application/x-ndjson", token: a.token})
		if r.status != http.StatusCreated {
			b.Fatalf("upload: %d %s", r.status, r.body)
		}
	}
	stop()
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
	stop := cpuclock.PerOp(b)
	for b.Loop() {
		if r := e.do(req{method: http.MethodGet, path: "/api/v1/recordings/1/report", token: a.token}); r.status != 200 || !bytes.Contains(r.body, []byte("verdict")) {
			b.Fatalf("read: %d", r.status)
		}
	}
	stop()
}

// BenchmarkUploadAnalyzed measures one upload through the whole server with
// the real analysis engine (the one `stretchwise serve` injects), on the
// kinds of 60 s recording docs/bench/run.sh uploads: a synthetic bird dog at
// full precision ("synth60", as `stretchwise synth` writes it), the same
// rounded as the web app writes it ("web60") and random landmarks at 4
// decimals ("random60", storetest.RecordingText). cpu-ns/op includes the
// test's HTTP client. Run:
//
//	go test -run '^$' -bench UploadAnalyzed -benchtime 20x ./http
func BenchmarkUploadAnalyzed(b *testing.B) {
	bird := benchBirdDog(b)
	for _, c := range []struct {
		name string
		text []byte
	}{
		{"synth60", bird},
		{"web60", roundLikeWeb(b, bird)},
		{"random60", storetest.RecordingText(1, 1800)},
	} {
		b.Run(c.name, func(b *testing.B) {
			e := newEnv(b, func(o *swhttp.Options) {
				o.Analyzer = &analysis.Analyzer{Options: analysis.DefaultOptions}
				o.Config.MaxRecordingBytes = swhttp.DefaultConfig.MaxRecordingBytes
			})
			a := e.signUp("bench@example.test", stretchwise.RolePatient)
			b.SetBytes(int64(len(c.text)))
			stop := cpuclock.PerOp(b)
			for b.Loop() {
				r := e.do(req{method: http.MethodPost, path: "/api/v1/recordings", body: c.text, ctype: "application/x-ndjson", token: a.token})
				if r.status != http.StatusCreated {
					b.Fatalf("upload: %d %s", r.status, r.body)
				}
			}
			stop()
		})
	}
}

// benchBirdDog is a 60 s synthetic bird dog from a rear-left view with
// MediaPipe-like noise at full precision, about 8.5 MB.
func benchBirdDog(b *testing.B) []byte {
	m := synth.BirdDog(synth.BirdDogParams{
		Arms:      []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight, stretchwise.SideLeft, stretchwise.SideRight},
		BaselineS: 3, ReachS: 1.5, HoldS: 10, ReturnS: 1.5, RestS: 1.25,
	})
	rec, _ := synth.Generate(m, synth.AverageBody(), synth.CameraFor(stretchwise.ViewRearLeft), synth.NoiseMediaPipe, 30, rand.New(rand.NewPCG(1, 2)))
	var buf bytes.Buffer
	if err := recording.Write(&buf, rec); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// roundLikeWeb rounds a recording's numbers as the web app writes them
// (recording.RoundAsWeb).
func roundLikeWeb(b *testing.B, text []byte) []byte {
	rec, err := recording.Read(bytes.NewReader(text), recording.Limits{})
	if err != nil {
		b.Fatal(err)
	}
	recording.RoundAsWeb(rec)
	var buf bytes.Buffer
	if err := recording.Write(&buf, rec); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
