package posture

import (
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/geom"
)

// Segment lengths as fractions of standing height, from the Drillis and
// Contini proportions reproduced in Winter, Biomechanics and Motor Control
// of Human Movement (4th ed., 2009, fig. 4.1): shoulder 0.818, greater
// trochanter 0.530, knee 0.285, ankle 0.039, elbow 0.630, wrist 0.485 of
// the height. They turn any visible segment into an estimate of the body's
// height in the image, the scale every rule compares against.
const (
	trunkFrac    = 0.818 - 0.530 // shoulder to hip
	thighFrac    = 0.530 - 0.285 // hip to knee
	shankFrac    = 0.285 - 0.039 // knee to ankle
	upperArmFrac = 0.818 - 0.630 // shoulder to elbow
	forearmFrac  = 0.630 - 0.485 // elbow to wrist
)

// Rules are the thresholds of the per-frame posture and view rules. Heights
// and widths are fractions of the body scale (the standing height estimated
// from the visible segments). DefaultRules documents each value's reason.
type Rules struct {
	// UprightRise: the shoulders at least this far above the hips make the
	// trunk upright.
	UprightRise float64
	// LyingRise: shoulders and hips within this height of each other make
	// the trunk horizontal.
	LyingRise float64
	// EndOnRise: a trunk that points away from the camera (TrunkDepth
	// > 0) and more across the image and along the line of sight than up
	// the image (TrunkAcross at least TrunkRise) is horizontal too when it
	// rises at most this much: a horizontal trunk seen end-on from behind
	// by a camera above the body rises in the image with the camera's
	// elevation.
	EndOnRise float64
	// EndOnDepth: for EndOnRise, at least this share of TrunkAcross must
	// lie along the line of sight (|TrunkDepth| >= EndOnDepth *
	// TrunkAcross), so that a trunk pitched up within the image plane (a
	// side view) is not taken for one seen end-on. Without depth the
	// end-on rule does not apply.
	EndOnDepth float64
	// EndOnSlope: an end-on trunk rises (or, seen from the front, drops)
	// at most this many times its depth: a horizontal trunk seen from a
	// camera e above the body rises tan(e) times its depth.
	EndOnSlope float64
	// SupportDrop: with the trunk horizontal, a knee at least this far
	// below the hips (or its own hip) is a supporting thigh (quadruped). A
	// camera above the body shortens a vertical thigh in the image by the
	// cosine of its elevation, so this is lower than ThighDrop.
	SupportDrop float64
	// SupportArmDrop: with the trunk horizontal and a supporting thigh, a
	// wrist at least this far below its shoulder (or that of its own
	// side) is a supporting arm; lower than ArmDrop for the same reason as
	// SupportDrop.
	SupportArmDrop float64
	// ThighDrop: a knee at least this far below its hip is a thigh pointing
	// down (standing, kneeling, quadruped).
	ThighDrop float64
	// ForwardThigh: a knee at most this far below its hip is a thigh
	// pointing forward (the front leg of half-kneeling).
	ForwardThigh float64
	// KneeSplit: knees at least this far apart in height are one thigh
	// down and one forward (half-kneeling).
	KneeSplit float64
	// ArmDrop: a wrist at least this far below its shoulder is an arm
	// supporting the body (quadruped).
	ArmDrop float64
	// PropElbow: an elbow at least this far below the shoulders of a
	// horizontal trunk props the body up (a forearm plank), which lying on
	// the back does not.
	PropElbow float64
	// StandingHip: hips at least this high above the lowest visible point of
	// the legs are standing; lower upright hips are kneeling or sitting.
	StandingHip float64
	// FaceDown: a nose more than this far below the ears is a face turned to
	// the floor (prone, not supine).
	FaceDown float64
	// MinWidth: a left-right axis (shoulders and hips, with depth) shorter
	// than this gives no view: the landmarks are too collapsed to tell.
	MinWidth float64
	// SideVisibility: without depth, the near side of an oblique or side
	// view is the side whose landmarks are on average this much more
	// visible.
	SideVisibility float64
	// HighCamera: the camera looks down on the body from more than
	// framing.MaxElevationDeg (framing.CameraElevation, set by Recognize
	// from the whole recording). A trunk pointing away from the camera
	// that rises no more than EndOnRise is then taken as seen end-on
	// whatever its rise over its depth, unless the legs stand (Posture):
	// from 50 deg behind a quadruped's trunk, pitched up 15-20 deg, rises
	// about tan 70 deg = 2.7 times its depth, more than EndOnSlope, and
	// the pose model's depth is rough.
	HighCamera bool
}

// DefaultRules are the thresholds used unless configured otherwise. They
// are our choice, derived from the segment proportions above (Winter 2009)
// with room for landmark noise and camera perspective; docs/analysis.md
// measures how well they do on the synthetic bodies.
var DefaultRules = Rules{
	// Our choice, because an upright trunk (0.288 of the height) leaning up
	// to about 45 degrees still rises 0.2, and landmark noise inflates the
	// body scale by up to about 15 % (synthetic high noise), which shrinks
	// every normalised height: 0.17 keeps that margin. Less is bending or
	// lying.
	UprightRise: 0.17,
	// Our choice, because a trunk within about 30 degrees of horizontal
	// rises at most 0.288*sin(30 deg) = 0.144, and a quadruped trunk seen
	// end-on from the rear or front rises about 0.05 from perspective. On
	// real MediaPipe landmarks a quadruped turning its chest up (thread the
	// needle) rose 0.12-0.14; 0.15 keeps that a quadruped while staying
	// below UprightRise.
	LyingRise: 0.15,
	// Our choice, because a horizontal trunk seen end-on from a camera up
	// to 50 deg above the body rises at most 0.288 x sin 50 = 0.22 of the
	// height, and the vertical limbs the scale comes from are shortened by
	// up to cos 50 (every normalised height up to 1.56 times larger): on
	// synthetic bodies seen from behind a quadruped trunk rose up to 0.28
	// at 40-50 deg (0.17 at 20 deg); 0.36 leaves room for noise. The depth
	// sign and EndOnSlope keep upright trunks out.
	EndOnRise: 0.36,
	// Our choice, because sin(17.5 deg) = 0.3: a trunk seen end-on points
	// at least that far out of the image plane (a horizontal trunk from
	// rear-left at 20 deg of elevation: 0.6 of TrunkAcross along the line
	// of sight; from rear-right at 50 deg, wide-angle: 0.34), while a
	// trunk pitched up within the image plane of a side view lies near it
	// (and a horizontal one that passes is horizontal anyway). Real MediaPipe depth is rough: for a person kneeling up into
	// child's pose filmed from the side (trunk pitched about 45 deg in the
	// image plane) it put the shoulders 0.13-0.2 of the height nearer than
	// the hips, 0.56-0.75 of TrunkAcross; the rule's "away from the camera"
	// keeps that from being read as end-on, this share guards the other
	// sign.
	EndOnDepth: 0.3,
	// Our choice, because a home camera on a shelf or in a room corner is
	// up to about 50 deg above the body: a horizontal trunk seen end-on
	// from there rises tan(50 deg) = 1.19 times its depth, but a
	// quadruped's hip-to-shoulder line is pitched up 15-20 deg (the arms
	// are longer than the thighs): measured 1.6-1.7 from 40 deg behind
	// and 2.0-2.4 from 50 deg on synthetic bodies with a wide-angle lens.
	// 2.2 covers cameras up to 40-45 deg; 3 would let high-noise
	// half-kneeling frames seen from behind pass for end-on trunks (0.836
	// of them recognised instead of at least 0.85). A person standing and
	// leaning forward, seen from behind, can rise as little over its depth
	// (2.1 for 30 deg of lean from 5 deg above): standing legs then decide
	// (Posture). An upright trunk
	// seen from above points toward the camera at its top (negative depth)
	// and is never end-on; seen from a camera at body height its depth is
	// near 0, far under its rise.
	EndOnSlope: 2.2,
	// Our choice, because a supporting thigh (0.245) within about 40 deg of
	// vertical seen from a camera up to 50 deg above the body drops at
	// least 0.245 x cos 40 x cos 50 = 0.12 in the image (0.06-0.14 measured
	// on synthetic bodies from the side and front at 50 deg); 0.09 leaves
	// room for noise, and a supine or prone body's knees lie about level
	// with the hips (the arms, ArmDrop, must support the body too, and the
	// knee must be near the floor: supportingThigh).
	SupportDrop: 0.09,
	// Our choice, because a supporting arm (0.333) within about 40 deg of
	// vertical seen from 50 deg above drops at least 0.333 x cos 40 x
	// cos 50 = 0.16 (0.18 measured from the side on synthetic bodies, the
	// far arm from its own shoulder); 0.14 leaves room for noise.
	SupportArmDrop: 0.14,
	// Our choice, because a thigh (0.245) within about 50 degrees of
	// vertical drops at least 0.15.
	ThighDrop: 0.15,
	// Our choice, because a thigh within about 30 degrees of horizontal
	// drops at most 0.245*sin(30 deg) = 0.12.
	ForwardThigh: 0.12,
	// Our choice, because the knees of a half-kneeling person (one thigh
	// about vertical, one about horizontal) differ in height by about
	// 0.23; 0.12 is half of that, with room for scale inflation and noise.
	KneeSplit: 0.12,
	// Our choice, because a supporting arm (shoulder to wrist 0.333) within
	// about 55 degrees of vertical drops at least 0.18, and hands holding a
	// knee to the chest (Thomas test) are above the shoulders.
	ArmDrop: 0.18,
	// Our choice, because a forearm plank's upper arm (0.188) within about
	// 55 degrees of vertical drops at least 0.1, while elbows resting
	// beside a person lying on the back, or holding a knee to the chest,
	// are level with the shoulders or above them.
	PropElbow: 0.10,
	// Our choice, because standing hips are about 0.5 above the heels and
	// half-kneeling hips about 0.28 (a thigh's length) above the floor, up
	// to 0.38 seen from the front, where the nearer foot sits lower in the
	// image (synthetic bodies, noise-free).
	StandingHip: 0.42,
	// Our choice, because the nose is about 0.05 of the height in front of
	// the ears: face up it is above them, face down below.
	FaceDown: 0.03,
	// Our choice, because a real body is about 0.2 wide at the shoulders:
	// an axis under a fifth of that is noise.
	MinWidth: 0.04,
	// Our choice, because occluded landmarks of the far side get clearly
	// lower visibility from BlazePose, while noise moves it by a few
	// hundredths.
	SideVisibility: 0.1,
}

// Features are the measurements the per-frame rules use. Heights are
// fractions of Scale; NaN marks a feature whose landmarks were not usable.
type Features struct {
	// Scale is the body's standing height estimated from the longest
	// visible segment, in isotropic image units (image heights). NaN when
	// no segment was visible.
	Scale float64
	// TrunkRise is how far the shoulders are above the hips.
	TrunkRise float64
	// TrunkAcross is how far the shoulders are from the hips across the
	// image (u) and along the line of sight (MediaPipe's relative depth z,
	// on u's scale), the same points as TrunkRise. Together with TrunkRise
	// it tells a trunk pointing up the image (upright) from one pointing
	// along the line of sight (horizontal, seen end-on from the rear or
	// front), which a camera above the body makes rise in the image.
	// Without depth (every z 0) it is the part across the image alone.
	TrunkAcross float64
	// TrunkDepth is how far the shoulders are behind the hips along the
	// line of sight (MediaPipe's z, on u's scale): positive when the trunk
	// points away from the camera, as a quadruped's does from the rear.
	// NaN without depth.
	TrunkDepth float64
	// ShankDrop is how far each ankle (0 left, 1 right) is below its knee,
	// and ShankAcross how far it is from the knee across the image and
	// along the line of sight (as TrunkAcross). A shank pointing down the
	// image more than along the line of sight (ShankAcross < ShankDrop) is
	// a standing person's; a quadruped's lies on the floor, across the
	// image from the side and along the line of sight from the rear.
	ShankDrop, ShankAcross [2]float64
	// ShankDepth is how far each ankle is behind its knee along the line of
	// sight (as TrunkDepth), NaN without depth: a shank on the floor
	// pointing toward a camera above the body (a quadruped from behind)
	// drops in the image yet comes toward the camera, where a standing
	// person's shank, seen from above, goes away from it.
	ShankDepth [2]float64
	// KneeBendDeg is the angle in the image between each thigh (hip to
	// knee) and its shank (knee to ankle), degrees: near 0 for a straight
	// leg, NaN when a point is not seen.
	KneeBendDeg [2]float64
	// KneeDrop is how far each knee (0 left, 1 right) is below the hips
	// (their height as TrunkRise takes it).
	KneeDrop [2]float64
	// OwnKneeDrop is how far each knee is below the hip of its own side,
	// NaN when that hip is not seen even at the low gate. A camera above
	// the body shows the far side higher than the near side, so the far
	// knee of an oblique or side view drops less from the near hip than
	// from its own.
	OwnKneeDrop [2]float64
	// ArmDrop is how far each wrist is below its shoulder.
	ArmDrop [2]float64
	// OwnArmDrop is how far each wrist is below the shoulder of its own
	// side (as OwnKneeDrop), NaN when that shoulder or the wrist is not
	// seen at the low gate: a camera above the body shows the far side's
	// supporting hand higher than the near shoulder.
	OwnArmDrop [2]float64
	// ElbowDrop is how far each elbow is below the shoulders.
	ElbowDrop [2]float64
	// HipHeight is how far the hips are above the lowest visible point of
	// the legs (knees, ankles, heels, toes).
	HipHeight float64
	// NoseDrop is how far the nose is below the ears.
	NoseDrop float64
	// YawDeg is the direction of the body's left-to-right axis seen from
	// the camera, in degrees: 0 when the person faces the camera, 90 when
	// their left side does, 180 or -180 from behind, -90 their right side.
	// NaN when it cannot be told.
	YawDeg float64
	// Width is the length of the left-right axis (image plane and depth),
	// averaged over the shoulder and hip pairs.
	Width float64
	// AxisU and AxisZ are the body's left-minus-right axis, averaged over
	// the shoulder and hip pairs, along the image's u and MediaPipe's depth
	// z, as fractions of Scale. NaN when no pair was usable.
	AxisU, AxisZ float64
}

// length is the image-plane length, in image heights, of the segment from
// landmark a to landmark b (geom's isotropic plane: u = x*aspect, v = y).
func length(p *stretchwise.Pose, a, b int, aspect float64) float64 {
	return geom.ImagePoint(p[b], aspect).Sub(geom.ImagePoint(p[a], aspect)).Norm()
}

// Compute fills f from the image landmarks of one pose. aspect is the
// image's width/height; gate is the visibility at or above which a landmark
// is used for the body scale and the trunk; lowGate the lower visibility
// at or above which a landmark the detector marks as hidden behind the
// body still counts for the coarse cues: which way the limbs point and the
// view (the far side of a side view is occluded, yet its position and depth
// are what tell the side). It allocates nothing.
func (f *Features) Compute(p *stretchwise.Pose, aspect, gate, lowGate float64, r *Rules) {
	var seg [numSegments]float64
	segmentScales(&seg, p, aspect, gate, r.SideVisibility)
	f.ComputeScaled(p, aspect, gate, lowGate, maxScale(&seg), r)
}

// numSegments is the number of segments the scale is estimated from.
const numSegments = 8

// segments are the segments the scale is estimated from, with their share
// of the height. The forearm is left out: it is the shortest segment, so
// landmark noise inflates its estimate most.
var segments = [numSegments]struct {
	a, b int
	frac float64
}{
	{stretchwise.LeftShoulder, stretchwise.LeftHip, trunkFrac}, {stretchwise.RightShoulder, stretchwise.RightHip, trunkFrac},
	{stretchwise.LeftHip, stretchwise.LeftKnee, thighFrac}, {stretchwise.RightHip, stretchwise.RightKnee, thighFrac},
	{stretchwise.LeftKnee, stretchwise.LeftAnkle, shankFrac}, {stretchwise.RightKnee, stretchwise.RightAnkle, shankFrac},
	{stretchwise.LeftShoulder, stretchwise.LeftElbow, upperArmFrac}, {stretchwise.RightShoulder, stretchwise.RightElbow, upperArmFrac},
}

// segmentScales fills dst with the height each segment implies (its image
// length over its share of the height), NaN for a segment whose ends are
// not both visible at the gate. Of a left and right pair whose visibility
// differs by more than sideVis only the more visible side counts: the far
// side of an oblique or side view is occluded and guessed with several
// times the jitter, and a maximum would pick exactly that noise.
func segmentScales(dst *[numSegments]float64, p *stretchwise.Pose, aspect, gate, sideVis float64) {
	for i := range segments {
		s := segments[i]
		dst[i] = math.NaN()
		if vis := math.Min(p[s.a].Visibility, p[s.b].Visibility); vis >= gate {
			dst[i] = length(p, s.a, s.b, aspect) / s.frac
		}
	}
	for i := 0; i < numSegments; i += 2 {
		l, r := segments[i], segments[i+1]
		d := math.Min(p[l.a].Visibility, p[l.b].Visibility) - math.Min(p[r.a].Visibility, p[r.b].Visibility)
		switch {
		case d > sideVis:
			dst[i+1] = math.NaN()
		case d < -sideVis:
			dst[i] = math.NaN()
		}
	}
}

// maxScale returns the largest estimate, 0 when there is none.
// Foreshortened segments are shorter, so the maximum picks the segment
// closest to the image plane.
func maxScale(seg *[numSegments]float64) float64 {
	m := 0.0
	for _, v := range seg {
		if v > m {
			m = v
		}
	}
	return m
}

// ComputeScaled is Compute with the body scale given (image heights), as
// the live classifier estimates it over time; a scale <= 0 leaves every
// height feature NaN.
func (f *Features) ComputeScaled(p *stretchwise.Pose, aspect, gate, lowGate, scale float64, r *Rules) {
	nan := math.NaN()
	*f = Features{Scale: nan, TrunkRise: nan, TrunkAcross: nan, TrunkDepth: nan,
		ShankDrop: [2]float64{nan, nan}, ShankAcross: [2]float64{nan, nan}, ShankDepth: [2]float64{nan, nan}, KneeBendDeg: [2]float64{nan, nan}, KneeDrop: [2]float64{nan, nan}, OwnKneeDrop: [2]float64{nan, nan}, ArmDrop: [2]float64{nan, nan}, OwnArmDrop: [2]float64{nan, nan},
		ElbowDrop: [2]float64{nan, nan}, HipHeight: nan, NoseDrop: nan, YawDeg: nan, Width: nan, AxisU: nan, AxisZ: nan}
	ok := func(i int) bool { return p[i].Visibility >= gate }
	if scale > 0 && !math.IsInf(scale, 0) {
		f.Scale = scale
	} else {
		scale = 0
	}

	// low: visible, or hidden behind the body but placed by the detector;
	// good enough for which way a limb points.
	low := func(i int) bool { return p[i].Visibility >= lowGate }
	// The visible points of a pair (a and b), or, when one is clearly
	// less visible (the far side, guessed with more jitter), only the
	// other; wa and wb are their weights, both 0 when neither is visible.
	pairWeights := func(a, b int) (wa, wb float64) {
		if ok(a) && ok(b) {
			switch d := p[a].Visibility - p[b].Visibility; {
			case d > r.SideVisibility:
				return 1, 0
			case d < -r.SideVisibility:
				return 0, 1
			}
			return 0.5, 0.5
		}
		switch {
		case ok(a):
			return 1, 0
		case ok(b):
			return 0, 1
		}
		return 0, 0
	}
	// Mean height (v) of a pair's chosen points, NaN when none is visible.
	meanV := func(a, b int) float64 {
		wa, wb := pairWeights(a, b)
		if wa+wb == 0 {
			return nan
		}
		return wa*p[a].Y + wb*p[b].Y
	}
	if scale > 0 {
		sh := meanV(stretchwise.LeftShoulder, stretchwise.RightShoulder)
		hip := meanV(stretchwise.LeftHip, stretchwise.RightHip)
		f.TrunkRise = (hip - sh) / scale
		if sa, sb := pairWeights(stretchwise.LeftShoulder, stretchwise.RightShoulder); sa+sb > 0 {
			ha, hb := pairWeights(stretchwise.LeftHip, stretchwise.RightHip)
			ls, rs, lh, rh := &p[stretchwise.LeftShoulder], &p[stretchwise.RightShoulder], &p[stretchwise.LeftHip], &p[stretchwise.RightHip]
			// Isotropic units: u = x*aspect, and z has the scale of x.
			du := (sa*ls.X + sb*rs.X - ha*lh.X - hb*rh.X) * aspect
			dz := (sa*ls.Z + sb*rs.Z - ha*lh.Z - hb*rh.Z) * aspect
			if ha+hb > 0 {
				f.TrunkAcross = math.Hypot(du, dz) / scale
				if ls.Z != 0 || rs.Z != 0 || lh.Z != 0 || rh.Z != 0 {
					f.TrunkDepth = dz / scale
				}
			}
		}
		// Knees and wrists are measured from the hip and shoulder height of
		// the trunk (meanV), not from their own side's joint: the far hip
		// of a side view is guessed with several times the jitter, and in
		// these postures both hips are at about the same height.
		for s := 0; s < 2; s++ {
			if low(stretchwise.LeftKnee + s) {
				f.KneeDrop[s] = (p[stretchwise.LeftKnee+s].Y - hip) / scale
				if low(stretchwise.LeftHip + s) {
					f.OwnKneeDrop[s] = (p[stretchwise.LeftKnee+s].Y - p[stretchwise.LeftHip+s].Y) / scale
				}
			}
			if k, a := &p[stretchwise.LeftKnee+s], &p[stretchwise.LeftAnkle+s]; low(stretchwise.LeftKnee+s) && low(stretchwise.LeftAnkle+s) {
				f.ShankDrop[s] = (a.Y - k.Y) / scale
				f.ShankAcross[s] = math.Hypot((a.X-k.X)*aspect, (a.Z-k.Z)*aspect) / scale
				if a.Z != 0 || k.Z != 0 {
					f.ShankDepth[s] = (a.Z - k.Z) * aspect / scale
				}
				if h := &p[stretchwise.LeftHip+s]; low(stretchwise.LeftHip + s) {
					tu, tv := (k.X-h.X)*aspect, k.Y-h.Y
					su, sv := (a.X-k.X)*aspect, a.Y-k.Y
					f.KneeBendDeg[s] = math.Abs(math.Atan2(tu*sv-tv*su, tu*su+tv*sv)) * 180 / math.Pi
				}
			}
			if low(stretchwise.LeftElbow + s) {
				f.ElbowDrop[s] = (p[stretchwise.LeftElbow+s].Y - sh) / scale
			}
			if low(stretchwise.LeftWrist+s) && low(stretchwise.LeftShoulder+s) {
				f.OwnArmDrop[s] = (p[stretchwise.LeftWrist+s].Y - p[stretchwise.LeftShoulder+s].Y) / scale
			}
			switch {
			case low(stretchwise.LeftWrist + s):
				f.ArmDrop[s] = (p[stretchwise.LeftWrist+s].Y - sh) / scale
			case low(stretchwise.LeftElbow + s):
				// The elbow alone, scaled up to the whole arm.
				f.ArmDrop[s] = (p[stretchwise.LeftElbow+s].Y - sh) / scale * (upperArmFrac + forearmFrac) / upperArmFrac
			}
		}
		lowest := nan
		for _, i := range [...]int{stretchwise.LeftKnee, stretchwise.RightKnee, stretchwise.LeftAnkle, stretchwise.RightAnkle,
			stretchwise.LeftHeel, stretchwise.RightHeel, stretchwise.LeftFootIndex, stretchwise.RightFootIndex} {
			if low(i) && !(p[i].Y <= lowest) {
				lowest = p[i].Y
			}
		}
		f.HipHeight = (lowest - hip) / scale
		ears := meanV(stretchwise.LeftEar, stretchwise.RightEar)
		if ok(stretchwise.Nose) {
			f.NoseDrop = (p[stretchwise.Nose].Y - ears) / scale
		}
	}
	f.yaw(p, aspect, lowGate, r)
}

// yaw fills YawDeg and Width from the shoulder and hip pairs.
func (f *Features) yaw(p *stretchwise.Pose, aspect, lowGate float64, r *Rules) {
	if !(f.Scale > 0) {
		return
	}
	var su, sz float64
	n, depth := 0, false
	for _, pair := range [...][2]int{{stretchwise.LeftShoulder, stretchwise.RightShoulder}, {stretchwise.LeftHip, stretchwise.RightHip}} {
		l, rt := &p[pair[0]], &p[pair[1]]
		if l.Visibility < lowGate || rt.Visibility < lowGate {
			continue
		}
		// Isotropic units: u = x*aspect, and MediaPipe's z has the scale
		// of x, so it takes the same factor.
		su += (l.X - rt.X) * aspect
		sz += (l.Z - rt.Z) * aspect
		depth = depth || l.Z != 0 || rt.Z != 0
		n++
	}
	if n == 0 {
		return
	}
	su /= float64(n)
	sz /= float64(n)
	if !depth {
		// No depth (an importer without z): the image width gives the
		// obliquity against the expected width, the visibility of the two
		// sides says which one is nearer.
		var side float64
		for _, i := range [...]int{stretchwise.LeftShoulder, stretchwise.LeftElbow, stretchwise.LeftHip, stretchwise.LeftKnee, stretchwise.LeftAnkle, stretchwise.LeftEar} {
			side += p[i].Visibility - p[stretchwise.Mirror[i]].Visibility
		}
		side /= 6
		expected := expectedWidth * f.Scale
		d := math.Sqrt(math.Max(0, expected*expected-su*su))
		switch {
		case side >= r.SideVisibility:
			sz = -d
		case side <= -r.SideVisibility:
			sz = d
		case d > math.Abs(su):
			return // a side view without a near side: cannot tell which
		}
	}
	f.AxisU, f.AxisZ = su/f.Scale, sz/f.Scale
	f.YawDeg = yawOf(f.AxisU, f.AxisZ, r)
	if !math.IsNaN(f.YawDeg) {
		f.Width = math.Hypot(f.AxisU, f.AxisZ)
	}
}

// yawOf returns the yaw in degrees of a left-minus-right axis (fractions of
// the scale), NaN when it is shorter than r.MinWidth. The person's left
// minus right is +u when they face the camera (their left is on the
// image's right) and -z when their left side is nearer.
func yawOf(u, z float64, r *Rules) float64 {
	if !(math.Hypot(u, z) >= r.MinWidth) {
		return math.NaN()
	}
	return math.Atan2(-z, u) * 180 / math.Pi
}

// lyingYaw turns the yaw of a lying person to the convention of package
// synth: the head end counts as the front (the body's long axis, which
// points forward when standing, points toward the head when lying), so a
// camera at the head sees the front. Standing rules would call that the
// rear; a side view stays the same side.
func lyingYaw(yaw float64) float64 {
	if math.IsNaN(yaw) {
		return yaw
	}
	y := 180 - yaw
	if y > 180 {
		y -= 360
	}
	return y
}

// expectedWidth is the mean of the shoulder and hip landmark spacing as a
// fraction of the height, used only without depth: our choice, because
// biacromial breadth is about 0.23 and BlazePose's hip points about 0.12
// of the height apart (MediaPipe's hips sit near the joint centres).
const expectedWidth = (0.23 + 0.12) / 2

// Posture applies the rules to the features.
func (f *Features) Posture(r *Rules) stretchwise.Posture {
	if !(f.Scale > 0) || math.IsNaN(f.TrunkRise) || (math.IsNaN(f.KneeDrop[0]) && math.IsNaN(f.KneeDrop[1])) {
		return stretchwise.PostureUnknown
	}
	kneeMax, kneeMin := maxMin(f.KneeDrop)
	armMax, _ := maxMin(f.ArmDrop)
	elbowMax, _ := maxMin(f.ElbowDrop)
	// Seen end-on from behind: the trunk points away from the camera,
	// more across the image and along the line of sight than up the
	// image, a good part of it along the line of sight, and rises no more
	// than a horizontal trunk does under a camera above the body (its far
	// end, the shoulders, rises in the image). Such a trunk is not taken
	// for upright, however much it rises: an upright trunk is seen that
	// way only when bent forward by 45 deg more than the camera's
	// elevation. Seen from the front the shoulders are the near end and
	// drop in the image instead, within LyingRise.
	// Seen from the front by a camera above, the trunk points toward the
	// camera (negative depth) and its far end, the hips, rises: the
	// shoulders drop below them by up to EndOnSlope times the depth.
	// From high above (HighCamera) an oblique view sees less of the
	// trunk along the line of sight: from 50 deg behind-right, wide-angle,
	// 0.29 of TrunkAcross on a synthetic body; half of EndOnDepth is asked.
	endOnDepth := r.EndOnDepth
	if r.HighCamera {
		endOnDepth /= 2
	}
	endOn := f.TrunkRise > r.LyingRise && f.TrunkRise <= r.EndOnRise && f.TrunkDepth > 0 &&
		(r.HighCamera || f.TrunkAcross >= f.TrunkRise || f.TrunkRise <= r.EndOnSlope*f.TrunkDepth) && f.TrunkDepth >= endOnDepth*f.TrunkAcross
	endOnFront := f.TrunkRise < -r.LyingRise && f.TrunkRise >= -r.EndOnRise && f.TrunkDepth < 0 &&
		(f.TrunkAcross >= -f.TrunkRise || -f.TrunkRise <= -r.EndOnSlope*f.TrunkDepth) && -f.TrunkDepth >= r.EndOnDepth*f.TrunkAcross
	// A trunk pitched forward seen from behind can look end-on too (a
	// person leaning 30 deg forward seen from 5 deg above rises as much
	// over its depth as a quadruped's trunk, pitched up 15 deg, seen from
	// 50 deg above): standing legs (hips high, a thigh and a shank
	// pointing down, not a shank on the floor coming toward the camera)
	// decide for upright.
	// Only a trunk rising more than it goes across and along the line of
	// sight can be such a lean; a flatter one bent forward is not upright.
	// From a camera more than framing.MaxElevationDeg above (HighCamera),
	// a trunk pointing away from the camera leans forward by more than
	// that: no standing lean, and the legs, seen from high above with the
	// pose model's rough depth, do not decide.
	standingLegs := !r.HighCamera && f.TrunkRise > f.TrunkAcross && f.HipHeight >= r.StandingHip && kneeMax >= r.ThighDrop && f.shankDown()
	if f.TrunkRise >= r.UprightRise && (!endOn || standingLegs) {
		switch {
		case f.HipHeight >= r.StandingHip && kneeMax >= r.ThighDrop:
			return stretchwise.PostureStanding
		case f.HipHeight < r.StandingHip && kneeMax-kneeMin >= r.KneeSplit && kneeMin <= r.ForwardThigh:
			return stretchwise.PostureHalfKneeling
		}
	}
	// A horizontal trunk on hips as high as a standing person's, both
	// thighs and a shank pointing down, is someone bending forward, not
	// lying or on all fours. (A quadruped seen from a camera above and
	// behind has hips high above its feet in the image, which lie on the
	// floor toward the camera: its shanks point along the line of sight.)
	bending := !r.HighCamera && f.HipHeight >= r.StandingHip && kneeMin >= r.ThighDrop && f.shankDown()
	if (math.Abs(f.TrunkRise) <= r.LyingRise || endOn || endOnFront) && !bending {
		// On all fours a supporting thigh points down, measured from the
		// hips or from its own hip (the far side's, when the camera above
		// the body shows it higher).
		ownMax, _ := maxMin(f.OwnKneeDrop)
		ownArm, _ := maxMin(f.OwnArmDrop)
		switch {
		case f.supportingThigh(kneeMax, ownMax, r) && (armMax >= r.SupportArmDrop || ownArm >= r.SupportArmDrop):
			return stretchwise.PostureQuadruped
		case !(f.NoseDrop > r.FaceDown) && !(armMax >= r.ArmDrop) && !(elbowMax >= r.PropElbow):
			// Arms propping the trunk up (hands or forearms on the floor)
			// with straight legs is a plank or push-up (prone), not lying
			// on the back.
			return stretchwise.PostureSupine
		}
	}
	return stretchwise.PostureOther
}

// supportingThigh reports whether a knee is a supporting one on all fours:
// at least ThighDrop below the hips (or its own hip), or, as a camera high
// above the body shortens a vertical thigh, at least SupportDrop below and
// near the lowest point of the legs (at least 0.7 of the hips' height
// above it: the knee is on the floor) or with a knee bent in the image. A
// plank's straight legs, knees halfway between the hips and the feet on
// the floor, drop about as much as a quadruped's thighs seen from 50 deg
// above, but only half the hips' height.
func (f *Features) supportingThigh(kneeMax, ownMax float64, r *Rules) bool {
	d := math.Max(kneeMax, ownMax)
	if math.IsNaN(kneeMax) {
		d = ownMax
	}
	if d >= r.ThighDrop {
		return true
	}
	bent := f.KneeBendDeg[0] >= bentKneeDeg || f.KneeBendDeg[1] >= bentKneeDeg
	return d >= r.SupportDrop && (d >= 0.7*f.HipHeight || bent)
}

// bentKneeDeg: a knee bent at least this much in the image is not a
// plank's straight leg. Our choice, because a kneeling shank lies on the
// floor at about a right angle to the thigh, seen as 40-90 deg from any
// view but straight behind (where the thigh drop alone decides).
const bentKneeDeg = 35

// shankDown reports whether a shank points down the image more than
// across it and along the line of sight, and not toward the camera by
// more than half its drop, or no shank was seen (then the hips' height
// above the lowest point of the legs alone decides).
func (f *Features) shankDown() bool {
	seen := false
	for s := 0; s < 2; s++ {
		if math.IsNaN(f.ShankDrop[s]) {
			continue
		}
		seen = true
		// Toward the camera by more than half its drop: on the floor,
		// seen from above (a standing shank seen from above goes away).
		toward := f.ShankDepth[s] < -0.5*f.ShankDrop[s]
		if f.ShankDrop[s] > 0 && f.ShankAcross[s] < f.ShankDrop[s] && !toward {
			return true
		}
	}
	return !seen
}

// maxMin returns the largest and smallest non-NaN value of a pair; both
// NaN when neither is a number. A single number is both.
func maxMin(a [2]float64) (hi, lo float64) {
	switch {
	case math.IsNaN(a[0]):
		return a[1], a[1]
	case math.IsNaN(a[1]):
		return a[0], a[0]
	}
	return math.Max(a[0], a[1]), math.Min(a[0], a[1])
}

// ViewOf names the view of a body yaw in degrees (see Features.YawDeg):
// nine equal sectors of 45 degrees centred on front (0), front-left (45),
// left (90), rear-left (135), rear (180), and their right-hand mirrors. Our
// choice, because the eight names of docs/contract.md divide the circle evenly.
// NaN gives ViewUnknown.
func ViewOf(yawDeg float64) stretchwise.View {
	if math.IsNaN(yawDeg) || math.IsInf(yawDeg, 0) {
		return stretchwise.ViewUnknown
	}
	a := math.Mod(yawDeg, 360)
	if a < 0 {
		a += 360
	}
	switch k := int(math.Floor((a+22.5)/45)) % 8; k {
	case 0:
		return stretchwise.ViewFront
	case 1:
		return stretchwise.ViewFrontLeft
	case 2:
		return stretchwise.ViewLeft
	case 3:
		return stretchwise.ViewRearLeft
	case 4:
		return stretchwise.ViewRear
	case 5:
		return stretchwise.ViewRearRight
	case 6:
		return stretchwise.ViewRight
	default:
		return stretchwise.ViewFrontRight
	}
}

// Observation is the raw per-frame result of the rules, before hysteresis.
type Observation struct {
	Posture stretchwise.Posture
	View    stretchwise.View
	YawDeg  float64 // NaN when the view is unknown
}

// Observe applies the rules to one frame. A frame without a person is
// unknown in posture and view. It allocates nothing.
func Observe(fr *stretchwise.Frame, aspect float64, cfg *Config) Observation {
	var f Features
	return observe(fr, aspect, cfg, &f)
}

// observe is Observe with the features left in f.
func observe(fr *stretchwise.Frame, aspect float64, cfg *Config, f *Features) Observation {
	if !fr.Detected {
		f.ComputeScaled(&noPose, aspect, cfg.Gate, cfg.OccludedGate, 0, &cfg.Rules)
		return Observation{stretchwise.PostureUnknown, stretchwise.ViewUnknown, math.NaN()}
	}
	f.Compute(&fr.Image, aspect, cfg.Gate, cfg.OccludedGate, &cfg.Rules)
	return decide(f, cfg)
}

// decide turns features into an observation.
func decide(f *Features, cfg *Config) Observation {
	p := f.Posture(&cfg.Rules)
	yaw := f.YawDeg
	if p == stretchwise.PostureSupine {
		yaw = lyingYaw(yaw)
	}
	return Observation{p, ViewOf(yaw), yaw}
}

// noPose is a pose with nothing visible.
var noPose stretchwise.Pose
