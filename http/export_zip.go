package http

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/stretchwise/stretchwise"
)

// exportReadme opens every export: what each file holds, in plain words.
const exportReadme = `Everything this stretchwise server keeps about your account.

account.json         your account and the clinicians or patients you are linked with
intakes.json         your answers to the first questions
plans.json           the exercise plans made for you
sessions.json        your exercise sessions, with each set, its pain and effort ratings
checkins.json        your next-morning check-ins
recordings.json      the list of your recordings with the result of each
recordings/          each recording: the body points found in each camera picture
                     (no picture or video was ever stored)
issue-reports.json   the problems you reported, with their pictures and recordings
                     in issue-reports/
access-log.json      every time someone else (a clinician you linked) looked at your data
`

// handleExportAll streams a ZIP of everything stored about the signed-in
// account. At most one recording or attachment is in memory at a time,
// within the limiter's budget; the lists of documents are small. An error after the first byte aborts the
// connection, so a download that broke off is never a valid ZIP.
func (s *Server) handleExportAll(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	ctx := r.Context()
	links, err := s.store.ListLinks(ctx, u.ID, u.Role)
	if err != nil {
		return err
	}
	download(w, "application/zip", fmt.Sprintf("stretchwise-%s.zip", s.now().UTC().Format("2006-01-02")))
	zw := zip.NewWriter(w)
	modified := s.now()
	put := func(name string, write func(io.Writer) error) {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err == nil {
			err = write(f)
		}
		if err != nil {
			s.logger.ErrorContext(ctx, "export", "user", u.ID, "file", name, "err", err)
			panic(http.ErrAbortHandler)
		}
	}
	putJSON := func(name string, v any) {
		put(name, func(f io.Writer) error {
			enc := json.NewEncoder(f)
			enc.SetIndent("", "  ")
			return enc.Encode(v)
		})
	}
	// Each recording or attachment is read and written under the limiter,
	// charged twice its size (the bytes at rest and decoded), like every
	// other expensive piece of work. When the limiter has no room within
	// its wait the export is aborted: the ZIP has started, so no 503 can
	// be sent any more.
	key := "user:" + strconv.FormatInt(u.ID, 10)
	putBytes := func(name string, size int64, load func() ([]byte, error)) {
		put(name, func(f io.Writer) error {
			release, err := s.acquireWork(ctx, key, classExport, 2*size, 1)
			if err != nil {
				return err
			}
			defer release()
			b, err := load()
			if err == nil {
				_, err = f.Write(b)
			}
			return err
		})
	}
	must := func(err error) {
		if err != nil {
			s.logger.ErrorContext(ctx, "export", "user", u.ID, "err", err)
			panic(http.ErrAbortHandler)
		}
	}
	put("README.txt", func(f io.Writer) error { _, err := io.WriteString(f, exportReadme); return err })
	putJSON("account.json", map[string]any{"user": u, "links": links, "exported_at": modified.UTC().Format(time.RFC3339)})
	for _, kind := range []stretchwise.DocumentKind{stretchwise.DocIntake, stretchwise.DocPlan, stretchwise.DocSession, stretchwise.DocCheckIn} {
		docs, err := s.store.ListDocuments(ctx, u.ID, kind)
		must(err)
		putJSON(string(kind)+"s.json", docs)
	}
	recs, err := s.store.ListRecordings(ctx, u.ID)
	must(err)
	putJSON("recordings.json", recs)
	for _, rec := range recs {
		putBytes(fmt.Sprintf("recordings/%d.jsonl", rec.ID), rec.Size, func() ([]byte, error) { return s.store.RecordingData(ctx, rec.ID) })
	}
	reps, err := s.store.ListIssueReports(ctx, []int64{u.ID})
	must(err)
	putJSON("issue-reports.json", reps)
	for _, rep := range reps {
		if rep.ScreenshotSize > 0 {
			putBytes(fmt.Sprintf("issue-reports/%d-screenshot.png", rep.ID), rep.ScreenshotSize, func() ([]byte, error) { return s.store.IssueReportScreenshot(ctx, rep.ID) })
		}
		if rep.RecordingSize > 0 {
			putBytes(fmt.Sprintf("issue-reports/%d-recording.jsonl", rep.ID), rep.RecordingSize, func() ([]byte, error) { return s.store.IssueReportRecording(ctx, rep.ID) })
		}
	}
	log, err := s.store.ListAuditEntries(ctx, u.ID)
	must(err)
	putJSON("access-log.json", log)
	must(zw.Close())
	s.logger.InfoContext(ctx, "exported", "user", u.ID, "recordings", len(recs))
	return nil
}
