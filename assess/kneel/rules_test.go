package kneel_test

import (
	"testing"

	"github.com/stretchwise/stretchwise/assess/kneel"
	"github.com/stretchwise/stretchwise/geom"
)

// steady feeds e the metrics m at 30 fps from t0 for durS seconds and
// returns the time after the last frame.
func steady(e *kneel.Evaluator, m kneel.Metrics, t0, durS float64) float64 {
	const dt = 1.0 / 30
	t := t0
	for ; t < t0+durS; t += dt {
		e.Update(t, &m)
	}
	return t
}

// goodMetrics is a correct stretch: front knee 90, trunk upright, the
// down hip extended 10 deg, so the down thigh leans 10 deg back and, with
// the shin flat, the back knee bends 80 deg.
func goodMetrics() kneel.Metrics {
	return kneel.Metrics{Down: geom.Left, InPosition: true, FrontKnee: 90, BackKnee: 80, Trunk: 0, HipExt: 10, ThighBack: 10}
}

// TestBackKneeBand: the back knee is judged against the geometry of a
// correct stretch (BackKneeDeg +/- KneeTolDeg), not against the kneeling
// position's 90 deg: with the shin flat, every hip shift the stretch
// allows opens the knee below 90, and only a lifted shin or a knee far
// from under the hip is a fault.
func TestBackKneeBand(t *testing.T) {
	r := kneel.DefaultRules
	if want := r.KneeDeg - r.HipExtTargetDeg; r.BackKneeDeg != want {
		t.Errorf("BackKneeDeg = %g, want KneeDeg - HipExtTargetDeg = %g", r.BackKneeDeg, want)
	}
	tests := []struct {
		name string
		knee float64 // deg
		want kneel.Status
	}{
		{"kneeling upright, shin flat", 90, kneel.StatusOK},
		{"correct stretch, shin flat", 80, kneel.StatusOK},
		// Hip extension 12 deg with the trunk 10 deg forward, both within
		// the rules: the thigh 22 deg back, the knee 68 with the shin flat
		// (a fault under a band centred on 90, even with MarginDeg).
		{"hips forward, trunk forward, shin flat", 68, kneel.StatusOK},
		{"shin lifted 35 deg off the floor", 115, kneel.StatusFault},
		{"knee far behind the hip", 55, kneel.StatusFault},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := kneel.NewEvaluator(r)
			m := goodMetrics()
			m.BackKnee = tc.knee
			steady(e, m, 0, 3)
			if got := e.Status(kneel.CheckBackKnee); got != tc.want {
				t.Errorf("back knee %g deg: status %s, want %s", tc.knee, got, tc.want)
			}
			if ok, _ := e.Confirmed(kneel.CheckBackKnee); ok != (tc.want == kneel.StatusFault) {
				t.Errorf("back knee %g deg: confirmed %v", tc.knee, ok)
			}
		})
	}
}

// TestClearing: a fault whose value has come back inside its threshold is
// being corrected until its status clears OffS later.
func TestClearing(t *testing.T) {
	r := kneel.DefaultRules
	e := kneel.NewEvaluator(r)
	m := goodMetrics()
	m.HipExt, m.ThighBack = -8, -8 // the hips back: a fault
	tm := steady(e, m, 0, 3)
	if ok, _ := e.Confirmed(kneel.CheckHipsNotForward); !ok || e.Clearing(kneel.CheckHipsNotForward) {
		t.Fatalf("hips back for 3 s: confirmed %v, clearing %v; want confirmed, not clearing", ok, e.Clearing(kneel.CheckHipsNotForward))
	}
	// The hips come forward: after the window median follows, the fault is
	// clearing while its status waits OffS.
	m = goodMetrics()
	tm = steady(e, m, tm, r.WindowS)
	if e.Status(kneel.CheckHipsNotForward) != kneel.StatusFault || !e.Clearing(kneel.CheckHipsNotForward) {
		t.Errorf("%.2f s after the hips came forward: status %s, clearing %v; want fault, clearing",
			r.WindowS, e.Status(kneel.CheckHipsNotForward), e.Clearing(kneel.CheckHipsNotForward))
	}
	steady(e, m, tm, r.OffS+0.1)
	if e.Status(kneel.CheckHipsNotForward) != kneel.StatusOK || e.Clearing(kneel.CheckHipsNotForward) {
		t.Errorf("after OffS: status %s, clearing %v; want ok, not clearing", e.Status(kneel.CheckHipsNotForward), e.Clearing(kneel.CheckHipsNotForward))
	}
}

// TestStatusAndConfirmMargins: the live status turns "fault" once the
// fast value is StatusMarginDeg past a threshold, at once (OnS = 0: the
// first frame whose window median is out); a fault is confirmed only once
// the slow value is MarginDeg past it. A value between the two margins is
// shown but never cued.
func TestStatusAndConfirmMargins(t *testing.T) {
	r := kneel.DefaultRules
	if !(r.StatusMarginDeg < r.MarginDeg) {
		t.Fatalf("StatusMarginDeg %g, MarginDeg %g: want the status margin the smaller", r.StatusMarginDeg, r.MarginDeg)
	}
	between := r.TrunkMaxDeg + (r.StatusMarginDeg+r.MarginDeg)/2 // trunk lean forward, deg
	beyond := r.TrunkMaxDeg + r.MarginDeg + 3
	tests := []struct {
		name      string
		trunk     float64
		confirmed bool
	}{
		{"between the margins", between, false},
		{"beyond both", beyond, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := kneel.NewEvaluator(r)
			m := goodMetrics()
			tm := steady(e, m, 0, 3)
			if got := e.Status(kneel.CheckTrunkLeanForward); got != kneel.StatusOK {
				t.Fatalf("good form: status %s", got)
			}
			// A step: the window median moves once more than half the
			// window's frames are out, and the status follows that frame.
			m.Trunk = tc.trunk
			const dt = 1.0 / 30
			var at float64
			for k := 0; k < 30; k++ {
				e.Update(tm, &m)
				if e.Status(kneel.CheckTrunkLeanForward) == kneel.StatusFault {
					at = float64(k+1) * dt
					break
				}
				tm += dt
			}
			// Half the window's frames out, plus the frame that tips the
			// median (an even count averages the two middle values).
			if lim := r.WindowS/2 + 2*dt; at == 0 || at > lim+1e-9 {
				t.Errorf("trunk %g deg forward: status fault after %.3f s, want within %.3f s (half the window and a frame)", tc.trunk, at, lim)
			}
			steady(e, m, tm+dt, r.ConfirmS+3*r.ConfirmTauS)
			if got := e.Status(kneel.CheckTrunkLeanForward); got != kneel.StatusFault {
				t.Errorf("trunk %g deg forward: status %s, want fault", tc.trunk, got)
			}
			if ok, _ := e.Confirmed(kneel.CheckTrunkLeanForward); ok != tc.confirmed {
				t.Errorf("trunk %g deg forward held %.1f s: confirmed %v, want %v", tc.trunk, r.ConfirmS+3*r.ConfirmTauS, ok, tc.confirmed)
			}
		})
	}
}

// TestHipsCheckSteadiesTheTrunk: the hips check compares the down thigh
// against the slow trunk line, so a trunk that jitters around upright
// (as the shared hip landmark makes it, in the opposite sense of the
// thigh) does not reach the hips check, while the thigh coming forward
// (the hips going back) does, within the window.
func TestHipsCheckSteadiesTheTrunk(t *testing.T) {
	r := kneel.DefaultRules
	e := kneel.NewEvaluator(r)
	m := goodMetrics()
	tm := steady(e, m, 0, 3)
	// The hip landmark jitters: every 0.3 s for 0.3 s the trunk reads
	// 8 deg forward and the thigh 4 deg less back, so the plain hip
	// extension (thigh minus trunk) reads 10 - 12 = -2 deg, past the
	// status threshold; the true hips have not moved.
	const dt = 1.0 / 30
	for k := 0; k < 180; k++ {
		m := goodMetrics()
		if (k/9)%2 == 1 {
			m.Trunk, m.ThighBack = 8, 6
			m.HipExt = m.ThighBack - m.Trunk
		}
		e.Update(tm, &m)
		tm += dt
		if e.Status(kneel.CheckHipsNotForward) == kneel.StatusFault {
			t.Fatalf("trunk jitter at %.2f s: hips status fault (hips check value %.1f deg)", tm, e.Smoothed().HipExt)
		}
	}
	// The hips go back 15 deg: thigh and hip extension 10 -> -5 deg.
	m = goodMetrics()
	m.HipExt, m.ThighBack = -5, -5
	for k := 1; k <= 15; k++ {
		e.Update(tm, &m)
		tm += dt
		if e.Status(kneel.CheckHipsNotForward) == kneel.StatusFault {
			return
		}
	}
	t.Errorf("hips back 15 deg: status %s after 0.5 s, want fault", e.Status(kneel.CheckHipsNotForward))
}
