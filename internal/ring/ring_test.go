package ring

import (
	"math"
	"math/rand/v2"
	"testing"
)

// ringMedianReference is Window.Median as it was before the window kept its
// value order: the values newer than since insertion-sorted, then the
// middle one or the mean of the middle two.
func ringMedianReference(r *Window, since float64) float64 {
	var tmp [Len]float64
	k := 0
	for i := 0; i < r.n; i++ {
		if r.t[i] > since {
			v, j := r.v[i], k
			for j > 0 && tmp[j-1] > v {
				tmp[j] = tmp[j-1]
				j--
			}
			tmp[j] = v
			k++
		}
	}
	switch {
	case k == 0:
		return math.NaN()
	case k%2 == 1:
		return tmp[k/2]
	}
	return (tmp[k/2-1] + tmp[k/2]) / 2
}

// TestRingMedianSameAsSorting pushes values with ties and gaps in time
// through rings, past their capacity, and checks every median against
// sorting the window anew, bit for bit.
func TestRingMedianSameAsSorting(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 200; trial++ {
		var r Window
		tm := 0.0
		for step := 0; step < 300; step++ {
			tm += []float64{1.0 / 30, 1.0 / 64, 0.2, 0}[rng.IntN(4)]
			v := rng.Float64()
			if rng.IntN(4) == 0 {
				v = float64(rng.IntN(3)) / 4 // ties
			}
			r.Push(tm, v)
			if step%50 == 0 {
				before := r
				r.Push(tm, math.NaN()) // not kept
				if r != before {
					t.Fatalf("trial %d step %d: pushing NaN changed the window", trial, step)
				}
			}
			for _, w := range []float64{0.5, 0.1, 0, 1e9} {
				since := tm - w
				got, want := r.Median(since), ringMedianReference(&r, since)
				if math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("trial %d step %d window %v: median %v, want %v", trial, step, w, got, want)
				}
			}
		}
	}
}

// TestRingCount: Count counts the values kept that are newer than since:
// at most Len, NaN never.
func TestRingCount(t *testing.T) {
	var r Window
	for i := 0; i < 40; i++ {
		r.Push(float64(i), float64(i%7))
		r.Push(float64(i), math.NaN())
	}
	for _, c := range []struct {
		since float64
		want  int
	}{{29.5, 10}, {39, 0}, {38.5, 1}, {-1, Len}, {7.5, Len}, {8, 31}} {
		if got := r.Count(c.since); got != c.want {
			t.Errorf("Count(%v) = %d, want %d", c.since, got, c.want)
		}
	}
}
