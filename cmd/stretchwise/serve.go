package main

import (
	"context"
	"errors"
)

// serveCommand is a placeholder until its issue lands; it fails loudly.
type serveCommand struct{ Env }

func newServeCommand(env Env) Command { return &serveCommand{env} }

func (c *serveCommand) Run(ctx context.Context, args []string) error {
	return errors.New("the serve command is not built yet")
}
