package synth

import (
	"encoding/json"
	"fmt"
	"math"

	sw "github.com/stretchwise/stretchwise"
)

// Angle names one angle of docs/angles.md (degrees).
type Angle int

// The angles of docs/angles.md. Sided angles come in left, right pairs.
const (
	LeftKneeFlexion Angle = iota
	RightKneeFlexion
	LeftHipFlexion
	RightHipFlexion
	LeftElbowFlexion
	RightElbowFlexion
	LeftThighElevation
	RightThighElevation
	LeftArmElevation
	RightArmElevation
	LeftLegElevation
	RightLegElevation
	TrunkFromVertical
	PelvicRoll
	ShoulderRoll
	NumAngles
)

var angleNames = [NumAngles]string{
	"left_knee_flexion", "right_knee_flexion", "left_hip_flexion", "right_hip_flexion",
	"left_elbow_flexion", "right_elbow_flexion", "left_thigh_elevation", "right_thigh_elevation",
	"left_arm_elevation", "right_arm_elevation", "left_leg_elevation", "right_leg_elevation",
	"trunk_from_vertical", "pelvic_roll", "shoulder_roll",
}

// String returns the angle's name as used in JSON, e.g. "left_knee_flexion".
func (a Angle) String() string {
	if a < 0 || a >= NumAngles {
		return fmt.Sprintf("Angle(%d)", int(a))
	}
	return angleNames[a]
}

// Sided returns the angle of the given side for a sided angle (pass
// either member of the pair); unsided angles are returned unchanged.
func (a Angle) Sided(s sw.Side) Angle {
	if a >= TrunkFromVertical {
		return a
	}
	base := a &^ 1
	return base + Angle(sideIndex(s))
}

// Angles holds one value per Angle in degrees; NaN means the angle is not
// defined for that frame or view (a segment seen end-on, no facing
// direction in a front view). In JSON it is an object keyed by angle name
// with null for NaN.
type Angles [NumAngles]float64

// MarshalJSON writes the angles as an object, NaN as null.
func (a Angles) MarshalJSON() ([]byte, error) {
	m := make(map[string]*float64, NumAngles)
	for i, v := range a {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			m[angleNames[i]] = nil
			continue
		}
		r := math.Round(v*1e6) / 1e6 // micro-degrees are far below any claim
		m[angleNames[i]] = &r
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads what MarshalJSON writes; absent and null are NaN.
func (a *Angles) UnmarshalJSON(b []byte) error {
	var m map[string]*float64
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("synth angles: %w", err)
	}
	for i := range a {
		a[i] = math.NaN()
		if v := m[angleNames[i]]; v != nil {
			a[i] = *v
		}
	}
	return nil
}

// nanAngles returns Angles with every value NaN.
func nanAngles() Angles {
	var a Angles
	for i := range a {
		a[i] = math.NaN()
	}
	return a
}

// elevation3 is the segment elevation of docs/angles.md in lab
// coordinates (Y up): positive when d is above p.
func elevation3(p, d Vec3) float64 {
	return math.Atan2(d.Y-p.Y, math.Hypot(d.X-p.X, d.Z-p.Z)) * rad2deg
}

// measure3D returns the angles of the lab landmarks pt, with front the true
// anterior direction of the trunk (which fixes the sign of trunk lean and
// hip flexion as docs/angles.md defines them in 3D).
func measure3D(pt *Points, front Vec3) Angles {
	var a Angles
	for i := 0; i < 2; i++ {
		hip, kn, an := pt[sw.LeftHip+i], pt[sw.LeftKnee+i], pt[sw.LeftAnkle+i]
		sh, el, wr := pt[sw.LeftShoulder+i], pt[sw.LeftElbow+i], pt[sw.LeftWrist+i]
		a[LeftKneeFlexion+Angle(i)] = angleBetween(kn.sub(hip), an.sub(kn))
		a[LeftElbowFlexion+Angle(i)] = angleBetween(el.sub(sh), wr.sub(el))
		a[LeftThighElevation+Angle(i)] = elevation3(hip, kn)
		a[LeftArmElevation+Angle(i)] = elevation3(sh, wr)
		a[LeftLegElevation+Angle(i)] = elevation3(hip, an)
	}
	hipMid := pt[sw.LeftHip].mid(pt[sw.RightHip])
	trunk := pt[sw.LeftShoulder].mid(pt[sw.RightShoulder]).sub(hipMid)
	tu := trunk.unit()
	// Lateral axis: the hip line across the trunk, oriented so that a
	// positive rotation turns the trunk toward the front.
	n := pt[sw.LeftHip].sub(pt[sw.RightHip])
	n = n.sub(tu.scale(n.dot(tu))).unit()
	if n.dot(tu.cross(front)) < 0 {
		n = n.neg()
	}
	a[TrunkFromVertical] = sagittal(Vec3{0, 1, 0}, trunk, n)
	for i := 0; i < 2; i++ {
		hip, kn, sh := pt[sw.LeftHip+i], pt[sw.LeftKnee+i], pt[sw.LeftShoulder+i]
		a[LeftHipFlexion+Angle(i)] = -sagittal(hip.sub(sh), kn.sub(hip), n)
	}
	a[PelvicRoll] = elevation3(pt[sw.RightHip], pt[sw.LeftHip])
	a[ShoulderRoll] = elevation3(pt[sw.RightShoulder], pt[sw.LeftShoulder])
	return a
}

// sagittal returns the signed angle in degrees from a to b projected onto
// the plane perpendicular to the unit vector n, positive about n.
func sagittal(a, b, n Vec3) float64 {
	a = a.sub(n.scale(a.dot(n)))
	b = b.sub(n.scale(b.dot(n)))
	return math.Atan2(a.cross(b).dot(n), a.dot(b)) * rad2deg
}

// vec2 is a point in the isotropic image plane: u = x*aspect, v = y (down).
type vec2 struct{ u, v float64 }

func (a vec2) sub(b vec2) vec2                      { return vec2{a.u - b.u, a.v - b.v} }
func (a vec2) mid(b vec2) vec2                      { return vec2{(a.u + b.u) / 2, (a.v + b.v) / 2} }
func (a vec2) cross(b vec2) float64                 { return a.u*b.v - a.v*b.u }
func (a vec2) dot(b vec2) float64                   { return a.u*b.u + a.v*b.v }
func (a vec2) norm() float64                        { return math.Hypot(a.u, a.v) }
func flex2(a, b, c vec2) float64                    { return interior(b.sub(a), c.sub(b)) }
func interior(x, y vec2) float64                    { return math.Atan2(math.Abs(x.cross(y)), x.dot(y)) * rad2deg }
func elevation2(p, d vec2) float64                  { return math.Atan2(p.v-d.v, math.Abs(d.u-p.u)) * rad2deg }
func imagePoint(l sw.Landmark, aspect float64) vec2 { return vec2{l.X * aspect, l.Y} }

// measure2D returns the angles a perfect camera sees: the 2D definitions of
// docs/angles.md applied to noise-free image landmarks. facing is +1 when
// the person's front is to the right of the upward trunk axis on screen,
// -1 to the left, 0 when the view shows no side (then trunk lean and hip
// flexion are NaN).
func measure2D(img *sw.Pose, aspect, facing float64) Angles {
	var pt [sw.NumLandmarks]vec2
	for i := range img {
		pt[i] = imagePoint(img[i], aspect)
	}
	a := nanAngles()
	for i := 0; i < 2; i++ {
		hip, kn, an := pt[sw.LeftHip+i], pt[sw.LeftKnee+i], pt[sw.LeftAnkle+i]
		sh, el, wr := pt[sw.LeftShoulder+i], pt[sw.LeftElbow+i], pt[sw.LeftWrist+i]
		a[LeftKneeFlexion+Angle(i)] = flex2(hip, kn, an)
		a[LeftElbowFlexion+Angle(i)] = flex2(sh, el, wr)
		a[LeftThighElevation+Angle(i)] = elevation2(hip, kn)
		a[LeftArmElevation+Angle(i)] = elevation2(sh, wr)
		a[LeftLegElevation+Angle(i)] = elevation2(hip, an)
	}
	a[PelvicRoll] = elevation2(pt[sw.RightHip], pt[sw.LeftHip])
	a[ShoulderRoll] = elevation2(pt[sw.RightShoulder], pt[sw.LeftShoulder])
	if facing != 0 {
		t := pt[sw.LeftShoulder].mid(pt[sw.RightShoulder]).sub(pt[sw.LeftHip].mid(pt[sw.RightHip]))
		a[TrunkFromVertical] = facing * math.Atan2(t.u, -t.v) * rad2deg
		for i := 0; i < 2; i++ {
			d := pt[sw.LeftHip+i].sub(pt[sw.LeftShoulder+i])
			th := pt[sw.LeftKnee+i].sub(pt[sw.LeftHip+i])
			a[LeftHipFlexion+Angle(i)] = facing * math.Atan2(-d.cross(th), d.dot(th)) * rad2deg
		}
	}
	return a
}
