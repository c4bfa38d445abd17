package main

import (
	"context"
	"errors"
)

// analyzeCommand is a placeholder until its issue lands; it fails loudly.
type analyzeCommand struct{ Env }

func newAnalyzeCommand(env Env) Command { return &analyzeCommand{env} }

func (c *analyzeCommand) Run(ctx context.Context, args []string) error {
	return errors.New("the analyze command is not built yet")
}
