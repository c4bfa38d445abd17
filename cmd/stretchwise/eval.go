package main

import (
	"context"
	"errors"
)

// evalCommand is a placeholder until its issue lands; it fails loudly.
type evalCommand struct{ Env }

func newEvalCommand(env Env) Command { return &evalCommand{env} }

func (c *evalCommand) Run(ctx context.Context, args []string) error {
	return errors.New("the eval command is not built yet")
}
