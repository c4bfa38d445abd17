package birddog_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/synth"
)

// TestCameraTooHighSaid: a camera 50 deg above the body (a shelf or a
// room corner) gets a reason in plain words telling the person to put it
// lower (package framing's, above framing.MaxElevationDeg); one 10 deg up,
// as the app asks, does not.
func TestCameraTooHighSaid(t *testing.T) {
	const want = framing.LowerCamera
	for _, tc := range []struct {
		elevation float64
		said      bool
	}{{50, true}, {10, false}} {
		rng := rand.New(rand.NewPCG(3, 40))
		cam := synth.CameraFor(stretchwise.ViewRear)
		cam.ElevationDeg = tc.elevation
		r := analyseBirdDog(t, cam, rng)
		said := strings.Contains(strings.Join(r.Reasons, "\n"), want)
		if said != tc.said {
			t.Errorf("camera %g deg up: reason %q said %v, want %v; reasons %q", tc.elevation, want, said, tc.said, r.Reasons)
		}
	}
}
