package thomas_test

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis/analysistest"
	"github.com/stretchwise/stretchwise/assess/thomas"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/internal/golden"
	"github.com/stretchwise/stretchwise/synth"
)

func run(t testing.TB, p synth.ThomasParams, view stretchwise.View, noise string, seed uint64) thomas.Result {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 13))
	a, _ := analysistest.Run(t, synth.ThomasTest(p), synth.RandomBody(rng), view, noise, rng)
	return thomas.Analyze(a.Input, thomas.DefaultConfig)
}

func sideVerdict(r stretchwise.Report, s stretchwise.Side) string {
	for _, sv := range r.Sides {
		if sv.Side == s {
			return sv.Verdict
		}
	}
	return ""
}

func hasFinding(r stretchwise.Report, code string, s stretchwise.Side) bool {
	for _, f := range r.Findings {
		if f.Code == code && f.Side == s {
			return true
		}
	}
	return false
}

func TestVerdicts(t *testing.T) {
	normal := synth.ThomasLeg{ThighDeg: -8, KneeFlexDeg: 92}
	oneJoint := synth.ThomasLeg{ThighDeg: 15, KneeFlexDeg: 92}
	twoJoint := synth.ThomasLeg{ThighDeg: -8, KneeFlexDeg: 60}
	tests := []struct {
		name        string
		p           synth.ThomasParams
		view        stretchwise.View
		left, right string
		overall     string
		finding     string // expected finding code on the left side ("" none)
	}{
		{"both normal, left view", synth.ThomasParams{Left: normal, Right: normal}, stretchwise.ViewLeft, "normal", "normal", "normal", ""},
		{"both normal, right view", synth.ThomasParams{Left: normal, Right: normal}, stretchwise.ViewRight, "normal", "normal", "normal", ""},
		{"left one-joint tight", synth.ThomasParams{Left: oneJoint, Right: normal}, stretchwise.ViewLeft, "tight", "normal", "tight", "one_joint_tight"},
		{"left two-joint tight", synth.ThomasParams{Left: twoJoint, Right: normal}, stretchwise.ViewRight, "tight", "normal", "tight", "two_joint_tight"},
		{"pelvis tilted", synth.ThomasParams{Left: normal, Right: normal, Faults: []synth.FaultSpec{{Name: synth.FaultPelvisTilt, Value: 25}}}, stretchwise.ViewLeft, "inconclusive", "inconclusive", "inconclusive", "pelvis_not_controlled"},
		{"held knee let go", synth.ThomasParams{Left: oneJoint, Right: normal, Faults: []synth.FaultSpec{{Name: synth.FaultHeldKnee, Value: 35}}}, stretchwise.ViewRight, "inconclusive", "inconclusive", "inconclusive", "pelvis_not_controlled"},
		{"only the left leg tested", synth.ThomasParams{Sides: []stretchwise.Side{stretchwise.SideLeft}, Left: normal}, stretchwise.ViewLeft, "normal", "inconclusive", "inconclusive", ""},
		{"front view", synth.ThomasParams{}, stretchwise.ViewFront, "", "", "inconclusive", ""},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.p, tc.view, "low", uint64(30+i)).Report
			if r.Verdict != tc.overall {
				t.Errorf("verdict %s, want %s; reasons %q", r.Verdict, tc.overall, r.Reasons)
			}
			if got := sideVerdict(r, stretchwise.SideLeft); got != tc.left {
				t.Errorf("left %q, want %q", got, tc.left)
			}
			if got := sideVerdict(r, stretchwise.SideRight); got != tc.right {
				t.Errorf("right %q, want %q", got, tc.right)
			}
			if tc.finding != "" && !hasFinding(r, tc.finding, stretchwise.SideLeft) {
				t.Errorf("no %s finding on the left: %+v", tc.finding, r.Findings)
			}
			if r.Verdict == stretchwise.VerdictInconclusive && len(r.Reasons) == 0 {
				t.Error("inconclusive without a reason")
			}
		})
	}
}

// TestAngles: hip and knee angles against the values set, at low noise.
func TestAngles(t *testing.T) {
	const hipTol, kneeTol = 3.0, 4.0 // deg: issue 4's hip target; the knee also carries the camera's 10 deg elevation
	legs := [2]synth.ThomasLeg{{ThighDeg: -10, KneeFlexDeg: 95}, {ThighDeg: 12, KneeFlexDeg: 65}}
	for i, view := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRight} {
		r := run(t, synth.ThomasParams{Left: legs[0], Right: legs[1]}, view, "low", uint64(40+i)).Report
		for s, side := range []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight} {
			h, ok1 := r.Measure("hip_angle_deg", side)
			k, ok2 := r.Measure("knee_angle_deg", side)
			if !ok1 || !ok2 {
				t.Fatalf("%s view %s: missing measures %+v", view, side, r.Measures)
			}
			if math.Abs(h.Value-legs[s].ThighDeg) > hipTol {
				t.Errorf("%s view %s: hip_angle_deg %.1f, set %.1f (tolerance %g)", view, side, h.Value, legs[s].ThighDeg, hipTol)
			}
			if math.Abs(k.Value-legs[s].KneeFlexDeg) > kneeTol {
				t.Errorf("%s view %s: knee_angle_deg %.1f, set %.1f (tolerance %g)", view, side, k.Value, legs[s].KneeFlexDeg, kneeTol)
			}
			if !(h.Uncertainty > 0) {
				t.Errorf("%s view %s: hip uncertainty %g", view, side, h.Uncertainty)
			}
		}
	}
}

// TestSideDifference: a difference beyond the measurement error is
// reported, one inside it is not.
func TestSideDifference(t *testing.T) {
	tests := []struct {
		name  string
		right float64 // right thigh, left at -8
		want  bool
	}{
		{"4 deg apart", -4, false},
		{"23 deg apart", 15, true},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, synth.ThomasParams{Left: synth.ThomasLeg{ThighDeg: -8, KneeFlexDeg: 92}, Right: synth.ThomasLeg{ThighDeg: tc.right, KneeFlexDeg: 92}}, stretchwise.ViewLeft, "low", uint64(50+i)).Report
			got := false
			for _, f := range r.Findings {
				if f.Code == "side_difference" {
					got = true
				}
			}
			if got != tc.want {
				t.Errorf("side_difference reported %v, want %v: %+v", got, tc.want, r.Findings)
			}
		})
	}
}

func TestGoldenReport(t *testing.T) {
	r := run(t, synth.ThomasParams{Left: synth.ThomasLeg{ThighDeg: 14, KneeFlexDeg: 70}, Right: synth.ThomasLeg{ThighDeg: -6, KneeFlexDeg: 90}}, stretchwise.ViewRight, "low", 60).Report
	golden.JSON(t, filepath.Join("testdata", "tight_left.golden.json"), r)
}

// TestFindingNoSurerThanItsMeasure: a tightness finding may claim a tight
// muscle (warning) only when the measure's 90 % interval lies beyond the
// threshold (assess.Claim, the bird dog's rule); when the interval
// reaches back across it, the finding is an info that says it cannot
// tell (issue 14). The same recording (thigh 8 deg above horizontal,
// knee 70 deg, low noise) is judged with the default noise model, whose
// interval supports both findings, and with one six times larger.
func TestFindingNoSurerThanItsMeasure(t *testing.T) {
	p := synth.ThomasParams{Left: synth.ThomasLeg{ThighDeg: 8, KneeFlexDeg: 70}, Right: synth.ThomasLeg{ThighDeg: -10, KneeFlexDeg: 90}}
	rng := rand.New(rand.NewPCG(5, 13))
	a, _ := analysistest.Run(t, synth.ThomasTest(p), synth.RandomBody(rng), stretchwise.ViewLeft, "low", rng)
	analysistest.FindingsNoSurer(t, func(n geom.Noise) stretchwise.Report {
		cfg := thomas.DefaultConfig
		cfg.Noise = n
		return thomas.Analyze(a.Input, cfg).Report
	}, 6, stretchwise.SideLeft, "one_joint_tight", "two_joint_tight")
}
