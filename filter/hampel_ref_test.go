package filter

import (
	"math"
	"math/rand"
	"slices"
	"testing"
)

// hampelReference is HampelMin as it was before it reused its residuals
// across passes and kept its scale window sorted (commit 89a7e7c), on the
// residuals of the general code: the yardstick that
// TestHampelSameAsReference holds the faster version to, bit for bit.
func hampelReference(x []float64, valid []bool, halfWindow int, nSigma, minSigma float64) (outliers int) {
	// The residuals are those of the general code (TestResidual5SameAsGeneral
	// holds the shortcut to it); what changed since is how passes reuse
	// them and how the scale test decides.
	var h hampel
	resid := make([]float64, len(x))
	for i := range x {
		resid[i] = math.NaN()
		if valid[i] {
			resid[i] = h.residualAny(x, valid, i, halfWindow)
		}
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
		scale := max(madScale*sortedMedian(pool), minSigma, roundingFloor*(1+math.Abs(x[i])))
		if math.Abs(r) > nSigma*scale {
			mark = append(mark, i)
		}
	}
	for _, i := range mark {
		valid[i] = false
	}
	return len(mark)
}

// TestHampelSameAsReference holds HampelMin, and the repeated passes of
// Clean, to the reference implementation bit for bit: the same samples
// marked, on series with noise, movement, flat stretches, outliers, runs of
// invalid samples and exact ties.
func TestHampelSameAsReference(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var h hampel // reused, as Clean does
	multi := 0
	for trial := 0; trial < 400; trial++ {
		n := 1 + r.Intn(600)
		x := make([]float64, n)
		valid := make([]bool, n)
		noise := []float64{0, 0.001, 0.004, 0.02}[r.Intn(4)]
		freq := []float64{0, 0.1, 0.5, 2}[r.Intn(4)]
		dropout := []float64{0, 0.05, 0.3}[r.Intn(3)]
		for i := range x {
			x[i] = 0.5 + 0.2*math.Sin(2*math.Pi*freq*float64(i)/30) + noise*r.NormFloat64()
			if r.Float64() < 0.03 {
				x[i] += math.Copysign(0.03+0.2*r.Float64(), r.NormFloat64())
			}
			if r.Float64() < 0.02 {
				x[i] = math.Round(x[i]*100) / 100 // ties
			}
			valid[i] = r.Float64() >= dropout
		}
		if r.Intn(4) == 0 { // a flat stretch
			a := r.Intn(n)
			for i := a; i < min(n, a+40); i++ {
				x[i] = 0.25
			}
		}
		hw := 1 + r.Intn(7)
		nSigma := []float64{2, 3, 3.5}[r.Intn(3)]
		minSigma := []float64{0, 0.002}[r.Intn(2)]

		want := slices.Clone(valid)
		var wantN []int
		for p := 0; p < 4; p++ {
			m := hampelReference(x, want, hw, nSigma, minSigma)
			wantN = append(wantN, m)
			if m == 0 {
				break
			}
		}
		got := slices.Clone(valid)
		if m := HampelMin(x, got, hw, nSigma, minSigma); m != wantN[0] {
			t.Fatalf("trial %d: HampelMin marked %d, reference %d", trial, m, wantN[0])
		}
		got = slices.Clone(valid)
		if len(wantN) > 2 {
			multi++
		}
		total := h.repeat(x, got, hw, nSigma, minSigma, 4)
		wantTotal := 0
		for _, m := range wantN {
			wantTotal += m
		}
		if total != wantTotal || !slices.Equal(got, want) {
			t.Fatalf("trial %d (n %d, hw %d): repeated passes marked %d, reference %d (passes %v), or different samples",
				trial, n, hw, total, wantTotal, wantN)
		}
	}
	if multi < 50 {
		t.Errorf("only %d of the trials marked outliers in a second pass", multi)
	}
}

// TestMedianNetworks checks median's selection networks against the
// insertion sort: on every input of zeros and ones (by
// the 0-1 principle, a network of min and max that selects the median of
// those does so for any input) and on random inputs with ties and
// infinities.
func TestMedianNetworks(t *testing.T) {
	for n := 1; n <= 14; n++ {
		for bits := 0; bits < 1<<n; bits++ {
			v := make([]float64, n)
			for i := range v {
				v[i] = float64(bits >> i & 1)
			}
			if got, want := median(slices.Clone(v)), sortedMedian(slices.Clone(v)); got != want {
				t.Fatalf("median of %v = %v, want %v", v, got, want)
			}
		}
	}
	r := rand.New(rand.NewSource(2))
	for range 100000 {
		n := 1 + r.Intn(31)
		v := make([]float64, n)
		for i := range v {
			v[i] = r.NormFloat64()
			switch r.Intn(10) {
			case 0:
				v[i] = float64(r.Intn(3)) // ties
			case 1:
				v[i] = math.Inf(1 - 2*r.Intn(2))
			}
		}
		if got, want := median(slices.Clone(v)), sortedMedian(slices.Clone(v)); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("median of %v = %v, want %v", v, got, want)
		}
	}
}

// TestResidual5SameAsGeneral holds the full-window shortcut of residual to
// the general code, bit for bit, on noise, movement, ties, flat stretches,
// infinities and NaN (where the shortcut must decline).
func TestResidual5SameAsGeneral(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	var gen hampel
	taken, declined := 0, 0
	for trial := 0; trial < 200; trial++ {
		n := 11 + r.Intn(300)
		x := make([]float64, n)
		valid := make([]bool, n)
		for i := range x {
			x[i] = 0.5 + 0.2*math.Sin(float64(i)/7) + 0.004*r.NormFloat64()
			switch r.Intn(40) {
			case 0:
				x[i] += 0.2 * r.NormFloat64()
			case 1:
				x[i] = math.Round(x[i]*100) / 100
			case 2:
				x[i] = 0
			case 3:
				x[i] = []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[r.Intn(3)]
			}
			valid[i] = true
		}
		if r.Intn(3) == 0 {
			a := r.Intn(n)
			for i := a; i < min(n, a+30); i++ {
				x[i] = 0.25
			}
		}
		for i := 5; i+5 < n; i++ {
			got, ok := residual5(x, i)
			if !ok {
				declined++
				continue
			}
			taken++
			if want := gen.residualAny(x, valid, i, DefaultHampelHalfWindow); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("trial %d, sample %d: residual5 %v, general %v", trial, i, got, want)
			}
		}
	}
	if taken < 10000 || declined == 0 {
		t.Errorf("shortcut taken %d times, declined %d", taken, declined)
	}
}
