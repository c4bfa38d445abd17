package birddog

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// TestSortedWindowSameAsQuantile slides a window over series with NaN,
// ties and signed zeros and checks that the median of the kept-sorted
// window is bit for bit the median quantile gives after sorting the
// window's values anew, as rollChange used to.
func TestSortedWindowSameAsQuantile(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 300; trial++ {
		n := 1 + rng.IntN(80)
		half := rng.IntN(20)
		x := make([]float64, n)
		for i := range x {
			switch rng.IntN(6) {
			case 0:
				x[i] = math.NaN()
			case 1:
				x[i] = float64(rng.IntN(3)) // ties
			case 2:
				x[i] = math.Copysign(0, float64(rng.IntN(2))-0.5)
			default:
				x[i] = rng.NormFloat64()
			}
		}
		start := rng.IntN(n)
		end := start + rng.IntN(n-start)
		var w sortedWindow
		w.reset(2*half + 1)
		for j := start; j <= min(end, start+half); j++ {
			w.add(x[j])
		}
		for i := start; i <= end; i++ {
			if i > start {
				if j := i - half - 1; j >= start {
					w.remove(x[j])
				}
				if j := i + half; j <= end {
					w.add(x[j])
				}
			}
			var ref []float64
			for j := max(start, i-half); j <= min(end, i+half); j++ {
				if !math.IsNaN(x[j]) {
					ref = append(ref, x[j])
				}
			}
			if len(ref) != len(w.xs) {
				t.Fatalf("trial %d frame %d: %d values in the window, want %d", trial, i, len(w.xs), len(ref))
			}
			if len(ref) == 0 {
				continue
			}
			got, want := quantileSorted(w.xs, 0.5), quantile(ref, 0.5)
			if math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("trial %d frame %d: median %v, want %v", trial, i, got, want)
			}
		}
	}
}

// quantileBySorting is quantile as it was before it selected: sort, then
// interpolate.
func quantileBySorting(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	sort.Float64s(xs)
	pos := q * float64(len(xs)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	return xs[lo] + (xs[hi]-xs[lo])*(pos-float64(lo))
}

// TestQuantileSameAsSorting holds quantile's selection to sorting, bit for
// bit, on lengths around the cut-over to sorting, ties, signed zeros,
// infinities, NaN, sorted and reversed input, for the quantiles the screen
// uses and random ones.
func TestQuantileSameAsSorting(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	selected := 0
	for trial := 0; trial < 3000; trial++ {
		n := 1 + rng.IntN(400)
		xs := make([]float64, n)
		kind := rng.IntN(5)
		for i := range xs {
			switch {
			case kind == 1:
				xs[i] = float64(rng.IntN(4)) // heavy ties
			case kind == 2:
				xs[i] = float64(i) // sorted
			case kind == 3:
				xs[i] = float64(n - i) // reversed
			default:
				xs[i] = rng.NormFloat64()
			}
			switch rng.IntN(50) {
			case 0:
				xs[i] = math.Copysign(0, rng.NormFloat64())
			case 1:
				xs[i] = math.Inf(1 - 2*rng.IntN(2))
			case 2:
				if rng.IntN(10) == 0 {
					xs[i] = math.NaN()
				}
			}
		}
		for _, q := range []float64{0.5, 0.9, restDropQuantile, rng.Float64(), 0, 1} {
			a, b := slices.Clone(xs), slices.Clone(xs)
			got, want := quantile(a, q), quantileBySorting(b, q)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("trial %d (n %d, kind %d), q %v: %v, sorting gives %v", trial, n, kind, q, got, want)
			}
			if n > 16 && !hasNaN(xs) {
				selected++
			}
		}
	}
	if selected < 10000 {
		t.Errorf("only %d quantiles went through selection", selected)
	}
}
