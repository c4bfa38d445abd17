package filter

import "math"

// Hampel defaults. Source for NSigma: Hampel's three-sigma edit rule, with
// the MAD scaled by 1.4826 to estimate a normal standard deviation (Pearson
// 2002, "Outliers in process modeling and identification"). HalfWindow 5
// frames (11 samples, 0.37 s at 30 fps) is our choice, from the tests: a
// burst of up to 5 bad frames stays a minority of the window, while wider
// windows (6, 7) missed more outliers of 0.03-0.13 image heights near the
// turning points of a limb swinging at 0.6 image heights per second
// (curvature across the window), and narrower ones (3, 4) flagged more
// clean samples.
const (
	DefaultHampelHalfWindow = 5
	DefaultHampelNSigma     = 3.0
)

// maxWiden is how far Hampel widens a window that gaps left with too few
// valid samples: up to this many times the half window. Our choice,
// because outliers cluster next to dropouts (both come from occlusion), so
// skipping sparse windows let exactly those through in our tests, while a
// window of three times the width still spans only about 1 s at 30 fps.
const maxWiden = 3

// scaleWiden sets the span of the scale estimate: the residuals within
// scaleWiden half windows on either side (33 samples, 1.1 s at 30 fps by
// default). Our choice, because the MAD of the 11 samples of one window
// is so noisy that the 3-sigma rule then flagged 3-5 % of pure noise in
// our tests; pooling the residuals of three windows brings that near 1 %.
const scaleWiden = 3

// roundingFloor is the smallest scale Hampel uses, relative to the size of
// the sample: our choice, because on noise-free data (a straight ramp) the
// MAD is 0 and the residuals are rounding errors of about 1e-16, which
// must not count as outliers.
const roundingFloor = 1e-9

// madScale turns a median absolute deviation into a normal sd estimate.
const madScale = 1.4826

// minHampelNeighbours is how many valid samples a window needs (besides
// the one judged) before Hampel judges anything. Our choice, because two
// outliers in a window of 5 (common next to an occlusion, where the window
// is sparse) break the median and the MAD; the tests found such pairs
// slipping through with 4 neighbours and not with 6.
const minHampelNeighbours = 6

// Hampel marks outliers in x as invalid, in place. Each valid sample's
// residual is its distance from the median of the valid samples within
// halfWindow samples on either side; it is an outlier when the residual
// exceeds nSigma times the scale, 1.4826 times the median absolute
// residual. Two departures from the textbook filter, both from our tests:
//
//   - The window is detrended first by a robust local slope (the median of
//     the slopes between the valid sample pairs placed symmetrically around
//     the sample judged, or near the ends of the three nearest pairs of
//     neighbouring samples other than it), so a steady movement neither
//     inflates the scale nor pulls the median away from the sample.
//   - The scale pools the residuals of all judged samples within 3 half
//     windows (scaleWiden), instead of the 11 samples of one window, whose
//     MAD is so noisy that 3 sigma flagged 3-5 % of pure noise; pooled, it
//     flags about 1.5 %.
//
// A limit: the detrending is linear, so at the turning points of a fast
// movement the median shifts toward the inside of the turn, where an
// outlier pointing inward can hide. In the tests, on a limb swinging at
// 0.5 Hz over 0.4 image heights with noise of 0.002, about 2 % of outliers
// of 0.03-0.13 image heights were missed this way at 3 sigma (none at
// 0.1 Hz). A quadratic detrend found them but, its curvature estimate
// being noisy, flagged 5 % of clean samples.
//
// Invalid samples are neither judged nor used; a window with fewer than 7
// valid samples is widened up to 3 half windows, and a sample whose window
// still has fewer is not judged. All samples are judged against the input
// as given, so marking one outlier does not change the verdict on its
// neighbours. It returns the number of samples newly marked. It panics if
// len(valid) != len(x) or halfWindow < 1 (a programmer mistake).
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
	win := make([]float64, 0, 2*maxWiden*halfWindow+1)
	dev := make([]float64, 0, 2*maxWiden*halfWindow+1)
	// resid[i] is x[i] minus its window's detrended median, NaN when i is
	// not judged.
	resid := make([]float64, len(x))
	for i := range x {
		resid[i] = math.NaN()
		if !valid[i] {
			continue
		}
		// Widen a window that gaps have left too sparse, up to
		// maxWiden half windows.
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
		// Robust local slope (per sample): the median of the slopes
		// between the pairs of valid samples placed symmetrically around i.
		dev = dev[:0]
		for k := 1; k <= hw && i-k >= 0 && i+k < len(x); k++ {
			if valid[i-k] && valid[i+k] {
				dev = append(dev, (x[i+k]-x[i-k])/float64(2*k))
			}
		}
		if len(dev) == 0 {
			// At the ends there are no symmetric pairs: use the slopes of
			// the (up to) three neighbouring valid pairs nearest to i,
			// never through i itself (an outlier there would tilt the
			// trend toward itself). Nearest, because the trend at i is what
			// matters and curvature makes far slopes differ.
			for d := 1; d <= hw && len(dev) < 3; d++ {
				for _, j := range [2]int{i + d, i - d - 1} {
					if j >= 0 && j+1 < len(x) && j != i && j+1 != i && valid[j] && valid[j+1] && len(dev) < 3 {
						dev = append(dev, x[j+1]-x[j])
					}
				}
			}
		}
		slope := 0.0
		if len(dev) > 0 {
			slope = median(dev)
		}
		win = win[:0]
		for j := max(0, i-hw); j <= min(len(x)-1, i+hw); j++ {
			if valid[j] {
				win = append(win, x[j]-slope*float64(j-i))
			}
		}
		if len(win) < minHampelNeighbours+1 {
			continue
		}
		resid[i] = x[i] - median(win)
	}
	// The scale: the MAD of the residuals of the judged samples within
	// scaleWiden half windows, so it rests on many samples.
	mark := make([]int, 0, len(x)/16+1)
	pool := make([]float64, 0, 2*scaleWiden*halfWindow+1)
	for i, r := range resid {
		if math.IsNaN(r) || math.Abs(r) <= nSigma*max(minSigma, roundingFloor*(1+math.Abs(x[i]))) {
			continue // not judged, or within the floor whatever the scale
		}
		pool = pool[:0]
		for j := max(0, i-scaleWiden*halfWindow); j <= min(len(x)-1, i+scaleWiden*halfWindow); j++ {
			if !math.IsNaN(resid[j]) {
				pool = append(pool, math.Abs(resid[j]))
			}
		}
		scale := max(madScale*median(pool), minSigma, roundingFloor*(1+math.Abs(x[i])))
		if math.Abs(r) > nSigma*scale {
			mark = append(mark, i)
		}
	}
	for _, i := range mark {
		valid[i] = false
	}
	return len(mark)
}

// median returns the median of v, reordering v. v must hold no NaN (Hampel
// only sees valid samples). Insertion sort, because windows are short
// (at most 2*maxWiden*halfWindow+1 samples) and it beats the general sort
// there by a factor of about two.
func median(v []float64) float64 {
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
