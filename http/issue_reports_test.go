package http_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/storetest"
)

// pngBytes is a tiny valid PNG header followed by arbitrary bytes; the
// server checks the magic and stores the bytes as sent.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{1, 2, 3, 250}, 300)...)

func (f *fixture) fileIssue(a *account, body map[string]any) stretchwise.IssueReport {
	f.t.Helper()
	var rep stretchwise.IssueReport
	f.mustJSON(f.do(req{method: "POST", path: "/api/v1/issue-reports", token: a.token, ctype: "application/json", body: jsonBody(body)}), 201, &rep)
	return rep
}

// TestIssueReportsRoundTrip files a report with both attachments and reads
// every part back as the reporter: the text and the bytes arrive intact.
func TestIssueReportsRoundTrip(t *testing.T) {
	f := newFixture(t)
	rec := string(storetest.RecordingText(7, 40))
	rep := f.fileIssue(f.a, map[string]any{
		"what": "The hold timer stopped — ü ✓", "expected": "It keeps counting", "app_version": "0.1.0",
		"page": "/session", "screenshot_png": "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngBytes), "recording": rec,
	})
	if rep.UserID != f.a.user.ID || rep.ScreenshotSize != int64(len(pngBytes)) || rep.RecordingSize != int64(len(rec)) || rep.Page != "/session" {
		t.Fatalf("stored %+v", rep)
	}
	var got stretchwise.IssueReport
	f.mustJSON(f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/issue-reports/%d", rep.ID), token: f.a.token}), 200, &got)
	if got.What != "The hold timer stopped — ü ✓" || got.Expected != "It keeps counting" || got.AppVersion != "0.1.0" {
		t.Errorf("read back %+v", got)
	}
	shot := f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/issue-reports/%d/screenshot", rep.ID), token: f.a.token})
	if shot.status != 200 || shot.header.Get("Content-Type") != "image/png" || !bytes.Equal(shot.body, pngBytes) {
		t.Errorf("screenshot: status %d, type %q, %d bytes", shot.status, shot.header.Get("Content-Type"), len(shot.body))
	}
	data := f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/issue-reports/%d/recording", rep.ID), token: f.a.token})
	if data.status != 200 || string(data.body) != rec {
		t.Errorf("recording: status %d, %d bytes, want %d", data.status, len(data.body), len(rec))
	}
	// Without the box ticked there is no recording to fetch.
	bare := f.fileIssue(f.a, map[string]any{"what": "No attachments"})
	if r := f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/issue-reports/%d/recording", bare.ID), token: f.a.token}); r.status != 404 {
		t.Errorf("recording of a report without one: status %d, want 404", r.status)
	}
}

// TestIssueReportsCrossAccount reads A's report as A, as A's linked
// clinician C, as another patient B, as unlinked clinician D and without
// credentials; only A and C may see it, and lists hold only what each may
// see.
func TestIssueReportsCrossAccount(t *testing.T) {
	f := newFixture(t)
	repA := f.fileIssue(f.a, map[string]any{"what": "A's problem", "screenshot_png": base64.StdEncoding.EncodeToString(pngBytes), "recording": string(storetest.RecordingText(3, 20))})
	repB := f.fileIssue(f.b, map[string]any{"what": "B's problem"})
	repC := f.fileIssue(f.c, map[string]any{"what": "C's own problem"})
	for _, path := range []string{"", "/screenshot", "/recording"} {
		p := fmt.Sprintf("/api/v1/issue-reports/%d%s", repA.ID, path)
		cases := []struct {
			name string
			a    *account
			want int
		}{
			{"owner", f.a, 200},
			{"linked clinician", f.c, 200},
			{"other patient", f.b, 404},
			{"unlinked clinician", f.d, 404},
			{"no credentials", nil, 401},
		}
		for _, c := range cases {
			r := req{method: "GET", path: p}
			if c.a != nil {
				r.token = c.a.token
			}
			if got := f.do(r); got.status != c.want {
				t.Errorf("%s GET %s: status %d, want %d (%s)", c.name, p, got.status, c.want, got.body)
			}
		}
	}
	// The linked clinician's own report stays theirs; the patient cannot see it.
	if r := f.do(req{method: "GET", path: fmt.Sprintf("/api/v1/issue-reports/%d", repC.ID), token: f.a.token}); r.status != 404 {
		t.Errorf("patient reads their clinician's report: status %d, want 404", r.status)
	}
	lists := []struct {
		name string
		a    *account
		path string
		want []int64
	}{
		{"A's list", f.a, "/api/v1/issue-reports", []int64{repA.ID}},
		{"B's list", f.b, "/api/v1/issue-reports", []int64{repB.ID}},
		{"C's list: own and linked A", f.c, "/api/v1/issue-reports", []int64{repC.ID, repA.ID}},
		{"C's list of A", f.c, fmt.Sprintf("/api/v1/issue-reports?patient=%d", f.a.user.ID), []int64{repA.ID}},
		{"D's list", f.d, "/api/v1/issue-reports", nil},
	}
	for _, l := range lists {
		var got []stretchwise.IssueReport
		f.mustJSON(f.do(req{method: "GET", path: l.path, token: l.a.token}), 200, &got)
		var ids []int64
		for _, r := range got {
			ids = append(ids, r.ID)
		}
		if fmt.Sprint(ids) != fmt.Sprint(l.want) {
			t.Errorf("%s: %v, want %v", l.name, ids, l.want)
		}
	}
	for _, c := range []struct {
		name string
		a    *account
		path string
		want int
	}{
		{"D lists A's", f.d, fmt.Sprintf("/api/v1/issue-reports?patient=%d", f.a.user.ID), 404},
		{"B lists A's", f.b, fmt.Sprintf("/api/v1/issue-reports?patient=%d", f.a.user.ID), 404},
		{"no credentials list", nil, "/api/v1/issue-reports", 401},
	} {
		r := req{method: "GET", path: c.path}
		if c.a != nil {
			r.token = c.a.token
		}
		if got := f.do(r); got.status != c.want {
			t.Errorf("%s: status %d, want %d", c.name, got.status, c.want)
		}
	}
	if r := f.do(req{method: "POST", path: "/api/v1/issue-reports", ctype: "application/json", body: jsonBody(map[string]string{"what": "x"})}); r.status != 401 {
		t.Errorf("filing without credentials: status %d, want 401", r.status)
	}
}

// TestIssueReportsRejects checks the input rules and size limits.
func TestIssueReportsRejects(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name  string
		body  string
		ctype string
		want  int
		code  string
	}{
		{"empty what", `{"what":"  "}`, "application/json", 400, stretchwise.EINVALID},
		{"too long", `{"what":"` + strings.Repeat("x", 4001) + `"}`, "application/json", 400, stretchwise.EINVALID},
		{"unknown field", `{"what":"x","email":"y"}`, "application/json", 400, stretchwise.EINVALID},
		{"not a png", `{"what":"x","screenshot_png":"` + base64.StdEncoding.EncodeToString([]byte("GIF89a....")) + `"}`, "application/json", 400, stretchwise.EINVALID},
		{"not base64", `{"what":"x","screenshot_png":"!!!"}`, "application/json", 400, stretchwise.EINVALID},
		{"screenshot too large", `{"what":"x","screenshot_png":"` + base64.StdEncoding.EncodeToString(append(append([]byte{}, pngBytes...), make([]byte, 8<<20)...)) + `"}`, "application/json", 413, stretchwise.ETOOLARGE},
		{"bad recording", `{"what":"x","recording":"not a recording\n"}`, "application/json", 400, stretchwise.EINVALID},
		{"page not a path", `{"what":"x","page":"https://elsewhere.example/"}`, "application/json", 400, stretchwise.EINVALID},
		{"not json", `what=x`, "application/x-www-form-urlencoded", 415, stretchwise.EMEDIATYPE},
	}
	for _, c := range cases {
		r := f.do(req{method: "POST", path: "/api/v1/issue-reports", token: f.a.token, ctype: c.ctype, body: []byte(c.body)})
		if r.status != c.want || errorCode(r.body) != c.code {
			t.Errorf("%s: status %d code %q, want %d %q", c.name, r.status, errorCode(r.body), c.want, c.code)
		}
	}
	var list []json.RawMessage
	f.mustJSON(f.do(req{method: "GET", path: "/api/v1/issue-reports", token: f.a.token}), 200, &list)
	if len(list) != 0 {
		t.Errorf("%d reports stored from rejected requests", len(list))
	}
}
