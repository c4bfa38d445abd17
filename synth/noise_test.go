package synth

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/recording"

	sw "github.com/stretchwise/stretchwise"
)

// residuals returns, per frame and landmark, the recorded minus the clean
// image position in image-height units (x scaled by the aspect ratio).
func residuals(rec *sw.Recording, tr *Truth) [][sw.NumLandmarks][2]float64 {
	asp := rec.Header.Aspect()
	out := make([][sw.NumLandmarks][2]float64, len(rec.Frames))
	for k, f := range rec.Frames {
		for i := range f.Image {
			out[k][i] = [2]float64{(f.Image[i].X - tr.Frames[k].Clean[i].X) * asp, f.Image[i].Y - tr.Frames[k].Clean[i].Y}
		}
	}
	return out
}

// quiet is a noise with every part off; tests switch one part on.
var quiet = Noise{Name: "test", HardPoseFactor: 1, OccludedFactor: 1, DepthFactor: 1, WorldDepthScale: 1}

func TestNoiseJitterMatchesSigma(t *testing.T) {
	n := quiet
	n.SigmaNorm, n.CorrTimeS, n.HardPoseFactor = 0.01, 0.1, 1.5
	const fps = 30
	m := BirdDog(BirdDogParams{}) // quadruped: the hard-pose factor applies
	rec, tr := Generate(m, AverageBody(), CameraFor(sw.ViewRearLeft), n, fps, rand.New(rand.NewPCG(11, 0)))
	res := residuals(rec, tr)
	var sum2, lag float64
	var cnt, lagN int
	for k := range res {
		for i := range res[k] {
			for c := 0; c < 2; c++ {
				sum2 += res[k][i][c] * res[k][i][c]
				cnt++
				if k > 0 {
					lag += res[k][i][c] * res[k-1][i][c]
					lagN++
				}
			}
		}
	}
	sd := math.Sqrt(sum2 / float64(cnt))
	rho := (lag / float64(lagN)) / (sum2 / float64(cnt))
	wantSD := n.SigmaNorm * n.HardPoseFactor
	wantRho := math.Exp(-1.0 / fps / n.CorrTimeS)
	const tolSDFrac = 0.05 // ~ 4 standard errors for ~2,000 effectively independent samples
	const tolRho = 0.03
	t.Logf("jitter sd %.5f (want %.5f), lag-1 correlation %.3f (want %.3f)", sd, wantSD, rho, wantRho)
	if math.Abs(sd/wantSD-1) > tolSDFrac {
		t.Errorf("jitter sd = %.5f, want %.5f within %.0f%%", sd, wantSD, 100*tolSDFrac)
	}
	if math.Abs(rho-wantRho) > tolRho {
		t.Errorf("lag-1 correlation = %.3f, want %.3f +/- %g", rho, wantRho, tolRho)
	}
}

func TestNoiseBiasIsConstant(t *testing.T) {
	n := quiet
	n.BiasNorm = 0.01
	m := HalfKneeling(KneelParams{HoldS: 5})
	rec, tr := Generate(m, AverageBody(), CameraFor(sw.ViewLeft), n, 30, rand.New(rand.NewPCG(12, 0)))
	res := residuals(rec, tr)
	const tolConstNorm = 1e-12 // a bias does not change over time
	var sum2 float64
	for i := 0; i < sw.NumLandmarks; i++ {
		for c := 0; c < 2; c++ {
			for k := range res {
				if math.Abs(res[k][i][c]-res[0][i][c]) > tolConstNorm {
					t.Fatalf("landmark %d: bias changed from %g to %g", i, res[0][i][c], res[k][i][c])
				}
			}
			sum2 += res[0][i][c] * res[0][i][c]
		}
	}
	sd := math.Sqrt(sum2 / (2 * sw.NumLandmarks))
	const tolSDFrac = 0.35 // 66 draws: the SD estimate itself has about 9 % error
	t.Logf("bias sd %.5f (want %.5f)", sd, n.BiasNorm)
	if math.Abs(sd/n.BiasNorm-1) > tolSDFrac {
		t.Errorf("bias sd = %.5f, want %.5f within %.0f%%", sd, n.BiasNorm, 100*tolSDFrac)
	}
}

func TestNoiseOutliersDropoutsMisses(t *testing.T) {
	n := quiet
	n.OutlierProb, n.OutlierNorm = 0.01, 0.05
	n.MissProb = 0.02
	n.DropoutPerS, n.DropoutMeanS = 0.3, 0.5
	const fps = 30
	m := BirdDog(BirdDogParams{Arms: []sw.Side{sw.SideLeft, sw.SideRight, sw.SideLeft, sw.SideRight, sw.SideLeft, sw.SideRight}})
	rec, tr := Generate(m, AverageBody(), CameraFor(sw.ViewRear), n, fps, rand.New(rand.NewPCG(13, 0)))
	res := residuals(rec, tr)
	var jumps, points, misses, dropFrames, runs int
	inRun := false
	for k, f := range rec.Frames {
		if !f.Detected {
			misses++
			continue
		}
		for i := range res[k] {
			points++
			if res[k][i][0] != 0 || res[k][i][1] != 0 {
				jumps++
			}
		}
		// The left leg group (hip, knee, ankle, heel, toe) is visible from
		// the rear unless a dropout hides it.
		low := f.Image[sw.LeftKnee].Visibility < 0.5
		if low {
			dropFrames++
		}
		if low && !inRun {
			runs++
		}
		inRun = low
	}
	nf := float64(len(rec.Frames))
	checkRate := func(what string, got int, total, p float64) {
		mean := total * p
		sd := math.Sqrt(total * p * (1 - p))
		const tolSDs = 4 // binomial count within four standard deviations
		t.Logf("%s: %d (want about %.0f)", what, got, mean)
		if math.Abs(float64(got)-mean) > tolSDs*sd {
			t.Errorf("%s = %d, want %.0f +/- %.0f", what, got, mean, tolSDs*sd)
		}
	}
	checkRate("outlier landmarks", jumps, float64(points), n.OutlierProb)
	checkRate("frames without a person", misses, nf, n.MissProb)
	// One group in five is hit per dropout; mean run length in frames.
	if runs == 0 {
		t.Fatal("no dropout of the left leg")
	}
	meanRunS := float64(dropFrames) / float64(runs) / fps
	const tolRunFrac = 0.6 // few runs: a loose check that lengths follow DropoutMeanS
	t.Logf("left-leg dropouts: %d runs, mean %.2f s (want about %.2f s)", runs, meanRunS, n.DropoutMeanS)
	if math.Abs(meanRunS/n.DropoutMeanS-1) > tolRunFrac {
		t.Errorf("mean dropout run %.2f s, want %.2f s within %.0f%%", meanRunS, n.DropoutMeanS, 100*tolRunFrac)
	}
}

func TestRecordingsPassValidation(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 0))
	for name, m := range testMotions() {
		for _, v := range sw.Views[:8] {
			for _, nz := range []Noise{NoiseNone, NoiseLow, NoiseMediaPipe, NoiseHigh} {
				rec, tr := Generate(m, RandomBody(rng), CameraFor(v), nz, 30, rng)
				if err := recording.Validate(rec); err != nil {
					t.Errorf("%s %s %s: %v", name, v, nz.Name, err)
				}
				if len(tr.Frames) != len(rec.Frames) || rec.Header.View != v || rec.Header.Exercise != m.Exercise {
					t.Errorf("%s %s %s: truth or header does not match the recording", name, v, nz.Name)
				}
			}
		}
	}
}

// TestGeomMeasuresTheTruth runs the project's angle code (package geom) on
// noise-free in-plane recordings: it must give the truth within the
// in-plane tolerance.
func TestGeomMeasuresTheTruth(t *testing.T) {
	get := func(g *geom.Angles, a Angle) float64 {
		sided := map[Angle]*[2]float64{LeftKneeFlexion: &g.KneeFlexion, LeftHipFlexion: &g.HipFlexion,
			LeftElbowFlexion: &g.ElbowFlexion, LeftThighElevation: &g.ThighElevation,
			LeftArmElevation: &g.ArmElevation, LeftLegElevation: &g.LegElevation}
		if v, ok := sided[a&^1]; ok {
			return v[int(a)&1]
		}
		switch a {
		case TrunkFromVertical:
			return g.TrunkFromVertical
		case PelvicRoll:
			return g.PelvicRoll
		}
		return g.ShoulderRoll
	}
	near := func(s sw.Side) []Angle {
		return []Angle{LeftKneeFlexion.Sided(s), LeftHipFlexion.Sided(s), LeftThighElevation.Sided(s),
			LeftLegElevation.Sided(s), LeftArmElevation.Sided(s), TrunkFromVertical}
	}
	cases := []struct {
		name   string
		m      *Motion
		view   sw.View
		angles []Angle
	}{
		{"bird dog left", BirdDog(BirdDogParams{}), sw.ViewLeft, near(sw.SideLeft)},
		{"bird dog right", BirdDog(BirdDogParams{ElevationDeg: 10}), sw.ViewRight, near(sw.SideRight)},
		{"bird dog rear", BirdDog(BirdDogParams{Faults: []FaultSpec{{Name: FaultPelvicRoll, Value: 15}, {Name: FaultShoulderRoll, Value: 10}}}),
			sw.ViewRear, []Angle{PelvicRoll, ShoulderRoll}},
		{"thomas left", ThomasTest(ThomasParams{Left: ThomasLeg{ThighDeg: 10, KneeFlexDeg: 65}}), sw.ViewLeft,
			[]Angle{LeftKneeFlexion, LeftThighElevation, LeftHipFlexion, TrunkFromVertical}},
		{"half kneeling right", HalfKneeling(KneelParams{Side: sw.SideRight, HoldS: 12, Faults: []FaultSpec{{Name: FaultTrunkLeanBack, Value: 10}}}),
			sw.ViewRight, []Angle{RightKneeFlexion, RightHipFlexion, RightThighElevation, TrunkFromVertical}},
		{"half kneeling left, front knee", HalfKneeling(KneelParams{Side: sw.SideRight, HoldS: 12}),
			sw.ViewLeft, []Angle{LeftKneeFlexion, LeftThighElevation, TrunkFromVertical}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec, tr := Generate(c.m, AverageBody(), inPlane(c.view), NoiseNone, 15, rand.New(rand.NewPCG(1, 1)))
			asp := rec.Header.Aspect()
			worst := 0.0
			measured, total := 0, 0
			var g geom.Angles
			for k := range rec.Frames {
				geom.Compute(&g, &rec.Frames[k].Image, asp, geom.DefaultGate)
				for _, a := range c.angles {
					total++
					got, want := get(&g, a), tr.Frames[k].Angles3D[a]
					if math.IsNaN(got) {
						continue // geom's own gating (e.g. the nose hidden by a reaching arm)
					}
					measured++
					d := math.Abs(got - want)
					if !(d <= tolInPlaneDeg) {
						t.Fatalf("t=%.2f %s: geom %.3f, truth %.3f", rec.Frames[k].T, a, got, want)
					}
					worst = math.Max(worst, d)
				}
			}
			const minCoverage = 0.9 // our choice: geom may gate a few frames, not most
			t.Logf("worst geom vs truth %.4f deg; %d of %d angle values measured", worst, measured, total)
			if float64(measured) < minCoverage*float64(total) {
				t.Errorf("geom measured %d of %d angle values, want at least %.0f%%", measured, total, 100*minCoverage)
			}
		})
	}
}

func TestNoiseLeftRightSwaps(t *testing.T) {
	n := quiet
	n.SwapPerS, n.SwapMeanS = 0.2, 1
	const fps = 30
	m := HalfKneeling(KneelParams{HoldS: 60})
	rec, tr := Generate(m, AverageBody(), CameraFor(sw.ViewLeft), n, fps, rand.New(rand.NewPCG(14, 0)))
	var swappedFrames, runs int
	in := false
	for k, f := range rec.Frames {
		c := &tr.Frames[k].Clean
		sw1 := f.Image[sw.LeftKnee] == c[sw.RightKnee] && f.Image[sw.RightKnee] == c[sw.LeftKnee] &&
			f.Image[sw.LeftFootIndex] == c[sw.RightFootIndex]
		same := f.Image[sw.LeftKnee] == c[sw.LeftKnee] && f.Image[sw.LeftHip] == c[sw.LeftHip]
		if !sw1 && !same {
			t.Fatalf("t=%.2f: legs neither in place nor swapped", f.T)
		}
		if f.Image[sw.LeftHip] != c[sw.LeftHip] {
			t.Fatalf("t=%.2f: a swap moved the hips", f.T)
		}
		if sw1 {
			swappedFrames++
			if !in {
				runs++
			}
		}
		in = sw1
	}
	share := float64(swappedFrames) / float64(len(rec.Frames))
	// Expected share of time swapped: rate*mean / (1 + rate*mean) for an
	// alternating renewal process; loose bounds for a few runs.
	want := n.SwapPerS * n.SwapMeanS / (1 + n.SwapPerS*n.SwapMeanS)
	const tolShare = 0.12
	t.Logf("%d swap runs, %.0f%% of frames swapped (want about %.0f%%)", runs, 100*share, 100*want)
	if runs == 0 || math.Abs(share-want) > tolShare {
		t.Errorf("swapped share %.2f in %d runs, want %.2f +/- %g", share, runs, want, tolShare)
	}
}

// TestWorldLandmarksMeasureTheTruth runs geom's 3D angles on the world
// landmarks of noise-free recordings from a level camera: world landmarks
// are the true pose in the camera's axes, so every angle must match.
func TestWorldLandmarksMeasureTheTruth(t *testing.T) {
	const tolWorldDeg = 1e-6 // a rigid change of axes only
	for name, m := range testMotions() {
		for _, v := range []sw.View{sw.ViewLeft, sw.ViewRearRight, sw.ViewFront} {
			c := CameraFor(v)
			c.ElevationDeg = 0
			rec, tr := Generate(m, AverageBody(), c, NoiseNone, 5, rand.New(rand.NewPCG(1, 1)))
			var g geom.Angles
			for k := range rec.Frames {
				world := rec.Frames[k].World
				for i := range world {
					world[i].Visibility = 1 // judge the geometry, not the occlusion gate
				}
				geom.Compute3D(&g, &world, geom.DefaultGate)
				want := tr.Frames[k].Angles3D
				got := [...]float64{g.KneeFlexion[0], g.KneeFlexion[1], g.HipFlexion[0], g.HipFlexion[1],
					g.ElbowFlexion[0], g.ElbowFlexion[1], g.ThighElevation[0], g.ThighElevation[1],
					g.ArmElevation[0], g.ArmElevation[1], g.LegElevation[0], g.LegElevation[1],
					g.TrunkFromVertical, g.PelvicRoll, g.ShoulderRoll}
				for a := range got {
					d := math.Abs(got[a] - want[a])
					if !(d <= tolWorldDeg) {
						t.Fatalf("%s %s t=%.1f %s: geom 3D %.4f, truth %.4f", name, v, rec.Frames[k].T, Angle(a), got[a], want[a])
					}
				}
			}
		}
	}
}
