package geom

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/internal/cpuclock"
)

func TestUncertaintySingleSegment(t *testing.T) {
	// The analytic sd of a segment's direction is sqrt(2)*sigma/L radians.
	const relTol = 1e-4 // finite differences are exact to about 1e-6 here
	b := standing()
	b.hip = [2]float64{30, 70}
	b.shoulder = [2]float64{40, 120}
	p := b.image()
	for _, sigma := range []float64{0.001, 0.005, 0.02} {
		var u Angles
		Uncertainty(&u, &p, b.aspect, DefaultGate, Noise{Sigma: sigma})
		tests := []struct {
			name string
			got  float64
			l    float64 // projected segment length in image heights
		}{
			{"thigh_l", u.ThighElevation[Left], bThigh * b.scale},
			{"thigh_r", u.ThighElevation[Right], bThigh * b.scale},
			{"arm_r", u.ArmElevation[Right], (bUpperArm + bForearm) * b.scale}, // elbow straight
		}
		for _, tt := range tests {
			want := math.Sqrt2 * sigma / tt.l * 180 / math.Pi
			if math.Abs(tt.got-want) > relTol*want {
				t.Errorf("sigma %v %s: sd %v deg, want %v", sigma, tt.name, tt.got, want)
			}
		}
	}
}

// TestUncertaintyMatchesMonteCarlo compares the propagated sd with the RMS
// error of angles measured on many noisy copies of a pose (seeded).
func TestUncertaintyMatchesMonteCarlo(t *testing.T) {
	// 20000 samples give the RMS to about 0.5 %; first-order propagation
	// is off by a few percent where the noise is not small against the
	// segment (sigma/L = 0.02 here), so 6 % covers both.
	const relTol = 0.06
	const samples = 20000
	const sigma = 0.003 // image heights
	r := rand.New(rand.NewSource(7))
	b := standing()
	b.lean = 20
	b.hip = [2]float64{80, -10}
	b.knee = [2]float64{0, 60} // a straight knee exercises the kink at 0
	b.shoulder = [2]float64{100, 30}
	b.elbow = [2]float64{90, 10}
	b.yaw = 10
	b.roll = 5
	p := b.image()
	var truth, u Angles
	Compute(&truth, &p, b.aspect, DefaultGate)
	Uncertainty(&u, &p, b.aspect, DefaultGate, Noise{Sigma: sigma})
	var sq [15]float64
	var count [15]int
	var a Angles
	for n := 0; n < samples; n++ {
		q := p
		for _, i := range usedLandmarks {
			q[i].X += r.NormFloat64() * sigma / b.aspect
			q[i].Y += r.NormFloat64() * sigma
		}
		Compute(&a, &q, b.aspect, DefaultGate)
		got, want := angleFields(&a), angleFields(&truth)
		for k := range sq {
			if d := *got[k] - *want[k]; !math.IsNaN(d) {
				sq[k] += d * d
				count[k]++
			}
		}
	}
	for k, sd := range angleFields(&u) {
		if math.IsNaN(*sd) {
			continue // rolls in a near-side view may be unmeasurable
		}
		rms := math.Sqrt(sq[k] / float64(count[k]))
		if math.Abs(*sd-rms) > relTol*rms {
			t.Errorf("angle %d: propagated sd %.4f deg, Monte Carlo RMS %.4f deg", k, *sd, rms)
		}
	}
	// The test must cover the knee and trunk at least.
	if math.IsNaN(u.KneeFlexion[Left]) || math.IsNaN(u.TrunkFromVertical) || math.IsNaN(u.HipFlexion[Right]) {
		t.Fatalf("knee, trunk or hip not measured: %+v", u)
	}
}

// TestUncertaintyViewTerm: with no landmark noise, a side view turned by
// ObliqueDeg has a view term equal to the error the turn causes.
func TestUncertaintyViewTerm(t *testing.T) {
	const tol = 1e-9
	for _, yaw := range []float64{10, 20, 35, 200} {
		b := standing()
		b.lean = 15
		b.hip = [2]float64{70, -10}
		b.knee = [2]float64{60, 20}
		b.shoulder = [2]float64{60, 120}
		b.elbow = [2]float64{30, 80}
		b.yaw = yaw
		p := b.image()
		side := b
		side.yaw = 0
		ps := side.image()
		var measured, truth, u Angles
		Compute(&measured, &p, b.aspect, DefaultGate)
		Compute(&truth, &ps, b.aspect, DefaultGate)
		oblique := yaw
		if yaw > 90 {
			oblique = yaw - 180
		}
		Uncertainty(&u, &p, b.aspect, DefaultGate, Noise{ObliqueDeg: oblique})
		// Angles whose points lie in one sagittal plane.
		for _, n := range []string{"knee_l", "knee_r", "thigh_l", "leg_r", "elbow_l", "arm_r", "trunk"} {
			got, _ := angleOf(&u, n)
			m, _ := angleOf(&measured, n)
			w, _ := angleOf(&truth, n)
			if want := math.Abs(m - w); math.Abs(got-want) > tol || want < 0.1 {
				t.Errorf("yaw %v %s: view term %v, want %v (must be > 0.1 to test anything)", yaw, n, got, want)
			}
		}
	}
}

func TestUncertaintyInvalidIsNaN(t *testing.T) {
	b := standing()
	p := b.image()
	p[stretchwise.LeftKnee].Visibility = 0
	var u Angles
	Uncertainty(&u, &p, b.aspect, DefaultGate, DefaultNoise)
	if !math.IsNaN(u.KneeFlexion[Left]) || u.Has(ValidKneeLeft) {
		t.Errorf("left knee sd = %v, valid %v; want NaN, invalid", u.KneeFlexion[Left], u.Has(ValidKneeLeft))
	}
	if math.IsNaN(u.KneeFlexion[Right]) || !(u.KneeFlexion[Right] > 0) {
		t.Errorf("right knee sd = %v, want > 0", u.KneeFlexion[Right])
	}
}

func TestUncertaintyAllocatesNothing(t *testing.T) {
	b := standing()
	img, world := b.image(), b.world()
	var u Angles
	if n := testing.AllocsPerRun(20, func() { Uncertainty(&u, &img, b.aspect, DefaultGate, DefaultNoise) }); n != 0 {
		t.Errorf("Uncertainty allocates %v per call", n)
	}
	if n := testing.AllocsPerRun(20, func() { Uncertainty3D(&u, &world, DefaultGate, Noise{Sigma: 0.01}) }); n != 0 {
		t.Errorf("Uncertainty3D allocates %v per call", n)
	}
}

func TestUncertainty3DSingleSegment(t *testing.T) {
	// Of the three noise axes per point, only the one across the segment in
	// its vertical plane moves the elevation: sd = sqrt(2)*sigma/L radians.
	const relTol = 1e-4
	b := standing()
	b.hip = [2]float64{30, 70}
	w := b.world()
	const sigma = 0.01 // metres
	var u Angles
	Uncertainty3D(&u, &w, DefaultGate, Noise{Sigma: sigma})
	want := math.Sqrt2 * sigma / bThigh * 180 / math.Pi
	if got := u.ThighElevation[Left]; math.Abs(got-want) > relTol*want {
		t.Errorf("3D thigh sd = %v deg, want %v", got, want)
	}
}

func BenchmarkUncertainty(b *testing.B) {
	body := standing()
	p := body.image()
	var u Angles
	cpuclock.Loop(b, func(int) { Uncertainty(&u, &p, body.aspect, DefaultGate, DefaultNoise) })
}

// BenchmarkUncertaintyOfRolls is UncertaintyOf for the two rolls only, as
// the analysis summarises a front, rear or oblique view.
func BenchmarkUncertaintyOfRolls(b *testing.B) {
	body := standing()
	p := body.image()
	var u Angles
	cpuclock.Loop(b, func(int) {
		UncertaintyOf(&u, &p, body.aspect, DefaultGate, DefaultNoise, ValidPelvicRoll|ValidShoulderRoll)
	})
}
