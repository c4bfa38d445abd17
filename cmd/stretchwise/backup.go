package main

import (
	"context"
	"errors"
)

// backupCommand is a placeholder until its issue lands; it fails loudly.
type backupCommand struct{ Env }

func newBackupCommand(env Env) Command { return &backupCommand{env} }

func (c *backupCommand) Run(ctx context.Context, args []string) error {
	return errors.New("the backup command is not built yet")
}
