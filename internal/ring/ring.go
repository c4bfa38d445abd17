// Package ring keeps the most recent values of a series with their times
// and gives their median over a trailing time window without sorting: the
// running medians of the posture classifier (segment scales) and of the
// live half-kneeling coach (its metrics). It allocates nothing.
package ring

import "math"

// Len is the most recent values a Window keeps: half a second at 64 fps, the
// longest window its users read (posture's ScaleWindowS, 0.5 s; kneel's
// WindowS at up to about 100 fps).
const Len = 32

// Window keeps the last Len values with their times, and its slots in the
// order of their values, so that a median needs no sort. The zero value is
// an empty window.
type Window struct {
	v, t    [Len]float64
	n, next int
	// ord lists the slots 0..n-1 by ascending value (ties in any order).
	ord [Len]uint8
}

// Push adds v at time t, replacing the oldest value when the window is
// full. NaN is not kept.
func (r *Window) Push(t, v float64) {
	if math.IsNaN(v) {
		return
	}
	slot := r.next
	n := r.n
	if n == Len {
		// The slot is reused: take it out of the order first.
		p := 0
		for int(r.ord[p]) != slot {
			p++
		}
		copy(r.ord[p:n-1], r.ord[p+1:n])
		n--
	}
	r.v[slot], r.t[slot] = v, t
	q := n // from the top, as an insertion sort: equal values stop at once
	for q > 0 && r.v[r.ord[q-1]] > v {
		q--
	}
	copy(r.ord[q+1:n+1], r.ord[q:n])
	r.ord[q] = uint8(slot)
	r.next = (r.next + 1) % Len
	if r.n < Len {
		r.n++
	}
}

// Count returns how many of the values kept are newer than since.
func (r *Window) Count(since float64) int {
	k := 0
	for i := 0; i < r.n; i++ {
		if r.t[i] > since {
			k++
		}
	}
	return k
}

// Median returns the median of the values newer than since, NaN when there
// are none: the middle one of an odd count, the mean of the two middle ones
// of an even count, read off the value order.
func (r *Window) Median(since float64) float64 {
	k := r.Count(since)
	if k == 0 {
		return math.NaN()
	}
	lo, hi := (k-1)/2, k/2 // the ranks of the middle values
	c := 0
	var a float64
	for _, s := range r.ord[:r.n] {
		if !(r.t[s] > since) {
			continue
		}
		if c == lo {
			a = r.v[s]
			if lo == hi {
				return a
			}
		}
		if c == hi {
			return (a + r.v[s]) / 2
		}
		c++
	}
	panic("ring: value order out of step") // unreachable: k values qualify
}
