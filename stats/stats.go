// Package stats holds the statistics the analysis, the assessments and the
// evaluations share: the median, quantiles and the rounding of reported
// numbers, each estimator named once. Pure computation, no I/O.
package stats

import (
	"math"
	"math/bits"
	"slices"
	"sort"
)

// Median returns the median of the values of xs that are not NaN (the mean
// of the two middle ones for an even count), leaving xs as it is; NaN when
// there are none.
func Median(xs []float64) float64 {
	v := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return math.NaN()
	}
	sort.Float64s(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// UpperMedian returns the upper median of xs, the order statistic of rank
// len(xs)/2 (counted from 0; for an even count the higher of the two
// middle values), leaving xs as it is; NaN for an empty slice. NaN values
// take part, ordered first. It is the median of the checks that need one
// of the values seen (frame intervals, sizes), not a mean of two.
func UpperMedian(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	v := slices.Clone(xs)
	sort.Float64s(v)
	return v[len(v)/2]
}

// Quantile returns the q-quantile (0 <= q <= 1) of xs by linear
// interpolation between the order statistics (Hyndman and Fan's type 7,
// as R's default), reordering xs; NaN for an empty slice. NaN values take
// part, ordered first as sort.Float64s orders them. The order statistics
// are found by selection, not by sorting, except in short or NaN-holding
// slices, which are sorted; the result is the same
// (TestQuantileSameAsSorting).
func Quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	if len(xs) <= 16 || hasNaN(xs) {
		sort.Float64s(xs)
		return QuantileSorted(xs, q)
	}
	pos := q * float64(len(xs)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	selectNth(xs, lo)
	a, b := xs[lo], xs[lo]
	if hi > lo {
		// The next order statistic: the smallest value after lo.
		b = xs[lo+1]
		for _, v := range xs[lo+2:] {
			if v < b {
				b = v
			}
		}
	}
	return a + (b-a)*(pos-float64(lo))
}

// QuantileSorted is Quantile of xs already sorted ascending, without
// reordering it; NaN for an empty slice.
func QuantileSorted(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	pos := q * float64(len(xs)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	return xs[lo] + (xs[hi]-xs[lo])*(pos-float64(lo))
}

// NearestRank is the q-quantile of xs already sorted ascending by the
// nearest-rank method: the smallest value with at least a share q of the
// values at or below it (an error table's p95); NaN for an empty slice.
func NearestRank(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	return xs[min(len(xs)-1, max(0, int(math.Ceil(q*float64(len(xs))))-1))]
}

// Round2 rounds x to two decimals for a report, never to negative zero
// (a report says 0, not -0).
func Round2(x float64) float64 {
	v := math.Round(x*100) / 100
	if v == 0 {
		return 0
	}
	return v
}

// hasNaN reports whether xs holds a NaN.
func hasNaN(xs []float64) bool {
	for _, v := range xs {
		if v != v {
			return true
		}
	}
	return false
}

// selectNth reorders xs (no NaN) so that xs[k] holds the value sorting
// would put there, with no greater value before it and no smaller one
// after it: quickselect with a median-of-three pivot, which sorts what is
// left once it has partitioned more than 2*log2(len(xs)) times, so that
// bad pivots cannot make it quadratic.
func selectNth(xs []float64, k int) {
	lo, hi := 0, len(xs)-1
	budget := 2 * bits.Len(uint(len(xs)))
	for hi > lo {
		if budget == 0 {
			sort.Float64s(xs[lo : hi+1])
			return
		}
		budget--
		mid := lo + (hi-lo)/2
		if xs[mid] < xs[lo] {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if xs[hi] < xs[lo] {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if xs[hi] < xs[mid] {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		p := xs[mid]
		// Hoare partition: afterwards xs[lo..j] <= p, xs[i..hi] >= p and
		// anything between equals p.
		i, j := lo, hi
		for i <= j {
			for xs[i] < p {
				i++
			}
			for p < xs[j] {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}
