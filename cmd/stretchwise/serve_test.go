package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/sqlite"
	"github.com/stretchwise/stretchwise/storetest"
)

// buildBinary builds the stretchwise binary once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stretchwise")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	return bin
}

// server is a running `stretchwise serve` process.
type server struct {
	cmd  *exec.Cmd
	url  string
	logs *bytes.Buffer
	mu   *sync.Mutex
	done chan error
}

// startServer runs serve on a free port and waits for its "listening" log
// line, which carries the address. Without --data in flags the data folder
// (with PostgreSQL, where bodies wait while they arrive) is a temporary one.
func startServer(t *testing.T, bin string, flags ...string) *server {
	t.Helper()
	args := []string{"serve", "--addr", "127.0.0.1:0", "--web", filepath.Join(t.TempDir(), "no-web"), "--log", "json"}
	if !slices.Contains(flags, "--data") {
		args = append(args, "--data", t.TempDir())
	}
	args = append(args, flags...)
	cmd := exec.Command(bin, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, logs: new(bytes.Buffer), mu: new(sync.Mutex), done: make(chan error, 1)}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Bytes()
			s.mu.Lock()
			s.logs.Write(line)
			s.logs.WriteByte('\n')
			s.mu.Unlock()
			var rec struct{ Msg, Addr string }
			if json.Unmarshal(line, &rec) == nil && rec.Msg == "listening" {
				addr <- rec.Addr
			}
		}
		s.done <- cmd.Wait()
	}()
	select {
	case a := <-addr:
		s.url = "http://" + a
	case err := <-s.done:
		t.Fatalf("server exited before listening: %v\n%s", err, s.log())
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("server did not start:\n%s", s.log())
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-s.done
		}
	})
	return s
}

func (s *server) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logs.String()
}

func post(url, token, ctype string, body []byte) (int, []byte, error) {
	return do("POST", url, token, ctype, body)
}

func get(url, token string) (int, []byte, error) { return do("GET", url, token, "", nil) }

// signUp creates a patient account on the server at signUpURL, signs in on
// the one at logInURL (the same or another on the same database) and
// returns the bearer token.
func signUp(t *testing.T, signUpURL, logInURL, email, password string) string {
	t.Helper()
	creds, _ := json.Marshal(map[string]string{"email": email, "password": password})
	account, _ := json.Marshal(map[string]string{"email": email, "password": password, "role": "patient"})
	if st, b, err := post(signUpURL+"/api/v1/accounts", "", "application/json", account); err != nil || st != 201 {
		t.Fatalf("sign up on %s: %d %s %v", signUpURL, st, b, err)
	}
	st, b, err := post(logInURL+"/api/v1/login", "", "application/json", creds)
	if err != nil || st != 200 {
		t.Fatalf("log in on %s: %d %s %v", logInURL, st, b, err)
	}
	var login struct{ Token string }
	json.Unmarshal(b, &login)
	return login.Token
}

// do sends a request with the bearer token and body (if not empty) and
// returns the status and the body of the answer.
func do(method, url, token, ctype string, body []byte) (int, []byte, error) {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

// ack is an upload the server acknowledged.
type ack struct {
	id     int64
	body   []byte
	report json.RawMessage
}

// TestKillDuringUploads uploads recordings from several clients, kills the
// server with SIGKILL while uploads are in flight, restarts it, and checks
// that every acknowledged upload is there byte for byte with its report,
// and that every recording the server lists is one complete upload.
func TestKillDuringUploads(t *testing.T) {
	bin := buildBinary(t)
	dataDir := t.TempDir()
	srv := startServer(t, bin, "--data", dataDir, "--uploads-per-minute", "100000")

	token := signUp(t, srv.url, srv.url, "crash@example.test", "crash test password")

	// Every body that was ever sent, by digest, to recognise what is stored.
	var mu sync.Mutex
	sent := map[string][]byte{}
	var acks []ack
	var inFlight, started atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	const workers = 6
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				body := storetest.RecordingText(int64(w*100000+i), 300+(w*37+i*53)%600)
				sum := sha256.Sum256(body)
				mu.Lock()
				sent[hex.EncodeToString(sum[:])] = body
				mu.Unlock()
				inFlight.Add(1)
				started.Add(1)
				st, b, err := post(srv.url+"/api/v1/recordings", token, "application/x-ndjson", body)
				inFlight.Add(-1)
				if err != nil {
					return // the server died under us
				}
				if st != 201 {
					t.Errorf("upload: %d %s", st, b)
					return
				}
				var r struct {
					ID     int64
					SHA256 string
					Report json.RawMessage
				}
				if err := json.Unmarshal(b, &r); err != nil {
					t.Errorf("upload answer: %v", err)
					return
				}
				if r.SHA256 != hex.EncodeToString(sum[:]) {
					t.Errorf("upload %d: digest %s, want %x", r.ID, r.SHA256, sum)
				}
				mu.Lock()
				acks = append(acks, ack{r.ID, body, r.Report})
				mu.Unlock()
			}
		}()
	}
	// Let some uploads complete, then kill while others are in flight.
	deadline := time.Now().Add(60 * time.Second)
	for {
		mu.Lock()
		n := len(acks)
		mu.Unlock()
		if n >= 30 && inFlight.Load() >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d uploads acknowledged in 60 s", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
	killedInFlight := inFlight.Load()
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	<-srv.done
	t.Logf("killed with %d uploads in flight; %d acknowledged of %d started", killedInFlight, len(acks), started.Load())
	if killedInFlight < 1 {
		t.Fatalf("no upload was in flight at the kill")
	}

	srv2 := startServer(t, bin, "--data", dataDir, "--uploads-per-minute", "100000")
	// The session lives in the database, so the token still works.
	for _, a := range acks {
		st, got, err := get(fmt.Sprintf("%s/api/v1/recordings/%d", srv2.url, a.id), token)
		if err != nil || st != 200 {
			t.Fatalf("acknowledged recording %d after restart: %d %v", a.id, st, err)
		}
		if !bytes.Equal(got, a.body) {
			t.Errorf("recording %d: %d bytes differ from the %d acknowledged", a.id, len(got), len(a.body))
		}
		st, rep, err := get(fmt.Sprintf("%s/api/v1/recordings/%d/report", srv2.url, a.id), token)
		if err != nil || st != 200 {
			t.Fatalf("report %d after restart: %d %v", a.id, st, err)
		}
		if !bytes.Equal(bytes.TrimSpace(rep), bytes.TrimSpace(a.report)) {
			t.Errorf("report %d after restart:\n%s\nwant\n%s", a.id, rep, a.report)
		}
	}
	st, b, err := get(srv2.url+"/api/v1/recordings", token)
	if err != nil || st != 200 {
		t.Fatalf("list: %d %v", st, err)
	}
	var listed []stretchwise.StoredRecording
	if err := json.Unmarshal(b, &listed); err != nil {
		t.Fatal(err)
	}
	acked := map[int64]bool{}
	for _, a := range acks {
		acked[a.id] = true
	}
	extra := 0
	for _, r := range listed {
		if acked[r.ID] {
			continue
		}
		// Committed but the answer was lost in the kill: it must still be
		// one whole upload with its report.
		extra++
		_, got, err := get(fmt.Sprintf("%s/api/v1/recordings/%d", srv2.url, r.ID), token)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(got)
		if want, ok := sent[hex.EncodeToString(sum[:])]; !ok || !bytes.Equal(want, got) || r.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("unacknowledged recording %d (%d bytes) is not a whole upload", r.ID, len(got))
		}
		if r.Report == nil || r.Report.Verdict == "" {
			t.Errorf("unacknowledged recording %d has no report", r.ID)
		}
	}
	if len(listed) != len(acks)+extra || len(listed) < len(acks) {
		t.Errorf("listed %d recordings, acknowledged %d", len(listed), len(acks))
	}
	t.Logf("after restart: %d recordings, all %d acknowledged intact, %d committed without an answer", len(listed), len(acks), extra)

	// A backup taken while this server runs is a consistent database.
	out := filepath.Join(t.TempDir(), "backup.db")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"backup", "--data", dataDir, "-o", out}, Env{Stdout: &stdout, Stderr: &stderr}); code != 0 {
		t.Fatalf("backup exit %d: %s", code, stderr.String())
	}
	copyDir := t.TempDir()
	if err := os.Rename(out, sqlite.Path(copyDir)); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), copyDir)
	if err != nil {
		t.Fatalf("open backup: %v", err)
	}
	var ok string
	if err := db.Reader.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("backup integrity_check = %q, %v", ok, err)
	}
	var n int
	db.Reader.QueryRow(`SELECT COUNT(*) FROM recordings`).Scan(&n)
	if n != len(listed) {
		t.Errorf("backup holds %d recordings, want %d", n, len(listed))
	}
	db.Close()

	// SIGTERM shuts down gracefully: exit status 0 and a "stopped" line.
	if err := srv2.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-srv2.done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v\n%s", err, srv2.log())
		}
	case <-time.After(40 * time.Second):
		t.Fatal("no exit 40 s after SIGTERM")
	}
	if !strings.Contains(srv2.log(), `"msg":"stopped"`) {
		t.Errorf("no stopped log line:\n%s", srv2.log())
	}

	// The database itself: intact, and no recording without its bytes or
	// bytes without their recording.
	db, err = sqlite.Open(context.Background(), dataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Reader.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
	var orphans int
	db.Reader.QueryRow(`SELECT (SELECT COUNT(*) FROM recordings WHERE id NOT IN (SELECT recording_id FROM recording_data))
		+ (SELECT COUNT(*) FROM recording_data WHERE recording_id NOT IN (SELECT id FROM recordings))`).Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d recordings without data or data without recording", orphans)
	}
}

// TestUploadReportIsTheEngines checks that the report the server stores
// for an upload is the analysis engine's report of the uploaded bytes, the
// same as `stretchwise analyze --json` gives.
func TestUploadReportIsTheEngines(t *testing.T) {
	text := storetest.RecordingText(11, 240)
	var stdout, stderr bytes.Buffer
	file := filepath.Join(t.TempDir(), "rec.jsonl")
	if err := os.WriteFile(file, text, 0o600); err != nil {
		t.Fatal(err)
	}
	if code := run(context.Background(), []string{"analyze", "--json", file}, Env{Stdout: &stdout, Stderr: &stderr}); code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, stderr.String())
	}
	var want stretchwise.Report
	if err := json.Unmarshal(stdout.Bytes(), &want); err != nil {
		t.Fatalf("analyze output: %v", err)
	}

	srv := startServer(t, buildBinary(t), "--data", t.TempDir())
	token := signUp(t, srv.url, srv.url, "r@example.test", "report test pw")
	st, b, err := post(srv.url+"/api/v1/recordings", token, "application/x-ndjson", text)
	if err != nil || st != 201 {
		t.Fatalf("upload: %d %s %v", st, b, err)
	}
	var up struct{ ID int64 }
	json.Unmarshal(b, &up)
	_, b, _ = get(fmt.Sprintf("%s/api/v1/recordings/%d/report", srv.url, up.ID), token)
	var got stretchwise.Report
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	gotJSON, _ := json.Marshal(got)
	wantJSON, _ := json.Marshal(want)
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("stored report\n%s\ndiffers from stretchwise analyze --json\n%s", gotJSON, wantJSON)
	}
	if len(got.Measures) == 0 && len(got.Reasons) == 0 {
		t.Errorf("empty report: %s", gotJSON)
	}
}
