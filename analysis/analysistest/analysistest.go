// Package analysistest renders synthetic recordings and runs them through
// the analysis, and reads committed recordings, for the tests of the
// assessments, the coach and the analysis.
package analysistest

import (
	"compress/gzip"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/synth"
)

// FPS is the frame rate of the recordings Render makes.
const FPS = 30

// Render renders motion m on body b, seen from the usual camera for view,
// with the named noise preset (synth.NoisePresets) drawn from rng. It fails
// t when synth.Check refuses the inputs.
func Render(t testing.TB, m *synth.Motion, b synth.Body, view stretchwise.View, noise string, rng *rand.Rand) (*stretchwise.Recording, *synth.Truth) {
	t.Helper()
	cam := synth.CameraFor(view)
	n := synth.NoisePresets[noise]
	if err := synth.Check(m, b, cam, n, FPS); err != nil {
		t.Fatal(err)
	}
	return synth.Generate(m, b, cam, n, FPS, rng)
}

// Run is Render followed by analysis.Run with the default options.
func Run(t testing.TB, m *synth.Motion, b synth.Body, view stretchwise.View, noise string, rng *rand.Rand) (*analysis.Analysis, *synth.Truth) {
	t.Helper()
	rec, tr := Render(t, m, b, view, noise, rng)
	a, err := analysis.Run(rec, analysis.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	return a, tr
}

// ReadGzip reads the gzipped recording at path within lim; it fails t on
// any error.
func ReadGzip(t testing.TB, path string, lim recording.Limits) *stretchwise.Recording {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	rec, err := recording.Read(zr, lim)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rec
}
