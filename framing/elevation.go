package framing

import (
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/stats"
)

// ThighTilt returns how far a thigh of frame f (side 0 left, 1 right) goes
// away from the camera for each unit it drops down the picture, as an angle
// in radians: a vertical thigh seen from a camera e above the body drops
// L cos e down the image and goes L sin e away from the camera (the pose
// model's relative depth z, on x's scale), so for a vertical thigh this is
// the camera's elevation e. aspect is the picture's width over its height.
// ok is false when the hip or knee is seen below gate, or the knee is not
// below the hip in the picture.
func ThighTilt(f *stretchwise.Frame, side int, aspect, gate float64) (e float64, ok bool) {
	h, k := f.Image[stretchwise.LeftHip+side], f.Image[stretchwise.LeftKnee+side]
	if h.Visibility < gate || k.Visibility < gate {
		return 0, false
	}
	dy := k.Y - h.Y
	if !(dy > 0) {
		return 0, false
	}
	return math.Atan2((k.Z-h.Z)*aspect, dy), true
}

// uprightRatio is how far across the picture (in width-scaled units) a
// thigh may go for each unit it drops and still be taken as vertical by
// CameraElevation. Our choice: within about 25 deg of the picture's
// vertical, because a vertical thigh stays vertical in the picture from any
// direction around the body (a camera not tilted sideways), while a thigh
// lying along the floor or reaching back does not.
const uprightRatio = 0.47

// minUprightFrames is the fewest frames with an upright thigh
// CameraElevation needs. Our choice: one second at 10 frames a second,
// what the live page analyses on a slow phone within Live's window, and
// enough that the median is not one pose model glitch.
const minUprightFrames = 10

// CameraElevation estimates, in degrees, how far above the body the camera
// looks down: the median over frames of UprightThighTilt. ok is false
// without depth (every z 0) or with fewer than minUprightFrames frames
// with an upright thigh.
func CameraElevation(frames []stretchwise.Frame, aspect, gate float64) (deg float64, ok bool) {
	var es []float64
	for i := range frames {
		if e, ok := UprightThighTilt(&frames[i], aspect, gate); ok {
			es = append(es, e)
		}
	}
	if len(es) < minUprightFrames {
		return 0, false
	}
	return math.Max(0, stats.Median(es)) * 180 / math.Pi, true
}

// UprightThighTilt is one frame's reading of the camera's elevation, in
// radians: the larger ThighTilt of the thighs that stand upright in the
// picture (kneeling, on hands and knees or standing, when the thighs are
// vertical). The larger, because a thigh lifted back toward a camera
// behind the person also runs down the picture but comes toward the
// camera, which reads low, while a thigh lifted away from the camera runs
// up the picture and is not used. ok is false when no thigh is upright
// and seen, or the frame has no depth (hip and knee z both 0).
func UprightThighTilt(f *stretchwise.Frame, aspect, gate float64) (e float64, ok bool) {
	if !f.Detected {
		return 0, false
	}
	best := math.Inf(-1)
	for side := 0; side < 2; side++ {
		t, seen := ThighTilt(f, side, aspect, gate)
		if !seen {
			continue
		}
		h, k := f.Image[stretchwise.LeftHip+side], f.Image[stretchwise.LeftKnee+side]
		if math.Abs(k.X-h.X)*aspect > uprightRatio*(k.Y-h.Y) || (h.Z == 0 && k.Z == 0) {
			continue
		}
		best, ok = math.Max(best, t), true
	}
	return best, ok
}

// MaxElevationDeg is the highest camera elevation (CameraElevation) that
// is not called too high. Our choice, because the hands-and-knees position
// is recognised in 99 % of the frames from cameras up to 40 deg above the
// body and not reliably above (posture's TestSynthHighCamera), and the
// placement picture asks for a camera at hip height.
const MaxElevationDeg = 40

// LowerCamera is the advice for a camera too high above the person.
const LowerCamera = "the camera is too high: lower it to about the height of your hips"
