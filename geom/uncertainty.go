package geom

import (
	"math"

	"github.com/stretchwise/stretchwise"
)

// Noise describes what makes a measured angle uncertain: random landmark
// noise and a camera that is not square to the plane of the movement.
type Noise struct {
	// Sigma is the standard deviation of each landmark coordinate, in image
	// heights for Uncertainty and in metres for Uncertainty3D.
	Sigma float64
	// ObliqueDeg is how far, in degrees, the plane of the movement may be
	// turned about the vertical away from the image plane (a side view
	// that is not exactly side-on). 0 for world landmarks.
	ObliqueDeg float64
}

// DefaultNoise is the noise model for image landmarks when nothing better
// is known. Sigma 0.005 image heights (about 3.6 px at 720p): our choice,
// because MediaPipe's landmark jitter on a still person is a few pixels
// (the synthetic noise model of package synth should be set to match).
// ObliqueDeg 15: our choice, because a phone "placed at the side" at home
// is rarely squarer than that, and MediaPipe's knee error grows from
// -2.3 +/- 6.4 deg in a true side view to -13.9 +/- 15.1 deg across views
// (Cosoli et al., docs/clinical.md).
var DefaultNoise = Noise{Sigma: 0.005, ObliqueDeg: 15}

// usedLandmarks are the landmarks any angle depends on; only these are
// perturbed by the uncertainty propagation.
var usedLandmarks = [...]int{
	stretchwise.Nose, stretchwise.LeftEar, stretchwise.RightEar,
	stretchwise.LeftShoulder, stretchwise.RightShoulder, stretchwise.LeftElbow, stretchwise.RightElbow,
	stretchwise.LeftWrist, stretchwise.RightWrist, stretchwise.LeftHip, stretchwise.RightHip,
	stretchwise.LeftKnee, stretchwise.RightKnee, stretchwise.LeftAnkle, stretchwise.RightAnkle,
	stretchwise.LeftHeel, stretchwise.RightHeel, stretchwise.LeftFootIndex, stretchwise.RightFootIndex,
}

// diffStep is the finite-difference step of the propagation, in the
// coordinate's own units (image heights or metres). Our choice, because at
// 1e-7, far below any landmark noise, the truncation error of a one-sided
// difference on a 0.1-long segment is about 1e-6 of the slope, while
// rounding (angles near 100 deg carry about 1e-14 deg) stays near 1e-9 of it.
const diffStep = 1e-7

// angleFields lists pointers to every angle of a, in a fixed order.
func angleFields(a *Angles) [15]*float64 {
	return [15]*float64{
		&a.KneeFlexion[0], &a.KneeFlexion[1], &a.HipFlexion[0], &a.HipFlexion[1],
		&a.ThighElevation[0], &a.ThighElevation[1], &a.ArmElevation[0], &a.ArmElevation[1],
		&a.LegElevation[0], &a.LegElevation[1], &a.ElbowFlexion[0], &a.ElbowFlexion[1],
		&a.TrunkFromVertical, &a.PelvicRoll, &a.ShoulderRoll,
	}
}

// Uncertainty fills dst with the standard uncertainty in degrees of every
// angle Compute measures on the image pose p; angles Compute cannot measure
// are NaN with their Valid bit clear, and Facing is copied. The uncertainty
// of a measured angle is finite and at most 180 deg, also where the
// propagation breaks down (absurdly large coordinates), so it always
// encodes as JSON.
//
// Two terms are combined in quadrature. Landmark noise: each usable
// landmark's u and v get independent noise of sd n.Sigma, propagated to
// first order (the GUM's law of propagation of uncertainty) with
// derivatives taken numerically; for a single segment of projected length
// L this is sqrt(2)*sigma/L radians, the formula of docs/angles.md, and the
// projected length already carries the foreshortening of an oblique
// segment. View: if the plane of the movement is turned by n.ObliqueDeg
// about the vertical, horizontal image distances shrink by its cosine; the
// view term is how much each angle changes when they are stretched back.
// It allocates nothing.
func Uncertainty(dst *Angles, p *stretchwise.Pose, aspect, gate float64, n Noise) {
	UncertaintyOf(dst, p, aspect, gate, n, everyAngle)
}

// everyAngle has the Valid bit of every angle (not ValidFacing).
const everyAngle = ValidFacing - 1

// UncertaintyOf is Uncertainty for the angles whose Valid bits are set in
// want only; the others are NaN in dst with their Valid bits clear. Each
// angle it gives is exactly what Uncertainty gives; it costs less the
// fewer angles are wanted (the two rolls about a fifth of all angles).
func UncertaintyOf(dst *Angles, p *stretchwise.Pose, aspect, gate float64, n Noise, want uint32) {
	// This is the propagation described above done without waste: a step
	// of one landmark changes only the angles built on it (angleLandmarks)
	// and, for the landmarks the facing is estimated from, the facing,
	// which decides whether the step counts. Every other angle keeps its
	// value bit for bit and adds exactly 0 to its sum, so only the angles
	// of the landmark are recomputed, with the same code as Compute, and
	// the sums come out the same as with a full Compute per step
	// (TestUncertaintySameAsReference).
	var s points2
	s.load(p, aspect, gate)
	var base Angles
	some := want&everyAngle != everyAngle
	if some {
		s.computeSome(&base, want)
	} else {
		s.compute(&base, 0)
	}
	b := angleFields(&base)
	var sum [15]float64 // sum of squared degree deviations per angle
	scale := n.Sigma / diffStep
	for _, i := range usedLandmarks {
		deps := landmarkAngles[i] & uint16(want&everyAngle) // bit k of Valid is angle k of angleFields
		if deps == 0 || !(p[i].Visibility >= gate) {
			continue
		}
		orig, origOK := s.pt[i], s.ok&(1<<i) != 0
		for c := 0; c < 2; c++ {
			// u = x*aspect, so a step h in u is h/aspect in x. The stepped
			// point goes through landmark2 as Compute's would.
			var hiP, loP Vec2
			var hiOK, loOK bool
			l := p[i]
			if c == 0 {
				step := diffStep / aspect
				l.X = p[i].X + step
				hiP, hiOK = landmark2(&l, aspect, gate)
				l.X = p[i].X - step
				loP, loOK = landmark2(&l, aspect, gate)
			} else {
				l.Y = p[i].Y + diffStep
				hiP, hiOK = landmark2(&l, aspect, gate)
				l.Y = p[i].Y - diffStep
				loP, loOK = landmark2(&l, aspect, gate)
			}
			s.set(i, hiP, hiOK)
			hf := base.Facing
			if facingLandmarks&(1<<i) != 0 {
				hf = s.facing()
			}
			var hv [15]float64
			if hf == base.Facing {
				for k := range hv {
					if deps&(1<<k) != 0 {
						hv[k] = s.angle(k, hf)
					}
				}
			}
			s.set(i, loP, loOK)
			lf := base.Facing
			if facingLandmarks&(1<<i) != 0 {
				lf = s.facing()
			}
			for k := range sum {
				if deps&(1<<k) == 0 {
					continue
				}
				// As addGradient: the larger one-sided change, a step that
				// flips the facing adding nothing.
				var d float64
				if hf == base.Facing {
					if x := math.Abs(wrap180(hv[k] - *b[k])); x > d {
						d = x
					}
				}
				if lf == base.Facing {
					if x := math.Abs(wrap180(s.angle(k, lf) - *b[k])); x > d {
						d = x
					}
				}
				sum[k] += (scale * d) * (scale * d)
			}
			s.set(i, orig, origOK)
		}
	}
	var view [15]float64
	if n.ObliqueDeg != 0 {
		var stretched Angles
		if some {
			var t points2
			t.load(p, aspect/math.Cos(n.ObliqueDeg*math.Pi/180), gate)
			t.computeSome(&stretched, want)
		} else {
			Compute(&stretched, p, aspect/math.Cos(n.ObliqueDeg*math.Pi/180), gate)
		}
		st := angleFields(&stretched)
		for k := range view {
			view[k] = *st[k] - *b[k]
		}
	}
	finish(dst, &base, &sum, &view)
	if want&everyAngle != everyAngle {
		d := angleFields(dst)
		for k := range d {
			if want&(1<<k) == 0 {
				*d[k] = math.NaN()
			}
		}
		dst.Valid &^= everyAngle &^ want
	}
}

// set replaces landmark i of s.
func (s *points2) set(i int, v Vec2, ok bool) {
	s.pt[i] = v
	if ok {
		s.ok |= 1 << i
	} else {
		s.ok &^= 1 << i
	}
}

// angle returns angle k (in the order of angleFields) as compute does,
// NaN when it cannot be measured.
func (s *points2) angle(k int, facing float64) float64 {
	v, _ := s.angleOK(k, facing)
	return v
}

// angleOK is angle with the ok that compute records in the Valid bit.
func (s *points2) angleOK(k int, facing float64) (float64, bool) {
	side := k & 1
	switch k {
	case 0, 1:
		return s.joint(hipIdx[side], kneeIdx[side], ankleIdx[side])
	case 2, 3:
		return s.hipFlexion(side, facing)
	case 4, 5:
		return s.elevation(hipIdx[side], kneeIdx[side])
	case 6, 7:
		return s.elevation(shoulderIdx[side], wristIdx[side])
	case 8, 9:
		return s.elevation(hipIdx[side], ankleIdx[side])
	case 10, 11:
		return s.joint(shoulderIdx[side], elbowIdx[side], wristIdx[side])
	case 12:
		return s.trunkFromVertical(facing)
	case 13:
		return s.elevation(stretchwise.RightHip, stretchwise.LeftHip)
	case 14:
		return s.elevation(stretchwise.RightShoulder, stretchwise.LeftShoulder)
	}
	return math.NaN(), false
}

// computeSome is compute(dst, 0) for the angles whose Valid bits are set in
// want only (bit k is angle k of angleFields): the facing and those angles
// exactly as compute gives them, the others NaN with their Valid bits
// clear. UncertaintyOf uses it for its base and stretched angles when it
// is asked for some angles only.
func (s *points2) computeSome(dst *Angles, want uint32) {
	*dst = Angles{}
	facing := s.facing()
	dst.Facing = facing
	if facing != 0 {
		dst.Valid |= ValidFacing
	}
	d := angleFields(dst)
	for k := range d {
		if want&(1<<k) == 0 {
			*d[k] = math.NaN()
			continue
		}
		v, ok := s.angleOK(k, facing)
		set(d[k], &dst.Valid, 1<<k, v, ok)
	}
}

// angleLandmarks lists, per angle in the order of angleFields, the
// landmarks whose positions it is computed from (hip flexion and trunk
// from vertical also take the facing, see facingLandmarks).
var angleLandmarks = [15][]int{
	{stretchwise.LeftHip, stretchwise.LeftKnee, stretchwise.LeftAnkle},
	{stretchwise.RightHip, stretchwise.RightKnee, stretchwise.RightAnkle},
	{stretchwise.LeftShoulder, stretchwise.LeftHip, stretchwise.LeftKnee},
	{stretchwise.RightShoulder, stretchwise.RightHip, stretchwise.RightKnee},
	{stretchwise.LeftHip, stretchwise.LeftKnee},
	{stretchwise.RightHip, stretchwise.RightKnee},
	{stretchwise.LeftShoulder, stretchwise.LeftWrist},
	{stretchwise.RightShoulder, stretchwise.RightWrist},
	{stretchwise.LeftHip, stretchwise.LeftAnkle},
	{stretchwise.RightHip, stretchwise.RightAnkle},
	{stretchwise.LeftShoulder, stretchwise.LeftElbow, stretchwise.LeftWrist},
	{stretchwise.RightShoulder, stretchwise.RightElbow, stretchwise.RightWrist},
	{stretchwise.LeftShoulder, stretchwise.RightShoulder, stretchwise.LeftHip, stretchwise.RightHip},
	{stretchwise.LeftHip, stretchwise.RightHip},
	{stretchwise.LeftShoulder, stretchwise.RightShoulder},
}

// landmarkAngles is angleLandmarks inverted: per landmark, a bit mask of
// the angles (bit k for angleFields' k) computed from it.
var landmarkAngles = func() (m [stretchwise.NumLandmarks]uint16) {
	for k, lms := range angleLandmarks {
		for _, i := range lms {
			m[i] |= 1 << k
		}
	}
	return m
}()

// facingLandmarks is a bit mask of the landmarks points2.facing reads: the
// trunk axis (shoulders, hips), nose and ears, toes and heels.
const facingLandmarks uint64 = 1<<stretchwise.LeftShoulder | 1<<stretchwise.RightShoulder |
	1<<stretchwise.LeftHip | 1<<stretchwise.RightHip | 1<<stretchwise.Nose |
	1<<stretchwise.LeftEar | 1<<stretchwise.RightEar | 1<<stretchwise.LeftFootIndex |
	1<<stretchwise.RightFootIndex | 1<<stretchwise.LeftHeel | 1<<stretchwise.RightHeel

// Uncertainty3D is Uncertainty for world landmarks: noise of sd n.Sigma
// metres on each of x, y and z, propagated to first order. The view term
// does not apply to world landmarks and n.ObliqueDeg is ignored; note that
// monocular world landmarks also misjudge range of motion by 15-25 %
// (Clemente et al. 2024, docs/clinical.md), a bias this sd does not include.
func Uncertainty3D(dst *Angles, world *stretchwise.Pose, gate float64, n Noise) {
	var base Angles
	Compute3D(&base, world, gate)
	var sum [15]float64
	q := *world
	var hi, lo Angles
	for _, i := range usedLandmarks {
		if !(world[i].Visibility >= gate) {
			continue
		}
		for c := 0; c < 3; c++ {
			coord := &q[i].X
			switch c {
			case 1:
				coord = &q[i].Y
			case 2:
				coord = &q[i].Z
			}
			orig := *coord
			*coord = orig + diffStep
			Compute3D(&hi, &q, gate)
			*coord = orig - diffStep
			Compute3D(&lo, &q, gate)
			*coord = orig
			addGradient(&sum, &base, &hi, &lo, n.Sigma/diffStep)
		}
	}
	var view [15]float64
	finish(dst, &base, &sum, &view)
}

// addGradient adds (scale*d)^2 per angle to sum, where d is the larger of
// the one-sided changes hi-base and lo-base. One-sided differences keep the
// slope of unsigned angles at their kink (a straight knee reads 0 and bends
// either way), where a central difference would wrongly give 0. A step that
// flips the facing or makes the angle unmeasurable adds nothing.
func addGradient(sum *[15]float64, base, hi, lo *Angles, scale float64) {
	b, h, l := angleFields(base), angleFields(hi), angleFields(lo)
	for k := range sum {
		var d float64
		if hi.Facing == base.Facing {
			if x := math.Abs(wrap180(*h[k] - *b[k])); x > d {
				d = x
			}
		}
		if lo.Facing == base.Facing {
			if x := math.Abs(wrap180(*l[k] - *b[k])); x > d {
				d = x
			}
		}
		sum[k] += (scale * d) * (scale * d)
	}
}

// wrap180 maps a difference of angles to -180..180, so a signed angle that
// crosses +-180 under a step is not taken for a 360 degree jump.
func wrap180(d float64) float64 {
	if d > 180 {
		return d - 360
	}
	if d < -180 {
		return d + 360
	}
	return d
}

// maxSD caps every standard uncertainty, in degrees.
const maxSD = 180

// finish writes sqrt(noise + view^2), at most maxSD, into dst for every
// angle valid in base.
func finish(dst, base *Angles, sum, view *[15]float64) {
	*dst = Angles{Facing: base.Facing, Valid: base.Valid}
	b, d := angleFields(base), angleFields(dst)
	for k := range d {
		if math.IsNaN(*b[k]) {
			*d[k] = math.NaN()
			continue
		}
		v := math.Sqrt(sum[k] + view[k]*view[k])
		if !(v <= maxSD) {
			// No angle here spans more than 360 deg, so an sd above 180
			// says nothing more; NaN means the propagation broke down
			// (coordinates so large that the steps overflow).
			v = maxSD
		}
		*d[k] = v
	}
}

// AngleLandmarks is a bit mask (bit i for landmark i) of the landmarks the
// angles of Compute and Compute3D depend on. A live filter may smooth only
// these and leave the rest (eyes, mouth, fingers) as they come.
var AngleLandmarks = func() uint64 {
	var m uint64
	for _, i := range usedLandmarks {
		m |= 1 << i
	}
	return m
}()
