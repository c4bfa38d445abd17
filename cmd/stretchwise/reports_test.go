package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/storetest"
)

// TestReportsListAndExport files two reports into a data folder and checks
// that list shows both and export writes their text, screenshots and
// recordings byte for byte, in JSON and CSV.
func TestReportsListAndExport(t *testing.T) {
	dir, db, u := dataWithPatient(t)
	ctx := context.Background()
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 500)...)
	rec := storetest.RecordingText(4, 30)
	with := &stretchwise.IssueReport{UserID: u.ID, Role: u.Role, What: "Timer, \"stuck\"\nat 5 s", Expected: "counts on", AppVersion: "0.1.0", Page: "/session"}
	if err := db.CreateIssueReport(ctx, with, png, rec); err != nil {
		t.Fatal(err)
	}
	bare := &stretchwise.IssueReport{UserID: u.ID, Role: u.Role, What: "Second", Page: "/plan"}
	if err := db.CreateIssueReport(ctx, bare, nil, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()

	runCmd := func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := run(ctx, append([]string{"reports"}, args...), Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb})
		return out.String(), errb.String(), code
	}
	out, stderr, code := runCmd("--data", dir, "list")
	if code != 0 || !strings.Contains(out, "Timer, \"stuck\" at 5 s") || !strings.Contains(out, "Second") || !strings.Contains(out, u.Email) {
		t.Errorf("list: exit %d, stdout %q, stderr %q", code, out, stderr)
	}

	for _, format := range []string{"json", "csv"} {
		exp := filepath.Join(t.TempDir(), "export")
		if _, stderr, code := runCmd("export", "--data", dir, "--format", format, "-o", exp); code != 0 {
			t.Fatalf("export %s: exit %d: %s", format, code, stderr)
		}
		gotPNG, err := os.ReadFile(filepath.Join(exp, "issue-1.png"))
		if err != nil || !bytes.Equal(gotPNG, png) {
			t.Errorf("%s: screenshot %d bytes (%v), want %d", format, len(gotPNG), err, len(png))
		}
		gotRec, err := os.ReadFile(filepath.Join(exp, "issue-1.jsonl"))
		if err != nil || !bytes.Equal(gotRec, rec) {
			t.Errorf("%s: recording %d bytes (%v), want %d", format, len(gotRec), err, len(rec))
		}
		if _, err := os.Stat(filepath.Join(exp, "issue-2.png")); !os.IsNotExist(err) {
			t.Errorf("%s: a screenshot file for a report without one: %v", format, err)
		}
		data, err := os.ReadFile(filepath.Join(exp, "reports."+format))
		if err != nil {
			t.Fatal(err)
		}
		var whats []string
		if format == "json" {
			var got []exportedReport
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatal(err)
			}
			for _, r := range got {
				whats = append(whats, r.What)
			}
		} else {
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows[1:] {
				whats = append(whats, r[7])
			}
		}
		if want := []string{"Second", with.What}; strings.Join(whats, "|") != strings.Join(want, "|") {
			t.Errorf("%s: reports %q, want %q", format, whats, want)
		}
	}

	for _, bad := range [][]string{{"--data", dir}, {"--data", dir, "export"}, {"--data", dir, "delete"}, {"--data", dir, "list", "--format", "xml"}} {
		if _, _, code := runCmd(bad...); code != 2 {
			t.Errorf("reports %q: exit %d, want 2 (usage)", bad, code)
		}
	}
	if _, _, code := runCmd("--data", filepath.Join(dir, "missing"), "list"); code == 0 {
		t.Errorf("list of a missing data folder succeeded")
	}
}
