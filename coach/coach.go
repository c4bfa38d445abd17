// Package coach is the live coach: the half-kneeling hip flexor stretch
// (Coach) and the bird dog (BirdDog, birddog.go). Fed one
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

// State is where the person is in the stretch (kneel.State: the coach
// and the offline report share the tracker that keeps it).
type State = kneel.State

// Coach states.
const (
	StateGettingIntoPosition = kneel.StateGettingIntoPosition // not yet in the stretch
	StateHolding             = kneel.StateHolding             // in the stretch in good form: the hold timer runs
	StateFault               = kneel.StateFault               // in the stretch with a confirmed form fault: the timer waits
	StateReleased            = kneel.StateReleased            // came out of the stretch after holding it
)

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
	// moment to act on it before hearing the next. One exception: the
	// correction of a new fault (one that began after the last cue) more
	// important than the last cue comes at once, since the person is not
	// acting on that cue by making it, and a correction given seconds
	// after an abrupt fault is about a movement long finished (the target: within
	// 0.5 s). After praise, for example, any fault is cued at once.
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
	// Camera says when the camera is too high to judge the form
	// (kneel.DefaultCameraRules): the coach then asks for it to be
	// lowered (CueLowerCamera) instead of judging.
	Camera kneel.CameraRules
	// OutS: a body part the checks need out of the picture this long
	// (kneel.TrackConfig.OutS): the coach says which one and what to do
	// (CueOutOfPicture) instead of judging.
	OutS float64
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
	Camera:       kneel.DefaultCameraRules,
	OutS:         kneel.DefaultTrackConfig.OutS,
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
	// Part is the body part the out-of-picture cue names when Showing is
	// CueOutOfPicture ("right foot"); CueText and ShowingText say it.
	Part string
	// Checks is the live status of every form check (kneel.Check order).
	Checks [kneel.NumChecks]kneel.Status
	// Metrics are the smoothed angles the checks compared (degrees).
	Metrics kneel.Metrics
}

// Track returns the tracker configuration of cfg: the part of the coach
// the offline report shares (kneel.Tracker).
func (cfg Config) Track() kneel.TrackConfig {
	return kneel.TrackConfig{
		Rules: cfg.Rules, TargetHoldS: cfg.TargetHoldS, ReleaseS: cfg.ReleaseS, SettleS: cfg.GuideS,
		Gate: cfg.Gate, Filter: cfg.Filter, FacingS: cfg.FacingS, SideS: cfg.SideS, MaxStepS: cfg.MaxStepS,
		Camera: cfg.Camera, OutS: cfg.OutS,
	}
}

// Coach is one person's live coaching session. Use New; the zero value is
// not usable. A Coach is not safe for concurrent use.
type Coach struct {
	cfg Config
	tr  *kneel.Tracker
	o   kneel.Track // the tracker's result for the last frame

	rep         int  // the tracker's repetition the cues below belong to
	doneSaid    bool // the hold-done cue was given
	praise      bool // a positive cue is due
	praiseSince float64
	prevState   State
	prevOut     string  // the tracker's Out of the last frame
	lastCue     float64 // time of the last cue, -Inf before
	said        [numCues]float64
	fixed       [numCues]bool // the fault of a cue was corrected since it was said
	showing     CueCode
	part        string // the body part the last out-of-picture cue named
}

// New returns a coach with the configuration cfg.
func New(cfg Config) *Coach {
	c := &Coach{cfg: cfg, tr: kneel.NewTracker(cfg.Track())}
	c.Reset()
	return c
}

// Reset starts a new session: every filter, timer and state is forgotten.
func (c *Coach) Reset() {
	c.tr.Reset()
	c.o = kneel.Track{}
	c.rep, c.doneSaid, c.praise, c.praiseSince, c.prevState = 0, false, false, 0, StateGettingIntoPosition
	c.lastCue = math.Inf(-1)
	for i := range c.said {
		c.said[i] = math.Inf(-1)
	}
	c.fixed = [numCues]bool{}
	c.showing, c.part, c.prevOut = CueNone, "", ""
}

// Config returns the coach's configuration.
func (c *Coach) Config() Config { return c.cfg }

// Track returns the tracker's result for the last frame: the statuses,
// confirmed faults and state the offline report is made of.
func (c *Coach) Track() kneel.Track { return c.o }

// Update takes the next camera frame (times must increase) of an image with
// the given aspect ratio (width/height) and returns the coach's state and
// the cue to give, if any. It allocates nothing.
func (c *Coach) Update(f *stretchwise.Frame, aspect float64) Output {
	t := f.T
	c.o = c.tr.Update(f, aspect)
	o := &c.o
	if o.Rep != c.rep {
		c.rep, c.doneSaid = o.Rep, false
	}
	if o.State == StateHolding && (c.prevState != StateHolding || c.prevOut != "" && o.Out == "") {
		// Good form again, or seen again after a part was out of the
		// picture (the caption must not keep naming it).
		c.praise, c.praiseSince = true, t
	}
	c.prevOut = o.Out
	if o.State != StateHolding || t-c.praiseSince > c.cfg.RepeatFixedS {
		// Praise that could not be given soon after the change is stale.
		c.praise = false
	}
	c.prevState = o.State

	out := Output{T: t, State: o.State, HoldS: o.HoldS, TargetS: c.cfg.TargetHoldS, Metrics: o.Metrics, Checks: o.Checks}
	if o.Side >= 0 {
		out.Side = sideOf(o.Side)
	}
	out.Cue = c.chooseCue(t, o.In, f.Detected)
	for k := kneel.Check(0); k < kneel.NumChecks; k++ {
		if out.Checks[k] == kneel.StatusOK {
			c.fixed[checkCue[k]] = true
		}
	}
	if o.Out == "" {
		c.fixed[CueOutOfPicture] = true
	}
	if out.Cue != CueNone {
		c.lastCue, c.said[out.Cue], c.showing = t, t, out.Cue
		if out.Cue == CueOutOfPicture {
			c.part = o.Out
		}
		c.fixed[out.Cue] = false
		switch out.Cue {
		case CueGoodForm:
			c.praise = false
		case CueHoldDone:
			c.doneSaid = true
		}
	}
	out.Showing = c.showing
	if out.Showing == CueOutOfPicture {
		out.Part = c.part
	}
	return out
}

// CueText is the wording of the cue to give now ("" for none): Cue.Text,
// or for CueOutOfPicture the words of package framing naming Part.
func (o *Output) CueText() string { return cueText(o.Cue, o.Part) }

// ShowingText is the wording of the caption (Showing), as CueText.
func (o *Output) ShowingText() string { return cueText(o.Showing, o.Part) }

// chooseCue returns the most important cue that is due and allowed now.
func (c *Coach) chooseCue(t float64, in, detected bool) CueCode {
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
	o := &c.o
	if t-c.lastCue < c.cfg.CooldownS {
		// The pause after a cue, for the person to act on it. A new fault
		// (its run of faulty values began after that cue) more important
		// than what the cue was about is not what the person is acting
		// on: its correction comes now, not seconds after the movement.
		if o.Judged && (o.State == StateFault || o.State == StateGettingIntoPosition) {
			last := c.showing.Priority()
			c.faultCues(func(q CueCode) {
				if k := checkOf(q); k < kneel.NumChecks && q.Priority() > last && o.Onset[k] > c.lastCue {
					consider(q)
				}
			})
		}
		return best
	}
	switch {
	case o.TooHigh && detected:
		// Nothing is judged from a camera this high: say so instead.
		consider(CueLowerCamera)
		return best
	case o.Out != "":
		// Nor with a part the checks need out of the picture (the
		// tracker names it through a frame without a person, too): name
		// it. Another part than the one named is news, said once the
		// cooldown allows.
		if o.Out != c.part {
			c.said[CueOutOfPicture] = math.Inf(-1)
		}
		consider(CueOutOfPicture)
		return best
	case o.Unsteady && o.In:
		// Nor through landmarks this unsteady.
		consider(CueSeeClearly)
		return best
	case detected && !in && !math.IsNaN(o.HiddenSince) && t-o.HiddenSince >= c.cfg.GuideS:
		// Nor the position with a hip or knee out of sight: asking the
		// person to kneel would not help.
		consider(CueShowKnees)
		return best
	}
	switch o.State {
	case StateGettingIntoPosition:
		switch {
		case !detected:
		case !o.FacingKnown && !math.IsNaN(o.NoFacingSince) && t-o.NoFacingSince >= c.cfg.GuideS:
			consider(CueTurnSideways)
		case !in && !math.IsNaN(o.OutSince) && t-o.OutSince >= c.cfg.GuideS:
			consider(CueGetInPosition)
		case o.Judged:
			// In position for a while but not yet in the stretch:
			// confirmed faults, the missing hip shift among them, guide
			// the way in. Someone still settling is not talked over.
			c.faultCues(consider)
		}
	case StateFault:
		c.faultCues(consider)
	case StateHolding:
		// Praise only what is judged: not while the camera's height or
		// the landmarks' steadiness is still unknown.
		if !o.Judged {
			break
		}
		if o.Done && !c.doneSaid {
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
	o := &c.o
	pending := 0
	for k := kneel.Check(0); k < kneel.NumChecks; k++ {
		if !o.Confirmed[k] && o.Checks[k] == kneel.StatusFault && !o.Clearing[k] {
			pending = max(pending, checkCue[k].Priority())
		}
	}
	for k := kneel.Check(0); k < kneel.NumChecks; k++ {
		if o.Confirmed[k] && !o.Clearing[k] && checkCue[k].Priority() > pending {
			consider(checkCue[k])
		}
	}
}

// checkOf returns the check whose fault cue q corrects (q must be one).
func checkOf(q CueCode) kneel.Check {
	for k, c := range checkCue {
		if c == q {
			return kneel.Check(k)
		}
	}
	return kneel.NumChecks
}

func sideOf(i int) stretchwise.Side {
	if i == geom.Right {
		return stretchwise.SideRight
	}
	return stretchwise.SideLeft
}

// kneelLive is the half-kneeling coach as a registered Live.
type kneelLive struct {
	c *Coach
	a Answer
}

// Live returns the coach as a Live, whose answers spell out its outputs.
func (c *Coach) Live() Live {
	return &kneelLive{c: c, a: newAnswer(stretchwise.ExerciseHalfKneeling, int(kneel.NumChecks))}
}

func (l *kneelLive) Update(f *stretchwise.Frame, aspect float64) *Answer {
	o := l.c.Update(f, aspect)
	a := &l.a
	a.set(o.T, o.State, o.Side, o.HoldS, o.TargetS, o.Cue, o.Showing, o.Metrics.InPosition)
	if o.Part != "" {
		a.CueText, a.ShowingText = o.CueText(), o.ShowingText()
	}
	for k := kneel.Check(0); k < kneel.NumChecks; k++ {
		a.Checks[k.Code()] = o.Checks[k].String()
	}
	a.angle("front_knee_deg", o.Metrics.FrontKnee)
	a.angle("back_knee_deg", o.Metrics.BackKnee)
	a.angle("trunk_from_vertical_deg", o.Metrics.Trunk)
	a.angle("hip_extension_deg", o.Metrics.HipExt)
	return a
}

// The half-kneeling stretch's live coach. The guard keeps its hip
// extension: how far into the stretch the person is.
func init() {
	withTarget := func(targetS float64) Config {
		cfg := DefaultConfig
		if targetS > 0 {
			cfg.TargetHoldS = targetS
		}
		return cfg
	}
	Register(Rules{
		Exercise: stretchwise.ExerciseHalfKneeling, Name: "half-kneeling hip flexor stretch", SideName: "down knee",
		TimerNote: "The timer counts only the time you hold the stretch in good form.",
		HoldAngle: "hip_extension_deg",
		New:       func(targetS, _ float64) Live { return New(withTarget(targetS)).Live() },
		Replay:    func(rec *stretchwise.Recording, targetS float64) Timeline { return Replay(rec, withTarget(targetS)) },
	})
}
