package framing_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/synth"
)

// TestCameraElevationSynth: on the synthetic bird dog and half-kneeling
// stretch, with the pose model's noise, the elevation told from the upright
// thighs is within 10 deg of the camera's from every view, 0-50 deg up, and
// Check calls the camera too high exactly when it is clearly above
// MaxElevationDeg (50 deg) and never when it is at most 30 deg up.
func TestCameraElevationSynth(t *testing.T) {
	// In a fixed order: the bodies are drawn from one generator in turn.
	motions := []struct {
		name string
		m    *synth.Motion
	}{
		{"bird dog", synth.BirdDog(synth.BirdDogParams{Arms: []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight}, BaselineS: 2, HoldS: 3})},
		{"half kneeling", synth.HalfKneeling(synth.KneelParams{})},
	}
	views := []stretchwise.View{stretchwise.ViewRear, stretchwise.ViewRearLeft, stretchwise.ViewRearRight, stretchwise.ViewLeft, stretchwise.ViewRight}
	rng := rand.New(rand.NewPCG(3, 14))
	for _, mm := range motions {
		name, m := mm.name, mm.m
		for _, v := range views {
			for _, elev := range []float64{0, 15, 30, 50} {
				cam := synth.CameraFor(v)
				cam.ElevationDeg = elev
				rec, _ := synth.Generate(m, synth.RandomBody(rng), cam, synth.NoisePresets["mediapipe"], 30, rng)
				got, ok := framing.CameraElevation(rec.Frames, rec.Header.Aspect(), 0.5)
				if !ok {
					t.Errorf("%s, %s, %g deg up: no elevation told", name, v, elev)
					continue
				}
				t.Logf("%s, %s, camera %g deg up: told %.1f deg", name, v, elev, got)
				if d := got - elev; d > 10 || d < -10 {
					t.Errorf("%s, %s, camera %g deg up: told %.1f deg", name, v, elev, got)
				}
				high := false
				for _, n := range framing.Check(rec, framing.DefaultConfig) {
					high = high || n.Problem == framing.TooHigh
				}
				if elev >= 50 && !high {
					t.Errorf("%s, %s, camera %g deg up (told %.1f): not called too high", name, v, elev, got)
				}
				if elev <= 30 && high {
					t.Errorf("%s, %s, camera %g deg up (told %.1f): called too high", name, v, elev, got)
				}
			}
		}
	}
}
