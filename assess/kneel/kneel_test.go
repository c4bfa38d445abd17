package kneel_test

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/analysis/analysistest"
	"github.com/stretchwise/stretchwise/assess/kneel"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/internal/golden"
	"github.com/stretchwise/stretchwise/synth"
)

// run renders a synthetic stretch and analyses it through the real
// pipeline (analysis.Run builds the input kneel.Analyze gets).
func run(t testing.TB, p synth.KneelParams, view stretchwise.View, noise string, seed uint64) (kneel.Result, *synth.Truth) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 11))
	a, tr := analysistest.Run(t, synth.HalfKneeling(p), synth.RandomBody(rng), view, noise, rng)
	return kneel.Analyze(a.Input, kneel.DefaultConfig), tr
}

func codes(r stretchwise.Report) map[string]bool {
	m := map[string]bool{}
	for _, f := range r.Findings {
		m[f.Code] = true
	}
	return m
}

func TestVerdicts(t *testing.T) {
	fault := func(name string, v float64) []synth.FaultSpec {
		return []synth.FaultSpec{{Name: name, Value: v, StartS: 12, EndS: 22}}
	}
	tests := []struct {
		name    string
		p       synth.KneelParams
		view    stretchwise.View
		verdict string
		code    string // a finding that must be there ("" none)
		side    stretchwise.Side
	}{
		{"good left knee", synth.KneelParams{Side: stretchwise.SideLeft}, stretchwise.ViewLeft, stretchwise.VerdictGood, "", stretchwise.SideLeft},
		{"good right knee seen from the left", synth.KneelParams{Side: stretchwise.SideRight}, stretchwise.ViewLeft, stretchwise.VerdictGood, "", stretchwise.SideRight},
		{"good right knee", synth.KneelParams{Side: stretchwise.SideRight}, stretchwise.ViewRight, stretchwise.VerdictGood, "", stretchwise.SideRight},
		{"arch", synth.KneelParams{Faults: fault(synth.FaultTrunkLeanBack, 18)}, stretchwise.ViewRight, stretchwise.VerdictFaults, "trunk_lean_back", stretchwise.SideLeft},
		{"lean forward", synth.KneelParams{Faults: fault(synth.FaultTrunkLeanForward, 25)}, stretchwise.ViewLeft, stretchwise.VerdictFaults, "trunk_lean_forward", stretchwise.SideLeft},
		{"hips back", synth.KneelParams{Side: stretchwise.SideRight, Faults: fault(synth.FaultHipsNotForward, 15)}, stretchwise.ViewRight, stretchwise.VerdictFaults, "hips_not_forward", stretchwise.SideRight},
		{"front knee open", synth.KneelParams{Faults: fault(synth.FaultFrontKnee, -35)}, stretchwise.ViewLeft, stretchwise.VerdictFaults, "front_knee", stretchwise.SideLeft},
		{"back shin lifted", synth.KneelParams{Faults: fault(synth.FaultBackKnee, 40)}, stretchwise.ViewLeft, stretchwise.VerdictFaults, "back_knee", stretchwise.SideLeft},
		{"front view", synth.KneelParams{}, stretchwise.ViewFront, stretchwise.VerdictInconclusive, "", stretchwise.SideNone},
		{"rear-left view", synth.KneelParams{}, stretchwise.ViewRearLeft, stretchwise.VerdictInconclusive, "", stretchwise.SideNone},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, _ := run(t, tc.p, tc.view, "low", uint64(20+i))
			r := res.Report
			if r.Verdict != tc.verdict {
				t.Errorf("verdict %s, want %s; reasons %q", r.Verdict, tc.verdict, r.Reasons)
			}
			if tc.code != "" && !codes(r)[tc.code] {
				t.Errorf("no %s finding: %+v", tc.code, r.Findings)
			}
			if res.Side != tc.side {
				t.Errorf("side %q, want %q", res.Side, tc.side)
			}
			if r.Verdict == stretchwise.VerdictInconclusive && len(r.Reasons) == 0 {
				t.Error("inconclusive without a reason")
			}
		})
	}
}

// TestFindingSpan: a fault's finding starts near the fault's onset and
// ends near its end.
func TestFindingSpan(t *testing.T) {
	const tol = 1.0 // s: the window median, confirmation and clearing
	res, _ := run(t, synth.KneelParams{Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanBack, Value: 20, StartS: 14, EndS: 24}}}, stretchwise.ViewLeft, "low", 40)
	for _, f := range res.Report.Findings {
		if f.Code != "trunk_lean_back" {
			continue
		}
		if math.Abs(f.StartS-14) > tol || math.Abs(f.EndS-24) > tol {
			t.Errorf("finding %.2f-%.2f s, want 14-24 +/- %g", f.StartS, f.EndS, tol)
		}
		return
	}
	t.Errorf("no trunk_lean_back finding: %+v", res.Report.Findings)
}

// TestMeasuresAgainstTruth compares the reported medians with the angles
// the synthetic body was set to, at low noise in side views.
func TestMeasuresAgainstTruth(t *testing.T) {
	const tol = 3.0 // deg: issue 4's accuracy target for knee and trunk in side views
	for i, view := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRight} {
		for j, side := range []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight} {
			res, tr := run(t, synth.KneelParams{Side: side}, view, "low", uint64(50+2*i+j))
			want := map[string]float64{}
			var fk, bk, tk, hx []float64
			for _, f := range tr.Frames {
				if f.Phase == synth.PhaseHold {
					fk, bk = append(fk, f.Set["front_knee_set_deg"]), append(bk, f.Set["back_knee_deg"])
					tk, hx = append(tk, f.Set["trunk_from_vertical_deg"]), append(hx, f.Set["hip_extension_deg"])
				}
			}
			want["front_knee_deg"], want["back_knee_deg"] = mean(fk), mean(bk)
			want["trunk_from_vertical_deg"], want["hip_extension_deg"] = mean(tk), mean(hx)
			for name, w := range want {
				s := side
				switch name {
				case "front_knee_deg":
					s = side.Opposite()
				case "trunk_from_vertical_deg":
					s = stretchwise.SideNone
				}
				m, ok := res.Report.Measure(name, s)
				if !ok {
					t.Errorf("%s %s knee: no %s (%s)", view, side, name, s)
					continue
				}
				if math.Abs(m.Value-w) > tol {
					t.Errorf("%s view, %s knee: %s = %.1f, truth %.1f (tolerance %g)", view, side, name, m.Value, w, tol)
				}
			}
			if m, ok := res.Report.Measure("good_form_hold_s", side); !ok || m.Value < 25 || m.Value > 34 {
				t.Errorf("%s view, %s knee: good_form_hold_s %+v, want about the 30 s hold", view, side, m)
			}
		}
	}
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// TestMirror: the same stretch mirrored (left and right swapped, image
// flipped) gives the same verdict with the sides swapped.
func TestMirror(t *testing.T) {
	rng := rand.New(rand.NewPCG(60, 1))
	m := synth.HalfKneeling(synth.KneelParams{Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanForward, Value: 25, StartS: 12, EndS: 20}}})
	rec, _ := synth.Generate(m, synth.AverageBody(), synth.CameraFor(stretchwise.ViewLeft), synth.NoiseLow, 30, rng)
	mir := &stretchwise.Recording{Header: rec.Header, Frames: make([]stretchwise.Frame, len(rec.Frames))}
	mir.Header.View = stretchwise.ViewRight
	for i, f := range rec.Frames {
		g := f
		g.HasWorld, g.World = false, stretchwise.Pose{}
		if f.Detected {
			geom.MirrorPose(&g.Image, &f.Image)
		}
		mir.Frames[i] = g
	}
	var got [2]kneel.Result
	for k, r := range []*stretchwise.Recording{rec, mir} {
		a, err := analysis.Run(r, analysis.DefaultOptions)
		if err != nil {
			t.Fatal(err)
		}
		got[k] = kneel.Analyze(a.Input, kneel.DefaultConfig)
	}
	if got[0].Side != got[1].Side.Opposite() || got[0].Report.Verdict != got[1].Report.Verdict {
		t.Errorf("side %s verdict %s, mirrored side %s verdict %s", got[0].Side, got[0].Report.Verdict, got[1].Side, got[1].Report.Verdict)
	}
	if !codes(got[1].Report)["trunk_lean_forward"] {
		t.Errorf("mirrored: no trunk_lean_forward: %+v", got[1].Report.Findings)
	}
}

// TestGoldenReport pins the whole report of one synthetic recording with a
// fault. Run with -update to accept a deliberate change.
func TestGoldenReport(t *testing.T) {
	res, _ := run(t, synth.KneelParams{Side: stretchwise.SideRight, Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanBack, Value: 18, StartS: 12, EndS: 20}}}, stretchwise.ViewRight, "low", 70)
	golden.JSON(t, filepath.Join("testdata", "arch_right.golden.json"), res.Report)
}

// TestFindingNoSurerThanItsMeasure: a form-fault finding claims a fault
// (warning) only when its check's value over the span lies beyond the
// threshold by the 90 % interval of its measure (assess.Claim, the bird
// dog's rule); otherwise it is an info that says it cannot tell (issue
// 14). The same recording (a trunk leaning 18 deg forward for 8 s, low
// noise) is judged with the default noise model and with one eight times
// larger.
func TestFindingNoSurerThanItsMeasure(t *testing.T) {
	p := synth.KneelParams{Side: stretchwise.SideLeft, HoldS: 30,
		Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanForward, Value: 18, StartS: 12, EndS: 20}}}
	rng := rand.New(rand.NewPCG(3, 11))
	a, _ := analysistest.Run(t, synth.HalfKneeling(p), synth.RandomBody(rng), stretchwise.ViewLeft, "low", rng)
	analysistest.FindingsNoSurer(t, func(n geom.Noise) stretchwise.Report {
		cfg := kneel.DefaultConfig
		cfg.Noise = n
		return kneel.Analyze(a.Input, cfg).Report
	}, 8, stretchwise.SideLeft, "trunk_lean_forward")
}
