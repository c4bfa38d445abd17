package main

import (
	"context"
	"errors"
)

// extractCommand is a placeholder until its issue lands; it fails loudly.
type extractCommand struct{ Env }

func newExtractCommand(env Env) Command { return &extractCommand{env} }

func (c *extractCommand) Run(ctx context.Context, args []string) error {
	return errors.New("the extract command is not built yet")
}
