package stats_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/stretchwise/stretchwise/stats"
)

func TestMedian(t *testing.T) {
	nan := math.NaN()
	for _, tt := range []struct {
		xs   []float64
		want float64
	}{
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{nan, 5, nan, 1, 3}, 3},
		{[]float64{7}, 7},
	} {
		in := slices.Clone(tt.xs)
		if got := stats.Median(in); got != tt.want {
			t.Errorf("Median(%v) = %v, want %v", tt.xs, got, tt.want)
		}
		for i := range in {
			if math.Float64bits(in[i]) != math.Float64bits(tt.xs[i]) {
				t.Errorf("Median reordered its input: %v", in)
				break
			}
		}
	}
	for _, xs := range [][]float64{nil, {nan, nan}} {
		if got := stats.Median(xs); !math.IsNaN(got) {
			t.Errorf("Median(%v) = %v, want NaN", xs, got)
		}
	}
}

func TestQuantileSorted(t *testing.T) {
	xs := []float64{1, 2, 4, 8}
	for _, tt := range []struct{ q, want float64 }{{0, 1}, {1, 8}, {0.5, 3}, {1.0 / 3, 2}, {0.25, 1.75}} {
		if got := stats.QuantileSorted(xs, tt.q); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("QuantileSorted(%v, %v) = %v, want %v", xs, tt.q, got, tt.want)
		}
	}
	if got := stats.QuantileSorted(nil, 0.5); !math.IsNaN(got) {
		t.Errorf("QuantileSorted(nil) = %v, want NaN", got)
	}
}

func TestRound2(t *testing.T) {
	for _, tt := range []struct{ x, want float64 }{{1.234, 1.23}, {1.235, 1.24}, {-0.001, 0}, {-2.5, -2.5}} {
		got := stats.Round2(tt.x)
		if got != tt.want || math.Signbit(got) != math.Signbit(tt.want) {
			t.Errorf("Round2(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}

// quantileBySorting is Quantile by sorting, then interpolating.
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

// TestQuantileSameAsSorting holds Quantile's selection to sorting, bit for
// bit, on lengths around the cut-over to sorting, ties, signed zeros,
// infinities, NaN, sorted and reversed input, for the quantiles the bird-dog screen
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
		for _, q := range []float64{0.5, 0.9, 0.8, rng.Float64(), 0, 1} {
			a, b := slices.Clone(xs), slices.Clone(xs)
			got, want := stats.Quantile(a, q), quantileBySorting(b, q)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("trial %d (n %d, kind %d), q %v: %v, sorting gives %v", trial, n, kind, q, got, want)
			}
			if n > 16 && !slices.ContainsFunc(xs, math.IsNaN) {
				selected++
			}
		}
	}
	if selected < 10000 {
		t.Errorf("only %d quantiles went through selection", selected)
	}
}

func TestUpperMedian(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		xs   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{4, 1}, 4},
		{[]float64{5, 1, 3}, 3},
		{[]float64{0.04, 0.03, 0.033, 0.1}, 0.04},
		{[]float64{2, nan, 1}, 1}, // NaN first: nan, 1, 2
	} {
		in := slices.Clone(c.xs)
		if got := stats.UpperMedian(in); got != c.want {
			t.Errorf("UpperMedian(%v) = %v, want %v", c.xs, got, c.want)
		}
		if !slices.EqualFunc(in, c.xs, func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }) {
			t.Errorf("UpperMedian reordered %v to %v", c.xs, in)
		}
	}
	if got := stats.UpperMedian(nil); !math.IsNaN(got) {
		t.Errorf("UpperMedian(nil) = %v, want NaN", got)
	}
}

// TestNearestRank: the smallest value with at least a share q at or below
// it.
func TestNearestRank(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}
	for _, c := range []struct{ q, want float64 }{{0.95, 19}, {0.5, 10}, {0.51, 11}, {1, 20}, {0, 1}, {0.01, 1}} {
		if got := stats.NearestRank(xs, c.q); got != c.want {
			t.Errorf("NearestRank(1..20, %g) = %g, want %g", c.q, got, c.want)
		}
	}
	if !math.IsNaN(stats.NearestRank(nil, 0.5)) {
		t.Error("NearestRank of nothing is not NaN")
	}
}
