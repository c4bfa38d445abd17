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
// yaw)). Positive means the left side rose relative to the baseline. This
// is the roll change the bird-dog screen reports (assess/birddog takes the
// medians of the slopes over the baseline and the hold first). It is NaN
// when any argument is NaN.
func RollChange(rollDeg, baseDeg, yawDeg float64) float64 {
	d, _ := SlopeChange(RollSlope(rollDeg, yawDeg) - RollSlope(baseDeg, yawDeg))
	return d
}
