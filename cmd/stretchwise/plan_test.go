package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise/internal/golden"
)

// planData holds the plan package's example intakes and reports, which
// this test reads; the command's output is compared with its own golden
// files in testdata/plan.
const planData = "../../plan/testdata"

func runPlan(t *testing.T, args ...string) (stdout, stderr string, code int) {
	code, stdout, stderr = runCmd(t, append([]string{"plan"}, args...)...)
	return stdout, stderr, code
}

func td(name string) string { return filepath.Join(planData, name) }

// TestPlanGolden runs the plan command on the example files and compares
// its JSON and text output with golden files (refresh with go test -update).
func TestPlanGolden(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantAction string
	}{
		{"emergency", []string{"--intake", td("intake-emergency.json"), "--screen", td("birddog-stable.json")}, "emergency"},
		{"refer", []string{"--intake", td("intake-refer.json")}, "refer"},
		{"unstable-tight", []string{"--intake", td("intake-ok.json"), "--screen", td("birddog-unstable.json"), td("thomas-tight-left.json")}, "exercise"},
		{"stable-normal", []string{"--intake", td("intake-ok.json"), "--screen", td("birddog-stable.json"), "--screen", td("thomas-normal-right.json")}, "exercise"},
		// Reports written by 'stretchwise analyze --json' on synthetic
		// recordings (synth package, low noise, seed 1), with every
		// optional field the analysis adds.
		{"analyze-unstable", []string{"--intake", td("intake-ok.json"), "--screen", td("analyze-birddog-unstable.json"), td("analyze-thomas-inconclusive.json")}, "exercise"},
		{"analyze-side-view", []string{"--intake", td("intake-ok.json"), "--screen", td("analyze-birddog-side-view.json")}, "exercise"},
		{"inconclusive-medium", []string{"--intake", td("intake-medium.json"), "--screen", td("birddog-inconclusive.json"), "--screen", td("thomas-tight-left.json"), "--screen", td("kneel-faults.json")}, "exercise"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mode := range []string{"json", "txt"} {
				args := tt.args
				if mode == "json" {
					args = append([]string{"--json"}, args...)
				}
				out, errs, code := runPlan(t, args...)
				if code != 0 {
					t.Fatalf("exit %d, stderr %s", code, errs)
				}
				if mode == "json" {
					checkContract(t, out, tt.wantAction)
				}
				golden.Check(t, filepath.Join("testdata", "plan", tt.name+"."+mode), []byte(out))
			}
		})
	}
}

// checkContract checks the JSON fields outside tools rely on.
func checkContract(t *testing.T, out, wantAction string) {
	t.Helper()
	var p struct {
		Action    *string   `json:"action"`
		Reasons   *[]string `json:"reasons"`
		StartBack *struct {
			Score, Distress *int
			Risk            *string
		} `json:"start_back"`
		ODI *struct {
			Percent *float64
			Band    *string
		} `json:"odi"`
		Do *[]struct {
			Exercise *string         `json:"exercise"`
			Dose     *map[string]any `json:"dose"`
			Reasons  *[]string       `json:"reasons"`
		} `json:"do"`
		Avoid *[]struct {
			Exercise *string   `json:"exercise"`
			Reasons  *[]string `json:"reasons"`
		} `json:"avoid"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	switch {
	case p.Action == nil || *p.Action != wantAction:
		t.Errorf("action = %v, want %q", p.Action, wantAction)
	case p.Reasons == nil || len(*p.Reasons) == 0:
		t.Errorf("reasons missing or empty")
	case p.StartBack == nil || p.StartBack.Score == nil || p.StartBack.Distress == nil || p.StartBack.Risk == nil:
		t.Errorf("start_back{score,distress,risk} incomplete")
	case p.ODI == nil || p.ODI.Percent == nil || p.ODI.Band == nil:
		t.Errorf("odi{percent,band} incomplete")
	case p.Do == nil || p.Avoid == nil:
		t.Errorf("do or avoid missing (want [] when empty)")
	}
	if p.Do != nil {
		for i, d := range *p.Do {
			if d.Exercise == nil || d.Dose == nil || d.Reasons == nil || len(*d.Reasons) == 0 {
				t.Errorf("do[%d] lacks exercise, dose or reasons", i)
			}
		}
	}
	if p.Avoid != nil {
		for i, a := range *p.Avoid {
			if a.Exercise == nil || a.Reasons == nil || len(*a.Reasons) == 0 {
				t.Errorf("avoid[%d] lacks exercise or reasons", i)
			}
		}
	}
}

func TestPlanErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no intake", []string{"--json"}, 2, "--intake FILE is required"},
		{"missing file", []string{"--intake", filepath.Join(dir, "nope.json")}, 1, "read intake"},
		{"unknown red flag", []string{"--json", "--intake", td("bad-unknown-flag.json")}, 1, `red_flags[1]: unknown red-flag code "headache"`},
		{"malformed intake", []string{"--intake", write("m.json", `{"age":`)}, 1, "not a JSON object"},
		{"wrong count", []string{"--intake", write("c.json", `{"age":40,"red_flags":[],"start_back":[0,0,0],"odi":[0,0,0,0,0,0,0,0,0,0],"nprs":0}`)}, 1, "start_back: got 3 answers, want 9"},
		{"out of range", []string{"--intake", write("r.json", `{"age":40,"red_flags":[],"start_back":[0,0,0,0,0,0,0,0,0],"odi":[0,0,0,0,0,0,0,0,0,9],"nprs":0}`)}, 1, "odi[9]: answer 9 is outside 0..5"},
		{"bad screen verdict", []string{"--intake", td("intake-ok.json"), "--screen", td("bad-verdict.json")}, 1, `bad-verdict.json: report: verdict: "tight" is not a bird-dog verdict`},
		{"malformed screen", []string{"--intake", td("intake-ok.json"), "--screen", write("s.json", `{"exercise":"bird-dog",`)}, 1, "s.json: report: not a JSON report"},
		{"unknown flag", []string{"--intake", td("intake-ok.json"), "--frobnicate"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, code := runPlan(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.wantCode, errs)
			}
			if !strings.Contains(errs, tt.wantErr) {
				t.Errorf("stderr = %q, want it to contain %q", errs, tt.wantErr)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing on error", out)
			}
		})
	}
}

// TestPlanFlagsAfterScreens checks --json may follow a list of screen files.
func TestPlanFlagsAfterScreens(t *testing.T) {
	out, errs, code := runPlan(t, "--intake", td("intake-ok.json"), "--screen", td("birddog-stable.json"), td("thomas-tight-left.json"), "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var p struct {
		Do []struct{ Exercise string } `json:"do"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("not JSON (was --json honoured?): %v", err)
	}
	var ids []string
	for _, d := range p.Do {
		ids = append(ids, d.Exercise)
	}
	got := strings.Join(ids, ",")
	for _, want := range []string{"half-kneeling-hip-flexor", "supine-lumbar-rotation"} {
		if !strings.Contains(got, want) {
			t.Errorf("do = %s, want it to include %s (both screens read)", got, want)
		}
	}
}
