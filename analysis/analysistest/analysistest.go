// Package analysistest renders synthetic recordings and runs them through
// the analysis, and reads committed recordings, for the tests of the
// assessments, the coach and the analysis.
package analysistest

import (
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/geom"
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

// FindingsNoSurer checks that findings claim no more than their measure
// (assess.Claim) on one recording: analyze, called with the default
// landmark noise model, must give every finding with one of codes on side
// as a warning, and, called with a noise model factor times larger (as
// for a small or blurred image), as an info whose message says it cannot
// be told. Each code must be found at least once in both.
func FindingsNoSurer(t *testing.T, analyze func(geom.Noise) stretchwise.Report, factor float64, side stretchwise.Side, codes ...string) {
	t.Helper()
	noisy := geom.DefaultNoise
	noisy.Sigma *= factor
	for _, tc := range []struct {
		name  string
		noise geom.Noise
		want  string
	}{
		{"default noise model", geom.DefaultNoise, stretchwise.SeverityWarning},
		{fmt.Sprintf("noise model %g times larger", factor), noisy, stretchwise.SeverityInfo},
	} {
		r := analyze(tc.noise)
		for _, code := range codes {
			n := 0
			for _, f := range r.Findings {
				if f.Code != code || f.Side != side {
					continue
				}
				n++
				if f.Severity != tc.want {
					t.Errorf("%s: %s severity %s, want %s: %s (measures %+v)", tc.name, code, f.Severity, tc.want, f.Message, r.Measures)
				}
				if cannot := strings.Contains(f.Message, "cannot be told"); cannot != (tc.want == stretchwise.SeverityInfo) {
					t.Errorf("%s: %s message %q says it cannot tell: %v, want %v", tc.name, code, f.Message, cannot, !cannot)
				}
			}
			if n == 0 {
				t.Errorf("%s: no %s finding on the %s side: %+v", tc.name, code, side, r.Findings)
			}
		}
	}
}
