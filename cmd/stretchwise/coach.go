package main

import (
	"context"
	"errors"
)

// coachCommand is a placeholder until its issue lands; it fails loudly.
type coachCommand struct{ Env }

func newCoachCommand(env Env) Command { return &coachCommand{env} }

func (c *coachCommand) Run(ctx context.Context, args []string) error {
	return errors.New("the coach command is not built yet")
}
