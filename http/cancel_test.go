package http_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"log/slog"

	"github.com/stretchwise/stretchwise"
	swhttp "github.com/stretchwise/stretchwise/http"
	"github.com/stretchwise/stretchwise/storetest"
)

// blockingAnalyzer holds every analysis until its request is canceled, and
// says when one has started.
type blockingAnalyzer struct{ started chan struct{} }

func (a blockingAnalyzer) Analyze(ctx context.Context, rec *stretchwise.Recording) (*stretchwise.Report, error) {
	a.started <- struct{}{}
	<-ctx.Done()
	return nil, ctx.Err()
}

// lockedBuffer is a log destination for handlers on several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestUploadCanceledByClient: a client that hangs up during the analysis
// (wrk at the end of a load run, a browser tab closed) is logged as a
// canceled request with nginx's 499, not as an internal error with 500,
// and nothing is stored.
func TestUploadCanceledByClient(t *testing.T) {
	var logs lockedBuffer
	started := make(chan struct{}, 1)
	e := newEnv(t, func(o *swhttp.Options) {
		o.Analyzer = blockingAnalyzer{started}
		o.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	a := e.signUp("cancel@example.test", stretchwise.RolePatient)

	ctx, cancel := context.WithCancel(context.Background())
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, e.srv.URL+"/api/v1/recordings", bytes.NewReader(storetest.RecordingText(1, 30)))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Content-Type", "application/x-ndjson")
	r.Header.Set("Authorization", "Bearer "+a.token)
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(r)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the analysis never started")
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("the canceled request got an answer")
	}
	// The server notices the closed connection on its own time.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), "status=499") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	out := logs.String()
	if !strings.Contains(out, `msg="request canceled"`) || !strings.Contains(out, "status=499") {
		t.Errorf("log has no canceled request with status 499:\n%s", out)
	}
	if strings.Contains(out, "internal error") || strings.Contains(out, "level=ERROR") {
		t.Errorf("a client hanging up was logged as an error:\n%s", out)
	}
	if got := e.counts(a.user.ID); got != "recordings=0 intake=0 plan=0 session=0 checkin=0" {
		t.Errorf("stored after the cancel: %s", got)
	}
}
