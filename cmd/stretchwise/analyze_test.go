package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/internal/cpuclock"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/synth"
)

// recordingText returns a small valid recording: a header and n frames of
// one still pose, 30 fps.
func recordingText(n int) string {
	var b strings.Builder
	b.WriteString(`{"format":"stretchwise-recording","version":1,"topology":"blazepose33","fps":30,"width":1280,"height":720}` + "\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"t":%.4f,"lm":[`, float64(i)/30)
		for k := 0; k < stretchwise.NumLandmarks; k++ {
			if k > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "[%.3f,%.3f,0,0.9]", 0.4+0.01*float64(k%5), 0.1+0.025*float64(k))
		}
		b.WriteString("]}\n")
	}
	return b.String()
}

// runAnalyze runs the analyze command in-process.
func runAnalyze(t *testing.T, args ...string) (code int, stdout, stderr string) {
	return runCmd(t, append([]string{"analyze"}, args...)...)
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAnalyzeBadInput checks that every malformed file gives a non-zero
// exit and a message naming the place (line and field), never a panic.
func TestAnalyzeBadInput(t *testing.T) {
	good := recordingText(3)
	lines := strings.SplitAfter(good, "\n")
	tests := []struct {
		name    string
		content string
		want    []string // substrings of stderr
	}{
		{"empty file", "", []string{"line 1", "header"}},
		{"truncated", good[:len(good)-40], []string{"line 4"}},
		{"NaN", lines[0] + lines[1] + strings.Replace(lines[2], "[0.400,0.100,0,0.9]", "[NaN,0.100,0,0.9]", 1), []string{"line 3", "lm"}},
		{"wrong landmark count", lines[0] + lines[1] + strings.Replace(lines[2], "[0.400,0.100,0,0.9],", "", 1), []string{"line 3", "lm", "33"}},
		{"binary garbage", "\x00\x01\x02\xff\xfe garbage \x89PNG\r\n\x1a\n", []string{"line 1"}},
		{"t backwards", lines[0] + lines[2] + lines[1], []string{"line 3", "t"}},
		{"string for a number", lines[0] + strings.Replace(lines[1], `"t":0.0000`, `"t":"zero"`, 1), []string{"line 2", "t"}},
		{"no frames", lines[0], []string{"no frames"}},
		{"Inf", lines[0] + strings.Replace(lines[1], "[0.400,0.100,0,0.9]", "[1e999,0.100,0,0.9]", 1), []string{"line 2", "lm[0][0]"}},
		{"visibility out of range", lines[0] + strings.Replace(lines[1], "[0.400,0.100,0,0.9]", "[0.4,0.1,0,1.5]", 1), []string{"line 2", "lm[0][3]"}},
		{"line over the limit", lines[0] + `{"t":0,"lm":null,"pad":"` + strings.Repeat("x", 2<<20) + "\"}\n", []string{"line 2", "longer than"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeTemp(t, "rec.jsonl", tt.content)
			code, out, errs := runAnalyze(t, p)
			if code == 0 {
				t.Fatalf("exit 0, want non-zero; stdout %q", out)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q does not name %q", errs, w)
				}
			}
			if !strings.Contains(errs, p) {
				t.Errorf("stderr %q does not name the file", errs)
			}
			if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine") {
				t.Errorf("stderr looks like a panic: %q", errs)
			}
		})
	}
}

func TestAnalyzeUsage(t *testing.T) {
	p := writeTemp(t, "rec.jsonl", recordingText(3))
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", nil, 2, "FILE"},
		{"bad view", []string{"--view", "sideways", p}, 2, "sideways"},
		{"bad gate", []string{"--gate", "2", p}, 2, "gate"},
		{"angles with two files", []string{"--angles", "x.csv", p, p}, 2, "--angles"},
		{"missing video", []string{"clip.MP4"}, 1, "clip.MP4"},
		{"bad model", []string{"--model", "heavy", p}, 2, "--model"},
		{"missing file", []string{filepath.Join(t.TempDir(), "nope.jsonl")}, 1, "nope.jsonl"},
	}
	for _, tt := range tests {
		code, _, errs := runAnalyze(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d naming %q", tt.name, code, errs, tt.code, tt.want)
		}
	}
}

// TestAnalyzeBatch checks that several files are each analysed, that one
// bad file makes the exit non-zero and is named, and that --json gives one
// line per file.
func TestAnalyzeBatch(t *testing.T) {
	good := writeTemp(t, "good.jsonl", recordingText(40))
	bad := writeTemp(t, "bad.jsonl", "{")
	code, out, errs := runAnalyze(t, "--json", good, bad, good)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errs, "1 of 3 files failed: "+bad) {
		t.Errorf("stderr %q does not say which file failed", errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d output lines, want 3:\n%s", len(lines), out)
	}
	for i, l := range lines {
		var v struct {
			File   string              `json:"file"`
			Report *stretchwise.Report `json:"report"`
			Error  string              `json:"error"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		wantErr := i == 1
		if (v.Error != "") != wantErr || (v.Report != nil) == wantErr {
			t.Errorf("line %d = %s; want error %v", i+1, l, wantErr)
		}
	}
}

// TestAnalyzeOutputs checks the text, the JSON and the angle table of one
// recording.
func TestAnalyzeOutputs(t *testing.T) {
	p := writeTemp(t, "rec.jsonl", recordingText(40))
	code, out, errs := runAnalyze(t, p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, w := range []string{"Exercise:", "View:", "Verdict:  inconclusive", "Quality:", "40 frames"} {
		if !strings.Contains(out, w) {
			t.Errorf("text report lacks %q:\n%s", w, out)
		}
	}
	code, out, errs = runAnalyze(t, p, "--json", "--exercise", "bird-dog")
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, errs)
	}
	var r stretchwise.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out)
	}
	if r.Exercise != stretchwise.ExerciseBirdDog || r.Verdict != stretchwise.VerdictInconclusive || len(r.Reasons) == 0 {
		t.Errorf("report %+v; want bird-dog, inconclusive, with reasons", r)
	}
	csv := filepath.Join(t.TempDir(), "angles.csv")
	if code, _, errs = runAnalyze(t, "--angles", csv, p); code != 0 {
		t.Fatalf("--angles: exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(rows) != 41 || !strings.HasPrefix(rows[0], "frame,t,posture,view,knee_flexion_left") {
		t.Errorf("angle table has %d rows, header %q; want 41 rows", len(rows), rows[0])
	}
}

// TestAnalyzeStdin reads the recording from standard input with "-".
func TestAnalyzeStdin(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"analyze", "--json", "-"}, Env{Stdin: strings.NewReader(recordingText(40)), Stdout: &out, Stderr: &errb})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var r stretchwise.Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil || r.Quality == nil || r.Quality.Frames != 40 {
		t.Errorf("report %s (%v); want 40 frames", out.String(), err)
	}
	code = run(context.Background(), []string{"analyze", "-"}, Env{Stdin: strings.NewReader("not json\n"), Stdout: &out, Stderr: &errb})
	if code == 0 || !strings.Contains(errb.String(), "-: line 1") {
		t.Errorf("garbage on stdin: exit %d, stderr %q; want non-zero naming line 1", code, errb.String())
	}
}

// TestAnalyzeFootOutOfPicture: a synthetic bird dog filmed from the left
// with the camera 1.4 m away, so close that each hand reaching forward and
// each foot reaching back leave the picture. The pose model (here the
// synthetic one) still places those landmarks outside the image. analyze
// must not report the height of a limb whose end was out of the picture,
// and its reasons must say, in plain words, which part left the picture and
// what to do.
func TestAnalyzeFootOutOfPicture(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "close.jsonl")
	if code, _, errs := runCmd(t, "synth", "--exercise", "bird-dog", "--view", "left", "--seed", "1", "--distance", "1.4",
		"--duration", "20", "-o", rec); code != 0 {
		t.Fatalf("synth exit %d: %s", code, errs)
	}
	code, out, errs := runAnalyze(t, "--json", rec)
	if code != 0 {
		t.Fatalf("analyze exit %d: %s", code, errs)
	}
	var rep stretchwise.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Reps) != 2 {
		t.Fatalf("%d reaches, want 2: %+v", len(rep.Reps), rep.Reps)
	}
	// The left leg reach lifts the left foot out of the picture (its ankle
	// at x = 1.02-1.07); the right leg reach lifts the left hand out of it
	// (x = -0.17 to -0.01). A measure's side is the side of the lifted leg.
	for _, m := range rep.Measures {
		out := m.Side == stretchwise.SideLeft && (m.Name == "leg_elevation_deg" || m.Name == "rep1_leg_elevation_deg") ||
			m.Side == stretchwise.SideRight && (m.Name == "arm_elevation_deg" || m.Name == "rep1_arm_elevation_deg")
		if out {
			t.Errorf("%s (%s) = %v +/- %v reported, but that limb's end was out of the picture", m.Name, m.Side, m.Value, m.Uncertainty)
		}
	}
	reasons := strings.Join(rep.Reasons, "\n")
	for _, want := range []string{"your left foot left the picture: move the camera further back",
		"your left foot was out of the picture at", "your left hand was out of the picture at"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("no reason says %q; reasons:\n%s", want, reasons)
		}
	}
}

// BenchmarkAnalyzeBirdDog60s times the whole analyze path on a 60 s, 30 fps
// synthetic bird dog seen from behind with MediaPipe-like noise: read the
// JSON Lines recording, validate, clean, recognise posture and view, and
// run the screen.
func BenchmarkAnalyzeBirdDog60s(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 7))
	m := synth.BirdDog(synth.BirdDogParams{
		Arms:   []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight, stretchwise.SideLeft, stretchwise.SideRight, stretchwise.SideLeft},
		Faults: []synth.FaultSpec{{Name: synth.FaultPelvicRoll, Value: 8}},
	})
	rec, _ := synth.Generate(m, synth.AverageBody(), synth.CameraFor(stretchwise.ViewRear), synth.NoiseMediaPipe, 30, rng)
	if d := rec.Duration(); math.Abs(d-60) > 5 {
		b.Fatalf("recording lasts %.1f s, want about 60", d)
	}
	var buf bytes.Buffer
	if err := recording.Write(&buf, rec); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	defer cpuclock.PerOp(b)()
	for b.Loop() {
		r, err := recording.Read(bytes.NewReader(data), recording.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := analysis.Analyze(r, analysis.DefaultOptions)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Exercise != stretchwise.ExerciseBirdDog {
			b.Fatalf("exercise %s", rep.Exercise)
		}
	}
}
