package analysis_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/internal/cpuclock"
	"github.com/stretchwise/stretchwise/synth"
)

// BenchmarkAnalyze60s measures the whole analysis (validation, cleaning,
// posture and view, the bird-dog assessment, the angle summary) of a 60 s,
// 30 fps bird-dog recording from a rear-left view at MediaPipe-like noise.
func BenchmarkAnalyze60s(b *testing.B) {
	m := synth.BirdDog(synth.BirdDogParams{
		Arms:      []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight, stretchwise.SideLeft, stretchwise.SideRight},
		BaselineS: 3, ReachS: 1.5, HoldS: 10, ReturnS: 1.5, RestS: 1.25,
	})
	rec, _ := synth.Generate(m, synth.AverageBody(), synth.CameraFor(stretchwise.ViewRearLeft), synth.NoiseMediaPipe, 30, rand.New(rand.NewPCG(1, 2)))
	if d := rec.Duration(); d < 59.9 || d > 60.1 {
		b.Fatalf("recording lasts %.2f s, want 60", d)
	}
	b.ReportAllocs()
	b.ResetTimer()
	defer cpuclock.PerOp(b)()
	for i := 0; i < b.N; i++ {
		if _, err := analysis.Analyze(rec, analysis.DefaultOptions); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rec.Frames))*float64(b.N)/b.Elapsed().Seconds(), "frames/s")
}
