package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"

	"github.com/stretchwise/stretchwise/eval"
)

// evalCommand runs a synthetic evaluation battery of package eval through
// the real analysis path.
type evalCommand struct{ Env }

func newEvalCommand(env Env) Command { return &evalCommand{env} }

func (c *evalCommand) Run(ctx context.Context, args []string) error {
	bs := eval.Batteries()
	names := make([]string, len(bs))
	for i, b := range bs {
		names[i] = b.Name
	}
	if len(args) == 0 {
		return usageError("stretchwise eval BATTERY [flags]; batteries: %v", names)
	}
	var b *eval.Battery
	for i := range bs {
		if bs[i].Name == args[0] {
			b = &bs[i]
		}
	}
	if b == nil {
		return usageError("unknown battery %q; batteries: %v", args[0], names)
	}
	fs := newFlagSet("eval "+b.Name, c.Stderr, fmt.Sprintf("Usage: stretchwise eval %s [flags]\n\nRuns the %s battery of synthetic recordings through the real analysis and prints its tables.\n\nFlags:\n", b.Name, b.Name))
	var o eval.Options
	fs.IntVar(&o.N, "n", b.DefaultN, "number of synthetic recordings (views and noise levels cycle through them)")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed: the same seed gives the same battery")
	fs.IntVar(&o.Workers, "workers", runtime.GOMAXPROCS(0), "recordings analysed at once")
	fs.BoolVar(&o.Verbose, "v", false, "print one line per case (bird dog: per side)")
	fs.StringVar(&o.Conditions, "conditions", eval.ConditionsStudio, "studio (cameras 5-20 deg up) or home (0-50 deg, wide-angle lenses, limbs out of the picture, furniture, loose clothing, pauses or a switch of exercise)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	err := b.Run(ctx, c.Stdout, o)
	if errors.Is(err, eval.ErrOptions) {
		return usageError("eval %s: %v", b.Name, err)
	}
	if err != nil {
		return fmt.Errorf("eval %s: %w", b.Name, err)
	}
	return nil
}
