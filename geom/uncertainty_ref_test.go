package geom

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// uncertaintyReference is Uncertainty as it was before it recomputed only
// the angles each landmark moves (commit 8063263): 76 full Computes per
// pose. TestUncertaintySameAsReference holds Uncertainty to it bit for bit.
func uncertaintyReference(dst *Angles, p *stretchwise.Pose, aspect, gate float64, n Noise) {
	var base Angles
	Compute(&base, p, aspect, gate)
	var sum [15]float64 // sum of squared degree deviations per angle
	q := *p
	var hi, lo Angles
	for _, i := range usedLandmarks {
		if !(p[i].Visibility >= gate) {
			continue
		}
		// u = x*aspect, so a step h in u is h/aspect in x.
		for c := 0; c < 2; c++ {
			coord, step := &q[i].X, diffStep/aspect
			if c == 1 {
				coord, step = &q[i].Y, diffStep
			}
			orig := *coord
			*coord = orig + step
			Compute(&hi, &q, aspect, gate)
			*coord = orig - step
			Compute(&lo, &q, aspect, gate)
			*coord = orig
			addGradient(&sum, &base, &hi, &lo, n.Sigma/diffStep)
		}
	}
	var view [15]float64
	if n.ObliqueDeg != 0 {
		var stretched Angles
		Compute(&stretched, p, aspect/math.Cos(n.ObliqueDeg*math.Pi/180), gate)
		b, s := angleFields(&base), angleFields(&stretched)
		for k := range view {
			view[k] = *s[k] - *b[k]
		}
	}
	finish(dst, &base, &sum, &view)
}

// TestUncertaintySameAsReference holds Uncertainty to the reference bit for
// bit: random bodies and views, poses whose facing flips under the
// difference step (found by bisection on the yaw), hidden landmarks,
// coincident landmarks, random and absurd coordinates, and noise models
// with and without the view term (and a sigma that is not finite).
func TestUncertaintySameAsReference(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	randomBody := func() body {
		b := standing()
		b.lean = 180*r.Float64() - 90
		b.hip = [2]float64{200*r.Float64() - 60, 200*r.Float64() - 60}
		b.knee = [2]float64{150 * r.Float64(), 150 * r.Float64()}
		b.shoulder = [2]float64{360 * r.Float64(), 360 * r.Float64()}
		b.elbow = [2]float64{150 * r.Float64(), 150 * r.Float64()}
		b.roll = 40*r.Float64() - 20
		b.yaw = 360 * r.Float64()
		b.aspect = []float64{16.0 / 9, 9.0 / 16, 4.0 / 3, 1}[r.Intn(4)]
		return b
	}
	var poses []stretchwise.Pose
	var aspects []float64
	add := func(p stretchwise.Pose, aspect float64) {
		poses = append(poses, p)
		aspects = append(aspects, aspect)
	}
	for range 300 {
		b := randomBody()
		p := b.image()
		switch r.Intn(5) {
		case 1: // hidden landmarks
			for _, i := range usedLandmarks {
				if r.Float64() < 0.25 {
					p[i].Visibility = 0.3
				}
			}
		case 2: // coincident landmarks: zero-length segments
			p[stretchwise.LeftKnee] = p[stretchwise.LeftHip]
			p[stretchwise.RightShoulder] = p[stretchwise.LeftShoulder]
		case 3: // noise on every landmark
			for _, i := range usedLandmarks {
				p[i].X += 0.05 * r.NormFloat64()
				p[i].Y += 0.05 * r.NormFloat64()
			}
		case 4: // absurd coordinates: the steps overflow or vanish
			i := usedLandmarks[r.Intn(len(usedLandmarks))]
			p[i].X = []float64{1e308, -1e308, 1e20, math.Inf(1), math.NaN()}[r.Intn(5)]
		}
		add(p, b.aspect)
	}
	// Facing on a knife edge: bisect the yaw between two views of
	// different facing until the step of the propagation flips it.
	edges := 0
	for range 200 {
		b := randomBody()
		y0 := b.yaw
		b.yaw = y0 + 10
		f1 := Facing2D(ptr(b.image()), b.aspect, DefaultGate)
		b.yaw = y0
		f0 := Facing2D(ptr(b.image()), b.aspect, DefaultGate)
		if f0 == f1 {
			continue
		}
		lo, hi := y0, y0+10
		for range 60 {
			b.yaw = (lo + hi) / 2
			if Facing2D(ptr(b.image()), b.aspect, DefaultGate) == f0 {
				lo = b.yaw
			} else {
				hi = b.yaw
			}
		}
		b.yaw = lo
		add(b.image(), b.aspect)
		b.yaw = hi
		add(b.image(), b.aspect)
		edges++
	}
	if edges < 20 {
		t.Fatalf("only %d facing edges found", edges)
	}
	noises := []Noise{DefaultNoise, {Sigma: 0.002}, {Sigma: 0.01, ObliqueDeg: 30}, {Sigma: math.Inf(1)}, {Sigma: math.NaN(), ObliqueDeg: 15}}
	flipped := 0
	for k, p := range poses {
		for _, n := range noises {
			for _, gate := range []float64{DefaultGate, 0.9} {
				var got, want Angles
				Uncertainty(&got, &p, aspects[k], gate, n)
				uncertaintyReference(&want, &p, aspects[k], gate, n)
				g, w := angleFields(&got), angleFields(&want)
				for f := range g {
					if math.Float64bits(*g[f]) != math.Float64bits(*w[f]) {
						t.Fatalf("pose %d, noise %+v, gate %v, angle %d: sd %v, reference %v", k, n, gate, f, *g[f], *w[f])
					}
				}
				if got.Valid != want.Valid || math.Float64bits(got.Facing) != math.Float64bits(want.Facing) {
					t.Fatalf("pose %d: valid %b facing %v, reference %b %v", k, got.Valid, got.Facing, want.Valid, want.Facing)
				}
				// Some of the angles only: those exactly, the rest NaN.
				mask := uint32(r.Intn(1 << 15))
				if r.Intn(3) == 0 {
					mask = ValidPelvicRoll | ValidShoulderRoll
				}
				var some Angles
				UncertaintyOf(&some, &p, aspects[k], gate, n, mask)
				if f, sd, ref := maskedMismatch(&some, &want, mask); f >= 0 {
					t.Fatalf("pose %d, mask %b, angle %d: sd %v, reference %v", k, mask, f, sd, ref)
				}
				if some.Valid != want.Valid&(mask|ValidFacing) || some.Facing != want.Facing && !math.IsNaN(want.Facing) {
					t.Fatalf("pose %d, mask %b: valid %b, want %b", k, mask, some.Valid, want.Valid&(mask|ValidFacing))
				}
			}
		}
		// Count the poses where a step does flip the facing, so the test
		// shows it covers that branch.
		var q stretchwise.Pose = p
		base := Facing2D(&p, aspects[k], DefaultGate)
		for _, i := range usedLandmarks {
			q[i].Y = p[i].Y + diffStep
			if Facing2D(&q, aspects[k], DefaultGate) != base {
				flipped++
				break
			}
			q[i].Y = p[i].Y
		}
	}
	if flipped < 10 {
		t.Errorf("the facing flipped under a step in only %d poses", flipped)
	}
}

func ptr(p stretchwise.Pose) *stretchwise.Pose { return &p }
