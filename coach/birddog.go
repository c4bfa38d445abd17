package coach

import (
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess"
	"github.com/stretchwise/stretchwise/assess/birddog"
	"github.com/stretchwise/stretchwise/assess/kneel"
	"github.com/stretchwise/stretchwise/filter"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/posture"
)

// The live bird-dog coach: the same per-frame machinery as the half-kneeling
// coach (one-euro filter, cue choice, cooldowns), with the bird-dog screen's
// own measures (assess/birddog.Live): the reach of each diagonal, the height
// of the reaching arm and the lifted leg where the view shows them, and the
// roll of the hips and shoulders from the person's own quiet start where the
// view shows it. Its hold timer counts only while a reach is held up, steady
// and level. A strength and stability exercise: its words never talk about a
// stretch.

// BirdDogCheck is one form check of the bird dog.
type BirdDogCheck int

// The bird-dog checks, most important first: the hips tipping is what the
// exercise trains against (docs/clinical.md bird dog), then the shoulders, then
// a limb raised too high (which tips the hips), a reach not yet level, and
// a reach that is not held still.
const (
	CheckPelvisRoll   BirdDogCheck = iota // the hip line tips from the quiet start
	CheckShoulderRoll                     // the shoulder line tips
	CheckLimbHigh                         // the reaching arm or lifted leg above horizontal
	CheckLimbLow                          // the reaching arm or lifted leg well below horizontal
	CheckUnsteady                         // the reach moving instead of held
	NumBirdDogChecks
)

var birdDogCheckCodes = [NumBirdDogChecks]string{"pelvic_roll", "shoulder_roll", "limb_too_high", "limb_too_low", "unsteady"}

// Code returns the check's stable code (the screen's finding codes where
// there is one).
func (c BirdDogCheck) Code() string { return assess.Code(birdDogCheckCodes[:], c) }

var birdDogCheckCue = [NumBirdDogChecks]CueCode{
	CheckPelvisRoll:   CueHipsLevel,
	CheckShoulderRoll: CueShouldersLevel,
	CheckLimbHigh:     CueLimbsLower,
	CheckLimbLow:      CueReachFurther,
	CheckUnsteady:     CueHoldStill,
}

// BirdDogConfig configures a BirdDog coach. Each field names its source or
// says "our choice, because ...". Pass a modified copy of
// DefaultBirdDogConfig.
type BirdDogConfig struct {
	// Screen holds the bird-dog screen's thresholds (birddog.DefaultConfig):
	// the reach scores that start and end a reach, the roll bands and the
	// limb height of docs/clinical.md.
	Screen birddog.Config
	// TargetHoldS is the steady, level hold the timer counts toward.
	// docs/clinical.md bird dog: holds of 5-10 s; the page sets the dose's hold.
	TargetHoldS float64
	// RollFaultDeg: a hip or shoulder roll change beyond this is a fault.
	// docs/clinical.md: "> 10 deg excess" (Screen.UnstableAboveDeg). Not the
	// 5 deg "fine" limit: a single frame's roll from a camera scatters by
	// about 4 deg (docs/validation-birddog.md), and a coach that corrects
	// noise is ignored.
	RollFaultDeg float64
	// LimbLowDeg: a reaching arm or lifted leg more than this below
	// horizontal is short of the reach. Our choice, because docs/clinical.md
	// asks for the limbs at about horizontal, differences under about
	// 5 deg are noise even for a goniometer (docs/clinical.md), and an oblique
	// view adds up to about 6 deg of camera error (Screen.LimbCameraDeg
	// times the view's cosine): 15 deg below is short of level in any view
	// that shows the limbs.
	LimbLowDeg float64
	// MarginDeg: a limb must be this far above Screen.LimbHighDeg (10 deg,
	// docs/clinical.md "flag") to be a fault, for the same camera error. Our
	// choice, as the half-kneeling coach's margin (kneel MarginDeg 5).
	MarginDeg float64
	// SteadyReach and SteadyLagS: the reach is steady while its score (0 at
	// rest, 1 level) has moved less than SteadyReach over the last
	// SteadyLagS seconds. Our choice, because the score's noise after the
	// median is about 0.02-0.05, a limb lowered or raised by 10 deg moves it
	// by about 0.15, and a lift or a sag takes longer than half a second.
	SteadyReach, SteadyLagS float64
	// ConfirmS: a fault counts (stops the timer, is cued) once seen this
	// long without a break; OffS: it clears once gone this long. Our
	// choice, as the half-kneeling coach (kneel ConfirmS 1 s, OffS 0.5 s).
	// The timer stops at once while the reach moves (unsteady), without
	// waiting for the confirmation: it counts only a held reach.
	ConfirmS, OffS float64
	// CooldownS, RepeatS, RepeatFixedS, GuideS: as Config (the
	// half-kneeling coach's, same reasons).
	CooldownS, RepeatS, RepeatFixedS, GuideS float64
	// ReleaseS: the reach ended (score below Screen.ReachExit) this long
	// after a hold is the end of the repetition. Our choice, as Config.
	ReleaseS float64
	// Gate, Filter, MaxStepS: as Config.
	Gate     float64
	Filter   filter.OneEuro
	MaxStepS float64
}

// DefaultBirdDogConfig is the bird-dog coach the web app and `stretchwise
// coach` use.
var DefaultBirdDogConfig = BirdDogConfig{
	Screen:       birddog.DefaultConfig,
	TargetHoldS:  8,
	RollFaultDeg: birddog.DefaultConfig.UnstableAboveDeg,
	LimbLowDeg:   15,
	MarginDeg:    5,
	SteadyReach:  0.1,
	SteadyLagS:   0.5,
	ConfirmS:     1,
	OffS:         0.5,
	CooldownS:    4,
	RepeatS:      15,
	RepeatFixedS: 6,
	GuideS:       4,
	ReleaseS:     1,
	Gate:         geom.DefaultGate,
	Filter:       filter.DefaultOneEuro,
	MaxStepS:     0.25,
}

// BirdDogMetrics are the measures the checks compared, for the page.
type BirdDogMetrics struct {
	Quadruped bool
	View      stretchwise.View
	// Reach is the reaching diagonal's score (0 rest, 1 level); NaN when
	// no reach.
	Reach float64
	// ArmDeg and LegDeg: the reaching arm's and lifted leg's elevation
	// above horizontal, degrees; NaN when the view cannot show them.
	ArmDeg, LegDeg float64
	// PelvisDeg and ShoulderDeg: roll change from the quiet start,
	// positive = the lifted leg's hip (the reaching arm's shoulder) higher;
	// NaN when the view cannot show roll.
	PelvisDeg, ShoulderDeg float64
}

// BirdDogOutput is the bird-dog coach's answer for one frame.
type BirdDogOutput struct {
	T     float64
	State State
	// Side is the side of the lifted leg of the current or last reach.
	Side           stretchwise.Side
	HoldS, TargetS float64
	Cue, Showing   CueCode
	Checks         [NumBirdDogChecks]kneel.Status
	Metrics        BirdDogMetrics
}

// BirdDog is one person's live bird-dog coaching. Use NewBirdDog.
type BirdDog struct {
	cfg   BirdDogConfig
	pf    filter.PoseFilter
	pose  stretchwise.Pose
	cls   *posture.Classifier
	live  *birddog.Live
	frame birddog.LiveFrame

	started  bool
	lastT    float64
	side     int // reaching diagonal (leg side index), -1 none
	lastSide int // the diagonal of the last reach, -1 before one
	// recent reach scores and their times, oldest overwritten, for the
	// movement over SteadyLagS.
	recent     [64][2]float64
	nRecent    int
	since      [NumBirdDogChecks]float64 // fault seen since, NaN when not
	gone       [NumBirdDogChecks]float64 // fault gone since, NaN when not
	confirmed  [NumBirdDogChecks]bool
	outSince   float64 // not reaching since (after a hold), NaN when reaching
	notQuad    float64 // out of quadruped since, NaN when in it
	readySince float64 // in quadruped and not reaching since, NaN otherwise

	state State
	held  bool
	holdS float64
	done  bool
	voice
}

// NewBirdDog returns a bird-dog coach for images of the given aspect ratio
// (width/height).
func NewBirdDog(cfg BirdDogConfig, aspect float64) *BirdDog {
	if !(aspect > 0) || math.IsInf(aspect, 0) {
		aspect = 1
	}
	pc := posture.DefaultConfig
	c := &BirdDog{cfg: cfg, cls: posture.NewClassifier(pc, aspect), live: birddog.NewLive(cfg.Screen, 0)}
	c.Reset()
	return c
}

// Reset starts a new session.
func (c *BirdDog) Reset() {
	c.pf = filter.PoseFilter{Params: c.cfg.Filter, Gate: c.cfg.Gate, HoldS: filter.DefaultHoldS}
	c.cls.Reset()
	c.live.Reset()
	c.started, c.lastT, c.side, c.lastSide, c.nRecent = false, 0, -1, -1, 0
	for k := range c.since {
		c.since[k], c.gone[k], c.confirmed[k] = math.NaN(), math.NaN(), false
	}
	c.outSince, c.notQuad, c.readySince = math.NaN(), math.NaN(), math.NaN()
	c.state, c.held, c.holdS, c.done = StateGettingIntoPosition, false, 0, false
	c.resetVoice()
}

// Config returns the coach's configuration.
func (c *BirdDog) Config() BirdDogConfig { return c.cfg }

// Update takes the next camera frame (times must increase) of an image with
// the given aspect ratio and returns the coach's state and the cue to give.
func (c *BirdDog) Update(f *stretchwise.Frame, aspect float64) BirdDogOutput {
	t := f.T
	dt := 0.0
	if c.started {
		dt = math.Min(math.Max(0, t-c.lastT), c.cfg.MaxStepS)
	}
	c.started, c.lastT = true, t
	if !(aspect > 0) {
		aspect = 1
	}
	lb := c.cls.Update(f)
	quad := lb.Posture == stretchwise.PostureQuadruped
	var p *stretchwise.Pose
	if f.Detected {
		c.pf.Aspect = aspect
		c.pf.Filter(&c.pose, &f.Image, t)
		p = &c.pose
	}
	c.live.Update(&c.frame, t, p, aspect, lb.View, quad)
	m := c.metrics(quad, lb.View)
	reaching := c.side >= 0

	// Checks: a fault must be seen ConfirmS to count and gone OffS to clear.
	var status [NumBirdDogChecks]kneel.Status
	c.evaluate(&status, &m, reaching, t, dt)
	anyFault := false
	for k := range c.confirmed {
		anyFault = anyFault || c.confirmed[k]
	}

	prev := c.state
	switch {
	case !reaching:
		if math.IsNaN(c.outSince) {
			c.outSince = t
		}
		switch {
		case c.held && t-c.outSince >= c.cfg.ReleaseS:
			c.state, c.held = StateReleased, false
		case c.held:
			// A moment below the reach pauses the timer.
		case c.state != StateReleased:
			c.state = StateGettingIntoPosition
		}
	default:
		c.outSince = math.NaN()
		if !c.held {
			// A new repetition begins with the reach.
			c.held, c.holdS, c.done, c.doneSaid = true, 0, false, false
		}
		switch {
		case anyFault:
			c.state = StateFault
		case status[CheckUnsteady] == kneel.StatusFault && c.holdS == 0:
			// Still lifting into the reach.
			c.state = StateGettingIntoPosition
		case status[CheckUnsteady] == kneel.StatusFault:
			c.state = StateFault
		default:
			c.state = StateHolding
		}
	}
	if c.state == StateHolding {
		c.holdS += dt
		if !c.done && c.holdS >= c.cfg.TargetHoldS {
			c.done = true
		}
	}
	c.holding(c.state == StateHolding, prev == StateHolding, t, c.cfg.RepeatFixedS)
	if quad && !reaching {
		if math.IsNaN(c.readySince) {
			c.readySince = t
		}
	} else {
		c.readySince = math.NaN()
	}
	if quad || !f.Detected {
		c.notQuad = math.NaN()
	} else if math.IsNaN(c.notQuad) {
		c.notQuad = t
	}

	out := BirdDogOutput{T: t, State: c.state, HoldS: c.holdS, TargetS: c.cfg.TargetHoldS, Checks: status, Metrics: m}
	if c.side >= 0 {
		c.lastSide = c.side
	}
	if c.lastSide >= 0 {
		out.Side = sideOf(c.lastSide)
	}
	out.Cue = c.chooseCue(t)
	for k, st := range status {
		if st == kneel.StatusOK {
			c.fixed[birdDogCheckCue[k]] = true
		}
	}
	out.Showing = c.spoke(out.Cue, t)
	return out
}

// metrics picks the reaching diagonal (hysteresis between Screen.ReachEnter
// and Screen.ReachExit) and its measures, signed toward the lifted side.
func (c *BirdDog) metrics(quad bool, view stretchwise.View) BirdDogMetrics {
	fr := &c.frame
	nan := math.NaN()
	m := BirdDogMetrics{Quadruped: quad, View: view, Reach: nan, ArmDeg: nan, LegDeg: nan, PelvisDeg: nan, ShoulderDeg: nan}
	s := c.cfg.Screen
	if c.side >= 0 && !(fr.Reach[c.side] >= s.ReachExit) {
		c.side = -1
	}
	if c.side < 0 {
		best := -1
		for k := 0; k < 2; k++ {
			if fr.Reach[k] >= s.ReachEnter && (best < 0 || fr.Reach[k] > fr.Reach[best]) {
				best = k
			}
		}
		c.side, c.nRecent = best, 0
	}
	if c.side < 0 {
		return m
	}
	leg := c.side
	arm := 1 - leg
	m.Reach, m.ArmDeg, m.LegDeg = fr.Reach[leg], fr.ArmDeg[arm], fr.LegDeg[leg]
	// Roll is positive with the left side higher: turn it toward the
	// lifted leg (the hips) and the reaching arm (the shoulders).
	sign := 1.0
	if leg == geom.Right {
		sign = -1
	}
	m.PelvisDeg, m.ShoulderDeg = sign*fr.PelvisDeg, -sign*fr.ShoulderDeg
	return m
}

// evaluate sets each check's status and its confirmation.
func (c *BirdDog) evaluate(status *[NumBirdDogChecks]kneel.Status, m *BirdDogMetrics, reaching bool, t, dt float64) {
	cfg := &c.cfg
	high := cfg.Screen.LimbHighDeg + cfg.MarginDeg
	fault := [NumBirdDogChecks]float64{}
	known := [NumBirdDogChecks]bool{}
	moved := 0.0
	if reaching {
		moved = c.movement(t, m.Reach)
		set := func(k BirdDogCheck, v, limit float64) {
			if math.IsNaN(v) {
				return
			}
			known[k] = true
			fault[k] = v - limit // > 0 is a fault
		}
		set(CheckPelvisRoll, math.Abs(m.PelvisDeg), cfg.RollFaultDeg)
		set(CheckShoulderRoll, math.Abs(m.ShoulderDeg), cfg.RollFaultDeg)
		set(CheckLimbHigh, ignoreNaN(math.Max, m.ArmDeg, m.LegDeg), high)
		set(CheckLimbLow, -cfg.LimbLowDeg-ignoreNaN(math.Min, m.ArmDeg, m.LegDeg), 0)
		set(CheckUnsteady, math.Abs(moved), cfg.SteadyReach)
	}
	for k := range status {
		switch {
		case !known[k]:
			status[k] = kneel.StatusUnknown
		case fault[k] > 0:
			status[k] = kneel.StatusFault
		default:
			status[k] = kneel.StatusOK
		}
		if status[k] == kneel.StatusFault {
			c.gone[k] = math.NaN()
			if math.IsNaN(c.since[k]) {
				c.since[k] = t
			}
			// Moving is only a fault to correct once the reach was held
			// (the lift is not one) and while it stays up (the return is
			// not one either): before that it only stops the timer.
			wobble := BirdDogCheck(k) != CheckUnsteady || (c.holdS > 0 && !c.done && m.Reach >= cfg.Screen.ReachEnter)
			if t-c.since[k] >= cfg.ConfirmS && wobble {
				c.confirmed[k] = true
			}
			continue
		}
		c.since[k] = math.NaN()
		if !reaching {
			c.confirmed[k], c.gone[k] = false, math.NaN()
			continue
		}
		if math.IsNaN(c.gone[k]) {
			c.gone[k] = t
		}
		if t-c.gone[k] >= cfg.OffS {
			c.confirmed[k] = false
		}
	}
}

// movement records the reach score v at t and returns its change over the
// last SteadyLagS seconds; +Inf until that long has been seen (a reach just
// begun is still moving).
func (c *BirdDog) movement(t, v float64) float64 {
	n := len(c.recent)
	c.recent[c.nRecent%n] = [2]float64{t, v}
	c.nRecent++
	for i := 1; i < min(c.nRecent, n); i++ {
		old := c.recent[(c.nRecent-1-i)%n]
		if t-old[0] >= c.cfg.SteadyLagS {
			return v - old[1]
		}
	}
	return math.Inf(1)
}

// ignoreNaN applies pick (math.Max or math.Min) to a and b, ignoring an
// argument that is NaN (a limb not seen); NaN only when both are.
func ignoreNaN(pick func(x, y float64) float64, a, b float64) float64 {
	switch {
	case math.IsNaN(a):
		return b
	case math.IsNaN(b):
		return a
	}
	return pick(a, b)
}

// chooseCue returns the most important cue that is due and allowed now.
func (c *BirdDog) chooseCue(t float64) CueCode {
	if !c.begin(t, c.cfg.CooldownS, c.cfg.RepeatS, c.cfg.RepeatFixedS, CueGoodFormBirdDog, CueHoldDoneBirdDog) {
		return CueNone
	}
	consider := c.consider
	switch c.state {
	case StateGettingIntoPosition, StateReleased:
		switch {
		case !math.IsNaN(c.notQuad) && t-c.notQuad >= c.cfg.GuideS:
			consider(CueAllFours)
		case !math.IsNaN(c.readySince) && t-c.readySince >= c.cfg.GuideS:
			consider(CueReach)
		}
	case StateFault:
		for k, ok := range c.confirmed {
			if ok {
				consider(birdDogCheckCue[k])
			}
		}
	case StateHolding:
		c.holdCue(c.done)
	}
	return c.voice.best
}

// birdDogLive is the bird-dog coach as a registered Live.
type birdDogLive struct {
	c *BirdDog
	a Answer
}

// Live returns the coach as a Live, whose answers spell out its outputs.
// Angles: the reaching arm's and lifted leg's elevation, and the hip and
// shoulder roll change toward the lifted side, degrees; reach, the reach
// score.
func (c *BirdDog) Live() Live {
	return &birdDogLive{c: c, a: newAnswer(stretchwise.ExerciseBirdDog, int(NumBirdDogChecks))}
}

func (l *birdDogLive) Update(f *stretchwise.Frame, aspect float64) *Answer {
	o := l.c.Update(f, aspect)
	a := &l.a
	a.set(o.T, o.State, o.Side, o.HoldS, o.TargetS, o.Cue, o.Showing, o.Metrics.Quadruped)
	for k := BirdDogCheck(0); k < NumBirdDogChecks; k++ {
		a.Checks[k.Code()] = o.Checks[k].String()
	}
	m := o.Metrics
	a.angle("arm_elevation_deg", m.ArmDeg)
	a.angle("leg_elevation_deg", m.LegDeg)
	a.angle("pelvic_roll_deg", m.PelvisDeg)
	a.angle("shoulder_roll_deg", m.ShoulderDeg)
	a.angle("reach", m.Reach)
	return a
}

// The bird dog's live coach.
func init() {
	Register(Rules{
		Exercise: stretchwise.ExerciseBirdDog, Name: "bird dog", SideName: "last lifted leg",
		TimerNote: "The timer counts only while your arm and leg are held up, steady and level.",
		New: func(targetS, aspect float64) Live {
			cfg := DefaultBirdDogConfig
			if targetS > 0 {
				cfg.TargetHoldS = targetS
			}
			return NewBirdDog(cfg, aspect).Live()
		},
	})
}
