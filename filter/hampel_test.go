package filter

import (
	"math"
	"math/rand"
	"testing"
)

func TestHampel(t *testing.T) {
	// Ten seeded series of 2000 samples each with 40 isolated outliers of
	// 0.03-0.13 image heights. Rates are over all seeds, so the test does
	// not hang on one lucky seed.
	const n = 2000
	const seeds = 10
	const sigma = 0.002 // noise sd, image heights
	tests := []struct {
		name      string
		freqHz    float64 // of the 0.2-amplitude movement, at 30 fps
		noise     float64
		outliers  int // per series
		minSigma  float64
		maxMissed float64 // fraction of outliers
		maxFalse  float64 // fraction of clean samples
	}{
		// At rest and in a slow movement every outlier is found. With
		// normal noise the 3-sigma rule would flag 0.3 % of clean samples;
		// residuals from an 11-sample median have heavier tails (1.3-1.6 %
		// seen): allow 2 %.
		{"at rest, noisy", 0, sigma, 40, 0, 0, 0.02},
		{"slow movement, noisy", 0.1, sigma, 40, 0, 0, 0.02},
		{"slow movement, noisy, no outliers", 0.1, sigma, 0, 0, 0, 0.02},
		// A fast movement (0.5 Hz over 0.4 image heights): outliers
		// pointing to the inside of a turn can hide (documented in
		// Hampel); allow 4 % missed (1.75 % seen over these seeds, 3 %
		// without noise, where the floor sets the scale).
		{"fast movement, noisy", 0.5, sigma, 40, 0, 0.04, 0.01},
		// Without noise the floor of Clean's default keeps the smooth
		// curve (whose MAD is tiny) intact; only a neighbour of an outlier,
		// whose slope estimate the outlier spoils, may go (1 seen).
		{"fast movement, smooth", 0.5, 0, 40, DefaultConfig.HampelMinSigmaImage, 0.04, 0.001},
		{"fast movement, smooth, no outliers", 0.5, 0, 0, DefaultConfig.HampelMinSigmaImage, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			missed, falsePos, marked, wantMarked := 0, 0, 0, 0
			for seed := int64(1); seed <= seeds; seed++ {
				r := rand.New(rand.NewSource(seed))
				x := make([]float64, n)
				valid := make([]bool, n)
				for i := range x {
					x[i] = 0.5 + 0.2*math.Sin(2*math.Pi*tt.freqHz*float64(i)/30) + tt.noise*r.NormFloat64()
					valid[i] = true
				}
				injected := map[int]bool{}
				for len(injected) < tt.outliers {
					i := 10 + r.Intn(n-20)
					if injected[i-1] || injected[i] || injected[i+1] {
						continue
					}
					injected[i] = true
					x[i] += math.Copysign(0.03+0.1*r.Float64(), r.NormFloat64()) // 15-65 sigma
				}
				got := HampelMin(x, valid, DefaultHampelHalfWindow, DefaultHampelNSigma, tt.minSigma)
				marked += got
				for i, v := range valid {
					switch {
					case injected[i] && v:
						missed++
					case !injected[i] && !v:
						falsePos++
					}
					if !v {
						wantMarked++
					}
				}
			}
			total := seeds * tt.outliers
			t.Logf("missed %d of %d outliers, %d false positives in %d clean samples", missed, total, falsePos, seeds*n-total)
			if float64(missed) > tt.maxMissed*float64(total) {
				t.Errorf("missed %d of %d outliers, want at most %.0f %%", missed, total, 100*tt.maxMissed)
			}
			if float64(falsePos) > tt.maxFalse*float64(seeds*n-total) {
				t.Errorf("%d false positives in %d clean samples, want at most %.1f %%", falsePos, seeds*n-total, 100*tt.maxFalse)
			}
			if marked != wantMarked {
				t.Errorf("Hampel returned %d marked in total, %d samples are invalid", marked, wantMarked)
			}
		})
	}
}

func TestHampelSkipsInvalidAndFlatWindows(t *testing.T) {
	x := []float64{1, 1, 1, 1, 1, 9, 1, 1, 1, 1, 1, 100}
	valid := []bool{true, true, true, true, true, true, true, true, true, true, true, false}
	// The spike in a flat window is an outlier (MAD 0); the invalid 100 is
	// neither judged nor used.
	if got := Hampel(x, valid, 3, 3); got != 1 || valid[5] || valid[11] {
		t.Errorf("Hampel = %d, valid %v; want only sample 5 marked", got, valid)
	}
	// With a floor of 3 the deviation of 8 is within 3*3: kept.
	valid[5] = true
	if got := HampelMin(x, valid, 3, 3, 3); got != 0 {
		t.Errorf("HampelMin with floor = %d, want 0", got)
	}
	// Too few valid neighbours: nothing judged.
	few := []bool{false, false, false, false, true, true, true, false, false, false, false, false}
	if got := Hampel(x, few, 3, 3); got != 0 {
		t.Errorf("Hampel with 2 neighbours = %d, want 0", got)
	}
}

func TestFillGaps(t *testing.T) {
	const tol = 1e-12
	line := func(i int) float64 { return 0.2 + 0.01*float64(i) }
	tests := []struct {
		name       string
		valid      string // '1' valid, '0' missing
		maxGap     int
		wantFilled string // '1' = valid afterwards
	}{
		{"short gaps filled", "1101100011", 3, "1111111111"},
		{"gap longer than maxGap kept", "1100001", 3, "1100001"},
		{"gap equal to maxGap filled", "110001", 3, "111111"},
		{"edges never filled", "0011100", 5, "0011100"},
		{"nothing valid", "0000", 5, "0000"},
		{"maxGap 0 fills nothing", "1010101", 0, "1010101"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := len(tt.valid)
			x := make([]float64, n)
			valid := make([]bool, n)
			for i := range x {
				valid[i] = tt.valid[i] == '1'
				if valid[i] {
					x[i] = line(i)
				} else {
					x[i] = math.NaN()
				}
			}
			got := FillGaps(x, valid, tt.maxGap)
			want := 0
			for i := range x {
				w := tt.wantFilled[i] == '1'
				if valid[i] != w {
					t.Errorf("sample %d valid %v, want %v", i, valid[i], w)
				}
				if w && tt.valid[i] == '0' {
					want++
				}
				if valid[i] && math.Abs(x[i]-line(i)) > tol {
					t.Errorf("sample %d = %v, want %v", i, x[i], line(i))
				}
			}
			if got != want {
				t.Errorf("filled %d, want %d", got, want)
			}
		})
	}
}

func TestFillGapsTime(t *testing.T) {
	// Irregular timestamps: interpolation is linear in time, and the limit
	// is the time between the valid samples around a gap.
	const tol = 1e-12
	ts := []float64{0, 0.03, 0.07, 0.1, 0.13, 0.2, 0.24, 0.3, 0.5, 0.53}
	valid := []bool{true, true, false, false, true, false, true, true, false, true}
	x := make([]float64, len(ts))
	f := func(t float64) float64 { return 1 - 2*t }
	for i := range ts {
		x[i] = f(ts[i])
		if !valid[i] {
			x[i] = 0
		}
	}
	// Gaps: 0.03..0.13 (0.10 s) and 0.13..0.24 (0.11 s) filled; 0.3..0.53
	// (0.23 s) exceeds 0.2 and stays.
	if got := FillGapsTime(ts, x, valid, 0.2); got != 3 {
		t.Errorf("filled %d, want 3", got)
	}
	for i := range ts {
		if want := i != 8; valid[i] != want {
			t.Errorf("sample %d valid %v, want %v", i, valid[i], want)
		}
		if valid[i] && math.Abs(x[i]-f(ts[i])) > tol {
			t.Errorf("sample %d = %v, want %v", i, x[i], f(ts[i]))
		}
	}
}
