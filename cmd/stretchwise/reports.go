package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/postgres"
	"github.com/stretchwise/stretchwise/sqlite"
)

// reportsCommand lists and exports the issue reports people filed from the
// app ("Report an issue"), for the administrator of this server. It reads
// the database directly; nothing is sent anywhere.
type reportsCommand struct{ Env }

func newReportsCommand(env Env) Command { return &reportsCommand{env} }

const reportsUsage = "stretchwise reports [--data DIR] [--db URL] list|export [--format text|json|csv] [-o DIR]"

// exportedReport is one report as the export writes it: the stored
// metadata, the reporter's email, and the attachment files' names.
type exportedReport struct {
	stretchwise.IssueReport
	Email          string `json:"email"`
	ScreenshotFile string `json:"screenshot_file,omitempty"`
	RecordingFile  string `json:"recording_file,omitempty"`
}

const reportsHelp = "Usage: " + reportsUsage + `

list prints every issue report, newest first; export writes them to a folder:
reports.json or reports.csv, issue-ID.png (the screenshot) and issue-ID.jsonl (the
recording, when the person agreed to attach it).
`

func (c *reportsCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("reports", c.Stderr, reportsHelp)
	openStore := existingStoreFlags(fs)
	format := fs.String("format", "", "output format: text (list only), json or csv [list: text, export: json]")
	out := fs.String("o", "", "export: write the reports and their screenshots (PNG) and recordings into `DIR`")
	// Flags may come before and after the action.
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError(reportsUsage)
	}
	action := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected arguments %q", fs.Args())
	}
	switch {
	case action != "list" && action != "export":
		return usageError("unknown action %q: want list or export", action)
	case action == "export" && *out == "":
		return usageError("export needs -o DIR")
	case action == "list" && *out != "":
		return usageError("-o is for export")
	}
	f := *format
	if f == "" {
		f = map[string]string{"list": "text", "export": "json"}[action]
	}
	if f != "json" && f != "csv" && !(f == "text" && action == "list") {
		return usageError("--format %q: want json or csv (or text for list)", f)
	}

	store, err := openStore(ctx)
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	defer store.Close()

	list, err := store.ListIssueReports(ctx, nil)
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	reports := make([]exportedReport, len(list))
	for i, r := range list {
		reports[i].IssueReport = *r
		if u, err := store.FindUserByID(ctx, r.UserID); err == nil {
			reports[i].Email = u.Email
		}
	}
	if action == "list" {
		return c.write(reports, f, nil)
	}
	if err := os.MkdirAll(*out, 0o700); err != nil {
		return fmt.Errorf("reports: create %s: %w", *out, err)
	}
	for i := range reports {
		r := &reports[i]
		for _, a := range []struct {
			size int64
			file *string
			name string
			read func(context.Context, int64) ([]byte, error)
		}{
			{r.ScreenshotSize, &r.ScreenshotFile, "issue-%d.png", store.IssueReportScreenshot},
			{r.RecordingSize, &r.RecordingFile, "issue-%d.jsonl", store.IssueReportRecording},
		} {
			if a.size <= 0 {
				continue
			}
			b, err := a.read(ctx, r.ID)
			if err != nil {
				return fmt.Errorf("reports: report %d: %w", r.ID, err)
			}
			*a.file = fmt.Sprintf(a.name, r.ID)
			if err := writeFileAtomic(filepath.Join(*out, *a.file), b); err != nil {
				return err
			}
		}
	}
	name := filepath.Join(*out, "reports."+f)
	var buf strings.Builder
	if err := c.write(reports, f, &buf); err != nil {
		return err
	}
	if err := writeFileAtomic(name, []byte(buf.String())); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "%d issue reports written to %s\n", len(reports), *out)
	return nil
}

// write prints the reports in format f to w (standard output when nil).
func (c *reportsCommand) write(reports []exportedReport, f string, w *strings.Builder) error {
	var dst interface{ Write([]byte) (int, error) } = c.Stdout
	if w != nil {
		dst = w
	}
	switch f {
	case "json":
		enc := json.NewEncoder(dst)
		enc.SetIndent("", "  ")
		if reports == nil {
			reports = []exportedReport{}
		}
		return enc.Encode(reports)
	case "csv":
		cw := csv.NewWriter(dst)
		cw.Write([]string{"id", "created_at", "user_id", "email", "role", "page", "app_version", "what", "expected",
			"user_agent", "screenshot_bytes", "recording_bytes", "screenshot_file", "recording_file"})
		for _, r := range reports {
			cw.Write([]string{strconv.FormatInt(r.ID, 10), r.CreatedAt.Format(time.RFC3339), strconv.FormatInt(r.UserID, 10),
				r.Email, string(r.Role), r.Page, r.AppVersion, r.What, r.Expected, r.UserAgent,
				strconv.FormatInt(r.ScreenshotSize, 10), strconv.FormatInt(r.RecordingSize, 10), r.ScreenshotFile, r.RecordingFile})
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(dst, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFILED (UTC)\tUSER\tROLE\tPAGE\tSCREENSHOT\tRECORDING\tWHAT HAPPENED")
	for _, r := range reports {
		what := strings.Join(strings.Fields(r.What), " ")
		if len([]rune(what)) > 60 {
			what = string([]rune(what)[:59]) + "…"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d B\t%d B\t%s\n", r.ID, r.CreatedAt.Format("2006-01-02 15:04"),
			r.Email, r.Role, r.Page, r.ScreenshotSize, r.RecordingSize, what)
	}
	return tw.Flush()
}

// existingStoreFlags adds --data and --db to fs and returns the opener of
// the store they name (openExistingStore).
func existingStoreFlags(fs *flag.FlagSet) func(context.Context) (stretchwise.Store, error) {
	dataDir := fs.String("data", "data", "data `DIR` of the server (SQLite)")
	dbURL := fs.String("db", "", "PostgreSQL `URL` instead of SQLite (postgres://...)")
	return func(ctx context.Context) (stretchwise.Store, error) { return openExistingStore(ctx, *dataDir, *dbURL) }
}

// openExistingStore opens the server's database for an administrator's
// command: PostgreSQL when dbURL is given, else the SQLite file of dataDir,
// which must exist (a mistyped folder is an error, not a new database).
func openExistingStore(ctx context.Context, dataDir, dbURL string) (stretchwise.Store, error) {
	if dbURL != "" {
		if !strings.HasPrefix(dbURL, "postgres://") && !strings.HasPrefix(dbURL, "postgresql://") {
			return nil, usageError("--db must be a postgres:// URL")
		}
		return postgres.Open(ctx, dbURL)
	}
	if _, err := os.Stat(sqlite.Path(dataDir)); err != nil {
		return nil, fmt.Errorf("no database at %s: %w", sqlite.Path(dataDir), err)
	}
	return sqlite.Open(ctx, dataDir)
}
