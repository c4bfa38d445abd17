package posture

import (
	"math"

	"github.com/stretchwise/stretchwise"
)

// A tiny stick figure for unit tests of the rules, independent of package
// synth: joint positions in metres for a 1.75 m person (x = the person's
// left, y = up, z = the way the trunk's front faces), seen by an
// orthographic camera. The accuracy claims use synth's bodies and camera
// (see synth_test.go); this only pins the rules' geometry.

type v3 struct{ x, y, z float64 }

// stick is a posed figure: one position per landmark.
type stick [stretchwise.NumLandmarks]v3

// pair sets the left and right landmark of a pair at x = +-half.
func (s *stick) pair(left int, half, y, z float64) {
	s[left] = v3{half, y, z}
	s[stretchwise.Mirror[left]] = v3{-half, y, z}
}

// head places the face: centre c, face pointing along f (unit), up along u.
func (s *stick) head(c, f, u v3) {
	add := func(a v3, k float64, b v3) v3 { return v3{a.x + k*b.x, a.y + k*b.y, a.z + k*b.z} }
	s[stretchwise.Nose] = add(c, 0.10, f)
	ear := func(x float64) v3 { return v3{c.x + x, c.y, c.z} }
	s[stretchwise.LeftEar], s[stretchwise.RightEar] = ear(0.075), ear(-0.075)
	for i, x := range [...]float64{0.02, 0.035, 0.05} {
		e := add(add(ear(x), 0.08, f), 0.04, u)
		s[stretchwise.LeftEyeInner+i] = e
		e.x = -x
		s[stretchwise.RightEyeInner+i] = e
	}
	m := add(add(ear(0.025), 0.09, f), -0.05, u)
	s[stretchwise.MouthLeft] = m
	m.x = -0.025
	s[stretchwise.MouthRight] = m
}

// feet places heel and toe of one side below/behind the ankle.
func (s *stick) feet(left int, toe v3) {
	a := s[stretchwise.LeftAnkle+left]
	s[stretchwise.LeftHeel+left] = v3{a.x, a.y - 0.04, a.z - 0.05}
	s[stretchwise.LeftFootIndex+left] = v3{a.x + toe.x, a.y + toe.y, a.z + toe.z}
}

func standingStick() stick {
	var s stick
	s.pair(stretchwise.LeftShoulder, 0.19, 1.43, 0)
	s.pair(stretchwise.LeftElbow, 0.21, 1.10, 0)
	s.pair(stretchwise.LeftWrist, 0.21, 0.85, 0.02)
	for _, k := range [...]int{stretchwise.LeftPinky, stretchwise.LeftIndex, stretchwise.LeftThumb} {
		s.pair(k, 0.21, 0.78, 0.03)
	}
	s.pair(stretchwise.LeftHip, 0.10, 0.93, 0)
	s.pair(stretchwise.LeftKnee, 0.10, 0.50, 0.01)
	s.pair(stretchwise.LeftAnkle, 0.10, 0.07, 0)
	s.feet(0, v3{0, -0.05, 0.18})
	s.feet(1, v3{0, -0.05, 0.18})
	s.head(v3{0, 1.62, 0}, v3{0, 0, 1}, v3{0, 1, 0})
	return s
}

func quadrupedStick() stick {
	var s stick
	s.pair(stretchwise.LeftHip, 0.10, 0.50, 0)
	s.pair(stretchwise.LeftKnee, 0.10, 0.07, 0.02)
	s.pair(stretchwise.LeftAnkle, 0.10, 0.07, -0.42)
	s.feet(0, v3{0, -0.04, -0.12})
	s.feet(1, v3{0, -0.04, -0.12})
	s.pair(stretchwise.LeftShoulder, 0.19, 0.55, 0.50)
	s.pair(stretchwise.LeftElbow, 0.19, 0.30, 0.50)
	s.pair(stretchwise.LeftWrist, 0.19, 0.05, 0.50)
	for _, k := range [...]int{stretchwise.LeftPinky, stretchwise.LeftIndex, stretchwise.LeftThumb} {
		s.pair(k, 0.19, 0.02, 0.58)
	}
	s.head(v3{0, 0.62, 0.72}, v3{0, -0.6, 0.8}, v3{0, 0.8, 0.6})
	return s
}

func halfKneelingStick() stick {
	var s stick
	s.pair(stretchwise.LeftHip, 0.10, 0.52, 0)
	// Left knee down behind, right foot forward.
	s[stretchwise.LeftKnee] = v3{0.10, 0.06, -0.10}
	s[stretchwise.LeftAnkle] = v3{0.10, 0.07, -0.52}
	s[stretchwise.RightKnee] = v3{-0.10, 0.50, 0.43}
	s[stretchwise.RightAnkle] = v3{-0.10, 0.07, 0.43}
	s.feet(0, v3{0, -0.04, -0.12})
	s.feet(1, v3{0, -0.05, 0.18})
	s.pair(stretchwise.LeftShoulder, 0.19, 1.02, 0)
	s.pair(stretchwise.LeftElbow, 0.21, 0.70, 0)
	s.pair(stretchwise.LeftWrist, 0.21, 0.45, 0.02)
	for _, k := range [...]int{stretchwise.LeftPinky, stretchwise.LeftIndex, stretchwise.LeftThumb} {
		s.pair(k, 0.21, 0.38, 0.03)
	}
	s.head(v3{0, 1.21, 0}, v3{0, 0, 1}, v3{0, 1, 0})
	return s
}

// supineStick is the modified Thomas test: lying on the back (face up, head
// toward -z), left knee held to the chest, right leg hanging off the table.
func supineStick() stick {
	var s stick
	s.pair(stretchwise.LeftHip, 0.10, 0.80, 0)
	s.pair(stretchwise.LeftShoulder, 0.19, 0.82, -0.50)
	s[stretchwise.LeftKnee] = v3{0.10, 1.15, -0.20}
	s[stretchwise.LeftAnkle] = v3{0.10, 0.95, 0.15}
	s[stretchwise.RightKnee] = v3{-0.10, 0.76, 0.43}
	s[stretchwise.RightAnkle] = v3{-0.10, 0.34, 0.50}
	s.feet(0, v3{0, 0.15, 0.05})
	s.feet(1, v3{0, -0.02, 0.18})
	s.pair(stretchwise.LeftElbow, 0.22, 1.0, -0.40)
	s.pair(stretchwise.LeftWrist, 0.12, 1.15, -0.22)
	for _, k := range [...]int{stretchwise.LeftPinky, stretchwise.LeftIndex, stretchwise.LeftThumb} {
		s.pair(k, 0.10, 1.18, -0.20)
	}
	s.head(v3{0, 0.86, -0.75}, v3{0, 1, 0}, v3{0, 0, -1})
	return s
}

// project seen from a camera at yaw yawDeg (the Features.YawDeg the view
// should give): the figure is turned about the vertical and projected
// orthographically into a 16:9 image 2.2 m high, with MediaPipe's
// conventions (x, y normalized, y down, z on x's scale, smaller = nearer).
// Every landmark gets visibility vis; with depth false z is 0.
func (s *stick) project(yawDeg float64, vis float64, depth bool) stretchwise.Frame {
	return s.projectFrom(yawDeg, 0, vis, depth)
}

// projectFrom is project with the camera elevDeg degrees above the body,
// looking down at it: points farther from the camera rise in the image.
func (s *stick) projectFrom(yawDeg, elevDeg, vis float64, depth bool) stretchwise.Frame {
	const aspect, heightM = 16.0 / 9, 2.2
	th, el := yawDeg*math.Pi/180, elevDeg*math.Pi/180
	c, sn := math.Cos(th), math.Sin(th)
	ce, se := math.Cos(el), math.Sin(el)
	var f stretchwise.Frame
	f.Detected = true
	for i, p := range s {
		xr := p.x*c - p.z*sn
		zr := p.x*sn + p.z*c // toward the camera
		up := p.y*ce - zr*se
		near := p.y*se + zr*ce
		l := stretchwise.Landmark{X: 0.5 + xr/heightM/aspect, Y: 0.95 - up/heightM, Visibility: vis}
		if depth {
			l.Z = -near / heightM / aspect
		}
		f.Image[i] = l
	}
	return f
}
