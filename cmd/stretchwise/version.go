package main

import (
	"context"
	"fmt"

	"github.com/stretchwise/stretchwise"
)

type versionCommand struct{ Env }

func newVersionCommand(env Env) Command { return &versionCommand{env} }

func (c *versionCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("version", c.Stderr, "Usage: stretchwise version\n")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(c.Stdout, "stretchwise", stretchwise.Version)
	return nil
}
