package filter

// FillGaps fills interior gaps of at most maxGap consecutive invalid
// samples of x by linear interpolation between the valid samples on either
// side, marking them valid. Gaps at the start or end, and longer gaps, are
// left alone: that would be extrapolation or guessing. Samples are assumed
// evenly spaced; FillGapsTime takes timestamps. It returns the number of
// samples filled and panics if len(valid) != len(x).
func FillGaps(x []float64, valid []bool, maxGap int) (filled int) {
	if len(valid) != len(x) {
		panic("filter: FillGaps: len(valid) != len(x)")
	}
	return fill(nil, x, valid, float64(maxGap), func(a, b int) float64 { return float64(b - a - 1) })
}

// FillGapsTime is FillGaps for samples at times t (seconds, increasing),
// interpolating linearly in time. A gap is filled when the time between the
// valid samples around it is at most maxGapS (with a relative slack of
// 1e-9 for rounding): at 30 fps, maxGapS 0.2 fills up to 5 missing frames.
// It panics if the slices differ in length.
func FillGapsTime(t, x []float64, valid []bool, maxGapS float64) (filled int) {
	if len(valid) != len(x) || len(t) != len(x) {
		panic("filter: FillGapsTime: slices differ in length")
	}
	return fill(t, x, valid, maxGapS*(1+1e-9), func(a, b int) float64 { return t[b] - t[a] })
}

// fill fills each interior gap between valid samples a and b (exclusive)
// when span(a, b) <= limit; with t nil it interpolates by index.
func fill(t, x []float64, valid []bool, limit float64, span func(a, b int) float64) int {
	filled := 0
	last := -1 // index of the last valid sample
	for i := range x {
		if !valid[i] {
			continue
		}
		if last >= 0 && i-last > 1 && span(last, i) <= limit {
			for j := last + 1; j < i; j++ {
				var f float64
				if t == nil {
					f = float64(j-last) / float64(i-last)
				} else {
					f = (t[j] - t[last]) / (t[i] - t[last])
				}
				x[j] = x[last] + f*(x[i]-x[last])
				valid[j] = true
				filled++
			}
		}
		last = i
	}
	return filled
}
