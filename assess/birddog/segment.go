package birddog

import (
	"math"
	"sort"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/stats"
)

// Limb indices of series.rise.
const (
	leftWrist = iota
	rightWrist
	leftAnkle
	rightAnkle
)

// channel is one per-frame quantity in degrees: the value from the cleaned
// landmarks, the value from the raw landmarks (for the empirical noise
// estimate) and the model's standard uncertainty of one frame. A frame
// where the quantity cannot be measured holds NaN in v.
type channel struct {
	v, raw, sd []float64
}

func newChannel(n int) channel {
	c := channel{v: make([]float64, n), raw: make([]float64, n), sd: make([]float64, n)}
	for i := range c.v {
		c.v[i], c.raw[i], c.sd[i] = math.NaN(), math.NaN(), math.NaN()
	}
	return c
}

// series is the per-frame view of a recording the screen works on. It is
// built from an assess.Input by build (series.go) and can be built by hand
// in tests.
type series struct {
	t    []float64 // seconds
	dt   float64   // median frame interval, seconds; see frameInterval
	quad []bool    // posture is quadruped
	// rise is, per limb, how far the wrist (ankle) has risen from its rest
	// position toward the shoulder (hip) height: 0 at rest on the floor, 1
	// level with the shoulder (hip). NaN when the limb is not visible.
	rise [4][]float64
	// pelvis and shoulder are how far the left hip (shoulder) is above the
	// right one in the image, in image heights (positive = left side
	// higher, as geom's roll: docs/angles.md); pelvisW and shoulderW are
	// the lines' widths across the image (cleaned landmarks). NaN where
	// not visible. Roll is the change of the rise over the line's true
	// width (rollChange).
	pelvis, shoulder   channel
	pelvisW, shoulderW []float64
	// arm and leg are the elevation of each arm (shoulder to wrist) and leg
	// (hip to ankle) above horizontal in degrees, index 0 = left; NaN where
	// the view cannot show it.
	arm, leg [2]channel
	// trunk is the trunk from vertical (degrees, docs/angles.md); NaN where
	// the view cannot show it.
	trunk channel
	// hipV is the image height of the hip midpoint (y, image heights, down)
	// and thigh the height of the hip midpoint above the knees (image
	// heights); NaN where not visible. Not angles: they give the hip drop.
	hipV, thigh channel
	// head is the direction of the head from the shoulders in the image
	// plane (degrees); NaN where not visible.
	head channel
	// seg is, per limb (the order of rise) and per segment (0 = upper arm
	// or thigh, 1 = forearm or shank), the segment's length in the
	// isotropic image plane (image heights); NaN where not usable. In the
	// views that show the limbs a segment keeps its length from the quiet
	// position to the reach, so a much shorter one is a pose-model guess.
	seg [4][2][]float64
	// cameraDeg is how far above the body the camera looked down, degrees
	// (cameraElevation); 0 when it could not be told.
	cameraDeg float64
	// outside has, per frame, the landmarks that lay outside the picture
	// (bit i for landmark i; framing.Inside): the pose model guessed them,
	// so no measure uses them and a missing measure says so.
	outside []uint64
}

func newSeries(n int) *series {
	s := &series{t: make([]float64, n), quad: make([]bool, n), outside: make([]uint64, n)}
	for k := range s.rise {
		s.rise[k] = make([]float64, n)
		for i := range s.rise[k] {
			s.rise[k][i] = math.NaN()
		}
	}
	s.pelvis, s.shoulder = newChannel(n), newChannel(n)
	s.pelvisW, s.shoulderW = make([]float64, n), make([]float64, n)
	for i := range s.pelvisW {
		s.pelvisW[i], s.shoulderW[i] = math.NaN(), math.NaN()
	}
	for k := 0; k < 2; k++ {
		s.arm[k], s.leg[k] = newChannel(n), newChannel(n)
	}
	s.trunk, s.head = newChannel(n), newChannel(n)
	for k := range s.seg {
		for j := range s.seg[k] {
			s.seg[k][j] = make([]float64, n)
			for i := range s.seg[k][j] {
				s.seg[k][j][i] = math.NaN()
			}
		}
	}
	s.hipV, s.thigh = newChannel(n), newChannel(n)
	return s
}

// sideIndex maps a side to the index of two-element arrays (0 = left).
func sideIndex(s stretchwise.Side) int {
	if s == stretchwise.SideRight {
		return 1
	}
	return 0
}

// score is the reach score of the diagonal whose leg is on side leg: the
// mean of the leg's ankle rise and the opposite wrist's rise, but at most
// twice the smaller of them, so that both limbs must rise (an arm raised
// alone, as in a thoracic rotation, is not a reach), or the rise of the
// one that is visible. NaN when neither is. Not simply the smaller rise:
// seen from behind by a camera above the body, a leg reaching back points
// toward the camera and its ankle stays below the hip in the image (a
// third of the way up at 20 deg of elevation, where the arm, pointing
// away, rises above the shoulder), and from the front the arm does.
func (s *series) score(leg stretchwise.Side, i int) float64 {
	ankle, wrist := diagonal(leg)
	return reachScore(s.rise[ankle][i], s.rise[wrist][i])
}

// diagonal returns the rise indices of the ankle and the opposite wrist of
// the diagonal whose leg is on side leg.
func diagonal(leg stretchwise.Side) (ankle, wrist int) {
	if leg == stretchwise.SideRight {
		return rightAnkle, leftWrist
	}
	return leftAnkle, rightWrist
}

// reachScore is score from the ankle's rise a and the wrist's rise w.
func reachScore(a, w float64) float64 {
	if math.IsNaN(a) || math.IsNaN(w) {
		return oneRise(a, w)
	}
	return math.Min((a+w)/2, 2*math.Min(a, w))
}

// oneRise is the rise of the one limb of a and w that is visible (not
// NaN); NaN when neither is. A lone limb raised above maxLoneRise is no
// reach (0): a bird-dog reach holds the limb about level, and the arm of
// a thoracic rotation, pointing at the ceiling, would otherwise count as
// one whenever the leg of its diagonal is not seen.
func oneRise(a, w float64) float64 {
	r := a
	if math.IsNaN(a) {
		r = w
	}
	if r > maxLoneRise {
		return 0
	}
	return r
}

// maxLoneRise is the highest rise (1 is level with the shoulder or hip, 2
// straight up) of a limb that counts as a reach when the other limb of its
// diagonal is not seen. Our choice: 1.75, a limb about 50 deg above
// horizontal (1 + sin 50 deg), well above the 10 deg the screen already
// calls too high and the 24 deg of the synthetic battery's highest limbs
// (1.41), and below the arm raised straight up of the real
// thread-the-needle clip (rise 2.2-2.4 with lite's landmarks, whose near
// leg was then below the visibility gate: a reach and a limb_too_high
// warning were reported for it).
const maxLoneRise = 1.75

// restScore is the mean rise of the limbs of the diagonal whose leg is on
// side leg, over the ones that are visible; NaN when neither is. Quiet
// frames are those where both diagonals' rest scores are low: a mean (not
// the smaller rise of score) so that an arm raised alone is not quiet, and
// a mean (not every limb) so that the jitter of one hidden limb does not
// empty the baseline.
func (s *series) restScore(leg stretchwise.Side, i int) float64 {
	ankle, wrist := diagonal(leg)
	return meanRise(s.rise[ankle][i], s.rise[wrist][i])
}

// meanRise is restScore from the ankle's rise a and the wrist's rise w.
func meanRise(a, w float64) float64 {
	if math.IsNaN(a) || math.IsNaN(w) {
		return oneRise(a, w)
	}
	return (a + w) / 2
}

// rep is one reach of one diagonal, as frame indices (inclusive).
type rep struct {
	side                           stretchwise.Side // side of the lifted leg
	start, holdStart, holdEnd, end int
	// incomplete: the recording ended before the limbs were back down.
	incomplete bool
}

// segmentation is the result of segment.
type segmentation struct {
	reps []rep
	// rejected counts reaches dropped because both diagonals rose together
	// (the person moved out of quadruped rather than reaching).
	rejected int
}

// segment finds the reaches of a series: hysteresis on the larger of the two
// diagonal scores, then each reach is widened to its onset and return and
// its hold is the plateau.
// mergeGapS: see segment. Our choice, because a return, a rest and a new
// reach take seconds (docs/clinical.md's pace; synth: 1.5 s return, 1.5 s
// rest), while the noise of MediaPipe's depth, which the reach score reads
// from a camera high above the body, dips it for a few frames at a time.
const mergeGapS = 1.0

func segment(s *series, cfg Config) segmentation {
	n := len(s.t)
	type span struct {
		side        stretchwise.Side
		first, last int // frames at or above ReachExit after entering
	}
	var spans []span
	cur := stretchwise.SideNone
	first, last := 0, 0
	for i := 0; i < n; i++ {
		if cur == stretchwise.SideNone {
			l, r := s.score(stretchwise.SideLeft, i), s.score(stretchwise.SideRight, i)
			side, sc := stretchwise.SideLeft, l
			if math.IsNaN(l) || r > l {
				side, sc = stretchwise.SideRight, r
			}
			if sc >= cfg.ReachEnter {
				cur, first, last = side, i, i
			}
			continue
		}
		sc := s.score(cur, i)
		if math.IsNaN(sc) {
			continue // a gap: keep the state
		}
		if sc < cfg.ReachExit {
			spans = append(spans, span{cur, first, last})
			cur = stretchwise.SideNone
			continue
		}
		last = i
	}
	if cur != stretchwise.SideNone {
		spans = append(spans, span{cur, first, last})
	}
	// A dip of the score under ReachExit for less than mergeGapS between
	// two spans of the same side is noise within one reach, not a return
	// and a new reach (a person rests between reaches).
	merged := spans[:0]
	for _, sp := range spans {
		if k := len(merged) - 1; k >= 0 && merged[k].side == sp.side && s.t[sp.first]-s.t[merged[k].last] < mergeGapS {
			merged[k].last = sp.last
			continue
		}
		merged = append(merged, sp)
	}
	spans = merged

	var out segmentation
	prevEnd := -1
	for k, sp := range spans {
		if s.t[sp.last]-s.t[sp.first] < cfg.MinReachS {
			continue
		}
		nextStart := n
		if k+1 < len(spans) {
			nextStart = spans[k+1].first
		}
		start := sp.first
		for start-1 > prevEnd && above(s.score(sp.side, start-1), cfg.ReachOnset) {
			start--
		}
		end := sp.last
		for end+1 < nextStart && above(s.score(sp.side, end+1), cfg.ReachOnset) {
			end++
		}
		// The hold: frames at or above HoldFrac of the plateau (the 90th
		// percentile of the score during the reach).
		var sc []float64
		for i := start; i <= end; i++ {
			if v := s.score(sp.side, i); !math.IsNaN(v) {
				sc = append(sc, v)
			}
		}
		plateau := stats.Quantile(sc, 0.9)
		hs, he := -1, -1
		for i := start; i <= end; i++ {
			if v := s.score(sp.side, i); v >= cfg.HoldFrac*plateau {
				if hs < 0 {
					hs = i
				}
				he = i
			}
		}
		if hs < 0 {
			continue
		}
		// Both diagonals up together is not a bird-dog reach.
		var other []float64
		for i := hs; i <= he; i++ {
			if v := s.score(sp.side.Opposite(), i); !math.IsNaN(v) {
				other = append(other, v)
			}
		}
		if len(other) > 0 && stats.Quantile(other, 0.5) >= cfg.ReachEnter {
			out.rejected++
			continue
		}
		// Cut off by the end: the last frame is still in the reach.
		incomplete := end == n-1 && above(s.score(sp.side, end), cfg.ReachOnset)
		out.reps = append(out.reps, rep{side: sp.side, start: start, holdStart: hs, holdEnd: he, end: end, incomplete: incomplete})
		prevEnd = end
	}
	return out
}

// above reports whether v is a number at or above thr; a gap (NaN) ends the
// widening of a reach so that it never swallows an unseen stretch.
func above(v, thr float64) bool { return v >= thr }

// sortedWindow holds the values of a sliding window in ascending order,
// NaN left out, so that its quantiles need no sort: adding or removing a
// value moves the values after it by one place, O(window) per step
// against O(window log window) for sorting. The order statistics are
// those of sorting the window's values anew (an equal value removed may
// be another of the equal ones, which changes nothing).
type sortedWindow struct {
	xs []float64
}

// reset empties the window, with room for n values.
func (w *sortedWindow) reset(n int) {
	if cap(w.xs) < n {
		w.xs = make([]float64, 0, n)
	}
	w.xs = w.xs[:0]
}

// add inserts v in order; NaN is ignored.
func (w *sortedWindow) add(v float64) {
	if math.IsNaN(v) {
		return
	}
	k := sort.SearchFloat64s(w.xs, v)
	w.xs = append(w.xs, 0)
	copy(w.xs[k+1:], w.xs[k:])
	w.xs[k] = v
}

// remove deletes one value equal to v, which must have been added; NaN is
// ignored.
func (w *sortedWindow) remove(v float64) {
	if math.IsNaN(v) {
		return
	}
	k := sort.SearchFloat64s(w.xs, v)
	if k == len(w.xs) || w.xs[k] != v {
		panic("birddog: sortedWindow.remove of a value not in the window")
	}
	w.xs = append(w.xs[:k], w.xs[k+1:]...)
}
