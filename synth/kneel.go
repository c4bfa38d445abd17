package synth

import (
	"math"

	sw "github.com/stretchwise/stretchwise"
)

// Half-kneeling fault names; they match docs/contract.md's finding codes where
// one exists.
const (
	// FaultFrontKnee changes the front knee's flexion by the value, degrees
	// (the front foot slides to where that knee angle puts it).
	FaultFrontKnee = "front_knee"
	// FaultBackKnee bends the back knee more by the value, degrees (the
	// shin lifts off the floor, toes tucked).
	FaultBackKnee = "back_knee"
	// FaultTrunkLeanBack leans the trunk back by the value, degrees, by
	// lumbar extension while the thigh does not move: the low-back arch.
	FaultTrunkLeanBack = "trunk_lean_back"
	// FaultTrunkLeanForward leans the trunk forward by the value, degrees.
	FaultTrunkLeanForward = "trunk_lean_forward"
	// FaultHipsNotForward takes the value, degrees, off the down leg's hip
	// extension.
	FaultHipsNotForward = "hips_not_forward"
	// FaultHipsTooFarForward adds the value, degrees, to the down leg's hip
	// extension.
	FaultHipsTooFarForward = "hips_too_far_forward"
)

var kneelFaults = map[string]faultKind{
	FaultFrontKnee:         {"deg", "front knee flexion changed (+ more bent)", -50, 50},
	FaultBackKnee:          {"deg", "back knee bent more, shin off the floor", 0, 60},
	FaultTrunkLeanBack:     {"deg", "trunk leans back by lumbar extension, thigh still (low-back arch)", 0, 40},
	FaultTrunkLeanForward:  {"deg", "trunk leans forward", 0, 40},
	FaultHipsNotForward:    {"deg", "less hip extension of the down leg", 0, 30},
	FaultHipsTooFarForward: {"deg", "more hip extension of the down leg", 0, 30},
}

// KneelParams configure the half-kneeling hip flexor stretch. Zero fields
// take the defaults in brackets (docs/clinical.md's good form). Fields
// tagged set are the parameters of `stretchwise synth --set` (registry.go).
type KneelParams struct {
	// Side is the down knee, the stretched side [left].
	Side sw.Side
	// FrontKneeDeg is the front knee's flexion in the stretch [90].
	FrontKneeDeg float64 `set:"front_knee_deg"`
	// TrunkDeg is the trunk from vertical, positive forward [0].
	TrunkDeg float64 `set:"trunk_deg"`
	// HipExtDeg is the down leg's hip extension in the stretch [10]; the
	// start position has the thigh in line with the trunk (0).
	HipExtDeg float64 `set:"hip_ext_deg"`
	// PosteriorTiltDeg is the posterior pelvic tilt held in the stretch
	// [10]; it changes no landmark but the lumbar pivot and is reported in
	// the truth.
	PosteriorTiltDeg float64 `set:"posterior_tilt_deg"`
	// SetupS (upright in position), ShiftS (hips forward), HoldS and
	// ReleaseS [2, 2, 30, 2 s]. docs/clinical.md: holds of 10-30 s.
	SetupS, ShiftS float64
	HoldS          float64 `set:"hold_s"`
	ReleaseS       float64
	// Faults: front_knee, back_knee, trunk_lean_back, trunk_lean_forward,
	// hips_not_forward, hips_too_far_forward. Without times a fault fills
	// the middle third of the hold, eased in and out over 0.3 s.
	Faults []FaultSpec
	// SwayDeg is the RMS of natural sway, degrees, in the trunk lean and
	// the hip extension [0 = still]. SwaySeed draws its shape.
	SwayDeg  float64 `set:"sway_deg"`
	SwaySeed uint64
	// HamstringS, when positive, adds another exercise after the release:
	// the person moves (SwitchS, default 1 s) into a kneeling hamstring
	// stretch from the same down knee and holds it HamstringS seconds:
	// hips back over the down heel (the down thigh 15 deg forward of
	// vertical), the front leg nearly straight (knee 15 deg) with the heel
	// on the floor, the trunk leaning 40 deg forward. Phases "switch" and
	// "other"; a screen must not score them.
	HamstringS float64 `set:"hamstring_s"`
	SwitchS    float64
}

// Kneeling hamstring stretch (KneelParams.HamstringS): the pose the person
// switches to. Our choice, the usual form of the stretch.
const (
	hamstringThighDeg = -15 // down thigh behind vertical (negative: hips back)
	hamstringKneeDeg  = 15  // front knee flexion
	hamstringTrunkDeg = 40  // trunk forward of vertical
)

func (p *KneelParams) defaults() {
	if p.Side == sw.SideNone {
		p.Side = sw.SideLeft
	}
	def := func(x *float64, v float64) {
		if *x == 0 {
			*x = v
		}
	}
	def(&p.FrontKneeDeg, 90)
	def(&p.HipExtDeg, 10)
	def(&p.PosteriorTiltDeg, 10)
	def(&p.SetupS, 2)
	def(&p.ShiftS, 2)
	def(&p.HoldS, 30)
	def(&p.ReleaseS, 2)
}

// HalfKneeling returns the half-kneeling hip flexor stretch: the down knee
// on the floor with the shin flat, the front foot flat, the trunk upright;
// the hips shift forward into the stretch, hold, and come back. The front
// foot stays where the stretch with FrontKneeDeg puts it.
func HalfKneeling(p KneelParams) *Motion {
	p.defaults()
	m := &Motion{Exercise: sw.ExerciseHalfKneeling, Posture: sw.PostureHalfKneeling}
	m.Err = checkFaults(m.Exercise, p.Faults, kneelFaults)
	switch {
	case p.Side != sw.SideLeft && p.Side != sw.SideRight:
		m.Err = sw.Errorf(sw.EINVALID, "half-kneeling: side %q", p.Side)
	case !(p.FrontKneeDeg >= 30 && p.FrontKneeDeg <= 150):
		m.Err = sw.Errorf(sw.EINVALID, "half-kneeling: front knee %g deg outside 30..150", p.FrontKneeDeg)
	case !(p.HipExtDeg >= -20 && p.HipExtDeg <= 40):
		m.Err = sw.Errorf(sw.EINVALID, "half-kneeling: hip extension %g deg outside -20..40", p.HipExtDeg)
	case !(math.Abs(p.TrunkDeg) <= 40):
		m.Err = sw.Errorf(sw.EINVALID, "half-kneeling: trunk %g deg outside -40..40", p.TrunkDeg)
	}
	if err := checkDurations(m.Exercise, p.SetupS, p.ShiftS, p.HoldS, p.ReleaseS); err != nil {
		m.Err = err
	}
	if !(p.HamstringS >= 0 && p.HamstringS <= 600) || !(p.SwitchS >= 0 && p.SwitchS <= 10) {
		m.Err = sw.Errorf(sw.EINVALID, "half-kneeling: hamstring stretch %g s or switch %g s outside 0..600 and 0..10", p.HamstringS, p.SwitchS)
	}
	if !(math.Abs(p.PosteriorTiltDeg) <= 30) {
		m.Err = sw.Errorf(sw.EINVALID, "half-kneeling: posterior tilt %g deg outside -30..30", p.PosteriorTiltDeg)
	}
	var s schedule
	s.add(PhaseSetup, p.Side, 0, p.SetupS)
	s.add(PhaseShift, p.Side, 1, p.ShiftS)
	hold := s.add(PhaseHold, p.Side, 1, p.HoldS)
	s.add(PhaseRelease, p.Side, 1, p.ReleaseS)
	if p.HamstringS > 0 {
		sw := p.SwitchS
		if sw == 0 {
			sw = 1
		}
		s.add(PhaseSwitch, p.Side, 2, sw)
		s.add(PhaseOther, p.Side, 2, p.HamstringS)
	}
	m.Phases, m.DurationS = s.phases, s.t
	for _, f := range p.Faults {
		if f.StartS == 0 && f.EndS == 0 {
			third := (hold.EndS - hold.StartS) / 3
			f.StartS, f.EndS = hold.StartS+third, hold.StartS+2*third
		}
		if f.Side == sw.SideNone {
			f.Side = p.Side
		}
		m.Faults = append(m.Faults, spanFault(f, kneelFaults[f.Name].unit, 0.3))
	}
	if !(p.SwayDeg >= 0 && p.SwayDeg <= 10) {
		m.Err = sw.Errorf(sw.EINVALID, "half-kneeling: sway %g deg outside 0..10", p.SwayDeg)
	}
	sy := newSway(p.SwaySeed, 2)
	m.pose = func(b Body, t float64, st *State) Pose { return kneelPose(b, p, m, sy, t, st) }
	return m
}

// frontThigh returns the front thigh's angle from +X (degrees, negative
// below horizontal) that puts the ankle at ankle height with the knee bent
// kneeDeg, for a hip hipY metres above the floor. It bisects on the
// ankle height, which rises with the thigh angle over -80..80 deg for any
// knee angle up to 150 deg.
func frontThigh(b Body, hipY, kneeDeg float64) float64 {
	h := func(phi float64) float64 {
		return hipY + b.ThighM*math.Sin(phi*deg2rad) + b.ShankM*math.Sin((phi-kneeDeg)*deg2rad) - b.AnkleHeightM
	}
	lo, hi := -80.0, 80.0
	if h(lo) > 0 {
		return lo
	}
	if h(hi) < 0 {
		return hi
	}
	for k := 0; k < 60; k++ {
		mid := (lo + hi) / 2
		if h(mid) < 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

func kneelPose(b Body, p KneelParams, m *Motion, sy sway, t float64, st *State) Pose {
	f := st.Faults
	back := sideIndex(p.Side)
	front := 1 - back
	// Hip extension: 0 in the start position, HipExtDeg in the stretch.
	// Another exercise after the stretch: h goes 0 -> 1 over the switch.
	shift, h := 0.0, 0.0
	if ph, ok := m.phaseAt(t); ok {
		switch ph.Name {
		case PhaseShift:
			shift = smoothstep(progress(ph, t))
		case PhaseHold:
			shift = 1
		case PhaseRelease:
			shift = 1 - smoothstep(progress(ph, t))
		case PhaseSwitch:
			h = smoothstep(progress(ph, t))
		case PhaseOther:
			h = 1
		}
	}
	ext := p.HipExtDeg*shift - f[FaultHipsNotForward] + f[FaultHipsTooFarForward] + p.SwayDeg*sy.at(1, t)
	trunk := p.TrunkDeg + f[FaultTrunkLeanForward] + p.SwayDeg*sy.at(0, t)
	// The low-back arch leans the thorax back; the thigh keeps the angle
	// the unchanged trunk gave it.
	thighBack := ext + trunk // back thigh's angle behind vertical
	thorax := trunk - f[FaultTrunkLeanBack]
	thighBack += h * (hamstringThighDeg - thighBack)
	thorax += h * (hamstringTrunkDeg - thorax)
	trunk += h * (hamstringTrunkDeg - trunk)

	var pose Pose
	kneeB := Vec3{0, b.KneeRadiusM, lateralSign(back) * b.HipWidthM / 2}
	sb, cb := math.Sincos(thighBack * deg2rad)
	hipB := kneeB.add(Vec3{sb, cb, 0}.scale(b.ThighM))
	pose.Pelvis = Vec3{hipB.X, hipB.Y, 0}
	pose.PelvisF = standing.turn(Vec3{0, 0, 1}, p.PosteriorTiltDeg-trunk)
	pose.Thorax = b.aimTrunk(&pose, thorax)
	pose.Head = standing.turn(Vec3{0, 0, 1}, -0.3*thorax) // gaze kept about level (our choice)

	// Back leg: shin flat on the floor, or lifted by the back_knee fault.
	backKnee := 90 - thighBack + f[FaultBackKnee]
	anB := kneeB.add(sagittalDir(270 - thighBack - backKnee).scale(b.ShankM))
	pose.Thigh[back], pose.Shank[back], _ = chain(pose.PelvisF, back, hipB, kneeB, anB, -1, Vec3{1, 0, 0})
	pose.Foot[back] = hinge(pose.Shank[back], -instepPlantarDeg) // instep on the floor

	// Front leg: the foot stays where the stretch (with the set knee angle,
	// or the front_knee fault's) puts it; the knee follows by IK.
	frontKnee := p.FrontKneeDeg + f[FaultFrontKnee]
	frontKnee += h * (hamstringKneeDeg - frontKnee)
	refBack := p.HipExtDeg + p.TrunkDeg
	refHipY := b.KneeRadiusM + b.ThighM*math.Cos(refBack*deg2rad)
	refHipX := b.ThighM * math.Sin(refBack*deg2rad)
	phi := frontThigh(b, refHipY, frontKnee)
	ankleF := Vec3{refHipX, refHipY, 0}.
		add(sagittalDir(phi).scale(b.ThighM)).
		add(sagittalDir(phi - frontKnee).scale(b.ShankM))
	ankleF.Z = lateralSign(front) * b.HipWidthM / 2
	hipF := b.hipJoint(&pose, front)
	pole := Vec3{1, 1, 0}
	kneeF := solve2(hipF, ankleF, b.ThighM, b.ShankM, pole)
	anF := kneeF.add(ankleF.sub(kneeF).unit().scale(b.ShankM))
	pose.Thigh[front], pose.Shank[front], _ = chain(pose.PelvisF, front, hipF, kneeF, anF, -1, pole)
	pose.Foot[front] = standing // flat on the floor, toes forward

	// Hands on the hips, elbows out.
	for i := 0; i < 2; i++ {
		ls := lateralSign(i)
		hip := b.hipJoint(&pose, i)
		target := hip.add(pose.Thorax.local(0.01*b.HeightM, 0.07*b.HeightM, ls*0.04*b.HeightM))
		sh := b.shoulderJoint(&pose, i)
		apole := pose.Thorax.R.scale(ls).add(pose.Thorax.A.scale(-0.5))
		el := solve2(sh, target, b.UpperArmM, b.ForearmM, apole)
		wr := el.add(target.sub(el).unit().scale(b.ForearmM))
		pose.UpperArm[i], pose.Forearm[i], _ = chain(pose.Thorax, i, sh, el, wr, 1, apole)
		pose.Hand[i] = pose.Forearm[i]
	}
	st.Set["hip_extension_deg"] = thighBack - thorax
	st.Set["hip_extension_set_deg"] = ext
	st.Set["trunk_from_vertical_deg"] = thorax
	st.Set["front_knee_set_deg"] = frontKnee
	st.Set["back_knee_deg"] = backKnee
	st.Set["posterior_tilt_deg"] = p.PosteriorTiltDeg
	return pose
}

// aimTrunk returns the thorax frame, turned in the sagittal plane only,
// that makes the hip-midpoint -> shoulder-midpoint line lean leanDeg from
// vertical (positive toward +X), given the pelvis of pose (the lumbar pivot
// sits off that line when the pelvis is tilted against the thorax).
func (b Body) aimTrunk(pose *Pose, leanDeg float64) Frame {
	o := pose.PelvisF.S.scale(b.LumbarM) // pivot relative to the hip midpoint
	a := b.TrunkM - b.LumbarM
	sl, cl := math.Sincos(leanDeg * deg2rad)
	theta := leanDeg + math.Asin(clamp((o.Y*sl-o.X*cl)/a, -1, 1))*rad2deg
	return standing.turn(Vec3{0, 0, 1}, -theta)
}

// kneelMotion registers the half-kneeling stretch (registry.go), filmed
// from the side.
var kneelMotion = motionSpec(sw.ExerciseHalfKneeling, sw.ViewLeft, HalfKneeling,
	func(p *KneelParams) *[]FaultSpec { return &p.Faults }, kneelOf, kneelFaults)

// kneelOf is the half-kneeling stretch of the command line: o.Side is the
// down knee, and o.DurationS picks the hold.
func kneelOf(o Options) *Motion {
	p := KneelParams{Side: o.Side, Faults: o.Faults, SwaySeed: o.Seed}
	setParams(&p, o.Set)
	m := HalfKneeling(p)
	if o.DurationS > 0 && m.Err == nil {
		p.HoldS = math.Max(1, o.DurationS-m.DurationS+holdOf(m))
		m = HalfKneeling(p)
	}
	return m
}
