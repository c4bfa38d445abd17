package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/blob"
)

var _ stretchwise.IssueReportService = (*DB)(nil)

// CreateIssueReport implements stretchwise.IssueReportService.
func (db *DB) CreateIssueReport(ctx context.Context, r *stretchwise.IssueReport, screenshot, recording []byte) error {
	now := time.Now().UTC().Truncate(time.Microsecond)
	enc, rec := encodingBlob, blob.Encode(nil, recording)
	if screenshot == nil {
		screenshot = []byte{}
	}
	tx, err := db.Writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("create issue report: %w", err)
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx,
		`INSERT INTO issue_reports (user_id, role, what, expected, app_version, page, user_agent, screenshot_size, recording_size, created_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		r.UserID, string(r.Role), r.What, r.Expected, r.AppVersion, r.Page, r.UserAgent,
		int64(len(screenshot)), int64(len(recording)), micros(now)).Scan(&id)
	if err != nil {
		return fmt.Errorf("create issue report: %w", err)
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO issue_report_data (report_id, screenshot, recording_encoding, recording) VALUES ($1, $2, $3, $4)`,
		id, screenshot, enc, rec); err != nil {
		return fmt.Errorf("create issue report %d: attachments: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create issue report: commit: %w", err)
	}
	r.ID, r.CreatedAt, r.ScreenshotSize, r.RecordingSize = id, now, int64(len(screenshot)), int64(len(recording))
	return nil
}

const issueReportColumns = `id, user_id, role, what, expected, app_version, page, user_agent, screenshot_size, recording_size, created_at`

func scanIssueReport(row scanner) (*stretchwise.IssueReport, error) {
	var r stretchwise.IssueReport
	var role string
	var created int64
	if err := row.Scan(&r.ID, &r.UserID, &role, &r.What, &r.Expected, &r.AppVersion, &r.Page, &r.UserAgent,
		&r.ScreenshotSize, &r.RecordingSize, &created); err != nil {
		return nil, err
	}
	r.Role, r.CreatedAt = stretchwise.Role(role), fromMicros(created)
	return &r, nil
}

// FindIssueReport implements stretchwise.IssueReportService.
func (db *DB) FindIssueReport(ctx context.Context, id int64) (*stretchwise.IssueReport, error) {
	r, err := scanIssueReport(db.Reader.QueryRowContext(ctx, `SELECT `+issueReportColumns+` FROM issue_reports WHERE id = $1`, id))
	if err != nil {
		return nil, rowError(err, errNoIssueReport(), fmt.Sprintf("find issue report %d", id))
	}
	return r, nil
}

// ListIssueReports implements stretchwise.IssueReportService.
func (db *DB) ListIssueReports(ctx context.Context, users []int64) ([]*stretchwise.IssueReport, error) {
	list := []*stretchwise.IssueReport{}
	q := `SELECT ` + issueReportColumns + ` FROM issue_reports`
	var args []any
	if users != nil {
		if len(users) == 0 {
			return list, nil
		}
		ph := make([]string, len(users))
		for i, u := range users {
			ph[i] = fmt.Sprintf("$%d", i+1)
			args = append(args, u)
		}
		q += ` WHERE user_id IN (` + strings.Join(ph, ", ") + `)`
	}
	return queryList(ctx, db, "list issue reports", scanIssueReport, q+` ORDER BY created_at DESC, id DESC`, args...)
}

// IssueReportScreenshot implements stretchwise.IssueReportService.
func (db *DB) IssueReportScreenshot(ctx context.Context, id int64) ([]byte, error) {
	var png []byte
	err := db.Reader.QueryRowContext(ctx, `SELECT screenshot FROM issue_report_data WHERE report_id = $1`, id).Scan(&png)
	if err != nil {
		return nil, rowError(err, errNoIssueReport(), fmt.Sprintf("issue report %d screenshot", id))
	}
	if len(png) == 0 {
		return nil, nil
	}
	return png, nil
}

// IssueReportRecording implements stretchwise.IssueReportService.
func (db *DB) IssueReportRecording(ctx context.Context, id int64) ([]byte, error) {
	var enc string
	var data []byte
	err := db.Reader.QueryRowContext(ctx, `SELECT recording_encoding, recording FROM issue_report_data WHERE report_id = $1`, id).Scan(&enc, &data)
	if err == nil {
		data, err = decodeStored(enc, data)
	}
	if err != nil {
		return nil, rowError(err, errNoIssueReport(), fmt.Sprintf("issue report %d recording", id))
	}
	if len(data) == 0 {
		return nil, nil
	}
	return data, nil
}
