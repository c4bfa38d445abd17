package synth

import (
	"math"

	sw "github.com/stretchwise/stretchwise"
)

// Thomas test fault names.
const (
	// FaultPelvisTilt is an anterior pelvic tilt, degrees: the pelvis is
	// not controlled, the low back arches off the table and the hanging
	// thigh drops by the same angle, hiding tight hip flexors (Vigotsky
	// 2016 in docs/clinical.md: without pelvic control the test is weak).
	FaultPelvisTilt = "pelvis_tilt"
	// FaultHeldKnee is how far the held knee is let away from the chest,
	// degrees of hip flexion less than ThomasParams.HeldHipFlexDeg.
	FaultHeldKnee = "held_knee"
)

var thomasFaults = map[string]faultKind{
	FaultPelvisTilt: {"deg", "anterior pelvic tilt (pelvis not controlled); the hanging thigh drops with it", 0, 30},
	FaultHeldKnee:   {"deg", "held knee let away from the chest (less hip flexion)", 0, 60},
}

// ThomasLeg is the hanging leg's setting. The zero value means a normal
// result: thigh 5 deg below horizontal, knee bent 80 deg (Kendall, in
// docs/clinical.md).
type ThomasLeg struct {
	// ThighDeg is the thigh's elevation from horizontal with the pelvis
	// controlled (positive = above: tight one-joint hip flexors beyond
	// +5 deg per docs/clinical.md; normal about -10..0).
	ThighDeg float64 `json:"thigh_deg" set:"thigh_deg"`
	// KneeFlexDeg is the hanging knee's flexion (normal about 80; short
	// rectus femoris below 67-80 per docs/clinical.md).
	KneeFlexDeg float64 `json:"knee_flex_deg" set:"knee_deg"`
}

// Normal Thomas test values (docs/clinical.md: thigh at or below horizontal,
// knee about 80 deg).
const (
	NormalThighDeg    = -5.0
	NormalKneeFlexDeg = 80.0
)

// ThomasParams configure a modified Thomas test. Zero fields take the
// defaults in brackets. Fields tagged set are the parameters of
// `stretchwise synth --set` (registry.go; a leg's with its side first:
// left_thigh_deg).
type ThomasParams struct {
	// Sides lists the tested (hanging) leg of each trial [left, right].
	Sides []sw.Side
	Left  ThomasLeg `set:"left_"`
	Right ThomasLeg `set:"right_"`
	// TableM is the table height [0.75 m].
	TableM float64 `set:"table_m"`
	// HeldHipFlexDeg and HeldKneeFlexDeg pose the leg held to the chest
	// [120, 120]; the hip angle is relative to the pelvis.
	HeldHipFlexDeg, HeldKneeFlexDeg float64
	// SetupS (both knees held), MoveS (lowering and raising the tested
	// leg), HoldS (the measured hang) and RestS [2, 2.5, 8, 2 s].
	SetupS, MoveS float64
	HoldS         float64 `set:"hold_s"`
	RestS         float64
	// Faults: pelvis_tilt, held_knee. Without times a fault lasts the
	// whole test (or the trials of its Side).
	Faults []FaultSpec
	// SwayDeg is the RMS of natural sway of the hanging leg, degrees, in
	// the thigh angle and (doubled, the shank swings freely) the knee
	// [0 = still]. SwaySeed draws its shape.
	SwayDeg  float64 `set:"sway_deg"`
	SwaySeed uint64
}

func (p *ThomasParams) defaults() {
	if len(p.Sides) == 0 {
		p.Sides = []sw.Side{sw.SideLeft, sw.SideRight}
	}
	for _, l := range []*ThomasLeg{&p.Left, &p.Right} {
		if l.KneeFlexDeg == 0 {
			*l = ThomasLeg{ThighDeg: NormalThighDeg, KneeFlexDeg: NormalKneeFlexDeg}
		}
	}
	def := func(x *float64, v float64) {
		if *x == 0 {
			*x = v
		}
	}
	def(&p.TableM, 0.75)
	def(&p.HeldHipFlexDeg, 120)
	def(&p.HeldKneeFlexDeg, 120)
	def(&p.SetupS, 2)
	def(&p.MoveS, 2.5)
	def(&p.HoldS, 8)
	def(&p.RestS, 2)
}

// ThomasTest returns the modified Thomas test: lying back on a table with
// the hip joints at its edge and the head toward +X, both knees held to
// the chest, then for each trial the tested leg is lowered to hang over
// the edge, held, and raised again while the other knee stays held.
// Faults: pelvis_tilt, held_knee.
func ThomasTest(p ThomasParams) *Motion {
	p.defaults()
	m := &Motion{Exercise: sw.ExerciseThomasTest, Posture: sw.PostureSupine}
	m.Err = checkFaults(m.Exercise, p.Faults, thomasFaults)
	for _, l := range []ThomasLeg{p.Left, p.Right} {
		if !(l.ThighDeg >= -45 && l.ThighDeg <= 45) || !(l.KneeFlexDeg > 0 && l.KneeFlexDeg <= 150) {
			m.Err = sw.Errorf(sw.EINVALID, "thomas-test: thigh %g deg (want -45..45) or knee %g deg (want 0..150)", l.ThighDeg, l.KneeFlexDeg)
		}
	}
	if err := checkDurations(m.Exercise, p.SetupS, p.MoveS, p.HoldS, p.RestS); err != nil {
		m.Err = err
	}
	if !(p.HeldHipFlexDeg >= 60 && p.HeldHipFlexDeg <= 150) || !(p.HeldKneeFlexDeg >= 30 && p.HeldKneeFlexDeg <= 160) {
		m.Err = sw.Errorf(sw.EINVALID, "thomas-test: held hip %g deg (want 60..150) or knee %g deg (want 30..160)", p.HeldHipFlexDeg, p.HeldKneeFlexDeg)
	}
	if !(p.TableM >= 0.6 && p.TableM <= 1.5) {
		m.Err = sw.Errorf(sw.EINVALID, "thomas-test: table height %g m outside 0.6..1.5 (a lower table puts the hanging foot on the floor)", p.TableM)
	}
	var s schedule
	s.add(PhaseSetup, sw.SideNone, 0, p.SetupS)
	type trial struct{ lower, hold, raise Phase }
	trials := make([]trial, len(p.Sides))
	for i, side := range p.Sides {
		if side != sw.SideLeft && side != sw.SideRight {
			m.Err = sw.Errorf(sw.EINVALID, "thomas-test: trial %d: side %q", i+1, side)
		}
		trials[i].lower = s.add(PhaseLower, side, i+1, p.MoveS)
		trials[i].hold = s.add(PhaseHold, side, i+1, p.HoldS)
		trials[i].raise = s.add(PhaseRaise, side, i+1, p.MoveS)
		s.add(PhaseRest, sw.SideNone, 0, p.RestS)
	}
	m.Phases, m.DurationS = s.phases, s.t
	for _, f := range p.Faults {
		unit := thomasFaults[f.Name].unit
		switch {
		case f.StartS != 0 || f.EndS != 0:
			m.Faults = append(m.Faults, spanFault(f, unit, 0.5))
		case f.Side == sw.SideNone:
			m.Faults = append(m.Faults, Fault{Name: f.Name, Value: f.Value, Unit: unit,
				StartS: 0, FullS: 0, FadeS: m.DurationS, EndS: m.DurationS})
		default:
			for i, tr := range trials {
				if p.Sides[i] == f.Side {
					m.Faults = append(m.Faults, Fault{Name: f.Name, Side: f.Side, Value: f.Value, Unit: unit,
						StartS: tr.lower.StartS, FullS: tr.lower.EndS, FadeS: tr.raise.StartS, EndS: tr.raise.EndS})
				}
			}
		}
	}
	if !(p.SwayDeg >= 0 && p.SwayDeg <= 10) {
		m.Err = sw.Errorf(sw.EINVALID, "thomas-test: sway %g deg outside 0..10", p.SwayDeg)
	}
	sy := newSway(p.SwaySeed, 2)
	m.pose = func(b Body, t float64, st *State) Pose { return thomasPose(b, p, m, sy, t, st) }
	return m
}

// supine is the frame of a person lying face up with the head toward +X.
var supine = Frame{A: Vec3{0, 1, 0}, S: Vec3{1, 0, 0}, R: Vec3{0, 0, -1}}

// sagittalDir returns the unit direction at angle deg from +X toward +Y.
func sagittalDir(deg float64) Vec3 {
	s, c := math.Sincos(deg * deg2rad)
	return Vec3{c, s, 0}
}

func thomasPose(b Body, p ThomasParams, m *Motion, sy sway, t float64, st *State) Pose {
	f := st.Faults
	tilt := f[FaultPelvisTilt]
	heldHip := p.HeldHipFlexDeg - f[FaultHeldKnee]
	var pose Pose
	// Hip joints 2 cm in from the table edge at X = 0 (our choice: the
	// buttocks at the edge leave the thigh free to drop).
	pose.Pelvis = Vec3{0.02, p.TableM + b.HipDepthM, 0}
	// Anterior tilt turns the pelvis about its left-right axis so that its
	// top rises off the table: in the lab a counterclockwise turn (seen
	// from the left, +Z) by tilt.
	pose.PelvisF = hinge(supine, -tilt)
	// The thorax lies on the table: aim it from the lumbar pivot to a
	// shoulder midpoint resting at ShoulderDepthM above the table.
	lumbar := pose.Pelvis.add(pose.PelvisF.S.scale(b.LumbarM))
	dy := p.TableM + b.ShoulderDepthM - lumbar.Y
	up := b.TrunkM - b.LumbarM
	pitch := math.Asin(clamp(dy/up, -1, 1)) * rad2deg
	pose.Thorax = supine.turn(Vec3{0, 0, 1}, pitch)
	pose.Head = hinge(pose.Thorax, -10) // on a thin pillow (our choice)

	// Which leg hangs, and how far down it is.
	tested, down := -1, 0.0
	if ph, ok := m.phaseAt(t); ok && ph.Rep > 0 {
		tested = sideIndex(ph.Side)
		switch ph.Name {
		case PhaseLower:
			down = smoothstep(progress(ph, t))
		case PhaseHold:
			down = 1
		case PhaseRaise:
			down = 1 - smoothstep(progress(ph, t))
		}
	}
	for i := 0; i < 2; i++ {
		hip := b.hipJoint(&pose, i)
		// Held at the chest: the hip flexion is relative to the pelvis, so
		// the thigh turns with the pelvic tilt (lab angle from +X).
		thighAng := 180 - heldHip + tilt
		knee := p.HeldKneeFlexDeg
		if i == tested {
			leg := p.Left
			if i == right {
				leg = p.Right
			}
			// Hanging: the observed elevation is the controlled one minus
			// the anterior tilt.
			hang := 180 - (leg.ThighDeg - tilt + p.SwayDeg*sy.at(0, t))
			thighAng += (hang - thighAng) * down
			knee += (leg.KneeFlexDeg + 2*p.SwayDeg*sy.at(1, t) - knee) * down
			st.Set["thigh_set_deg"] = leg.ThighDeg
			st.Set["thigh_observed_deg"] = 180 - thighAng
			st.Set["knee_set_deg"] = knee
			st.Set["hang"] = down
		}
		kn := hip.add(sagittalDir(thighAng).scale(b.ThighM))
		an := kn.add(sagittalDir(thighAng + knee).scale(b.ShankM))
		pose.Thigh[i], pose.Shank[i], _ = chain(pose.PelvisF, i, hip, kn, an, -1, Vec3{-1, 1, 0})
		pose.Foot[i] = hinge(pose.Shank[i], -20) // relaxed ankle (our choice)
	}
	// Hands hold the knee (or knees) at the chest: each hand on the shin of
	// a held leg just below the knee (both on the one held leg during a
	// trial).
	for i := 0; i < 2; i++ {
		leg := i
		if tested >= 0 {
			leg = 1 - tested
		}
		kn := b.hipJoint(&pose, leg).add(pose.Thigh[leg].down().scale(b.ThighM))
		shin := pose.Shank[leg].down()
		target := kn.add(shin.scale(0.1 * b.ShankM)).add(pose.Thorax.R.scale(lateralSign(i) * 0.04 * b.HeightM))
		sh := b.shoulderJoint(&pose, i)
		pole := pose.Thorax.R.scale(lateralSign(i)).add(Vec3{0, -1, 0})
		el := solve2(sh, target, b.UpperArmM, b.ForearmM, pole)
		wr := el.add(target.sub(el).unit().scale(b.ForearmM))
		pose.UpperArm[i], pose.Forearm[i], _ = chain(pose.Thorax, i, sh, el, wr, 1, pole)
		pose.Hand[i] = pose.Forearm[i]
	}
	st.Set["pelvic_tilt_deg"] = tilt
	st.Set["held_hip_flex_deg"] = heldHip
	st.Set["table_m"] = p.TableM
	return pose
}

// thomasMotion registers the Thomas test (registry.go), filmed from the
// side.
var thomasMotion = motionSpec(sw.ExerciseThomasTest, sw.ViewLeft, ThomasTest,
	func(p *ThomasParams) *[]FaultSpec { return &p.Faults }, thomasOf, thomasFaults)

// thomasOf is the Thomas test of the command line: o.Side is the one leg
// tested (both when none), and o.DurationS picks the hold.
func thomasOf(o Options) *Motion {
	normal := ThomasLeg{ThighDeg: NormalThighDeg, KneeFlexDeg: NormalKneeFlexDeg}
	p := ThomasParams{Faults: o.Faults, SwaySeed: o.Seed, Left: normal, Right: normal}
	if o.Side != sw.SideNone {
		p.Sides = []sw.Side{o.Side}
	}
	setParams(&p, o.Set) // a leg given only one of thigh and knee keeps the normal value for the other
	m := ThomasTest(p)
	if o.DurationS > 0 && m.Err == nil {
		trials := float64(len(m.Phases)-1) / 4
		p.HoldS = math.Max(1, (o.DurationS-m.DurationS)/trials+holdOf(m))
		m = ThomasTest(p)
	}
	return m
}
