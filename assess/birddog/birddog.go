// Package birddog is the bird-dog lumbar stability screen: from a recording
// of a person on hands and knees reaching one arm forward and the opposite
// leg back, it finds the person's quiet quadruped position (the start and
// the rests between reaches), each reach and its hold, measures how far the
// hips and shoulders tip (roll) against that position, how far the pelvis
// sinks and how high the limbs go, and decides stable, caution, unstable or
// inconclusive with the reason, per side and overall.
//
// A side in this package is always the side of the lifted leg: the "left"
// reach is the left leg with the right arm.
//
// Thresholds and their sources are in Config; the measures and the
// decision rules are described in docs/validation-birddog.md. The package
// does no I/O and compiles to WebAssembly.
package birddog

import (
	"fmt"
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/geom"
)

// Assess runs the bird-dog screen on a prepared recording. It never
// guesses: when the view, the visibility or the movement cannot support a
// verdict, the report (or the side) is inconclusive with the reasons. in and
// in.Clean must not be nil.
func Assess(in *assess.Input, cfg Config) stretchwise.Report {
	if in == nil || in.Clean == nil {
		panic("birddog: Assess needs an input with a cleaned recording")
	}
	gate := cfg.Gate
	if gate <= 0 {
		gate = in.Gate
	}
	if gate <= 0 {
		gate = geom.DefaultGate
	}
	vi := describeView(in.View, gate, cfg)
	rollFromHigh(&vi, in, gate)
	s, seen := build(in.Clean, in.Raw, in.Postures, vi, gate, cfg.NoiseSigma)
	if s.cameraDeg > elevCorrectMinDeg {
		e := s.cameraDeg * math.Pi / 180
		// A camera high above the body: the roll's vertical motion is seen
		// shortened by up to 1 - cos e (CameraRel covers 5-20 deg), and a
		// limb pointing toward or away from the camera tilts by more, in
		// proportion to tan e (LimbCameraDeg was set for 20 deg).
		vi.camRel = 1 - math.Cos(e)
		vi.limbSys *= math.Tan(e) / math.Tan(elevCorrectMinDeg*math.Pi/180)
	}
	if !vi.limbs {
		for k := 0; k < 2 && !vi.limbs3D; k++ {
			for i := range s.t {
				if !math.IsNaN(s.arm[k].v[i]) || !math.IsNaN(s.leg[k].v[i]) {
					vi.limbs3D = true
					break
				}
			}
		}
	}
	rep := judgeSeries(s, seen, vi, cfg)
	if oblique(in.View) || oblique(in.InferredView) {
		rep.Reasons = append(rep.Reasons, obliqueReason)
	}
	return rep
}

// rollFromHigh makes roll unmeasured when the camera looks down on the
// body from more than framing.MaxElevationDeg (framing.CameraElevation of
// the recording, as its framing note says): on the synthetic home battery
// above 40 deg the pelvic roll read about half the true change (19 deg
// read as 8-9, 14 as 2; docs/validation-birddog.md), a bias the
// uncertainty did not cover, so the view cannot support the measure.
func rollFromHigh(vi *viewInfo, in *assess.Input, gate float64) {
	rec := in.Raw
	if rec == nil {
		rec = in.Clean
	}
	if !vi.roll {
		return
	}
	if e, ok := framing.CameraElevation(rec.Frames, rec.Header.Aspect(), gate); ok && e > framing.MaxElevationDeg {
		vi.roll = false
		vi.rollWhy = fmt.Sprintf("from a camera about %.0f deg above you, the sideways tip of your hips and shoulders looks much smaller than it is and cannot be judged: %s", e, framing.LowerCamera)
	}
}

// oblique reports whether v is one of the views at an angle (45 deg off
// straight behind or in front).
func oblique(v stretchwise.View) bool {
	switch v {
	case stretchwise.ViewRearLeft, stretchwise.ViewRearRight, stretchwise.ViewFrontLeft, stretchwise.ViewFrontRight:
		return true
	}
	return false
}

// obliqueReason steers a person filming at an angle toward straight behind.
// The app asks for straight behind; from 45 deg the far hip is hidden and
// the noise floor of the roll change is about 4 deg mean absolute error
// (docs/validation.md, "The floor under the noise model";
// docs/validation-birddog.md, "Oblique views").
const obliqueReason = "the camera was at an angle to you (about 45 deg off straight behind or in front): from there your far hip is hidden behind your body, so the sideways tip of your hips can be measured only to about 4 deg and many answers are inconclusive; put the camera straight behind you, where both hips are seen and the tip is measured about twice as exactly"

// init registers the assessment with its default configuration.
func init() {
	assess.Register(assess.Assessment{Exercise: stretchwise.ExerciseBirdDog, Assess: func(in *assess.Input) stretchwise.Report {
		return Assess(in, DefaultConfig)
	}})
}
