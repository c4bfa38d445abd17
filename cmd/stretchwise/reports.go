package main

import (
	"context"
	"errors"
)

// reportsCommand is a placeholder until its issue lands; it fails loudly.
type reportsCommand struct{ Env }

func newReportsCommand(env Env) Command { return &reportsCommand{env} }

func (c *reportsCommand) Run(ctx context.Context, args []string) error {
	return errors.New("the reports command is not built yet")
}
