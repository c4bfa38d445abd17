package filter

import (
	"math"

	"github.com/stretchwise/stretchwise"
)

// OneEuro is the causal one-euro filter (Casiez, Roussel and Vogel 2012,
// "1 euro filter: a simple speed-based low-pass filter for noisy input in
// interactive systems", CHI '12): an exponential smoother whose cutoff
// rises with the signal's speed, so a still signal is smoothed hard and a
// moving one lags little. The zero value needs its parameters set; Filter
// then starts from the first sample.
type OneEuro struct {
	MinCutoff float64 // Hz: cutoff at rest; lower = less jitter, more lag
	Beta      float64 // s per unit: cutoff rise per unit/s of speed; higher = less lag when moving
	DCutoff   float64 // Hz: cutoff of the speed estimate

	init  bool
	t     float64 // time of the last sample, s
	x, dx float64 // filtered value and speed (units/s)
}

// DefaultOneEuro is tuned for landmark coordinates in image heights. Our
// choice, following Casiez's tuning procedure (MinCutoff for an acceptable
// jitter at rest, then Beta for an acceptable lag at speed; DCutoff 1 Hz as
// the paper recommends): at rest the cutoff is 1 Hz, and a limb moving at
// 0.5 image heights per second raises it to 6 Hz, the cutoff of the offline
// path (DefaultButterworth). The tests in this package check the jitter
// reduction and the lag.
var DefaultOneEuro = OneEuro{MinCutoff: 1, Beta: 10, DCutoff: 1}

// alpha is the smoothing factor of an exponential filter with cutoff fc
// (Hz) for a sample interval te (s): 1/(1 + tau/te) with tau = 1/(2*pi*fc),
// written with one division.
func alpha(fc, te float64) float64 {
	r := 2 * math.Pi * fc * te
	return r / (1 + r)
}

// Filter takes the sample x at time t (seconds) and returns the filtered
// value. A sample whose time is not after the last one is ignored and the
// last filtered value returned.
func (f *OneEuro) Filter(t, x float64) float64 {
	return f.filter(t, x, 1)
}

// filter is Filter with the speed scaled by speedScale before it raises the
// cutoff (x normalized to the image width moves aspect times faster in
// image heights).
func (f *OneEuro) filter(t, x, speedScale float64) float64 {
	if !f.init {
		f.init, f.t, f.x, f.dx = true, t, x, 0
		return x
	}
	te := t - f.t
	if !(te > 0) {
		return f.x
	}
	f.t = t
	f.dx += alpha(f.DCutoff, te) * ((x-f.x)/te - f.dx)
	fc := f.MinCutoff + f.Beta*math.Abs(f.dx)*speedScale
	f.x += alpha(fc, te) * (x - f.x)
	return f.x
}

// Reset forgets the filter's history; the next sample starts it afresh.
func (f *OneEuro) Reset() { f.init = false }

// DefaultHoldS is how long PoseFilter holds a landmark that fell below the
// gate before it forgets it: when it reappears later, its filter restarts
// from the new sample instead of gliding from where it was lost. Our
// choice, because within 0.5 s a limb rarely moves far, while after that
// gliding from a stale position would show a fake movement.
const DefaultHoldS = 0.5

// PoseFilter runs one-euro filters over the image landmarks of a pose, for
// the live path. It holds state, so one camera stream owns one PoseFilter;
// it is not safe for concurrent use. Set the exported fields before the first Filter; the
// zero value of Mask filters every landmark.
//
// Landmarks below Gate are not fed to their filters: Filter writes the last
// filtered position (held) with the incoming, low visibility, so a later
// visibility gate still rejects them. A landmark held longer than HoldS
// restarts from its next usable sample.
type PoseFilter struct {
	Params OneEuro // MinCutoff, Beta (per image height), DCutoff; all zero means DefaultOneEuro
	Gate   float64 // visibility gate, as geom.DefaultGate
	Aspect float64 // image width/height, so x speeds count in image heights; 0 means 1
	HoldS  float64 // seconds a gated landmark is held before its filter restarts
	// Mask selects the landmarks to filter (bit i for landmark i, e.g.
	// geom.AngleLandmarks); the others are copied unchanged. 0 means all.
	Mask uint64

	st      [stretchwise.NumLandmarks]lmState
	lastT   float64 // time of the previous frame, s
	started bool
}

// lmState is the filter state of one landmark: x, y and z share the sample
// times, so the speed filters' alpha is computed once per landmark.
type lmState struct {
	init     bool
	t        float64    // time of the last usable sample, s
	pos, vel [3]float64 // filtered x, y, z and their speeds
	_        [0]func()  // not comparable
}

// NewPoseFilter returns a PoseFilter with DefaultOneEuro, the given gate
// and aspect, DefaultHoldS and all landmarks selected.
func NewPoseFilter(gate, aspect float64) *PoseFilter {
	return &PoseFilter{Params: DefaultOneEuro, Gate: gate, Aspect: aspect, HoldS: DefaultHoldS}
}

// Reset forgets every landmark's history.
func (f *PoseFilter) Reset() {
	f.st = [stretchwise.NumLandmarks]lmState{}
	f.lastT, f.started = 0, false
}

// Filter filters the pose src seen at time t (seconds) into dst (which may
// be src). A detected-nobody frame should not be passed; call Reset when a
// new person or a new session starts. It allocates nothing.
func (f *PoseFilter) Filter(dst, src *stretchwise.Pose, t float64) {
	mask := f.Mask
	if mask == 0 {
		mask = 1<<stretchwise.NumLandmarks - 1
	}
	aspect := f.Aspect
	if aspect == 0 {
		aspect = 1
	}
	p := &f.Params
	if p.MinCutoff == 0 && p.Beta == 0 && p.DCutoff == 0 {
		p = &DefaultOneEuro
	}
	// Every landmark updated in the previous frame shares the interval
	// since it: its speed smoothing factor is computed once.
	te0 := t - f.lastT
	ad0, inv0 := 0.0, 0.0
	if te0 > 0 {
		ad0, inv0 = alpha(p.DCutoff, te0), 1/te0
	}
	scale := [3]float64{2 * math.Pi * p.Beta * aspect, 2 * math.Pi * p.Beta, 2 * math.Pi * p.Beta}
	r0 := 2 * math.Pi * p.MinCutoff
	for i := range src {
		l := src[i]
		if mask&(1<<i) == 0 {
			dst[i] = l
			continue
		}
		s := &f.st[i]
		if !(l.Visibility >= f.Gate) {
			if s.init {
				if t-s.t > f.HoldS {
					s.init = false
				} else {
					l.X, l.Y, l.Z = s.pos[0], s.pos[1], s.pos[2]
				}
			}
			dst[i] = l
			continue
		}
		in := [3]float64{l.X, l.Y, l.Z}
		switch {
		case !s.init:
			s.init, s.t, s.pos, s.vel = true, t, in, [3]float64{}
		case t > s.t:
			te, ad, inv := te0, ad0, inv0
			if s.t != f.lastT {
				te = t - s.t
				ad, inv = alpha(p.DCutoff, te), 1/te
			}
			s.t = t
			for c := 0; c < 3; c++ {
				s.vel[c] += ad * ((in[c]-s.pos[c])*inv - s.vel[c])
				// alpha(MinCutoff + Beta*|speed|, te) with 2*pi folded in.
				r := (r0 + scale[c]*math.Abs(s.vel[c])) * te
				s.pos[c] += r / (1 + r) * (in[c] - s.pos[c])
			}
		}
		l.X, l.Y, l.Z = s.pos[0], s.pos[1], s.pos[2]
		dst[i] = l
	}
	if t > f.lastT || !f.started {
		f.lastT, f.started = t, true
	}
}
