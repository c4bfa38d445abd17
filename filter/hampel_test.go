package filter

import (
	"math"
	"math/rand"
	"testing"
)

func TestHampel(t *testing.T) {
	const n = 2000
	const sigma = 0.002 // noise sd, image heights
	tests := []struct {
		name     string
		noise    float64
		outliers int
		minSigma float64
		maxFalse int // false positives allowed
	}{
		// With normal noise the 3-sigma rule flags about 0.3 % of clean
		// samples (and a little more, as the MAD of 15 samples is itself
		// noisy): allow 1 %.
		{"noisy with outliers", sigma, 40, 0, n / 100},
		{"noisy, clean", sigma, 0, 0, n / 100},
		// Without noise nothing but the outliers may go; the floor of
		// Clean's default keeps the smooth curve (whose window MAD is
		// tiny) intact.
		{"smooth with outliers", 0, 40, DefaultConfig.HampelMinSigmaImage, 0},
		{"smooth, clean", 0, 0, DefaultConfig.HampelMinSigmaImage, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewSource(1))
			x := make([]float64, n)
			valid := make([]bool, n)
			for i := range x {
				x[i] = 0.5 + 0.2*math.Sin(2*math.Pi*0.5*float64(i)/30) + tt.noise*r.NormFloat64()
				valid[i] = true
			}
			injected := map[int]bool{}
			for len(injected) < tt.outliers {
				i := 10 + r.Intn(n-20)
				if injected[i-1] || injected[i] || injected[i+1] {
					continue
				}
				injected[i] = true
				x[i] += math.Copysign(0.03+0.1*r.Float64(), r.NormFloat64()) // 15-90 sigma
			}
			got := HampelMin(x, valid, DefaultHampelHalfWindow, DefaultHampelNSigma, tt.minSigma)
			missed, falsePos := 0, 0
			for i, v := range valid {
				switch {
				case injected[i] && v:
					missed++
				case !injected[i] && !v:
					falsePos++
				}
			}
			if missed != 0 || falsePos > tt.maxFalse || got != tt.outliers-missed+falsePos {
				t.Errorf("marked %d: missed %d of %d outliers, %d false positives (allowed %d)", got, missed, tt.outliers, falsePos, tt.maxFalse)
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
