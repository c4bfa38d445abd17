package filter_test

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/filter"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/internal/cpuclock"
)

// livePoses returns n noisy frames of a plausible side-view pose whose
// landmarks drift slowly, all visible.
func livePoses(n int) []stretchwise.Pose {
	r := rand.New(rand.NewSource(9))
	var base stretchwise.Pose
	for i := range base {
		base[i] = stretchwise.Landmark{X: 0.3 + 0.4*r.Float64(), Y: 0.2 + 0.6*r.Float64(), Z: 0, Visibility: 0.95}
	}
	// Make facing known: nose in front of the ears, shoulders above hips.
	base[stretchwise.Nose].X, base[stretchwise.LeftEar].X, base[stretchwise.RightEar].X = 0.55, 0.5, 0.5
	base[stretchwise.LeftShoulder].Y, base[stretchwise.RightShoulder].Y = 0.3, 0.3
	base[stretchwise.LeftHip].Y, base[stretchwise.RightHip].Y = 0.6, 0.6
	poses := make([]stretchwise.Pose, n)
	for k := range poses {
		p := base
		for i := range p {
			p[i].X += 0.05*math.Sin(float64(k)/20+float64(i)) + 0.003*r.NormFloat64()
			p[i].Y += 0.05*math.Cos(float64(k)/25+float64(i)) + 0.003*r.NormFloat64()
		}
		poses[k] = p
	}
	return poses
}

// BenchmarkLiveFrame is the live per-frame path of the browser: one-euro
// over the landmarks the angles use (geom.AngleLandmarks), then every
// angle. One op is one camera frame.
func BenchmarkLiveFrame(b *testing.B) { benchmarkLiveFrame(b, geom.AngleLandmarks) }

// BenchmarkLiveFrameAllLandmarks is BenchmarkLiveFrame with all 33
// landmarks filtered.
func BenchmarkLiveFrameAllLandmarks(b *testing.B) { benchmarkLiveFrame(b, 0) }

// benchmarkLiveFrame filters the landmarks in mask (0: all) and computes
// the angles, one camera frame per op.
func benchmarkLiveFrame(b *testing.B, mask uint64) {
	poses := livePoses(256)
	const aspect = 16.0 / 9
	pf := filter.NewPoseFilter(geom.DefaultGate, aspect)
	pf.Mask = mask
	var smooth stretchwise.Pose
	var a geom.Angles
	cpuclock.Loop(b, func(i int) {
		pf.Filter(&smooth, &poses[i&255], float64(i)/30)
		geom.Compute(&a, &smooth, aspect, geom.DefaultGate)
	})
}

// BenchmarkPoseFilter is the one-euro part alone, angle landmarks only.
func BenchmarkPoseFilter(b *testing.B) {
	poses := livePoses(256)
	pf := filter.NewPoseFilter(geom.DefaultGate, 16.0/9)
	pf.Mask = geom.AngleLandmarks
	var smooth stretchwise.Pose
	cpuclock.Loop(b, func(i int) { pf.Filter(&smooth, &poses[i&255], float64(i)/30) })
}

// BenchmarkCompute is the angle part alone, for the same frames.
func BenchmarkCompute(b *testing.B) {
	poses := livePoses(256)
	var a geom.Angles
	cpuclock.Loop(b, func(i int) { geom.Compute(&a, &poses[i&255], 16.0/9, geom.DefaultGate) })
}

func TestLiveFrameAllocatesNothing(t *testing.T) {
	poses := livePoses(16)
	pf := filter.NewPoseFilter(geom.DefaultGate, 16.0/9)
	pf.Mask = geom.AngleLandmarks
	var smooth stretchwise.Pose
	var a geom.Angles
	i := 0
	n := testing.AllocsPerRun(100, func() {
		i++
		pf.Filter(&smooth, &poses[i&15], float64(i)/30)
		geom.Compute(&a, &smooth, 16.0/9, geom.DefaultGate)
	})
	if n != 0 {
		t.Errorf("live frame allocates %v", n)
	}
	if !a.Has(geom.ValidFacing | geom.ValidKneeLeft | geom.ValidTrunk) {
		t.Errorf("the benchmark pose does not exercise the angles: valid %b", a.Valid)
	}
}
