package validation

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	sw "github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/synth"
)

const (
	// tolExactDeg: two computations that must agree up to rounding (the
	// same path twice, or exact mirror images), degrees.
	tolExactDeg = 1e-6
	// tolFacingDeg: the same motion filmed from the left and from the
	// right by an in-plane camera, degrees; the in-plane tolerance of
	// issue 2, since each view is within it of the truth.
	tolFacingDeg = tolNoiseFreeDeg
)

// inPlane returns a camera looking from view at eye level from far away
// with a long lens (as synth's own in-plane test): the image plane is
// parallel to the plane of motion and perspective is negligible.
func inPlane(view sw.View) synth.Camera {
	c := synth.CameraFor(view)
	c.ElevationDeg = 0
	c.FocalPx = 50000
	return c
}

// generate renders m with a fixed seed.
func generate(t *testing.T, m *synth.Motion, b synth.Body, cam synth.Camera, n synth.Noise) (*sw.Recording, *synth.Truth) {
	t.Helper()
	if err := synth.Check(m, b, cam, n, fps); err != nil {
		t.Fatal(err)
	}
	return synth.Generate(m, b, cam, n, fps, rand.New(rand.NewPCG(7, 7)))
}

func mustMeasure(t *testing.T, rec *sw.Recording) measured {
	t.Helper()
	got, err := measure(rec)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// mirrored returns angle a of the mirror image: the other side's angle,
// and rolls with the sign reversed (docs/angles.md, Mirroring).
func mirrored(x synth.Angles, a synth.Angle) float64 {
	switch a {
	case synth.PelvicRoll, synth.ShoulderRoll:
		return -x[a]
	case synth.TrunkFromVertical:
		return x[a]
	}
	if a%2 == 0 {
		return x[a+1]
	}
	return x[a-1]
}

// compare checks want(frame) against got(frame) wherever both are
// measured, and that they are measured in the same frames; it returns the
// largest difference and the number of values compared.
func compare(t *testing.T, name string, tol float64, n int, got, want func(k int, a synth.Angle) float64) {
	t.Helper()
	var worst float64
	var count, onlyOne int
	for k := 0; k < n; k++ {
		for a := synth.Angle(0); a < synth.NumAngles; a++ {
			g, w := got(k, a), want(k, a)
			if finite(g) != finite(w) {
				onlyOne++
				continue
			}
			if !finite(g) {
				continue
			}
			count++
			worst = math.Max(worst, math.Abs(g-w))
		}
	}
	t.Logf("%s: %d values, largest difference %.2g deg, %d measured in only one", name, count, worst, onlyOne)
	if count == 0 {
		t.Errorf("%s: nothing measured in both", name)
	}
	if worst > tol || onlyOne > 0 {
		t.Errorf("%s: largest difference %.3g deg (want at most %g), %d values measured in only one of the two", name, worst, tol, onlyOne)
	}
}

// pairs are a motion posed on the left and the same motion posed on the
// right, with the views that see them as mirror images of each other.
func mirrorPairs() []struct {
	name       string
	left, rght *synth.Motion
	views      [][2]sw.View
} {
	l, r := sw.SideLeft, sw.SideRight
	side := [][2]sw.View{{sw.ViewLeft, sw.ViewRight}, {sw.ViewRight, sw.ViewLeft}}
	return []struct {
		name       string
		left, rght *synth.Motion
		views      [][2]sw.View
	}{
		{"bird dog",
			synth.BirdDog(synth.BirdDogParams{Arms: []sw.Side{l, r}, Faults: []synth.FaultSpec{{Name: synth.FaultPelvicRoll, Value: 8, Side: l}}}),
			synth.BirdDog(synth.BirdDogParams{Arms: []sw.Side{r, l}, Faults: []synth.FaultSpec{{Name: synth.FaultPelvicRoll, Value: 8, Side: r}}}),
			append([][2]sw.View{{sw.ViewRear, sw.ViewRear}, {sw.ViewFront, sw.ViewFront}, {sw.ViewRearLeft, sw.ViewRearRight}}, side...)},
		{"Thomas test", synth.ThomasTest(synth.ThomasParams{Sides: []sw.Side{l}}), synth.ThomasTest(synth.ThomasParams{Sides: []sw.Side{r}}), side},
		{"half kneeling", synth.HalfKneeling(synth.KneelParams{Side: l, HoldS: 10}), synth.HalfKneeling(synth.KneelParams{Side: r, HoldS: 10}), side},
	}
}

// TestMirrorInvariance: a motion posed on the left side and filmed from one
// view gives, through the analysis's path, the same angles as the motion
// posed on the right and filmed from the mirrored view, with sides swapped
// and rolls negated (noise-free, default camera: perspective included).
func TestMirrorInvariance(t *testing.T) {
	for _, p := range mirrorPairs() {
		for _, v := range p.views {
			recL, _ := generate(t, p.left, synth.AverageBody(), synth.CameraFor(v[0]), synth.NoiseNone)
			recR, _ := generate(t, p.rght, synth.AverageBody(), synth.CameraFor(v[1]), synth.NoiseNone)
			gl, gr := mustMeasure(t, recL), mustMeasure(t, recR)
			if len(gl.frame) != len(gr.frame) {
				t.Fatalf("%s: %d and %d frames", p.name, len(gl.frame), len(gr.frame))
			}
			compare(t, fmt.Sprintf("%s, left side from %s vs right side from %s", p.name, v[0], v[1]), tolExactDeg, len(gl.frame),
				func(k int, a synth.Angle) float64 { return gl.frame[k][a] },
				func(k int, a synth.Angle) float64 { return mirrored(gr.frame[k], a) })
		}
	}
}

// TestMirrorThroughPipeline: a noisy recording (mediapipe preset) and its
// mirror image (every landmark swapped with its counterpart, x flipped)
// give the same angles, sides swapped and rolls negated, after the
// filters: outlier rejection, gap filling and the low-pass must not break
// the symmetry.
func TestMirrorThroughPipeline(t *testing.T) {
	for _, p := range mirrorPairs() {
		for _, v := range p.views {
			rec, _ := generate(t, p.left, synth.RandomBody(rand.New(rand.NewPCG(3, 3))), synth.CameraFor(v[0]), synth.NoiseMediaPipe)
			mir := &sw.Recording{Header: rec.Header, Frames: make([]sw.Frame, len(rec.Frames))}
			for k, f := range rec.Frames {
				mir.Frames[k] = f
				if f.Detected {
					geom.MirrorPose(&mir.Frames[k].Image, &f.Image)
				}
			}
			g, m := mustMeasure(t, rec), mustMeasure(t, mir)
			compare(t, fmt.Sprintf("%s from %s, mediapipe noise, mirrored", p.name, v[0]), tolExactDeg, len(g.frame),
				func(k int, a synth.Angle) float64 { return g.frame[k][a] },
				func(k int, a synth.Angle) float64 { return mirrored(m.frame[k], a) })
		}
	}
}

// TestFacingInvariance: the same motion filmed from its left and from its
// right by an in-plane camera gives the same sagittal angles (the person
// faces image left in one and image right in the other), wherever both
// views measure them. Noise-free; the far side's limbs are hidden in each
// view, so the sided angles compared are those both views see.
func TestFacingInvariance(t *testing.T) {
	for _, p := range mirrorPairs() {
		for _, b := range []synth.Body{synth.BodyOfHeight(synth.MinHeightM), synth.RandomBody(rand.New(rand.NewPCG(4, 4)))} {
			recL, _ := generate(t, p.left, b, inPlane(sw.ViewLeft), synth.NoiseNone)
			recR, _ := generate(t, p.left, b, inPlane(sw.ViewRight), synth.NoiseNone)
			gl, gr := mustMeasure(t, recL), mustMeasure(t, recR)
			sagittal := func(a synth.Angle) bool { return a != synth.PelvicRoll && a != synth.ShoulderRoll }
			if gl.majority == 0 || gl.majority != -gr.majority {
				t.Errorf("%s: majority facing %v from the left and %v from the right; want opposite and known", p.name, gl.majority, gr.majority)
			}
			// Sided angles: only where both views measure them (each hides
			// its far limbs); the trunk must be measured in the same frames.
			var worst float64
			var count int
			for k := range gl.frame {
				for a := synth.Angle(0); a < synth.NumAngles; a++ {
					x, y := gl.frame[k][a], gr.frame[k][a]
					if !sagittal(a) || !finite(x) || !finite(y) {
						continue
					}
					count++
					worst = math.Max(worst, math.Abs(x-y))
				}
			}
			t.Logf("%s, %.2f m body, left vs right view: %d values, largest difference %.2g deg", p.name, b.HeightM, count, worst)
			if count == 0 || worst > tolFacingDeg {
				t.Errorf("%s: left and right views differ by up to %.3g deg over %d values; want at most %g", p.name, worst, count, tolFacingDeg)
			}
		}
	}
}

// TestSamePathAsAnalysis: the battery's measure is the analysis's own
// angle table (analysis.Run, as the CLI's --angles writes it), value for
// value, so the accuracy table describes what users get.
func TestSamePathAsAnalysis(t *testing.T) {
	for _, c := range []struct {
		m    *synth.Motion
		view sw.View
	}{
		{synth.HalfKneeling(synth.KneelParams{HoldS: 10}), sw.ViewLeft},
		{synth.BirdDog(synth.BirdDogParams{Arms: []sw.Side{sw.SideLeft}}), sw.ViewRear},
	} {
		rec, _ := generate(t, c.m, synth.AverageBody(), synth.CameraFor(c.view), synth.NoiseMediaPipe)
		a, err := analysis.Run(rec, analysis.DefaultOptions)
		if err != nil {
			t.Fatal(err)
		}
		table := a.AngleTable()
		got := mustMeasure(t, rec)
		if len(table) != len(got.frame) {
			t.Fatalf("%s: analysis has %d rows, the battery %d frames", c.m.Exercise, len(table), len(got.frame))
		}
		compare(t, fmt.Sprintf("%s from %s: battery vs analysis.AngleTable", c.m.Exercise, c.view), tolExactDeg, len(table),
			func(k int, x synth.Angle) float64 { return got.frame[k][x] },
			func(k int, x synth.Angle) float64 { return fromGeom(&table[k].Angles)[x] })
	}
}

// TestInPlaneAgainst3D: with an in-plane camera (eye level, far, long lens)
// and no noise, the path's 2D angles equal the true 3D angles within
// 0.5 deg (issue 2) for every angle of the side-view scenarios and the
// rolls from the rear and the front, at both ends of the height range
// (average proportions; angles do not depend on scale) and for a random
// body. The default camera's own perspective error is in
// TestAccuracy's "view gap" column instead.
func TestInPlaneAgainst3D(t *testing.T) {
	for _, sc := range scenarios() {
		if sc.view == sw.ViewRearLeft || sc.view == sw.ViewRearRight {
			continue // oblique: the image tilt is not the 3D tilt by design
		}
		for _, b := range []synth.Body{synth.BodyOfHeight(synth.MinHeightM), synth.RandomBody(rand.New(rand.NewPCG(4, 4))), synth.BodyOfHeight(synth.MaxHeightM)} {
			rec, tr := generate(t, sc.m, b, inPlane(sc.view), synth.NoiseNone)
			got := mustMeasure(t, rec)
			var worst float64
			var count, defined int
			for _, a := range sc.all() {
				for k := range tr.Frames {
					w := tr.Frames[k].Angles3D[a]
					if !finite(w) {
						continue
					}
					defined++
					if g := got.frame[k][a]; finite(g) {
						count++
						worst = math.Max(worst, math.Abs(g-w))
					}
				}
			}
			name := fmt.Sprintf("%s from %s, %.2f m", sc.motion, sc.view, b.HeightM)
			t.Logf("%s: %d of %d values measured, largest error %.3f deg", name, count, defined, worst)
			if float64(count) < minCoverage*float64(defined) || worst > tolNoiseFreeDeg {
				t.Errorf("%s: %d of %d values measured, largest error %.3f deg; want at least %.0f %% within %g",
					name, count, defined, worst, 100*minCoverage, tolNoiseFreeDeg)
			}
		}
	}
}
