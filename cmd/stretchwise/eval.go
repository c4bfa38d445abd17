package main

import (
	"context"
	"fmt"
	"sort"
)

// evalCommand runs a synthetic evaluation battery through the real analysis
// path. Each battery lives in its own file (eval_birddog.go, eval_hips.go).
type evalCommand struct{ Env }

func newEvalCommand(env Env) Command { return &evalCommand{env} }

// evalBatteries maps a battery name to its runner.
func (c *evalCommand) batteries() map[string]func(ctx context.Context, args []string) error {
	return map[string]func(ctx context.Context, args []string) error{
		"bird-dog":      c.evalBirdDog,
		"thomas-test":   c.evalThomas,
		"half-kneeling": c.evalKneel,
	}
}

func (c *evalCommand) Run(ctx context.Context, args []string) error {
	bs := c.batteries()
	names := make([]string, 0, len(bs))
	for n := range bs {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 {
		return usageError("stretchwise eval BATTERY [flags]; batteries: %v", names)
	}
	run, ok := bs[args[0]]
	if !ok {
		return usageError("unknown battery %q; batteries: %v", args[0], names)
	}
	if err := run(ctx, args[1:]); err != nil {
		return fmt.Errorf("eval %s: %w", args[0], err)
	}
	return nil
}
