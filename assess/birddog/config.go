package birddog

import "github.com/stretchwise/stretchwise/geom"

// Config holds every threshold of the bird-dog screen. Each field says where
// its default comes from: docs/clinical.md or
// "our choice, because ...". Pass a modified copy of DefaultConfig to
// override any of them.
type Config struct {
	// StableBelowDeg: a pelvic or shoulder roll change (median over the
	// hold) below this is fine. docs/clinical.md, bird dog defaults: "< 5 deg fine".
	StableBelowDeg float64
	// UnstableAboveDeg: a roll change above this is excess lumbopelvic
	// motion. docs/clinical.md, bird dog defaults: "> 10 deg excess".
	UnstableAboveDeg float64
	// LimbHighDeg: an arm or leg raised more than this above horizontal is
	// its own finding, because it causes hip roll. docs/clinical.md, bird dog:
	// "Limb more than 10 deg above horizontal: flag" (ACE and McGill cues).
	LimbHighDeg float64
	// HoldMinS and HoldMaxS: the recommended hold. docs/clinical.md, bird dog:
	// "Holds 5-10 s". Shorter holds are reported, not penalised.
	HoldMinS, HoldMaxS float64

	// ReachEnter and ReachExit: hysteresis on the reach score (0 = limbs on
	// the floor as at the start, 1 = wrist at shoulder and ankle at hip
	// height, as seen in the image). Our choice, because 0.4 is well above
	// landmark noise (about 0.05 of a limb length) yet reached even when a
	// camera above the body makes a leg stretched toward it look lower
	// (in rear views a level leg scores about 0.55), and the gap between the
	// two keeps a wobbling limb from counting twice.
	ReachEnter, ReachExit float64
	// ReachOnset: the score at which a reach begins and a return ends. Our
	// choice, because it sits three noise widths above rest.
	ReachOnset float64
	// HoldFrac: frames whose score is at least this fraction of the rep's
	// plateau count as the hold. Our choice, because "held at least 90 % of
	// the way up" separates the plateau from the lift and lowering while
	// staying above the score's noise (about 0.02).
	HoldFrac float64
	// MinReachS: a reach shorter than this above ReachEnter is noise. Our
	// choice, because a deliberate reach takes well over half a second.
	MinReachS float64
	// MinHoldS: roll is not measured over a hold shorter than this. Our
	// choice, because fewer than about fifteen frames make the median noisy.
	MinHoldS float64

	// MinBaselineS: the person's quiet quadruped position (the start and
	// the rests between reaches, the baseline) must add up to at least this
	// long. Our choice, because half a second gives about fifteen frames to
	// average at 30 fps.
	MinBaselineS float64
	// MinQuadrupedFrac: at least this fraction of the detected frames must
	// be recognised as quadruped for the recording to count as a bird dog.
	// Our choice, because posture recognition flickers during reaches and
	// under landmark noise, while a quarter of a bird-dog recording is
	// still many seconds on hands and knees; the quiet quadruped start
	// (MinBaselineS) is required on top of it.
	MinQuadrupedFrac float64
	// MinVisibleFrac: at least this fraction of a hold's frames must show
	// both hips (or both shoulders) above the visibility gate. Our choice,
	// because a median over fewer frames is dominated by the gaps' edges.
	MinVisibleFrac float64
	// MaxOutsideFrac: an arm (leg) whose shoulder or wrist (hip or ankle)
	// lay outside the picture in more than this fraction of a hold's
	// frames is not measured in that reach. Our choice, because the pose
	// model places a joint outside the picture by guessing (on a real
	// clip, a wrist reaching out of the picture was put on the floor,
	// docs/validation-real.md), and the frames left inside are the ones
	// where the limb was lowest, so their median is biased low.
	MaxOutsideFrac float64
	// MinLimbLengthRatio: in a side view, an arm (leg) whose upper or
	// lower segment is, in the median of a hold, shorter than this
	// fraction of its length in the quiet position is not measured. Our
	// choice, because seen from the side both segments lie across the line
	// of sight at rest and in the reach, so their lengths barely change,
	// while the pose model's guess for a limb it cannot see folds it: on a
	// real side-view clip the models drew the reaching arm 38-47 % shorter
	// (docs/validation-real.md). Not applied in oblique views, where a
	// limb reaching out turns toward or away from the camera by an amount
	// the view name does not fix (the synthetic rear-left battery draws
	// the reaching arm about half as long as at rest).
	MinLimbLengthRatio float64

	// MinRollCos: roll is only measured when the hip line's foreshortening
	// factor (cosine of its angle to the image plane) is at least this. Our
	// choice, because below 0.5 (hip line turned more than 60 deg away) the
	// obliquity correction more than doubles every error; a pure side view
	// (factor about 0) cannot show roll at all.
	MinRollCos float64
	// ObliqueYawDeg: the hip line's angle to the image plane in the oblique
	// views (rear-left, front-right, ...). Our choice, because docs/contract.md's
	// oblique views are half-way between the named sides; the real camera
	// is not estimated from the landmarks (YawUncertaintyDeg covers it).
	ObliqueYawDeg float64
	// YawUncertaintyDeg: how far the real camera may be from the nominal
	// view (one standard deviation); it widens the roll uncertainty in
	// oblique views. Our choice, because people place a phone by eye.
	YawUncertaintyDeg float64

	// CameraRel: relative systematic uncertainty of every roll change from
	// the camera's height, which we do not know. Our choice, from the
	// geometry: a camera 5-20 deg above the body (a phone on a shelf or a
	// tripod) sees the vertical motion of the hips shortened by the cosine
	// of its elevation, and a hip that rises while rolling about the
	// sloping trunk axis also swings toward or away from the camera, which
	// from above looks like less rise; together up to about 12 % in the
	// synthetic battery (docs/validation-birddog.md). It widens the
	// uncertainty rather than correcting, because the elevation is unknown.
	CameraRel float64

	// LimbCameraDeg: systematic uncertainty, degrees, of an arm or leg
	// elevation measured in the image of an oblique view, scaled by the
	// cosine of the view's yaw (0 in a side view, 0.7 in an oblique one).
	// Our choice, from the geometry: a camera 5-20 deg above the body sees
	// a limb that points partly toward it tilted down and one that points
	// away tilted up, by up to about that much; the synthetic battery shows
	// 4-7 deg mean errors in oblique views (docs/validation-birddog.md).
	LimbCameraDeg float64
	// WorldLimbs: in views where the limbs point along the line of sight
	// (rear, front), measure their elevation from the world (3D)
	// landmarks. Off by default: monocular depth misjudges range of motion
	// by 15-25 % (docs/clinical.md, Clemente et al. 2024) and the battery showed
	// 6-18 deg errors and false limb_too_high findings from such views.
	WorldLimbs bool

	// Coverage: the multiple of the standard uncertainty used for the
	// interval that is compared with the thresholds (1.645 = 90 %
	// two-sided). Our choice, because a screen should say when a value
	// could be on the other side of a threshold but not cry wolf.
	Coverage float64
	// MaxUncertaintyDeg: a roll whose standard uncertainty is larger than
	// this is inconclusive whatever its value. A roll is also inconclusive
	// when its Coverage interval reaches both below StableBelowDeg and
	// above UnstableAboveDeg (it could be stable or unstable); otherwise it
	// gets the band of its value, with a note when the interval crosses a
	// threshold. Our choice: beyond 4 deg (a 90 % interval 13 deg wide)
	// the value says little even when it is far from the thresholds.
	MaxUncertaintyDeg float64
	// MaxRollDeg: a roll change larger than this is not a measurement
	// but landmarks the camera did not see (a tester's recording read
	// 90 deg): it is left unmeasured, with no figure quoted or charted.
	// Our choice: on hands and knees a hip or shoulder line tipped by 45
	// deg lifts one knee or hand off the floor, which the screen would
	// not call a reach.
	MaxRollDeg float64
	// FloorDeg: uncertainty added in quadrature to every roll, for
	// landmark errors that do not average out over a hold (BlazePose is
	// weak in quadruped, docs/clinical.md measurement limits). Our choice,
	// sized to the 2 deg accuracy target of the bird-dog screen
	// (docs/validation-birddog.md).
	FloorDeg float64

	// NoiseSigma: landmark noise in image heights of the per-frame
	// uncertainty model (geom.Uncertainty); the larger of the model and the
	// noise seen in the recording (raw minus cleaned landmarks) is used. 0
	// uses only the noise seen. Default geom.DefaultNoise.Sigma (its source
	// is given there).
	NoiseSigma float64

	// RollGate: in the oblique views (rear-left, front-right, ...) the far
	// hip and shoulder are partly hidden behind the body, and from the front
	// the hips are hidden behind the head and shoulders; they get low
	// visibility, yet the pose estimator still places them from the rest of
	// the body. Roll uses them down to this visibility; their larger jitter
	// shows in the uncertainty (the scatter seen in the recording). Our choice, a deliberate exception to docs/clinical.md's
	// 0.5-0.7 gate: without it no oblique view could show roll at all,
	// and the battery (docs/validation-birddog.md) measures what it costs.
	RollGate float64

	// Gate: landmark visibility (0..1) below which a landmark is not used.
	// 0 means the input's gate (docs/clinical.md: 0.5-0.7).
	Gate float64
}

// DefaultConfig is the configuration the CLI and the server use.
var DefaultConfig = Config{
	StableBelowDeg:     5,
	UnstableAboveDeg:   10,
	LimbHighDeg:        10,
	HoldMinS:           5,
	HoldMaxS:           10,
	ReachEnter:         0.4,
	ReachExit:          0.25,
	ReachOnset:         0.15,
	HoldFrac:           0.9,
	MinReachS:          0.5,
	MinHoldS:           0.5,
	MinBaselineS:       0.5,
	MinQuadrupedFrac:   0.25,
	MinVisibleFrac:     0.6,
	MaxOutsideFrac:     0.1,
	MinLimbLengthRatio: 0.75,
	MinRollCos:         0.5,
	ObliqueYawDeg:      45,
	YawUncertaintyDeg:  8,
	CameraRel:          0.08,
	LimbCameraDeg:      8,
	Coverage:           1.645,
	MaxUncertaintyDeg:  4,
	MaxRollDeg:         45,
	FloorDeg:           0.5,
	NoiseSigma:         geom.DefaultNoise.Sigma,
	RollGate:           0.2,
}
