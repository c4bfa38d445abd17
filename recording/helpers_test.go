package recording

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// testHeader is a valid header with every optional field and an extra key.
func testHeader() stretchwise.Header {
	return stretchwise.Header{
		Format: Format, Version: Version, Topology: stretchwise.TopologyBlazePose33,
		FPS: 30, Width: 1280, Height: 720, View: stretchwise.ViewRearLeft,
		Exercise: stretchwise.ExerciseBirdDog, Source: "test", Subject: "s1",
	}
}

// randomRecording returns n frames with seeded random landmarks; every
// seventh frame has no person and every other detected frame has world
// landmarks.
func randomRecording(seed uint64, n int) *stretchwise.Recording {
	rng := rand.New(rand.NewPCG(seed, 1))
	rec := &stretchwise.Recording{Header: testHeader()}
	t := 0.0
	for i := 0; i < n; i++ {
		t += 1.0/30 + rng.Float64()*0.001
		f := stretchwise.Frame{T: t}
		if i%7 != 3 {
			f.Detected = true
			for j := range f.Image {
				f.Image[j] = stretchwise.Landmark{X: rng.Float64()*1.2 - 0.1, Y: rng.Float64()*1.2 - 0.1, Z: rng.NormFloat64() * 0.3, Visibility: rng.Float64()}
			}
			if i%2 == 0 {
				f.HasWorld = true
				for j := range f.World {
					f.World[j] = stretchwise.Landmark{X: rng.NormFloat64() * 0.4, Y: rng.NormFloat64() * 0.5, Z: rng.NormFloat64() * 0.2, Visibility: rng.Float64()}
				}
			}
		}
		rec.Frames = append(rec.Frames, f)
	}
	return rec
}

// poseDiff returns the largest absolute difference between two poses.
func poseDiff(a, b *stretchwise.Pose) float64 {
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(a[i].X-b[i].X))
		d = math.Max(d, math.Abs(a[i].Y-b[i].Y))
		d = math.Max(d, math.Abs(a[i].Z-b[i].Z))
		d = math.Max(d, math.Abs(a[i].Visibility-b[i].Visibility))
	}
	return d
}

// compareFrames fails t when got and want differ beyond tol in any value.
func compareFrames(t *testing.T, got, want []stretchwise.Frame, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d frames, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := &got[i], &want[i]
		if math.Abs(g.T-w.T) > tol || g.Detected != w.Detected || g.HasWorld != w.HasWorld {
			t.Fatalf("frame %d: got t=%v detected=%v world=%v, want t=%v detected=%v world=%v",
				i, g.T, g.Detected, g.HasWorld, w.T, w.Detected, w.HasWorld)
		}
		if d := poseDiff(&g.Image, &w.Image); d > tol {
			t.Fatalf("frame %d: image landmarks differ by %g, more than %g", i, d, tol)
		}
		if d := poseDiff(&g.World, &w.World); d > tol {
			t.Fatalf("frame %d: world landmarks differ by %g, more than %g", i, d, tol)
		}
	}
}
