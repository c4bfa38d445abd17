package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/stretchwise/stretchwise"
)

type versionCommand struct{ Env }

func newVersionCommand(env Env) Command { return &versionCommand{env} }

func (c *versionCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Fprintln(c.Stdout, "stretchwise", stretchwise.Version)
	return nil
}
