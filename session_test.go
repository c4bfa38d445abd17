package stretchwise_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
)

// checkInvalid checks that err is an EINVALID error whose message names
// every part of want (what is wrong and where).
func checkInvalid(t *testing.T, name string, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want one naming %q", name, want)
		return
	}
	if code := stretchwise.ErrorCode(err); code != stretchwise.EINVALID {
		t.Errorf("%s: code %q, want %q (%v)", name, code, stretchwise.EINVALID, err)
	}
	msg := stretchwise.ErrorMessage(err)
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("%s: error %q does not say %q", name, msg, w)
		}
	}
}

// edit is one bad variant of a good document: what to change and what the
// error must say.
type edit[T any] struct {
	name  string
	edit  func(*T)
	wants []string
}

// checkEdits checks that validate accepts good and refuses each edit of a
// fresh good document with an error saying its wants.
func checkEdits[T any](t *testing.T, good func() T, validate func(*T) error, edits []edit[T]) {
	t.Helper()
	if d := good(); validate(&d) != nil {
		t.Fatalf("good %T: %v", d, validate(&d))
	}
	for _, e := range edits {
		d := good()
		e.edit(&d)
		checkInvalid(t, e.name, validate(&d), e.wants...)
	}
}

func goodSession() stretchwise.Session {
	start := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	return stretchwise.Session{
		Exercise: "half-kneeling-hip-flexor", StartedAt: start, PainBefore: new(2), LegPainBefore: new(0),
		Sets: []stretchwise.Set{
			{Exercise: "half-kneeling-hip-flexor", Side: stretchwise.SideLeft, HoldS: 30, Intensity: new(3), Pain: new(2)},
			{Exercise: "half-kneeling-hip-flexor", HoldS: 12, Aborted: true},
		},
	}
}

func TestSessionValidate(t *testing.T) {
	withEvents := goodSession()
	withEvents.Events = withEvents.SetEvents()
	if err := withEvents.Validate(); err != nil {
		t.Fatalf("session with its own set events: %v", err)
	}
	checkEdits(t, goodSession, (*stretchwise.Session).Validate, []edit[stretchwise.Session]{
		{"no start", func(s *stretchwise.Session) { s.StartedAt = time.Time{} }, []string{"started_at", "required"}},
		{"ends before it starts", func(s *stretchwise.Session) { e := s.StartedAt.Add(-time.Minute); s.EndedAt = &e }, []string{"ended_at", "before started_at"}},
		{"pain after 11", func(s *stretchwise.Session) { s.PainAfter = new(11) }, []string{"pain_after", "0 to 10"}},
		{"no pain before", func(s *stretchwise.Session) { s.PainBefore = nil }, []string{"pain_before", "required"}},
		{"set hold 4000 s", func(s *stretchwise.Session) { s.Sets[1].HoldS = 4000 }, []string{"sets[1].hold_s", "0 to 3600"}},
		{"set side up", func(s *stretchwise.Session) { s.Sets[0].Side = "up" }, []string{"sets[0].side"}},
		{"set exercise not an id", func(s *stretchwise.Session) { s.Sets[0].Exercise = "Bird Dog" }, []string{"sets[0].exercise"}},
		{"completed set without pain", func(s *stretchwise.Session) { s.Sets[0].Pain = nil }, []string{"sets[0]", "intensity and pain", "aborted"}},
		{"set leg pain -1", func(s *stretchwise.Session) { s.Sets[0].LegPain = new(-1) }, []string{"sets[0].leg_pain", "0 to 10"}},
		{"too many sets", func(s *stretchwise.Session) { s.Sets = make([]stretchwise.Set, stretchwise.MaxSets+1) }, []string{"at most 200 sets"}},
		{"long notes", func(s *stretchwise.Session) { s.Notes = strings.Repeat("é", stretchwise.MaxNotes+1) }, []string{"note", "at most 4000 characters"}},
		{"long stop reason", func(s *stretchwise.Session) { s.StoppedReason = strings.Repeat("x", stretchwise.MaxStopReason+1) }, []string{"reason", "at most 1000 characters"}},
		{"bad event", func(s *stretchwise.Session) {
			s.Events = s.SetEvents()
			s.Events[3].Location = "knee"
		}, []string{"events[3]", "location", "knee"}},
		{"sets disagree with events", func(s *stretchwise.Session) {
			s.Events = s.SetEvents()
			s.Sets[0].Pain = new(4)
		}, []string{"sets[0]", "not what was reported to the guard"}},
		{"stored guard with unknown state", func(s *stretchwise.Session) {
			s.Guard = &stretchwise.GuardOutcome{Level: 1, MaxLevel: 3, State: "dancing"}
		}, []string{"guard outcome", "state", "dancing"}},
	})
}

func TestSetValidate(t *testing.T) {
	set := stretchwise.Set{Exercise: "bird-dog", HoldS: 10, Intensity: new(3), Pain: new(1)}
	if err := set.Validate(); err != nil {
		t.Fatalf("good set: %v", err)
	}
	set.Intensity = new(12)
	checkInvalid(t, "intensity 12", set.Validate(), "set.intensity", "0 to 10")
}

func TestCheckInValidate(t *testing.T) {
	good := func() stretchwise.CheckIn {
		return stretchwise.CheckIn{Date: "2026-12-02", Pain: new(3), Stiffness: new(4)}
	}
	checkEdits(t, good, (*stretchwise.CheckIn).Validate, []edit[stretchwise.CheckIn]{
		{"no pain", func(c *stretchwise.CheckIn) { c.Pain = nil }, []string{"pain", "required"}},
		{"stiffness 11", func(c *stretchwise.CheckIn) { c.Stiffness = new(11) }, []string{"stiffness", "0 to 10"}},
		{"date in words", func(c *stretchwise.CheckIn) { c.Date = "2 December" }, []string{"date", "YYYY-MM-DD"}},
		{"long notes", func(c *stretchwise.CheckIn) { c.Notes = strings.Repeat("é", stretchwise.MaxNotes+1) }, []string{"note", "at most 4000 characters"}},
		{"bad result", func(c *stretchwise.CheckIn) {
			c.Result = &stretchwise.CheckInResult{Level: 1, Change: "jump", Code: "c", Message: "m"}
		}, []string{"change", "jump"}},
	})
}

func TestPlanDocumentValidate(t *testing.T) {
	plan := func() *stretchwise.Plan {
		return &stretchwise.Plan{Action: stretchwise.ActionExercise, Do: []stretchwise.PlanItem{{Exercise: "bird-dog", Dose: stretchwise.Dose{Level: 1}}}}
	}
	goodDoc := func() stretchwise.PlanDocument {
		return stretchwise.PlanDocument{IntakeID: 4, ScreeningIDs: []int64{7}, Plan: plan()}
	}
	checkEdits(t, goodDoc, (*stretchwise.PlanDocument).Validate, []edit[stretchwise.PlanDocument]{
		{"no intake", func(d *stretchwise.PlanDocument) { d.IntakeID = 0 }, []string{"intake_id"}},
		{"bad screening id", func(d *stretchwise.PlanDocument) { d.ScreeningIDs = []int64{7, -1} }, []string{"screening_ids[1]"}},
		{"no plan", func(d *stretchwise.PlanDocument) { d.Plan = nil }, []string{"plan is required"}},
		{"unknown action", func(d *stretchwise.PlanDocument) { d.Plan.Action = "rest" }, []string{"action", "rest"}},
		{"refer with exercises", func(d *stretchwise.PlanDocument) { d.Plan.Action = stretchwise.ActionRefer }, []string{"do", "refer"}},
		{"dose level 0", func(d *stretchwise.PlanDocument) { d.Plan.Do[0].Dose.Level = 0 }, []string{"do[0].dose.level"}},
		{"avoid without id", func(d *stretchwise.PlanDocument) { d.Plan.Avoid = []stretchwise.AvoidItem{{}} }, []string{"avoid[0].exercise"}},
	})
}

func TestIssueReportValidate(t *testing.T) {
	good := func() stretchwise.IssueReport {
		return stretchwise.IssueReport{What: "The timer froze", AppVersion: "0.1.0", Page: "/session"}
	}
	checkEdits(t, good, (*stretchwise.IssueReport).Validate, []edit[stretchwise.IssueReport]{
		{"nothing said", func(r *stretchwise.IssueReport) { r.What = "  " }, []string{"Say what happened"}},
		{"not a path", func(r *stretchwise.IssueReport) { r.Page = "session" }, []string{"page", "starting with /"}},
		{"long version", func(r *stretchwise.IssueReport) { r.AppVersion = strings.Repeat("1", stretchwise.MaxIssueFieldChars+1) }, []string{"app_version", "at most 200"}},
		{"bad text", func(r *stretchwise.IssueReport) { r.Expected = "\xff" }, []string{"what you expected", "not valid text"}},
	})
}

func TestGuardEventValidate(t *testing.T) {
	tests := []struct {
		name  string
		e     stretchwise.GuardEvent
		wants []string
	}{
		{"unknown kind", stretchwise.GuardEvent{Kind: "sneeze"}, []string{"kind", "sneeze"}},
		{"pain 12", stretchwise.GuardEvent{Kind: stretchwise.EventPain, Value: 12, Location: stretchwise.LocationBack}, []string{"pain", "12 outside 0..10"}},
		{"unknown symptom", stretchwise.GuardEvent{Kind: stretchwise.EventSymptom, Symptom: "itch"}, []string{"symptom", "itch"}},
	}
	for _, tt := range tests {
		checkInvalid(t, tt.name, tt.e.Validate(), tt.wants...)
	}
	for _, s := range stretchwise.Symptoms {
		if err := (stretchwise.GuardEvent{Kind: stretchwise.EventSymptom, Symptom: s.Code}).Validate(); err != nil {
			t.Errorf("symptom %s: %v", s.Code, err)
		}
	}
}

// TestTextLimitsCountCharacters: a text at its limit in characters is kept
// whatever its letters (the page counts characters, not bytes): 4000
// characters of a note with an emoji, 3913 accented ones, and a clinician's
// name of 200 accented characters were refused when the limits were bytes.
func TestTextLimitsCountCharacters(t *testing.T) {
	emoji := strings.Repeat("x", stretchwise.MaxNotes-1) + "🙂"
	accented := strings.Repeat("é", stretchwise.MaxNotes)
	for name, notes := range map[string]string{"emoji": emoji, "accented": accented} {
		c := stretchwise.CheckIn{Pain: new(3), Notes: notes}
		if err := c.Validate(); err != nil {
			t.Errorf("check-in note of %d characters (%s): %v", stretchwise.MaxNotes, name, err)
		}
		s := goodSession()
		s.Notes = notes
		s.StoppedReason = strings.Repeat("ü", stretchwise.MaxStopReason)
		if err := s.Validate(); err != nil {
			t.Errorf("session note of %d characters (%s): %v", stretchwise.MaxNotes, name, err)
		}
	}
	c := stretchwise.Clearance{IntakeID: 1, Statement: stretchwise.ClearanceStatement, StatedBy: 1, StatedAt: time.Now(), Clinician: strings.Repeat("ö", stretchwise.MaxClinicianName)}
	if err := c.Validate(); err != nil {
		t.Errorf("clinician of %d accented characters: %v", stretchwise.MaxClinicianName, err)
	}
	c.Clinician += "x"
	checkInvalid(t, "clinician one character too long", c.Validate(), "Who cleared you", "at most 200 characters")
}

// TestTextLimitsMatchThePage: the page stops each free-text field at the
// number of characters the server allows (web/src/components/text-limit.ts).
func TestTextLimitsMatchThePage(t *testing.T) {
	b, err := os.ReadFile("web/src/components/text-limit.ts")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int{
		"MAX_NOTE_CHARS":       stretchwise.MaxNotes,
		"MAX_CLINICIAN_CHARS":  stretchwise.MaxClinicianName,
		"MAX_ISSUE_TEXT_CHARS": stretchwise.MaxIssueTextChars,
	} {
		m := regexp.MustCompile(`export const ` + name + ` = (\d+);`).FindSubmatch(b)
		if m == nil {
			t.Errorf("text-limit.ts has no %s", name)
			continue
		}
		if got, _ := strconv.Atoi(string(m[1])); got != want {
			t.Errorf("the page allows %d characters for %s, the server %d", got, name, want)
		}
	}
}
