package analysis_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/analysis/analysistest"
	"github.com/stretchwise/stretchwise/internal/golden"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/synth"
)

var (
	regen = flag.Bool("regen", false, "regenerate the synthetic recordings in testdata with package synth")
)

// goldenCase is one committed recording and how it was made.
type goldenCase struct {
	name string
	make func(rng *rand.Rand) *stretchwise.Recording
	opt  analysis.Options
}

// goldenFPS is the frame rate of the committed recordings: 20 fps keeps
// the files small while leaving the 6 Hz low-pass of the filter below the
// Nyquist frequency.
const goldenFPS = 20

var goldenCases = []goldenCase{
	{"birddog-rear-left", func(rng *rand.Rand) *stretchwise.Recording {
		m := synth.BirdDog(synth.BirdDogParams{Arms: []stretchwise.Side{stretchwise.SideLeft},
			BaselineS: 2, ReachS: 1, HoldS: 5, ReturnS: 1, RestS: 1})
		rec, _ := synth.Generate(m, synth.AverageBody(), synth.CameraFor(stretchwise.ViewRearLeft), synth.NoiseMediaPipe, goldenFPS, rng)
		return rec
	}, analysis.DefaultOptions},
	// The header names no exercise and the wrong view: the analysis infers
	// the exercise and reports the disagreement.
	{"thomas-left-header-rear-left", func(rng *rand.Rand) *stretchwise.Recording {
		m := synth.ThomasTest(synth.ThomasParams{Sides: []stretchwise.Side{stretchwise.SideLeft}, SetupS: 1, MoveS: 1.5, HoldS: 4, RestS: 1})
		rec, _ := synth.Generate(m, synth.AverageBody(), synth.CameraFor(stretchwise.ViewLeft), synth.NoiseMediaPipe, goldenFPS, rng)
		rec.Header.Exercise, rec.Header.View = "", stretchwise.ViewRearLeft
		return rec
	}, analysis.DefaultOptions},
	// No view in the header: the analysis recognises it.
	{"kneel-right-no-view", func(rng *rand.Rand) *stretchwise.Recording {
		m := synth.HalfKneeling(synth.KneelParams{Side: stretchwise.SideRight, SetupS: 1, ShiftS: 1, HoldS: 4, ReleaseS: 1})
		rec, _ := synth.Generate(m, synth.BodyOfHeight(1.62), synth.CameraFor(stretchwise.ViewRight), synth.NoiseLow, goldenFPS, rng)
		rec.Header.View = ""
		return rec
	}, analysis.DefaultOptions},
	// The same bird dog analysed with the --view and --exercise options.
	{"birddog-rear-left", nil, analysis.Options{View: stretchwise.ViewLeft, Exercise: stretchwise.ExerciseHalfKneeling}},
}

// small rounds landmarks to 1e-3 (0.7 px at 720p, well below the noise)
// and drops the world landmarks, so the committed files stay small; they
// are also stored gzipped.
func small(rec *stretchwise.Recording) {
	r := func(x float64) float64 { return math.Round(x*1e3) / 1e3 }
	for i := range rec.Frames {
		f := &rec.Frames[i]
		f.HasWorld, f.World = false, stretchwise.Pose{}
		for k := range f.Image {
			l := &f.Image[k]
			l.X, l.Y, l.Z, l.Visibility = r(l.X), r(l.Y), r(l.Z), math.Min(1, math.Max(0, r(l.Visibility)))
		}
	}
}

func readRecording(t testing.TB, name string) *stretchwise.Recording {
	t.Helper()
	return analysistest.ReadGzip(t, filepath.Join("testdata", name+".jsonl.gz"), recording.DefaultLimits)
}

// TestGolden analyses the committed recordings and compares the text and
// JSON reports with the golden files (refresh with -update; regenerate the
// recordings with -regen).
func TestGolden(t *testing.T) {
	if *regen {
		for i, c := range goldenCases {
			if c.make == nil {
				continue
			}
			rec := c.make(rand.New(rand.NewPCG(11, uint64(i))))
			small(rec)
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			if err := recording.Write(zw, rec); err != nil {
				t.Fatal(err)
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join("testdata", c.name+".jsonl.gz"), b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range goldenCases {
		name := c.name
		if c.opt.View != "" || c.opt.Exercise != "" {
			name += "-as-" + string(c.opt.Exercise) + "-" + string(c.opt.View)
		}
		t.Run(name, func(t *testing.T) {
			rec := readRecording(t, c.name)
			r, err := analysis.Analyze(rec, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			var text bytes.Buffer
			if err := analysis.WriteText(&text, r); err != nil {
				t.Fatal(err)
			}
			js, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			js = append(js, '\n')
			// The report is deterministic: a second run gives the same bytes.
			r2, err := analysis.Analyze(rec, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			if js2, _ := json.MarshalIndent(r2, "", "  "); !bytes.Equal(js2, js[:len(js)-1]) {
				t.Errorf("two analyses of the same recording differ")
			}
			golden.Check(t, filepath.Join("testdata", name+".txt"), text.Bytes())
			golden.Check(t, filepath.Join("testdata", name+".json"), js)
		})
	}
}
