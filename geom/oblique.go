package geom

import (
	"math"

	"github.com/stretchwise/stretchwise"
)

// ObliqueViewYawDeg is the angle, in degrees, between the hip (shoulder)
// line and the image plane that docs/contract.md's oblique views (rear-left,
// rear-right, front-left, front-right) stand for. Our choice, because
// docs/contract.md names each after two neighbouring views (rear or front, and
// a side), so half-way is the best guess, and synth places its cameras
// there. The real camera is not estimated from the landmarks: a caller
// that needs the error of a misplaced camera must add it (assess/birddog
// widens its uncertainty by tan(yaw) times its YawUncertaintyDeg).
const ObliqueViewYawDeg = 45

// ViewYaw returns the nominal angle in degrees between the body's
// left-right line (hips, shoulders) and the image plane for the named view:
// 0 from the rear or the front, ObliqueViewYawDeg from the oblique views, 90
// from a side. It returns NaN and false for an unknown or invalid view.
func ViewYaw(v stretchwise.View) (float64, bool) {
	switch v {
	case stretchwise.ViewRear, stretchwise.ViewFront:
		return 0, true
	case stretchwise.ViewRearLeft, stretchwise.ViewRearRight, stretchwise.ViewFrontLeft, stretchwise.ViewFrontRight:
		return ObliqueViewYawDeg, true
	case stretchwise.ViewLeft, stretchwise.ViewRight:
		return 90, true
	}
	return math.NaN(), false
}

// LineRise returns how far landmark left is above landmark right in the
// image, in image heights (positive = left higher), and their distance
// across the image in isotropic units (always >= 0): the two legs of the
// image roll, atan2(rise, width), that PelvicRoll2D and ShoulderRoll2D
// measure. ok is false, and rise and width NaN, when either landmark is not
// usable at gate or the two coincide (shorter than MinSegment), exactly
// when the roll angle is not measured. Mirrored input (MirrorPose) gives
// the negated rise and the same width. It allocates nothing.
//
// Roll changes from rises (RiseChange) are what assess/birddog reports
// and what the accuracy battery scores (docs/angles.md, "Roll from
// oblique views and roll changes").
func LineRise(p *stretchwise.Pose, left, right int, aspect, gate float64) (rise, width float64, ok bool) {
	l, okL := landmark2(&p[left], aspect, gate)
	r, okR := landmark2(&p[right], aspect, gate)
	if !okL || !okR {
		return math.NaN(), math.NaN(), false
	}
	d := l.Sub(r)
	if !d.long() {
		return math.NaN(), math.NaN(), false
	}
	return -d.V, math.Abs(d.U), true
}

// PelvicRise2D is LineRise of the hips (left hip above the right one).
func PelvicRise2D(p *stretchwise.Pose, aspect, gate float64) (rise, width float64, ok bool) {
	return LineRise(p, stretchwise.LeftHip, stretchwise.RightHip, aspect, gate)
}

// ShoulderRise2D is LineRise of the shoulders.
func ShoulderRise2D(p *stretchwise.Pose, aspect, gate float64) (rise, width float64, ok bool) {
	return LineRise(p, stretchwise.LeftShoulder, stretchwise.RightShoulder, aspect, gate)
}

// RiseChange turns a change d of a line's rise (LineRise), divided by the
// line's true width (both in image heights, so d is the sine of the roll
// change), into degrees, asin(d), and the standard uncertainty u of d into
// the standard uncertainty of that angle: half the width of the interval
// asin(d-u) to asin(d+u), which for a small u is the linear propagation
// u/cos(roll) in degrees and never exceeds 90. Values of d beyond +-1 read
// as +-90. Positive means the left side rose. NaN d gives NaN; it
// allocates nothing.
//
// The true width is the line's width across the image, taken once per
// recording as the median over the quiet frames of a baseline, over the
// foreshortening cos(yaw) of the view (ViewYaw): an oblique line looks
// shorter by cos(yaw) while its rise does not. So a roll change is
//
//	RiseChange((median rise over the hold - median rise over the baseline) / (median baseline width / cos yaw), u)
//
// which is how assess/birddog measures pelvic and shoulder roll. Rises
// over one fixed width, because a per-frame ratio blows up where the
// hidden far hip's jitter brings an oblique line's foreshortened width near
// zero, while a rise is linear in the landmarks and a difference of rises
// removes a camera's nearly constant apparent rise (docs/angles.md, "Roll
// from oblique views and roll changes").
func RiseChange(d, u float64) (deg, uDeg float64) {
	as := func(x float64) float64 { return math.Asin(math.Max(-1, math.Min(1, x))) }
	return as(d) * rad2deg, (as(d+u) - as(d-u)) / 2 * rad2deg
}
