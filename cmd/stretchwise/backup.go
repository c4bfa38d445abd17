package main

import (
	"context"
	"fmt"

	"github.com/stretchwise/stretchwise/sqlite"
)

// backupCommand writes a consistent copy of the SQLite database, also
// while a server is writing to it (VACUUM INTO reads one snapshot).
type backupCommand struct{ Env }

func newBackupCommand(env Env) Command { return &backupCommand{env} }

const backupUsage = `Usage: stretchwise backup [--data DIR] -o FILE

Writes a consistent copy of the SQLite database, also while serving.
To restore, stop the server and put the copy in place as DIR/` + sqlite.FileName + `.
`

func (c *backupCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("backup", c.Stderr, backupUsage)
	dataDir := fs.String("data", "data", "data `DIR` of the server (holds "+sqlite.FileName+")")
	out := fs.String("o", "", "write the copy to `FILE` (replaced atomically when it exists)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return usageError("stretchwise backup [--data DIR] -o FILE")
	}
	if err := sqlite.Backup(ctx, *dataDir, *out); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "backup of %s written to %s\n", sqlite.Path(*dataDir), *out)
	return nil
}
