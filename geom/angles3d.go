package geom

import (
	"math"

	"github.com/stretchwise/stretchwise"
)

// MinFrontOffset3D is the smallest offset in metres of the nose in front of
// the ears (or of the toes in front of the heels), across the trunk axis,
// that fixes the front of the body in 3D. Our choice, because the nose sits
// about 10 cm in front of the ear axis in adults, so 1 cm only rejects
// degenerate or collapsed landmarks.
const MinFrontOffset3D = 0.01

// FacingCos3D is how closely the body's left-right axis must line up with
// the camera axis (world z) for Compute3D to report a facing direction:
// |cos| at or above 0.5, i.e. the view is at least 30 degrees away from a
// front or rear view. Our choice, because facing is only used to label side
// views; the 3D angles themselves never need it.
const FacingCos3D = 0.5

// worldUp is "up" in world coordinates (y down).
var worldUp = Vec3{0, -1, 0}

// WorldPoint returns a world landmark as a Vec3 in metres.
func WorldPoint(l stretchwise.Landmark) Vec3 { return Vec3{l.X, l.Y, l.Z} }

// point3 returns world landmark i of p and whether it is usable.
func point3(p *stretchwise.Pose, i int, gate float64) (Vec3, bool) {
	l := &p[i]
	if !(l.Visibility >= gate) {
		return Vec3{}, false
	}
	v := Vec3{l.X, l.Y, l.Z}
	if !finite(v.X) || !finite(v.Y) || !finite(v.Z) {
		return Vec3{}, false
	}
	return v, true
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// JointFlexion3D returns the flexion at joint b of the chain a -> b -> c in
// degrees (0 = straight, 0..180), NaN for a segment shorter than
// MinSegment3D.
func JointFlexion3D(a, b, c Vec3) float64 {
	return angle3(b.Sub(a), c.Sub(b)) * rad2deg
}

// SegmentElevation3D returns the elevation of the segment prox -> dist from
// the horizontal plane in degrees (positive = dist higher, -90..90), NaN
// for a segment shorter than MinSegment3D.
func SegmentElevation3D(prox, dist Vec3) float64 {
	d := dist.Sub(prox)
	if !(d.Norm() >= MinSegment3D) {
		return math.NaN()
	}
	return math.Atan2(-d.Y, math.Hypot(d.X, d.Z)) * rad2deg
}

// BodyFrame3D is the part of the body's anatomical frame the signed 3D
// angles need: the trunk axis and the left-right axis oriented so that a
// positive rotation about it turns the trunk axis toward the front of the
// body (the side of the nose).
type BodyFrame3D struct {
	Trunk   Vec3 // hip midpoint -> shoulder midpoint, metres
	Lateral Vec3 // unit vector; rotations toward the front are positive about it
}

// Frame3D returns the body frame of the world pose p and whether it could
// be built: shoulders and hips usable, and the front known from the nose
// relative to the ears (or the toes relative to the heels), offset at least
// MinFrontOffset3D across the trunk axis. The left-right axis is the hip
// line made perpendicular to the trunk, or the trunk × front direction when
// the hips are too close together.
func Frame3D(p *stretchwise.Pose, gate float64) (BodyFrame3D, bool) {
	ls, ok1 := point3(p, stretchwise.LeftShoulder, gate)
	rs, ok2 := point3(p, stretchwise.RightShoulder, gate)
	lh, ok3 := point3(p, stretchwise.LeftHip, gate)
	rh, ok4 := point3(p, stretchwise.RightHip, gate)
	if !(ok1 && ok2 && ok3 && ok4) {
		return BodyFrame3D{}, false
	}
	t := ls.Mid(rs).Sub(lh.Mid(rh))
	tu, ok := t.Unit()
	if !ok {
		return BodyFrame3D{}, false
	}
	front, ok := front3(p, gate)
	if !ok {
		return BodyFrame3D{}, false
	}
	front = front.Sub(tu.Scale(front.Dot(tu)))
	if !(front.Norm() >= MinFrontOffset3D) {
		return BodyFrame3D{}, false
	}
	want := tu.Cross(front) // positive rotation turns the trunk toward the front
	hl := lh.Sub(rh)
	hl = hl.Sub(tu.Scale(hl.Dot(tu)))
	n, ok := hl.Unit()
	if !ok || math.Abs(n.Dot(want)) < MinFrontOffset3D {
		n, _ = want.Unit()
	} else if n.Dot(want) < 0 {
		n = n.Scale(-1)
	}
	return BodyFrame3D{Trunk: t, Lateral: n}, true
}

// front3 returns a vector pointing to the front of the body: nose minus the
// ear midpoint (or the one usable ear), else the mean of toe minus heel.
func front3(p *stretchwise.Pose, gate float64) (Vec3, bool) {
	if nose, ok := point3(p, stretchwise.Nose, gate); ok {
		le, okl := point3(p, stretchwise.LeftEar, gate)
		re, okr := point3(p, stretchwise.RightEar, gate)
		switch {
		case okl && okr:
			return nose.Sub(le.Mid(re)), true
		case okl:
			return nose.Sub(le), true
		case okr:
			return nose.Sub(re), true
		}
	}
	var sum Vec3
	n := 0
	for s := 0; s < 2; s++ {
		toe, ok1 := point3(p, toeIdx[s], gate)
		heel, ok2 := point3(p, heelIdx[s], gate)
		if ok1 && ok2 {
			sum = sum.Add(toe.Sub(heel))
			n++
		}
	}
	if n == 0 {
		return Vec3{}, false
	}
	return sum.Scale(1 / float64(n)), true
}

// SagittalAngle returns the signed angle in degrees from a to b, both
// projected onto the sagittal plane (perpendicular to f.Lateral); positive
// when the rotation turns toward the front in the sense of f. NaN when a
// projection is shorter than MinSegment3D.
func (f BodyFrame3D) SagittalAngle(a, b Vec3) float64 {
	n := f.Lateral
	a = a.Sub(n.Scale(a.Dot(n)))
	b = b.Sub(n.Scale(b.Dot(n)))
	if !(a.Norm() >= MinSegment3D) || !(b.Norm() >= MinSegment3D) {
		return math.NaN()
	}
	return math.Atan2(a.Cross(b).Dot(n), a.Dot(b)) * rad2deg
}

func joint3(p *stretchwise.Pose, i, j, k int, gate float64) (float64, bool) {
	a, ok1 := point3(p, i, gate)
	b, ok2 := point3(p, j, gate)
	c, ok3 := point3(p, k, gate)
	if !(ok1 && ok2 && ok3) {
		return math.NaN(), false
	}
	return result(JointFlexion3D(a, b, c))
}

func elevation3(p *stretchwise.Pose, i, j int, gate float64) (float64, bool) {
	a, ok1 := point3(p, i, gate)
	b, ok2 := point3(p, j, gate)
	if !(ok1 && ok2) {
		return math.NaN(), false
	}
	return result(SegmentElevation3D(a, b))
}

// hipFlexion3 is the signed sagittal angle from the downward trunk line
// (shoulder -> hip, same side) to the thigh, positive = thigh in front.
// Rotating "down" toward the front is a negative rotation in the sense of
// the body frame (which turns "up" toward the front), hence the minus.
func hipFlexion3(p *stretchwise.Pose, side int, gate float64, f BodyFrame3D, fok bool) (float64, bool) {
	if !fok {
		return math.NaN(), false
	}
	s, ok1 := point3(p, shoulderIdx[side], gate)
	h, ok2 := point3(p, hipIdx[side], gate)
	k, ok3 := point3(p, kneeIdx[side], gate)
	if !(ok1 && ok2 && ok3) {
		return math.NaN(), false
	}
	return result(-f.SagittalAngle(h.Sub(s), k.Sub(h)))
}

// Compute3D fills dst with every angle of docs/angles.md measured from the
// world landmarks of world (metres, y down). Knee and elbow flexion are 3D
// joint angles; elevations and rolls are taken from the horizontal plane;
// trunk from vertical and hip flexion are measured in the sagittal plane of
// the body frame (Frame3D), so for a pure side view they equal the 2D
// angles. Facing is +1 when the person would face image right for a camera
// looking along world +z (MediaPipe's world axes), -1 for left, 0 unknown.
// It allocates nothing.
func Compute3D(dst *Angles, world *stretchwise.Pose, gate float64) {
	*dst = Angles{}
	f, fok := Frame3D(world, gate)
	if fok {
		if c := f.Lateral.Z; math.Abs(c) >= FacingCos3D {
			dst.Facing = math.Copysign(1, c)
			dst.Valid |= ValidFacing
		}
	}
	for s := 0; s < 2; s++ {
		v, ok := joint3(world, hipIdx[s], kneeIdx[s], ankleIdx[s], gate)
		set(&dst.KneeFlexion[s], &dst.Valid, ValidKnee[s], v, ok)
		v, ok = hipFlexion3(world, s, gate, f, fok)
		set(&dst.HipFlexion[s], &dst.Valid, ValidHip[s], v, ok)
		v, ok = elevation3(world, hipIdx[s], kneeIdx[s], gate)
		set(&dst.ThighElevation[s], &dst.Valid, ValidThigh[s], v, ok)
		v, ok = elevation3(world, shoulderIdx[s], wristIdx[s], gate)
		set(&dst.ArmElevation[s], &dst.Valid, ValidArm[s], v, ok)
		v, ok = elevation3(world, hipIdx[s], ankleIdx[s], gate)
		set(&dst.LegElevation[s], &dst.Valid, ValidLeg[s], v, ok)
		v, ok = joint3(world, shoulderIdx[s], elbowIdx[s], wristIdx[s], gate)
		set(&dst.ElbowFlexion[s], &dst.Valid, ValidElbow[s], v, ok)
	}
	if fok {
		v, ok := result(f.SagittalAngle(worldUp, f.Trunk))
		set(&dst.TrunkFromVertical, &dst.Valid, ValidTrunk, v, ok)
	} else {
		dst.TrunkFromVertical = math.NaN()
	}
	v, ok := elevation3(world, stretchwise.RightHip, stretchwise.LeftHip, gate)
	set(&dst.PelvicRoll, &dst.Valid, ValidPelvicRoll, v, ok)
	v, ok = elevation3(world, stretchwise.RightShoulder, stretchwise.LeftShoulder, gate)
	set(&dst.ShoulderRoll, &dst.Valid, ValidShoulderRoll, v, ok)
}
