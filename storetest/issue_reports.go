package storetest

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// testIssueReports checks the issue report contract: the text, the
// attachments byte for byte (a large recording compresses and comes back
// exact), no attachments at all, listing by user newest first, all
// reports for the administrator, and ENOTFOUND for unknown ids.
func testIssueReports(t *testing.T, s stretchwise.Store) {
	ctx := context.Background()
	alice := MustCreateUser(t, s, stretchwise.RolePatient)
	bob := MustCreateUser(t, s, stretchwise.RolePatient)
	png := append([]byte("\x89PNG\r\n\x1a\n"), randomBytes(5000)...)
	rec := bytes.Repeat([]byte(`{"t":0.033,"lm":[[0.5,0.5,0,0.99]]}`+"\n"), 3000)
	cases := []struct {
		name       string
		user       *stretchwise.User
		what       string
		screenshot []byte
		recording  []byte
	}{
		{"both attachments", alice, "The timer stopped — ünïcode ✓", png, rec},
		{"screenshot only", alice, "Second report", png[:100], nil},
		{"nothing attached", bob, "Bob's report", nil, nil},
	}
	ids := map[string]int64{}
	for _, c := range cases {
		r := &stretchwise.IssueReport{UserID: c.user.ID, Role: c.user.Role, What: c.what, Expected: "it keeps going",
			AppVersion: "0.1.0", Page: "/session", UserAgent: "test"}
		if err := s.CreateIssueReport(ctx, r, c.screenshot, c.recording); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if r.ID == 0 || r.CreatedAt.IsZero() || r.ScreenshotSize != int64(len(c.screenshot)) || r.RecordingSize != int64(len(c.recording)) {
			t.Errorf("%s: created %+v", c.name, r)
		}
		ids[c.name] = r.ID
		got, err := s.FindIssueReport(ctx, r.ID)
		if err != nil {
			t.Fatalf("%s: find: %v", c.name, err)
		}
		if got.What != c.what || got.Expected != r.Expected || got.UserID != c.user.ID || got.Page != "/session" ||
			got.AppVersion != "0.1.0" || got.Role != c.user.Role || !got.CreatedAt.Equal(r.CreatedAt) {
			t.Errorf("%s: found %+v, want %+v", c.name, got, r)
		}
		shot, err := s.IssueReportScreenshot(ctx, r.ID)
		if err != nil || !bytes.Equal(shot, c.screenshot) {
			t.Errorf("%s: screenshot %d bytes (%v), want %d", c.name, len(shot), err, len(c.screenshot))
		}
		data, err := s.IssueReportRecording(ctx, r.ID)
		if err != nil || !bytes.Equal(data, c.recording) {
			t.Errorf("%s: recording %d bytes (%v), want %d", c.name, len(data), err, len(c.recording))
		}
	}
	mine, err := s.ListIssueReports(ctx, []int64{alice.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 2 || mine[0].ID != ids["screenshot only"] || mine[1].ID != ids["both attachments"] {
		t.Errorf("alice's reports: %+v, want the two of hers, newest first", mine)
	}
	none, err := s.ListIssueReports(ctx, []int64{})
	if err != nil || len(none) != 0 {
		t.Errorf("reports of no users: %d, %v", len(none), err)
	}
	all, err := s.ListIssueReports(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, r := range all {
		for _, id := range ids {
			if r.ID == id {
				found++
			}
		}
	}
	if found != len(ids) {
		t.Errorf("all reports hold %d of the %d filed", found, len(ids))
	}
	for _, fn := range []func() error{
		func() error { _, err := s.FindIssueReport(ctx, 1<<40); return err },
		func() error { _, err := s.IssueReportScreenshot(ctx, 1<<40); return err },
		func() error { _, err := s.IssueReportRecording(ctx, 1<<40); return err },
	} {
		if err := fn(); stretchwise.ErrorCode(err) != stretchwise.ENOTFOUND {
			t.Errorf("unknown id: %v, want not found", err)
		}
	}
}
