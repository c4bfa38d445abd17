package geom

import (
	"math"

	"github.com/stretchwise/stretchwise"
)

// Side indices of the per-side arrays of Angles.
const (
	Left  = 0
	Right = 1
)

// DefaultGate is the landmark visibility (0..1) at or above which a landmark
// is usable: stretchwise.VisibilityGate.
const DefaultGate = stretchwise.VisibilityGate

// MinSegment is the shortest image segment (in units of the image height)
// that defines a direction; shorter segments give NaN. Our choice, because it
// only guards against division by zero: 1e-6 is far below one pixel at any
// real resolution. How reliable a short segment is belongs to the
// uncertainty model, not to this cut-off.
const MinSegment = 1e-6

// MinSegment3D is MinSegment for world landmarks, in metres.
const MinSegment3D = 1e-6

// FacingRatio decides when the facing direction is known: the nose (or toe)
// offset across the trunk axis must exceed FacingRatio times the ear (or
// heel) separation across the same axis. Our choice, because in a side view
// the ears overlap and the nose sits about 10 cm in front of them, while in
// a front or rear view the ears are about 15 cm apart and the nose is between
// them; 0.5 still accepts a 45 degree oblique view (offset about 7 cm
// against a separation of about 11 cm times 0.5).
const FacingRatio = 0.5

// EarPerShoulder stands in for the ear separation, as a fraction of the
// shoulder separation, when only one ear is usable for the facing. Our
// choice, because with 0.8 the one-ear case turns unknown at about the
// same obliquity as the two-ear case (55-60 degrees away from a side view;
// the ears are about 15 cm apart, the shoulders 36-40 cm, the nose about
// 10 cm in front of the ears). A front view with one ear hidden then stays
// unknown (the nose is about 7.5 cm across from the visible ear), while at
// 45 degrees (about 12 cm) the facing is still known.
const EarPerShoulder = 0.8

const rad2deg = 180 / math.Pi

// Valid bits of Angles.Valid, one per angle. Per-side angles have a Left and
// a Right bit; ValidKnee[side] and friends index them by side.
const (
	ValidKneeLeft uint32 = 1 << iota
	ValidKneeRight
	ValidHipLeft
	ValidHipRight
	ValidThighLeft
	ValidThighRight
	ValidArmLeft
	ValidArmRight
	ValidLegLeft
	ValidLegRight
	ValidElbowLeft
	ValidElbowRight
	ValidTrunk
	ValidPelvicRoll
	ValidShoulderRoll
	ValidFacing
)

// Per-side valid bits, indexed by Left and Right.
var (
	ValidKnee  = [2]uint32{ValidKneeLeft, ValidKneeRight}
	ValidHip   = [2]uint32{ValidHipLeft, ValidHipRight}
	ValidThigh = [2]uint32{ValidThighLeft, ValidThighRight}
	ValidArm   = [2]uint32{ValidArmLeft, ValidArmRight}
	ValidLeg   = [2]uint32{ValidLegLeft, ValidLegRight}
	ValidElbow = [2]uint32{ValidElbowLeft, ValidElbowRight}
)

// Landmark indices per side, indexed by Left and Right.
var (
	shoulderIdx = [2]int{stretchwise.LeftShoulder, stretchwise.RightShoulder}
	elbowIdx    = [2]int{stretchwise.LeftElbow, stretchwise.RightElbow}
	wristIdx    = [2]int{stretchwise.LeftWrist, stretchwise.RightWrist}
	hipIdx      = [2]int{stretchwise.LeftHip, stretchwise.RightHip}
	kneeIdx     = [2]int{stretchwise.LeftKnee, stretchwise.RightKnee}
	ankleIdx    = [2]int{stretchwise.LeftAnkle, stretchwise.RightAnkle}
	heelIdx     = [2]int{stretchwise.LeftHeel, stretchwise.RightHeel}
	toeIdx      = [2]int{stretchwise.LeftFootIndex, stretchwise.RightFootIndex}
	earIdx      = [2]int{stretchwise.LeftEar, stretchwise.RightEar}
)

// Angles holds every anatomical angle of docs/angles.md for one frame, in
// degrees. Per-side arrays are indexed by Left and Right. An angle that
// could not be measured is NaN and its bit in Valid is clear.
type Angles struct {
	KneeFlexion    [2]float64 // 0 = straight, positive = bent, 0..180
	HipFlexion     [2]float64 // thigh from the downward trunk line, positive = in front, negative = extension
	ThighElevation [2]float64 // hip -> knee from horizontal, positive = knee above the hip
	ArmElevation   [2]float64 // shoulder -> wrist from horizontal, positive = wrist above the shoulder
	LegElevation   [2]float64 // hip -> ankle from horizontal, positive = ankle above the hip
	ElbowFlexion   [2]float64 // 0 = straight, 0..180

	TrunkFromVertical float64 // hip midpoint -> shoulder midpoint from vertical, positive = forward
	PelvicRoll        float64 // hip-to-hip line from horizontal, positive = left hip higher
	ShoulderRoll      float64 // shoulder-to-shoulder line from horizontal, positive = left shoulder higher

	// Facing is +1 when the person faces image right (+u) with an upright
	// trunk, -1 when image left, 0 when unknown. In general it is the
	// orientation of the body in the image: with the trunk pointing up the
	// screen the front of the body is to the right for +1 (see
	// docs/angles.md). In Compute3D it says the same for a camera looking
	// along world +z.
	Facing float64

	// Valid has a Valid* bit set for every angle that was measured.
	Valid uint32
}

// Has reports whether every bit of bits is set in a.Valid.
func (a *Angles) Has(bits uint32) bool { return a.Valid&bits == bits }

// ImagePoint maps an image landmark to the isotropic image plane:
// U = x*aspect, V = y.
func ImagePoint(l stretchwise.Landmark, aspect float64) Vec2 {
	return Vec2{l.X * aspect, l.Y}
}

// point2 returns landmark i of p in the isotropic plane and whether it is
// usable: visibility at or above gate and finite coordinates.
func point2(p *stretchwise.Pose, i int, aspect, gate float64) (Vec2, bool) {
	return landmark2(&p[i], aspect, gate)
}

// landmark2 is point2 for one landmark.
func landmark2(l *stretchwise.Landmark, aspect, gate float64) (Vec2, bool) {
	if !(l.Visibility >= gate) {
		return Vec2{}, false
	}
	v := Vec2{l.X * aspect, l.Y}
	// x-x is 0 for finite x and NaN for NaN and Inf.
	if v.U-v.U != 0 || v.V-v.V != 0 {
		return Vec2{}, false
	}
	return v, true
}

// points2 holds the usable landmarks of one pose in the isotropic plane,
// converted once so every angle of a frame shares the work.
type points2 struct {
	pt [stretchwise.NumLandmarks]Vec2
	ok uint64 // bit i set when landmark i is usable
}

// load converts the landmarks the angles use.
func (s *points2) load(p *stretchwise.Pose, aspect, gate float64) {
	s.ok = 0
	for _, i := range usedLandmarks {
		v, ok := point2(p, i, aspect, gate)
		s.pt[i] = v
		if ok {
			s.ok |= 1 << i
		}
	}
}

func (s *points2) get(i int) (Vec2, bool) { return s.pt[i], s.ok&(1<<i) != 0 }

func (s *points2) has(i, j int) bool { return s.ok&(1<<i|1<<j) == 1<<i|1<<j }

func (s *points2) has3(i, j, k int) bool {
	m := uint64(1<<i | 1<<j | 1<<k)
	return s.ok&m == m
}

// result turns a value in degrees into (value, ok) with NaN for not ok.
func result(deg float64) (float64, bool) {
	if math.IsNaN(deg) {
		return deg, false
	}
	return deg, true
}

// JointFlexion2D returns the flexion at joint b of the chain a -> b -> c in
// degrees: 180 minus the interior angle at b, so 0 is a straight chain.
// It is NaN when either segment is shorter than MinSegment.
func JointFlexion2D(a, b, c Vec2) float64 {
	return angle2(b.Sub(a), c.Sub(b)) * rad2deg
}

// SegmentElevation2D returns the elevation of the segment from the proximal
// point prox to the distal point dist, in degrees from horizontal: positive
// when dist is higher on the screen than prox. The horizontal distance is
// taken as abs(du), so facing left or right gives the same value (-90..90).
// It is NaN when the segment is shorter than MinSegment.
func SegmentElevation2D(prox, dist Vec2) float64 {
	d := dist.Sub(prox)
	if !d.long() {
		return math.NaN()
	}
	return math.Atan2(-d.V, math.Abs(d.U)) * rad2deg
}

// joint measures the flexion at landmark j of the chain i -> j -> k.
func (s *points2) joint(i, j, k int) (float64, bool) {
	if !s.has3(i, j, k) {
		return math.NaN(), false
	}
	return result(JointFlexion2D(s.pt[i], s.pt[j], s.pt[k]))
}

// elevation measures the elevation of the segment from landmark i to j.
// Rolls are the elevation from the right landmark to the left one.
func (s *points2) elevation(i, j int) (float64, bool) {
	if !s.has(i, j) {
		return math.NaN(), false
	}
	return result(SegmentElevation2D(s.pt[i], s.pt[j]))
}

// load2 returns the usable landmarks of p; for the single-angle functions.
// It returns by value so nothing escapes to the heap.
func load2(p *stretchwise.Pose, aspect, gate float64) points2 {
	var s points2
	s.load(p, aspect, gate)
	return s
}

// KneeFlexion2D returns the knee flexion of the given side in degrees
// (hip, knee, ankle; 0 = straight) and whether it could be measured. A
// hyperextended knee also reads positive: the angle is unsigned.
func KneeFlexion2D(p *stretchwise.Pose, side int, aspect, gate float64) (float64, bool) {
	s := load2(p, aspect, gate)
	return s.joint(hipIdx[side], kneeIdx[side], ankleIdx[side])
}

// ElbowFlexion2D returns the elbow flexion of the given side in degrees
// (shoulder, elbow, wrist; 0 = straight) and whether it could be measured.
func ElbowFlexion2D(p *stretchwise.Pose, side int, aspect, gate float64) (float64, bool) {
	s := load2(p, aspect, gate)
	return s.joint(shoulderIdx[side], elbowIdx[side], wristIdx[side])
}

// ThighElevation2D returns the elevation of the hip -> knee segment from
// horizontal in degrees (positive = knee above the hip; the Thomas test's
// hip_angle_deg) and whether it could be measured.
func ThighElevation2D(p *stretchwise.Pose, side int, aspect, gate float64) (float64, bool) {
	s := load2(p, aspect, gate)
	return s.elevation(hipIdx[side], kneeIdx[side])
}

// ArmElevation2D returns the elevation of the shoulder -> wrist segment
// from horizontal in degrees and whether it could be measured.
func ArmElevation2D(p *stretchwise.Pose, side int, aspect, gate float64) (float64, bool) {
	s := load2(p, aspect, gate)
	return s.elevation(shoulderIdx[side], wristIdx[side])
}

// LegElevation2D returns the elevation of the hip -> ankle segment from
// horizontal in degrees and whether it could be measured.
func LegElevation2D(p *stretchwise.Pose, side int, aspect, gate float64) (float64, bool) {
	s := load2(p, aspect, gate)
	return s.elevation(hipIdx[side], ankleIdx[side])
}

// PelvicRoll2D returns the tilt of the hip-to-hip line from horizontal in
// degrees (positive = left hip higher) and whether it could be measured.
// It is only meaningful from front, rear or oblique views.
func PelvicRoll2D(p *stretchwise.Pose, aspect, gate float64) (float64, bool) {
	s := load2(p, aspect, gate)
	return s.elevation(stretchwise.RightHip, stretchwise.LeftHip)
}

// ShoulderRoll2D returns the tilt of the shoulder-to-shoulder line from
// horizontal in degrees (positive = left shoulder higher) and whether it
// could be measured.
func ShoulderRoll2D(p *stretchwise.Pose, aspect, gate float64) (float64, bool) {
	s := load2(p, aspect, gate)
	return s.elevation(stretchwise.RightShoulder, stretchwise.LeftShoulder)
}

// trunk returns the trunk vector (hip midpoint -> shoulder midpoint).
func (s *points2) trunk() (Vec2, bool) {
	if !s.has(stretchwise.LeftShoulder, stretchwise.RightShoulder) || !s.has(stretchwise.LeftHip, stretchwise.RightHip) {
		return Vec2{}, false
	}
	sh := s.pt[stretchwise.LeftShoulder].Mid(s.pt[stretchwise.RightShoulder])
	h := s.pt[stretchwise.LeftHip].Mid(s.pt[stretchwise.RightHip])
	t := sh.Sub(h)
	if !t.long() {
		return Vec2{}, false
	}
	return t, true
}

// Facing2D returns the facing direction of the person in the image: +1 when
// the front of the body is to the right of the trunk axis as it points up
// the screen (for an upright person: faces image right), -1 for the left,
// 0 when unknown (front and rear views, head and feet not usable).
//
// The front is taken from the nose relative to the ear midpoint (or to the
// one usable ear), falling back to the toes relative to the heels; only the
// offset across the trunk axis counts, and it must exceed FacingRatio times
// the ear (heel) separation across the axis (with one ear usable,
// EarPerShoulder times the shoulder separation stands in for it). The trunk axis is hip midpoint
// -> shoulder midpoint, or screen-up when those are not usable. Using the
// trunk axis instead of the screen horizontal keeps quadruped and supine
// poses well defined: for a supine person the front points to the ceiling.
func Facing2D(p *stretchwise.Pose, aspect, gate float64) float64 {
	var s points2
	s.load(p, aspect, gate)
	return s.facing()
}

func (s *points2) facing() float64 {
	axis, ok := s.trunk()
	if !ok {
		axis = Vec2{0, -1}
	}
	axis = axis.Scale(1 / axis.Norm())
	if f := s.facingFrom(axis, stretchwise.Nose, earIdx, earIdx); f != 0 {
		return f
	}
	return s.facingFrom(axis, -1, toeIdx, heelIdx)
}

// facingFrom estimates the facing from a front point (landmark front, or
// the mean of the usable fronts[side] when front < 0) relative to the
// midpoint of the usable backs[side]. axis is the unit trunk axis.
func (s *points2) facingFrom(axis Vec2, front int, fronts, backs [2]int) float64 {
	var offset Vec2 // front minus back
	var sep float64 // back separation across the axis
	b0, ok0 := s.get(backs[0])
	b1, ok1 := s.get(backs[1])
	if ok0 && ok1 {
		sep = math.Abs(axis.Cross(b0.Sub(b1)))
	}
	if front >= 0 {
		f, ok := s.get(front)
		switch {
		case !ok:
			return 0
		case ok0 && ok1:
			offset = f.Sub(b0.Mid(b1))
		case ok0:
			offset = f.Sub(b0)
		case ok1:
			offset = f.Sub(b1)
		default:
			return 0
		}
		if !(ok0 && ok1) && s.has(stretchwise.LeftShoulder, stretchwise.RightShoulder) {
			// One ear: stand in for the ear separation with half the
			// shoulder separation, so a front view with an ear hidden
			// stays unknown (see EarPerShoulder).
			sh := s.pt[stretchwise.LeftShoulder].Sub(s.pt[stretchwise.RightShoulder])
			sep = EarPerShoulder * math.Abs(axis.Cross(sh))
		}
	} else {
		n := 0
		for side := 0; side < 2; side++ {
			if s.has(fronts[side], backs[side]) {
				offset = offset.Add(s.pt[fronts[side]].Sub(s.pt[backs[side]]))
				n++
			}
		}
		if n == 0 {
			return 0
		}
		offset = offset.Scale(1 / float64(n))
	}
	// In (u, v) with v down, axis × offset > 0 means offset is clockwise
	// from the axis on screen: to the right of an upward axis.
	across := axis.Cross(offset)
	if !(math.Abs(across) >= MinSegment) || !(math.Abs(across) > FacingRatio*sep) {
		return 0
	}
	if across > 0 {
		return 1
	}
	return -1
}

// TrunkFromVertical2D returns the trunk's angle from vertical in degrees
// (hip midpoint -> shoulder midpoint; positive = leaning toward the front,
// negative = back) and whether it could be measured. It needs the facing
// direction (Facing2D).
func TrunkFromVertical2D(p *stretchwise.Pose, aspect, gate float64) (float64, bool) {
	s := load2(p, aspect, gate)
	return s.trunkFromVertical(s.facing())
}

func (s *points2) trunkFromVertical(facing float64) (float64, bool) {
	if facing == 0 {
		return math.NaN(), false
	}
	t, ok := s.trunk()
	if !ok {
		return math.NaN(), false
	}
	// Angle from screen-up toward +u.
	return result(facing * math.Atan2(t.U, -t.V) * rad2deg)
}

// HipFlexion2D returns the hip flexion of the given side in degrees: the
// signed angle from the downward trunk line (shoulder -> hip, same side) to
// the thigh (hip -> knee); positive = thigh in front of the trunk line,
// negative = extension. It needs the facing direction (Facing2D).
func HipFlexion2D(p *stretchwise.Pose, side int, aspect, gate float64) (float64, bool) {
	s := load2(p, aspect, gate)
	return s.hipFlexion(side, s.facing())
}

func (s *points2) hipFlexion(side int, facing float64) (float64, bool) {
	si, hi, ki := shoulderIdx[side], hipIdx[side], kneeIdx[side]
	if facing == 0 || !s.has3(si, hi, ki) {
		return math.NaN(), false
	}
	d, th := s.pt[hi].Sub(s.pt[si]), s.pt[ki].Sub(s.pt[hi])
	if !d.long() || !th.long() {
		return math.NaN(), false
	}
	// Counterclockwise on screen (v down) from d to th; for a person facing
	// right with d pointing down, a thigh swung forward is counterclockwise.
	return result(facing * math.Atan2(-d.Cross(th), d.Dot(th)) * rad2deg)
}

// set stores (v, ok) into *dst and the valid bit.
func set(dst *float64, valid *uint32, bit uint32, v float64, ok bool) {
	*dst = v
	if ok {
		*valid |= bit
	}
}

// Compute fills dst with every angle of docs/angles.md measured in the
// image plane of p. aspect is the image width/height (Header.Aspect) and
// gate the visibility gate (DefaultGate). It allocates nothing.
func Compute(dst *Angles, p *stretchwise.Pose, aspect, gate float64) {
	ComputeFacing(dst, p, aspect, gate, 0)
}

// ComputeFacing is Compute with the facing given: +1 or -1 is used for
// trunk from vertical and hip flexion (and reported in dst.Facing) instead
// of the frame's own estimate; 0 estimates it per frame, as Compute does.
// An analysis fixes the facing once per stretch of frames in one posture
// (MajorityFacing), so that a single noisy frame in an oblique view cannot
// flip the sign of trunk lean or hip flexion. It allocates nothing.
func ComputeFacing(dst *Angles, p *stretchwise.Pose, aspect, gate, facing float64) {
	var s points2
	s.load(p, aspect, gate)
	s.compute(dst, facing)
}

// ComputeOf is Compute for the angles whose Valid bits are set in want
// only: the facing and those angles exactly as Compute gives them, the
// others NaN with their Valid bits clear. It costs less the fewer angles
// are wanted. It allocates nothing.
func ComputeOf(dst *Angles, p *stretchwise.Pose, aspect, gate float64, want uint32) {
	var s points2
	s.load(p, aspect, gate)
	s.computeSome(dst, want)
}

// compute is ComputeFacing on loaded landmarks.
func (s *points2) compute(dst *Angles, facing float64) {
	*dst = Angles{}
	switch {
	case facing > 0:
		facing = 1
	case facing < 0:
		facing = -1
	default:
		facing = s.facing()
	}
	dst.Facing = facing
	if facing != 0 {
		dst.Valid |= ValidFacing
	}
	for i := 0; i < 2; i++ {
		v, ok := s.joint(hipIdx[i], kneeIdx[i], ankleIdx[i])
		set(&dst.KneeFlexion[i], &dst.Valid, ValidKnee[i], v, ok)
		v, ok = s.hipFlexion(i, facing)
		set(&dst.HipFlexion[i], &dst.Valid, ValidHip[i], v, ok)
		v, ok = s.elevation(hipIdx[i], kneeIdx[i])
		set(&dst.ThighElevation[i], &dst.Valid, ValidThigh[i], v, ok)
		v, ok = s.elevation(shoulderIdx[i], wristIdx[i])
		set(&dst.ArmElevation[i], &dst.Valid, ValidArm[i], v, ok)
		v, ok = s.elevation(hipIdx[i], ankleIdx[i])
		set(&dst.LegElevation[i], &dst.Valid, ValidLeg[i], v, ok)
		v, ok = s.joint(shoulderIdx[i], elbowIdx[i], wristIdx[i])
		set(&dst.ElbowFlexion[i], &dst.Valid, ValidElbow[i], v, ok)
	}
	v, ok := s.trunkFromVertical(facing)
	set(&dst.TrunkFromVertical, &dst.Valid, ValidTrunk, v, ok)
	v, ok = s.elevation(stretchwise.RightHip, stretchwise.LeftHip)
	set(&dst.PelvicRoll, &dst.Valid, ValidPelvicRoll, v, ok)
	v, ok = s.elevation(stretchwise.RightShoulder, stretchwise.LeftShoulder)
	set(&dst.ShoulderRoll, &dst.Valid, ValidShoulderRoll, v, ok)
}

// MajorityFacing returns the facing most frames agree on: +1 or -1 when at
// least twice as many known (non-zero) values have that sign as the other,
// else 0. Our choice, because a 2:1 majority over a posture's frames
// outvotes the odd noisy frame while a view near front or rear, where
// frames split evenly, stays unknown.
func MajorityFacing(facings []float64) float64 {
	plus, minus := 0, 0
	for _, f := range facings {
		switch {
		case f > 0:
			plus++
		case f < 0:
			minus++
		}
	}
	switch {
	case plus > 0 && plus >= 2*minus:
		return 1
	case minus > 0 && minus >= 2*plus:
		return -1
	}
	return 0
}
