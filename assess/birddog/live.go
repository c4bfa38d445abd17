package birddog

import (
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/internal/ring"
)

// Live is the bird-dog screen's measures one frame at a time, for the live
// coach (package coach): the same landmarks, reach scores, limb elevations
// and roll rises as the screen, against the person's own quiet quadruped
// position learned as it happens. Each measure is the median over the last
// WindowS seconds. It allocates nothing per frame once its windows are
// full. Use NewLive; a Live is not safe for concurrent use.
type Live struct {
	cfg     Config
	windowS float64
	view    stretchwise.View
	vi      viewInfo
	a       geom.Angles

	drop    [4]ring.Window // how far each distal point hangs below its joint
	rest    [4]float64     // rest drop of each limb, image heights; 0 unknown
	limb    [4]ring.Window // arm left, arm right, leg left, leg right elevation, degrees
	rise    [2]ring.Window // pelvis, shoulder rise
	width   [2]ring.Window // pelvis, shoulder width
	base    [2]float64     // quiet rise of pelvis, shoulder
	baseW   [2]float64     // quiet width
	quietS  float64        // quiet time averaged into base
	lastT   float64
	started bool
}

// LiveFrame is one frame's measures. Values the view cannot show, or not
// yet known, are NaN.
type LiveFrame struct {
	// Reach is the reach score of each diagonal, by the side of its leg
	// (index 0 = left leg with the right arm): 0 with the limbs down as at
	// rest, 1 with the wrist at shoulder and the ankle at hip height.
	Reach [2]float64
	// Rest is the mean rise of each diagonal's limbs (Reach without the
	// both-limbs rule): both below Config.ReachOnset is the quiet position.
	Rest [2]float64
	// ArmDeg and LegDeg are the elevation above horizontal of each arm and
	// leg (index 0 = left), degrees, where the view shows them.
	ArmDeg, LegDeg [2]float64
	// PelvisDeg and ShoulderDeg are the change of the hip and shoulder
	// lines' roll from the quiet position, degrees, positive = the left
	// side higher, where the view shows roll and a quiet position was seen
	// for Config.MinBaselineS.
	PelvisDeg, ShoulderDeg float64
	// Roll and Limbs say whether the view can show roll and limb
	// elevation at all.
	Roll, Limbs bool
}

// DefaultLiveWindowS is the median window of the live measures. Our choice,
// as the half-kneeling coach's (kneel.DefaultRules.WindowS is 0.2 s): a
// median over 0.3 s removes the pose estimator's jitter peaks (correlated
// over about 0.1 s) and delays a change by about 0.15 s.
const DefaultLiveWindowS = 0.3

// restDecayS is how fast a limb's rest drop may shrink (the person moving
// away from the camera), seconds. Our choice: a limb hangs lowest at rest,
// so the rest drop is the largest windowed drop seen, forgotten slowly
// enough that a reach of 10 s does not lower it by more than 2 %.
const restDecayS = 500

// baselineTauS is the time constant of the quiet position's average roll
// rise and width, seconds. Our choice: the start is a few seconds long and
// the quiet rests between reaches refresh it, as the screen pools them.
const baselineTauS = 2

// NewLive returns a Live with the screen's thresholds cfg and a median
// window of windowS seconds (0: DefaultLiveWindowS).
func NewLive(cfg Config, windowS float64) *Live {
	if !(windowS > 0) {
		windowS = DefaultLiveWindowS
	}
	l := &Live{cfg: cfg, windowS: windowS}
	l.Reset()
	return l
}

// Reset forgets everything: rest drops, the quiet position and the view.
func (l *Live) Reset() {
	*l = Live{cfg: l.cfg, windowS: l.windowS, view: stretchwise.ViewUnknown, vi: describeView(stretchwise.ViewUnknown, l.gate(), l.cfg)}
}

func (l *Live) gate() float64 {
	if l.cfg.Gate > 0 {
		return l.cfg.Gate
	}
	return geom.DefaultGate
}

// Update measures pose p (smoothed landmarks, nil when nobody is seen) of an
// image with the given aspect ratio at time t seconds, seen from view (the
// posture classifier's; a change of view forgets the quiet position). quad
// says the person is in quadruped: only then does a quiet frame count toward
// the quiet position.
func (l *Live) Update(dst *LiveFrame, t float64, p *stretchwise.Pose, aspect float64, view stretchwise.View, quad bool) {
	dt := 0.0
	if l.started {
		dt = math.Max(0, t-l.lastT)
	}
	l.started, l.lastT = true, t
	gate := l.gate()
	if view != l.view {
		l.view, l.vi = view, describeView(view, gate, l.cfg)
		l.base, l.baseW, l.quietS = [2]float64{}, [2]float64{}, 0
	}
	nan := math.NaN()
	*dst = LiveFrame{Reach: [2]float64{nan, nan}, Rest: [2]float64{nan, nan}, ArmDeg: [2]float64{nan, nan}, LegDeg: [2]float64{nan, nan},
		PelvisDeg: nan, ShoulderDeg: nan, Roll: l.vi.roll, Limbs: l.vi.limbs}
	since := t - l.windowS
	if p != nil {
		for k, lm := range riseLandmarks {
			if d, j := p[lm[0]], p[lm[1]]; d.Visibility >= gate && j.Visibility >= gate {
				l.drop[k].Push(t, d.Y-j.Y)
			}
		}
		if l.vi.limbs {
			geom.ComputeOf(&l.a, p, aspect, gate, geom.ValidArmLeft|geom.ValidArmRight|geom.ValidLegLeft|geom.ValidLegRight)
			limbCos := math.Sqrt(math.Max(0, 1-l.vi.rollCos*l.vi.rollCos))
			for k := 0; k < 2; k++ {
				if l.a.Has(geom.ValidArm[k]) {
					l.limb[k].Push(t, correct(l.a.ArmElevation[k], limbCos))
				}
				if l.a.Has(geom.ValidLeg[k]) {
					l.limb[2+k].Push(t, correct(l.a.LegElevation[k], limbCos))
				}
			}
		}
		if l.vi.roll {
			if v, w, ok := geom.PelvicRise2D(p, aspect, l.vi.rollGate); ok {
				l.rise[0].Push(t, v)
				l.width[0].Push(t, w)
			}
			if v, w, ok := geom.ShoulderRise2D(p, aspect, l.vi.rollGate); ok {
				l.rise[1].Push(t, v)
				l.width[1].Push(t, w)
			}
		}
	}
	// Rise of each limb against its rest drop.
	var rise [4]float64
	decay := math.Exp(-dt / restDecayS)
	for k := range l.drop {
		rise[k] = nan
		d := l.drop[k].Median(since)
		if math.IsNaN(d) {
			continue
		}
		l.rest[k] = math.Max(l.rest[k]*decay, d)
		if l.rest[k] >= minRestDrop {
			rise[k] = 1 - d/l.rest[k]
		}
	}
	for side := 0; side < 2; side++ {
		leg := stretchwise.SideLeft
		if side == 1 {
			leg = stretchwise.SideRight
		}
		ankle, wrist := diagonal(leg)
		dst.Reach[side] = reachScore(rise[ankle], rise[wrist])
		dst.Rest[side] = meanRise(rise[ankle], rise[wrist])
	}
	for k := 0; k < 2; k++ {
		dst.ArmDeg[k] = l.limb[k].Median(since)
		dst.LegDeg[k] = l.limb[2+k].Median(since)
	}
	if !l.vi.roll {
		return
	}
	var now, nowW [2]float64
	for k := 0; k < 2; k++ {
		now[k], nowW[k] = l.rise[k].Median(since), l.width[k].Median(since)
	}
	quiet := quad && !(dst.Rest[0] >= l.cfg.ReachOnset) && !(dst.Rest[1] >= l.cfg.ReachOnset) && !(math.IsNaN(dst.Rest[0]) && math.IsNaN(dst.Rest[1]))
	if quiet && !math.IsNaN(now[0]) && !math.IsNaN(now[1]) && dt > 0 {
		// The mean of the samples for the first time constant, then an
		// exponential average.
		al := math.Max(dt/math.Max(dt, l.quietS+dt), 1-math.Exp(-dt/baselineTauS))
		if l.quietS == 0 {
			al = 1
		}
		for k := 0; k < 2; k++ {
			l.base[k] += al * (now[k] - l.base[k])
			l.baseW[k] += al * (nowW[k] - l.baseW[k])
		}
		l.quietS += dt
	}
	if l.quietS < l.cfg.MinBaselineS {
		return
	}
	// Rise over the line's true width is the sine of the roll change
	// (geom.RiseChange), as the screen's rollChange.
	for k, out := range []*float64{&dst.PelvisDeg, &dst.ShoulderDeg} {
		if w := l.baseW[k] / l.vi.rollCos; w > 0 && !math.IsNaN(now[k]) {
			*out, _ = geom.RiseChange((now[k]-l.base[k])/w, 0)
		}
	}
}
