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

// TestHiddenLimbsSaid: furniture between the camera and the person hiding
// the lower part of the picture (the hands and knees on the floor) leaves
// no reach to find; the report says what hid them and what to do, not only
// that no reach was found (the home battery's furniture cases, eval
// bird-dog --conditions home). Without furniture no such reason is given.
func TestHiddenLimbsSaid(t *testing.T) {
	for _, furniture := range []bool{true, false} {
		rng := rand.New(rand.NewPCG(5, 41))
		cam := synth.CameraFor(stretchwise.ViewRear)
		if furniture {
			cam.Occluders = []synth.Rect{{X0: 0, Y0: 0.55, X1: 1, Y1: 1}}
		}
		r := analyseBirdDog(t, cam, rng)
		all := strings.Join(r.Reasons, "\n")
		said := strings.Contains(all, "were hidden")
		if said != furniture {
			t.Errorf("furniture %v: hidden limbs said %v; reasons %q", furniture, said, r.Reasons)
		}
		if furniture && !strings.Contains(all, "what stands in front of it") {
			t.Errorf("furniture: no advice to move what stands in front of the camera; reasons %q", r.Reasons)
		}
	}
}
