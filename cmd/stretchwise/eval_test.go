package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestEvalHomeConditions runs every battery under home conditions, small,
// and checks that the tables by condition are printed and that a wrong
// --conditions is a usage error.
func TestEvalHomeConditions(t *testing.T) {
	for _, args := range [][]string{
		{"eval", "bird-dog", "--n", "6", "--conditions", "home"},
		{"eval", "thomas-test", "-n", "2", "--conditions", "home"},
		{"eval", "half-kneeling", "-n", "2", "--conditions", "home"},
	} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), args, Env{Stdout: &out, Stderr: &errb}); code != 0 {
			t.Fatalf("%v: exit %d, stderr %s", args, code, errb.String())
		}
		for _, want := range []string{"home conditions: camera 0-50 deg", "camera 35-50 deg up", "loose clothing"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%v: output lacks %q:\n%s", args, want, out.String())
			}
		}
		bad := append(args[:len(args)-1:len(args)-1], "garden")
		if code := run(context.Background(), bad, Env{Stdout: &out, Stderr: &errb}); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

// TestEvalBirdDogCommand runs the command as a user would, on a tiny
// battery.
func TestEvalBirdDogCommand(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"eval", "bird-dog", "--n", "6", "--seed", "3"}, Env{Stdout: &out, Stderr: &errb})
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errb.String())
	}
	for _, want := range []string{"--n 6 --seed 3", "| view | sides |", "Confusion"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if code := run(context.Background(), []string{"eval", "bird-dog", "--n", "0"}, Env{Stdout: &out, Stderr: &errb}); code != 2 {
		t.Errorf("--n 0: exit %d, want 2", code)
	}
}
