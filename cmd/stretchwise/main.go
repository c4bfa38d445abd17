// Command stretchwise is the one binary of the project: the server, the
// analysis CLI and the research tools, as subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/stretchwise/stretchwise"
)

// Env is what every subcommand gets from main: its standard streams. There is
// no global configuration; flags and these streams are all a command sees.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Command is one subcommand. Run parses args with its own flag.FlagSet.
type Command interface {
	Run(ctx context.Context, args []string) error
}

// command describes a subcommand for the dispatcher and the help text.
type command struct {
	synopsis string
	new      func(Env) Command
}

// commands is the table of subcommands. Each lives in its own file.
func commands() map[string]command {
	return map[string]command{
		"analyze": {"analyze a recording (or a video) and print its report", newAnalyzeCommand},
		"convert": {"convert landmark files between formats (OpenPose, MediaPipe JSON, CSV, TRC)", newConvertCommand},
		"synth":   {"write synthetic recordings with their ground truth", newSynthCommand},
		"eval":    {"run a synthetic evaluation battery through the real analysis", newEvalCommand},
		"coach":   {"replay a recording through the live coach and print its cues", newCoachCommand},
		"plan":    {"build the explained exercise plan from intake and screening reports", newPlanCommand},
		"serve":   {"run the web app and JSON API", newServeCommand},
		"backup":  {"write a consistent copy of the SQLite database, also while serving", newBackupCommand},
		"extract": {"turn a video file into a recording with headless Chromium", newExtractCommand},
		"reports": {"list and export the issue reports people filed", newReportsCommand},
		"users":   {"make a new one-time recovery code for an account (no e-mail needed)", newUsersCommand},
		"version": {"print the version", newVersionCommand},
	}
}

// errUsage marks an error in the command line; main exits 2 for it.
var errUsage = errors.New("usage")

// usageError wraps a message so that main prints it and exits 2.
func usageError(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	stop()
	os.Exit(code)
}

// run dispatches args to a subcommand and returns the process exit code.
func run(ctx context.Context, args []string, env Env) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(env.Stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "stretchwise: unknown command %q\n\n", args[0])
		printUsage(env.Stderr, cmds)
		return 2
	}
	err := c.new(env).Run(ctx, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(env.Stderr, "stretchwise %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(env.Stderr, "stretchwise %s: %v\n", args[0], err)
		return 1
	}
}

func printUsage(w io.Writer, cmds map[string]command) {
	fmt.Fprintf(w, "stretchwise %s: a self-hosted coach for people whose back hurts after stretching\n\n", stretchwise.Version)
	fmt.Fprintln(w, "Usage: stretchwise COMMAND [flags] [args]")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].synopsis)
	}
	fmt.Fprintln(w, "\nRun 'stretchwise COMMAND -h' for a command's flags.")
}
