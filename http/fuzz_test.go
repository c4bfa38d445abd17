package http

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/sqlite"
	"github.com/stretchwise/stretchwise/storetest"
)

// issueFuzzEnv is a server on SQLite in a temporary directory with one
// patient, whose clock moves on an hour at every reading so that the
// reports-per-hour limit never answers in place of the decoder.
type issueFuzzEnv struct {
	s     *Server
	store stretchwise.Store
	user  *stretchwise.User
	// lastID is the newest report's id: a refused request must not add one.
	lastID int64
}

func newIssueFuzzEnv(f *testing.F) *issueFuzzEnv {
	f.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	u := &stretchwise.User{Email: "fuzz@example.test", Role: stretchwise.RolePatient}
	if err := db.CreateUser(ctx, u, "not a real hash"); err != nil {
		f.Fatal(err)
	}
	cfg := DefaultConfig
	// Small recording limits, so the fuzzer reaches them.
	cfg.MaxRecordingBytes = 64 << 10
	cfg.MaxRecordingFrames = 20
	var hours atomic.Int64
	start := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	s := NewServer(Options{
		Store: db, Config: cfg, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { return start.Add(time.Duration(hours.Add(1)) * time.Hour) },
	})
	return &issueFuzzEnv{s: s, store: db, user: u}
}

// post sends body to the issue report handler as the signed-in patient.
func (e *issueFuzzEnv) post(body []byte) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/api/v1/issue-reports", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	if err := e.s.handleCreateIssueReport(w, r, e.user); err != nil {
		e.s.Error(w, r, err)
	}
	return w
}

// check holds the handler to its contract for one request body:
//   - the answer is 201 with the stored report, or 400 or 413 with an
//     error document: never a panic, a 500 or any other status;
//   - only a single valid JSON value is accepted;
//   - an accepted report is stored exactly as sent (the text fields, the
//     screenshot's decoded bytes, the recording's bytes), and what is
//     stored passes the rules (a PNG, a readable recording, text within
//     its lengths);
//   - a refused report stores nothing.
func (e *issueFuzzEnv) check(t *testing.T, body []byte) {
	ctx := context.Background()
	w := e.post(body)
	switch w.Code {
	case http.StatusCreated:
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		var doc struct {
			Error struct{ Code, Message string }
		}
		if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil || doc.Error.Code == "" || doc.Error.Message == "" {
			t.Fatalf("status %d without an error document: %q", w.Code, w.Body.String())
		}
		if _, err := e.store.FindIssueReport(ctx, e.lastID+1); stretchwise.ErrorCode(err) != stretchwise.ENOTFOUND {
			t.Fatalf("refused (%d %s) but report %d exists (err %v)", w.Code, doc.Error.Message, e.lastID+1, err)
		}
		return
	default:
		t.Fatalf("status %d for body %q: %s", w.Code, body, w.Body.String())
	}

	if !json.Valid(body) {
		t.Fatalf("accepted a body that is not JSON: %q", body)
	}
	var in issueReportRequest
	if err := json.Unmarshal(body, &in); err != nil {
		t.Fatalf("accepted a body encoding/json cannot read into the request: %v", err)
	}
	var got stretchwise.IssueReport
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatalf("201 body: %v", err)
	}
	if got.ID != e.lastID+1 {
		t.Fatalf("stored as report %d, want %d", got.ID, e.lastID+1)
	}
	e.lastID = got.ID
	stored, err := e.store.FindIssueReport(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.What != in.What || stored.Expected != in.Expected || stored.AppVersion != in.AppVersion || stored.Page != in.Page || stored.UserID != e.user.ID {
		t.Fatalf("stored %+v, sent %+v", stored, in)
	}
	if strings.TrimSpace(stored.What) == "" {
		t.Fatalf("stored a report without saying what happened: %q", stored.What)
	}
	for _, f := range []struct {
		v   string
		max int
	}{{stored.What, stretchwise.MaxIssueTextChars}, {stored.Expected, stretchwise.MaxIssueTextChars}, {stored.AppVersion, stretchwise.MaxIssueFieldChars}, {stored.Page, stretchwise.MaxIssueFieldChars}} {
		if !utf8.ValidString(f.v) || utf8.RuneCountInString(f.v) > f.max {
			t.Fatalf("stored a field that breaks its rule: %q", f.v)
		}
	}
	if stored.Page != "" && stored.Page[0] != '/' {
		t.Fatalf("stored page %q", stored.Page)
	}

	png, err := e.store.IssueReportScreenshot(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	var wantPNG []byte
	if in.ScreenshotPNG != "" {
		wantPNG, err = base64.StdEncoding.DecodeString(strings.TrimPrefix(in.ScreenshotPNG, "data:image/png;base64,"))
		if err != nil {
			t.Fatalf("accepted a screenshot that is not base64: %v", err)
		}
	}
	if !bytes.Equal(png, wantPNG) || stored.ScreenshotSize != int64(len(wantPNG)) {
		t.Fatalf("screenshot stored as %d bytes (size %d), sent %d", len(png), stored.ScreenshotSize, len(wantPNG))
	}
	if len(png) > 0 && (!bytes.HasPrefix(png, pngMagic) || len(png) > maxIssueScreenshotBytes) {
		t.Fatalf("stored a screenshot that is not a PNG within the limit: %d bytes, starts %q", len(png), png[:min(len(png), 8)])
	}

	rec, err := e.store.IssueReportRecording(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if string(rec) != in.Recording || stored.RecordingSize != int64(len(in.Recording)) {
		t.Fatalf("recording stored as %d bytes (size %d), sent %d", len(rec), stored.RecordingSize, len(in.Recording))
	}
	if len(rec) > 0 {
		if _, err := recording.Read(bytes.NewReader(rec), recording.Limits{MaxBytes: e.s.cfg.MaxRecordingBytes, MaxFrames: e.s.cfg.MaxRecordingFrames}); err != nil {
			t.Fatalf("stored a recording the reader refuses: %v", err)
		}
	}
}

// issueSeeds are report bodies for both fuzz targets: valid ones with and
// without attachments, and the ways a body goes wrong.
func issueSeeds() []string {
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	rec := string(storetest.RecordingText(3, 4))
	full, _ := json.Marshal(issueReportRequest{
		What: "The hold timer stopped — ü ✓", Expected: "It keeps counting", AppVersion: "0.1.0", Page: "/session",
		ScreenshotPNG: "data:image/png;base64," + base64.StdEncoding.EncodeToString([]byte(png)), Recording: rec,
	})
	bare, _ := json.Marshal(issueReportRequest{What: "x", ScreenshotPNG: base64.StdEncoding.EncodeToString([]byte(png))})
	return []string{
		string(full), string(bare),
		`{"what":"froze"}`,
		`{"what":"  "}`,
		`{"what":"a","page":"session"}`,
		`{"what":"a","screenshot_png":"data:image/png;base64,R0lGODlh"}`,
		`{"what":"a","screenshot_png":"not base64!"}`,
		`{"what":"a","recording":"{\"format\":\"stretchwise-recording\"}\n"}`,
		`{"what":"a","extra":1}`,
		`{"what":"a"} {"what":"b"}`,
		`{"what":"\ud800"}`,
		`{"what":1}`,
		`[]`, `null`, ``, `{"what":"a"`, "\xff",
	}
}

// FuzzIssueReportRequest feeds arbitrary bodies to POST
// /api/v1/issue-reports (the JSON decoder, the field rules, the base64
// screenshot, the recording reader and the store).
//
//	go test ./http -run '^$' -fuzz FuzzIssueReportRequest -fuzztime 3m
func FuzzIssueReportRequest(f *testing.F) {
	for _, s := range issueSeeds() {
		f.Add([]byte(s))
	}
	e := newIssueFuzzEnv(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		e.check(t, body)
	})
}

// FuzzIssueReportFields builds well-formed JSON from arbitrary field
// values, so the fuzzer spends its time on the rules behind the decoder
// rather than on JSON syntax: the screenshot's bytes are sent base64
// encoded (as a data: URL or bare), the recording as text.
//
//	go test ./http -run '^$' -fuzz FuzzIssueReportFields -fuzztime 3m
func FuzzIssueReportFields(f *testing.F) {
	for _, s := range issueSeeds() {
		var in issueReportRequest
		if json.Unmarshal([]byte(s), &in) != nil {
			continue
		}
		png, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(in.ScreenshotPNG, "data:image/png;base64,"))
		if err != nil {
			png = []byte(in.ScreenshotPNG)
		}
		f.Add(in.What, in.Expected, in.AppVersion, in.Page, png, strings.HasPrefix(in.ScreenshotPNG, "data:"), in.Recording)
	}
	e := newIssueFuzzEnv(f)
	f.Fuzz(func(t *testing.T, what, expected, version, page string, png []byte, dataURL bool, rec string) {
		in := issueReportRequest{What: what, Expected: expected, AppVersion: version, Page: page, Recording: rec}
		if len(png) > 0 {
			in.ScreenshotPNG = base64.StdEncoding.EncodeToString(png)
			if dataURL {
				in.ScreenshotPNG = "data:image/png;base64," + in.ScreenshotPNG
			}
		}
		body, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		// What the server reads back (encoding/json replaces invalid UTF-8 with U+FFFD).
		var sent issueReportRequest
		if err := json.Unmarshal(body, &sent); err != nil {
			t.Fatal(err)
		}
		before := e.lastID
		e.check(t, body)
		accepted := e.lastID != before
		// The rules that must refuse, whatever else the request holds.
		var why string
		switch {
		case strings.TrimSpace(sent.What) == "":
			why = "no what"
		case sent.Page != "" && !strings.HasPrefix(sent.Page, "/"):
			why = "page not a path"
		case len(png) > 0 && !bytes.HasPrefix(png, pngMagic):
			why = "screenshot not a PNG"
		case utf8.RuneCountInString(sent.What) > stretchwise.MaxIssueTextChars || utf8.RuneCountInString(sent.Expected) > stretchwise.MaxIssueTextChars:
			why = "text too long"
		case utf8.RuneCountInString(sent.AppVersion) > stretchwise.MaxIssueFieldChars || utf8.RuneCountInString(sent.Page) > stretchwise.MaxIssueFieldChars:
			why = "field too long"
		}
		if why != "" && accepted {
			t.Fatalf("accepted a report that must be refused (%s): %s", why, body)
		}
		// And the other way round: a report every rule allows is stored.
		if why == "" && !accepted {
			// Only the recording is left to refuse it.
			_, recErr := recording.Read(strings.NewReader(sent.Recording), recording.Limits{MaxBytes: e.s.cfg.MaxRecordingBytes, MaxFrames: e.s.cfg.MaxRecordingFrames})
			if sent.Recording == "" || recErr == nil {
				t.Fatalf("refused a report every rule allows: %s", body)
			}
		}
	})
}

// FuzzDocumentValidators feeds arbitrary bodies to the intake and check-in
// validators: they must never panic, and what they accept must validate
// again to the same bytes (what is stored is what was checked).
//
//	go test -run '^$' -fuzz FuzzDocumentValidators -fuzztime 30s ./http
func FuzzDocumentValidators(f *testing.F) {
	for _, seed := range []string{
		`{"age":45,"red_flags":["night_pain"],"start_back":[0,1,0,0,0,0,0,0,0],"odi":[1,2,0,null,1,0,0,0,1,0],"nprs":4}`,
		`{"age":45,"red_flag_answers":[{"flag":"fever","answer":"no"}],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,null,null],"nprs":0,"new_pain":true}`,
		`{"red_flag_answers":[{"flag":"bladder_bowel","answer":"yes","answered_at":"2026-12-07T10:00:00Z"}]}`,
		`{"date":"2026-11-21","pain":3,"leg_pain":0,"stiffness":2,"notes":"ok"}`,
		`{"pain":11}`, `{"age":1e400}`, `[]`, `null`, `{"age":45,`, "\xff",
	} {
		f.Add([]byte(seed))
	}
	// The intake's validator reads the patient's safety state (a warning sign in force): an empty store.
	db, err := sqlite.Open(context.Background(), f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	s := &Server{store: db, now: func() time.Time { return time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC) }}
	validators := map[string]validator{"intake": s.validateIntake, "checkin": validateCheckInBody}
	r := httptest.NewRequest("POST", "/api/v1/intakes", nil)
	stored := func(v validator, body []byte) ([]byte, error) {
		doc, err := v(r, &stretchwise.User{ID: 1, Role: stretchwise.RolePatient}, body)
		if err != nil {
			return nil, err
		}
		return json.Marshal(doc)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for name, v := range validators {
			out, err := stored(v, body)
			if err != nil {
				continue
			}
			again, err := stored(v, out)
			if err != nil {
				t.Fatalf("%s: accepted %q but not its stored form %q: %v", name, body, out, err)
			}
			if !bytes.Equal(again, out) {
				t.Fatalf("%s: stored form changes on re-validation: %q then %q", name, out, again)
			}
		}
	})
}
