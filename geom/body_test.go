package geom

import (
	"math"

	"github.com/stretchwise/stretchwise"
)

// body is a stick figure posed by sagittal angles in degrees, then rolled
// in the frontal plane and turned about the vertical, seen by an
// orthographic camera looking along world +z. It is the test yardstick of
// this package: every angle set here is the angle the definitions of
// docs/angles.md must measure.
type body struct {
	lean     float64    // trunk from vertical, forward positive
	hip      [2]float64 // hip flexion from the downward trunk line
	knee     [2]float64 // knee flexion
	shoulder [2]float64 // arm from the downward trunk line, forward positive
	elbow    [2]float64 // elbow flexion
	roll     float64    // frontal-plane roll of the whole body, left side up positive
	yaw      float64    // turn about the vertical: 0 faces +x (image right), 90 faces the camera, 180 faces image left
	// image placement
	aspect float64 // width/height
	scale  float64 // image heights per metre
	cu, cv float64 // hip midpoint in the isotropic image plane
}

// Segment lengths in metres (a 1.75 m adult, Winter's proportions rounded).
const (
	bTrunk    = 0.50
	bThigh    = 0.43
	bShank    = 0.43
	bUpperArm = 0.30
	bForearm  = 0.27
	bHipHalf  = 0.10
	bShHalf   = 0.18
	bNeck     = 0.20
	bNose     = 0.10
	bEarHalf  = 0.075
	bFoot     = 0.18
	bHeel     = 0.05
)

// dir returns the unit direction in the sagittal plane at angle a degrees
// from straight down, rotated toward the front (+x before turning).
func dir(a float64) Vec3 {
	s, c := math.Sincos(a * math.Pi / 180)
	return Vec3{s, c, 0}
}

// side offsets: left is +z for a person facing +x with y down.
var lateral = [2]float64{+1, -1}

// world returns the world pose (metres, origin between the hips, y down).
func (b body) world() stretchwise.Pose {
	var p stretchwise.Pose
	put := func(i int, v Vec3) { p[i] = stretchwise.Landmark{X: v.X, Y: v.Y, Z: v.Z, Visibility: 1} }
	up := dir(180 - b.lean)
	down := dir(-b.lean)
	front := dir(90 - b.lean)
	neck := up.Scale(bTrunk + bNeck)
	put(stretchwise.Nose, neck.Add(front.Scale(bNose)))
	for s := 0; s < 2; s++ {
		z := Vec3{0, 0, lateral[s]}
		hip := z.Scale(bHipHalf)
		knee := hip.Add(dir(-b.lean + b.hip[s]).Scale(bThigh))
		shankDir := dir(-b.lean + b.hip[s] - b.knee[s])
		ankle := knee.Add(shankDir.Scale(bShank))
		footDir := dir(-b.lean + b.hip[s] - b.knee[s] + 90)
		sh := up.Scale(bTrunk).Add(z.Scale(bShHalf))
		elbow := sh.Add(dir(-b.lean + b.shoulder[s]).Scale(bUpperArm))
		wrist := elbow.Add(dir(-b.lean + b.shoulder[s] + b.elbow[s]).Scale(bForearm))
		put(hipIdx[s], hip)
		put(kneeIdx[s], knee)
		put(ankleIdx[s], ankle)
		put(heelIdx[s], ankle.Sub(footDir.Scale(bHeel)))
		put(toeIdx[s], ankle.Add(footDir.Scale(bFoot)))
		put(shoulderIdx[s], sh)
		put(elbowIdx[s], elbow)
		put(wristIdx[s], wrist)
		ear := neck.Add(z.Scale(bEarHalf))
		put(earIdx[s], ear)
		eye := neck.Add(front.Scale(0.08)).Add(up.Scale(0.03))
		put([2]int{stretchwise.LeftEye, stretchwise.RightEye}[s], eye.Add(z.Scale(0.03)))
		put([2]int{stretchwise.LeftEyeInner, stretchwise.RightEyeInner}[s], eye.Add(z.Scale(0.015)))
		put([2]int{stretchwise.LeftEyeOuter, stretchwise.RightEyeOuter}[s], eye.Add(z.Scale(0.045)))
		put([2]int{stretchwise.MouthLeft, stretchwise.MouthRight}[s], neck.Add(front.Scale(0.09)).Add(down.Scale(0.04)).Add(z.Scale(0.025)))
		hand := wrist.Add(dir(-b.lean + b.shoulder[s] + b.elbow[s]).Scale(0.08))
		put([2]int{stretchwise.LeftPinky, stretchwise.RightPinky}[s], hand.Add(z.Scale(0.02)))
		put([2]int{stretchwise.LeftIndex, stretchwise.RightIndex}[s], hand.Add(z.Scale(-0.02)))
		put([2]int{stretchwise.LeftThumb, stretchwise.RightThumb}[s], hand.Add(z.Scale(-0.03)).Add(front.Scale(0.02)))
	}
	sr, cr := math.Sincos(b.roll * math.Pi / 180)
	sy, cy := math.Sincos(b.yaw * math.Pi / 180)
	for i := range p {
		x, y, z := p[i].X, p[i].Y, p[i].Z
		y, z = y*cr-z*sr, y*sr+z*cr // roll about the front axis: left (+z) goes up
		x, z = x*cy+z*sy, -x*sy+z*cy
		p[i].X, p[i].Y, p[i].Z = x, y, z
	}
	return p
}

// image returns the orthographic image of the world pose.
func (b body) image() stretchwise.Pose {
	w := b.world()
	var p stretchwise.Pose
	for i, l := range w {
		p[i] = stretchwise.Landmark{
			X:          (b.cu + l.X*b.scale) / b.aspect,
			Y:          b.cv + l.Y*b.scale,
			Z:          l.Z * b.scale,
			Visibility: 1,
		}
	}
	return p
}

// standing returns an upright body facing image right in a 16:9 image.
func standing() body {
	return body{aspect: 16.0 / 9, scale: 0.4, cu: 0.9, cv: 0.5}
}
