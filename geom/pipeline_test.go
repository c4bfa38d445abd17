package geom

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/filter"
)

// TestAnglesAfterCleaning runs noisy side-view sequences of the stick
// figure through filter.Clean and measures every angle against the
// noise-free truth. It checks the target (mean absolute error of
// at most 3 deg after filtering, for in-plane angles) for this simple noise
// model: independent Gaussian noise of sd sigma on x and y of every
// landmark, plus timestamps on a steady 30 fps clock. The synthetic body of
// package synth is the real yardstick; this is geom and filter's own check.
func TestAnglesAfterCleaning(t *testing.T) {
	const maxMAE = 3.0 // deg, issue 2
	const fps = 30.0
	const dur = 20.0 // s
	type move func(ts float64) body
	halfKneel := func(ts float64) body {
		b := standing()
		b.lean = -5 + 8*math.Sin(2*math.Pi*0.1*ts) // sways back and forth
		b.hip = [2]float64{85 + 5*math.Sin(2*math.Pi*0.15*ts), -10 - 8*math.Sin(2*math.Pi*0.1*ts)}
		b.knee = [2]float64{90 + 5*math.Sin(2*math.Pi*0.2*ts), 95}
		b.shoulder = [2]float64{20, 20}
		b.elbow = [2]float64{30, 30}
		return b
	}
	birdDog := func(ts float64) body {
		b := standing()
		b.lean = 90
		reach := 0.5 - 0.5*math.Cos(2*math.Pi*0.2*ts) // 0..1, a reach every 5 s
		b.hip = [2]float64{90 - 90*reach, 90}
		b.knee = [2]float64{90 - 90*reach, 90}
		b.shoulder = [2]float64{90, 90 + 90*reach}
		return b
	}
	thomas := func(ts float64) body {
		b := standing()
		b.lean = -90
		b.hip = [2]float64{110, 5 - 10*math.Sin(2*math.Pi*0.1*ts)}
		b.knee = [2]float64{120, 80 + 10*math.Sin(2*math.Pi*0.1*ts)}
		return b
	}
	angles := []string{"knee_l", "knee_r", "hip_l", "hip_r", "thigh_l", "thigh_r", "leg_l", "leg_r", "arm_l", "arm_r", "trunk"}
	tests := []struct {
		name  string
		move  move
		yaw   float64
		sigma float64 // image heights
	}{
		{"half kneeling, side view, sigma 0.003", halfKneel, 0, 0.003},
		{"half kneeling, side view facing left, sigma 0.005", halfKneel, 180, 0.005},
		{"bird dog, side view, sigma 0.005", birdDog, 0, 0.005},
		{"thomas test, side view, sigma 0.005", thomas, 180, 0.005},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewSource(11))
			rec := &stretchwise.Recording{Header: stretchwise.Header{Width: 1280, Height: 720}}
			var truth []Angles
			for i := 0; i < int(dur*fps); i++ {
				ts := float64(i) / fps
				b := tt.move(ts)
				b.yaw = tt.yaw
				b.scale = 0.35 // the body fills about 60 % of the height
				p := b.image()
				var a Angles
				Compute(&a, &p, b.aspect, DefaultGate)
				truth = append(truth, a)
				for j := range p {
					p[j].X += tt.sigma * r.NormFloat64() / b.aspect
					p[j].Y += tt.sigma * r.NormFloat64()
				}
				rec.Frames = append(rec.Frames, stretchwise.Frame{T: ts, Detected: true, Image: p})
			}
			clean, _, err := filter.Clean(rec, filter.DefaultConfig)
			if err != nil {
				t.Fatal(err)
			}
			aspect := rec.Header.Aspect()
			for _, name := range angles {
				var rawSum, cleanSum float64
				var n int
				for i := range rec.Frames {
					var raw, cl Angles
					Compute(&raw, &rec.Frames[i].Image, aspect, DefaultGate)
					Compute(&cl, &clean.Frames[i].Image, aspect, DefaultGate)
					w, bit := angleOf(&truth[i], name)
					g, _ := angleOf(&cl, name)
					gr, _ := angleOf(&raw, name)
					if !truth[i].Has(bit) || !cl.Has(bit) || !raw.Has(bit) {
						continue
					}
					cleanSum += math.Abs(g - w)
					rawSum += math.Abs(gr - w)
					n++
				}
				if n < len(rec.Frames)*9/10 {
					t.Errorf("%s measured in %d of %d frames", name, n, len(rec.Frames))
					continue
				}
				rawMAE, cleanMAE := rawSum/float64(n), cleanSum/float64(n)
				t.Logf("%-8s MAE raw %.2f deg, cleaned %.2f deg", name, rawMAE, cleanMAE)
				if cleanMAE > maxMAE || cleanMAE > rawMAE {
					t.Errorf("%s: MAE %.2f deg after cleaning (raw %.2f), want <= %.1f and below raw", name, cleanMAE, rawMAE, maxMAE)
				}
			}
		})
	}
}
