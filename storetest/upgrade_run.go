package storetest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"os"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
)

// Gunzip returns the content of the gzip file at path (a fixture).
func Gunzip(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err == nil {
		var zr *gzip.Reader
		if zr, err = gzip.NewReader(bytes.NewReader(b)); err == nil {
			b, err = io.ReadAll(zr)
		}
	}
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}

// RunUpgrade checks a database made by an earlier release (an upgrade
// fixture: FillUpgrade run by that release's code) that open has just
// opened with the current code, which migrated it. Everything ReadUpgrade
// reads must be what the old code read back (wantFile, ReadUpgrade's
// answer as JSON, written by the old code; compared as JSON after decoding
// it into today's types); the stored session, rate-limit hits, open invite
// and recovery code must still work; the schema must be the one the
// current migrations give a new database (fresh opens one), so that a
// migration that means something else today than when the old database
// ran it is seen; and the contract suite must pass on the upgraded
// database.
func RunUpgrade(t *testing.T, wantFile string, upgraded, fresh func(t *testing.T) Raw) {
	ctx := context.Background()
	r := upgraded(t)
	s := r.Store

	t.Run("ReadBack", func(t *testing.T) {
		text, err := os.ReadFile(wantFile)
		if err != nil {
			t.Fatal(err)
		}
		var want Upgrade
		if err := json.Unmarshal(text, &want); err != nil {
			t.Fatalf("%s: %v", wantFile, err)
		}
		got, err := ReadUpgrade(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		wantJSON, _ := json.MarshalIndent(&want, "", "  ")
		gotJSON, _ := json.MarshalIndent(got, "", "  ")
		if !bytes.Equal(gotJSON, wantJSON) {
			t.Errorf("the upgraded database reads back\n%s\nwant (%s)\n%s", gotJSON, wantFile, wantJSON)
		}
	})

	t.Run("Schema", func(t *testing.T) {
		n := fresh(t)
		want := Schema(t, n.DB, n.Dialect)
		got := Schema(t, r.DB, r.Dialect)
		for _, d := range []struct {
			a, b []byte
			what string
		}{{got, want, "only the upgraded database has"}, {want, got, "only a new database has"}} {
			for line := range bytes.Lines(d.a) {
				if !bytes.Contains(d.b, line) {
					t.Errorf("%s: %s", d.what, line)
				}
			}
		}
	})

	t.Run("SecretsStillWork", func(t *testing.T) {
		n, err := s.Hit(ctx, upgradeHitKey, upgradeWindow, upgradeHitAt)
		wantEqual(t, "Hit on the stored window", n, err, upgradeHits+1)
		pat, _, err := s.FindUserByEmail(ctx, upgradeEmails[0])
		if err != nil {
			t.Fatal(err)
		}
		pat2, _, err := s.FindUserByEmail(ctx, upgradeEmails[1])
		if err != nil {
			t.Fatal(err)
		}
		clin, _, err := s.FindUserByEmail(ctx, upgradeEmails[2])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.RedeemInvite(ctx, pat2.ID, upgradeInvites[1], time.Now()); err != nil {
			t.Errorf("redeem the stored open invite: %v", err)
		}
		linked, err := s.IsLinked(ctx, clin.ID, pat2.ID)
		wantEqual(t, "IsLinked after redeeming the stored invite", linked, err, true)
		_, err = s.RedeemInvite(ctx, pat2.ID, upgradeInvites[0], time.Now())
		wantCode(t, "redeem the stored used invite", err, stretchwise.ENOTFOUND)
		if _, err := s.ResetPassword(ctx, pat.Email, upgradeRecovery, "new hash", []byte("new recovery code hash")); err != nil {
			t.Errorf("reset with the stored recovery code: %v", err)
		}
		_, err = s.FindAuthSession(ctx, upgradeToken, time.Now())
		wantCode(t, "the stored session after a reset", err, stretchwise.EUNAUTHORIZED)
	})

	t.Run("Contract", func(t *testing.T) {
		Run(t, func(t *testing.T) stretchwise.Store { return s })
	})
}
