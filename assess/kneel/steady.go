package kneel

import (
	"math"

	"github.com/stretchwise/stretchwise"
)

// Steadier steadies the far hip and far shoulder of a side view. In a side
// view those joints are hidden behind the body; the pose estimator still
// places them, with several times the jitter of the near ones (package
// synth models 2.5 times), yet in the image they sit almost on top of the
// near hip and shoulder (the hip line points at the camera). Steadier
// replaces each far joint by the near one plus their offset averaged over
// RefTimeS seconds, which keeps the small offset that perspective and a
// raised camera give and drops the far joint's jitter. The angles are then
// computed by package geom as usual. The zero value is usable and uses
// DefaultSteadyS; it allocates nothing.
type Steadier struct {
	// TimeS is the time constant of the offset average, seconds; 0 means
	// DefaultSteadyS.
	TimeS float64
	// MinVisGap: a pair is steadied only when the near joint's visibility
	// exceeds the far one's by this much (a side view); in front and rear
	// views both joints are seen and left alone. 0 means DefaultVisGap.
	MinVisGap float64
	off       [2][2]float64 // x, y offset far - near, per pair (hips, shoulders)
	init      [2]bool
	n         [2]float64 // samples averaged so far, per pair
	lastT     float64
}

// DefaultSteadyS is Steadier's default time constant. Our choice, because
// the offset between the hips changes only when the person turns, over
// many seconds, while the far joint's jitter is correlated over about
// 0.1 s: a 10 s average cuts that jitter about ten-fold. Until that much
// time has passed the offset is the plain mean of the samples so far.
const DefaultSteadyS = 10.0

// DefaultVisGap is Steadier's default visibility gap. Our choice, because
// pose estimators mark hidden joints clearly less visible (BlazePose, and
// package synth: 0.6 against 0.98), while noise moves visibility by a few
// hundredths.
const DefaultVisGap = 0.15

// Reset forgets the averaged offsets.
func (s *Steadier) Reset() { s.init, s.n, s.lastT = [2]bool{}, [2]float64{}, 0 }

var steadyPairs = [2][2]int{
	{stretchwise.LeftHip, stretchwise.RightHip},
	{stretchwise.LeftShoulder, stretchwise.RightShoulder},
}

// Apply steadies the far hip and shoulder of p, seen at time t seconds, in
// place. Landmarks below gate are neither used nor changed.
func (s *Steadier) Apply(p *stretchwise.Pose, t, gate float64) {
	tau := s.TimeS
	if tau <= 0 {
		tau = DefaultSteadyS
	}
	gap := s.MinVisGap
	if gap <= 0 {
		gap = DefaultVisGap
	}
	dt := t - s.lastT
	s.lastT = t
	for k, pr := range steadyPairs {
		a, b := &p[pr[0]], &p[pr[1]]
		near, far := a, b
		if b.Visibility > a.Visibility {
			near, far = b, a
		}
		if !(near.Visibility >= gate) || !(far.Visibility >= gate) || near.Visibility-far.Visibility < gap {
			continue
		}
		dx, dy := far.X-near.X, far.Y-near.Y
		if !s.init[k] || !(dt > 0) || dt > tau {
			s.off[k], s.init[k], s.n[k] = [2]float64{dx, dy}, true, 1
		} else {
			// The mean of the samples so far, then an exponential average.
			s.n[k]++
			al := math.Max(1/s.n[k], 1-math.Exp(-dt/tau))
			s.off[k][0] += al * (dx - s.off[k][0])
			s.off[k][1] += al * (dy - s.off[k][1])
		}
		far.X, far.Y = near.X+s.off[k][0], near.Y+s.off[k][1]
	}
}
