package birddog

import (
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/stats"
)

// nominalYaw returns the angle in degrees between the hip line and the
// image plane that a named view implies, and false for an unknown view.
func nominalYaw(v stretchwise.View, cfg Config) (float64, bool) {
	switch v {
	case stretchwise.ViewRear, stretchwise.ViewFront:
		return 0, true
	case stretchwise.ViewRearLeft, stretchwise.ViewRearRight, stretchwise.ViewFrontLeft, stretchwise.ViewFrontRight:
		return cfg.ObliqueYawDeg, true
	case stretchwise.ViewLeft, stretchwise.ViewRight:
		return 90, true
	}
	return 0, false
}

// describeView works out what the view can show. The hip line's angle to the
// image plane (yaw) comes from the view name. Roll seen in the image is
// corrected for the foreshortening of the hip line (tan true = tan seen *
// cos yaw); the correction's own error, from a camera placed off the nominal
// view by YawUncertaintyDeg, is added to the uncertainty (relative error
// tan(yaw) * yaw uncertainty). Limb elevation and trunk sag lie in the
// body's sagittal plane, foreshortened by sin(yaw).
func describeView(v stretchwise.View, gate float64, cfg Config) viewInfo {
	vi := viewInfo{view: v, rollGate: gate}
	yaw, ok := nominalYaw(v, cfg)
	if !ok {
		vi.rollWhy = "the camera view is unknown, so it cannot be said whether the hips' sideways tilt is visible"
		vi.limbsWhy = "the camera view is unknown"
		return vi
	}
	y := yaw * math.Pi / 180
	vi.rollCos = math.Cos(y)
	vi.rollGate = gate
	if vi.rollCos >= cfg.MinRollCos {
		vi.roll = true
		if cfg.RollGate > 0 && cfg.RollGate < gate {
			vi.rollGate = cfg.RollGate
		}
		vi.rollRel = math.Tan(y) * cfg.YawUncertaintyDeg * math.Pi / 180
	} else {
		vi.rollWhy = "a side view cannot show the hips or shoulders tipping sideways (roll): the hip line points at the camera"
	}
	vi.worldLimbs = cfg.WorldLimbs
	// Trunk sag only from side views: in an oblique view the trunk's
	// facing direction is ambiguous and its angle flips (the battery saw
	// 45 deg "sags" from rear-left views).
	vi.trunk = math.Sin(y) >= sideViewSin
	if math.Sin(y) >= cfg.MinRollCos {
		vi.limbs = true
		// A camera above the body tilts a limb that points partly toward
		// or away from it; see Config.LimbCameraDeg.
		vi.limbSys = cfg.LimbCameraDeg * vi.rollCos
	} else {
		vi.limbsWhy = "the arm and leg point along the camera's line of sight in this view, so their height against horizontal cannot be measured"
	}
	return vi
}

// sideViewSin is the smallest sin(yaw) that counts as a side view for the
// trunk angle. Our choice: within about 18 deg of side-on.
const sideViewSin = 0.95

// correct undoes the foreshortening of an image-plane elevation angle in
// degrees by the factor c (0 < c <= 1): tan(true) = tan(seen) * c.
func correct(deg, c float64) float64 {
	if c == 1 || math.IsNaN(deg) {
		return deg
	}
	return math.Atan(math.Tan(deg*math.Pi/180)*c) * 180 / math.Pi
}

// headPoint chooses, once per recording, which landmark stands for the head:
// the ear midpoint when both ears are usable in most frames, else the ear
// seen most often, else the nose.
type headPoint int

const (
	headEars headPoint = iota
	headLeftEar
	headRightEar
	headNose
)

func chooseHead(rec *stretchwise.Recording, gate float64) headPoint {
	var both, l, r, n int
	for i := range rec.Frames {
		f := &rec.Frames[i]
		if !f.Detected {
			continue
		}
		n++
		lv := f.Image[stretchwise.LeftEar].Visibility >= gate
		rv := f.Image[stretchwise.RightEar].Visibility >= gate
		if lv && rv {
			both++
		}
		if lv {
			l++
		}
		if rv {
			r++
		}
	}
	switch {
	case 2*both >= n:
		return headEars
	case 2*l >= n && l >= r:
		return headLeftEar
	case 2*r >= n:
		return headRightEar
	}
	return headNose
}

// headAngle is the direction in degrees of the head point seen from the
// shoulder midpoint in the isotropic image plane (0 = image right, 90 = up),
// and false when a landmark is not usable.
func headAngle(p *stretchwise.Pose, hp headPoint, aspect, gate float64) (float64, bool) {
	use := func(i int) (geom.Vec2, bool) {
		return geom.ImagePoint(p[i], aspect), p[i].Visibility >= gate
	}
	ls, ok1 := use(stretchwise.LeftShoulder)
	rs, ok2 := use(stretchwise.RightShoulder)
	if !ok1 || !ok2 {
		return math.NaN(), false
	}
	var h geom.Vec2
	var ok bool
	switch hp {
	case headEars:
		le, okl := use(stretchwise.LeftEar)
		re, okr := use(stretchwise.RightEar)
		h, ok = le.Mid(re), okl && okr
	case headLeftEar:
		h, ok = use(stretchwise.LeftEar)
	case headRightEar:
		h, ok = use(stretchwise.RightEar)
	default:
		h, ok = use(stretchwise.Nose)
	}
	if !ok {
		return math.NaN(), false
	}
	d := h.Sub(ls.Mid(rs))
	if d.Norm() < geom.MinSegment {
		return math.NaN(), false
	}
	return math.Atan2(-d.V, d.U) * 180 / math.Pi, true
}

// limb landmark pairs for series.rise: the distal point and the joint whose
// height it rises to.
var riseLandmarks = [4][2]int{
	leftWrist:  {stretchwise.LeftWrist, stretchwise.LeftShoulder},
	rightWrist: {stretchwise.RightWrist, stretchwise.RightShoulder},
	leftAnkle:  {stretchwise.LeftAnkle, stretchwise.LeftHip},
	rightAnkle: {stretchwise.RightAnkle, stretchwise.RightHip},
}

// limbJoints are, per limb in the order of riseLandmarks, the joints from
// the body outward: shoulder, elbow, wrist (hip, knee, ankle).
var limbJoints = [4][3]int{
	leftWrist:  {stretchwise.LeftShoulder, stretchwise.LeftElbow, stretchwise.LeftWrist},
	rightWrist: {stretchwise.RightShoulder, stretchwise.RightElbow, stretchwise.RightWrist},
	leftAnkle:  {stretchwise.LeftHip, stretchwise.LeftKnee, stretchwise.LeftAnkle},
	rightAnkle: {stretchwise.RightHip, stretchwise.RightKnee, stretchwise.RightAnkle},
}

// restDropQuantile is the quantile of a limb's drop below its joint, over
// the recording, taken as its rest drop. Our choice, because a limb rests
// on the floor for most of a bird-dog recording (each limb is up for about
// 40 % of it with alternating reps) and is lowest at rest, so a high
// quantile finds rest without knowing yet when the reaches are, while
// staying clear of single outliers.
const restDropQuantile = 0.8

// minRestDrop is the smallest rest drop (in units of the image height) that
// can scale a reach. Our choice: a limb hanging less than 2 % of the image
// height below its joint is not a quadruped limb in view.
const minRestDrop = 0.02

// elevCorrectMinDeg: when the thighs show a camera more than this far
// above the body (cameraElevation), drops are measured along gravity, not
// down the image. Our choice, because below it the image drop is within
// cos 20 deg = 6 % of the true one (what the screen was validated on,
// cameras 5-20 deg up), while from a room corner 40 deg above and behind
// a leg reaching back toward the camera still hangs 0.55 of its length
// below the hip in the image and no reach was found.
const elevCorrectMinDeg = 20

// cameraElevation estimates how far above the body the camera looks down,
// in radians, from the supporting thighs: a vertical thigh seen from e
// above drops L cos e down the image and goes L sin e away from the camera
// (MediaPipe's relative depth z, on x's scale). It is the median over the
// quadruped frames of atan2(depth, drop) of each thigh seen at the gate;
// 0 without depth or without such frames.
func cameraElevation(rec *stretchwise.Recording, quad []bool, gate float64) float64 {
	aspect := rec.Header.Aspect()
	var es []float64
	depth := false
	for i := range rec.Frames {
		f := &rec.Frames[i]
		if !f.Detected || i >= len(quad) || !quad[i] {
			continue
		}
		for side := 0; side < 2; side++ {
			h, k := f.Image[stretchwise.LeftHip+side], f.Image[stretchwise.LeftKnee+side]
			if h.Visibility < gate || k.Visibility < gate {
				continue
			}
			if h.Z != 0 || k.Z != 0 {
				depth = true
			}
			if dy := k.Y - h.Y; dy > 0 {
				es = append(es, math.Atan2((k.Z-h.Z)*aspect, dy))
			}
		}
	}
	if !depth || len(es) == 0 {
		return 0
	}
	return math.Max(0, stats.Median(es))
}

// modelStride is how many frames share one evaluation of the landmark-noise
// model (geom.Uncertainty costs about 80 angle computations). Our choice,
// because the model changes only with the body's size in the image, which
// changes over seconds, not frames.
const modelStride = 6

// build turns the cleaned and raw recordings into the series the screen
// works on. sigma is the landmark noise (image heights) of the per-frame
// uncertainty model, 0 for none.
func build(clean, raw *stretchwise.Recording, postures []stretchwise.Posture, vi viewInfo, gate, sigma float64) (*series, []bool) {
	n := len(clean.Frames)
	s := newSeries(n)
	seen := make([]bool, n)
	aspect := clean.Header.Aspect()
	hp := chooseHead(clean, gate)
	if raw != nil && len(raw.Frames) != n {
		raw = nil
	}
	limbCos := math.Sqrt(math.Max(0, 1-vi.rollCos*vi.rollCos)) // sin(yaw)
	useWorld := !vi.limbs && vi.worldLimbs

	// drop[k][i]: how far the distal point hangs below its joint;
	// kneeDrop[k][i] the same for the knee of leg k.
	var drop [4][]float64
	var kneeDrop [2][]float64
	for k := range kneeDrop {
		kneeDrop[k] = make([]float64, n)
		for i := range kneeDrop[k] {
			kneeDrop[k][i] = math.NaN()
		}
	}
	for k := range drop {
		drop[k] = make([]float64, n)
	}
	var a, a3, ua geom.Angles
	elev := cameraElevation(clean, postures2quad(postures, n), gate)
	s.cameraDeg = elev * 180 / math.Pi
	se, ce := math.Sincos(elev)
	if elev*180/math.Pi <= elevCorrectMinDeg {
		se, ce = 0, 1
	}
	// The model uncertainty of only the angles modelSD reads: the same
	// figures as geom.Uncertainty gives for them, for less work.
	var want uint32
	if vi.roll {
		want |= geom.ValidPelvicRoll | geom.ValidShoulderRoll
	}
	if vi.limbs {
		want |= geom.ValidArmLeft | geom.ValidArmRight | geom.ValidLegLeft | geom.ValidLegRight
		if vi.trunk {
			want |= geom.ValidTrunk
		}
	}
	for i := range clean.Frames {
		f := &clean.Frames[i]
		s.t[i] = f.T
		seen[i] = f.Detected
		s.quad[i] = i < len(postures) && postures[i] == stretchwise.PostureQuadruped
		for k := range drop {
			drop[k][i] = math.NaN()
		}
		if !f.Detected {
			continue
		}
		for k := range f.Image {
			if !framing.Inside(f.Image[k], framing.EdgeMargin) {
				s.outside[i] |= 1 << k
			}
		}
		for k, js := range limbJoints {
			for j := 0; j < 2; j++ {
				a, b := f.Image[js[j]], f.Image[js[j+1]]
				if a.Visibility >= gate && b.Visibility >= gate && s.outside[i]&(1<<js[j]|1<<js[j+1]) == 0 {
					s.seg[k][j][i] = geom.ImagePoint(a, aspect).Sub(geom.ImagePoint(b, aspect)).Norm()
				}
			}
		}
		for k, lm := range riseLandmarks {
			d, j := f.Image[lm[0]], f.Image[lm[1]]
			if d.Visibility >= gate && j.Visibility >= gate && s.outside[i]&(1<<lm[0]|1<<lm[1]) == 0 {
				drop[k][i] = (d.Y-j.Y)*ce + (d.Z-j.Z)*aspect*se
			}
		}
		for k := 0; k < 2; k++ {
			js := limbJoints[2+k]
			h, kn := f.Image[js[0]], f.Image[js[1]]
			if h.Visibility >= gate && kn.Visibility >= gate && s.outside[i]&(1<<js[0]|1<<js[1]) == 0 {
				kneeDrop[k][i] = kn.Y - h.Y
			}
		}
		fill(s, i, &a, &a3, f, aspect, gate, vi, limbCos, useWorld, hp, false)
		if sigma > 0 && want != 0 {
			// The view term of the model is left out (ObliqueDeg 0): the
			// obliquity is handled by describeView.
			if i%modelStride == 0 || i == 0 {
				geom.UncertaintyOf(&ua, &f.Image, aspect, math.Min(gate, vi.rollGate), geom.Noise{Sigma: sigma}, want)
			}
			modelSD(s, i, &ua, vi)
		}
		if raw != nil && raw.Frames[i].Detected {
			fill(s, i, &a, &a3, &raw.Frames[i], aspect, gate, vi, limbCos, useWorld, hp, true)
		}
	}
	// The rest drop comes from every frame with the limb visible, not only
	// those labelled quadruped: the label can be missing exactly when the
	// limbs are down (it depends on the camera), and a limb is down for most
	// of a bird-dog recording whatever the labels say.
	for k := range drop {
		var rest []float64
		for i := range drop[k] {
			if !math.IsNaN(drop[k][i]) {
				rest = append(rest, drop[k][i])
			}
		}
		r := stats.Quantile(rest, restDropQuantile)
		if !(r >= minRestDrop) {
			continue
		}
		for i, d := range drop[k] {
			if !math.IsNaN(d) {
				s.rise[k][i] = 1 - d/r
			}
		}
	}
	// The knee tells how far a leg rose too: it hangs a thigh below the
	// hip at rest and comes level with it in a reach (scaled by its own
	// rest drop). It stands in for a foot out of the picture, and in a side
	// view, where a leg reaching back keeps its knee level with the hip,
	// a leg rises no more than its knee: the ankle alone rises a little
	// when the hips shift over a foot that stays on the floor.
	for k := range kneeDrop {
		var rest []float64
		for _, d := range kneeDrop[k] {
			if !math.IsNaN(d) {
				rest = append(rest, d)
			}
		}
		r := stats.Quantile(rest, restDropQuantile)
		if !(r >= minRestDrop) {
			continue
		}
		ankle := limbJoints[2+k][2]
		for i, d := range kneeDrop[k] {
			if math.IsNaN(d) {
				continue
			}
			kr, ar := 1-d/r, s.rise[2+k][i]
			switch {
			case math.IsNaN(ar) && s.outside[i]&(1<<ankle) != 0:
				s.rise[2+k][i] = kr
			case vi.trunk && !math.IsNaN(ar):
				s.rise[2+k][i] = math.Min(ar, kr)
			}
		}
	}
	return s, seen
}

// postures2quad returns, per frame, whether the posture is quadruped.
func postures2quad(postures []stretchwise.Posture, n int) []bool {
	q := make([]bool, n)
	for i := range q {
		q[i] = i < len(postures) && postures[i] == stretchwise.PostureQuadruped
	}
	return q
}

// fill computes the angle channels of frame i from f, into the cleaned
// values or, with raw, into the raw values.
func fill(s *series, i int, a, a3 *geom.Angles, f *stretchwise.Frame, aspect, gate float64, vi viewInfo, limbCos float64, useWorld bool, hp headPoint, raw bool) {
	put := func(c *channel, v float64, ok bool) {
		if !ok {
			return
		}
		if raw {
			c.raw[i] = v
		} else {
			c.v[i] = v
		}
	}
	if vi.limbs {
		// Only the angles read below, exactly as geom.Compute gives them.
		want := geom.ValidArmLeft | geom.ValidArmRight | geom.ValidLegLeft | geom.ValidLegRight
		if vi.trunk {
			want |= geom.ValidTrunk
		}
		geom.ComputeOf(a, &f.Image, aspect, gate, want)
	}
	if vi.roll {
		// Roll uses its own gate: in oblique views the far hip and
		// shoulder are partly hidden (see Config.RollGate).
		// Rises, not angles: geom.RiseChange says why.
		v, w, ok := geom.PelvicRise2D(&f.Image, aspect, vi.rollGate)
		put(&s.pelvis, v, ok)
		if ok && !raw {
			s.pelvisW[i] = w
		}
		v, w, ok = geom.ShoulderRise2D(&f.Image, aspect, vi.rollGate)
		put(&s.shoulder, v, ok)
		if ok && !raw {
			s.shoulderW[i] = w
		}
	}
	if vi.limbs {
		for k := 0; k < 2; k++ {
			put(&s.arm[k], correct(a.ArmElevation[k], limbCos), a.Has(geom.ValidArm[k]))
			put(&s.leg[k], correct(a.LegElevation[k], limbCos), a.Has(geom.ValidLeg[k]))
		}
		if vi.trunk && a.Has(geom.ValidTrunk) {
			put(&s.trunk, a.TrunkFromVertical, true)
		}
	} else if useWorld && f.HasWorld {
		geom.Compute3D(a3, &f.World, gate)
		for k := 0; k < 2; k++ {
			put(&s.arm[k], a3.ArmElevation[k], a3.Has(geom.ValidArm[k]))
			put(&s.leg[k], a3.LegElevation[k], a3.Has(geom.ValidLeg[k]))
		}
	}
	h, ok := headAngle(&f.Image, hp, aspect, gate)
	put(&s.head, h, ok)
	lh, rh := f.Image[stretchwise.LeftHip], f.Image[stretchwise.RightHip]
	if lh.Visibility >= vi.rollGate && rh.Visibility >= vi.rollGate {
		hipV := (lh.Y + rh.Y) / 2
		put(&s.hipV, hipV, true)
		lk, rk := f.Image[stretchwise.LeftKnee], f.Image[stretchwise.RightKnee]
		if lk.Visibility >= gate && rk.Visibility >= gate {
			put(&s.thigh, (lk.Y+rk.Y)/2-hipV, true)
		}
	}
}

// modelSD stores the model's per-frame uncertainty of the channels that come
// from image angles; roll channels are rises in image heights (geom.LineRise).
func modelSD(s *series, i int, u *geom.Angles, vi viewInfo) {
	set := func(c *channel, v float64, ok bool, scale float64) {
		if ok && !math.IsNaN(c.v[i]) {
			c.sd[i] = v * scale
		}
	}
	if vi.roll {
		// An angle error of a line of length L moves its end across the
		// line by L times the error in radians.
		for _, ch := range []struct {
			c   *channel
			w   []float64
			deg float64
			ok  bool
		}{{&s.pelvis, s.pelvisW, u.PelvicRoll, u.Has(geom.ValidPelvicRoll)}, {&s.shoulder, s.shoulderW, u.ShoulderRoll, u.Has(geom.ValidShoulderRoll)}} {
			if ch.ok && !math.IsNaN(ch.c.v[i]) {
				ch.c.sd[i] = ch.deg * math.Pi / 180 * math.Hypot(ch.c.v[i], ch.w[i])
			}
		}
	}
	if vi.limbs {
		for k := 0; k < 2; k++ {
			set(&s.arm[k], u.ArmElevation[k], u.Has(geom.ValidArm[k]), 1)
			set(&s.leg[k], u.LegElevation[k], u.Has(geom.ValidLeg[k]), 1)
		}
		if vi.trunk {
			set(&s.trunk, u.TrunkFromVertical, u.Has(geom.ValidTrunk), 1)
		}
	}
}
