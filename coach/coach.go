// Package coach is the live half-kneeling hip flexor stretch coach. Fed one
// camera frame at a time, it smooths the landmarks (a one-euro filter),
// measures the stretch with the same check rules as the offline analysis
// (package assess/kneel), keeps a state (getting into position, holding,
// fault, released), runs the hold timer that counts only good-form time
// toward the target hold, and decides when to give a cue: one at a time,
// the most important first, a positive cue when the form becomes good, and
// never nagging (a cooldown between cues and a longer wait before the same
// cue again).
//
// The package is pure computation: no I/O, no goroutines, zero allocations
// per frame. It compiles to WebAssembly, where the browser calls Update for
// every camera frame (cmd/stretchwise-wasm), and `stretchwise coach
// --replay` runs the same code on a recording.
package coach

import (
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess/kneel"
	"github.com/stretchwise/stretchwise/filter"
	"github.com/stretchwise/stretchwise/geom"
)

// State is where the person is in the stretch.
type State uint8

// Coach states.
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

// Config configures a Coach. Each field names its source (docs/clinical.md) or
// says "our choice, because ...". Pass a modified copy of DefaultConfig.
type Config struct {
	// Rules are the form checks, shared with the offline analysis
	// (kneel.DefaultRules).
	Rules kneel.Rules
	// TargetHoldS is the good-form hold the timer counts toward.
	// docs/clinical.md: "30 s holds as good as 60 s (Bandy 1997)"; ACSM 10-30 s.
	TargetHoldS float64
	// CooldownS is the least time between two cues. Our choice, because a
	// short spoken cue takes about two seconds and the person needs a
	// moment to act on it before hearing the next.
	CooldownS float64
	// RepeatS is the least time before the same cue is given again. Our
	// choice, because repeating a correction sooner than every 15 s while
	// the person is still working on it is nagging.
	RepeatS float64
	// RepeatFixedS is the least time before a cue is given again when its
	// fault was corrected in between (a new fault, not the same one still
	// standing). Our choice, because a correction that slips again deserves
	// a reminder sooner than a fault still being worked on, yet not within
	// a few seconds.
	RepeatFixedS float64
	// GuideS: not in the position for this long (with a person in view)
	// before the coach says how to get into it. Our choice, because people
	// take a few seconds to kneel down and should not be talked over.
	GuideS float64
	// ReleaseS: out of the position this long after the hold began ends the
	// repetition (released). Our choice, because a knee hidden for a moment
	// or a shuffle to get comfortable is not the end of a stretch: shorter
	// losses only pause the timer.
	ReleaseS float64
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
}

// DefaultConfig is the coach the web app and `stretchwise coach` use.
var DefaultConfig = Config{
	Rules:        kneel.DefaultRules,
	TargetHoldS:  30,
	CooldownS:    4,
	RepeatS:      15,
	RepeatFixedS: 6,
	GuideS:       4,
	ReleaseS:     2,
	Gate:         geom.DefaultGate,
	Filter:       filter.DefaultOneEuro,
	FacingS:      0.5,
	SideS:        1,
	MaxStepS:     0.25,
}

// Output is the coach's answer for one frame, as plain values for the
// browser.
type Output struct {
	T     float64 // the frame's time, seconds
	State State
	// Side is the down knee (the stretched side), SideNone until known.
	Side stretchwise.Side
	// HoldS is the good-form time held in this repetition, seconds;
	// TargetS the hold to reach.
	HoldS, TargetS float64
	// Cue is the cue to show and speak now, CueNone when there is nothing
	// new to say. Showing is the last cue given (for a caption that stays).
	Cue, Showing CueCode
	// Checks is the live status of every form check (kneel.Check order).
	Checks [kneel.NumChecks]kneel.Status
	// Metrics are the smoothed angles the checks compared (degrees).
	Metrics kneel.Metrics
}

// Coach is one person's live coaching session. Use New; the zero value is
// not usable. A Coach is not safe for concurrent use.
type Coach struct {
	cfg    Config
	pf     filter.PoseFilter
	steady kneel.Steadier
	eval   *kneel.Evaluator
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
	outSince      float64 // since when the person has been out of the position, NaN when in it
	inSince       float64 // since when the person has been in the position, NaN when out of it

	state       State
	held        bool // the hold began in this repetition
	holdS       float64
	done        bool // the target was reached in this repetition
	doneSaid    bool // the hold-done cue was given
	praise      bool // a positive cue is due
	praiseSince float64
	lastCue     float64 // time of the last cue, -Inf before
	said        [numCues]float64
	fixed       [numCues]bool // the fault of a cue was corrected since it was said
	showing     CueCode
}

// New returns a coach with the configuration cfg.
func New(cfg Config) *Coach {
	c := &Coach{cfg: cfg, eval: kneel.NewEvaluator(cfg.Rules)}
	c.Reset()
	return c
}

// Reset starts a new session: every filter, timer and state is forgotten.
func (c *Coach) Reset() {
	c.pf = filter.PoseFilter{Params: c.cfg.Filter, Gate: c.cfg.Gate, HoldS: filter.DefaultHoldS, Mask: geom.AngleLandmarks}
	c.steady.Reset()
	c.eval.Reset()
	c.started, c.lastT = false, 0
	c.facing, c.facingCand, c.facingSince, c.facingSeen, c.noFacingSince = 0, 0, 0, math.NaN(), math.NaN()
	c.side, c.sideCand, c.sideSince = -1, -1, 0
	c.outSince, c.inSince = math.NaN(), math.NaN()
	c.state, c.held, c.holdS, c.done, c.doneSaid, c.praise = StateGettingIntoPosition, false, 0, false, false, false
	c.lastCue = math.Inf(-1)
	for i := range c.said {
		c.said[i] = math.Inf(-1)
	}
	c.fixed = [numCues]bool{}
	c.showing = CueNone
}

// Config returns the coach's configuration.
func (c *Coach) Config() Config { return c.cfg }

// Update takes the next camera frame (times must increase) of an image with
// the given aspect ratio (width/height) and returns the coach's state and
// the cue to give, if any. It allocates nothing.
func (c *Coach) Update(f *stretchwise.Frame, aspect float64) Output {
	t := f.T
	dt := 0.0
	if c.started {
		dt = t - c.lastT
		if !(dt > 0) {
			dt = 0
		}
		dt = math.Min(dt, c.cfg.MaxStepS)
	}
	c.started, c.lastT = true, t
	if !(aspect > 0) {
		aspect = 1
	}
	r := &c.cfg.Rules
	var m kneel.Metrics
	if f.Detected {
		c.pf.Aspect = aspect
		c.pf.Filter(&c.pose, &f.Image, t)
		c.steady.Apply(&c.pose, t, c.cfg.Gate)
		fc := 0.0
		if kneel.SideOn(&c.pose, aspect, r.LowGate, r.SideOnRatio) {
			fc = geom.Facing2D(&c.pose, aspect, c.cfg.Gate)
		}
		c.updateFacing(t, fc)
		use := c.facing
		if use == 0 {
			use = 1 // only the trunk's tilt is used until the facing is known
		}
		geom.ComputeFacing(&c.a, &c.pose, aspect, c.cfg.Gate, use)
		down, ok := kneel.Position(&c.a, r)
		if ok {
			c.updateSide(t, down)
		}
		kneel.Measure(&m, &c.a, c.side, ok && c.side >= 0)
		if c.facing == 0 {
			// Without a facing the signs of trunk lean and hip extension
			// are unknown: those checks cannot be made.
			m.Trunk, m.HipExt, m.ThighBack = math.NaN(), math.NaN(), math.NaN()
		}
	} else {
		kneel.Measure(&m, &c.a, -1, false)
	}
	in := c.eval.Update(t, &m)

	// State and hold timer.
	anyFault := false
	if in {
		for k := kneel.Check(0); k < kneel.NumChecks; k++ {
			if ok, _ := c.eval.Confirmed(k); ok {
				anyFault = true
			}
		}
	}
	prev := c.state
	switch {
	case !in:
		if math.IsNaN(c.outSince) {
			c.outSince = t
		}
		c.inSince = math.NaN()
		switch {
		case c.held && t-c.outSince >= c.cfg.ReleaseS:
			c.state = StateReleased
		case c.held:
			// A short loss of the position pauses the timer.
		case c.state != StateReleased:
			c.state = StateGettingIntoPosition
		}
	case c.state == StateReleased || !c.held:
		c.outSince = math.NaN()
		if math.IsNaN(c.inSince) {
			c.inSince = t
		}
		if c.eval.Shifted() {
			// A new repetition begins.
			c.held, c.holdS, c.done, c.doneSaid = true, 0, false, false
			c.state = StateHolding
			if anyFault {
				c.state = StateFault
			}
		} else if c.state != StateReleased {
			c.state = StateGettingIntoPosition
		}
	default:
		c.outSince = math.NaN()
		sm := c.eval.Smoothed()
		switch {
		case c.done && sm.HipExt < r.HipExtMinDeg:
			// After the target, hips coming back is the release.
			c.state, c.held = StateReleased, false
		case anyFault:
			c.state = StateFault
		default:
			c.state = StateHolding
		}
	}
	if c.state == StateReleased && prev != StateReleased {
		c.held = false
	}
	if c.state == StateHolding && in {
		c.holdS += dt
		if !c.done && c.holdS >= c.cfg.TargetHoldS {
			c.done = true
		}
	}
	if c.state == StateHolding && prev != StateHolding {
		c.praise, c.praiseSince = true, t
	}
	if c.state != StateHolding || t-c.praiseSince > c.cfg.RepeatFixedS {
		// Praise that could not be given soon after the change is stale.
		c.praise = false
	}

	out := Output{T: t, State: c.state, HoldS: c.holdS, TargetS: c.cfg.TargetHoldS, Metrics: c.eval.Smoothed()}
	if c.side >= 0 {
		out.Side = sideOf(c.side)
	}
	for k := kneel.Check(0); k < kneel.NumChecks; k++ {
		out.Checks[k] = c.eval.Status(k)
	}
	out.Cue = c.chooseCue(t, in, f.Detected)
	for k := kneel.Check(0); k < kneel.NumChecks; k++ {
		if out.Checks[k] == kneel.StatusOK {
			c.fixed[checkCue[k]] = true
		}
	}
	if out.Cue != CueNone {
		c.lastCue, c.said[out.Cue], c.showing = t, t, out.Cue
		c.fixed[out.Cue] = false
		switch out.Cue {
		case CueGoodForm:
			c.praise = false
		case CueHoldDone:
			c.doneSaid = true
		}
	}
	out.Showing = c.showing
	return out
}

// chooseCue returns the most important cue that is due and allowed now.
func (c *Coach) chooseCue(t float64, in, detected bool) CueCode {
	if t-c.lastCue < c.cfg.CooldownS {
		return CueNone
	}
	best := CueNone
	consider := func(q CueCode) {
		wait := c.cfg.RepeatS
		if c.fixed[q] || q == CueGoodForm {
			// Praise follows a change to good form, which is new each time.
			wait = c.cfg.RepeatFixedS
		}
		if q == CueNone || t-c.said[q] < wait {
			return
		}
		if q.Priority() > best.Priority() {
			best = q
		}
	}
	switch c.state {
	case StateGettingIntoPosition:
		switch {
		case !detected:
		case c.facing == 0 && !math.IsNaN(c.noFacingSince) && t-c.noFacingSince >= c.cfg.GuideS:
			consider(CueTurnSideways)
		case !in && !math.IsNaN(c.outSince) && t-c.outSince >= c.cfg.GuideS:
			consider(CueGetInPosition)
		case in && !math.IsNaN(c.inSince) && t-c.inSince >= c.cfg.GuideS:
			// In position for a while but not yet in the stretch:
			// confirmed faults, the missing hip shift among them, guide
			// the way in. Someone still settling is not talked over.
			c.faultCues(consider)
		}
	case StateFault:
		c.faultCues(consider)
	case StateHolding:
		if c.done && !c.doneSaid {
			consider(CueHoldDone)
		} else if c.praise {
			consider(CueGoodForm)
		}
	}
	return best
}

// faultCues offers the cue of every confirmed fault, unless a more
// important check is a fault not yet confirmed: then the coach waits (at
// most Rules.ConfirmS) so that the most important correction comes first.
// A fault the person is already correcting (its value back inside the
// threshold, the status waiting Rules.OffS to clear) is not cued: that
// would tell them to do what they are doing, as when the hips come forward
// into the stretch just as the setup guidance falls due.
func (c *Coach) faultCues(consider func(CueCode)) {
	pending := 0
	for k := kneel.Check(0); k < kneel.NumChecks; k++ {
		if ok, _ := c.eval.Confirmed(k); !ok && c.eval.Status(k) == kneel.StatusFault && !c.eval.Clearing(k) {
			pending = max(pending, checkCue[k].Priority())
		}
	}
	for k := kneel.Check(0); k < kneel.NumChecks; k++ {
		if ok, _ := c.eval.Confirmed(k); ok && !c.eval.Clearing(k) && checkCue[k].Priority() > pending {
			consider(checkCue[k])
		}
	}
}

// updateFacing adopts a new facing once it has been seen for FacingS, and
// forgets the facing when none has been seen for twice as long (the person
// turned to face the camera or away from it).
func (c *Coach) updateFacing(t, fc float64) {
	if fc == 0 {
		if c.facing != 0 && !math.IsNaN(c.facingSeen) && t-c.facingSeen >= 2*c.cfg.FacingS {
			c.facing = 0
			c.noFacingSince = c.facingSeen
		}
		if c.facing == 0 && math.IsNaN(c.noFacingSince) {
			c.noFacingSince = t
		}
		c.facingCand = 0
		return
	}
	if fc == c.facing {
		c.facingCand, c.facingSeen = 0, t
		return
	}
	if fc != c.facingCand {
		c.facingCand, c.facingSince = fc, t
	}
	if t-c.facingSince >= c.cfg.FacingS {
		c.facing, c.facingCand, c.facingSeen, c.noFacingSince = fc, 0, t, math.NaN()
	}
}

// updateSide adopts a new down knee once it has been seen for SideS.
func (c *Coach) updateSide(t float64, down int) {
	if down == c.side {
		c.sideCand = -1
		return
	}
	if c.side < 0 {
		c.side = down
		return
	}
	if down != c.sideCand {
		c.sideCand, c.sideSince = down, t
	}
	if t-c.sideSince >= c.cfg.SideS {
		c.side, c.sideCand = down, -1
		c.held, c.holdS, c.done, c.doneSaid = false, 0, false, false
	}
}

func sideOf(i int) stretchwise.Side {
	if i == geom.Right {
		return stretchwise.SideRight
	}
	return stretchwise.SideLeft
}
