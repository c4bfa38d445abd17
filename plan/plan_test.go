package plan_test

import (
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/intake"
	"github.com/stretchwise/stretchwise/library"
	"github.com/stretchwise/stretchwise/plan"
)

// Exercise ids, grouped as the plan treats them.
var (
	stability = []string{"bird-dog", "dead-bug", "glute-bridge", "side-plank-knees"}
	hip       = []string{"figure-4-glute"}
	kneel     = "half-kneeling-hip-flexor"
	rotation  = "supine-lumbar-rotation"
	kneeChest = "supine-knee-to-chest"
	catCamel  = "cat-camel"
	lumbar    = []string{rotation, kneeChest, catCamel}
)

func join(groups ...[]string) []string {
	var out []string
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

func one(id string) []string { return []string{id} }

func boolp(b bool) *bool { return &b }

// report builders for screens.
func birdDog(verdict string, pelvicRoll float64) stretchwise.Report {
	r := stretchwise.Report{Exercise: stretchwise.ExerciseBirdDog, View: stretchwise.ViewRearLeft, Verdict: verdict,
		Reasons: []string{"test report"}}
	if verdict != stretchwise.VerdictInconclusive {
		r.Measures = []stretchwise.Measure{{Name: "pelvic_roll_deg", Side: stretchwise.SideLeft, Value: pelvicRoll, Unit: "deg", Uncertainty: 2}}
	} else {
		r.Reasons = []string{"hips not visible from this view"}
	}
	return r
}

func thomas(verdict string, side stretchwise.Side, hipDeg, kneeDeg float64) stretchwise.Report {
	r := stretchwise.Report{Exercise: stretchwise.ExerciseThomasTest, View: stretchwise.View(side), Verdict: verdict, Reasons: []string{"test report"}}
	if verdict != stretchwise.VerdictInconclusive {
		r.Measures = []stretchwise.Measure{
			{Name: "hip_angle_deg", Side: side, Value: hipDeg, Unit: "deg", Uncertainty: 3},
			{Name: "knee_angle_deg", Side: side, Value: kneeDeg, Unit: "deg", Uncertainty: 4},
		}
	} else {
		r.Reasons = []string{"other knee not held to the chest"}
	}
	return r
}

func kneeling(verdict string, faults ...string) stretchwise.Report {
	r := stretchwise.Report{Exercise: stretchwise.ExerciseHalfKneeling, View: stretchwise.ViewLeft, Verdict: verdict, Reasons: []string{"test report"}}
	for _, f := range faults {
		r.Findings = append(r.Findings, stretchwise.Finding{Code: f, Severity: stretchwise.SeverityWarning, Message: f})
	}
	return r
}

// scenario is one row of the plan's scenario table.
type scenario struct {
	name    string
	age     int // 0 means 40
	flags   []string
	sb      []int // nil means all 0
	odi     []int // nil means all 0; -1 is a blank section
	nprs    int
	newPain *bool
	screens []stretchwise.Report

	action string
	codes  []string // plan-level reason codes that must be present
	absent []string // plan-level reason codes that must not be present
	// For exercise plans: the exact do and avoid sets.
	do, avoid []string
	// itemCodes: reason codes that must appear on a do or avoid item.
	itemCodes map[string][]string
	levels    map[string]int // dose levels of do items
	sides     map[string][]stretchwise.Side
}

// build scores the scenario's intake and builds its plan with the default
// configuration; it fails t on any error.
func (s scenario) build(t *testing.T, lib *library.Library) stretchwise.Plan {
	t.Helper()
	in, err := intake.Score(s.intake())
	if err != nil {
		t.Fatalf("%s: %v", s.name, err)
	}
	p, err := plan.Build(in, s.screens, lib, plan.DefaultConfig())
	if err != nil {
		t.Fatalf("%s: %v", s.name, err)
	}
	return p
}

func (s scenario) intake() stretchwise.Intake {
	answers, err := stretchwise.RedFlagAnswersFromYes(s.flags)
	if err != nil {
		panic(err)
	}
	in := stretchwise.Intake{Age: s.age, RedFlagAnswers: answers, StartBack: s.sb, NPRS: &s.nprs, NewPain: s.newPain}
	if in.Age == 0 {
		in.Age = 40
	}
	if in.StartBack == nil {
		in.StartBack = make([]int, intake.StartBackItems)
	}
	odi := s.odi
	if odi == nil {
		odi = make([]int, intake.ODISections)
	}
	for _, v := range odi {
		if v < 0 {
			in.ODI = append(in.ODI, nil)
			continue
		}
		v := v
		in.ODI = append(in.ODI, &v)
	}
	return in
}

// noScreenDo is the do list of a clean intake without screens: stability
// work and the hip stretch; lumbar stretches locked.
var noScreenDo = join(stability, hip)

func scenarios() []scenario {
	var out []scenario
	// Every cauda equina sign: emergency, everything avoided.
	for _, f := range []string{"bladder_bowel", "saddle_numbness", "bilateral_leg_symptoms", "progressive_weakness", "sexual_dysfunction"} {
		out = append(out, scenario{name: "cauda equina " + f, flags: []string{f},
			screens: []stretchwise.Report{birdDog("stable", 2)},
			action:  stretchwise.ActionEmergency, codes: []string{"red_flag_" + f}})
	}
	// Every other red flag: refer, everything avoided.
	for _, f := range []string{"cancer_history", "unexplained_weight_loss", "night_pain", "fever", "immunosuppression", "iv_drug_use", "major_trauma", "osteoporosis_or_steroids", "gait_disturbance"} {
		out = append(out, scenario{name: "red flag " + f, flags: []string{f},
			screens: []stretchwise.Report{birdDog("stable", 2)},
			action:  stretchwise.ActionRefer, codes: []string{"red_flag_" + f}})
	}
	out = append(out, []scenario{
		{name: "cauda equina wins over refer flags, both listed", flags: []string{"night_pain", "bladder_bowel"},
			action: stretchwise.ActionEmergency, codes: []string{"red_flag_bladder_bowel", "red_flag_night_pain"}},
		{name: "cauda equina wins over a high STarT Back", flags: []string{"saddle_numbness"}, sb: []int{0, 0, 0, 0, 1, 1, 1, 1, 1},
			action: stretchwise.ActionEmergency, codes: []string{"red_flag_saddle_numbness", "start_back_high"}},

		// Age and new pain.
		{name: "new pain at 51 refers", age: 51, newPain: boolp(true),
			action: stretchwise.ActionRefer, codes: []string{"new_pain_age"}},
		{name: "new pain at 50 does not refer", age: 50, newPain: boolp(true),
			action: stretchwise.ActionExercise, absent: []string{"new_pain_age", "new_pain_unknown"}, do: noScreenDo, avoid: lumbar},
		{name: "new pain at 19 refers", age: 19, newPain: boolp(true),
			action: stretchwise.ActionRefer, codes: []string{"new_pain_age"}},
		{name: "new pain at 20 does not refer", age: 20, newPain: boolp(true),
			action: stretchwise.ActionExercise, absent: []string{"new_pain_age"}, do: noScreenDo, avoid: lumbar},
		{name: "age 60, long-standing pain: exercise", age: 60, newPain: boolp(false),
			action: stretchwise.ActionExercise, absent: []string{"new_pain_age", "new_pain_unknown"}, do: noScreenDo, avoid: lumbar},
		{name: "age 60, new pain not answered: exercise, but says so", age: 60,
			action: stretchwise.ActionExercise, codes: []string{"new_pain_unknown"}, absent: []string{"new_pain_age"}, do: noScreenDo, avoid: lumbar},

		{name: "age 65: stretches note ACSM's longer holds for older adults", age: 65, newPain: boolp(false),
			action: stretchwise.ActionExercise, do: noScreenDo, avoid: lumbar,
			levels:    map[string]int{"figure-4-glute": 2},
			itemCodes: map[string][]string{"figure-4-glute": {"older_adult_holds", "hip_stretch"}}},

		// STarT Back boundaries.
		{name: "STarT Back total 3 is low", sb: []int{1, 1, 0, 0, 0, 0, 0, 0, 1},
			action: stretchwise.ActionExercise, codes: []string{"start_back_low"}, do: noScreenDo, avoid: lumbar,
			levels: map[string]int{"bird-dog": 2, "figure-4-glute": 2}},
		{name: "STarT Back total 4 distress 3 is medium: gentlest level", sb: []int{1, 0, 0, 0, 1, 1, 0, 0, 1},
			action: stretchwise.ActionExercise, codes: []string{"start_back_medium"}, do: noScreenDo, avoid: lumbar,
			levels:    map[string]int{"bird-dog": 1, "figure-4-glute": 1, "dead-bug": 1},
			itemCodes: map[string][]string{"figure-4-glute": {"hip_stretch", "mild_intensity", "gentlest_level"}}},
		{name: "STarT Back distress 4 is high: refer", sb: []int{0, 0, 0, 0, 1, 1, 1, 0, 1},
			action: stretchwise.ActionRefer, codes: []string{"start_back_high"}},

		// ODI boundaries.
		{name: "ODI 20% is minimal", odi: []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
			action: stretchwise.ActionExercise, codes: []string{"odi_minimal"}, do: noScreenDo, avoid: lumbar,
			levels: map[string]int{"glute-bridge": 2}},
		{name: "ODI 22% is moderate: gentlest level", odi: []int{2, 1, 1, 1, 1, 1, 1, 1, 1, 1},
			action: stretchwise.ActionExercise, codes: []string{"odi_moderate"}, do: noScreenDo, avoid: lumbar,
			levels: map[string]int{"glute-bridge": 1}},
		{name: "ODI 40% does not refer", odi: []int{2, 2, 2, 2, 2, 2, 2, 2, 2, 2},
			action: stretchwise.ActionExercise, codes: []string{"odi_moderate"}, absent: []string{"odi_over_40"}, do: noScreenDo, avoid: lumbar},
		{name: "ODI 42% refers", odi: []int{3, 2, 2, 2, 2, 2, 2, 2, 2, 2},
			action: stretchwise.ActionRefer, codes: []string{"odi_over_40"}},
		{name: "ODI 16/45 = 35.6% with a blank section is moderate", odi: []int{2, 2, 2, 2, 2, 2, 2, 1, 1, -1},
			action: stretchwise.ActionExercise, codes: []string{"odi_moderate"}, do: noScreenDo, avoid: lumbar},

		// Pain now.
		{name: "pain 3 is safe: default doses", nprs: 3,
			action: stretchwise.ActionExercise, codes: []string{"pain_safe"}, do: noScreenDo, avoid: lumbar,
			levels: map[string]int{"dead-bug": 2, "figure-4-glute": 2}},
		{name: "pain 4 is acceptable: gentlest level", nprs: 4,
			action: stretchwise.ActionExercise, codes: []string{"pain_acceptable"}, do: noScreenDo, avoid: lumbar,
			levels: map[string]int{"dead-bug": 1, "figure-4-glute": 1}},
		{name: "pain 5 is acceptable: gentlest level", nprs: 5, screens: []stretchwise.Report{birdDog("stable", 2)},
			action: stretchwise.ActionExercise, codes: []string{"pain_acceptable"}, do: join(noScreenDo, lumbar), avoid: nil,
			levels: map[string]int{"dead-bug": 1, kneeChest: 1}},
		{name: "pain 6: no stretching today, stability at level 1", nprs: 6, screens: []stretchwise.Report{birdDog("stable", 2), thomas("tight", stretchwise.SideLeft, 10, 85)},
			action: stretchwise.ActionExercise, codes: []string{"pain_too_high"}, do: stability, avoid: join(hip, lumbar, one(kneel)),
			levels:    map[string]int{"bird-dog": 1, "side-plank-knees": 1},
			itemCodes: map[string][]string{kneel: {"pain_too_high"}, rotation: {"pain_too_high"}, "figure-4-glute": {"pain_too_high"}}},

		// Bird-dog screen outcomes.
		{name: "bird dog stable unlocks lumbar stretches", screens: []stretchwise.Report{birdDog("stable", 3)},
			action: stretchwise.ActionExercise, codes: []string{"bird_dog_stable"}, do: join(noScreenDo, lumbar),
			itemCodes: map[string][]string{rotation: {"bird_dog_stable", "mild_intensity"}}},
		{name: "bird dog caution: no rotation, gentle bending", screens: []stretchwise.Report{birdDog("caution", 7)},
			action: stretchwise.ActionExercise, codes: []string{"bird_dog_caution"},
			do: join(noScreenDo, []string{kneeChest, catCamel}), avoid: one(rotation),
			levels:    map[string]int{kneeChest: 1, catCamel: 1, "bird-dog": 1},
			itemCodes: map[string][]string{rotation: {"bird_dog_caution"}, "bird-dog": {"bird_dog_caution", "stability_work"}}},
		{name: "bird dog unstable: no lumbar stretches, stability instead", screens: []stretchwise.Report{birdDog("unstable", 12)},
			action: stretchwise.ActionExercise, codes: []string{"bird_dog_unstable"}, do: noScreenDo, avoid: lumbar,
			levels:    map[string]int{"bird-dog": 1},
			itemCodes: map[string][]string{rotation: {"bird_dog_unstable"}, kneeChest: {"bird_dog_unstable"}, catCamel: {"bird_dog_unstable"}, "bird-dog": {"bird_dog_unstable"}}},
		{name: "bird dog inconclusive keeps lumbar stretches locked", screens: []stretchwise.Report{birdDog("inconclusive", 0)},
			action: stretchwise.ActionExercise, codes: []string{"bird_dog_inconclusive"}, do: noScreenDo, avoid: lumbar,
			itemCodes: map[string][]string{rotation: {"bird_dog_inconclusive"}}},
		{name: "no bird dog screen keeps lumbar stretches locked",
			action: stretchwise.ActionExercise, codes: []string{"bird_dog_not_screened", "thomas_not_screened"}, do: noScreenDo, avoid: lumbar,
			itemCodes: map[string][]string{catCamel: {"bird_dog_not_screened"}}},
		{name: "stable and unstable reports: the worse decides", screens: []stretchwise.Report{birdDog("stable", 2), birdDog("unstable", 11)},
			action: stretchwise.ActionExercise, codes: []string{"bird_dog_unstable"}, absent: []string{"bird_dog_stable"}, do: noScreenDo, avoid: lumbar},
		{name: "an inconclusive report does not hide a stable one", screens: []stretchwise.Report{birdDog("inconclusive", 0), birdDog("stable", 2)},
			action: stretchwise.ActionExercise, codes: []string{"bird_dog_stable"}, do: join(noScreenDo, lumbar)},

		// Thomas test outcomes.
		{name: "Thomas tight: half-kneeling stretch on the tight side", screens: []stretchwise.Report{thomas("tight", stretchwise.SideLeft, 11, 85)},
			action: stretchwise.ActionExercise, codes: []string{"thomas_tight"}, do: join(noScreenDo, one(kneel)), avoid: lumbar,
			itemCodes: map[string][]string{kneel: {"thomas_tight", "mild_intensity"}},
			sides:     map[string][]stretchwise.Side{kneel: {stretchwise.SideLeft}}},
		{name: "Thomas tight with short rectus femoris", screens: []stretchwise.Report{thomas("tight", stretchwise.SideRight, 8, 70)},
			action: stretchwise.ActionExercise, codes: []string{"thomas_tight"}, do: join(noScreenDo, one(kneel)), avoid: lumbar,
			itemCodes: map[string][]string{kneel: {"thomas_tight", "thomas_rectus_femoris"}},
			sides:     map[string][]stretchwise.Side{kneel: {stretchwise.SideRight}}},
		{name: "Thomas tight both sides from two reports", screens: []stretchwise.Report{thomas("tight", stretchwise.SideRight, 8, 85), thomas("tight", stretchwise.SideLeft, 9, 85)},
			action: stretchwise.ActionExercise, do: join(noScreenDo, one(kneel)), avoid: lumbar,
			sides: map[string][]stretchwise.Side{kneel: {stretchwise.SideRight, stretchwise.SideLeft}}},
		{name: "Thomas per-side verdicts name the tight side", screens: []stretchwise.Report{func() stretchwise.Report {
			r := thomas("tight", stretchwise.SideNone, 9, 85)
			r.Measures = nil
			r.Sides = []stretchwise.SideVerdict{{Side: stretchwise.SideLeft, Verdict: "normal"}, {Side: stretchwise.SideRight, Verdict: "tight"}}
			return r
		}()},
			action: stretchwise.ActionExercise, codes: []string{"thomas_tight"}, do: join(noScreenDo, one(kneel)), avoid: lumbar,
			sides: map[string][]stretchwise.Side{kneel: {stretchwise.SideRight}}},
		{name: "Thomas tight without a side: both sides", screens: []stretchwise.Report{func() stretchwise.Report {
			r := thomas("tight", stretchwise.SideNone, 9, 85)
			r.Measures = nil
			return r
		}()},
			action: stretchwise.ActionExercise, codes: []string{"thomas_tight"}, do: join(noScreenDo, one(kneel)), avoid: lumbar,
			sides: map[string][]stretchwise.Side{kneel: nil}},
		{name: "Thomas normal: no hip flexor stretch", screens: []stretchwise.Report{thomas("normal", stretchwise.SideLeft, -4, 85)},
			action: stretchwise.ActionExercise, codes: []string{"thomas_normal"}, do: noScreenDo, avoid: lumbar},
		{name: "Thomas inconclusive: no stretch on a guess", screens: []stretchwise.Report{thomas("inconclusive", stretchwise.SideLeft, 0, 0)},
			action: stretchwise.ActionExercise, codes: []string{"thomas_inconclusive"}, absent: []string{"thomas_tight"}, do: noScreenDo, avoid: lumbar},

		// Half-kneeling form and combinations.
		{name: "tight hips with a faulty kneeling stretch: level 1 and the cue", screens: []stretchwise.Report{thomas("tight", stretchwise.SideLeft, 10, 85), kneeling("faults", "trunk_lean_back")},
			action: stretchwise.ActionExercise, codes: []string{"kneel_faults"}, do: join(noScreenDo, one(kneel)), avoid: lumbar,
			levels:    map[string]int{kneel: 1},
			itemCodes: map[string][]string{kneel: {"thomas_tight", "kneel_faults"}}},
		{name: "tight hips with good kneeling form: default level", screens: []stretchwise.Report{thomas("tight", stretchwise.SideLeft, 10, 85), kneeling("good")},
			action: stretchwise.ActionExercise, codes: []string{"kneel_good"}, do: join(noScreenDo, one(kneel)), avoid: lumbar,
			levels: map[string]int{kneel: 2}},
		{name: "a kneeling check without tight hips prescribes nothing", screens: []stretchwise.Report{kneeling("good")},
			action: stretchwise.ActionExercise, codes: []string{"kneel_not_indicated"}, do: noScreenDo, avoid: lumbar},
		{name: "unstable bird dog and tight hips: hips over back", screens: []stretchwise.Report{birdDog("unstable", 14), thomas("tight", stretchwise.SideLeft, 12, 85)},
			action: stretchwise.ActionExercise, codes: []string{"bird_dog_unstable", "thomas_tight"}, do: join(noScreenDo, one(kneel)), avoid: lumbar,
			itemCodes: map[string][]string{kneel: {"thomas_tight"}, rotation: {"bird_dog_unstable"}}},
		{name: "stable bird dog and tight hips: everything", screens: []stretchwise.Report{birdDog("stable", 2), thomas("tight", stretchwise.SideLeft, 12, 85)},
			action: stretchwise.ActionExercise, codes: []string{"bird_dog_stable", "thomas_tight"}, do: join(noScreenDo, lumbar, one(kneel))},
		{name: "inconclusive bird dog and normal hips", screens: []stretchwise.Report{birdDog("inconclusive", 0), thomas("normal", stretchwise.SideRight, 0, 85)},
			action: stretchwise.ActionExercise, codes: []string{"bird_dog_inconclusive", "thomas_normal"}, do: noScreenDo, avoid: lumbar},
		{name: "a red flag overrides a good screen", flags: []string{"fever"}, screens: []stretchwise.Report{birdDog("stable", 2), thomas("tight", stretchwise.SideLeft, 12, 85)},
			action: stretchwise.ActionRefer, codes: []string{"red_flag_fever"}},
		{name: "medium risk and caution: gentle everywhere", sb: []int{1, 1, 1, 1, 0, 0, 0, 0, 0}, screens: []stretchwise.Report{birdDog("caution", 6)},
			action: stretchwise.ActionExercise, codes: []string{"start_back_medium", "bird_dog_caution"},
			do: join(noScreenDo, []string{kneeChest, catCamel}), avoid: one(rotation),
			levels: map[string]int{"dead-bug": 1, kneeChest: 1, "figure-4-glute": 1}},
	}...)
	return out
}

func codesOf(rs []stretchwise.Reason) map[string]bool {
	m := map[string]bool{}
	for _, r := range rs {
		m[r.Code] = true
	}
	return m
}

func sorted(ids []string) []string {
	out := append([]string(nil), ids...)
	sort.Strings(out)
	return out
}

// TestScenarios is the plan's scenario table: every red flag, every
// questionnaire band boundary, each screening outcome and combinations, and
// the pain-now rules, each with its action and reason codes. (The pain
// rules during a session and the progression rules are guard's table.)
func TestScenarios(t *testing.T) {
	lib := library.Default()
	all := make([]string, len(lib.Exercises))
	for i, e := range lib.Exercises {
		all[i] = e.ID
	}
	rows := scenarios()
	if len(rows) < 30 {
		t.Fatalf("only %d scenarios, want at least 30", len(rows))
	}
	for _, s := range rows {
		t.Run(s.name, func(t *testing.T) {
			p := s.build(t, lib)
			if p.Action != s.action {
				t.Errorf("action = %q, want %q; reasons:\n%s", p.Action, s.action, strings.Join(p.Reasons, "\n"))
			}
			if len(p.Reasons) != len(p.Why) || len(p.Reasons) == 0 {
				t.Errorf("got %d reasons and %d explained reasons, want the same non-zero number", len(p.Reasons), len(p.Why))
			}
			got := codesOf(p.Why)
			for _, c := range s.codes {
				if !got[c] {
					t.Errorf("plan reasons lack code %q; have %v", c, got)
				}
			}
			for _, c := range s.absent {
				if got[c] {
					t.Errorf("plan reasons have code %q, want it absent", c)
				}
			}
			var doIDs, avoidIDs []string
			items := map[string][]stretchwise.Reason{}
			for _, it := range p.Do {
				doIDs = append(doIDs, it.Exercise)
				items[it.Exercise] = it.Why
				if len(it.Reasons) == 0 || len(it.Reasons) != len(it.Why) {
					t.Errorf("do %s: %d reasons, %d explained; want the same non-zero number", it.Exercise, len(it.Reasons), len(it.Why))
				}
				if it.Dose.Source == "" || it.Dose.Reps == 0 {
					t.Errorf("do %s: dose %+v lacks reps or a source", it.Exercise, it.Dose)
				}
			}
			for _, it := range p.Avoid {
				avoidIDs = append(avoidIDs, it.Exercise)
				items[it.Exercise] = it.Why
				if len(it.Reasons) == 0 {
					t.Errorf("avoid %s: no reasons", it.Exercise)
				}
			}
			wantDo, wantAvoid := s.do, s.avoid
			switch s.action {
			case stretchwise.ActionEmergency, stretchwise.ActionRefer:
				wantDo, wantAvoid = nil, all
				want := map[string]string{stretchwise.ActionEmergency: plan.CodeEmergencyStopAll, stretchwise.ActionRefer: plan.CodeReferFirst}[s.action]
				for _, it := range p.Avoid {
					if !codesOf(it.Why)[want] {
						t.Errorf("avoid %s lacks code %q", it.Exercise, want)
					}
				}
			}
			if g, w := strings.Join(sorted(doIDs), ","), strings.Join(sorted(wantDo), ","); g != w {
				t.Errorf("do = %s\nwant %s", g, w)
			}
			if g, w := strings.Join(sorted(avoidIDs), ","), strings.Join(sorted(wantAvoid), ","); g != w {
				t.Errorf("avoid = %s\nwant %s", g, w)
			}
			for id, codes := range s.itemCodes {
				have := codesOf(items[id])
				for _, c := range codes {
					if !have[c] {
						t.Errorf("%s reasons lack code %q; have %v", id, c, have)
					}
				}
			}
			for _, it := range p.Do {
				if want, ok := s.levels[it.Exercise]; ok && it.Dose.Level != want {
					t.Errorf("%s dose level = %d, want %d", it.Exercise, it.Dose.Level, want)
				}
				if want, ok := s.sides[it.Exercise]; ok {
					if g, w := sideString(it.Dose.Sides), sideString(want); g != w {
						t.Errorf("%s sides = %s, want %s", it.Exercise, g, w)
					}
				}
			}
			for id := range s.levels {
				if !slices.Contains(doIDs, id) {
					t.Errorf("level expected for %s, which is not in the do list", id)
				}
			}
		})
	}
}

func sideString(ss []stretchwise.Side) string {
	var out []string
	for _, s := range ss {
		out = append(out, string(s))
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func TestDecodeScreenErrors(t *testing.T) {
	tests := []struct{ name, json, want string }{
		{"malformed", `{"exercise":`, "not a JSON report"},
		{"empty", ``, "not a JSON report"},
		{"not a screen", `{"exercise":"squat","verdict":"good"}`, `exercise: "squat" is not a screening test`},
		{"missing exercise", `{"verdict":"stable"}`, `exercise: "" is not a screening test`},
		{"wrong verdict for test", `{"exercise":"bird-dog","verdict":"tight"}`, `verdict: "tight" is not a bird-dog verdict`},
		{"missing verdict", `{"exercise":"thomas-test"}`, `verdict: "" is not a thomas-test verdict`},
		{"bad side", `{"exercise":"thomas-test","verdict":"tight","sides":[{"side":"middle","verdict":"tight"}]}`, `sides[0].side: "middle"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := plan.DecodeScreen([]byte(tt.json))
			if err == nil || stretchwise.ErrorCode(err) != stretchwise.EINVALID || !strings.Contains(stretchwise.ErrorMessage(err), tt.want) {
				t.Errorf("DecodeScreen error = %v, want EINVALID containing %q", err, tt.want)
			}
		})
	}
	rep, err := plan.DecodeScreen([]byte(`{"exercise":"bird-dog","verdict":"caution","future_field":1}`))
	if err != nil || rep.Verdict != "caution" {
		t.Errorf("DecodeScreen with an unknown key = %+v, %v; want it accepted", rep, err)
	}
}

// TestCodesAreDocumented checks that every reason code the scenarios emit
// and every red-flag code appears in docs/plan.md.
func TestCodesAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/plan.md")
	if err != nil {
		t.Fatal(err)
	}
	lib := library.Default()
	seen := map[string]bool{}
	for _, s := range scenarios() {
		p := s.build(t, lib)
		var all []stretchwise.Reason
		all = append(all, p.Why...)
		for _, it := range p.Do {
			all = append(all, it.Why...)
		}
		for _, it := range p.Avoid {
			all = append(all, it.Why...)
		}
		for _, r := range all {
			code := r.Code
			code = strings.TrimPrefix(code, plan.CodeRedFlagPrefix)
			seen[code] = true
		}
	}
	for _, f := range intake.RedFlags {
		seen[f.Code] = true
	}
	if len(seen) < 40 {
		t.Errorf("only %d codes seen; the scenarios should emit most of them", len(seen))
	}
	for code := range seen {
		if !strings.Contains(string(doc), "`"+code+"`") {
			t.Errorf("code %q is not documented in docs/plan.md", code)
		}
	}
}
