package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise/recording"
)

// convertMedia returns the repository's real test media (testdata/media), or
// $STRETCHWISE_MEDIA.
func convertMedia(t *testing.T) string {
	t.Helper()
	d := mediaDir()
	if _, err := os.Stat(d); err != nil {
		t.Fatalf("test media: %v", err)
	}
	return d
}

// runConvert runs "stretchwise convert args..." and returns the exit code
// and standard error.
func runConvert(t *testing.T, args ...string) (int, string) {
	code, _, stderr := runCmd(t, append([]string{"convert"}, args...)...)
	return code, stderr
}

func TestConvertRealMedia(t *testing.T) {
	m := convertMedia(t)
	dir := t.TempDir()
	tests := []struct {
		name       string
		args       []string
		out        string
		wantFrames int
		wantSource string
	}{
		{"openpose folder", []string{"--width", "1080", "--height", "1920", "--fps", "60", filepath.Join(m, "pose2sim_balancing_cam01_openpose_json")}, "p2s.jsonl", 100, "openpose body25b"},
		{"tfjs golden with world", []string{"--width", "720", "--height", "1280", "--fps", "5", filepath.Join(m, "tfjs_squats_banded_front_view.blazepose_full_2d_golden.json"), "--world", filepath.Join(m, "tfjs_squats_banded_front_view.blazepose_full_3d_golden.json")}, "tfjs.jsonl", 65, "mediapipe json (pixels)"},
		{"keraal blazepose", []string{"--width", "960", "--height", "540", "--fps", "30", "--exercise", "ctk", filepath.Join(m, "keraal_lowbackpain_sample", "G3-BP-CTK-P1T1-Unknown-C-0.json")}, "keraal.jsonl", 196, "keraal blazepose"},
		{"exercise correction csv", []string{"--from", "csv", "--width", "1280", "--height", "720", "--fps", "30", filepath.Join(m, "exercise_correction_mediapipe_csv", "plank_form_test.csv")}, "plank.jsonl", 710, "csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, tt.out)
			code, stderr := runConvert(t, append(tt.args, "-o", out)...)
			if code != 0 {
				t.Fatalf("exit %d, want 0; stderr: %s", code, stderr)
			}
			rec := readRecording(t, out)
			if len(rec.Frames) != tt.wantFrames || rec.Header.Source != tt.wantSource {
				t.Errorf("got %d frames from %q, want %d from %q", len(rec.Frames), rec.Header.Source, tt.wantFrames, tt.wantSource)
			}
			// The recording converts on to CSV and TRC, and those parse.
			csvOut, trcOut := strings.TrimSuffix(out, ".jsonl")+".csv", strings.TrimSuffix(out, ".jsonl")+".trc"
			for _, o := range []string{csvOut, trcOut} {
				if code, stderr := runConvert(t, out, "-o", o); code != 0 {
					t.Fatalf("%s: exit %d; stderr: %s", o, code, stderr)
				}
			}
			tf, err := os.Open(trcOut)
			if err != nil {
				t.Fatal(err)
			}
			defer tf.Close()
			trc, err := recording.ParseTRC(tf, recording.Limits{})
			if err != nil || len(trc.Frames) != tt.wantFrames {
				t.Errorf("TRC: err %v, want %d frames", err, tt.wantFrames)
			}
		})
	}
}

func TestConvertErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte(`{"format":"stretchwise-recording","version":1,"topology":"blazepose33","width":10,"height":10}`+"\n"+`{"t":0,"lm":[[1,2,3]]}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "garbage.bin")
	if err := os.WriteFile(garbage, []byte{0, 1, 2, 0xff}, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.csv")
	tests := []cliError{
		{"bad recording", []string{bad, "-o", out}, 1, "bad.jsonl: line 2: lm: want 33 landmarks, got 1"},
		{"unknown format", []string{garbage, "-o", out}, 2, "cannot tell the format"},
		{"no input", []string{"-o", out}, 2, "want one INPUT, got 0"},
		{"missing size", []string{"--from", "mediapipe-json", bad, "-o", out}, 1, "width and height"},
		{"bad --to", []string{bad, "--to", "xml"}, 2, `--to "xml"`},
		{"missing file", []string{filepath.Join(dir, "nope.json"), "-o", out}, 1, "no such file"},
		{"world without mediapipe", []string{bad, "--world", bad, "-o", out}, 2, "--world goes with mediapipe-json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stderr := runConvert(t, tt.args...)
			tt.check(t, code, stderr)
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if n := e.Name(); n != "bad.jsonl" && n != "garbage.bin" {
					t.Errorf("left %s behind after an error", n)
				}
			}
		})
	}
}
