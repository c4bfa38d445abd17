package framing_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/synth"
)

// TestCameraElevationSynth: on the synthetic bird dog and half-kneeling
// stretch, with the pose model's noise, from five views at 0-50 deg up and
// fifteen random bodies each (600 recordings): the elevation told from the
// upright thighs is within 10 deg of the camera's in 575; Check calls a
// camera at most 30 deg up too high in 1 of 450 (a bird dog from straight
// behind at 30 deg, told 40.3) and misses one 50 deg up in 1 of 150 (the
// half-kneeling stretch from straight behind, told 35.5). The misses are
// mostly the half-kneeling stretch from behind at 15-30 deg, told up to 15
// deg low: a view the half-kneeling coach does not ask for
// (docs/analysis.md). The bounds below are these counts with a little room
// (570, 1, 2). One draw per case, as this test had before, passed or failed
// with the order of the draws.
func TestCameraElevationSynth(t *testing.T) {
	motions := []struct {
		name string
		m    *synth.Motion
	}{
		{"bird dog", synth.BirdDog(synth.BirdDogParams{Arms: []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight}, BaselineS: 2, HoldS: 3})},
		{"half kneeling", synth.HalfKneeling(synth.KneelParams{})},
	}
	views := []stretchwise.View{stretchwise.ViewRear, stretchwise.ViewRearLeft, stretchwise.ViewRearRight, stretchwise.ViewLeft, stretchwise.ViewRight}
	n, within, missedHigh, falseHigh := 0, 0, 0, 0
	for seed := uint64(1); seed <= 15; seed++ {
		rng := rand.New(rand.NewPCG(seed, 14))
		for _, mm := range motions {
			name, m := mm.name, mm.m
			for _, v := range views {
				for _, elev := range []float64{0, 15, 30, 50} {
					cam := synth.CameraFor(v)
					cam.ElevationDeg = elev
					rec, _ := synth.Generate(m, synth.RandomBody(rng), cam, synth.NoisePresets["mediapipe"], 30, rng)
					got, ok := framing.CameraElevation(rec.Frames, rec.Header.Aspect(), 0.5)
					if !ok {
						t.Errorf("seed %d, %s, %s, %g deg up: no elevation told", seed, name, v, elev)
						continue
					}
					n++
					if d := got - elev; d <= 10 && d >= -10 {
						within++
					} else {
						t.Logf("seed %d, %s, %s, camera %g deg up: told %.1f deg", seed, name, v, elev, got)
					}
					high := false
					for _, nt := range framing.Check(rec, framing.DefaultConfig) {
						high = high || nt.Problem == framing.TooHigh
					}
					if elev >= 50 && !high {
						missedHigh++
						t.Logf("seed %d, %s, %s, camera %g deg up (told %.1f): not called too high", seed, name, v, elev, got)
					}
					if elev <= 30 && high {
						falseHigh++
						t.Logf("seed %d, %s, %s, camera %g deg up (told %.1f): called too high", seed, name, v, elev, got)
					}
				}
			}
		}
	}
	t.Logf("%d recordings: elevation within 10 deg in %d; at most 30 deg up called too high in %d; 50 deg up not called too high in %d", n, within, falseHigh, missedHigh)
	if within < 570 {
		t.Errorf("elevation within 10 deg of the camera's in %d of %d recordings, want at least 570", within, n)
	}
	if falseHigh > 1 {
		t.Errorf("a camera at most 30 deg up called too high in %d recordings, want at most 1", falseHigh)
	}
	if missedHigh > 2 {
		t.Errorf("a camera 50 deg up not called too high in %d recordings, want at most 2", missedHigh)
	}
}
