package posture

import (
	"math"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// FuzzUpdate feeds arbitrary landmark values (including NaN and infinities,
// which a validated recording never has but a live caller might) through
// the classifier: it must not panic and must answer with known labels.
func FuzzUpdate(f *testing.F) {
	f.Add(0.5, 0.5, 0.0, 0.9, 0.1, 0.2, 1.0)
	f.Add(math.NaN(), 0.5, 0.0, 0.9, 0.1, 0.2, 1.0)
	f.Add(1e300, -1e300, math.Inf(1), 0.0, 0.0, 0.0, 0.0)
	valid := map[stretchwise.Posture]bool{stretchwise.PostureUnknown: true, stretchwise.PostureStanding: true,
		stretchwise.PostureQuadruped: true, stretchwise.PostureHalfKneeling: true, stretchwise.PostureSupine: true,
		stretchwise.PostureOther: true}
	f.Fuzz(func(t *testing.T, x, y, z, vis, dx, dy, dt float64) {
		c := NewClassifier(DefaultConfig, 16.0/9)
		var fr stretchwise.Frame
		fr.Detected = true
		for k := 0; k < 3; k++ {
			for i := range fr.Image {
				fi := float64(i)
				fr.Image[i] = stretchwise.Landmark{X: x + dx*fi, Y: y + dy*fi*fi, Z: z - dx*fi, Visibility: vis}
			}
			fr.T += dt
			l := c.Update(&fr)
			if !valid[l.Posture] || !l.View.Valid() {
				t.Fatalf("labels %q %q", l.Posture, l.View)
			}
		}
	})
}
