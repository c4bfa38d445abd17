package main

import (
	"context"
	"errors"
)

// convertCommand is a placeholder until its issue lands; it fails loudly.
type convertCommand struct{ Env }

func newConvertCommand(env Env) Command { return &convertCommand{env} }

func (c *convertCommand) Run(ctx context.Context, args []string) error {
	return errors.New("the convert command is not built yet")
}
