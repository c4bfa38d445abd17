package storetest

import (
	"bytes"
	"context"
	"database/sql"
	"testing"

	"github.com/klauspost/compress/zstd"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/blob"
)

// RunLegacyEncodings stores recordings and issue-report attachments, turns
// their rows into the encodings written before package blob (zstd, the
// unversioned huff0 layout, "none"), opens the store again and checks that
// every row was rewritten in the one encoding with its bytes intact. open
// returns a store and a handle that can write its tables; its second call
// must open the same database again.
func RunLegacyEncodings(t *testing.T, open func(t *testing.T) (stretchwise.Store, *sql.DB)) {
	ctx := context.Background()
	s, w := open(t)
	u := MustCreateUser(t, s, stretchwise.RolePatient)
	texts := [][]byte{RecordingText(11, 120), RecordingText(12, 90), RecordingText(13, 60)}
	ids := make([]int64, len(texts))
	for i, text := range texts {
		r := &stretchwise.StoredRecording{PatientID: u.ID, Kind: stretchwise.RecordingScreening, Report: SampleReport(i)}
		if err := s.CreateRecording(ctx, r, text); err != nil {
			t.Fatal(err)
		}
		ids[i] = r.ID
	}
	attached := RecordingText(14, 30)
	reports := []*stretchwise.IssueReport{
		{UserID: u.ID, Role: u.Role, What: "with a recording", Expected: "x", AppVersion: "t", Page: "/session"},
		{UserID: u.ID, Role: u.Role, What: "without one", Expected: "x", AppVersion: "t", Page: "/session"},
	}
	for i, r := range reports {
		rec := attached
		if i == 1 {
			rec = nil
		}
		if err := s.CreateIssueReport(ctx, r, []byte{}, rec); err != nil {
			t.Fatal(err)
		}
	}
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	zstdOf := func(b []byte) []byte { return enc.EncodeAll(b, nil) }
	for _, u := range []struct {
		query string
		args  []any
	}{
		{`UPDATE recording_data SET encoding = 'zstd', data = $1 WHERE recording_id = $2`, []any{zstdOf(texts[0]), ids[0]}},
		{`UPDATE recording_data SET encoding = 'huff0', data = $1 WHERE recording_id = $2`, []any{blob.Encode(nil, texts[1])[1:], ids[1]}},
		{`UPDATE issue_report_data SET recording_encoding = 'zstd', recording = $1 WHERE report_id = $2`, []any{zstdOf(attached), reports[0].ID}},
		{`UPDATE issue_report_data SET recording_encoding = 'none', recording = $1 WHERE report_id = $2`, []any{[]byte{}, reports[1].ID}},
	} {
		if _, err := w.ExecContext(ctx, u.query, u.args...); err != nil {
			t.Fatalf("%s: %v", u.query, err)
		}
	}
	s.Close()

	s, w = open(t)
	for _, q := range []string{
		`SELECT COUNT(*) FROM recording_data WHERE encoding <> 'blob'`,
		`SELECT COUNT(*) FROM issue_report_data WHERE recording_encoding <> 'blob'`,
	} {
		var n int
		if err := w.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s: %d rows, want every row rewritten", q, n)
		}
	}
	for i, id := range ids {
		got, err := s.RecordingData(ctx, id)
		if err != nil || !bytes.Equal(got, texts[i]) {
			t.Errorf("recording %d: %d bytes, %v; want the %d stored", i, len(got), err, len(texts[i]))
		}
	}
	got, err := s.IssueReportRecording(ctx, reports[0].ID)
	if err != nil || !bytes.Equal(got, attached) {
		t.Errorf("issue report attachment: %d bytes, %v; want the %d stored", len(got), err, len(attached))
	}
	if got, err := s.IssueReportRecording(ctx, reports[1].ID); err != nil || len(got) != 0 {
		t.Errorf("empty attachment: %d bytes, %v", len(got), err)
	}
}
