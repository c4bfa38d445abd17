package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/coach"
	"github.com/stretchwise/stretchwise/recording"
)

// coachCommand replays a recording through the live half-kneeling coach
// (package coach, the code the browser runs) and prints the cue timeline.
type coachCommand struct{ Env }

func newCoachCommand(env Env) Command { return &coachCommand{env} }

const coachUsage = `Usage: stretchwise coach --replay FILE [--json] [--target SECONDS]

Replays a half-kneeling hip flexor stretch or a bird-dog recording (by the exercise in its
header) through the live coach, frame by frame, and prints what it would have said and
when: the time, the state (getting into position, holding, fault, released), the
good-form hold time and the cue.

Flags:
`

func (c *coachCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("coach", c.Stderr, coachUsage)
	replay := fs.String("replay", "", "replay the recording `FILE` (JSON Lines; - for standard input) through the live coach")
	asJSON := fs.Bool("json", false, "print the timeline as JSON")
	target := fs.Float64("target", 0, "good-form hold to count toward, seconds (default: 30 s for the half-kneeling stretch, Bandy 1997; 8 s for the bird dog, holds of 5-10 s)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *replay == "":
		return usageError("want --replay FILE; see stretchwise coach -h")
	case fs.NArg() > 0:
		return usageError("unexpected arguments %v", fs.Args())
	case flagSet(fs, "target") && !(*target > 0 && *target <= 3600):
		return usageError("--target must be in (0, 3600] seconds, got %g", *target)
	}
	var r io.Reader = c.Stdin
	if *replay != "-" {
		f, err := os.Open(*replay)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	rec, err := recording.Read(r, recording.DefaultLimits)
	if err != nil {
		return fmt.Errorf("%s: %s", *replay, message(err))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	rules, ok := coach.For(rec.Header.Exercise)
	if !ok {
		rules, _ = coach.For(stretchwise.ExerciseHalfKneeling)
	}
	tl := rules.ReplayRecording(rec, *target)
	if *asJSON {
		return writeJSON(c.Stdout, roundTimeline(tl))
	}
	return writeTimeline(c.Stdout, tl, rules)
}

// roundTimeline rounds times to a millisecond so that output is the same
// on every platform.
func roundTimeline(tl coach.Timeline) coach.Timeline {
	r := func(x float64) float64 { return math.Round(x*1000) / 1000 }
	tl.HoldS, tl.BestS = r(tl.HoldS), r(tl.BestS)
	for i := range tl.Events {
		tl.Events[i].T, tl.Events[i].HoldS = r(tl.Events[i].T), r(tl.Events[i].HoldS)
	}
	for i := range tl.Faults {
		tl.Faults[i].StartS, tl.Faults[i].EndS = r(tl.Faults[i].StartS), r(tl.Faults[i].EndS)
	}
	return tl
}

// writeTimeline prints the timeline of the coach r as text, one event per
// line.
func writeTimeline(w io.Writer, tl coach.Timeline, r coach.Rules) error {
	side := string(tl.Side)
	if side == "" {
		side = "not found"
	}
	fmt.Fprintf(w, "Live coach replay: %s, %s %s, target hold %.0f s\n\n", r.Name, r.SideName, side, tl.TargetS)
	fmt.Fprintf(w, "%8s  %-22s %7s  %s\n", "time s", "state", "hold s", "cue")
	for _, e := range tl.Events {
		cue := ""
		if e.Cue != "" {
			cue = fmt.Sprintf("[%s] %s", e.Cue, e.Text)
		}
		fmt.Fprintf(w, "%8.2f  %-22s %7.1f  %s\n", e.T, e.State, e.HoldS, cue)
	}
	fmt.Fprintf(w, "\n%d cues; longest good-form hold %.1f s of %.0f s\n", tl.Cues, tl.BestS, tl.TargetS)
	if len(tl.Faults) > 0 {
		fmt.Fprintf(w, "\nForm faults (the offline report's findings):\n")
	}
	for _, f := range tl.Faults {
		fmt.Fprintf(w, "  %6.2f-%6.2f s  %s (%s)\n", f.StartS, f.EndS, f.Code, f.Side)
	}
	return nil
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
