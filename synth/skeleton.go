package synth

import (
	"math"

	sw "github.com/stretchwise/stretchwise"
)

// Side indices of the per-side arrays of Pose: 0 is the person's left, 1
// the right, as in MediaPipe's landmark pairs.
const (
	left  = 0
	right = 1
)

// sideIndex returns the Pose array index of s (left for SideNone).
func sideIndex(s sw.Side) int {
	if s == sw.SideRight {
		return right
	}
	return left
}

// lateralSign is +1 for the right side and -1 for the left: the sign of a
// side's lateral direction along a frame's R axis.
func lateralSign(i int) float64 {
	if i == right {
		return 1
	}
	return -1
}

// Pose is one posture of the skeleton: where the pelvis is and how every
// segment is oriented in the lab. Joint angles are the rotations between
// neighbouring frames (see the helpers hip, knee, ...); the landmarks follow
// from a Body by forward kinematics, so bone lengths cannot change.
type Pose struct {
	Pelvis   Vec3  `json:"pelvis"` // hip midpoint, lab metres
	PelvisF  Frame `json:"pelvis_frame"`
	Thorax   Frame `json:"thorax"`
	Head     Frame `json:"head"`
	Thigh    [2]Frame
	Shank    [2]Frame
	Foot     [2]Frame
	UpperArm [2]Frame
	Forearm  [2]Frame
	Hand     [2]Frame
}

// Points are the 33 blazepose33 landmarks in lab coordinates (metres, Y up),
// in MediaPipe's order.
type Points [sw.NumLandmarks]Vec3

// Face model: landmark offsets in the head frame (anterior, superior,
// right) as fractions of the ear-to-ear width, origin at the ear midpoint.
// Our estimate from average adult head proportions; the right-side point is
// at +R, the left at -R.
var faceModel = [...]struct {
	left, right int
	a, s, r     float64
}{
	{sw.Nose, sw.Nose, 0.72, -0.07, 0},
	{sw.LeftEyeInner, sw.RightEyeInner, 0.61, 0.18, 0.11},
	{sw.LeftEye, sw.RightEye, 0.58, 0.19, 0.23},
	{sw.LeftEyeOuter, sw.RightEyeOuter, 0.54, 0.18, 0.34},
	{sw.LeftEar, sw.RightEar, 0, 0, 0.5},
	{sw.MouthLeft, sw.MouthRight, 0.61, -0.32, 0.18},
}

// Points returns the landmarks of pose p on body b.
func (b Body) Points(p *Pose) Points {
	var pt Points
	// Head and face.
	lumbar := p.Pelvis.add(p.PelvisF.S.scale(b.LumbarM))
	shoulderMid := lumbar.add(p.Thorax.S.scale(b.TrunkM - b.LumbarM))
	headO := shoulderMid.add(p.Head.S.scale(b.NeckM))
	for _, f := range faceModel {
		w := b.HeadWidthM
		pt[f.right] = headO.add(p.Head.local(f.a*w, f.s*w, f.r*w))
		pt[f.left] = headO.add(p.Head.local(f.a*w, f.s*w, -f.r*w))
	}
	for i := 0; i < 2; i++ {
		ls := lateralSign(i)
		sh := shoulderMid.add(p.Thorax.R.scale(ls * b.ShoulderWidthM / 2))
		el := sh.add(p.UpperArm[i].down().scale(b.UpperArmM))
		wr := el.add(p.Forearm[i].down().scale(b.ForearmM))
		h := p.Hand[i]
		// Hand: palm faces A, the thumb side is lateral (ls*R) in the
		// anatomical position; the landmarks are the index and pinky
		// knuckles and the thumb (MediaPipe's points), offsets as fractions
		// of the hand length (our estimate).
		L := b.HandM
		hp := sw.LeftShoulder + i
		pt[hp] = sh
		pt[sw.LeftElbow+i] = el
		pt[sw.LeftWrist+i] = wr
		pt[sw.LeftIndex+i] = wr.add(h.local(0, -0.45*L, ls*0.12*L))
		pt[sw.LeftPinky+i] = wr.add(h.local(0, -0.40*L, -ls*0.15*L))
		pt[sw.LeftThumb+i] = wr.add(h.local(0.10*L, -0.25*L, ls*0.25*L))

		hip := p.Pelvis.add(p.PelvisF.R.scale(ls * b.HipWidthM / 2))
		kn := hip.add(p.Thigh[i].down().scale(b.ThighM))
		an := kn.add(p.Shank[i].down().scale(b.ShankM))
		f := p.Foot[i]
		// Foot: toes along A, sole along -S; the heel 0.2 and the toe tip 0.8
		// of the foot length behind and ahead of the ankle (our estimate).
		pt[sw.LeftHip+i] = hip
		pt[sw.LeftKnee+i] = kn
		pt[sw.LeftAnkle+i] = an
		pt[sw.LeftHeel+i] = an.add(f.local(-0.2*b.FootM, -b.AnkleHeightM, 0))
		pt[sw.LeftFootIndex+i] = an.add(f.local(0.8*b.FootM, -b.AnkleHeightM, 0))
	}
	return pt
}

// Bone is a pair of landmarks whose distance the body model keeps fixed.
type Bone struct {
	Name    string  `json:"name"`
	From    int     `json:"from"` // landmark index
	To      int     `json:"to"`   // landmark index
	LengthM float64 `json:"length_m"`
}

// boneDefs lists the rigid landmark pairs: limb segments, hands, feet, the
// hip and shoulder lines and the head.
var boneDefs = []struct {
	name     string
	from, to int
}{
	{"left_upper_arm", sw.LeftShoulder, sw.LeftElbow},
	{"right_upper_arm", sw.RightShoulder, sw.RightElbow},
	{"left_forearm", sw.LeftElbow, sw.LeftWrist},
	{"right_forearm", sw.RightElbow, sw.RightWrist},
	{"left_thigh", sw.LeftHip, sw.LeftKnee},
	{"right_thigh", sw.RightHip, sw.RightKnee},
	{"left_shank", sw.LeftKnee, sw.LeftAnkle},
	{"right_shank", sw.RightKnee, sw.RightAnkle},
	{"hip_width", sw.LeftHip, sw.RightHip},
	{"shoulder_width", sw.LeftShoulder, sw.RightShoulder},
	{"ear_to_ear", sw.LeftEar, sw.RightEar},
	{"nose_to_left_ear", sw.Nose, sw.LeftEar},
	{"left_wrist_index", sw.LeftWrist, sw.LeftIndex},
	{"right_wrist_index", sw.RightWrist, sw.RightIndex},
	{"left_wrist_pinky", sw.LeftWrist, sw.LeftPinky},
	{"right_wrist_thumb", sw.RightWrist, sw.RightThumb},
	{"left_heel_toe", sw.LeftHeel, sw.LeftFootIndex},
	{"right_heel_toe", sw.RightHeel, sw.RightFootIndex},
	{"left_ankle_heel", sw.LeftAnkle, sw.LeftHeel},
	{"right_ankle_toe", sw.RightAnkle, sw.RightFootIndex},
}

// Bones returns the rigid landmark distances of b, measured on the
// standing pose. Every pose of every motion keeps them.
func (b Body) Bones() []Bone {
	p := StandingPose(b)
	pt := b.Points(&p)
	out := make([]Bone, len(boneDefs))
	for i, d := range boneDefs {
		out[i] = Bone{Name: d.name, From: d.from, To: d.to, LengthM: pt[d.from].dist(pt[d.to])}
	}
	return out
}

// StandingPose returns the anatomical position: standing upright facing
// +X, arms hanging with the palms forward, feet flat under the hips.
func StandingPose(b Body) Pose {
	p := Pose{
		Pelvis:  Vec3{0, b.ThighM + b.ShankM + b.AnkleHeightM, 0},
		PelvisF: standing, Thorax: standing, Head: standing,
	}
	for i := 0; i < 2; i++ {
		p.Thigh[i], p.Shank[i], p.Foot[i] = standing, standing, standing
		p.UpperArm[i], p.Forearm[i], p.Hand[i] = standing, standing, standing
	}
	return p
}

// Joint helpers. Each returns a child frame from its parent frame and
// anatomical joint angles in degrees.

// limb orients a ball-jointed segment (thigh, upper arm) of side i:
// abduction abdDeg (away from the midline) in the parent's frontal plane,
// then flexion flexDeg about the parent's left-right axis (toward the
// parent's anterior), then axial rotation rotDeg about the segment
// (internal rotation positive).
func limb(parent Frame, i int, flexDeg, abdDeg, rotDeg float64) Frame {
	ls := lateralSign(i)
	f := parent.turn(parent.A, -ls*abdDeg)
	f = f.turn(parent.R, flexDeg)
	return f.turn(f.S, ls*rotDeg)
}

// limbAngles returns the flexion and abduction that make limb point along
// the unit direction d from parent (the inverse of limb with no rotation).
func limbAngles(parent Frame, i int, d Vec3) (flexDeg, abdDeg float64) {
	lat := parent.R.scale(lateralSign(i))
	abdDeg = math.Asin(clamp(d.dot(lat), -1, 1)) * rad2deg
	flexDeg = math.Atan2(d.dot(parent.A), -d.dot(parent.S)) * rad2deg
	return flexDeg, abdDeg
}

// toward orients a ball-jointed segment of side i along the direction d.
func toward(parent Frame, i int, d Vec3, rotDeg float64) Frame {
	f, a := limbAngles(parent, i, d.unit())
	return limb(parent, i, f, a, rotDeg)
}

// hinge turns a frame about its own R axis: positive turns A toward S.
// Knee flexion is hinge(thigh, -k), elbow flexion hinge(upperArm, e),
// ankle plantarflexion hinge(shank, -p), wrist extension hinge(forearm,
// -x), lumbar and neck flexion hinge(parent, -f).
func hinge(parent Frame, deg float64) Frame { return parent.turn(parent.R, deg) }

// axial turns a frame about its own S axis by deg degrees.
func axial(f Frame, deg float64) Frame { return f.turn(f.S, deg) }

// chain orients a two-segment limb of side i (thigh and shank, or upper arm
// and forearm) from the positions of its three joints, turning the first
// segment about its axis so that the hinge plane holds all three. bend is
// -1 for a knee (the distal segment swings toward -A) and +1 for an elbow.
// pole is the side the middle joint points to; it fixes the hinge plane
// of a straight limb, so the plane does not jump as the limb straightens.
// It returns the two frames and the hinge angle (flexion, degrees).
func chain(parent Frame, i int, root, mid, end Vec3, bend float64, pole Vec3) (Frame, Frame, float64) {
	d1 := mid.sub(root).unit()
	d2 := end.sub(mid).unit()
	f1 := toward(parent, i, d1, 0)
	n := d1.cross(d2)
	if n.norm() < 1e-6 {
		// Straight: the hinge axis a slight bend toward the pole would have.
		n = pole.cross(d1)
	}
	if n.norm() > 1e-12 {
		want := n.unit().scale(bend)
		f1 = axial(f1, signedAngle(f1.R, want, f1.S))
	}
	flex := angleBetween(d1, d2)
	return f1, hinge(f1, bend*flex), flex
}

// solve2 places the middle joint of a two-segment limb with lengths a and
// b from root toward target, bending toward the pole direction. A target
// out of reach straightens the limb toward it.
func solve2(root, target Vec3, a, b float64, pole Vec3) Vec3 {
	v := target.sub(root)
	d := clamp(v.norm(), math.Abs(a-b)+1e-9, a+b)
	u := v.unit()
	p := pole.sub(u.scale(pole.dot(u))).unit()
	cosA := clamp((a*a+d*d-b*b)/(2*a*d), -1, 1)
	return root.add(u.scale(a * cosA)).add(p.scale(a * math.Sqrt(1-cosA*cosA)))
}

// landmark positions used while posing.
func (b Body) hipJoint(p *Pose, i int) Vec3 {
	return p.Pelvis.add(p.PelvisF.R.scale(lateralSign(i) * b.HipWidthM / 2))
}

func (b Body) shoulderMid(p *Pose) Vec3 {
	return p.Pelvis.add(p.PelvisF.S.scale(b.LumbarM)).add(p.Thorax.S.scale(b.TrunkM - b.LumbarM))
}

func (b Body) shoulderJoint(p *Pose, i int) Vec3 {
	return b.shoulderMid(p).add(p.Thorax.R.scale(lateralSign(i) * b.ShoulderWidthM / 2))
}
