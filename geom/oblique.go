package geom

import (
	"math"

	"github.com/stretchwise/stretchwise"
)

// ObliqueViewYawDeg is the angle, in degrees, between the hip (shoulder)
// line and the image plane that RECORDING.md's oblique views (rear-left,
// rear-right, front-left, front-right) stand for. Our choice, because
// RECORDING.md names each after two neighbouring views (rear or front, and
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
// which is how assess/birddog measures pelvic and shoulder roll. Why rises
// over one fixed width, not per-frame angles or slopes: the width of an
// oblique hip line is foreshortened to 0.07-0.13 image heights and the
// jitter of the hidden far hip (0.03 at MediaPipe-like noise) brings it
// near zero in some frames, where a per-frame ratio blows up (slopes of
// 40, "5.9 +- 230 deg" in the rear-left golden before commit da88058), and
// its median shifts when that jitter differs between the start and the
// hold (a limb raised near the camera). A rise is linear in the landmarks,
// so its median is not biased by noise. A camera above the body gives an
// oblique hip line a nearly constant apparent rise (its depth seen from
// above): a difference of rises removes it.
func RiseChange(d, u float64) (deg, uDeg float64) {
	as := func(x float64) float64 { return math.Asin(math.Max(-1, math.Min(1, x))) }
	return as(d) * rad2deg, (as(d+u) - as(d-u)) / 2 * rad2deg
}

// RollSlope turns a roll seen in the image (PelvicRoll2D, ShoulderRoll2D;
// degrees) into the slope of the line it stands for: its rise over its true,
// unforeshortened horizontal width, cos(yaw) * tan(roll), where yaw (degrees)
// is the line's angle to the image plane (ViewYaw). A line turned by yaw
// away from the image plane looks shorter by cos(yaw) while its rise does
// not, so the image exaggerates its tilt; this undoes that. For yaw 0 it is
// tan(roll). The result is NaN when roll or yaw is NaN; a yaw of 90 (a side
// view, where the line points at the camera) gives 0 for every roll, so a
// caller must not use it there.
//
// A roll of world landmarks (Compute3D) is already measured against the
// true horizontal: its slope is RollSlope(roll, 0).
func RollSlope(rollDeg, yawDeg float64) float64 {
	return math.Cos(yawDeg/rad2deg) * math.Tan(rollDeg/rad2deg)
}

// SlopeChange returns the angle in degrees of a change d of slope (RollSlope
// units: rise over true width), atan(d), and the factor that turns an
// uncertainty of d into degrees there, (180/pi) / (1 + d^2).
//
// Roll changes are taken as differences of slopes, not of angles: a camera
// above the body sees an oblique hip line with a constant apparent tilt (the
// line's depth, seen from above), and that tilt adds to the slope, not to
// the corrected angle. For an orthographic camera at elevation e the slope
// seen is tan(roll) cos(e) + sin(yaw) sin(e) (up to the sign of the yaw),
// so the difference of two slopes is cos(e) times the difference of the
// true slopes whatever the yaw: the constant tilt cancels and only the
// cos(e) shortening remains.
func SlopeChange(d float64) (deg, perSlope float64) {
	return math.Atan(d) * rad2deg, rad2deg / (1 + d*d)
}

// RollChange returns the change in degrees of a roll (pelvic or shoulder)
// from a baseline, both seen in the image of a view whose left-right line
// is turned by yaw degrees from the image plane (ViewYaw): the angle of the
// difference of their slopes, atan(RollSlope(roll, yaw) - RollSlope(base,
// yaw)). Positive means the left side rose relative to the baseline. Not
// what the bird-dog screen reports (since commit da88058 it takes rises
// over a fixed width: RiseChange); only the accuracy battery still uses
// the slope functions, until it is switched. It is NaN when any argument
// is NaN.
func RollChange(rollDeg, baseDeg, yawDeg float64) float64 {
	d, _ := SlopeChange(RollSlope(rollDeg, yawDeg) - RollSlope(baseDeg, yawDeg))
	return d
}
