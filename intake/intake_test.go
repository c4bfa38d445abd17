package intake_test

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/intake"
)

// TestScoreStartBack reproduces the published scoring rule of the 9-item
// STarT Back Tool (Hill et al. 2008, Arthritis Rheum 59:632; Keele STarT Back
// scoring guide: total 3 or less = low; total 4 or more with items 5-9
// subscore 3 or less = medium, 4 or more = high), at each boundary.
func TestScoreStartBack(t *testing.T) {
	tests := []struct {
		name  string
		items []int
		want  stretchwise.StartBackScore
	}{
		{"all disagree (Keele calculator: score 0, subscore 0, low)", []int{0, 0, 0, 0, 0, 0, 0, 0, 0}, stretchwise.StartBackScore{Score: 0, Distress: 0, Risk: "low"}},
		{"total 3 is low", []int{1, 1, 1, 0, 0, 0, 0, 0, 0}, stretchwise.StartBackScore{Score: 3, Distress: 0, Risk: "low"}},
		{"total 3 all distress is still low", []int{0, 0, 0, 0, 1, 1, 1, 0, 0}, stretchwise.StartBackScore{Score: 3, Distress: 3, Risk: "low"}},
		{"total 4 distress 0 is medium", []int{1, 1, 1, 1, 0, 0, 0, 0, 0}, stretchwise.StartBackScore{Score: 4, Distress: 0, Risk: "medium"}},
		{"total 4 distress 3 is medium", []int{1, 0, 0, 0, 1, 1, 0, 0, 1}, stretchwise.StartBackScore{Score: 4, Distress: 3, Risk: "medium"}},
		{"total 4 distress 4 is high", []int{0, 0, 0, 0, 1, 1, 1, 1, 0}, stretchwise.StartBackScore{Score: 4, Distress: 4, Risk: "high"}},
		{"item 9 bothersome counts in distress", []int{0, 0, 0, 0, 0, 1, 1, 1, 1}, stretchwise.StartBackScore{Score: 4, Distress: 4, Risk: "high"}},
		{"all agree is 9, distress 5, high", []int{1, 1, 1, 1, 1, 1, 1, 1, 1}, stretchwise.StartBackScore{Score: 9, Distress: 5, Risk: "high"}},
		{"total 7 distress 3 is medium", []int{1, 1, 1, 1, 1, 1, 1, 0, 0}, stretchwise.StartBackScore{Score: 7, Distress: 3, Risk: "medium"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := intake.ScoreStartBack(tt.items)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ScoreStartBack(%v) = %+v, want %+v", tt.items, got, tt.want)
			}
		})
	}
}

func ints(vs ...int) []*int {
	out := make([]*int, len(vs))
	for i, v := range vs {
		if v < 0 {
			continue // -1 stands for null
		}
		v := v
		out[i] = &v
	}
	return out
}

// TestScoreODI reproduces the scoring instructions printed with the
// Oswestry Disability Index 2.1a (Fairbank & Pynsent 2000, Spine 25:2940):
// "16 (total scored) / 50 (total possible score) x 100 = 32%" and, with one
// section missed, "16 / 45 x 100 = 35.5%", and the band boundaries 20/21,
// 40/41, 60/61, 80/81.
func TestScoreODI(t *testing.T) {
	const tol = 0.1 + 1e-9 // the form truncates 35.56 to 35.5; we round to 35.6
	tests := []struct {
		name     string
		sections []*int
		wantPct  float64
		wantBand string
		wantN    int
	}{
		{"published example, all answered: 16/50 = 32%", ints(2, 2, 2, 2, 2, 2, 1, 1, 1, 1), 32, "moderate", 10},
		{"published example, one missed: 16/45 = 35.5%", ints(2, 2, 2, 2, 2, 2, 2, 1, 1, -1), 35.5, "moderate", 9},
		{"zero", ints(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, "minimal", 10},
		{"20% is minimal", ints(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 20, "minimal", 10},
		{"22% is moderate", ints(2, 1, 1, 1, 1, 1, 1, 1, 1, 1), 22, "moderate", 10},
		{"40% is moderate", ints(2, 2, 2, 2, 2, 2, 2, 2, 2, 2), 40, "moderate", 10},
		{"42% is severe", ints(3, 2, 2, 2, 2, 2, 2, 2, 2, 2), 42, "severe", 10},
		{"40% with two missed (16/40) is moderate", ints(2, 2, 2, 2, 2, 2, 2, 2, -1, -1), 40, "moderate", 8},
		{"60% is severe", ints(3, 3, 3, 3, 3, 3, 3, 3, 3, 3), 60, "severe", 10},
		{"62% is crippled", ints(4, 3, 3, 3, 3, 3, 3, 3, 3, 3), 62, "crippled", 10},
		{"80% is crippled", ints(4, 4, 4, 4, 4, 4, 4, 4, 4, 4), 80, "crippled", 10},
		{"82% is bed-bound", ints(5, 4, 4, 4, 4, 4, 4, 4, 4, 4), 82, "bed-bound", 10},
		{"100%", ints(5, 5, 5, 5, 5, 5, 5, 5, 5, 5), 100, "bed-bound", 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := intake.ScoreODI(tt.sections)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got.Percent-tt.wantPct) > tol || got.Band != tt.wantBand || got.Answered != tt.wantN {
				t.Errorf("ScoreODI = %+v, want percent %.1f (+/- %.1f) band %s answered %d", got, tt.wantPct, tol, tt.wantBand, tt.wantN)
			}
		})
	}
}

const okIntake = `{"age":45,"red_flags":[],"start_back":[0,1,0,0,0,0,0,0,0],"odi":[1,1,0,1,null,0,1,0,0,1],"nprs":3}`

func TestDecode(t *testing.T) {
	r, err := intake.Decode([]byte(okIntake))
	if err != nil {
		t.Fatal(err)
	}
	if r.StartBack.Score != 1 || r.StartBack.Risk != "low" {
		t.Errorf("start_back = %+v, want score 1, low", r.StartBack)
	}
	// 5 over 9 answered sections: 5/45*100 = 11.1.
	if r.ODI.Percent != 11.1 || r.ODI.Answered != 9 || r.ODI.Band != "minimal" {
		t.Errorf("odi = %+v, want 11.1%% over 9 sections, minimal", r.ODI)
	}
	if r.Intake.NewPain != nil {
		t.Errorf("new_pain = %v, want nil when absent", *r.Intake.NewPain)
	}

	r, err = intake.Decode([]byte(`{"age":55,"red_flags":["night_pain","saddle_numbness","night_pain"],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0,"new_pain":true}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.CaudaEquina) != 1 || r.CaudaEquina[0].Code != "saddle_numbness" {
		t.Errorf("cauda equina flags = %+v, want saddle_numbness", r.CaudaEquina)
	}
	if len(r.Refer) != 1 || r.Refer[0].Code != "night_pain" {
		t.Errorf("refer flags = %+v, want night_pain once", r.Refer)
	}
	if r.Intake.NewPain == nil || !*r.Intake.NewPain {
		t.Errorf("new_pain not decoded as true")
	}
}

// TestDecodeErrors checks that every kind of bad intake is an EINVALID
// error whose message names the field.
func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, json, wantInMsg string
	}{
		{"malformed", `{"age":45,`, "not a JSON object"},
		{"array", `[1,2]`, "not a JSON object"},
		{"null", `null`, "not a JSON object"},
		{"missing age", `{"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0}`, "age: required"},
		{"missing odi", `{"age":40,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"nprs":0}`, "odi: required"},
		{"unknown field", `{"age":40,"redflags":["x"],"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0}`, "redflags: unknown field"},
		{"unknown red flag", `{"age":40,"red_flags":["fever","back_ache"],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0}`, `red_flags[1]: unknown red-flag code "back_ache"`},
		{"red flags not a list", `{"age":40,"red_flags":"fever","start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0}`, "red_flags: want a list"},
		{"red flags null", `{"age":40,"red_flags":null,"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0}`, "red_flags: want a list"},
		{"8 start back answers", `{"age":40,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0}`, "start_back: got 8 answers, want 9"},
		{"start back 2", `{"age":40,"red_flags":[],"start_back":[0,0,2,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0}`, "start_back[2]: answer 2"},
		{"start back null", `{"age":40,"red_flags":[],"start_back":[0,0,null,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0}`, "start_back[2]: not answered"},
		{"start back text", `{"age":40,"red_flags":[],"start_back":[0,0,"agree",0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0}`, "start_back[2]: want a whole number"},
		{"11 odi answers", `{"age":40,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0,0],"nprs":0}`, "odi: got 11 answers, want 10"},
		{"odi 6", `{"age":40,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,6,0,0],"nprs":0}`, "odi[7]: answer 6 is outside 0..5"},
		{"odi negative", `{"age":40,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,-1,0,0,0,0,0,0,0,0],"nprs":0}`, "odi[1]: answer -1"},
		{"odi fraction", `{"age":40,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,2.5,0,0,0,0,0,0,0,0],"nprs":0}`, "odi[1]: want a whole number"},
		{"odi three blank", `{"age":40,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,null,0,null,0,null,0,0,0,0],"nprs":0}`, "odi: only 7 of 10 sections answered"},
		{"nprs 11", `{"age":40,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":11}`, "nprs: 11 is outside 0..10"},
		{"nprs negative", `{"age":40,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":-1}`, "nprs: -1"},
		{"age 0", `{"age":0,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0}`, "age: 0 is outside"},
		{"age text", `{"age":"forty","red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0}`, "age: want a whole number"},
		{"new_pain text", `{"age":40,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0,"new_pain":"yes"}`, "new_pain: want true or false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := intake.Decode([]byte(tt.json))
			if err == nil {
				t.Fatalf("Decode succeeded, want an error containing %q", tt.wantInMsg)
			}
			if code := stretchwise.ErrorCode(err); code != stretchwise.EINVALID {
				t.Errorf("error code = %q, want %q (err: %v)", code, stretchwise.EINVALID, err)
			}
			if msg := stretchwise.ErrorMessage(err); !strings.Contains(msg, tt.wantInMsg) {
				t.Errorf("error message = %q, want it to contain %q", msg, tt.wantInMsg)
			}
		})
	}
}

// TestRedFlagsCoverTheContract checks the codes the CLI contract names exist,
// in the right group.
func TestRedFlagsCoverTheContract(t *testing.T) {
	want := map[string]string{
		"bladder_bowel": intake.GroupCaudaEquina, "saddle_numbness": intake.GroupCaudaEquina,
		"bilateral_leg_symptoms": intake.GroupCaudaEquina, "progressive_weakness": intake.GroupCaudaEquina,
		"sexual_dysfunction": intake.GroupCaudaEquina, "cancer_history": intake.GroupRefer,
		"unexplained_weight_loss": intake.GroupRefer, "night_pain": intake.GroupRefer, "fever": intake.GroupRefer,
		"immunosuppression": intake.GroupRefer, "iv_drug_use": intake.GroupRefer, "major_trauma": intake.GroupRefer,
		"osteoporosis_or_steroids": intake.GroupRefer,
	}
	for code, group := range want {
		f, ok := intake.LookupRedFlag(code)
		if !ok {
			t.Errorf("red flag %q missing", code)
			continue
		}
		if f.Group != group {
			t.Errorf("red flag %q group = %q, want %q", code, f.Group, group)
		}
	}
	seen := map[string]bool{}
	for _, f := range intake.RedFlags {
		if seen[f.Code] {
			t.Errorf("red flag %q listed twice", f.Code)
		}
		seen[f.Code] = true
		if f.Question == "" || f.Meaning == "" {
			t.Errorf("red flag %q lacks a question or meaning", f.Code)
		}
	}
}

// FuzzDecode checks that no input makes Decode panic and that every error is
// a safe-to-show EINVALID.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(okIntake))
	f.Add([]byte(`{"age":45,"red_flags":["saddle_numbness"],"start_back":[0,1,0,0,0,0,0,0,1],"odi":[0,2,null,1,0,0,0,0,0,1],"nprs":4}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := intake.Decode(data)
		if err != nil && stretchwise.ErrorCode(err) != stretchwise.EINVALID {
			t.Errorf("error %v has code %q, want %q", err, stretchwise.ErrorCode(err), stretchwise.EINVALID)
		}
	})
}

// TestODIPercent: the one ODI scorer, which the exports use unrounded and
// ScoreODI rounds to a tenth.
func TestODIPercent(t *testing.T) {
	v := func(xs ...int) []*int {
		out := make([]*int, len(xs))
		for i, x := range xs {
			if x >= 0 {
				out[i] = &x
			}
		}
		return out
	}
	for _, c := range []struct {
		odi  []*int
		pct  float64
		n    int
		band string
	}{
		{v(3, 3, 2, 2, 3, 2, 2, 2, 3, 2), 48, 10, "severe"},
		{v(1, 0, 0, 1, 0, 0, 1, 0, 0, -1), 100.0 / 15, 9, "minimal"},
		{v(-1, -1, -1, -1, -1, -1, -1, -1, -1, 5), 100, 1, ""},
		{v(-1, -1), 0, 0, ""},
	} {
		pct, n := intake.ODIPercent(c.odi)
		if pct != c.pct || n != c.n {
			t.Errorf("ODIPercent = %v, %d; want %v, %d", pct, n, c.pct, c.n)
		}
		s, err := intake.ScoreODI(append(c.odi, make([]*int, 10-len(c.odi))...))
		if c.n < intake.ODIMinAnswered {
			if err == nil {
				t.Errorf("ScoreODI scored %d answers", c.n)
			}
			continue
		}
		if err != nil || s.Percent != math.Round(c.pct*10)/10 || string(s.Band) != c.band {
			t.Errorf("ScoreODI = %+v, %v; want %.1f %s", s, err, c.pct, c.band)
		}
	}
}
