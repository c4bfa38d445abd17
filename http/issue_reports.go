package http

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/recording"
)

// Limits of an issue report. Our choice: a full-page PNG of the app is a
// few hundred KiB (flat colours compress well), 8 MiB allows a tall page
// on a high-density screen; the recording attached is the session's (a
// set lasts minutes: a 60 s recording is 3.6 MB), so 16 MiB is ample; the
// text fields hold a few paragraphs; a person reports a handful of
// problems a day, not dozens an hour.
const (
	maxIssueScreenshotBytes = 8 << 20
	maxIssueRecordingBytes  = 16 << 20
	issueReportsPerHour     = 20
)

// maxIssueReportBody bounds the JSON body: the screenshot in base64 (4/3),
// the recording as JSON text (escaped quotes add up to about 10 %), and
// room for the text.
func (s *Server) maxIssueReportBody() int64 {
	return maxIssueScreenshotBytes*4/3 + s.maxIssueRecording()*5/4 + 1<<20
}

// maxIssueRecording is the largest recording an issue report may attach.
func (s *Server) maxIssueRecording() int64 {
	return min(maxIssueRecordingBytes, s.cfg.MaxRecordingBytes)
}

// issueBytesPerByte is the memory checking and storing an issue report
// holds beyond its body, per byte of body: the decoded JSON strings (about
// the body), the recording's copy, its compressed copy and the screenshot
// decoded; the recording is checked a frame at a time. Measured about 3.5
// (TestConcurrentIssueReportsBoundedMemory); our margin above it.
const issueBytesPerByte = 4

// issueReportRequest is the body of POST /api/v1/issue-reports.
type issueReportRequest struct {
	What       string `json:"what"`
	Expected   string `json:"expected,omitempty"`
	AppVersion string `json:"app_version,omitempty"`
	Page       string `json:"page,omitempty"`
	// ScreenshotPNG is the page's screenshot, a PNG in standard base64
	// (optionally as a data:image/png;base64, URL).
	ScreenshotPNG string `json:"screenshot_png,omitempty"`
	// Recording is the session's landmark recording (JSON Lines), only
	// when the person ticked the box.
	Recording string `json:"recording,omitempty"`
}

// pngMagic starts every PNG file.
var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// validateIssueReport checks the report (stretchwise.IssueReport.Validate)
// and the attachments of in, and returns the decoded attachments.
func (s *Server) validateIssueReport(rep *stretchwise.IssueReport, in *issueReportRequest) (png, rec []byte, err error) {
	if err := rep.Validate(); err != nil {
		return nil, nil, err
	}
	if in.ScreenshotPNG != "" {
		b64 := strings.TrimPrefix(in.ScreenshotPNG, "data:image/png;base64,")
		if base64.StdEncoding.DecodedLen(len(b64)) > maxIssueScreenshotBytes+3 {
			return nil, nil, stretchwise.Errorf(stretchwise.ETOOLARGE, "A screenshot may be at most %d bytes.", maxIssueScreenshotBytes)
		}
		png, err = base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return nil, nil, stretchwise.Errorf(stretchwise.EINVALID, "The screenshot is not base64.")
		}
		if len(png) > maxIssueScreenshotBytes {
			return nil, nil, stretchwise.Errorf(stretchwise.ETOOLARGE, "A screenshot may be at most %d bytes.", maxIssueScreenshotBytes)
		}
		if !bytes.HasPrefix(png, pngMagic) {
			return nil, nil, stretchwise.Errorf(stretchwise.EINVALID, "The screenshot must be a PNG.")
		}
	}
	if in.Recording != "" {
		rec = []byte(in.Recording)
		if int64(len(rec)) > s.maxIssueRecording() {
			return nil, nil, stretchwise.Errorf(stretchwise.ETOOLARGE, "A recording may be at most %d bytes.", s.maxIssueRecording())
		}
		if err := recording.Check(bytes.NewReader(rec), recording.Limits{
			MaxBytes: s.maxIssueRecording(), MaxFrames: s.cfg.MaxRecordingFrames,
		}); err != nil {
			if stretchwise.ErrorCode(err) == stretchwise.EINTERNAL {
				err = stretchwise.Errorf(stretchwise.EINVALID, "The recording could not be read.")
			}
			return nil, nil, err
		}
	}
	return png, rec, nil
}

// handleCreateIssueReport stores a report the signed-in person filed.
func (s *Server) handleCreateIssueReport(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
	ctx := r.Context()
	if err := requireContentType(r, "application/json"); err != nil {
		return err
	}
	limit := s.maxIssueReportBody()
	if r.ContentLength > limit {
		return stretchwise.Errorf(stretchwise.ETOOLARGE, "The report is larger than %d bytes.", limit)
	}
	if err := s.rateLimit(ctx, "issue:user:"+strconv.FormatInt(u.ID, 10), issueReportsPerHour, time.Hour); err != nil {
		return err
	}
	// Received like an upload (on disk while it arrives), then checked in
	// one of the limiter's slots: a report can be as large as a recording.
	raw, done, err := s.readBody(w, r, limit)
	if err != nil {
		return err
	}
	defer done()
	key, cost := s.workKey(r), issueBytesPerByte*int64(len(raw))
	release, err := s.acquireWork(ctx, key, classIssue, cost, 1)
	if err != nil {
		return err
	}
	defer release()
	var in issueReportRequest
	if err := unmarshalStrict(raw, &in); err != nil {
		return err
	}
	ua := r.UserAgent()
	if utf8.RuneCountInString(ua) > stretchwise.MaxIssueFieldChars || !utf8.ValidString(ua) {
		ua = ""
	}
	rep := &stretchwise.IssueReport{UserID: u.ID, Role: u.Role, What: in.What, Expected: in.Expected,
		AppVersion: in.AppVersion, Page: in.Page, UserAgent: ua}
	png, rec, err := s.validateIssueReport(rep, &in)
	if err != nil {
		return err
	}
	if err := s.store.CreateIssueReport(ctx, rep, png, rec); err != nil {
		return err
	}
	s.logger.InfoContext(ctx, "issue report stored", "user", u.ID, "report", rep.ID,
		"screenshot_bytes", rep.ScreenshotSize, "recording_bytes", rep.RecordingSize)
	return s.JSON(w, r, http.StatusCreated, rep)
}

// errNoIssueReport hides whether a report exists from those who may not see it.
var errNoIssueReport = stretchwise.Errorf(stretchwise.ENOTFOUND, "No such issue report.")

// findIssueReport loads a report the user may see: their own, or, for a
// clinician, one a linked patient filed.
func (s *Server) findIssueReport(r *http.Request, u *stretchwise.User) (*stretchwise.IssueReport, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	rep, err := s.store.FindIssueReport(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if rep.UserID == u.ID {
		return rep, nil
	}
	if u.Role == stretchwise.RoleClinician && rep.Role == stretchwise.RolePatient {
		if err := s.authorizePatient(r, u, rep.UserID); err == nil {
			return rep, nil
		} else if !errors.Is(err, errNoPatient) {
			return nil, err
		}
	}
	return nil, errNoIssueReport
}

// handleListIssueReports lists the reports the user may see, newest first:
// a patient their own; a clinician their own and their linked patients'
// (?patient=ID for one linked patient).
func (s *Server) handleListIssueReports(r *http.Request, u *stretchwise.User) ([]*stretchwise.IssueReport, error) {
	ctx := r.Context()
	users := []int64{u.ID}
	audited := map[int64]bool{u.ID: true} // patients whose reports the audit log has this read of
	if q := r.URL.Query().Get("patient"); q != "" {
		id, err := s.listPatient(r, u)
		if err != nil {
			return nil, err
		}
		users = []int64{id}
		audited[id] = true
	} else if u.Role == stretchwise.RoleClinician {
		links, err := s.store.ListLinks(ctx, u.ID, u.Role)
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			users = append(users, l.PatientID)
		}
	}
	list, err := s.store.ListIssueReports(ctx, users)
	if err != nil {
		return nil, err
	}
	// A patient's reports only: a clinician's own are theirs alone.
	out := list[:0]
	for _, rep := range list {
		if rep.UserID == u.ID || rep.Role == stretchwise.RolePatient {
			out = append(out, rep)
		}
		if rep.Role == stretchwise.RolePatient && !audited[rep.UserID] {
			if err := s.audit(r, u, rep.UserID); err != nil { // a clinician reads a linked patient's reports
				return nil, err
			}
			audited[rep.UserID] = true
		}
	}
	return out, nil
}

func (s *Server) handleGetIssueReport(r *http.Request, u *stretchwise.User) (*stretchwise.IssueReport, error) {
	return s.findIssueReport(r, u)
}

// handleIssueAttachment sends a report's screenshot (PNG) or recording
// (JSON Lines); 404 when the report has none.
func (s *Server) handleIssueAttachment(screenshot bool) func(http.ResponseWriter, *http.Request, *stretchwise.User) error {
	return func(w http.ResponseWriter, r *http.Request, u *stretchwise.User) error {
		rep, err := s.findIssueReport(r, u)
		if err != nil {
			return err
		}
		var data []byte
		ctype, name := "image/png", fmt.Sprintf("issue-%d.png", rep.ID)
		if screenshot {
			data, err = s.store.IssueReportScreenshot(r.Context(), rep.ID)
		} else {
			data, err = s.store.IssueReportRecording(r.Context(), rep.ID)
			ctype, name = "application/x-ndjson", fmt.Sprintf("issue-%d.jsonl", rep.ID)
		}
		if err != nil {
			return err
		}
		if len(data) == 0 {
			return stretchwise.Errorf(stretchwise.ENOTFOUND, "This report has no such attachment.")
		}
		s.sendFile(w, r, ctype, name, data)
		return nil
	}
}
