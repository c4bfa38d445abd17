package http_test

import (
	"bytes"
	"context"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/storetest"
)

// gateAnalyzer holds every analysis until the test lets one through, and
// tells which recordings (by their frame count) got a slot, in order.
type gateAnalyzer struct {
	entered      chan int
	proceed      chan struct{}
	inside, most atomic.Int32
}

func newGate() *gateAnalyzer {
	return &gateAnalyzer{entered: make(chan int, 16), proceed: make(chan struct{})}
}

func (g *gateAnalyzer) Analyze(ctx context.Context, rec *stretchwise.Recording) (*stretchwise.Report, error) {
	n := g.inside.Add(1)
	defer g.inside.Add(-1)
	for m := g.most.Load(); n > m && !g.most.CompareAndSwap(m, n); m = g.most.Load() {
	}
	g.entered <- len(rec.Frames)
	select {
	case <-g.proceed:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return echoAnalyzer{}.Analyze(ctx, rec)
}

// next waits for the next analysis to start and returns its frame count.
func (g *gateAnalyzer) next(t *testing.T) int {
	t.Helper()
	select {
	case n := <-g.entered:
		return n
	case <-time.After(30 * time.Second):
		t.Fatal("no analysis started within 30 s")
		return 0
	}
}

// uploadAsync uploads a recording of frames frames and sends its status.
func uploadAsync(e *env, token string, frames int, status chan<- int) {
	go func() {
		hr, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/recordings", bytes.NewReader(storetest.RecordingText(int64(frames), frames)))
		hr.Header.Set("Content-Type", "application/x-ndjson")
		hr.Header.Set("Authorization", "Bearer "+token)
		res, err := e.srv.Client().Do(hr)
		if err != nil {
			status <- 0
			return
		}
		res.Body.Close()
		status <- res.StatusCode
	}()
}

// TestReadsKeepACPU checks that expensive work leaves a CPU to the
// requests that do none while there are any: with 2 CPUs and 4 slots,
// three uploads from three accounts are analysed one at a time while
// another person reads, and two at once when nobody else is served. (All
// three ran at once, and report reads waited behind them.) The CPUs are
// GOMAXPROCS by default, or Config.CPUs as `stretchwise serve` sets them
// before it raises GOMAXPROCS to Procs (the slots were sized from
// GOMAXPROCS: 5 at once with GOMAXPROCS 6).
func TestReadsKeepACPU(t *testing.T) {
	t.Run("GOMAXPROCS 2", func(t *testing.T) { readsKeepACPU(t, 2, 0) })
	t.Run("CPUs 2 under GOMAXPROCS 6", func(t *testing.T) { readsKeepACPU(t, 6, 2) })
}

func readsKeepACPU(t *testing.T, procs, cpus int) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	gate := newGate()
	e := newEnv(t, func(o *swhttp.Options) {
		o.Analyzer = gate
		o.Config.CPUs = cpus
		o.Config.WorkWait = time.Minute
	})
	var tokens []string
	for _, email := range []string{"a@example.test", "b@example.test", "c@example.test"} {
		tokens = append(tokens, e.signUp(email, stretchwise.RolePatient).token)
	}
	reader := e.signUp("reader@example.test", stretchwise.RolePatient)
	stop := make(chan struct{})
	var reads sync.WaitGroup
	reads.Go(func() {
		for {
			e.mustJSON(e.do(req{method: "GET", path: "/api/v1/me", token: reader.token}), 200, nil)
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	time.Sleep(100 * time.Millisecond)
	status := make(chan int, 3)
	for i, tok := range tokens {
		uploadAsync(e, tok, 30+i, status)
	}
	gate.next(t)
	time.Sleep(500 * time.Millisecond) // the others would have started by now
	if n := gate.most.Load(); n != 1 {
		t.Errorf("%d analyses at once while another person reads, want 1 (2 CPUs, one kept for reads)", n)
	}
	close(stop)
	reads.Wait()
	for range 3 { // one at a time
		gate.proceed <- struct{}{}
		if st := <-status; st != 201 {
			t.Fatalf("upload: %d, want 201", st)
		}
	}
	for len(gate.entered) > 0 {
		<-gate.entered
	}

	// Nobody else served for over a second: uploads take every slot.
	time.Sleep(1500 * time.Millisecond)
	gate.most.Store(0)
	uploadAsync(e, tokens[0], 40, status)
	uploadAsync(e, tokens[1], 41, status)
	gate.next(t)
	gate.next(t)
	close(gate.proceed)
	for range 2 {
		if st := <-status; st != 201 {
			t.Fatalf("upload: %d, want 201", st)
		}
	}
	if n := gate.most.Load(); n != 2 {
		t.Errorf("%d analyses at once with nobody else served, want 2", n)
	}
}

// TestProcs checks the GOMAXPROCS a server asks for: its CPUs and one P
// for each slot of expensive work (2 x CPUs unless configured).
func TestProcs(t *testing.T) {
	for _, c := range []struct{ cpus, slots, want int }{{2, 0, 6}, {1, 0, 3}, {4, 3, 7}} {
		cfg := swhttp.DefaultConfig
		cfg.CPUs, cfg.MaxConcurrentAnalyses = c.cpus, c.slots
		s := swhttp.NewServer(swhttp.Options{Store: nil, Analyzer: echoAnalyzer{}, Planner: fixedPlanner{}, Config: cfg, Logger: discardLogger()})
		if got := s.Procs(); got != c.want {
			t.Errorf("CPUs %d, MaxConcurrentAnalyses %d: Procs %d, want %d", c.cpus, c.slots, got, c.want)
		}
	}
}

// oneSlotEnv serves the API with one slot of expensive work, uploads
// analysed through gate, and a minute's wait for the slot.
func oneSlotEnv(t *testing.T, gate *gateAnalyzer, mod func(*swhttp.Options)) *env {
	return newEnv(t, func(o *swhttp.Options) {
		o.Analyzer = gate
		o.Config.MaxConcurrentAnalyses = 1
		o.Config.WorkWait = time.Minute
		if mod != nil {
			mod(o)
		}
	})
}

// TestLightUsersGoFirst fills the one slot with an account's upload,
// queues a second upload of that account and then one of another account:
// the other account's upload gets the slot first, as its account used
// none lately (arrival order served the heavy account first).
func TestLightUsersGoFirst(t *testing.T) {
	gate := newGate()
	e := oneSlotEnv(t, gate, nil)
	heavy := e.signUp("heavy@example.test", stretchwise.RolePatient)
	light := e.signUp("light@example.test", stretchwise.RolePatient)
	status := make(chan int, 3)
	uploadAsync(e, heavy.token, 30, status)
	if n := gate.next(t); n != 30 {
		t.Fatalf("first analysis of %d frames, want 30", n)
	}
	uploadAsync(e, heavy.token, 31, status)
	waitQueued(t, e, 1) // queued first
	uploadAsync(e, light.token, 32, status)
	waitQueued(t, e, 2)
	gate.proceed <- struct{}{}
	if n := gate.next(t); n != 32 {
		t.Errorf("after the heavy account's upload, the analysis of %d frames got the slot, want 32 (the light account's)", n)
	}
	close(gate.proceed)
	for range 3 {
		if st := <-status; st != 201 {
			t.Errorf("upload: %d, want 201", st)
		}
	}
}
