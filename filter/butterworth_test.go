package filter

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// sine returns n samples of amp*sin(2*pi*f*t + phase) at fs.
func sine(n int, fs, f, amp, phase float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = amp * math.Sin(2*math.Pi*f*float64(i)/fs+phase)
	}
	return x
}

// gainAt measures the steady-state amplitude gain of FiltFilt at frequency
// f by least-squares fitting a sinusoid to the middle of the output.
func gainAt(t *testing.T, b Butterworth, fs, f float64) (gain, lagS float64) {
	t.Helper()
	const n = 3000
	x := sine(n, fs, f, 1, 0)
	y := make([]float64, n)
	if err := b.FiltFilt(y, x, fs); err != nil {
		t.Fatal(err)
	}
	// Fit y = a sin + c cos over the middle third, away from the ends.
	var ss, cc, sc, ys, yc float64
	for i := n / 3; i < 2*n/3; i++ {
		s, c := math.Sincos(2 * math.Pi * f * float64(i) / fs)
		ss += s * s
		cc += c * c
		sc += s * c
		ys += y[i] * s
		yc += y[i] * c
	}
	det := ss*cc - sc*sc
	a := (ys*cc - yc*sc) / det
	c := (yc*ss - ys*sc) / det
	phase := math.Atan2(c, a) // y = g sin(wt + phase)
	return math.Hypot(a, c), phase / (2 * math.Pi * f)
}

func TestButterworthFrequencyResponse(t *testing.T) {
	const fs = 30.0
	// The analytic gain of a Butterworth pass is 1/sqrt(1+(w/wc)^(2n)) in
	// the prewarped frequency; filtfilt squares it. The fit over 1000
	// samples of a pure tone is exact to about 1e-6.
	const tol = 1e-4
	for _, b := range []Butterworth{{2, 6}, {4, 6}, {3, 3}, {1, 2}, {2, 10}} {
		for _, f := range []float64{0.25, 1, b.CutoffHz / 2, b.CutoffHz, 1.5 * b.CutoffHz, 12, 14} {
			if f >= fs/2 {
				continue
			}
			got, lag := gainAt(t, b, fs, f)
			wr := math.Tan(math.Pi*f/fs) / math.Tan(math.Pi*b.CutoffHz/fs)
			want := 1 / (1 + math.Pow(wr, float64(2*b.Order)))
			if math.Abs(got-want) > tol {
				t.Errorf("%+v at %v Hz: gain %.6f, want %.6f", b, f, got, want)
			}
			if got > 0.01 && math.Abs(lag) > 1e-4 {
				t.Errorf("%+v at %v Hz: lag %.6f s, want 0 (zero phase)", b, f, lag)
			}
		}
	}
	// The headline numbers for the default filter, in dB: -3 dB per pass at
	// the cutoff, a flat passband, and at 12 Hz the bilinear transform's
	// warping puts the double pass at -50.2 dB (tan(72 deg)/tan(36 deg) =
	// 4.24 times the cutoff in the analog domain: 4.24^-2 per pass).
	const dBTol = 0.05
	for _, c := range []struct{ f, wantDB float64 }{
		{6, -6.02},
		{0.5, 0},
		{12, -50.2},
	} {
		g, _ := gainAt(t, DefaultButterworth, fs, c.f)
		if db := 20 * math.Log10(g); math.Abs(db-c.wantDB) > dBTol {
			t.Errorf("default at %v Hz: %.2f dB, want %.2f dB", c.f, db, c.wantDB)
		}
	}
}

func TestButterworthNoLagOnMovement(t *testing.T) {
	// A 1 Hz movement (a limb raised and lowered) comes back in place: the
	// peak of the output is at the peak of the input.
	const fs = 30.0
	x := sine(300, fs, 1, 0.2, 0)
	y := make([]float64, len(x))
	if err := DefaultButterworth.FiltFilt(y, x, fs); err != nil {
		t.Fatal(err)
	}
	argmax := func(v []float64) int {
		best := 100
		for i := 100; i < 200; i++ {
			if v[i] > v[best] {
				best = i
			}
		}
		return best
	}
	if gx, gy := argmax(x), argmax(y); gx != gy {
		t.Errorf("peak at sample %d after filtering, %d before: the filter lags", gy, gx)
	}
	// and the values are nearly unchanged (gain at 1 Hz is 0.9996).
	const tol = 0.001 // image heights
	for i := 20; i < 280; i++ {
		if math.Abs(y[i]-x[i]) > tol {
			t.Fatalf("sample %d: %v, input %v", i, y[i], x[i])
		}
	}
}

func TestButterworthEdges(t *testing.T) {
	// A constant passes exactly, ends included (steady-state start). A ramp
	// of 0.01 image heights per frame (0.3 heights/s at 30 fps, a brisk limb
	// movement) passes within rampTol at the ends, where the odd reflection
	// continues it and only the start-up of the reflection remains.
	const constTol = 1e-12
	const rampTol = 5e-4 // image heights, 0.36 px at 720p (the 4th order at 3 Hz, with the longest start-up, reaches 2.7e-4)
	const fs = 30.0
	for _, b := range []Butterworth{DefaultButterworth, {4, 3}, {3, 5}} {
		for _, c := range []struct {
			name  string
			slope float64
			tol   float64
		}{{"constant", 0, constTol}, {"ramp", 0.01, rampTol}} {
			x := make([]float64, 50)
			for i := range x {
				x[i] = 0.3 + c.slope*float64(i)
			}
			y := make([]float64, len(x))
			if err := b.FiltFilt(y, x, fs); err != nil {
				t.Fatal(err)
			}
			worst := 0.0
			for i := range x {
				worst = max(worst, math.Abs(y[i]-x[i]))
			}
			if worst > c.tol {
				t.Errorf("%+v %s: largest error %g, want <= %g", b, c.name, worst, c.tol)
			}
		}
	}
}

func TestButterworthInPlace(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	x := make([]float64, 100)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	want := make([]float64, len(x))
	if err := DefaultButterworth.FiltFilt(want, x, 30); err != nil {
		t.Fatal(err)
	}
	if err := DefaultButterworth.FiltFilt(x, x, 30); err != nil {
		t.Fatal(err)
	}
	for i := range x {
		if x[i] != want[i] {
			t.Fatalf("in place differs at %d: %v vs %v", i, x[i], want[i])
		}
	}
}

func TestButterworthErrors(t *testing.T) {
	x := make([]float64, 100)
	tests := []struct {
		name string
		b    Butterworth
		x    []float64
		dst  []float64
		fs   float64
	}{
		{"cutoff at Nyquist", Butterworth{2, 15}, x, x, 30},
		{"cutoff above Nyquist", Butterworth{2, 20}, x, x, 30},
		{"zero cutoff", Butterworth{2, 0}, x, x, 30},
		{"NaN cutoff", Butterworth{2, math.NaN()}, x, x, 30},
		{"order 0", Butterworth{0, 6}, x, x, 30},
		{"order too high", Butterworth{MaxOrder + 1, 6}, x, x, 30},
		{"zero sample rate", DefaultButterworth, x, x, 0},
		{"too short", DefaultButterworth, x[:DefaultButterworth.MinLen()-1], x[:DefaultButterworth.MinLen()-1], 30},
		{"dst length", DefaultButterworth, x, x[:50], 30},
		{"NaN sample", DefaultButterworth, append(make([]float64, 50), math.NaN()), make([]float64, 51), 30},
		{"infinite sample", DefaultButterworth, append(make([]float64, 50), math.Inf(-1)), make([]float64, 51), 30},
	}
	for _, tt := range tests {
		err := tt.b.FiltFilt(tt.dst, tt.x, tt.fs)
		if err == nil || stretchwise.ErrorCode(err) != stretchwise.EINVALID {
			t.Errorf("%s: err = %v, want an invalid error", tt.name, err)
		}
	}
	if err := DefaultButterworth.FiltFilt(x[:DefaultButterworth.MinLen()], x[:DefaultButterworth.MinLen()], 30); err != nil {
		t.Errorf("MinLen samples: %v", err)
	}
}
