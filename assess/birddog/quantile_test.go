package birddog

import (
	"github.com/stretchwise/stretchwise/stats"
	"math"
	"math/rand/v2"
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
			got, want := stats.QuantileSorted(w.xs, 0.5), stats.Quantile(ref, 0.5)
			if math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("trial %d frame %d: median %v, want %v", trial, i, got, want)
			}
		}
	}
}
