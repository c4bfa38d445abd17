package main

import (
	"context"
	"errors"
)

// planCommand is a placeholder until its issue lands; it fails loudly.
type planCommand struct{ Env }

func newPlanCommand(env Env) Command { return &planCommand{env} }

func (c *planCommand) Run(ctx context.Context, args []string) error {
	return errors.New("the plan command is not built yet")
}
