package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/synth"
)

// runSynth runs the synth command in-process.
func runSynth(t *testing.T, args ...string) (code int, stdout, stderr string) {
	return runCmd(t, append([]string{"synth"}, args...)...)
}

func TestSynthWritesRecordingAndTruth(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args         []string
		wantView     stretchwise.View
		wantExercise stretchwise.Exercise
		wantFaults   int
	}{
		{[]string{"--exercise", "bird-dog", "--view", "rear-left", "--noise", "mediapipe", "--fault", "pelvic_roll=12:left"},
			stretchwise.ViewRearLeft, stretchwise.ExerciseBirdDog, 2},
		{[]string{"--exercise", "thomas-test", "--side", "right", "--set", "right_thigh_deg=10", "--noise", "none"},
			stretchwise.ViewLeft, stretchwise.ExerciseThomasTest, 0},
		{[]string{"--exercise", "half-kneeling-hip-flexor", "--view", "right", "--fault", "trunk_lean_back=10@12-15", "--duration", "30"},
			stretchwise.ViewRight, stretchwise.ExerciseHalfKneeling, 1},
		{[]string{"--exercise", "bird-dog", "--no-view", "--no-exercise", "--noise", "low"}, "", "", 0},
	}
	for i, c := range cases {
		rec := filepath.Join(dir, "r.jsonl")
		tr := filepath.Join(dir, "r.truth.json")
		code, _, stderr := runSynth(t, append(c.args, "-o", rec, "--truth", tr)...)
		if code != 0 {
			t.Fatalf("case %d: exit %d: %s", i, code, stderr)
		}
		f, err := os.Open(rec)
		if err != nil {
			t.Fatal(err)
		}
		r, err := recording.Read(f, recording.Limits{})
		f.Close()
		if err != nil {
			t.Fatalf("case %d: the written recording does not read back: %v", i, err)
		}
		if r.Header.View != c.wantView || r.Header.Exercise != c.wantExercise {
			t.Errorf("case %d: header view %q exercise %q, want %q %q", i, r.Header.View, r.Header.Exercise, c.wantView, c.wantExercise)
		}
		js, err := os.ReadFile(tr)
		if err != nil {
			t.Fatal(err)
		}
		var truth synth.Truth
		if err := json.Unmarshal(js, &truth); err != nil {
			t.Fatalf("case %d: truth: %v", i, err)
		}
		if len(truth.Frames) != len(r.Frames) || len(truth.Faults) != c.wantFaults {
			t.Errorf("case %d: truth has %d frames and %d faults, want %d and %d", i, len(truth.Frames), len(truth.Faults), len(r.Frames), c.wantFaults)
		}
	}
}

func TestSynthIsDeterministic(t *testing.T) {
	args := []string{"--exercise", "bird-dog", "--noise", "high", "--seed", "9", "--duration", "15", "-o", "-"}
	_, a, _ := runSynth(t, args...)
	_, b, _ := runSynth(t, args...)
	_, c, _ := runSynth(t, append(args[:len(args)-2:len(args)-2], "--seed", "10", "-o", "-")...)
	if a == "" || a != b {
		t.Error("the same seed gave different recordings")
	}
	if a == c {
		t.Error("different seeds gave the same recording")
	}
}

func TestSynthBadArguments(t *testing.T) {
	for _, args := range [][]string{
		{"--exercise", "bird-dog"}, // no -o
		{"--exercise", "squat", "-o", "x"},
		{"--exercise", "bird-dog", "--view", "unknown", "-o", "x"},
		{"--exercise", "bird-dog", "--noise", "loud", "-o", "x"},
		{"--exercise", "bird-dog", "--fault", "wobble=3", "-o", "x"},
		{"--exercise", "bird-dog", "--fault", "pelvic_roll=99", "-o", "x"},
		{"--exercise", "bird-dog", "--fault", "pelvic_roll=5@8-3", "-o", "x"},
		{"--exercise", "bird-dog", "--set", "knee_deg=3", "-o", "x"},
		{"--exercise", "half-kneeling-hip-flexor", "--set", "hold_s=-4", "-o", "x"},
		{"--exercise", "thomas-test", "--side", "middle", "-o", "x"},
		{"--exercise", "bird-dog", "--fps", "0", "-o", "x"},
	} {
		code, _, stderr := runSynth(t, args...)
		if code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}
}

func TestParseFault(t *testing.T) {
	cases := []struct {
		in   string
		want synth.FaultSpec
		ok   bool
	}{
		{"pelvic_roll=12", synth.FaultSpec{Name: "pelvic_roll", Value: 12}, true},
		{"hip_drop=-2.5:right", synth.FaultSpec{Name: "hip_drop", Value: -2.5, Side: stretchwise.SideRight}, true},
		{"trunk_lean_back=10@12-15", synth.FaultSpec{Name: "trunk_lean_back", Value: 10, StartS: 12, EndS: 15}, true},
		{"front_knee=-20@1.5-4:left", synth.FaultSpec{Name: "front_knee", Value: -20, StartS: 1.5, EndS: 4, Side: stretchwise.SideLeft}, true},
		{"pelvic_roll", synth.FaultSpec{}, false},
		{"=3", synth.FaultSpec{}, false},
		{"pelvic_roll=NaN", synth.FaultSpec{}, false},
		{"pelvic_roll=3:up", synth.FaultSpec{}, false},
		{"pelvic_roll=3@4", synth.FaultSpec{}, false},
	}
	for _, c := range cases {
		got, err := parseFault(c.in)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("parseFault(%q) = %+v, %v; want %+v ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

// FuzzParseFault checks that any --fault text gives a fault or an error,
// never a panic, and that what parses has a name and a finite value.
func FuzzParseFault(f *testing.F) {
	for _, s := range []string{"pelvic_roll=12", "hip_drop=-2.5:right", "trunk_lean_back=10@12-15",
		"front_knee=-20@1.5-4:left", "=", "a=1@", "a=1@-", "a=1:", "a=@1-2:left", "a=1e308@0-1e308"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseFault(s)
		if err != nil {
			return
		}
		if got.Name == "" || math.IsNaN(got.Value) || math.IsInf(got.Value, 0) || got.EndS < got.StartS {
			t.Errorf("parseFault(%q) = %+v", s, got)
		}
	})
}
