package filter_test

import (
	"fmt"
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/filter"
)

// Zero-phase low-pass of a 1 Hz movement with 10 Hz jitter at 30 fps: the
// movement stays where it was, the jitter is gone.
func ExampleButterworth_FiltFilt() {
	const fs = 30.0
	x := make([]float64, 300)
	for i := range x {
		t := float64(i) / fs
		x[i] = 0.5 + 0.1*math.Sin(2*math.Pi*1*t) + 0.01*math.Sin(2*math.Pi*10*t)
	}
	y := make([]float64, len(x))
	if err := filter.DefaultButterworth.FiltFilt(y, x, fs); err != nil {
		fmt.Println(err)
		return
	}
	worst := 0.0
	for i := 30; i < 270; i++ {
		t := float64(i) / fs
		worst = math.Max(worst, math.Abs(y[i]-(0.5+0.1*math.Sin(2*math.Pi*t))))
	}
	fmt.Printf("largest difference from the clean movement: %.4f\n", worst)
	err := filter.Butterworth{Order: 2, CutoffHz: 15}.FiltFilt(y, x, fs)
	fmt.Println(err != nil)
	// Output:
	// largest difference from the clean movement: 0.0003
	// true
}

// Outliers are marked invalid, then the short gap is filled.
func ExampleHampel() {
	x := []float64{1.0, 1.1, 1.2, 1.3, 1.4, 9.9, 1.6, 1.7, 1.8, 1.9, 2.0, 2.1}
	valid := make([]bool, len(x))
	for i := range valid {
		valid[i] = true
	}
	fmt.Println("outliers:", filter.Hampel(x, valid, filter.DefaultHampelHalfWindow, filter.DefaultHampelNSigma))
	fmt.Println("filled:", filter.FillGaps(x, valid, 3))
	fmt.Printf("x[5] = %.2f\n", x[5])
	// Output:
	// outliers: 1
	// filled: 1
	// x[5] = 1.50
}

// The live path: one-euro filtering of each camera frame. By hand: the
// second frame moves 0.01 (0.3 widths/s); the speed filter (1 Hz) keeps
// 17 % of it, 0.092 image heights/s, which lifts the cutoff to 1.92 Hz, so
// the output moves 29 % of the way.
func ExamplePoseFilter() {
	pf := filter.NewPoseFilter(0.5, 16.0/9)
	var in, out stretchwise.Pose
	for i := 0; i < 3; i++ {
		in[stretchwise.LeftKnee] = stretchwise.Landmark{X: 0.5 + 0.01*float64(i%2), Y: 0.6, Visibility: 0.9}
		pf.Filter(&out, &in, float64(i)/30)
		fmt.Printf("raw %.3f filtered %.4f\n", in[stretchwise.LeftKnee].X, out[stretchwise.LeftKnee].X)
	}
	// Output:
	// raw 0.500 filtered 0.5000
	// raw 0.510 filtered 0.5029
	// raw 0.500 filtered 0.5022
}
