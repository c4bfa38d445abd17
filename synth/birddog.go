package synth

import (
	"math"

	sw "github.com/stretchwise/stretchwise"
)

// Bird dog fault names. Values are signed relative to the reaching
// diagonal, so one number means the same compensation on either side.
const (
	// FaultPelvicRoll rotates the pelvis about the trunk's long axis,
	// degrees; positive raises the hip of the lifted leg (the pelvis opens
	// toward it), negative drops it.
	FaultPelvicRoll = "pelvic_roll"
	// FaultShoulderRoll rotates the thorax about its long axis, degrees;
	// positive raises the shoulder of the reaching arm.
	FaultShoulderRoll = "shoulder_roll"
	// FaultHipDrop lowers the pelvis toward the floor, centimetres;
	// negative hikes it. The shoulders stay where they were.
	FaultHipDrop = "hip_drop"
	// FaultLimbHigh raises the reaching arm and leg above the set
	// elevation, degrees.
	FaultLimbHigh = "limb_high"
	// FaultTrunkSag is lumbar extension (a sagging low back), degrees,
	// shared equally by an anterior pelvic tilt about the hip joints and a
	// thorax tilt; the hip joints stay where they were.
	FaultTrunkSag = "trunk_sag"
)

var birdDogFaults = map[string]faultKind{
	FaultPelvicRoll:   {"deg", "pelvis rotation about the trunk axis, + raises the lifted leg's hip", -30, 30},
	FaultShoulderRoll: {"deg", "thorax rotation about its axis, + raises the reaching arm's shoulder", -30, 30},
	FaultHipDrop:      {"cm", "pelvis lowered toward the floor, - hikes it", -10, 10},
	FaultLimbHigh:     {"deg", "reaching arm and leg raised above the set elevation", -30, 45},
	FaultTrunkSag:     {"deg", "lumbar extension (sagging low back)", 0, 40},
}

// BirdDogParams configure a bird dog. Zero fields take the defaults in
// brackets. Fields tagged set are the parameters of `stretchwise synth
// --set` (registry.go).
type BirdDogParams struct {
	// Arms lists the reaching arm of each rep in order; the opposite leg
	// lifts [left, right, left, right].
	Arms []sw.Side
	// BaselineS is the still quadruped start [3 s]; ReachS, HoldS, ReturnS
	// and RestS time each rep [1.5, 6, 1.5, 1.5 s]. docs/clinical.md: holds
	// of 5-10 s.
	BaselineS float64 `set:"baseline_s"`
	ReachS    float64 `set:"reach_s"`
	HoldS     float64 `set:"hold_s"`
	ReturnS   float64 `set:"return_s"`
	RestS     float64
	// ElevationDeg is the set elevation of the reaching arm (shoulder ->
	// wrist) and leg (hip -> ankle) from horizontal [0 = horizontal, the
	// ACE/McGill cue of docs/clinical.md].
	ElevationDeg float64 `set:"elevation_deg"`
	// NeckExtensionDeg tilts the head up from the trunk line [15].
	NeckExtensionDeg float64
	// Faults to inject. Without times a fault applies to every rep (of
	// its Side's reaching arm when Side is set), growing during the reach,
	// full through the hold and fading during the return.
	Faults []FaultSpec
	// SwayDeg is the RMS of natural body sway added throughout, degrees
	// [0 = perfectly still]: to pelvic and shoulder rotation, and while
	// reaching to the limb elevation. SwaySeed draws its shape.
	SwayDeg  float64 `set:"sway_deg"`
	SwaySeed uint64
}

func (p *BirdDogParams) defaults() {
	if len(p.Arms) == 0 {
		p.Arms = []sw.Side{sw.SideLeft, sw.SideRight, sw.SideLeft, sw.SideRight}
	}
	def := func(x *float64, v float64) {
		if *x == 0 {
			*x = v
		}
	}
	def(&p.BaselineS, 3)
	def(&p.ReachS, 1.5)
	def(&p.HoldS, 6)
	def(&p.ReturnS, 1.5)
	def(&p.RestS, 1.5)
	def(&p.NeckExtensionDeg, 15)
}

// BirdDog returns the bird dog: a still quadruped baseline (hands under the
// shoulders, knees under the hips), then for each rep the arm of
// p.Arms[i] and the opposite leg reach to the set elevation, hold and
// return. Faults: pelvic_roll, shoulder_roll, hip_drop, limb_high,
// trunk_sag (see the Fault constants). Invalid parameters are reported in
// Motion.Err.
func BirdDog(p BirdDogParams) *Motion {
	p.defaults()
	m := &Motion{Exercise: sw.ExerciseBirdDog, Posture: sw.PostureQuadruped}
	m.Err = checkFaults(m.Exercise, p.Faults, birdDogFaults)
	if err := checkDurations(m.Exercise, p.BaselineS, p.ReachS, p.HoldS, p.ReturnS, p.RestS); err != nil {
		m.Err = err
	}
	if !(p.NeckExtensionDeg >= -30 && p.NeckExtensionDeg <= 60) {
		m.Err = sw.Errorf(sw.EINVALID, "bird-dog: neck extension %g deg outside -30..60", p.NeckExtensionDeg)
	}
	// Below -20 deg the foot of a long leg would reach the floor (our bound).
	lowest := p.ElevationDeg
	for _, f := range p.Faults {
		if f.Name == FaultLimbHigh && f.Value < 0 {
			lowest += f.Value
		}
	}
	if !(p.ElevationDeg <= 60 && lowest >= -20) {
		m.Err = sw.Errorf(sw.EINVALID, "bird-dog: elevation %g deg (lowest with faults %g) outside -20..60", p.ElevationDeg, lowest)
	}
	var s schedule
	s.add(PhaseBaseline, sw.SideNone, 0, p.BaselineS)
	type rep struct{ reach, hold, ret Phase }
	reps := make([]rep, len(p.Arms))
	for i, arm := range p.Arms {
		if arm != sw.SideLeft && arm != sw.SideRight {
			m.Err = sw.Errorf(sw.EINVALID, "bird-dog: rep %d: arm side %q", i+1, arm)
		}
		reps[i].reach = s.add(PhaseReach, arm, i+1, p.ReachS)
		reps[i].hold = s.add(PhaseHold, arm, i+1, p.HoldS)
		reps[i].ret = s.add(PhaseReturn, arm, i+1, p.ReturnS)
		s.add(PhaseRest, sw.SideNone, 0, p.RestS)
	}
	m.Phases, m.DurationS = s.phases, s.t
	for _, f := range p.Faults {
		unit := birdDogFaults[f.Name].unit
		if f.StartS != 0 || f.EndS != 0 {
			m.Faults = append(m.Faults, spanFault(f, unit, 0.5))
			continue
		}
		for i, r := range reps {
			if f.Side != sw.SideNone && f.Side != p.Arms[i] {
				continue
			}
			m.Faults = append(m.Faults, Fault{Name: f.Name, Side: p.Arms[i], Value: f.Value, Unit: unit,
				StartS: r.reach.StartS, FullS: r.reach.EndS, FadeS: r.hold.EndS, EndS: r.ret.EndS})
		}
	}
	if !(p.SwayDeg >= 0 && p.SwayDeg <= 10) {
		m.Err = sw.Errorf(sw.EINVALID, "bird-dog: sway %g deg outside 0..10", p.SwayDeg)
	}
	sy := newSway(p.SwaySeed, 3)
	m.pose = func(b Body, t float64, st *State) Pose { return birdDogPose(b, p, m, sy, t, st) }
	return m
}

// quadruped is the geometry of the bird dog start for one body.
type quadruped struct {
	pelvis   Frame   // pelvis and thorax frame at the start
	hipY     float64 // hip joint height, m
	pitchDeg float64 // rise of the hip -> shoulder line toward the head
	knee     [2]Vec3 // knee contacts
	hand     [2]Vec3 // wrist positions with the palms flat
}

// quadrupedStart places the hands under the shoulders and the knees under
// the hips with the thighs vertical and the arms straight and vertical. The
// arm (shoulder to wrist) is longer than the thigh, so the hip -> shoulder
// line rises toward the head (about 15 deg for average proportions): the
// cue "trunk level" is about the back, and with vertical limbs the joint
// centres MediaPipe marks cannot be level too. The rise is capped at 25 deg;
// beyond it the elbows bend.
func quadrupedStart(b Body) quadruped {
	var q quadruped
	q.hipY = b.KneeRadiusM + b.ThighM
	arm := b.UpperArmM + b.ForearmM
	sinB := clamp((arm+b.WristHeightM-q.hipY)/b.TrunkM, math.Sin(-25*deg2rad), math.Sin(25*deg2rad))
	q.pitchDeg = math.Asin(sinB) * rad2deg
	q.pelvis = standing.turn(Vec3{0, 0, 1}, -(90 - q.pitchDeg))
	cb := math.Sqrt(1 - sinB*sinB)
	for i := 0; i < 2; i++ {
		ls := lateralSign(i)
		q.knee[i] = Vec3{0, b.KneeRadiusM, ls * b.HipWidthM / 2}
		q.hand[i] = Vec3{b.TrunkM * cb, b.WristHeightM, ls * b.ShoulderWidthM / 2}
	}
	return q
}

// instepPlantarDeg turns a foot whose shin lies on the floor so that its
// instep rests on the floor with the toe tip about 1.5 cm up and the heel
// up (our choice; it places the landmarks, it is not an anatomical ankle
// angle).
const instepPlantarDeg = 118.0

// supportKnee places a support knee a thigh's length from the hip: toward
// its floor contact when the hip is at least that far from it (a hiked hip
// lifts the knee off the floor), else on the floor, slid back from the
// contact until the thigh fits (a dropped hip).
func supportKnee(hip, contact Vec3, thighM float64) Vec3 {
	d := hip.sub(contact)
	if d.norm() >= thighM {
		return hip.add(d.neg().unit().scale(thighM))
	}
	along := math.Sqrt(thighM*thighM-d.Y*d.Y-d.Z*d.Z) - d.X
	return contact.add(Vec3{-along, 0, 0})
}

func birdDogPose(b Body, p BirdDogParams, m *Motion, sy sway, t float64, st *State) Pose {
	q := quadrupedStart(b)
	f := st.Faults
	// Reach progress of the current rep.
	var reach float64
	arm := -1
	if ph, ok := m.phaseAt(t); ok && ph.Rep > 0 {
		arm = sideIndex(ph.Side)
		switch ph.Name {
		case PhaseReach:
			reach = smoothstep(progress(ph, t))
		case PhaseHold:
			reach = 1
		case PhaseReturn:
			reach = 1 - smoothstep(progress(ph, t))
		}
	}
	leg := 1 - arm // the lifted leg is opposite the reaching arm
	// Signed faults are relative to the diagonal of the fault's rep; a
	// fault outside any rep (explicit times during the baseline) is taken
	// relative to the left arm.
	signSide := arm
	if signSide < 0 {
		signSide, leg = left, right
	}
	// Rotations in docs/angles.md's sign: + = left side up.
	rollDeg := -lateralSign(leg)*f[FaultPelvicRoll] + p.SwayDeg*sy.at(0, t)
	shRollDeg := -lateralSign(signSide)*f[FaultShoulderRoll] + p.SwayDeg*sy.at(1, t)
	sag := f[FaultTrunkSag]

	var pose Pose
	pose.Pelvis = Vec3{0, q.hipY - f[FaultHipDrop]/100, 0}
	pose.PelvisF = hinge(q.pelvis, -sag/2) // anterior tilt: the lumbar end dips
	pose.PelvisF = pose.PelvisF.turn(pose.PelvisF.S, rollDeg)
	// The thorax keeps the shoulders where the start put them when the
	// hips drop, then tilts by the other half of the sag and rolls.
	thorax := q.pelvis
	if d := f[FaultHipDrop]; d != 0 {
		start := Vec3{0, q.hipY, 0}.add(q.pelvis.S.scale(b.TrunkM))
		lumbar := pose.Pelvis.add(pose.PelvisF.S.scale(b.LumbarM))
		want := start.sub(lumbar)
		thorax = thorax.turn(Vec3{0, 0, 1}, signedAngle(thorax.S, want, Vec3{0, 0, 1}))
	}
	thorax = hinge(thorax, sag/2)
	pose.Thorax = thorax.turn(thorax.S, shRollDeg)
	pose.Head = hinge(pose.Thorax, p.NeckExtensionDeg)

	elev := p.ElevationDeg + f[FaultLimbHigh] + reach*p.SwayDeg*sy.at(2, t)
	se, ce := math.Sincos(elev * deg2rad)
	for i := 0; i < 2; i++ {
		// Legs: the support knee stays on its contact, the shin on the floor.
		hip := b.hipJoint(&pose, i)
		knee := supportKnee(hip, q.knee[i], b.ThighM)
		ankle := knee.add(Vec3{-b.ShankM, 0, 0})
		plantar := float64(instepPlantarDeg)
		if i == leg && reach > 0 {
			lifted := hip.add(Vec3{-ce, se, 0}.scale(b.ThighM + b.ShankM))
			ankle = ankle.lerp(lifted, reach)
			knee = solve2(hip, ankle, b.ThighM, b.ShankM, Vec3{0.5, -1, 0})
			plantar = instepPlantarDeg - (instepPlantarDeg-40)*reach
		}
		pose.Thigh[i], pose.Shank[i], _ = chain(pose.PelvisF, i, hip, knee, ankle, -1, Vec3{1, -0.5, 0})
		pose.Foot[i] = hinge(pose.Shank[i], -plantar)

		// Arms: the support hand stays flat under the shoulder.
		sh := b.shoulderJoint(&pose, i)
		wrist := q.hand[i]
		pole := pose.Thorax.S.neg()
		pron, ext := 180.0, 90.0
		if i == arm && reach > 0 {
			lifted := sh.add(Vec3{ce, se, 0}.scale(b.UpperArmM + b.ForearmM))
			wrist = wrist.lerp(lifted, reach)
			pole = pole.lerp(Vec3{0, -1, 0}, reach)
			pron, ext = 180-90*reach, 90*(1-reach)
		}
		elbow := solve2(sh, wrist, b.UpperArmM, b.ForearmM, pole)
		pose.UpperArm[i], pose.Forearm[i], _ = chain(pose.Thorax, i, sh, elbow, wrist, 1, pole)
		pose.Hand[i] = hinge(axial(pose.Forearm[i], lateralSign(i)*pron), -ext)
	}
	st.Set["pelvic_rotation_deg"] = rollDeg
	st.Set["shoulder_rotation_deg"] = shRollDeg
	st.Set["limb_elevation_deg"] = elev
	st.Set["reach"] = reach
	st.Set["hip_drop_cm"] = f[FaultHipDrop]
	st.Set["trunk_sag_deg"] = sag
	st.Set["baseline_trunk_pitch_deg"] = q.pitchDeg
	return pose
}

// birdDogMotion registers the bird dog (registry.go), filmed from behind
// and to the left: roll needs a rear or oblique view (docs/clinical.md).
var birdDogMotion = motionSpec(sw.ExerciseBirdDog, sw.ViewRearLeft, BirdDog,
	func(p *BirdDogParams) *[]FaultSpec { return &p.Faults }, birdDogOf, birdDogFaults)

// birdDogOf is the bird dog of the command line: o.Side reaches in every
// rep (alternating when none), and o.DurationS picks the number of reps.
func birdDogOf(o Options) *Motion {
	p := BirdDogParams{Faults: o.Faults, SwaySeed: o.Seed}
	setParams(&p, o.Set)
	arms := func(n int) []sw.Side {
		out := make([]sw.Side, n)
		for i := range out {
			out[i] = o.Side
			if o.Side == sw.SideNone {
				out[i] = []sw.Side{sw.SideLeft, sw.SideRight}[i%2]
			}
		}
		return out
	}
	p.Arms = arms(4)
	m := BirdDog(p)
	if o.DurationS > 0 && m.Err == nil {
		base := m.Phases[0].EndS        // the baseline
		per := (m.DurationS - base) / 4 // one rep with its rest
		p.Arms = arms(max(1, int(math.Round((o.DurationS-base)/per))))
		m = BirdDog(p)
	}
	return m
}
