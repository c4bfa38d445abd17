package birddog

import (
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/internal/cpuclock"
)

// BenchmarkAssess60s times the screen alone (no filtering, no posture
// recognition) on a 60 s, 30 fps rear-view recording with six reaches.
func BenchmarkAssess60s(b *testing.B) {
	ps := twoSides([2]float64{6, 3}, [2]float64{0, 0})
	ps = append(ps, twoSides([2]float64{6, 3}, [2]float64{0, 0})[:2]...)
	ts, ss := script(0, ps...)
	for len(ts) < 60*testFPS {
		ts = append(ts, ts[len(ts)-1]+1/testFPS)
		ss = append(ss, state{})
	}
	in := input(stretchwise.ViewRear, rearPose, ts, ss, 0.003, 5)
	b.ReportAllocs()
	b.ResetTimer()
	defer cpuclock.PerOp(b)()
	for b.Loop() {
		r := Assess(in, DefaultConfig)
		if len(r.Reps) != 6 {
			b.Fatalf("%d reps, want 6", len(r.Reps))
		}
	}
}
