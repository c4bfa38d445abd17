package birddog

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// twoSides is a recording with two reaches per side, 6 s holds.
func twoSides(roll, sroll [2]float64) []phase {
	var ps []phase
	for rep := 0; rep < 2; rep++ {
		for k, side := range []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight} {
			rest := 1.5
			if rep == 0 && k == 0 {
				rest = 2
			}
			ps = append(ps, phase{rest: rest, leg: side, lift: 1, hold: 6, ret: 1, roll: roll[k], sroll: sroll[k]})
		}
	}
	return ps
}

func sideOf(r stretchwise.Report, s stretchwise.Side) stretchwise.SideVerdict {
	for _, sv := range r.Sides {
		if sv.Side == s {
			return sv
		}
	}
	return stretchwise.SideVerdict{}
}

func TestAssessRearVerdicts(t *testing.T) {
	// Roll is the change the lifted side makes: positive = the hip of the
	// lifted leg rises. In rearPose positive roll lifts the left hip, so the
	// right-leg reach gets the opposite sign.
	const tol = 0.3 // deg, noise-free orthographic figure
	tests := []struct {
		name        string
		roll, sroll [2]float64 // by lifted-leg side, in "lifted side rises" terms
		wantSides   [2]string
		wantVerdict string
		wantFinding string
	}{
		{"steady", [2]float64{0, 0}, [2]float64{0, 0}, [2]string{"stable", "stable"}, "stable", ""},
		{"left caution", [2]float64{7, 1}, [2]float64{0, 0}, [2]string{"caution", "stable"}, "caution", "pelvic_roll"},
		{"right unstable", [2]float64{2, 14}, [2]float64{0, 0}, [2]string{"stable", "unstable"}, "unstable", "pelvic_roll"},
		{"hip drops", [2]float64{-12, -12}, [2]float64{0, 0}, [2]string{"unstable", "unstable"}, "unstable", "pelvic_roll"},
		{"shoulder only", [2]float64{1, 1}, [2]float64{8, 0}, [2]string{"caution", "stable"}, "caution", "shoulder_roll"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// rearPose roll is "left higher"; the right leg's hike is -roll.
			// The shoulder of the reaching arm is opposite to the leg.
			ts, ss := script(2, twoSides([2]float64{tc.roll[0], -tc.roll[1]}, [2]float64{-tc.sroll[0], tc.sroll[1]})...)
			got := Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0, 1), DefaultConfig)
			if got.Verdict != tc.wantVerdict {
				t.Errorf("verdict = %s, want %s (reasons %q)", got.Verdict, tc.wantVerdict, got.Reasons)
			}
			for k, side := range []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight} {
				if sv := sideOf(got, side); sv.Verdict != tc.wantSides[k] {
					t.Errorf("%s side = %s, want %s (%q)", side, sv.Verdict, tc.wantSides[k], sv.Reasons)
				}
				m, ok := got.Measure("pelvic_roll_deg", side)
				if !ok || math.Abs(m.Value-math.Abs(tc.roll[k])) > tol {
					t.Errorf("%s pelvic_roll_deg = %v (ok %v), want %v +/- %v", side, m.Value, ok, math.Abs(tc.roll[k]), tol)
				}
				h, ok := got.Measure("pelvic_roll_signed_deg", side)
				if !ok || math.Abs(h.Value-tc.roll[k]) > tol {
					t.Errorf("%s pelvic_roll_signed_deg = %v (ok %v), want %v +/- %v", side, h.Value, ok, tc.roll[k], tol)
				}
				s, ok := got.Measure("shoulder_roll_deg", side)
				if !ok || math.Abs(s.Value-math.Abs(tc.sroll[k])) > tol {
					t.Errorf("%s shoulder_roll_deg = %v (ok %v), want %v +/- %v", side, s.Value, ok, math.Abs(tc.sroll[k]), tol)
				}
				if n, _ := got.Measure("reps", side); n.Value != 2 {
					t.Errorf("%s reps = %v, want 2", side, n.Value)
				}
			}
			found := tc.wantFinding == ""
			for _, f := range got.Findings {
				if f.Code == tc.wantFinding {
					found = true
					if !(f.EndS > f.StartS) {
						t.Errorf("finding %s has no time span: %+v", f.Code, f)
					}
				}
			}
			if !found {
				t.Errorf("no %s finding in %+v", tc.wantFinding, got.Findings)
			}
		})
	}
}

func TestSegmentReps(t *testing.T) {
	// The lift and return are smooth (cosine) ramps: the reach starts when
	// 15 % of the lift is done (0.25 s after the scripted start) and the
	// hold when 90 % is (0.2 s before the scripted hold).
	const tolS = 0.3 // s
	ts, ss := script(2, twoSides([2]float64{}, [2]float64{})...)
	got := Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0, 1), DefaultConfig)
	// Timeline: 2 s rest, then per reach lift 1, hold 6, return 1, rest 1.5.
	type want struct {
		side             stretchwise.Side
		start, hold, end float64
	}
	var wants []want
	t0 := 2.0
	for i := 0; i < 4; i++ {
		side := stretchwise.SideLeft
		if i%2 == 1 {
			side = stretchwise.SideRight
		}
		wants = append(wants, want{side, t0, t0 + 1, t0 + 8})
		t0 += 8 + 1.5
	}
	if len(got.Reps) != len(wants) {
		t.Fatalf("got %d reps %+v, want %d", len(got.Reps), got.Reps, len(wants))
	}
	for i, w := range wants {
		r := got.Reps[i]
		if r.Side != w.side {
			t.Errorf("rep %d side = %s, want %s", i, r.Side, w.side)
		}
		if math.Abs(r.StartS-w.start) > tolS || math.Abs(r.HoldS-w.hold) > tolS || math.Abs(r.EndS-w.end) > tolS {
			t.Errorf("rep %d = %+v, want start %.2f hold %.2f end %.2f +/- %.2f", i, r, w.start, w.hold, w.end, tolS)
		}
		if math.Abs(r.HeldS-6) > 2*tolS {
			t.Errorf("rep %d held %.2f s, want 6 +/- %.2f", i, r.HeldS, 2*tolS)
		}
	}
}

func TestInconclusive(t *testing.T) {
	ts, ss := script(2, twoSides([2]float64{12, 12}, [2]float64{})...)
	tests := []struct {
		name   string
		in     func() stretchwise.Report
		reason string
	}{
		{"side view cannot see roll", func() stretchwise.Report {
			return Assess(input(stretchwise.ViewLeft, leftPose, ts, ss, 0, 1), DefaultConfig)
		}, "side view"},
		{"unknown view", func() stretchwise.Report {
			return Assess(input(stretchwise.ViewUnknown, rearPose, ts, ss, 0, 1), DefaultConfig)
		}, "view is unknown"},
		{"never quadruped", func() stretchwise.Report {
			in := input(stretchwise.ViewRear, rearPose, ts, ss, 0, 1)
			for i := range in.Postures {
				in.Postures[i] = stretchwise.PostureStanding
			}
			return Assess(in, DefaultConfig)
		}, "on hands and knees in only"},
		{"no reach", func() stretchwise.Report {
			ts, ss := script(20)
			return Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0, 1), DefaultConfig)
		}, "no reach"},
		{"hips hidden during holds", func() stretchwise.Report {
			in := input(stretchwise.ViewRear, rearPose, ts, ss, 0, 1)
			for _, r := range []*stretchwise.Recording{in.Clean, in.Raw} {
				for i := range r.Frames {
					if ss[i].reach[0] > 0.9 || ss[i].reach[1] > 0.9 {
						r.Frames[i].Image[stretchwise.RightHip].Visibility = 0.1
					}
				}
			}
			return Assess(in, DefaultConfig)
		}, "too few frames"},
		{"nobody", func() stretchwise.Report {
			in := input(stretchwise.ViewRear, rearPose, ts, ss, 0, 1)
			for _, r := range []*stretchwise.Recording{in.Clean, in.Raw} {
				for i := range r.Frames {
					r.Frames[i].Detected = false
					r.Frames[i].Image = stretchwise.Pose{}
				}
			}
			return Assess(in, DefaultConfig)
		}, "no person"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.in()
			if got.Verdict != stretchwise.VerdictInconclusive {
				t.Errorf("verdict = %s, want inconclusive", got.Verdict)
			}
			for _, sv := range got.Sides {
				if sv.Verdict == stretchwise.VerdictStable {
					t.Errorf("side %s is stable in an inconclusive report", sv.Side)
				}
			}
			all := strings.Join(got.Reasons, " | ")
			if !strings.Contains(all, tc.reason) {
				t.Errorf("reasons %q do not mention %q", all, tc.reason)
			}
			if len(got.Advice) == 0 {
				t.Errorf("no advice")
			}
		})
	}
}

func TestSideViewLimbs(t *testing.T) {
	const tol = 1.0 // deg: the limbs are exact, the leg's knee bends on the way
	tests := []struct {
		legHigh float64
		flag    bool
	}{{0, false}, {8, false}, {20, true}}
	for _, tc := range tests {
		ps := twoSides([2]float64{}, [2]float64{})
		for i := range ps {
			ps[i].legHigh = tc.legHigh
		}
		ts, ss := script(2, ps...)
		got := Assess(input(stretchwise.ViewLeft, leftPose, ts, ss, 0, 1), DefaultConfig)
		for _, side := range []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight} {
			m, ok := got.Measure("leg_elevation_deg", side)
			if !ok || math.Abs(m.Value-tc.legHigh) > tol {
				t.Errorf("legHigh %v: %s leg_elevation_deg = %v (ok %v), want %v +/- %v", tc.legHigh, side, m.Value, ok, tc.legHigh, tol)
			}
			a, ok := got.Measure("arm_elevation_deg", side)
			if !ok || math.Abs(a.Value) > tol {
				t.Errorf("%s arm_elevation_deg = %v (ok %v), want 0 +/- %v", side, a.Value, ok, tol)
			}
			if sv := sideOf(got, side); sv.Verdict != stretchwise.VerdictInconclusive {
				t.Errorf("side view %s verdict = %s, want inconclusive", side, sv.Verdict)
			}
		}
		flagged := 0
		for _, f := range got.Findings {
			if f.Code == "limb_too_high" {
				flagged++
			}
		}
		if (flagged > 0) != tc.flag {
			t.Errorf("legHigh %v: %d limb_too_high findings, want flag=%v", tc.legHigh, flagged, tc.flag)
		}
	}
}

func TestMirrorGivesSameReportWithSidesSwapped(t *testing.T) {
	const tol = 1e-6
	ts, ss := script(2, twoSides([2]float64{7, -3}, [2]float64{0, 0})...)
	in := input(stretchwise.ViewRear, rearPose, ts, ss, 0.003, 7)
	a := Assess(in, DefaultConfig)
	b := Assess(mirrorInput(in), DefaultConfig)
	if a.Verdict != b.Verdict {
		t.Errorf("verdict %s, mirrored %s", a.Verdict, b.Verdict)
	}
	for _, m := range a.Measures {
		mm, ok := b.Measure(m.Name, m.Side.Opposite())
		if !ok || math.Abs(mm.Value-m.Value) > tol || math.Abs(mm.Uncertainty-m.Uncertainty) > tol {
			t.Errorf("%s %s = %v +/- %v, mirrored %v +/- %v (ok %v)", m.Name, m.Side, m.Value, m.Uncertainty, mm.Value, mm.Uncertainty, ok)
		}
	}
}

func TestNoiseWidensUncertaintyAndStaysStable(t *testing.T) {
	ts, ss := script(2, twoSides([2]float64{}, [2]float64{})...)
	// Without the model, only the noise seen in the recording counts.
	cfg := DefaultConfig
	cfg.NoiseSigma = 0
	quiet := Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0, 3), cfg)
	noisy := Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0.004, 3), cfg)
	model := Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0, 3), DefaultConfig)
	if q, m := quiet.Measures, model.Measures; len(q) == 0 || len(m) == 0 {
		t.Fatalf("no measures")
	}
	qm, _ := quiet.Measure("pelvic_roll_deg", stretchwise.SideLeft)
	mm, _ := model.Measure("pelvic_roll_deg", stretchwise.SideLeft)
	if !(mm.Uncertainty > qm.Uncertainty) {
		t.Errorf("uncertainty with the noise model %v, without %v: want larger with the model", mm.Uncertainty, qm.Uncertainty)
	}
	q, _ := quiet.Measure("pelvic_roll_deg", stretchwise.SideLeft)
	n, _ := noisy.Measure("pelvic_roll_deg", stretchwise.SideLeft)
	if !(n.Uncertainty > q.Uncertainty) {
		t.Errorf("uncertainty with noise %v, without %v: want larger with noise", n.Uncertainty, q.Uncertainty)
	}
	if noisy.Verdict != stretchwise.VerdictStable {
		t.Errorf("noisy steady reach verdict = %s (%q), want stable", noisy.Verdict, noisy.Reasons)
	}
}

func TestJudgeStraddle(t *testing.T) {
	tests := []struct {
		v, u    float64
		want    string
		wantTxt string
	}{
		{2, 0.5, "stable", ""},
		{4.5, 1, "stable", "close to the 5 deg limit"},
		{11, 1, "unstable", "close to the 10 deg limit"},
		{13, 1, "unstable", ""},
		{7, 4, "inconclusive", "not be measured closely enough"},
		{20, 3.5, "unstable", ""},                                // wide, but every value in the interval is unstable
		{6, 3, "inconclusive", "not be measured closely enough"}, // could be stable or unstable
		{3, 5, "inconclusive", "not be measured closely enough"}, // beyond MaxUncertaintyDeg
	}
	for _, tc := range tests {
		got, note := judge("pelvic roll", stat{v: tc.v, u: tc.u, ok: true}, DefaultConfig)
		if got != tc.want {
			t.Errorf("judge(%v +/- %v) = %s, want %s", tc.v, tc.u, got, tc.want)
		}
		if (tc.wantTxt == "") != (note == "") || !strings.Contains(note, tc.wantTxt) {
			t.Errorf("judge(%v +/- %v) note %q, want containing %q", tc.v, tc.u, note, tc.wantTxt)
		}
	}
}

func TestHipDrop(t *testing.T) {
	const tol = 0.5 // percent of the thigh, noise-free figure
	// The knee sits 0.9*legDrop below the hip; a drop of 0.1 of that is 10 %.
	ps := twoSides([2]float64{}, [2]float64{})
	for i := range ps {
		if ps[i].leg == stretchwise.SideLeft {
			ps[i].drop = 0.1 * 0.9 * legDrop
		}
	}
	ts, ss := script(2, ps...)
	got := Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0, 1), DefaultConfig)
	for _, tc := range []struct {
		side stretchwise.Side
		want float64
	}{{stretchwise.SideLeft, 10}, {stretchwise.SideRight, 0}} {
		m, ok := got.Measure("hip_drop_pct", tc.side)
		if !ok || math.Abs(m.Value-tc.want) > tol {
			t.Errorf("%s hip_drop_pct = %v (ok %v), want %v +/- %v", tc.side, m.Value, ok, tc.want, tol)
		}
	}
}

func TestArmAloneIsNotAReach(t *testing.T) {
	// A thoracic rotation or a shoulder stretch raises one arm; the screen
	// must not take it for a bird-dog reach.
	ps := twoSides([2]float64{}, [2]float64{})
	for i := range ps {
		ps[i].armOnly = true
	}
	ts, ss := script(2, ps...)
	got := Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0, 1), DefaultConfig)
	if got.Verdict != stretchwise.VerdictInconclusive || len(got.Reps) != 0 {
		t.Errorf("verdict %s with %d reps, want inconclusive with none", got.Verdict, len(got.Reps))
	}
	if all := strings.Join(got.Reasons, " | "); !strings.Contains(all, "no reach") {
		t.Errorf("reasons %q do not mention no reach", all)
	}
}

func TestShortHoldGivesNoRoll(t *testing.T) {
	ps := twoSides([2]float64{12, 12}, [2]float64{})
	for i := range ps {
		ps[i].hold = 1
	}
	ts, ss := script(2, ps...)
	cfg := DefaultConfig
	cfg.MinHoldS = 2 // longer than the scripted holds
	got := Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0, 1), cfg)
	if got.Verdict != stretchwise.VerdictInconclusive {
		t.Errorf("verdict %s, want inconclusive", got.Verdict)
	}
	if all := strings.Join(got.Reasons, " | "); !strings.Contains(all, "hold lasted only") {
		t.Errorf("reasons %q do not mention the short hold", all)
	}
	if _, ok := got.Measure("pelvic_roll_deg", stretchwise.SideLeft); ok {
		t.Errorf("pelvic_roll_deg reported for holds shorter than MinHoldS")
	}
}

// TestLimbLeavingPictureIsNotMeasured: seen from the side with the camera
// too close, each leg reaching back leaves the picture (the ankle lies left
// of the image). The pose model still places such a landmark, by guessing,
// so the leg's height must not be reported, and the reasons must say which
// foot left the picture and what to do. The arms stay in the picture and
// are measured.
func TestLimbLeavingPictureIsNotMeasured(t *testing.T) {
	ps := twoSides([2]float64{}, [2]float64{})
	ts, ss := script(2, ps...)
	shifted := func(s state) stretchwise.Pose {
		p := leftPose(s)
		for i := range p {
			p[i].X -= 0.2
		}
		return p
	}
	got := Assess(input(stretchwise.ViewLeft, shifted, ts, ss, 0.002, 1), DefaultConfig)
	if len(got.Reps) != 4 {
		t.Fatalf("%d reps, want 4 (the arms still show the reaches): %+v", len(got.Reps), got.Reps)
	}
	for _, side := range []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight} {
		for _, name := range []string{"leg_elevation_deg", "rep1_leg_elevation_deg"} {
			if m, ok := got.Measure(name, side); ok {
				t.Errorf("%s %s = %v +/- %v, want none: the foot was out of the picture", side, name, m.Value, m.Uncertainty)
			}
		}
		if _, ok := got.Measure("arm_elevation_deg", side); !ok {
			t.Errorf("%s arm_elevation_deg missing; the arm stayed in the picture", side)
		}
		want := "your " + string(side) + " foot left the picture: move the camera further back"
		found := false
		for _, r := range got.Reasons {
			found = found || strings.Contains(r, want)
		}
		if !found {
			t.Errorf("no reason says %q; reasons: %q", want, got.Reasons)
		}
	}
}

// TestFindingsNoSurerThanMeasures: a roll finding may claim only what its
// measure's uncertainty supports. A problem needs the whole 90 % interval
// of the roll above the unstable threshold, a warning the whole interval
// above the stable one; when the verdict is inconclusive because the roll
// is too uncertain, no finding may be a warning or a problem about it.
func TestFindingsNoSurerThanMeasures(t *testing.T) {
	const slack = 0.1 // deg: the message rounds value and uncertainty to 0.1
	num := regexp.MustCompile(`(\d+\.\d) deg \(give or take (\d+\.\d)\)`)
	cfg := DefaultConfig
	for _, roll := range []float64{7, 12} {
		for _, noise := range []float64{0.003, 0.006, 0.012} {
			ts, ss := script(2, twoSides([2]float64{roll, -roll}, [2]float64{})...)
			got := Assess(input(stretchwise.ViewRear, rearPose, ts, ss, noise, 3), cfg)
			for _, f := range got.Findings {
				if f.Code != "pelvic_roll" && f.Code != "shoulder_roll" || f.Severity == stretchwise.SeverityInfo {
					continue
				}
				m := num.FindStringSubmatch(f.Message)
				if m == nil {
					t.Fatalf("finding without value and uncertainty: %q", f.Message)
				}
				v, _ := strconv.ParseFloat(m[1], 64)
				u, _ := strconv.ParseFloat(m[2], 64)
				thr := cfg.StableBelowDeg
				if f.Severity == stretchwise.SeverityProblem {
					thr = cfg.UnstableAboveDeg
				}
				if lo := v - cfg.Coverage*u; lo < thr-slack {
					t.Errorf("roll %v, noise %v: %s %s at %.1f +/- %.1f deg: its 90 %% interval starts at %.1f, below the %g deg threshold",
						roll, noise, f.Severity, f.Code, v, u, lo, thr)
				}
				if sv := sideOf(got, f.Side); sv.Verdict == stretchwise.VerdictInconclusive && f.Code == "pelvic_roll" {
					t.Errorf("roll %v, noise %v: %s %s on a side whose verdict is inconclusive (%q)", roll, noise, f.Severity, f.Code, sv.Reasons)
				}
			}
		}
	}
}

// TestReachCutOffByEnd: the recording stops while the second reach is
// still held. That reach must be reported, marked incomplete, and its hold
// must not be called short: it went on after the end.
func TestReachCutOffByEnd(t *testing.T) {
	ps := []phase{
		{rest: 2, leg: stretchwise.SideLeft, lift: 1, hold: 6, ret: 1},
		{rest: 1.5, leg: stretchwise.SideRight, lift: 1, hold: 3},
	}
	ts, ss := script(0, ps...)
	got := Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0, 1), DefaultConfig)
	if len(got.Reps) != 2 {
		t.Fatalf("%d reps, want 2 (the last one cut off): %+v", len(got.Reps), got.Reps)
	}
	if r := got.Reps[0]; r.Incomplete {
		t.Errorf("first reach marked incomplete: %+v", r)
	}
	last := got.Reps[1]
	if last.Side != stretchwise.SideRight || !last.Incomplete {
		t.Errorf("last reach = %+v, want the right leg's, marked incomplete", last)
	}
	if end := ts[len(ts)-1]; math.Abs(last.EndS-end) > 0.05 {
		t.Errorf("last reach ends at %v s, want the end of the recording (%v s)", last.EndS, end)
	}
	for _, f := range got.Findings {
		if f.Code == "short_hold" && f.Side == stretchwise.SideRight {
			t.Errorf("a hold cut off by the end is called short: %+v", f)
		}
	}
}

// TestFoldedLimbIsNotMeasured: the pose model, unable to see a reaching
// arm, draws it hanging under the shoulder at two thirds of its length,
// quite sure of itself (as the lite model did on a real side-view clip).
// Such an arm must not give an elevation (it would be about -90 deg with a
// small uncertainty); the reason must say the arm was not followed.
func TestFoldedLimbIsNotMeasured(t *testing.T) {
	ts, ss := script(2, twoSides([2]float64{}, [2]float64{})...)
	folded := func(s state) stretchwise.Pose {
		p := leftPose(s)
		for k, idx := range [2][3]int{{stretchwise.LeftShoulder, stretchwise.LeftElbow, stretchwise.LeftWrist}, {stretchwise.RightShoulder, stretchwise.RightElbow, stretchwise.RightWrist}} {
			if s.reach[1-k] < 0.5 { // the arm of side k belongs to the other leg's diagonal
				continue
			}
			sh := p[idx[0]]
			p[idx[1]] = stretchwise.Landmark{X: sh.X, Y: sh.Y + sideArm/3, Visibility: 0.94}
			p[idx[2]] = stretchwise.Landmark{X: sh.X, Y: sh.Y + 2*sideArm/3, Visibility: 0.94}
		}
		return p
	}
	got := Assess(input(stretchwise.ViewLeft, folded, ts, ss, 0.002, 1), DefaultConfig)
	for _, side := range []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight} {
		if m, ok := got.Measure("arm_elevation_deg", side); ok {
			t.Errorf("%s arm_elevation_deg = %v +/- %v, want none: the pose model folded the arm", side, m.Value, m.Uncertainty)
		}
		if _, ok := got.Measure("leg_elevation_deg", side); !ok {
			t.Errorf("%s leg_elevation_deg missing; the legs were seen", side)
		}
	}
	if r := strings.Join(got.Reasons, "\n"); !strings.Contains(r, "the pose model did not follow your left arm") || !strings.Contains(r, "the pose model did not follow your right arm") {
		t.Errorf("reasons do not say the arms were not followed:\n%s", r)
	}
}

// TestImpossibleRollNotAMeasure: a hip line that reads as tipped further
// than a body on hands and knees can tip (a tester's history charted 90 deg)
// is not a measurement: that side is inconclusive, with no roll measure, no
// roll finding, and no figure of it in the reasons.
func TestImpossibleRollNotAMeasure(t *testing.T) {
	ts, ss := script(2, twoSides([2]float64{70, 0}, [2]float64{0, 0})...)
	got := Assess(input(stretchwise.ViewRear, rearPose, ts, ss, 0, 1), DefaultConfig)
	if sv := sideOf(got, stretchwise.SideLeft); sv.Verdict != stretchwise.VerdictInconclusive {
		t.Errorf("left side = %s, want inconclusive (%q)", sv.Verdict, sv.Reasons)
	}
	for _, m := range got.Measures {
		if m.Side == stretchwise.SideLeft && strings.Contains(m.Name, "pelvic_roll") {
			t.Errorf("measure %s (left) = %v deg reported", m.Name, m.Value)
		}
	}
	for _, f := range got.Findings {
		if f.Side == stretchwise.SideLeft && f.Code == "pelvic_roll" {
			t.Errorf("finding %q", f.Message)
		}
	}
	for _, r := range append(got.Reasons, sideOf(got, stretchwise.SideLeft).Reasons...) {
		if strings.Contains(r, "70") || strings.Contains(r, "deg") && strings.Contains(r, "hips") && !strings.Contains(r, "could not be measured") {
			t.Errorf("reason quotes the roll: %q", r)
		}
	}
	if sv := sideOf(got, stretchwise.SideRight); sv.Verdict != stretchwise.VerdictStable {
		t.Errorf("right side = %s, want stable (%q)", sv.Verdict, sv.Reasons)
	}
}
