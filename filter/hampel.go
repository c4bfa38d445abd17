package filter

import "math"

// Hampel defaults. NSigma: Hampel's three-sigma edit rule, with the MAD
// scaled by 1.4826 to estimate a normal standard deviation (Pearson 2002,
// "Outliers in process modeling and identification"). HalfWindow: our
// choice; 5 frames (0.37 s at 30 fps) keeps a burst of up to 5 bad frames a
// minority of the window while spanning little of a limb's movement.
const (
	DefaultHampelHalfWindow = 5
	DefaultHampelNSigma     = 3.0
)

// maxWiden is how far Hampel widens a window that gaps left with too few
// valid samples, in half windows. Our choice: outliers cluster next to
// dropouts (both come from occlusion), and three half windows still span
// only about 1 s at 30 fps.
const maxWiden = 3

// scaleWiden is the span of the scale estimate in half windows on either
// side. Our choice: the MAD of one window's 11 samples is too noisy to
// hold a 3-sigma rule near its nominal false-alarm rate; three windows'
// worth is steadier.
const scaleWiden = 3

// roundingFloor is the smallest scale Hampel uses, relative to the size of
// the sample, so that rounding errors on noise-free data (a MAD of 0) do
// not count as outliers.
const roundingFloor = 1e-9

// madScale turns a median absolute deviation into a normal sd estimate.
const madScale = 1.4826

// minHampelNeighbours is how many valid samples a window needs besides the
// one judged before Hampel judges it. Our choice: two outliers among fewer
// neighbours break the median and the MAD.
const minHampelNeighbours = 6

// Hampel marks outliers in x as invalid, in place, and returns how many it
// marked. A sample's residual is its distance from the median of the valid
// samples within halfWindow samples on either side, after removing a
// robust local slope (the median of the slopes between valid samples
// placed symmetrically around it), so that steady movement is not mistaken
// for outliers. It is an outlier when the residual exceeds nSigma times the
// scale: 1.4826 times the median absolute residual of the samples within
// scaleWiden half windows. Invalid samples are neither judged nor used; a
// window with too few valid samples is widened up to maxWiden half
// windows, else its sample is not judged. Every sample is judged against
// the input as given. The detrending is linear, so an outlier pointing into
// the turn of a fast movement can hide. It panics if len(valid) != len(x)
// or halfWindow < 1.
func Hampel(x []float64, valid []bool, halfWindow int, nSigma float64) (outliers int) {
	return HampelMin(x, valid, halfWindow, nSigma, 0)
}

// HampelMin is Hampel with a floor on the scale: a deviation of at most
// nSigma*minSigma is never an outlier, even when the window is flat (a MAD
// of 0 would otherwise make any change an outlier, such as the first frame
// of a movement after a still hold).
func HampelMin(x []float64, valid []bool, halfWindow int, nSigma, minSigma float64) (outliers int) {
	if len(valid) != len(x) {
		panic("filter: Hampel: len(valid) != len(x)")
	}
	if halfWindow < 1 {
		panic("filter: Hampel: halfWindow < 1")
	}
	var h hampel
	return h.pass(x, valid, halfWindow, nSigma, minSigma, false)
}

// hampel holds the scratch buffers of HampelMin, so that Clean can reuse
// them for every series, and the state that lets a repeated pass over the
// same series redo only what the outliers marked in the previous pass
// change.
type hampel struct {
	// resid[i] is x[i] minus its window's detrended median, NaN when i is
	// not judged.
	resid   []float64
	changed []bool // resid[i] changed in this pass
	near    []int  // difference array for marking neighbourhoods
	mark    []int  // samples marked in the last pass
	win     []float64
	dev     []float64
	// g[i] is nSigma*(madScale*|resid[i]|), the threshold that resid[i]
	// would set as the pooled median; nonNaN[i] counts the residuals
	// before i that are not NaN.
	g      []float64
	nonNaN []int
	pool   []float64 // the pooled residuals, when the median is needed
	// nValid[i] counts the valid samples before i, for residual's test of
	// a full window.
	nValid []int
}

// repeat runs passes of HampelMin over x until one marks nothing, at most
// maxPasses, and returns the number of samples marked in all. Each pass
// after the first gives exactly the result of a full pass, but recomputes
// only the residuals whose windows hold a sample marked in the pass before
// and judges only the samples whose scale window holds such a residual:
// the others see the same input as before and so reach the same verdict
// (not an outlier).
func (h *hampel) repeat(x []float64, valid []bool, halfWindow int, nSigma, minSigma float64, maxPasses int) (outliers int) {
	for p := 0; p < maxPasses; p++ {
		n := h.pass(x, valid, halfWindow, nSigma, minSigma, p > 0)
		if n == 0 {
			break
		}
		outliers += n
	}
	return outliers
}

// pass is one pass of HampelMin. With again, h holds the residuals of the
// previous pass over the same x and h.mark the samples that pass marked;
// only their neighbourhoods are redone.
func (h *hampel) pass(x []float64, valid []bool, halfWindow int, nSigma, minSigma float64, again bool) (outliers int) {
	n := len(x)
	// reach is how far a sample's validity reaches into the residuals of
	// others: the widest window (maxWiden half windows) plus one for the
	// end-of-series slopes, which use pairs of neighbours.
	reach := maxWiden*halfWindow + 1
	scaleReach := scaleWiden * halfWindow
	h.nValid = growInt(h.nValid, n+1)
	h.nValid[0] = 0
	for i, v := range valid {
		h.nValid[i+1] = h.nValid[i]
		if v {
			h.nValid[i+1]++
		}
	}
	if !again {
		h.resid = grow(h.resid, n)
		h.changed = growBool(h.changed, n)
		for i := range x {
			h.resid[i] = h.residual(x, valid, i, halfWindow)
			h.changed[i] = true
		}
	} else {
		redo := h.neighbourhoods(h.mark, reach, n)
		for i := range x {
			h.changed[i] = false
			if redo[i] == 0 {
				continue
			}
			r := h.residual(x, valid, i, halfWindow)
			if math.Float64bits(r) != math.Float64bits(h.resid[i]) {
				h.resid[i] = r
				h.changed[i] = true
			}
		}
	}
	// The samples to judge: all on the first pass, then those whose scale
	// window holds a changed residual.
	var judge []int
	if again {
		h.mark = h.mark[:0]
		for i, c := range h.changed {
			if c {
				h.mark = append(h.mark, i)
			}
		}
		judge = h.neighbourhoods(h.mark, scaleReach, n)
	}
	// The scale: the MAD of the residuals of the judged samples within
	// scaleWiden half windows, so it rests on many samples.
	h.g = grow(h.g, n)
	h.nonNaN = growInt(h.nonNaN, n+1)
	h.nonNaN[0] = 0
	for i, r := range h.resid {
		h.g[i] = nSigma * (madScale * math.Abs(r))
		h.nonNaN[i+1] = h.nonNaN[i]
		if !math.IsNaN(r) {
			h.nonNaN[i+1]++
		}
	}
	h.mark = h.mark[:0]
	for i, r := range h.resid {
		if judge != nil && judge[i] == 0 {
			continue
		}
		if math.IsNaN(r) || math.Abs(r) <= nSigma*max(minSigma, roundingFloor*(1+math.Abs(x[i]))) {
			continue // not judged, or within the floor whatever the scale
		}
		if h.exceedsScale(math.Abs(r), nSigma, max(0, i-scaleReach), min(n, i+scaleReach+1)) {
			h.mark = append(h.mark, i)
		}
	}
	for _, i := range h.mark {
		valid[i] = false
	}
	return len(h.mark)
}

// neighbourhoods returns, per sample, how many of the samples at idx lie
// within reach of it (nonzero: it is near one of them). idx is ascending.
func (h *hampel) neighbourhoods(idx []int, reach, n int) []int {
	h.near = growInt(h.near, n+1)
	for i := range h.near {
		h.near[i] = 0
	}
	for _, c := range idx {
		h.near[max(0, c-reach)]++
		h.near[min(n, c+reach+1)]--
	}
	for i := 1; i < n; i++ {
		h.near[i] += h.near[i-1]
	}
	return h.near[:n]
}

// residual is x[i] minus the median of its detrended window, NaN when i is
// not valid or its window has too few valid samples.
func (h *hampel) residual(x []float64, valid []bool, i, halfWindow int) float64 {
	if !valid[i] {
		return math.NaN()
	}
	if halfWindow == DefaultHampelHalfWindow && i >= 5 && i+5 < len(x) && h.nValid[i+6]-h.nValid[i-5] == 11 {
		if r, ok := residual5(x, i); ok {
			return r
		}
	}
	return h.residualAny(x, valid, i, halfWindow)
}

// residualAny is residual for a valid sample i by the general route, for
// any half window and any gaps.
func (h *hampel) residualAny(x []float64, valid []bool, i, halfWindow int) float64 {
	// Widen a window that gaps have left too sparse, up to maxWiden half
	// windows.
	hw := halfWindow
	for ; hw < maxWiden*halfWindow; hw++ {
		cnt := 0
		for j := max(0, i-hw); j <= min(len(x)-1, i+hw); j++ {
			if valid[j] {
				cnt++
			}
		}
		if cnt >= minHampelNeighbours+1 {
			break
		}
	}
	// Robust local slope (per sample): the median of the slopes between
	// the pairs of valid samples placed symmetrically around i.
	dev := h.dev[:0]
	for k := 1; k <= hw && i-k >= 0 && i+k < len(x); k++ {
		if valid[i-k] && valid[i+k] {
			dev = append(dev, (x[i+k]-x[i-k])/float64(2*k))
		}
	}
	if len(dev) == 0 {
		// At the ends there are no symmetric pairs: use the slopes of the
		// (up to) three neighbouring valid pairs nearest to i, never
		// through i itself (an outlier there would tilt the trend toward
		// itself). Nearest, because the trend at i is what matters and
		// curvature makes far slopes differ.
		for d := 1; d <= hw && len(dev) < 3; d++ {
			for _, j := range [2]int{i + d, i - d - 1} {
				if j >= 0 && j+1 < len(x) && j != i && j+1 != i && valid[j] && valid[j+1] && len(dev) < 3 {
					dev = append(dev, x[j+1]-x[j])
				}
			}
		}
	}
	h.dev = dev
	slope := 0.0
	if len(dev) > 0 {
		slope = median(dev)
	}
	win := h.win[:0]
	for j := max(0, i-hw); j <= min(len(x)-1, i+hw); j++ {
		if valid[j] {
			win = append(win, x[j]-slope*float64(j-i))
		}
	}
	h.win = win
	if len(win) < minHampelNeighbours+1 {
		return math.NaN()
	}
	return x[i] - median(win)
}

// residual5 is residual for the common case: the default half window of 5
// samples, all 11 samples of the window valid and inside x. The general
// code then takes the same steps (no widening, as 11 samples are enough;
// the five symmetric slopes, k = 1..5; the 11 detrended samples, in the
// same order and with the same arithmetic) and so gets the same result,
// here without growing slices or counting. ok is false when a slope or
// detrended sample is NaN, which the general code handles.
func residual5(x []float64, i int) (r float64, ok bool) {
	w := (*[11]float64)(x[i-5 : i+6])
	var d [5]float64
	for k := 1; k <= 5; k++ {
		d[k-1] = (w[5+k] - w[5-k]) / float64(2*k)
	}
	if hasNaN(d[:]) {
		return 0, false
	}
	slope := median5(&d)
	var v [11]float64
	for j := range v {
		v[j] = w[j] - slope*float64(j-5)
	}
	if hasNaN(v[:]) {
		return 0, false
	}
	return w[5] - median11(&v), true
}

// exceedsScale reports whether a, the absolute residual of a sample with
// a > nSigma*max(minSigma, floor) (pass), exceeds nSigma times its scale,
// max(madScale*med, minSigma, floor) with med the median of the absolute
// residuals of samples lo..hi-1 (NaN left out): the test of the textbook
// code, which sorts those residuals, decided without sorting them.
//
// Since a > nSigma*max(minSigma, floor), the test is a > g(med) with
// g(v) = nSigma*(madScale*v) (when madScale*med is below the floors, both
// are true: a float product with a positive factor never decreases when
// the other factor grows). g never decreases either, so the values with
// g(v) < a are the smallest ones: with n values and c of them below, an odd
// n has the median v[n/2] below exactly when c > n/2. For an even n the
// median is the mean of v[n/2-1] and v[n/2], which lies between them: c >
// n/2 puts both below, c < n/2 both at or above, and only c == n/2 needs
// the two values, taken from the residuals sorted as before.
// TestHampelSameAsReference holds this to the sorting code.
func (h *hampel) exceedsScale(a, nSigma float64, lo, hi int) bool {
	n := h.nonNaN[hi] - h.nonNaN[lo]
	c := 0
	for _, g := range h.g[lo:hi] {
		if g < a { // false for NaN
			c++
		}
	}
	if 2*c > n {
		return true
	}
	if n%2 == 1 || 2*c < n {
		return false
	}
	pool := h.pool[:0]
	for _, r := range h.resid[lo:hi] {
		if !math.IsNaN(r) {
			pool = append(pool, math.Abs(r))
		}
	}
	h.pool = pool
	return a > nSigma*(madScale*median(pool))
}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func growBool(s []bool, n int) []bool {
	if cap(s) < n {
		return make([]bool, n)
	}
	return s[:n]
}

func growInt(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

// median returns the median of v, possibly reordering v; v must hold no
// NaN. Up to 13 values (Hampel's windows and slopes) go through the
// branch-free selection networks below, which are faster than sorting on
// noisy data; longer ones through an insertion sort, fast for the short
// windows Hampel has. Either gives the same order statistic (a zero median
// may come out as -0 instead of 0, which no comparison here can tell).
func median(v []float64) float64 {
	if len(v) >= 2 && len(v) <= 13 && !hasNaN(v) {
		switch len(v) {
		case 2:
			return median2((*[2]float64)(v))
		case 3:
			return median3((*[3]float64)(v))
		case 4:
			return median4((*[4]float64)(v))
		case 5:
			return median5((*[5]float64)(v))
		case 6:
			return median6((*[6]float64)(v))
		case 7:
			return median7((*[7]float64)(v))
		case 8:
			return median8((*[8]float64)(v))
		case 9:
			return median9((*[9]float64)(v))
		case 10:
			return median10((*[10]float64)(v))
		case 11:
			return median11((*[11]float64)(v))
		case 12:
			return median12((*[12]float64)(v))
		case 13:
			return median13((*[13]float64)(v))
		}
	}
	return sortedMedian(v)
}

// sortedMedian is the median of v by an insertion sort of v.
func sortedMedian(v []float64) float64 {
	for i := 1; i < len(v); i++ {
		x := v[i]
		j := i
		for ; j > 0 && v[j-1] > x; j-- {
			v[j] = v[j-1]
		}
		v[j] = x
	}
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

func hasNaN(v []float64) bool {
	for _, x := range v {
		if x != x {
			return true
		}
	}
	return false
}

// The selection networks: Batcher's odd-even merge sort for the next power
// of two inputs, pruned to the comparators that reach the middle outputs,
// with a single min or max where only one output is used.
// TestMedianNetworks checks them on every input of zeros and ones, which
// proves a comparator network correct.

// median2 is the median of 2 values without NaN.
func median2(v *[2]float64) float64 {
	x0, x1 := v[0], v[1]
	x0, x1 = min(x0, x1), max(x0, x1)
	return (x0 + x1) / 2
}

// median3 is the median of 3 values without NaN.
func median3(v *[3]float64) float64 {
	x0, x1, x2 := v[0], v[1], v[2]
	x0, x1 = min(x0, x1), max(x0, x1)
	x2 = max(x0, x2)
	x1 = min(x1, x2)
	return x1
}

// median4 is the median of 4 values without NaN.
func median4(v *[4]float64) float64 {
	x0, x1, x2, x3 := v[0], v[1], v[2], v[3]
	x0, x1 = min(x0, x1), max(x0, x1)
	x2, x3 = min(x2, x3), max(x2, x3)
	x2 = max(x0, x2)
	x1 = min(x1, x3)
	x1, x2 = min(x1, x2), max(x1, x2)
	return (x1 + x2) / 2
}

// median5 is the median of 5 values without NaN.
func median5(v *[5]float64) float64 {
	x0, x1, x2, x3, x4 := v[0], v[1], v[2], v[3], v[4]
	x0, x1 = min(x0, x1), max(x0, x1)
	x2, x3 = min(x2, x3), max(x2, x3)
	x0, x2 = min(x0, x2), max(x0, x2)
	x1 = min(x1, x3)
	x1, x2 = min(x1, x2), max(x1, x2)
	x4 = max(x0, x4)
	x2 = min(x2, x4)
	x2 = max(x1, x2)
	return x2
}

// median6 is the median of 6 values without NaN.
func median6(v *[6]float64) float64 {
	x0, x1, x2, x3, x4, x5 := v[0], v[1], v[2], v[3], v[4], v[5]
	x0, x1 = min(x0, x1), max(x0, x1)
	x2, x3 = min(x2, x3), max(x2, x3)
	x4, x5 = min(x4, x5), max(x4, x5)
	x0, x2 = min(x0, x2), max(x0, x2)
	x1, x3 = min(x1, x3), max(x1, x3)
	x1, x2 = min(x1, x2), max(x1, x2)
	x4 = max(x0, x4)
	x1, x5 = min(x1, x5), max(x1, x5)
	x2, x4 = min(x2, x4), max(x2, x4)
	x3 = min(x3, x5)
	x2 = max(x1, x2)
	x3 = min(x3, x4)
	return (x2 + x3) / 2
}

// median7 is the median of 7 values without NaN.
func median7(v *[7]float64) float64 {
	x0, x1, x2, x3, x4, x5, x6 := v[0], v[1], v[2], v[3], v[4], v[5], v[6]
	x0, x1 = min(x0, x1), max(x0, x1)
	x2, x3 = min(x2, x3), max(x2, x3)
	x4, x5 = min(x4, x5), max(x4, x5)
	x0, x2 = min(x0, x2), max(x0, x2)
	x1, x3 = min(x1, x3), max(x1, x3)
	x4, x6 = min(x4, x6), max(x4, x6)
	x1, x2 = min(x1, x2), max(x1, x2)
	x5, x6 = min(x5, x6), max(x5, x6)
	x4 = max(x0, x4)
	x5 = max(x1, x5)
	x2 = min(x2, x6)
	x4 = max(x2, x4)
	x3 = min(x3, x5)
	x3 = min(x3, x4)
	return x3
}

// median8 is the median of 8 values without NaN.
func median8(v *[8]float64) float64 {
	x0, x1, x2, x3, x4, x5, x6, x7 := v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]
	x0, x1 = min(x0, x1), max(x0, x1)
	x2, x3 = min(x2, x3), max(x2, x3)
	x4, x5 = min(x4, x5), max(x4, x5)
	x6, x7 = min(x6, x7), max(x6, x7)
	x0, x2 = min(x0, x2), max(x0, x2)
	x1, x3 = min(x1, x3), max(x1, x3)
	x4, x6 = min(x4, x6), max(x4, x6)
	x5, x7 = min(x5, x7), max(x5, x7)
	x1, x2 = min(x1, x2), max(x1, x2)
	x5, x6 = min(x5, x6), max(x5, x6)
	x4 = max(x0, x4)
	x5 = max(x1, x5)
	x2 = min(x2, x6)
	x3 = min(x3, x7)
	x4 = max(x2, x4)
	x3 = min(x3, x5)
	x3, x4 = min(x3, x4), max(x3, x4)
	return (x3 + x4) / 2
}

// median9 is the median of 9 values without NaN.
func median9(v *[9]float64) float64 {
	x0, x1, x2, x3, x4, x5, x6, x7, x8 := v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]
	x0, x1 = min(x0, x1), max(x0, x1)
	x2, x3 = min(x2, x3), max(x2, x3)
	x4, x5 = min(x4, x5), max(x4, x5)
	x6, x7 = min(x6, x7), max(x6, x7)
	x0, x2 = min(x0, x2), max(x0, x2)
	x1, x3 = min(x1, x3), max(x1, x3)
	x4, x6 = min(x4, x6), max(x4, x6)
	x5, x7 = min(x5, x7), max(x5, x7)
	x1, x2 = min(x1, x2), max(x1, x2)
	x5, x6 = min(x5, x6), max(x5, x6)
	x0, x4 = min(x0, x4), max(x0, x4)
	x1, x5 = min(x1, x5), max(x1, x5)
	x2, x6 = min(x2, x6), max(x2, x6)
	x3 = min(x3, x7)
	x2, x4 = min(x2, x4), max(x2, x4)
	x3, x5 = min(x3, x5), max(x3, x5)
	x2 = max(x1, x2)
	x3, x4 = min(x3, x4), max(x3, x4)
	x5 = min(x5, x6)
	x8 = max(x0, x8)
	x4 = min(x4, x8)
	x4 = max(x2, x4)
	x3 = min(x3, x5)
	x4 = max(x3, x4)
	return x4
}

// median10 is the median of 10 values without NaN.
func median10(v *[10]float64) float64 {
	x0, x1, x2, x3, x4, x5, x6, x7, x8, x9 := v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]
	x0, x1 = min(x0, x1), max(x0, x1)
	x2, x3 = min(x2, x3), max(x2, x3)
	x4, x5 = min(x4, x5), max(x4, x5)
	x6, x7 = min(x6, x7), max(x6, x7)
	x8, x9 = min(x8, x9), max(x8, x9)
	x0, x2 = min(x0, x2), max(x0, x2)
	x1, x3 = min(x1, x3), max(x1, x3)
	x4, x6 = min(x4, x6), max(x4, x6)
	x5, x7 = min(x5, x7), max(x5, x7)
	x1, x2 = min(x1, x2), max(x1, x2)
	x5, x6 = min(x5, x6), max(x5, x6)
	x0, x4 = min(x0, x4), max(x0, x4)
	x1, x5 = min(x1, x5), max(x1, x5)
	x2, x6 = min(x2, x6), max(x2, x6)
	x3 = min(x3, x7)
	x2, x4 = min(x2, x4), max(x2, x4)
	x3, x5 = min(x3, x5), max(x3, x5)
	x1, x2 = min(x1, x2), max(x1, x2)
	x3, x4 = min(x3, x4), max(x3, x4)
	x5, x6 = min(x5, x6), max(x5, x6)
	x8 = max(x0, x8)
	x9 = max(x1, x9)
	x4, x8 = min(x4, x8), max(x4, x8)
	x5 = min(x5, x9)
	x4 = max(x2, x4)
	x3, x5 = min(x3, x5), max(x3, x5)
	x6 = min(x6, x8)
	x4 = max(x3, x4)
	x5 = min(x5, x6)
	return (x4 + x5) / 2
}

// median11 is the median of 11 values without NaN.
func median11(v *[11]float64) float64 {
	x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10 := v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]
	x0, x1 = min(x0, x1), max(x0, x1)
	x2, x3 = min(x2, x3), max(x2, x3)
	x4, x5 = min(x4, x5), max(x4, x5)
	x6, x7 = min(x6, x7), max(x6, x7)
	x8, x9 = min(x8, x9), max(x8, x9)
	x0, x2 = min(x0, x2), max(x0, x2)
	x1, x3 = min(x1, x3), max(x1, x3)
	x4, x6 = min(x4, x6), max(x4, x6)
	x5, x7 = min(x5, x7), max(x5, x7)
	x8, x10 = min(x8, x10), max(x8, x10)
	x1, x2 = min(x1, x2), max(x1, x2)
	x5, x6 = min(x5, x6), max(x5, x6)
	x9, x10 = min(x9, x10), max(x9, x10)
	x0, x4 = min(x0, x4), max(x0, x4)
	x1, x5 = min(x1, x5), max(x1, x5)
	x2, x6 = min(x2, x6), max(x2, x6)
	x3 = min(x3, x7)
	x2, x4 = min(x2, x4), max(x2, x4)
	x3, x5 = min(x3, x5), max(x3, x5)
	x1, x2 = min(x1, x2), max(x1, x2)
	x3, x4 = min(x3, x4), max(x3, x4)
	x5, x6 = min(x5, x6), max(x5, x6)
	x9, x10 = min(x9, x10), max(x9, x10)
	x8 = max(x0, x8)
	x9 = max(x1, x9)
	x10 = max(x2, x10)
	x8 = max(x4, x8)
	x5 = min(x5, x9)
	x6 = min(x6, x10)
	x5 = max(x3, x5)
	x6 = min(x6, x8)
	x5 = min(x5, x6)
	return x5
}

// median12 is the median of 12 values without NaN.
func median12(v *[12]float64) float64 {
	x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11 := v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]
	x0, x1 = min(x0, x1), max(x0, x1)
	x2, x3 = min(x2, x3), max(x2, x3)
	x4, x5 = min(x4, x5), max(x4, x5)
	x6, x7 = min(x6, x7), max(x6, x7)
	x8, x9 = min(x8, x9), max(x8, x9)
	x10, x11 = min(x10, x11), max(x10, x11)
	x0, x2 = min(x0, x2), max(x0, x2)
	x1, x3 = min(x1, x3), max(x1, x3)
	x4, x6 = min(x4, x6), max(x4, x6)
	x5, x7 = min(x5, x7), max(x5, x7)
	x8, x10 = min(x8, x10), max(x8, x10)
	x9, x11 = min(x9, x11), max(x9, x11)
	x1, x2 = min(x1, x2), max(x1, x2)
	x5, x6 = min(x5, x6), max(x5, x6)
	x9, x10 = min(x9, x10), max(x9, x10)
	x0, x4 = min(x0, x4), max(x0, x4)
	x1, x5 = min(x1, x5), max(x1, x5)
	x2, x6 = min(x2, x6), max(x2, x6)
	x3 = min(x3, x7)
	x2, x4 = min(x2, x4), max(x2, x4)
	x3, x5 = min(x3, x5), max(x3, x5)
	x1, x2 = min(x1, x2), max(x1, x2)
	x3, x4 = min(x3, x4), max(x3, x4)
	x5, x6 = min(x5, x6), max(x5, x6)
	x9, x10 = min(x9, x10), max(x9, x10)
	x8 = max(x0, x8)
	x9 = max(x1, x9)
	x10 = max(x2, x10)
	x3 = min(x3, x11)
	x8 = max(x4, x8)
	x5 = min(x5, x9)
	x6 = min(x6, x10)
	x5 = max(x3, x5)
	x6 = min(x6, x8)
	x5, x6 = min(x5, x6), max(x5, x6)
	return (x5 + x6) / 2
}

// median13 is the median of 13 values without NaN.
func median13(v *[13]float64) float64 {
	x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12 := v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]
	x0, x1 = min(x0, x1), max(x0, x1)
	x2, x3 = min(x2, x3), max(x2, x3)
	x4, x5 = min(x4, x5), max(x4, x5)
	x6, x7 = min(x6, x7), max(x6, x7)
	x8, x9 = min(x8, x9), max(x8, x9)
	x10, x11 = min(x10, x11), max(x10, x11)
	x0, x2 = min(x0, x2), max(x0, x2)
	x1, x3 = min(x1, x3), max(x1, x3)
	x4, x6 = min(x4, x6), max(x4, x6)
	x5, x7 = min(x5, x7), max(x5, x7)
	x8, x10 = min(x8, x10), max(x8, x10)
	x9, x11 = min(x9, x11), max(x9, x11)
	x1, x2 = min(x1, x2), max(x1, x2)
	x5, x6 = min(x5, x6), max(x5, x6)
	x9, x10 = min(x9, x10), max(x9, x10)
	x0, x4 = min(x0, x4), max(x0, x4)
	x1, x5 = min(x1, x5), max(x1, x5)
	x2, x6 = min(x2, x6), max(x2, x6)
	x3 = min(x3, x7)
	x8, x12 = min(x8, x12), max(x8, x12)
	x2, x4 = min(x2, x4), max(x2, x4)
	x3, x5 = min(x3, x5), max(x3, x5)
	x10, x12 = min(x10, x12), max(x10, x12)
	x1, x2 = min(x1, x2), max(x1, x2)
	x3, x4 = min(x3, x4), max(x3, x4)
	x5, x6 = min(x5, x6), max(x5, x6)
	x9, x10 = min(x9, x10), max(x9, x10)
	x11, x12 = min(x11, x12), max(x11, x12)
	x8 = max(x0, x8)
	x9 = max(x1, x9)
	x10 = max(x2, x10)
	x3 = min(x3, x11)
	x4 = min(x4, x12)
	x8 = max(x4, x8)
	x5 = min(x5, x9)
	x6 = min(x6, x10)
	x5 = max(x3, x5)
	x6 = min(x6, x8)
	x6 = max(x5, x6)
	return x6
}
