package kneel

import (
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess"
	"github.com/stretchwise/stretchwise/geom"

	"github.com/stretchwise/stretchwise/internal/ring"
)

// Check is one form check of the half-kneeling hip flexor stretch. The
// offline analysis (Assess) and the live coach (package coach) run the same
// checks through the same Evaluator, so the thresholds live in one place:
// Rules.
type Check int

// The checks, in the order of their cue priority (most important first):
// the low-back arch is what the stretch must avoid for a sore back, then
// the trunk, then the hip shift that makes the stretch, then the knees.
const (
	CheckTrunkLeanBack    Check = iota // trunk leaning back / low-back arch
	CheckTrunkLeanForward              // trunk leaning forward
	CheckHipsNotForward                // the down leg's hip not extended: hips not forward
	CheckFrontKnee                     // front knee far from 90 deg
	CheckBackKnee                      // back knee far from 90 deg
	NumChecks
)

var checkCodes = [NumChecks]string{"trunk_lean_back", "trunk_lean_forward", "hips_not_forward", "front_knee", "back_knee"}

// Code returns the finding code of docs/contract.md for the check.
func (c Check) Code() string { return assess.Code(checkCodes[:], c) }

// Status is the state of one check at one instant.
type Status uint8

// Check statuses.
const (
	StatusUnknown Status = iota // not measurable (landmarks hidden, not in position)
	StatusOK
	StatusFault
)

// String returns "unknown", "ok" or "fault".
func (s Status) String() string {
	switch s {
	case StatusOK:
		return "ok"
	case StatusFault:
		return "fault"
	}
	return "unknown"
}

// Rules holds every threshold of the half-kneeling checks. Each field names
// its source: docs/clinical.md or "our choice,
// because ...". Pass a modified copy of DefaultRules to override any.
type Rules struct {
	// KneeDeg and KneeTolDeg: both knees should be bent KneeDeg +/-
	// KneeTolDeg. docs/clinical.md, half-kneeling defaults: "knees 90 +/- 15 deg".
	// The front knee is judged against KneeDeg, the back knee against
	// BackKneeDeg, each with the tolerance KneeTolDeg.
	KneeDeg, KneeTolDeg float64
	// BackKneeDeg is the back (down) knee's flexion in a correct stretch,
	// the centre of its KneeTolDeg band. docs/clinical.md's "both knees about
	// 90 deg" is the kneeling position, thigh vertical over the knee and
	// shin flat on the floor. Shifting the hips forward into the stretch
	// tilts the down thigh back by the hip extension (trunk upright), and
	// with the shin still flat the back knee opens by as much: at the
	// target HipExtTargetDeg of 10 deg it bends 80 deg. So the default is
	// KneeDeg - HipExtTargetDeg, which keeps the +/- 15 deg band around
	// the stretch the person is asked to do. Centred on 90, a correct
	// stretch would sit 5 deg, measurement noise (docs/clinical.md), from the
	// band's lower edge and 25 deg from its upper one.
	BackKneeDeg float64
	// TrunkMaxDeg: the trunk should stay within this of vertical, forward
	// or back. docs/clinical.md: "trunk within 10 deg of vertical".
	TrunkMaxDeg float64
	// ArchDeg: backward trunk lean not matched by the down thigh moving
	// forward (the low-back-arch proxy) above this is a low-back arch.
	// docs/clinical.md: "backward trunk lean > 5-10 deg while thigh angle is
	// unchanged = low-back arch warning"; 7 is our choice inside that range,
	// because 5 is within two standard deviations of the live trunk noise
	// (about 1-2 deg, docs/angles.md) while 10 would add nothing to
	// TrunkMaxDeg.
	ArchDeg float64
	// HipExtMinDeg: the down leg's hip extension below this means the hips
	// are not forward. Our choice, because docs/clinical.md's target is "about
	// 10 deg hip extension" with the hips "forward only slightly": 4 deg is
	// 6 deg short of the target, about three times the hip angle's noise
	// after filtering (docs/angles.md: 2 deg), so a good stretch does not
	// trip it while an unshifted pelvis (0 deg) does.
	HipExtMinDeg float64
	// HipExtTargetDeg is the hip extension the stretch aims for.
	// docs/clinical.md: "target about 10 deg hip extension".
	HipExtTargetDeg float64
	// ShiftedDeg: the stretch (and the hold) begins once the down hip's
	// slow extension (Evaluator.Shifted) reaches this. Our choice, because halfway between
	// HipExtMinDeg and HipExtTargetDeg is past the noise of a person still
	// upright (0 deg) yet reached by any real shift into the stretch.
	ShiftedDeg float64
	// DownThighDeg and FrontThighDeg recognise the position: the down
	// thigh's elevation is below -DownThighDeg (within 50 deg of vertical)
	// and the front thigh's above -FrontThighDeg (within 35 deg of
	// horizontal). Our choice, because a trunk leaning 25 deg forward with
	// the hips 20 deg forward still puts the down thigh 45 deg from
	// vertical, a front foot placed far forward or back still keeps the
	// front thigh within about 30 deg of horizontal, and the two ranges do
	// not overlap.
	DownThighDeg, FrontThighDeg float64
	// SideOnRatio: the view counts as a side view when the shoulders are at
	// most this far apart in the image, as a fraction of the trunk's length
	// (SideOn). Our choice, because the shoulders (about 0.35 m apart) over
	// a trunk of about 0.5 m give about 0.7 from the front, about 0.5 at
	// 45 deg, and about 0.15 from a true side view with a camera slightly
	// above: 0.35 accepts a view up to about 30 deg off the side.
	SideOnRatio float64
	// LowGate is the visibility down to which SideOn uses the shoulders and
	// hips. Our choice, as posture.Config.OccludedGate: a hidden far
	// shoulder is placed by the pose estimator though marked less visible.
	LowGate float64
	// UprightDeg: the trunk within this of vertical counts as upright for
	// the position. Our choice, because a trunk leaning 45 deg is bending
	// over, not kneeling upright, yet leaning 30 deg (a trunk fault) is
	// still the position.
	UprightDeg float64
	// SitBackDeg and StraightKneeDeg: a down hip flexed more than
	// SitBackDeg (hip extension below -SitBackDeg), or a front knee bent
	// less than StraightKneeDeg, is not this stretch but another exercise
	// in the same kneeling start, such as the kneeling hamstring stretch
	// (hips back over the down heel, the front leg nearly straight): such
	// frames are out of the position and not scored (Tested). Our choice,
	// because the stretch extends the down hip (docs/clinical.md: target about
	// 10 deg), a trunk leaning 20-30 deg forward from the hips brings it to
	// about -10 to -20 deg, still a fault to correct, and the front knee's
	// faults of interest lie within 90 +/- 60 deg; a hamstring stretch
	// flexes the hip 50-80 deg and straightens the front knee to 0-40 deg.
	SitBackDeg, StraightKneeDeg float64
	// MarginDeg: the slow value (see ConfirmS) must pass a threshold by
	// this much for a fault to be confirmed, so that a value within
	// measurement noise of the clinical threshold is not called a fault.
	// Our choice, because docs/clinical.md notes that differences under about
	// 5 deg are noise even for a goniometer, and the live angles at
	// realistic landmark noise scatter by about 3-4 deg after the WindowS
	// median (docs/validation-hips.md).
	MarginDeg float64
	// StatusMarginDeg: the fast value (the WindowS median) must pass a
	// threshold by this much for the check's status to turn "fault". Our
	// choice, because the status is the live detection (the target: within
	// 0.5 s of a fault's onset) and is not spoken: nothing is cued, timed
	// or reported before the confirmation, which keeps MarginDeg. At 5 deg
	// the status missed faults of the synthetic battery that build up to
	// only 3-9 deg past the threshold plus margin (hips 14-20 deg back,
	// trunk 15-25 deg back) by more than 0.5 s; at 4 deg (with OnS 0
	// and the steadied hip extension, steadyHipExt) it detects at least
	// 95 % of them on each of seeds 1-8, and a check's status is falsely
	// "fault" 2.4-5.4 % of good-form time at realistic noise, less than
	// the 3.9-7.1 % before those changes (docs/validation-hips.md). Not
	// lower, because the hip extension's per-recording bias (-5 to +7 deg
	// at realistic noise) already keeps the most biased recordings' hips
	// status falsely "fault" a quarter of the time; 3 deg (measured with
	// the plain hip extension) doubled the false status time.
	StatusMarginDeg float64
	// HysteresisDeg: a fault clears only when its value is this far back
	// inside the threshold. Our choice, because it is about the live angle
	// noise (docs/angles.md), so noise at a threshold does not flicker.
	HysteresisDeg float64
	// WindowS: each metric is the median of its values over the last
	// WindowS seconds before it is compared with a threshold. Our choice,
	// because pose-estimator jitter is correlated over about 0.1 s (package
	// synth's MediaPipe model), so a median over 0.3 s removes its peaks,
	// while it delays a fault by only about half the window.
	WindowS float64
	// OnS: a fault must be seen this long without a break before its
	// status turns "fault". Our choice: 0, because the WindowS median
	// already rejects glitches (a value must be beyond the threshold in
	// half the window, about 0.1 s, to move the median there), and any
	// wait on top of it delays detection one for one: at 0.05 s (two
	// frames at 30 fps) the median status latency at realistic noise was
	// 0.34-0.36 s, without it 0.28-0.29 s, out of the 0.5 s target,
	// while the false status time rose by about one percentage point
	// (seeds 1-5; docs/validation-hips.md).
	OnS float64
	// PositionOnS: the position must be seen this long without a break
	// before it counts as established. Our choice, because with the
	// WindowS median already rejecting glitches 0.05 s is enough, and the
	// position is not a detection against the clock (only the faults
	// are timed), so it keeps the value the coach's setup guidance (GuideS)
	// was tuned with.
	PositionOnS float64
	// ConfirmS and ConfirmTauS: a fault is confirmed once its status is
	// "fault" and the slow value (the window median averaged exponentially
	// with time constant ConfirmTauS) has also been MarginDeg beyond the
	// threshold for ConfirmS; it stays confirmed while the slow value
	// stays MarginDeg - HysteresisDeg beyond (the hysteresis applies only
	// once confirmed, so that the lower StatusMarginDeg does not lower the
	// bar for a cue). Only confirmed faults are cued by the coach, stop the
	// hold timer and become findings; the status itself, shown live, is
	// not delayed. Our choice, because at realistic landmark noise the fast
	// value wanders past a threshold for fractions of a second at a time
	// (package synth's MediaPipe-like jitter is correlated over about
	// 0.1 s, with a per-recording bias), the half-second average halves that
	// scatter, a person settling into the stretch wobbles for about a
	// second, and a cue about a second and a half after a fault begins
	// still comes early in a 30 s hold.
	ConfirmS, ConfirmTauS float64
	// StepDeg, FastS, ScatterK, JitterMaxDeg and ScatterTauS: the fast
	// path of the confirmation, for abrupt, clear faults. A fault is also
	// confirmed once, within ConfirmTauS of the fast value (the WindowS
	// median) going MarginDeg past the threshold, it has stood for FastS
	// at least StepDeg, and at least ScatterK times the check's own
	// scatter, toward the fault from the person's level just before (the
	// slow value then); and only while the landmarks are steady enough to
	// tell a step from noise: the check's per-frame value changes by at
	// most JitterMaxDeg from frame to frame on average. The scatter is the
	// root mean square of the fast value minus the slow one and the
	// jitter the mean absolute change from frame to frame, both averaged
	// over ScatterTauS. Faults that build up slowly, sit near the
	// threshold, are there from the start or are seen through noisy
	// landmarks take the slow path (ConfirmS). Our choice, because the
	// slow path alone cued an abrupt fault 1.6-1.8 s after it began
	// (median, docs/validation-hips.md), while the per-recording bias of
	// the landmarks (-5 to +7 deg in the hip extension at realistic noise),
	// which keeps a value near a threshold, cancels in a step from the
	// person's own level. The values were measured on the synthetic
	// battery (docs/validation-hips.md): at realistic noise steps of 10
	// deg held 0.05 s gave no more false cues than the slow path alone;
	// without the scatter rule they gave 0.87 per 5 min; at the high noise
	// level landmark errors of 20-40 deg that last 0.3-0.6 s look like a
	// fault for longer than 0.5 s, and there the jitter (2-7 deg per frame
	// against 0.7-1.9 at realistic noise) turns the fast path off.
	StepDeg, FastS, ScatterK, JitterMaxDeg, ScatterTauS float64
	// OffS: a fault must be gone this long before it clears, and the
	// position lost this long before it ends. Our choice, because a longer
	// clearing than onset makes a borderline fault flicker less, and half
	// a second of good form is a deliberate correction.
	OffS float64
	// RefTimeS: the time constant in seconds of the running reference of
	// the down thigh's angle (taken over good-form frames) that the arch
	// proxy compares against. Our choice, because a couple of seconds
	// follows a person settling deeper into the stretch yet does not follow
	// an arch that builds up over a second.
	RefTimeS float64
}

// DefaultRules are the rules the CLI, the server and the coach use.
var DefaultRules = Rules{
	KneeDeg:         90,
	KneeTolDeg:      15,
	BackKneeDeg:     80, // KneeDeg - HipExtTargetDeg
	TrunkMaxDeg:     10,
	ArchDeg:         7,
	HipExtMinDeg:    4,
	HipExtTargetDeg: 10,
	ShiftedDeg:      7,
	DownThighDeg:    40,
	FrontThighDeg:   35,
	UprightDeg:      45,
	SitBackDeg:      40,
	StraightKneeDeg: 30,
	SideOnRatio:     0.35,
	LowGate:         0.1,
	MarginDeg:       5,
	StatusMarginDeg: 4,
	HysteresisDeg:   2,
	WindowS:         0.2,
	OnS:             0,
	PositionOnS:     0.05,
	ConfirmS:        1,
	ConfirmTauS:     0.5,
	StepDeg:         10,
	FastS:           0.05,
	ScatterK:        4,
	JitterMaxDeg:    2,
	ScatterTauS:     5,
	OffS:            0.5,
	RefTimeS:        2,
}

// Metrics are the per-frame quantities of the checks, in degrees; NaN when
// not measurable.
type Metrics struct {
	// Down is the down knee (the stretched side): geom.Left or geom.Right,
	// -1 when the position is not recognised.
	Down int
	// InPosition: a half-kneeling position this frame (one thigh near
	// vertical, the other near horizontal, trunk upright).
	InPosition bool
	FrontKnee  float64 // front knee flexion
	BackKnee   float64 // back (down) knee flexion
	Trunk      float64 // trunk from vertical, positive forward
	HipExt     float64 // the down leg's hip extension (minus hip flexion)
	// ThighBack is the down thigh's angle behind vertical (trunk lean minus
	// hip flexion): it grows when the hips move forward over the down knee
	// and stays when only the low back arches.
	ThighBack float64
}

// Position recognises the half-kneeling position in one frame's angles and
// returns the down knee (geom.Left or geom.Right) and whether the frame is
// in the position. The down thigh is the one nearer vertical. The trunk
// must be measured: compute a with a facing (geom.ComputeFacing), +1 when
// it is not known, since only the trunk's tilt, not its sign, matters here.
func Position(a *geom.Angles, r *Rules) (down int, ok bool) {
	if !a.Has(geom.ValidThighLeft | geom.ValidThighRight) {
		return -1, false
	}
	down = geom.Left
	if a.ThighElevation[geom.Right] < a.ThighElevation[geom.Left] {
		down = geom.Right
	}
	front := 1 - down
	ok = a.ThighElevation[down] <= -r.DownThighDeg && a.ThighElevation[front] >= -r.FrontThighDeg &&
		a.Has(geom.ValidTrunk) && math.Abs(a.TrunkFromVertical) <= r.UprightDeg
	return down, ok
}

// Tested reports whether a frame whose metrics are m, recognised as the
// position by Position, is the tested stretch rather than another exercise
// from the same kneeling start (Rules.SitBackDeg, Rules.StraightKneeDeg).
// Values not measured do not count against it.
func (r *Rules) Tested(m *Metrics) bool {
	return !(m.HipExt < -r.SitBackDeg) && !(m.FrontKnee < r.StraightKneeDeg)
}

// Measure fills m from one frame's angles with down as the down knee
// (geom.Left or geom.Right). inPos says whether the frame is in the
// position (Position, possibly smoothed by the caller).
func Measure(m *Metrics, a *geom.Angles, down int, inPos bool) {
	nan := math.NaN()
	*m = Metrics{Down: down, InPosition: inPos, FrontKnee: nan, BackKnee: nan, Trunk: nan, HipExt: nan, ThighBack: nan}
	if down != geom.Left && down != geom.Right {
		m.Down = -1
		return
	}
	front := 1 - down
	if a.Has(geom.ValidKnee[front]) {
		m.FrontKnee = a.KneeFlexion[front]
	}
	if a.Has(geom.ValidKnee[down]) {
		m.BackKnee = a.KneeFlexion[down]
	}
	if a.Has(geom.ValidTrunk) {
		m.Trunk = a.TrunkFromVertical
	}
	if a.Has(geom.ValidHip[down]) {
		m.HipExt = -a.HipFlexion[down]
		if a.Has(geom.ValidTrunk) {
			m.ThighBack = a.TrunkFromVertical + m.HipExt
		}
	}
}

// checkState is the hysteresis of one boolean condition in time.
type checkState struct {
	status Status
	onset  float64 // when the status last became fault
	conf   float64 // since when the slow value has also been beyond the threshold, NaN when not
	since  float64 // when the current candidate run began, NaN for none
	cand   bool    // the candidate value being timed
	seen   float64 // last time the condition was known, NaN before
	// The fast path (Rules.StepDeg): ref is the slow value while the
	// fast one is inside the threshold plus MarginDeg (the person's own
	// level before a fault), NaN before; cross when the fast value went
	// past it; fastSince since when it has been a clear step, NaN when
	// not; fastOK that the fault was confirmed by that path; ms the
	// running mean square of the fast value minus the slow one (its
	// scatter), NaN before.
	ref, cross, fastSince, ms float64
	fastOK                    bool
}

// clearState is a check's state when nothing is known.
func clearState() checkState {
	nan := math.NaN()
	return checkState{status: StatusUnknown, since: nan, seen: nan, conf: nan, ref: nan, cross: nan, fastSince: nan, ms: nan}
}

// Evaluator turns per-frame metrics into check statuses with hysteresis in
// value (HysteresisDeg) and time (OnS, PositionOnS, OffS), and keeps the running
// reference of the down thigh for the low-back-arch proxy. The zero value
// is not usable; use NewEvaluator. It allocates nothing.
type Evaluator struct {
	r      Rules
	checks [NumChecks]checkState
	pos    checkState
	ref    float64 // running reference of ThighBack, NaN until good form
	refT   float64 // time of the last reference update
	lastT  float64
	arch   float64 // last arch proxy, deg
	rings  [numSmoothed]ring.Window
	sm     Metrics // the last smoothed metrics
	slow   Metrics // sm averaged over Rules.ConfirmTauS, for the confirmation
	// slowHip is the hips check's value (steadyHipExt) averaged over
	// Rules.ConfirmTauS, for its confirmation.
	slowHip float64
	// prev and jit: each smoothed metric's last raw value and the running
	// mean of its change from frame to frame (Rules.ScatterTauS), the
	// landmark jitter the fast path of the confirmation is weighed
	// against; NaN before.
	prev, jit [numSmoothed]float64
	// shake and shakeN: the same mean change of the two knees' angles
	// (front, back), averaged from their first value on (a plain mean
	// until Rules.ScatterTauS's weight is smaller), and how many changes
	// it holds; for Jitter.
	shake  [2]float64
	shakeN [2]int
}

// The metrics the evaluator smooths, indices of Evaluator.rings.
const (
	smFrontKnee = iota
	smBackKnee
	smTrunk
	smHipExt
	smThighBack
	numSmoothed
)

// Shifted reports whether the hips are shifted into the stretch, with the
// position established: the slow hip extension (the window median averaged
// over Rules.ConfirmTauS, as for confirming a fault) has reached
// Rules.ShiftedDeg. The slow value, because at realistic landmark noise the
// window median of a person still upright (0 deg) touches 7 deg for a frame
// or two, which would start the stretch, and its hold, before the hips
// moved.
func (e *Evaluator) Shifted() bool {
	return e.pos.status == StatusFault && e.slow.HipExt >= e.r.ShiftedDeg
}

// Smoothed returns the metrics of the last Update after the WindowS
// median: the values the checks compared (HipExt is the thigh's median
// against the slow trunk, steadyHipExt).
func (e *Evaluator) Smoothed() Metrics { return e.sm }

// NewEvaluator returns an evaluator with the rules r.
func NewEvaluator(r Rules) *Evaluator {
	e := &Evaluator{r: r}
	e.Reset()
	return e
}

// Reset forgets all state, as for a new recording or session.
func (e *Evaluator) Reset() {
	for i := range e.checks {
		e.checks[i] = clearState()
	}
	e.pos = clearState()
	e.ref, e.refT, e.lastT, e.arch = math.NaN(), math.NaN(), math.NaN(), math.NaN()
	e.rings = [numSmoothed]ring.Window{}
	nan := math.NaN()
	e.sm = Metrics{Down: -1, FrontKnee: nan, BackKnee: nan, Trunk: nan, HipExt: nan, ThighBack: nan}
	e.slow = e.sm
	e.slowHip = nan
	for i := range e.prev {
		e.prev[i], e.jit[i] = nan, nan
	}
	for i := range e.shake {
		e.shake[i], e.shakeN[i] = 0, 0
	}
}

// Jitter returns the mean change from frame to frame of the two knees'
// angles over about the last Rules.ScatterTauS, degrees: how unsteady the
// landmarks are; the one knee's when the other is not measured, NaN until
// one has been measured in minShakeN changes.
func (e *Evaluator) Jitter() float64 {
	f, b := e.shake[0], e.shake[1]
	if e.shakeN[0] < minShakeN {
		f = math.NaN()
	}
	if e.shakeN[1] < minShakeN {
		b = math.NaN()
	}
	switch {
	case math.IsNaN(f):
		return b
	case math.IsNaN(b):
		return f
	}
	return (f + b) / 2
}

// Rules returns the evaluator's rules.
func (e *Evaluator) Rules() Rules { return e.r }

// InPosition reports whether the position is established (after
// PositionOnS).
func (e *Evaluator) InPosition() bool { return e.pos.status == StatusOK }

// Arch returns the last low-back-arch proxy in degrees: the backward trunk
// lean not matched by the down thigh moving forward from its reference;
// NaN when not measurable.
func (e *Evaluator) Arch() float64 { return e.arch }

// Status returns the current status of check c.
func (e *Evaluator) Status(c Check) Status { return e.checks[c].status }

// Confirmed reports whether check c is a confirmed fault, and since when
// its status has been "fault" (the start of the run of faulty values).
// A fault is confirmed when its status is "fault" and either the slow
// value (the metric averaged over Rules.ConfirmTauS) has also been
// Rules.MarginDeg beyond the threshold for Rules.ConfirmS (for the
// hysteresis: see there), or, for an abrupt clear fault, the fast value
// has stepped Rules.StepDeg from the person's own level for Rules.FastS
// (the fast path: see there).
func (e *Evaluator) Confirmed(c Check) (bool, float64) {
	s := &e.checks[c]
	if s.status != StatusFault || !(s.fastOK || e.lastT-s.conf >= e.r.ConfirmS) {
		return false, math.NaN()
	}
	return true, s.onset
}

// Clearing reports whether check c is a fault being corrected: its status
// is still "fault" but its value is already back inside the threshold (by
// HysteresisDeg), and the status turns ok after Rules.OffS unless the value
// goes out again. A cue for such a fault would tell the person to do what
// they are doing.
func (e *Evaluator) Clearing(c Check) bool {
	s := &e.checks[c]
	return s.status == StatusFault && !math.IsNaN(s.since) && !s.cand
}

// timed advances a hysteresis state: cond is this frame's condition (true =
// fault for checks, true = in position for the position) or unknown.
func timed(s *checkState, t float64, cond, known bool, onS, offS float64) {
	if !known {
		// A gap: keep the status for up to offS, then forget it.
		if !(t-s.seen <= offS) {
			s.status, s.since = StatusUnknown, math.NaN()
		}
		return
	}
	s.seen = t
	want := StatusOK
	if cond {
		want = StatusFault
	}
	if s.status == want {
		s.since = math.NaN()
		return
	}
	if math.IsNaN(s.since) || s.cand != cond {
		s.since, s.cand = t, cond
	}
	wait := onS
	if !cond {
		wait = offS
	}
	if s.status == StatusUnknown {
		// First knowledge: a good value is accepted at once, a fault after
		// the usual onset time.
		if !cond {
			wait = 0
		}
	}
	if t-s.since >= wait {
		if want == StatusFault {
			s.onset = s.since
		}
		s.status, s.since = want, math.NaN()
	}
}

// Update advances the evaluator to time t (seconds, increasing) with the
// frame's metrics and returns whether the position is established. When
// the position is not established every check is unknown.
func (e *Evaluator) Update(t float64, raw *Metrics) bool {
	r := &e.r
	// The window median of every metric (a side change empties the window).
	if raw.Down >= 0 && raw.Down != e.sm.Down && e.sm.Down >= 0 {
		e.rings = [numSmoothed]ring.Window{}
	}
	e.jitter(t, raw)
	e.rings[smFrontKnee].Push(t, raw.FrontKnee)
	e.rings[smBackKnee].Push(t, raw.BackKnee)
	e.rings[smTrunk].Push(t, raw.Trunk)
	e.rings[smHipExt].Push(t, raw.HipExt)
	e.rings[smThighBack].Push(t, raw.ThighBack)
	since := t - r.WindowS
	down := e.sm.Down
	if raw.Down >= 0 {
		down = raw.Down
	}
	e.sm = Metrics{Down: down, InPosition: raw.InPosition,
		FrontKnee: e.rings[smFrontKnee].Median(since),
		BackKnee:  e.rings[smBackKnee].Median(since),
		Trunk:     e.rings[smTrunk].Median(since),
		HipExt:    e.rings[smHipExt].Median(since),
		ThighBack: e.rings[smThighBack].Median(since),
	}
	m := &e.sm
	// Position: StatusFault here means "in position".
	timed(&e.pos, t, m.InPosition, m.Down >= 0, r.PositionOnS, r.OffS)
	in := e.pos.status == StatusFault
	dt := 0.0
	if !math.IsNaN(e.lastT) {
		dt = t - e.lastT
	}
	e.lastT = t
	if !in {
		for i := range e.checks {
			e.checks[i] = clearState()
		}
		e.arch = math.NaN()
		nan := math.NaN()
		e.slow = Metrics{Down: -1, FrontKnee: nan, BackKnee: nan, Trunk: nan, HipExt: nan, ThighBack: nan}
		e.slowHip = nan
		return false
	}
	// The slow values: the window medians averaged over ConfirmTauS.
	al := 1.0
	if r.ConfirmTauS > 0 && dt > 0 {
		al = 1 - math.Exp(-dt/r.ConfirmTauS)
	}
	ema := func(dst *float64, v float64) {
		switch {
		case math.IsNaN(v):
		case math.IsNaN(*dst):
			*dst = v
		default:
			*dst += al * (v - *dst)
		}
	}
	ema(&e.slow.FrontKnee, m.FrontKnee)
	ema(&e.slow.BackKnee, m.BackKnee)
	ema(&e.slow.Trunk, m.Trunk)
	ema(&e.slow.HipExt, m.HipExt)
	ema(&e.slow.ThighBack, m.ThighBack)
	e.arch = e.archOf(m)
	slowArch := e.archOf(&e.slow)
	// The hips check compares the down thigh against the slow trunk line
	// (steadyHipExt), and its confirmation the average of that (slowHip);
	// the slow values above keep the plain window median (Shifted).
	m.HipExt = steadyHipExt(m.HipExt, m.ThighBack, e.slow.Trunk)
	ema(&e.slowHip, m.HipExt)

	alS := 1.0
	if dt > 0 {
		alS = 1 - math.Exp(-dt/r.ScatterTauS)
	}
	fault := func(c Check, v, vs, jit, lo, hi float64) {
		s := &e.checks[c]
		if math.IsNaN(v) {
			timed(s, t, false, false, r.OnS, r.OffS)
			if s.status != StatusFault {
				s.conf = math.NaN()
			}
			return
		}
		// Measurement margins (StatusMarginDeg for the status,
		// MarginDeg for the confirmation), and value hysteresis: a
		// standing fault (a "fault" status, a confirmed fault) needs
		// the value well inside to end.
		slo, shi := lo-r.StatusMarginDeg, hi+r.StatusMarginDeg
		if s.status == StatusFault {
			slo, shi = slo+r.HysteresisDeg, shi-r.HysteresisDeg
		}
		clo, chi := lo-r.MarginDeg, hi+r.MarginDeg
		if s.status == StatusFault && t-s.conf >= r.ConfirmS {
			clo, chi = clo+r.HysteresisDeg, chi-r.HysteresisDeg
		}
		timed(s, t, v < slo || v > shi, true, r.OnS, r.OffS)
		switch {
		case s.status != StatusFault || !(vs < clo || vs > chi):
			s.conf = math.NaN()
		case math.IsNaN(s.conf):
			s.conf = t
		}
		e.fastPath(s, t, alS, v, vs, jit, lo, hi)
	}
	inf := math.Inf(1)
	tol := r.KneeTolDeg
	jit := &e.jit
	fault(CheckFrontKnee, m.FrontKnee, e.slow.FrontKnee, jit[smFrontKnee], r.KneeDeg-tol, r.KneeDeg+tol)
	fault(CheckBackKnee, m.BackKnee, e.slow.BackKnee, jit[smBackKnee], r.BackKneeDeg-tol, r.BackKneeDeg+tol)
	fault(CheckTrunkLeanForward, m.Trunk, e.slow.Trunk, jit[smTrunk], -inf, r.TrunkMaxDeg)
	// Leaning back: beyond TrunkMaxDeg, or the arch proxy beyond ArchDeg.
	back := func(trunk, arch float64) float64 {
		if math.IsNaN(trunk) {
			return math.NaN()
		}
		return math.Max(-trunk-r.TrunkMaxDeg, arch-r.ArchDeg)
	}
	fault(CheckTrunkLeanBack, back(m.Trunk, e.arch), back(e.slow.Trunk, slowArch), math.Max(jit[smTrunk], jit[smThighBack]), -inf, 0)
	fault(CheckHipsNotForward, m.HipExt, e.slowHip, jit[smThighBack], r.HipExtMinDeg, inf)

	// The reference follows the down thigh while the form is good.
	good := !math.IsNaN(m.ThighBack)
	for i := range e.checks {
		if e.checks[i].status == StatusFault {
			good = false
		}
	}
	if good {
		if math.IsNaN(e.ref) || dt <= 0 || r.RefTimeS <= 0 {
			e.ref = m.ThighBack
		} else {
			e.ref += (1 - math.Exp(-dt/r.RefTimeS)) * (m.ThighBack - e.ref)
		}
		e.refT = t
	}
	return true
}

// fastPath advances the fast confirmation of check state s (Rules.StepDeg):
// v is the fast value, vs the slow one, jit the jitter of the check's
// per-frame value, lo and hi the check's thresholds; al is the weight of
// this frame in the averages over Rules.ScatterTauS.
func (e *Evaluator) fastPath(s *checkState, t, al, v, vs, jit, lo, hi float64) {
	r := &e.r
	if d := (v - vs) * (v - vs); !math.IsNaN(d) {
		if math.IsNaN(s.ms) {
			s.ms = d
		} else {
			s.ms += al * (d - s.ms)
		}
	}
	if s.status != StatusFault {
		s.fastOK = false
	}
	var step float64
	switch {
	case v > hi+r.MarginDeg:
		step = v - s.ref
	case v < lo-r.MarginDeg:
		step = s.ref - v
	default:
		if !math.IsNaN(vs) {
			s.ref = vs
		}
		s.cross, s.fastSince = math.NaN(), math.NaN()
		return
	}
	if s.fastOK {
		return
	}
	if math.IsNaN(s.cross) {
		s.cross = t
	}
	clear := step >= r.StepDeg && step >= r.ScatterK*math.Sqrt(s.ms) && jit <= r.JitterMaxDeg && t-s.cross <= r.ConfirmTauS
	if !clear {
		s.fastSince = math.NaN()
		return
	}
	if math.IsNaN(s.fastSince) {
		s.fastSince = t
	}
	s.fastOK = s.status == StatusFault && t-s.fastSince >= r.FastS
}

// jitter updates the running mean change from frame to frame of each
// smoothed metric (Evaluator.jit).
func (e *Evaluator) jitter(t float64, raw *Metrics) {
	vals := [numSmoothed]float64{raw.FrontKnee, raw.BackKnee, raw.Trunk, raw.HipExt, raw.ThighBack}
	al := 1.0
	if dt := t - e.lastT; dt > 0 && e.r.ScatterTauS > 0 {
		al = 1 - math.Exp(-dt/e.r.ScatterTauS)
	}
	for i, v := range vals {
		d := math.Abs(v - e.prev[i])
		e.prev[i] = v
		switch {
		case math.IsNaN(d):
			continue
		case math.IsNaN(e.jit[i]):
			e.jit[i] = d
		default:
			e.jit[i] += al * (d - e.jit[i])
		}
		if k := i - smFrontKnee; i == smFrontKnee || i == smBackKnee {
			e.shakeN[k]++
			e.shake[k] += math.Max(al, 1/float64(e.shakeN[k])) * (d - e.shake[k])
		}
	}
}

// minShakeN is the fewest frame-to-frame changes of a knee's angle Jitter
// averages. Our choice: about a second at 30 frames a second, so that the
// jolt of a first frame or of kneeling down is not taken for the
// landmarks' own unsteadiness.
const minShakeN = 30

// steadyHipExt is the hip extension the hips check compares: the down
// thigh's angle behind vertical (the window median of ThighBack) minus the
// slow trunk lean (the window median averaged over Rules.ConfirmTauS)
// instead of the fast one; ext (the plain window median) when either is
// missing. Hip extension is the thigh's angle minus the trunk's, and the
// hip landmark, shared by both lines, turns them in opposite senses, so
// its jitter counts twice in the plain difference; the trunk line is the
// longer one and moves slowly in this stretch, so taking it slow drops
// most of that. At realistic landmark noise (package synth) this cut the
// time the hips check was falsely "fault" from 4.6-8.0 % to 1.4-3.1 % of
// good-form holding at the same threshold (docs/validation-hips.md). The
// cost: a fast change of the trunk reaches this value only over about
// ConfirmTauS. A trunk moving back (an arch) only raises it, so it cannot
// make the hips look back; a trunk moving forward over a still thigh
// lowers it with that lag, and the trunk check catches the lean itself.
func steadyHipExt(ext, thighBack, slowTrunk float64) float64 {
	if math.IsNaN(thighBack) || math.IsNaN(slowTrunk) {
		return ext
	}
	return thighBack - slowTrunk
}

// archOf is the low-back-arch proxy of m: the backward trunk lean minus
// how far the down thigh came forward from its reference (a rigid lean back
// moves both together); NaN without a trunk angle.
func (e *Evaluator) archOf(m *Metrics) float64 {
	if math.IsNaN(m.Trunk) {
		return math.NaN()
	}
	back := math.Max(0, -m.Trunk)
	fwd := 0.0
	if !math.IsNaN(e.ref) && !math.IsNaN(m.ThighBack) {
		fwd = math.Max(0, e.ref-m.ThighBack)
	}
	return math.Max(0, back-fwd)
}

// SideOn reports whether the pose is seen from the side: the shoulders are
// close together across the trunk's axis in the image compared with the
// trunk's length. From the front or the back they are far apart. maxRatio
// is Rules.SideOnRatio; landmarks count down to lowGate, because the far
// shoulder of a side view is hidden and gets a low visibility yet is still
// placed. It returns false when it cannot tell. Only the separation across
// the trunk counts, because a camera above the body (a shelf, a room
// corner) sees the line from shoulder to shoulder run down the picture,
// along the trunk: from 35 deg up the shoulders of a true side view lie
// about 0.5 trunk lengths apart along it, and the position went
// unrecognised from such cameras (docs/validation-hips.md, "Home
// conditions").
func SideOn(p *stretchwise.Pose, aspect, lowGate, maxRatio float64) bool {
	pt := func(i int) (geom.Vec2, bool) {
		return geom.ImagePoint(p[i], aspect), p[i].Visibility >= lowGate
	}
	ls, ok1 := pt(stretchwise.LeftShoulder)
	rs, ok2 := pt(stretchwise.RightShoulder)
	lh, ok3 := pt(stretchwise.LeftHip)
	rh, ok4 := pt(stretchwise.RightHip)
	if !(ok1 && ok2 && ok3 && ok4) {
		return false
	}
	axis := ls.Mid(rs).Sub(lh.Mid(rh))
	trunk := axis.Norm()
	if !(trunk > geom.MinSegment) {
		return false
	}
	return math.Abs(axis.Scale(1/trunk).Cross(ls.Sub(rs))) <= maxRatio*trunk
}

// kneesTogether is how near, in lengths of the seen thigh, an unmeasured
// knee must lie to the other knee to count as hidden behind the other leg
// rather than out of sight. Our choice: a person kneeling side-on with the
// knees together puts the far knee within a fifth of a thigh of the near
// one (0.1-0.3 in the real clips of validation/testdata/real); a knee
// hidden behind furniture while the other leg is forward, as in the
// stretch, lies about a thigh's length or more from it.
const kneesTogether = 0.5

// ThighsHidden reports whether the half-kneeling position cannot be told
// in a frame for want of thighs (a computed with p): neither thigh
// measured, or one not measured whose knee is not beside the other knee.
// A thigh hidden behind the other leg, as when a person kneels side-on
// with the knees together, is not out of sight: that person is to be told
// to kneel on one knee, not to move the camera.
func ThighsHidden(a *geom.Angles, p *stretchwise.Pose, aspect float64) bool {
	l, r := a.Has(geom.ValidThighLeft), a.Has(geom.ValidThighRight)
	if l && r {
		return false
	}
	if !l && !r {
		return true
	}
	hip, knee, other := stretchwise.LeftHip, stretchwise.LeftKnee, stretchwise.RightKnee
	if r {
		hip, knee, other = stretchwise.RightHip, stretchwise.RightKnee, stretchwise.LeftKnee
	}
	k := geom.ImagePoint(p[knee], aspect)
	thigh := k.Sub(geom.ImagePoint(p[hip], aspect)).Norm()
	return k.Sub(geom.ImagePoint(p[other], aspect)).Norm() > kneesTogether*thigh
}
