package main

import (
	"context"
	"errors"
)

// synthCommand is a placeholder until its issue lands; it fails loudly.
type synthCommand struct{ Env }

func newSynthCommand(env Env) Command { return &synthCommand{env} }

func (c *synthCommand) Run(ctx context.Context, args []string) error {
	return errors.New("the synth command is not built yet")
}
