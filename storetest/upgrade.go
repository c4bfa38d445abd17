package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/stretchwise/stretchwise"
)

// This file writes and reads the upgrade fixtures: databases made by the
// code of an earlier release, committed with what that code read back
// from them, that the current code must open and read back unchanged
// (RunUpgrade). It is also copied into the checkout of the old release
// that makes them (testdata/upgrade/make.sh), so it uses only what the
// Store interface and this package had then.

// The fixture's accounts, secrets and times.
var (
	upgradeEmails   = []string{"upgrade-patient@example.test", "upgrade-patient2@example.test", "upgrade-clinician@example.test"}
	upgradeRoles    = []stretchwise.Role{stretchwise.RolePatient, stretchwise.RolePatient, stretchwise.RoleClinician}
	upgradeToken    = []byte("upgrade session token hash......")
	upgradeInvites  = [][]byte{[]byte("upgrade invite redeemed........."), []byte("upgrade invite open............")}
	upgradeRecovery = []byte("upgrade recovery code hash......")
	upgradeHitKey   = "login:email:upgrade-patient@example.test"
	upgradeHitAt    = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	upgradeWindow   = time.Hour
	upgradeHits     = 3
	upgradeExpires  = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

// Upgrade is everything an upgrade fixture holds, as the Store interface
// reads it back without changing it. Stored bytes are given by their
// SHA-256 (hex), to keep the fixtures small.
type Upgrade struct {
	Users            []*stretchwise.User
	PasswordHashes   []string
	SessionUser      *stretchwise.User
	Links            [][]*stretchwise.Link // of each user
	Recordings       []*stretchwise.StoredRecording
	RecordingReports []json.RawMessage // as stored, byte for byte
	RecordingData    []string
	Documents        map[stretchwise.DocumentKind][]*stretchwise.Document
	IssueReports     []*stretchwise.IssueReport
	Screenshots      []string
	IssueRecordings  []string
	Audit            []*stretchwise.AuditEntry
}

// FillUpgrade stores an item of every kind s keeps: three accounts (two
// patients, a clinician) with a recovery code, a session, rate-limit hits,
// a redeemed and an open invite, a link, recordings, documents of every
// kind, issue reports with and without attachments and audit entries.
func FillUpgrade(ctx context.Context, s stretchwise.Store) error {
	var users []*stretchwise.User
	for i, email := range upgradeEmails {
		u := &stretchwise.User{Email: email, Role: upgradeRoles[i]}
		if err := s.CreateUser(ctx, u, "argon2id hash of "+email); err != nil {
			return err
		}
		users = append(users, u)
	}
	pat, clin := users[0], users[2]
	steps := []func() error{
		func() error { return s.SetRecoveryCode(ctx, pat.ID, upgradeRecovery) },
		func() error { return s.CreateAuthSession(ctx, upgradeToken, pat.ID, upgradeExpires) },
		func() error { return s.CreateInvite(ctx, clin.ID, upgradeInvites[0], upgradeExpires) },
		func() error { return s.CreateInvite(ctx, clin.ID, upgradeInvites[1], upgradeExpires) },
		func() error { _, err := s.RedeemInvite(ctx, pat.ID, upgradeInvites[0], upgradeHitAt); return err },
	}
	for range upgradeHits {
		steps = append(steps, func() error { _, err := s.Hit(ctx, upgradeHitKey, upgradeWindow, upgradeHitAt); return err })
	}
	for i, kind := range []stretchwise.RecordingKind{stretchwise.RecordingScreening, stretchwise.RecordingSession} {
		steps = append(steps, func() error {
			r := &stretchwise.StoredRecording{PatientID: pat.ID, Kind: kind, Exercise: stretchwise.ExerciseBirdDog,
				View: stretchwise.ViewRearLeft, Frames: 4, DurationS: 0.1, Report: SampleReport(i)}
			return s.CreateRecording(ctx, r, RecordingText(int64(100+i), 4))
		})
	}
	for _, kind := range []stretchwise.DocumentKind{stretchwise.DocIntake, stretchwise.DocPlan, stretchwise.DocSession, stretchwise.DocCheckIn, stretchwise.DocClearance} {
		steps = append(steps, func() error {
			body := fmt.Sprintf(`{"kind": %q, "text": "é ü \u2014 ✓", "n": [1, 2.5, -3e-7], "nested": {"b": true, "a": null}}`, kind)
			return s.CreateDocument(ctx, &stretchwise.Document{PatientID: pat.ID, Kind: kind, Body: json.RawMessage(body)})
		})
	}
	reports := []struct {
		u                     *stretchwise.User
		screenshot, recording []byte
		what, page, userAgent string
	}{
		{pat, []byte("\x89PNG\r\n\x1a\n not really a picture"), RecordingText(102, 3), "The timer stopped\nat 12 s", "/session", "Mozilla/5.0"},
		{pat, nil, nil, "Nothing attached: ünïcödé", "/history", ""},
		{clin, []byte("\x89PNG\r\n\x1a\n another"), nil, "Export is slow", "/clinician", "curl/8"},
	}
	for _, r := range reports {
		steps = append(steps, func() error {
			ir := &stretchwise.IssueReport{UserID: r.u.ID, Role: r.u.Role, What: r.what, Expected: "it works",
				AppVersion: "0.9.0", Page: r.page, UserAgent: r.userAgent}
			return s.CreateIssueReport(ctx, ir, r.screenshot, r.recording)
		})
	}
	for _, action := range []string{stretchwise.AuditViewPatient, stretchwise.AuditViewRecordings, stretchwise.AuditViewRecording} {
		steps = append(steps, func() error {
			return s.CreateAuditEntry(ctx, &stretchwise.AuditEntry{PatientID: pat.ID, ActorID: clin.ID, ActorEmail: clin.Email,
				ActorRole: clin.Role, Action: action, Path: "/api/v1/patients/" + fmt.Sprint(pat.ID)})
		})
	}
	for i, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("fill step %d: %w", i, err)
		}
	}
	return nil
}

// ReadUpgrade reads back everything FillUpgrade stored, changing nothing.
func ReadUpgrade(ctx context.Context, s stretchwise.Store) (*Upgrade, error) {
	up := &Upgrade{Documents: map[stretchwise.DocumentKind][]*stretchwise.Document{}}
	digest := func(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }
	for _, email := range upgradeEmails {
		u, hash, err := s.FindUserByEmail(ctx, email)
		if err != nil {
			return nil, fmt.Errorf("user %s: %w", email, err)
		}
		byID, err := s.FindUserByID(ctx, u.ID)
		if err != nil {
			return nil, fmt.Errorf("user %d: %w", u.ID, err)
		}
		if !sameJSON(byID, u) {
			return nil, fmt.Errorf("user %d by id %+v, by email %+v", u.ID, byID, u)
		}
		links, err := s.ListLinks(ctx, u.ID, u.Role)
		if err != nil {
			return nil, fmt.Errorf("links of %d: %w", u.ID, err)
		}
		up.Users, up.PasswordHashes, up.Links = append(up.Users, u), append(up.PasswordHashes, hash), append(up.Links, links)
	}
	pat := up.Users[0]
	var err error
	if up.SessionUser, err = s.FindAuthSession(ctx, upgradeToken, time.Now()); err != nil {
		return nil, fmt.Errorf("session: %w", err)
	}
	if up.Recordings, err = s.ListRecordings(ctx, pat.ID); err != nil {
		return nil, fmt.Errorf("recordings: %w", err)
	}
	for _, r := range up.Recordings {
		if err := foundAsListed("recording", r.ID, r, s.FindRecording); err != nil {
			return nil, err
		}
		_, report, err := s.RecordingReport(ctx, r.ID)
		if err != nil {
			return nil, fmt.Errorf("report of recording %d: %w", r.ID, err)
		}
		data, err := s.RecordingData(ctx, r.ID)
		if err != nil {
			return nil, fmt.Errorf("data of recording %d: %w", r.ID, err)
		}
		up.RecordingReports, up.RecordingData = append(up.RecordingReports, report), append(up.RecordingData, digest(data))
	}
	for _, kind := range []stretchwise.DocumentKind{stretchwise.DocIntake, stretchwise.DocPlan, stretchwise.DocSession, stretchwise.DocCheckIn, stretchwise.DocClearance} {
		docs, err := s.ListDocuments(ctx, pat.ID, kind)
		if err != nil {
			return nil, fmt.Errorf("documents %s: %w", kind, err)
		}
		for _, d := range docs {
			find := func(ctx context.Context, id int64) (*stretchwise.Document, error) {
				return s.FindDocument(ctx, kind, id)
			}
			if err := foundAsListed("document", d.ID, d, find); err != nil {
				return nil, err
			}
		}
		up.Documents[kind] = docs
	}
	if up.IssueReports, err = s.ListIssueReports(ctx, []int64{up.Users[0].ID, up.Users[1].ID, up.Users[2].ID}); err != nil {
		return nil, fmt.Errorf("issue reports: %w", err)
	}
	for _, r := range up.IssueReports {
		if err := foundAsListed("issue report", r.ID, r, s.FindIssueReport); err != nil {
			return nil, err
		}
		shot, err := s.IssueReportScreenshot(ctx, r.ID)
		if err != nil {
			return nil, fmt.Errorf("screenshot of issue report %d: %w", r.ID, err)
		}
		rec, err := s.IssueReportRecording(ctx, r.ID)
		if err != nil {
			return nil, fmt.Errorf("recording of issue report %d: %w", r.ID, err)
		}
		up.Screenshots, up.IssueRecordings = append(up.Screenshots, digest(shot)), append(up.IssueRecordings, digest(rec))
	}
	if up.Audit, err = s.ListAuditEntries(ctx, pat.ID); err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return up, nil
}

// foundAsListed finds the item id of a list again with find and says how
// it differs from listed, if it does.
func foundAsListed[T any](what string, id int64, listed T, find func(context.Context, int64) (T, error)) error {
	found, err := find(context.Background(), id)
	if err != nil {
		return fmt.Errorf("%s %d: %w", what, id, err)
	}
	if !sameJSON(found, listed) {
		return fmt.Errorf("%s %d found %+v, listed %+v", what, id, found, listed)
	}
	return nil
}

// sameJSON reports whether a and b have the same JSON encoding.
func sameJSON(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}
