package kneel

import (
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/filter"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/internal/ring"
	"github.com/stretchwise/stretchwise/stats"
)

// State is where the person is in the stretch.
type State uint8

// Tracker states.
const (
	StateGettingIntoPosition State = iota // not yet in the stretch
	StateHolding                          // in the stretch in good form: the hold timer runs
	StateFault                            // in the stretch with a confirmed form fault: the timer waits
	StateReleased                         // came out of the stretch after holding it
)

var stateNames = [...]string{"getting_into_position", "holding", "fault", "released"}

// String returns the state's stable code, e.g. "holding".
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}

// TrackConfig configures a Tracker: the one evaluator behind both the live
// coach and the offline report. Each field names its source or says "our
// choice, because ...". Pass a modified copy of DefaultTrackConfig.
type TrackConfig struct {
	// Rules are the form checks.
	Rules Rules
	// TargetHoldS is the good-form hold the timer counts toward.
	// docs/clinical.md: "30 s holds as good as 60 s (Bandy 1997)"; ACSM 10-30 s.
	TargetHoldS float64
	// ReleaseS: out of the position this long after the hold began ends the
	// repetition (released). Our choice, because a knee hidden for a moment
	// or a shuffle to get comfortable is not the end of a stretch: shorter
	// losses only pause the timer.
	ReleaseS float64
	// SettleS: in the position this long without shifting the hips into the
	// stretch, the person is judged anyway (the missing shift is then a
	// fault, and the coach guides the way in). Our choice, because people
	// take a few seconds to settle and should not be talked over.
	SettleS float64
	// Gate is the landmark visibility gate (geom.DefaultGate, docs/clinical.md
	// 0.5-0.7).
	Gate float64
	// Filter is the one-euro filter of the landmarks
	// (filter.DefaultOneEuro).
	Filter filter.OneEuro
	// FacingS and SideS: a new facing direction or down knee must be seen
	// this long before it is adopted. Our choice, because a person does
	// not turn around or change knees in under half a second (a second for
	// the knee), while a noisy frame can suggest it.
	FacingS, SideS float64
	// MaxStepS caps the time one frame adds to the hold timer, so a stall
	// of the camera does not count as held. Our choice: a quarter second,
	// several frames at any real frame rate.
	MaxStepS float64
	// Camera says when the camera is too high to judge the form.
	Camera CameraRules
	// OutS: no frame with a body part the checks need (a shoulder, hip,
	// knee or foot) outside the picture (framing.Inside with
	// framing.EdgeMargin) is judged, because the pose model still places
	// a joint outside the picture, by guessing, and the checks would judge
	// the guess (a foot put past the edge looked like an abrupt knee
	// fault, cued 0.13 s later). A part out for OutS is named (Track.Out)
	// until every such part has been back in the picture for as long
	// (the 0.2 s medians then hold no guess). framing.DefaultConfig.MinOutS,
	// the time the report's framing notes need: a foot swinging past the
	// edge for a few frames is not worth a word.
	OutS float64
}

// CameraRules say when a camera looks down on the body from too high to
// judge the half-kneeling form. Our choices, with their reasons.
type CameraRules struct {
	// MaxElevationDeg: a camera looking down on the body from higher than
	// this (the median of framing.UprightThighTilt over the last WindowS,
	// sampled every StepS, from at least MinN samples) is too high to
	// judge the form: the tracker says so (Track.TooHigh) and judges
	// nothing until the camera is below MaxElevationDeg - HystDeg.
	// framing.MaxElevationDeg, because the position's thigh and trunk
	// angles are read in the picture and a camera high above
	// foreshortens them: on the synthetic home battery
	// (docs/validation-hips.md, "Home conditions") cameras 35-50 deg up,
	// which read 38-60 deg, had the position mostly not recognised and
	// under half of the faults detected within 0.5 s.
	MaxElevationDeg float64
	// WindowS, StepS, MinN and HystDeg: 8 s of samples every 0.25 s fit
	// the 32 values of a ring.Window; the camera does not move during a
	// stretch, and a shorter window read too high: with 3 s of samples
	// every 0.1 s (at least 10) 3 of the 64 synthetic home recordings
	// (low and realistic noise, seed 1) with a camera under 30 deg up were
	// called too high at some moment (medians of 40-43 deg from the
	// pose model's depth noise, or from the thighs moving while kneeling
	// down), with 8 s and at least 12 samples (3 s) 1, a wide-angle
	// lens's distortion at 26 deg, while 29 of the 31 cameras 38 deg or
	// more up were still called too high. 5 deg of hysteresis (about the
	// estimate's scatter) keeps the answer from flickering.
	WindowS, StepS float64
	MinN           int
	HystDeg        float64
	// SureK: the camera is called too high only when the median lies
	// more than SureK standard errors above MaxElevationDeg, the standard
	// error from the samples' own scatter (the median change between
	// samples). Our choice, because the depth the estimate rests on is
	// noisy: the samples of one recording scatter by 3-6 deg from sample
	// to sample at the synthetic low noise level, 10-25 at the realistic
	// one and 23-50 at the high one (studio battery, seed 1), and without
	// this rule 11 of the 48 studio recordings at the high noise level
	// (cameras 5-20 deg up) were called too high at some moment; with 3
	// none of the 144 studio recordings is, nor any of the home battery's
	// 52 low and realistic-noise recordings with a camera under 30 deg up
	// (2 of its 34 at the high noise level), while 33 of its 37
	// recordings with a camera 38 deg or more up still are (seed 1).
	SureK float64
	// UnsteadyDeg and SteadyDeg: the picture is too unsteady to judge
	// the form while the knees' angles jitter by more than UnsteadyDeg
	// from frame to frame on average (the mean of the two knees' jitter,
	// Evaluator.Jitter), and steady again below SteadyDeg. Our choice:
	// Rules.JitterMaxDeg, the limit above which the fast path already
	// takes a view for noisy, because on the synthetic studio battery
	// (seed 1) the knees jitter by 0.2-0.4 deg per frame at the low noise
	// level, 0.5-1.4 at the realistic one and 3.0-5.6 at the high one,
	// where the coach gave 5.3 false cues per 5 min: there it cannot
	// tell a fault from the pose model's errors, and says so instead.
	UnsteadyDeg, SteadyDeg float64
}

// DefaultCameraRules are the camera rules of DefaultTrackConfig.
var DefaultCameraRules = CameraRules{MaxElevationDeg: framing.MaxElevationDeg, WindowS: 8, StepS: 0.25, MinN: 12, HystDeg: 5, SureK: 3, UnsteadyDeg: 2, SteadyDeg: 1.5}

// DefaultTrackConfig is the tracker the coach, the CLI and the server use.
var DefaultTrackConfig = TrackConfig{
	Rules:       DefaultRules,
	TargetHoldS: 30,
	ReleaseS:    2,
	SettleS:     4,
	Gate:        geom.DefaultGate,
	Filter:      filter.DefaultOneEuro,
	FacingS:     0.5,
	SideS:       1,
	MaxStepS:    0.25,
	Camera:      DefaultCameraRules,
	OutS:        framing.DefaultConfig.MinOutS,
}

// Track is the tracker's result for one frame, as plain values.
type Track struct {
	T        float64 // the frame's time, seconds
	Detected bool    // a person in the frame
	// In: the half-kneeling position is established (after the
	// evaluator's hysteresis).
	In    bool
	State State
	// Side is the down knee (geom.Left or geom.Right), -1 until known.
	Side int
	// Rep counts the repetitions begun so far (0 before the first).
	Rep int
	// HoldS is the good-form time of this repetition, seconds; Done that
	// it reached TargetHoldS.
	HoldS float64
	Done  bool
	// Judged: the form counts in this frame, for findings and cues: in a
	// repetition, or settled in the position for SettleS without shifting.
	Judged bool
	// Checks is the live status of every check; Confirmed whether it is a
	// confirmed fault, Onset when its run of faulty values began (NaN when
	// not confirmed), Clearing whether it is being corrected.
	Checks    [NumChecks]Status
	Confirmed [NumChecks]bool
	Onset     [NumChecks]float64
	Clearing  [NumChecks]bool
	// Metrics are the smoothed values the checks compared (degrees), Raw
	// this frame's values.
	Metrics, Raw Metrics
	Arch         float64 // the low-back-arch proxy, degrees
	Shifted      bool    // hips shifted into the stretch
	// FacingKnown: the way the person faces is known (a side view).
	FacingKnown bool
	// TooHigh: the camera looks down on the body from too high
	// (CameraRules); nothing is judged while it is.
	TooHigh bool
	// Unsteady: the landmarks jitter too much to judge the form
	// (CameraRules.UnsteadyDeg); nothing is judged while they do.
	Unsteady bool
	// Out names the body part the checks need that is out of the picture
	// ("right foot", framing.Parts; TrackConfig.OutS), "" when none is;
	// nothing is judged while one is.
	Out string
	// Seen: in the position, and the picture is known to allow judging
	// the form (the camera's height and the landmarks' steadiness known
	// and good enough, every part the checks need in the picture); only
	// such frames are judged.
	Seen bool
	// NoFacingSince, OutSince and InSince: since when no facing has been
	// known, the person has been out of the position, or in it; NaN when
	// not so.
	NoFacingSince, OutSince, InSince float64
	// HiddenSince: since when a person has been in the picture with the
	// thighs out of sight (ThighsHidden: a hip or knee behind furniture,
	// say, or out of the picture), NaN when they have been seen for
	// Rules.OffS: the position cannot be recognised however the person
	// kneels. A far thigh behind the near one (kneeling side-on with the
	// knees together) is not out of sight.
	HiddenSince float64
}

// Tracker runs the half-kneeling checks over a stream of frames: a
// one-euro filter of the landmarks, the far-side Steadier, the facing and
// down knee adopted with hysteresis, the Evaluator, the state of the
// repetition and the hold timer. The live coach (package coach) runs it
// frame by frame and the offline analysis (Analyze) over a whole
// recording, so the two cannot disagree about a fault or its span. Use
// NewTracker; it allocates nothing per frame and is not safe for
// concurrent use.
type Tracker struct {
	cfg    TrackConfig
	pf     filter.PoseFilter
	steady Steadier
	eval   *Evaluator
	pose   stretchwise.Pose
	a      geom.Angles

	started       bool
	lastT         float64
	facing        float64 // adopted facing, 0 unknown
	facingCand    float64
	facingSince   float64
	facingSeen    float64 // last time the adopted facing was seen, NaN before
	noFacingSince float64 // since when no facing is adopted, NaN when one is
	side          int     // adopted down knee, -1 unknown
	sideCand      int
	sideSince     float64
	outSince      float64
	inSince       float64
	hiddenSince   float64 // Track.HiddenSince
	thighsSince   float64 // since when both thighs have been measured, NaN when not
	// tilt holds framing.UprightThighTilt sampled every CameraRules.StepS
	// (tiltT the last sample's time); tooHigh is the camera's verdict.
	tilt, tiltD ring.Window
	tiltT       float64
	tiltLast    float64
	tiltFirst   float64 // the first sample's time, NaN before
	tooHigh     bool
	camKnown    bool // the camera's elevation is known (CameraRules.MinN samples)
	unsteady    bool
	// out is the needed landmark named out of the picture
	// (TrackConfig.OutS), -1 for none; outNow whether one is out in this
	// frame; outFrom since when one has been out, backFrom since when all
	// have been back in (NaN when not so).
	out               int
	outNow            bool
	outFrom, backFrom float64

	// conf and onset: a confirmed fault stays so for the state, the hold
	// timer, the cues and the findings until its value is back inside the
	// threshold (Evaluator.Clearing) or its status clears (the
	// evaluator's confirmation alone can lapse while the status stands
	// when the slow value hovers at the threshold, and a hold timer that
	// ran then would count time in a reported fault as good form).
	conf  [NumChecks]bool
	onset [NumChecks]float64

	state State
	held  bool // the hold began in this repetition
	holdS float64
	done  bool
	rep   int
}

// NewTracker returns a tracker with the configuration cfg.
func NewTracker(cfg TrackConfig) *Tracker {
	tr := &Tracker{cfg: cfg, eval: NewEvaluator(cfg.Rules)}
	tr.Reset()
	return tr
}

// Config returns the tracker's configuration.
func (tr *Tracker) Config() TrackConfig { return tr.cfg }

// Reset starts over: every filter, timer and state is forgotten.
func (tr *Tracker) Reset() {
	tr.pf = filter.PoseFilter{Params: tr.cfg.Filter, Gate: tr.cfg.Gate, HoldS: filter.DefaultHoldS, Mask: geom.AngleLandmarks}
	tr.steady.Reset()
	tr.eval.Reset()
	tr.started, tr.lastT = false, 0
	tr.facing, tr.facingCand, tr.facingSince, tr.facingSeen, tr.noFacingSince = 0, 0, 0, math.NaN(), math.NaN()
	tr.side, tr.sideCand, tr.sideSince = -1, -1, 0
	tr.outSince, tr.inSince = math.NaN(), math.NaN()
	tr.hiddenSince, tr.thighsSince = math.NaN(), math.NaN()
	tr.tilt, tr.tiltD, tr.tiltT, tr.tiltLast, tr.tiltFirst, tr.tooHigh = ring.Window{}, ring.Window{}, math.NaN(), math.NaN(), math.NaN(), false
	tr.unsteady, tr.camKnown = false, false
	tr.out, tr.outNow, tr.outFrom, tr.backFrom = -1, false, math.NaN(), math.NaN()
	tr.state, tr.held, tr.holdS, tr.done, tr.rep = StateGettingIntoPosition, false, 0, false, 0
	tr.conf = [NumChecks]bool{}
}

// Update takes the next frame (times must increase) of an image with the
// given aspect ratio (width/height). It allocates nothing.
func (tr *Tracker) Update(f *stretchwise.Frame, aspect float64) Track {
	t := f.T
	dt := 0.0
	if tr.started {
		dt = t - tr.lastT
		if !(dt > 0) {
			dt = 0
		}
		dt = math.Min(dt, tr.cfg.MaxStepS)
	}
	tr.started, tr.lastT = true, t
	if !(aspect > 0) {
		aspect = 1
	}
	r := &tr.cfg.Rules
	tr.elevation(f, aspect)
	tr.outOfPicture(f)
	var m Metrics
	if f.Detected && !tr.tooHigh {
		tr.pf.Aspect = aspect
		tr.pf.Filter(&tr.pose, &f.Image, t)
		tr.steady.Apply(&tr.pose, t, tr.cfg.Gate)
		fc := 0.0
		if SideOn(&tr.pose, aspect, r.LowGate, r.SideOnRatio) {
			fc = geom.Facing2D(&tr.pose, aspect, tr.cfg.Gate)
		}
		tr.updateFacing(t, fc)
		use := tr.facing
		if use == 0 {
			use = 1 // only the trunk's tilt is used until the facing is known
		}
		geom.ComputeFacing(&tr.a, &tr.pose, aspect, tr.cfg.Gate, use)
		tr.thighsSeen(t, !ThighsHidden(&tr.a, &tr.pose, aspect))
		down, ok := Position(&tr.a, r)
		if ok {
			tr.updateSide(t, down)
		}
		Measure(&m, &tr.a, tr.side, ok && tr.side >= 0)
		if tr.facing == 0 {
			// Without a facing the signs of trunk lean and hip extension
			// are unknown: those checks cannot be made.
			m.Trunk, m.HipExt, m.ThighBack = math.NaN(), math.NaN(), math.NaN()
		}
		if m.InPosition && !r.Tested(&m) {
			m.InPosition = false
		}
	} else {
		Measure(&m, &tr.a, -1, false)
	}
	in := tr.eval.Update(t, &m)

	switch j := tr.eval.Jitter(); {
	case !in || !tr.camKnown:
		// Unsteady landmarks are said once the camera's height is known,
		// so that a camera too high (which also shakes the knees'
		// angles) is named as the cause.
	case j > tr.cfg.Camera.UnsteadyDeg:
		tr.unsteady = true
	case j < tr.cfg.Camera.SteadyDeg:
		tr.unsteady = false
	}
	// The form is judged only once the picture is known to allow it: the
	// camera's height known and not too high (CameraRules), the
	// landmarks' steadiness known (Evaluator.Jitter) and steady enough.
	seen := in && tr.camKnown && !math.IsNaN(tr.eval.Jitter()) && !tr.unsteady && tr.out < 0 && !tr.outNow
	anyFault := false
	for k := Check(0); k < NumChecks; k++ {
		ok, on := tr.eval.Confirmed(k)
		switch {
		case !seen || tr.eval.Status(k) != StatusFault || tr.eval.Clearing(k):
			tr.conf[k] = false
		case ok && !tr.conf[k]:
			tr.conf[k], tr.onset[k] = true, on
		}
		if tr.conf[k] {
			anyFault = true
		}
	}
	prev := tr.state
	// A part the checks need out of the picture hides whether the person
	// is still in the position: the hold pauses rather than ends.
	blind := tr.outNow || tr.out >= 0
	switch {
	case !in && tr.held && blind:
		tr.outSince, tr.inSince = math.NaN(), math.NaN()
	case !in:
		if math.IsNaN(tr.outSince) {
			tr.outSince = t
		}
		tr.inSince = math.NaN()
		switch {
		case tr.held && t-tr.outSince >= tr.cfg.ReleaseS:
			tr.state = StateReleased
		case tr.held:
			// A short loss of the position pauses the timer.
		case tr.state != StateReleased:
			tr.state = StateGettingIntoPosition
		}
	case tr.state == StateReleased || !tr.held:
		tr.outSince = math.NaN()
		if math.IsNaN(tr.inSince) {
			tr.inSince = t
		}
		if tr.eval.Shifted() {
			// A new repetition begins.
			tr.held, tr.holdS, tr.done = true, 0, false
			tr.rep++
			tr.state = StateHolding
			if anyFault {
				tr.state = StateFault
			}
		} else if tr.state != StateReleased {
			tr.state = StateGettingIntoPosition
		}
	default:
		tr.outSince = math.NaN()
		sm := tr.eval.Smoothed()
		switch {
		case tr.done && sm.HipExt < r.HipExtMinDeg && !blind:
			// After the target, hips coming back is the release.
			tr.state, tr.held = StateReleased, false
		case anyFault:
			tr.state = StateFault
		default:
			tr.state = StateHolding
		}
	}
	if tr.state == StateReleased && prev != StateReleased {
		tr.held = false
	}
	if tr.state == StateHolding && seen {
		tr.holdS += dt
		if !tr.done && tr.holdS >= tr.cfg.TargetHoldS {
			tr.done = true
		}
	}

	out := Track{T: t, Detected: f.Detected, In: in, State: tr.state, Side: tr.side, Rep: tr.rep,
		HoldS: tr.holdS, Done: tr.done, Metrics: tr.eval.Smoothed(), Raw: m, Arch: tr.eval.Arch(),
		Shifted: tr.eval.Shifted(), FacingKnown: tr.facing != 0, TooHigh: tr.tooHigh, Unsteady: tr.unsteady, Seen: seen,
		Out:           framing.PartOf(tr.out),
		NoFacingSince: tr.noFacingSince, OutSince: tr.outSince, InSince: tr.inSince, HiddenSince: tr.hiddenSince}
	inStretch := in && (tr.state == StateHolding || tr.state == StateFault)
	settled := in && tr.state == StateGettingIntoPosition && !math.IsNaN(tr.inSince) && t-tr.inSince >= tr.cfg.SettleS
	out.Judged = (inStretch || settled) && seen
	for k := Check(0); k < NumChecks; k++ {
		out.Checks[k] = tr.eval.Status(k)
		out.Confirmed[k], out.Onset[k] = tr.conf[k], math.NaN()
		if tr.conf[k] {
			out.Onset[k] = tr.onset[k]
		}
		out.Clearing[k] = tr.eval.Clearing(k)
	}
	return out
}

// thighsSeen updates Track.HiddenSince with whether the thighs were in
// sight in the frame at t (ThighsHidden).
func (tr *Tracker) thighsSeen(t float64, seen bool) {
	if !seen {
		if math.IsNaN(tr.hiddenSince) {
			tr.hiddenSince = t
		}
		tr.thighsSince = math.NaN()
		return
	}
	if math.IsNaN(tr.thighsSince) {
		tr.thighsSince = t
	}
	if t-tr.thighsSince >= tr.cfg.Rules.OffS {
		tr.hiddenSince = math.NaN()
	}
}

// neededLandmarks are the landmarks the checks' angles rest on (trunk,
// thighs, knees; both sides, as either knee can be the down one), in the
// order framing.Parts names them.
var neededLandmarks = [...]int{
	stretchwise.LeftShoulder, stretchwise.RightShoulder, stretchwise.LeftHip, stretchwise.RightHip,
	stretchwise.LeftKnee, stretchwise.RightKnee, stretchwise.LeftAnkle, stretchwise.RightAnkle,
}

// outOfPicture updates which needed landmark is out of the picture
// (TrackConfig.OutS) with frame f. A frame without a person names none.
func (tr *Tracker) outOfPicture(f *stretchwise.Frame) {
	t, first := f.T, -1
	if f.Detected {
		for _, k := range neededLandmarks {
			if !framing.Inside(f.Image[k], framing.EdgeMargin) {
				first = k
				break
			}
		}
	}
	tr.outNow = first >= 0
	if first < 0 {
		tr.outFrom = math.NaN()
		if math.IsNaN(tr.backFrom) {
			tr.backFrom = t
		}
		if t-tr.backFrom >= tr.cfg.OutS {
			tr.out = -1
		}
		return
	}
	tr.backFrom = math.NaN()
	if math.IsNaN(tr.outFrom) {
		tr.outFrom = t
	}
	if tr.out >= 0 || t-tr.outFrom >= tr.cfg.OutS {
		tr.out = first
	}
}

// elevation updates the camera's verdict (CameraRules) with frame f.
func (tr *Tracker) elevation(f *stretchwise.Frame, aspect float64) {
	c := &tr.cfg.Camera
	t := f.T
	if t-tr.tiltT < c.StepS {
		return // no sample due: the verdict stands (it changes with the samples)
	}
	e, ok := framing.UprightThighTilt(f, aspect, tr.cfg.Gate)
	if !ok {
		return
	}
	if math.IsNaN(tr.tiltFirst) {
		tr.tiltFirst = t
	}
	tr.tilt.Push(t, e)
	tr.tiltD.Push(t, math.Abs(e-tr.tiltLast))
	tr.tiltT, tr.tiltLast = t, e
	since := t - c.WindowS
	n := tr.tilt.Count(since)
	if n < c.MinN {
		return
	}
	deg := tr.tilt.Median(since) * 180 / math.Pi
	if tr.tooHigh {
		tr.tooHigh = deg > c.MaxElevationDeg-c.HystDeg
		return
	}
	// The median's standard error from the samples' own scatter: the
	// median change between samples is 0.954 standard deviations for
	// independent normal errors, and a median's standard error 1.2533
	// standard deviations over the root of the count.
	se := 1.2533 * tr.tiltD.Median(since) / 0.954 / math.Sqrt(float64(n)) * 180 / math.Pi
	tr.tooHigh = deg-c.SureK*se > c.MaxElevationDeg
	// The height is known once the camera is surely too high, surely not
	// (SureK standard errors below the limit), or WindowS has passed
	// since the first sample: a camera near the limit is not judged
	// from its first samples, which on the synthetic home battery gave
	// cues (a praise, a hip shift) seconds before the same camera was
	// called too high.
	tr.camKnown = tr.camKnown || tr.tooHigh || deg+c.SureK*se <= c.MaxElevationDeg || t-tr.tiltFirst >= c.WindowS
}

// updateFacing adopts a new facing once it has been seen for FacingS, and
// forgets the facing when none has been seen for twice as long (the person
// turned to face the camera or away from it).
func (tr *Tracker) updateFacing(t, fc float64) {
	if fc == 0 {
		if tr.facing != 0 && !math.IsNaN(tr.facingSeen) && t-tr.facingSeen >= 2*tr.cfg.FacingS {
			tr.facing = 0
			tr.noFacingSince = tr.facingSeen
		}
		if tr.facing == 0 && math.IsNaN(tr.noFacingSince) {
			tr.noFacingSince = t
		}
		tr.facingCand = 0
		return
	}
	if fc == tr.facing {
		tr.facingCand, tr.facingSeen = 0, t
		return
	}
	if fc != tr.facingCand {
		tr.facingCand, tr.facingSince = fc, t
	}
	if t-tr.facingSince >= tr.cfg.FacingS {
		tr.facing, tr.facingCand, tr.facingSeen, tr.noFacingSince = fc, 0, t, math.NaN()
	}
}

// updateSide adopts a new down knee once it has been seen for SideS; a
// new knee starts over (no repetition under way).
func (tr *Tracker) updateSide(t float64, down int) {
	if down == tr.side {
		tr.sideCand = -1
		return
	}
	if tr.side < 0 {
		tr.side = down
		return
	}
	if down != tr.sideCand {
		tr.sideCand, tr.sideSince = down, t
	}
	if t-tr.sideSince >= tr.cfg.SideS {
		tr.side, tr.sideCand = down, -1
		tr.held, tr.holdS, tr.done = false, 0, false
		tr.rep++
	}
}

// Span is a confirmed fault of one check from the start of its run of
// faulty values to the frame its status cleared, seconds.
type Span struct {
	Check        Check
	Side         int // the down knee during the span
	StartS, EndS float64
	// Worst is the value furthest from good over the span (Smoothed
	// metrics), for the message.
	Worst float64
}

// Spans collects the fault spans of a stream of Tracks: a check's span
// opens in a judged frame where it is a confirmed fault, starting at the
// onset of its faulty run or, if that was earlier, when the form began to
// be judged, and ends when the frame is no longer judged or the status is
// no longer "fault". The coach's replay and the offline report both use
// it. The zero value is ready to use.
type Spans struct {
	Done    []Span
	open    [NumChecks]bool
	cur     [NumChecks]Span
	judged  float64 // since when frames have been judged, NaN when not
	started bool
}

// Add takes the next Track; dur is how long the frame counts (until the
// next frame). r are the tracker's rules (for the worst value).
func (s *Spans) Add(o *Track, dur float64, r *Rules) {
	if !s.started {
		s.started, s.judged = true, math.NaN()
		for k := range s.open {
			s.open[k] = false
		}
	}
	if o.Judged && math.IsNaN(s.judged) {
		s.judged = o.T
	}
	if !o.Judged {
		s.judged = math.NaN()
	}
	for k := Check(0); k < NumChecks; k++ {
		if s.open[k] && !(o.Judged && o.Confirmed[k]) {
			// A fault confirmed by the fast path (Rules.StepDeg) whose
			// span the position's loss ends within ConfirmS of its
			// onset was the way out of the position (into a kneeling
			// hamstring stretch, say), not a fault held in it.
			if o.In || s.cur[k].EndS-s.cur[k].StartS >= r.ConfirmS {
				s.Done = append(s.Done, s.cur[k])
			}
			s.open[k] = false
		}
		if !s.open[k] && o.Judged && o.Confirmed[k] {
			s.open[k] = true
			s.cur[k] = Span{Check: k, Side: o.Side, StartS: math.Max(o.Onset[k], s.judged), Worst: math.NaN()}
		}
		if s.open[k] {
			sp := &s.cur[k]
			sp.EndS = o.T + dur
			v := checkValue(k, &o.Metrics, o.Arch)
			if math.IsNaN(sp.Worst) || math.Abs(v-center(k, *r)) > math.Abs(sp.Worst-center(k, *r)) {
				sp.Worst = v
			}
		}
	}
}

// Close ends every open span (the end of the recording) and returns all
// spans, sorted by check then start.
func (s *Spans) Close() []Span {
	for k := Check(0); k < NumChecks; k++ {
		if s.open[k] {
			s.Done = append(s.Done, s.cur[k])
			s.open[k] = false
		}
	}
	return s.Done
}

// checkValue is the quantity check c compares, for a finding's message.
func checkValue(c Check, m *Metrics, arch float64) float64 {
	switch c {
	case CheckFrontKnee:
		return m.FrontKnee
	case CheckBackKnee:
		return m.BackKnee
	case CheckTrunkLeanForward:
		return m.Trunk
	case CheckTrunkLeanBack:
		return math.Max(-m.Trunk, arch)
	}
	return m.HipExt
}

// FaultSpans returns the fault spans of a whole stream of Tracks (Spans),
// each frame counting until the next one (the median frame interval for
// the last), at most a quarter second (maxGapS).
func FaultSpans(tracks []Track, r Rules) []Span {
	dt := medianStep(len(tracks), func(i int) float64 { return tracks[i].T })
	var sp Spans
	for i := range tracks {
		d := dt
		if i+1 < len(tracks) {
			d = tracks[i+1].T - tracks[i].T
		}
		sp.Add(&tracks[i], math.Min(d, maxGapS), &r)
	}
	return sp.Close()
}

// medianStep returns the median interval between n frame times (at(i) is
// frame i's time), 1/30 s for fewer than two frames.
func medianStep(n int, at func(i int) float64) float64 {
	if n < 2 {
		return 1.0 / 30
	}
	d := make([]float64, n-1)
	for i := range d {
		d[i] = at(i+1) - at(i)
	}
	return stats.Median(d)
}
