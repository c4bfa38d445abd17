package guard_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/guard"
)

func f(v float64) *float64 { return &v }

// TestDoseFrom replays the next-morning rule over sessions and check-ins;
// a session or morning whose pain nobody entered is never compared.
func TestDoseFrom(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 8, 0, 0, 0, time.UTC) }
	cfg := guard.DefaultConfig()
	tests := []struct {
		name     string
		sessions []guard.PastSession
		mornings []guard.Morning
		level    int
		code     string // of the last answer, "" for none
	}{
		{"no history", nil, nil, 3, ""},
		{"worse morning lowers", []guard.PastSession{{At: day(1), PainBefore: f(2), MaxPain: f(2)}}, []guard.Morning{{At: day(2), Pain: f(5)}}, 2, "morning_worse"},
		{"two settled mornings raise", []guard.PastSession{{At: day(1), PainBefore: f(2), MaxPain: f(2)}, {At: day(3), PainBefore: f(2), MaxPain: f(1)}},
			[]guard.Morning{{At: day(2), Pain: f(2)}, {At: day(4), Pain: f(1)}}, 4, "settled_raise"},
		{"the latest morning before the next session counts", []guard.PastSession{{At: day(1), PainBefore: f(2), MaxPain: f(2)}},
			[]guard.Morning{{At: day(2), Pain: f(5)}, {At: day(2).Add(time.Hour), Pain: f(2)}}, 3, "settled_keep"},
		{"no pain before: not compared", []guard.PastSession{{At: day(1), MaxPain: f(2)}}, []guard.Morning{{At: day(2), Pain: f(5)}}, 3, ""},
		{"no pain during (aborted): not compared", []guard.PastSession{{At: day(1), PainBefore: f(0), Stopped: true}}, []guard.Morning{{At: day(2), Pain: f(5)}}, 3, ""},
		{"morning without pain: not compared", []guard.PastSession{{At: day(1), PainBefore: f(2), MaxPain: f(2)}}, []guard.Morning{{At: day(2)}}, 3, ""},
		{"a morning before any session is ignored", []guard.PastSession{{At: day(3), PainBefore: f(2), MaxPain: f(2)}}, []guard.Morning{{At: day(2), Pain: f(9)}}, 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := guard.DoseFrom(3, 4, tt.sessions, tt.mornings, cfg)
			if err != nil {
				t.Fatal(err)
			}
			code := ""
			if d.Last != nil {
				code = d.Last.Code
			}
			if d.Level != tt.level || code != tt.code {
				t.Errorf("DoseFrom = level %d code %q, want %d %q", d.Level, code, tt.level, tt.code)
			}
		})
	}
	if _, err := guard.DoseFrom(5, 4, nil, nil, cfg); err == nil {
		t.Error("start level 5 of 4 accepted")
	}
}

func TestOutcomeValidate(t *testing.T) {
	good := stretchwise.GuardOutcome{Level: 2, MaxLevel: 4, State: stretchwise.GuardStopped, MaxPain: f(5),
		Decisions: []stretchwise.GuardDecision{{Action: stretchwise.GuardStop, Code: "back_pain_rise", Message: "Stop."}}}
	if err := good.Validate(); err != nil {
		t.Fatalf("good outcome: %v", err)
	}
	for name, mod := range map[string]func(o *stretchwise.GuardOutcome){
		"state":    func(o *stretchwise.GuardOutcome) { o.State = "fine" },
		"level":    func(o *stretchwise.GuardOutcome) { o.Level = 5 },
		"max pain": func(o *stretchwise.GuardOutcome) { o.MaxPain = f(11) },
		"action": func(o *stretchwise.GuardOutcome) {
			o.Decisions = []stretchwise.GuardDecision{{Action: "ignore", Code: "x", Message: "y"}}
		},
	} {
		o := good
		mod(&o)
		if err := o.Validate(); err == nil {
			t.Errorf("%s: bad outcome accepted", name)
		}
	}
}

// TestEffortWords: a strength or stability exercise is not talked about as a
// stretch, and its own top intensity is used.
func TestEffortWords(t *testing.T) {
	ds, _, err := guard.Replay(guard.DefaultConfig(), guard.Baseline{BackPain: 2, Effort: true, MaxIntensity: 3},
		[]stretchwise.GuardEvent{{Kind: stretchwise.EventSetStarted}, {Kind: stretchwise.EventIntensity, Value: 4}, {Kind: stretchwise.EventIntensity, Value: 2}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if strings.Contains(d.Message, "stretch") || strings.Contains(d.Message, "tension") {
			t.Errorf("%s: %q talks about a stretch", d.Code, d.Message)
		}
	}
	if ds[1].Code != "intensity_above_mild" || !strings.Contains(ds[1].Message, "at most 3") {
		t.Errorf("effort 4 of at most 3: %s %q", ds[1].Code, ds[1].Message)
	}
}
