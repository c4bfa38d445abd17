// Package eval runs the synthetic evaluation batteries: recordings of the
// synthetic body with known angles and faults injected at known times,
// written as recordings, read back and run through the same analysis and
// live coach the product uses, and the tables that compare them with the
// truth. `stretchwise eval BATTERY` is a thin command over Batteries;
// docs/validation-birddog.md and docs/validation-hips.md have the results.
package eval

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/synth"
)

// Options are the settings of one run of a battery.
type Options struct {
	N          int    // number of synthetic recordings, at least 1
	Seed       uint64 // the same seed gives the same battery
	Workers    int    // recordings analysed at once, at least 1
	Verbose    bool   // also print one line per case (bird dog: per side)
	Conditions string // ConditionsStudio or ConditionsHome
}

// ErrOptions marks an error in a battery's Options.
var ErrOptions = errors.New("bad battery options")

// check validates the options.
func (o Options) check() error {
	if o.N < 1 || o.Workers < 1 {
		return fmt.Errorf("%w: -n and -workers must be at least 1", ErrOptions)
	}
	if o.Conditions != ConditionsStudio && o.Conditions != ConditionsHome {
		return fmt.Errorf("%w: --conditions %q: want %s or %s", ErrOptions, o.Conditions, ConditionsStudio, ConditionsHome)
	}
	return nil
}

// Battery is one evaluation battery.
type Battery struct {
	Name     string // the command's argument, e.g. "bird-dog"
	DefaultN int    // the number of recordings the documented results use
	// Run runs the battery and writes its tables to w.
	Run func(ctx context.Context, w io.Writer, o Options) error
}

// Batteries are the batteries, by name.
func Batteries() []Battery {
	return []Battery{
		{Name: "bird-dog", DefaultN: 120, Run: battery(birdDogCases, runBirdDogCase, birdDogTables)},
		{Name: "half-kneeling", DefaultN: 72, Run: battery(kneelCases, runKneelCase, kneelTables)},
		{Name: "thomas-test", DefaultN: 90, Run: battery(thomasCases, runThomasCase, thomasTables)},
	}
}

// home returns a case's home conditions and camera elevation: drawn from
// its seed under home conditions, else none and the studio elevation.
func (o Options) home(seed uint64, elevation float64) (homeConditions, float64) {
	if o.Conditions != ConditionsHome {
		return homeConditions{}, elevation
	}
	h := drawHome(seed)
	return h, h.elevation
}

// runAll runs run on every case on at most workers goroutines and returns
// the results in case order; the first error stops the cases not yet
// started and is returned.
func runAll[C, R any](ctx context.Context, cases []C, workers int, run func(C) (R, error)) ([]R, error) {
	res := make([]R, len(cases))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(workers, 1))
	for i := range cases {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			var err error
			res[i], err = run(cases[i])
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return res, nil
}

// scene is what a case of every battery has: its place in the battery,
// the view, the noise preset, the seed of its body and noise, and where the
// camera stands.
type scene struct {
	idx       int
	view      stretchwise.View
	noise     string // a synth.NoisePresets name
	seed      uint64
	azimuthJ  float64        // camera azimuth jitter, deg
	elevation float64        // camera elevation, deg
	home      homeConditions // --conditions home
}

func (s *scene) base() *scene { return s }

// drawCamera places the camera up to 10 deg off its nominal azimuth and
// 5-20 deg above the body.
func (s *scene) drawCamera(rng *rand.Rand) {
	s.azimuthJ = 20*rng.Float64() - 10
	s.elevation = 5 + 15*rng.Float64()
}

// camera is the usual camera for the view, turned by azimuthJ and raised
// to elevation degrees, with the home conditions applied.
func (s *scene) camera() synth.Camera {
	cam := synth.CameraFor(s.view)
	cam.AzimuthDeg += s.azimuthJ
	cam.ElevationDeg = s.elevation
	s.home.camera(&cam)
	return cam
}

// render renders m on a random body drawn from rng through the scene's
// camera and noise (render).
func (s *scene) render(m *synth.Motion, rng *rand.Rand) (*stretchwise.Recording, *synth.Truth, error) {
	body := synth.RandomBody(rng)
	noise, ok := synth.NoisePresets[s.noise]
	if !ok {
		return nil, nil, fmt.Errorf("unknown noise %q", s.noise)
	}
	return render(m, body, s.camera(), s.home.noise(noise), rng)
}

// analyse renders m as render does and analyses the recording read back
// with the options the server uses.
func (s *scene) analyse(m *synth.Motion, rng *rand.Rand) (*stretchwise.Report, *synth.Truth, error) {
	back, truth, err := s.render(m, rng)
	if err != nil {
		return nil, nil, err
	}
	rep, err := analysis.Analyze(back, analysis.DefaultOptions)
	if err != nil {
		return nil, nil, fmt.Errorf("analyze: %w", err)
	}
	return rep, truth, nil
}

// battery is the Run of a battery: it checks o, draws o.N cases from
// o.Seed, sets their home conditions, runs them (runAll) and writes their
// tables, given the time the run took.
func battery[C any, PC interface {
	*C
	base() *scene
}, R any](draw func(n int, seed uint64) []C, run func(C) (R, error), tables func(w io.Writer, o Options, res []R, took time.Duration)) func(context.Context, io.Writer, Options) error {
	return func(ctx context.Context, w io.Writer, o Options) error {
		if err := o.check(); err != nil {
			return err
		}
		start := time.Now()
		cases := draw(o.N, o.Seed)
		for i := range cases {
			s := PC(&cases[i]).base()
			s.home, s.elevation = o.home(s.seed, s.elevation)
		}
		res, err := runAll(ctx, cases, o.Workers, run)
		if err != nil {
			return err
		}
		tables(w, o, res, time.Since(start))
		return nil
	}
}

// render renders m on body through cam with noise at 30 fps and returns
// the recording as written and read back, the real path, with its truth.
func render(m *synth.Motion, body synth.Body, cam synth.Camera, noise synth.Noise, rng *rand.Rand) (*stretchwise.Recording, *synth.Truth, error) {
	if err := synth.Check(m, body, cam, noise, 30); err != nil {
		return nil, nil, err
	}
	rec, truth := synth.Generate(m, body, cam, noise, 30, rng)
	back, err := writeReadBack(rec)
	return back, truth, err
}

// writeReadBack writes rec as JSON Lines and reads it back, so a battery
// goes through the real file format.
func writeReadBack(rec *stretchwise.Recording) (*stretchwise.Recording, error) {
	var buf bytes.Buffer
	if err := recording.Write(&buf, rec); err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	back, err := recording.Read(&buf, recording.Limits{})
	if err != nil {
		return nil, fmt.Errorf("read back: %w", err)
	}
	return back, nil
}
