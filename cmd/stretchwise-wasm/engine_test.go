package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	sw "github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/filter"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/synth"
)

// recordings returns synthetic recordings of every screening test from the
// views they need, with MediaPipe-like noise (seeded), as JSON Lines.
func recordings(t *testing.T) map[string]string {
	t.Helper()
	cases := []struct {
		name string
		m    *synth.Motion
		view sw.View
	}{
		{"birddog-stable-rear-left", synth.BirdDog(synth.BirdDogParams{}), sw.ViewRearLeft},
		{"birddog-pelvic-roll-rear-right", synth.BirdDog(synth.BirdDogParams{
			Faults: []synth.FaultSpec{{Name: synth.FaultPelvicRoll, Value: 15}},
		}), sw.ViewRearRight},
		{"thomas-left", synth.ThomasTest(synth.ThomasParams{}), sw.ViewLeft},
		{"kneel-right", synth.HalfKneeling(synth.KneelParams{}), sw.ViewRight},
	}
	out := map[string]string{}
	for i, c := range cases {
		if c.m.Err != nil {
			t.Fatalf("%s: %v", c.name, c.m.Err)
		}
		rng := rand.New(rand.NewPCG(uint64(i+1), 7))
		rec, _ := synth.Generate(c.m, synth.AverageBody(), synth.CameraFor(c.view), synth.NoiseMediaPipe, 30, rng)
		var b bytes.Buffer
		if err := recording.Write(&b, rec); err != nil {
			t.Fatalf("%s: write: %v", c.name, err)
		}
		out[c.name] = b.String()
	}
	out["invalid-time"] = `{"format":"stretchwise-recording","version":1,"topology":"blazepose33","width":640,"height":480}` + "\n" +
		`{"t":1,"lm":null}` + "\n" + `{"t":0.5,"lm":null}` + "\n"
	return out
}

func TestAnalyzeTextMatchesAnalysis(t *testing.T) {
	for name, text := range recordings(t) {
		t.Run(name, func(t *testing.T) {
			got := analyzeText(text)
			rec, err := recording.Read(strings.NewReader(text), recording.Limits{})
			if err != nil {
				if !strings.HasPrefix(got, `{"error":{"code":"invalid","message":`) {
					t.Errorf("analyzeText of an invalid recording = %s, want an invalid error", got)
				}
				return
			}
			rep, err := analysis.Analyze(rec, analysis.DefaultOptions)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(rep)
			if got != string(want) {
				t.Errorf("analyzeText differs from analysis.Analyze:\n got %s\nwant %s", got, want)
			}
			var r sw.Report
			if err := json.Unmarshal([]byte(got), &r); err != nil || r.Verdict == "" {
				t.Errorf("report does not decode with a verdict: %v %s", err, got)
			}
		})
	}
}

func TestLiveFilterSmoothsAndAllocatesNothing(t *testing.T) {
	l := newLiveFilter(16.0 / 9)
	if err := l.apply(0, make([]float64, 10)); err == nil {
		t.Error("apply accepted 10 values")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	v := make([]float64, poseValues)
	var rawVar, outVar float64
	const n, sigma = 300, 0.01
	for k := 0; k < n; k++ {
		noise := make([]float64, sw.NumLandmarks)
		for i := range sw.NumLandmarks {
			noise[i] = sigma * rng.NormFloat64()
			v[4*i], v[4*i+1], v[4*i+2], v[4*i+3] = 0.5+noise[i], 0.5, 0, 0.99
		}
		if err := l.apply(float64(k)/30, v); err != nil {
			t.Fatal(err)
		}
		if k >= 30 { // past the start-up
			for i := range sw.NumLandmarks {
				rawVar += noise[i] * noise[i]
				outVar += (v[4*i] - 0.5) * (v[4*i] - 0.5)
			}
		}
	}
	// A still person: the output must be smoother than the input (the
	// filter's own tests judge how much; 0.52 with the defaults here). 0.8
	// is our choice: it fails when apply passes the input through.
	if ratio := math.Sqrt(outVar / rawVar); ratio > 0.8 {
		t.Errorf("filtered jitter is %.2f of the raw jitter, want <= 0.8", ratio)
	}
	// apply is exactly filter.PoseFilter on the same frames.
	ref := filter.NewPoseFilter(geom.DefaultGate, 16.0/9)
	l2 := newLiveFilter(16.0 / 9)
	var p sw.Pose
	for k := 0; k < 50; k++ {
		for i := range sw.NumLandmarks {
			x := 0.3 + 0.01*float64(i) + 0.02*math.Sin(float64(k)/5)
			p[i] = sw.Landmark{X: x, Y: 0.6, Z: -0.1, Visibility: 0.9}
			v[4*i], v[4*i+1], v[4*i+2], v[4*i+3] = x, 0.6, -0.1, 0.9
		}
		tk := float64(k) / 30
		ref.Filter(&p, &p, tk)
		if err := l2.apply(tk, v); err != nil {
			t.Fatal(err)
		}
		for i := range sw.NumLandmarks {
			if v[4*i] != p[i].X || v[4*i+1] != p[i].Y || v[4*i+2] != p[i].Z || v[4*i+3] != p[i].Visibility {
				t.Fatalf("frame %d landmark %d: apply gives %v, PoseFilter %+v", k, i, v[4*i:4*i+4], p[i])
			}
		}
	}
	if a := testing.AllocsPerRun(100, func() { _ = l.apply(20, v) }); a != 0 {
		t.Errorf("apply allocates %.0f times per frame, want 0", a)
	}
}

// nodeRunner loads the engine in Node with Go's wasm_exec.js and prints a
// nodeOutput: the report of every file named on the command line, the
// type of each export, and a pose (pose(), 1..132 / 200) filtered in place
// by a filter for pictures of aspect 1.5.
const nodeRunner = `
globalThis.require = require;
globalThis.fs = require("fs");
globalThis.path = require("path");
globalThis.TextEncoder = require("util").TextEncoder;
globalThis.TextDecoder = require("util").TextDecoder;
globalThis.performance ??= require("perf_hooks").performance;
globalThis.crypto ??= require("crypto").webcrypto;
require(process.argv[2]);
const go = new Go();
globalThis.onStretchwiseEngineReady = () => {
  const e = stretchwiseEngine;
  const reports = process.argv.slice(4).map((f) => e.analyze(fs.readFileSync(f, "utf8")));
  const exports = Object.fromEntries(Object.keys(e).map((k) => [k, typeof e[k]]));
  const pose = Float64Array.from({ length: 132 }, (_, i) => (i + 1) / 200);
  const filterAnswer = e.filter(e.newFilter(1.5), 0, pose);
  const out = { reports, exports, filterAnswer, filtered: Array.from(pose) };
  process.stdout.write(JSON.stringify(out), () => process.exit(0));
};
WebAssembly.instantiate(fs.readFileSync(process.argv[3]), go.importObject)
  .then((r) => go.run(r.instance))
  .catch((e) => { console.error(e); process.exit(1); });
`

// TestWasmGivesTheServersReports compiles this command to WebAssembly, runs
// it in Node, and checks that it gives byte-identical reports to the native
// code the server runs, for every screening test and for an invalid file.
func TestWasmGivesTheServersReports(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node: %v (CI=true: this test must run)", err)
		}
		t.Skipf("node: %v", err)
	}
	dir := t.TempDir()
	wasm := filepath.Join(dir, "engine.wasm")
	build := exec.Command("go", "build", "-o", wasm, ".")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go build: %v\n%s", err, b)
	}
	runner := filepath.Join(dir, "run.cjs")
	if err := os.WriteFile(runner, []byte(nodeRunner), 0o644); err != nil {
		t.Fatal(err)
	}
	recs := recordings(t)
	var names, files []string
	for name, text := range recs {
		f := filepath.Join(dir, name+".jsonl")
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		names, files = append(names, name), append(files, f)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	execJS := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js")
	cmd := exec.Command(node, append([]string{runner, execJS, wasm}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var got struct {
		Reports      []string
		Exports      map[string]string
		FilterAnswer string
		Filtered     []float64
	}
	if err := json.Unmarshal(out, &got); err != nil || len(got.Reports) != len(names) {
		t.Fatalf("node output: %v, %d reports for %d files:\n%s", err, len(got.Reports), len(names), out)
	}
	for i, name := range names {
		if want := analyzeText(recs[name]); got.Reports[i] != want {
			t.Errorf("%s: the WebAssembly report differs from the native one:\nwasm   %s\nnative %s", name, got.Reports[i], want)
		}
	}
	// The engine registers its table (exports.go), nothing more or less.
	want := map[string]string{}
	for _, e := range exports() {
		want[e.name] = "function"
		if e.call == nil {
			want[e.name] = e.result.ts()
		}
	}
	if !maps.Equal(got.Exports, want) {
		t.Errorf("the engine registers %v, its table is %v", got.Exports, want)
	}
	pose := make([]float64, poseValues)
	for i := range pose {
		pose[i] = float64(i+1) / 200
	}
	if err := newLiveFilter(1.5).apply(0, pose); err != nil {
		t.Fatal(err)
	}
	if got.FilterAnswer != "" || !slices.Equal(got.Filtered, pose) {
		t.Errorf("filter in WebAssembly answered %q and wrote %v, natively %v", got.FilterAnswer, got.Filtered, pose)
	}
}
