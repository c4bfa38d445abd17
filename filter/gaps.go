package filter

// FillGaps fills interior gaps of at most maxGap consecutive invalid
// samples of x and marks them valid. A gap is interpolated by the cubic
// through the two valid samples on each side of it when those are valid
// (exact for movement with constant jerk over the four samples), and
// linearly between the samples around it otherwise. Gaps at the start or
// end, and longer gaps, are left alone: that would be extrapolation or
// guessing. Samples are taken as evenly spaced; FillGapsTime takes
// timestamps. It returns the number of samples filled and panics if
// len(valid) != len(x).
func FillGaps(x []float64, valid []bool, maxGap int) (filled int) {
	if len(valid) != len(x) {
		panic("filter: FillGaps: len(valid) != len(x)")
	}
	return fill(nil, x, valid, float64(maxGap), func(a, b int) float64 { return float64(b - a - 1) })
}

// FillGapsTime is FillGaps for samples at times t (seconds, increasing),
// interpolating in time. A gap is filled when the time between the valid
// samples around it is at most maxGapS (with a relative slack of 1e-9 for
// rounding): at 30 fps, maxGapS 0.2 fills up to 5 missing frames. It
// panics if the slices differ in length.
func FillGapsTime(t, x []float64, valid []bool, maxGapS float64) (filled int) {
	if len(valid) != len(x) || len(t) != len(x) {
		panic("filter: FillGapsTime: slices differ in length")
	}
	return fill(t, x, valid, maxGapS*(1+1e-9), func(a, b int) float64 { return t[b] - t[a] })
}

// fill fills each interior gap between the valid samples a and b when
// span(a, b) <= limit; with t nil the sample index is the time.
func fill(t, x []float64, valid []bool, limit float64, span func(a, b int) float64) int {
	tm := func(i int) float64 {
		if t == nil {
			return float64(i)
		}
		return t[i]
	}
	filled := 0
	last, prev := -1, -1 // the last two originally valid samples
	for i := range x {
		if !valid[i] {
			continue
		}
		if a := last; a >= 0 && i-a > 1 && span(a, i) <= limit {
			cubic := prev == a-1 && prev >= 0 && i+1 < len(x) && valid[i+1]
			for j := a + 1; j < i; j++ {
				if cubic {
					x[j] = lagrange4(tm(j), [4]float64{tm(a - 1), tm(a), tm(i), tm(i + 1)}, [4]float64{x[a-1], x[a], x[i], x[i+1]})
				} else {
					f := (tm(j) - tm(a)) / (tm(i) - tm(a))
					x[j] = x[a] + f*(x[i]-x[a])
				}
				valid[j] = true
				filled++
			}
		}
		prev, last = last, i
	}
	return filled
}

// lagrange4 evaluates at u the cubic through the points (ts[k], xs[k]).
func lagrange4(u float64, ts, xs [4]float64) float64 {
	var y float64
	for k := 0; k < 4; k++ {
		w := xs[k]
		for m := 0; m < 4; m++ {
			if m != k {
				w *= (u - ts[m]) / (ts[k] - ts[m])
			}
		}
		y += w
	}
	return y
}
