package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise/coach"
)

// runCmd runs one subcommand in-process.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	return runCLI(context.Background(), args...)
}

func TestCoachReplay(t *testing.T) {
	dir := t.TempDir()
	rec := filepath.Join(dir, "kneel.jsonl")
	if code, _, errs := runCmd(t, "synth", "--exercise", "half-kneeling-hip-flexor", "--view", "left", "--noise", "low",
		"--fault", "trunk_lean_back=18@14-22", "--seed", "3", "-o", rec); code != 0 {
		t.Fatalf("synth exit %d: %s", code, errs)
	}
	code, out, errs := runCmd(t, "coach", "--replay", rec)
	if code != 0 {
		t.Fatalf("coach exit %d: %s", code, errs)
	}
	for _, want := range []string{"Live coach replay", "holding", "[tuck_tailbone] Don't arch your low back: tuck your tailbone", "[good_form]"} {
		if !strings.Contains(out, want) {
			t.Errorf("text timeline lacks %q:\n%s", want, out)
		}
	}
	code, out, errs = runCmd(t, "coach", "--replay", rec, "--json")
	if code != 0 {
		t.Fatalf("coach --json exit %d: %s", code, errs)
	}
	var tl coach.Timeline
	if err := json.Unmarshal([]byte(out), &tl); err != nil {
		t.Fatalf("coach --json: %v\n%s", err, out)
	}
	found := false
	for _, e := range tl.Events {
		if e.Cue == "tuck_tailbone" && e.T >= 14 && e.T <= 17 {
			found = true
		}
	}
	if !found || tl.Side != "left" || tl.Cues == 0 {
		t.Errorf("timeline side %q, %d cues, tuck_tailbone in 14-17 s: %v; events %+v", tl.Side, tl.Cues, found, tl.Events)
	}
}

func TestCoachCommandErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"format\":\"nope\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"coach"}, 2},
		{[]string{"coach", "--replay", bad}, 1},
		{[]string{"coach", "--replay", filepath.Join(dir, "missing.jsonl")}, 1},
		{[]string{"coach", "--replay", bad, "--target", "0"}, 2},
		{[]string{"coach", "--replay", bad, "extra"}, 2},
	}
	for _, tc := range tests {
		if code, _, errs := runCmd(t, tc.args...); code != tc.code || errs == "" {
			t.Errorf("%v: exit %d (stderr %q), want %d with a message", tc.args, code, errs, tc.code)
		}
	}
}

// TestEvalHipBatteries runs tiny batteries end to end: they must finish and
// print their tables.
func TestEvalHipBatteries(t *testing.T) {
	if testing.Short() {
		t.Skip("runs synthetic recordings through the analysis")
	}
	tests := []struct {
		battery string
		want    []string
	}{
		{"thomas-test", []string{"verdict agreement", "hip angle error", "confusion"}},
		{"half-kneeling", []string{"within 0.5 s of onset", "false fault cues", "trunk_from_vertical_deg"}},
	}
	for _, tc := range tests {
		code, out, errs := runCmd(t, "eval", tc.battery, "-n", "2")
		if code != 0 {
			t.Fatalf("eval %s exit %d: %s", tc.battery, code, errs)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("eval %s output lacks %q:\n%s", tc.battery, w, out)
			}
		}
	}
}
