package synth

import (
	"math/rand/v2"
	"testing"

	sw "github.com/stretchwise/stretchwise"
)

// BenchmarkGenerate renders a 45 s bird dog at 30 fps with MediaPipe-like
// noise; the figure is per recording (1,351 frames).
func BenchmarkGenerate(b *testing.B) {
	m := BirdDog(BirdDogParams{})
	body, cam := AverageBody(), CameraFor(sw.ViewRearLeft)
	rng := rand.New(rand.NewPCG(1, 1))
	b.ReportAllocs()
	for b.Loop() {
		Generate(m, body, cam, NoiseMediaPipe, 30, rng)
	}
}
