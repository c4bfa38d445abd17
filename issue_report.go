package stretchwise

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// IssueReport is a problem a person reported from the app: what happened,
// what they expected, the app's version, the page they were on, a
// screenshot of that page with the camera picture left out (PNG), and,
// only if they ticked the box, the landmark recording of the session they
// were in (JSON Lines). Reports stay on this server: the reporter, their
// linked clinicians and the administrator (stretchwise reports) see them.
type IssueReport struct {
	ID         int64     `json:"id"`
	UserID     int64     `json:"user_id"` // who filed it
	Role       Role      `json:"role"`    // the reporter's role when filing
	What       string    `json:"what"`    // what happened
	Expected   string    `json:"expected"`
	AppVersion string    `json:"app_version"`
	Page       string    `json:"page"` // the app path, no query
	UserAgent  string    `json:"user_agent,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	// Sizes of the attachments in bytes (0: none); the bytes themselves
	// are read with IssueReportScreenshot and IssueReportRecording.
	ScreenshotSize int64 `json:"screenshot_size"`
	RecordingSize  int64 `json:"recording_size"`
}

// Issue report text limits in characters. Our choice: the text fields
// hold a few paragraphs, the others a version or a path.
const (
	MaxIssueTextChars  = 4000 // what happened, what was expected
	MaxIssueFieldChars = 200  // app version, page, user agent
)

// Validate checks the report's text: what happened given, every field
// valid UTF-8 within its length, and the page a path of the app. Errors
// name the field in the words of the report form.
func (r *IssueReport) Validate() error {
	for _, f := range []struct {
		name, v  string
		max      int
		required bool
	}{
		{"what happened", r.What, MaxIssueTextChars, true},
		{"what you expected", r.Expected, MaxIssueTextChars, false},
		{"app_version", r.AppVersion, MaxIssueFieldChars, false},
		{"page", r.Page, MaxIssueFieldChars, false},
		{"user_agent", r.UserAgent, MaxIssueFieldChars, false},
	} {
		switch {
		case f.required && strings.TrimSpace(f.v) == "":
			return Errorf(EINVALID, "Say %s.", f.name)
		case !utf8.ValidString(f.v):
			return Errorf(EINVALID, "The field %q is not valid text.", f.name)
		case utf8.RuneCountInString(f.v) > f.max:
			return Errorf(EINVALID, "The field %q may be at most %d characters.", f.name, f.max)
		}
	}
	if r.Page != "" && !strings.HasPrefix(r.Page, "/") {
		return Errorf(EINVALID, "The page must be a path of the app, starting with /.")
	}
	return nil
}

// IssueReportService stores issue reports and their attachments.
type IssueReportService interface {
	// CreateIssueReport stores r with its screenshot (PNG, may be empty)
	// and recording (may be empty) in one transaction, and sets r.ID,
	// r.CreatedAt and the sizes.
	CreateIssueReport(ctx context.Context, r *IssueReport, screenshot, recording []byte) error
	// FindIssueReport returns a report's metadata, or ENOTFOUND.
	FindIssueReport(ctx context.Context, id int64) (*IssueReport, error)
	// ListIssueReports lists the reports of the given users (all reports
	// when users is nil), newest first.
	ListIssueReports(ctx context.Context, users []int64) ([]*IssueReport, error)
	// IssueReportScreenshot and IssueReportRecording return an attachment
	// as stored (nil when there is none), or ENOTFOUND for no report.
	IssueReportScreenshot(ctx context.Context, id int64) ([]byte, error)
	IssueReportRecording(ctx context.Context, id int64) ([]byte, error)
}
