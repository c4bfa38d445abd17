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

	"golang.org/x/sync/errgroup"

	"github.com/stretchwise/stretchwise"
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
		{Name: "bird-dog", DefaultN: 120, Run: BirdDog},
		{Name: "half-kneeling", DefaultN: 72, Run: Kneel},
		{Name: "thomas-test", DefaultN: 90, Run: Thomas},
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

// caseCamera is the usual camera for view, turned by azimuthJ and raised
// to elevation degrees, with a case's home conditions applied.
func caseCamera(view stretchwise.View, azimuthJ, elevation float64, home homeConditions) synth.Camera {
	cam := synth.CameraFor(view)
	cam.AzimuthDeg += azimuthJ
	cam.ElevationDeg = elevation
	home.camera(&cam)
	return cam
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
