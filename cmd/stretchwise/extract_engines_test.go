package main

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
)

// birdDogClip cuts seconds [from, from+dur) of the real bird-dog video
// (polybag, testdata/media, 540 px wide) at fps frames per second.
func birdDogClip(t *testing.T, from, dur, fps float64) string {
	t.Helper()
	_, err := findChromium("")
	requireOrSkip(t, "chromium", err)
	_, err = exec.LookPath("ffmpeg")
	requireOrSkip(t, "ffmpeg", err)
	src := filepath.Join(mediaDir(), "polybag_bird_dog_left_side_slightly_behind.mp4")
	_, err = os.Stat(src)
	requireOrSkip(t, "test video", err)
	clip := filepath.Join(t.TempDir(), "birddog.mp4")
	cmd := exec.Command("ffmpeg", "-v", "error", "-y", "-ss", ftoa(from), "-t", ftoa(dur), "-i", src,
		"-vf", "fps="+ftoa(fps), "-an", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, b)
	}
	return clip
}

// engineTest skips in -short mode and returns the built app, a clip of
// seconds [from, from+dur) of the bird-dog video, a context and a directory.
func engineTest(t *testing.T, from, dur, fps float64, timeout time.Duration) (webDir, clip string, ctx context.Context, dir string) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test; -short")
	}
	webDir = builtApp(t)
	clip = birdDogClip(t, from, dur, fps)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	return webDir, clip, ctx, t.TempDir()
}

func builtApp(t *testing.T) string {
	t.Helper()
	webDir, _ := filepath.Abs(filepath.Join("..", "..", "web", "dist"))
	for _, f := range []string{"pose.js", "pose_landmarker_lite.task", "tasks/vision_wasm_internal.wasm"} {
		_, err := os.Stat(filepath.Join(webDir, "mediapipe", f))
		requireOrSkip(t, "built web app (make web)", err)
	}
	return webDir
}

func extractTo(t *testing.T, ctx context.Context, out string, args ...string) *stretchwise.Recording {
	t.Helper()
	code, stdout, stderr := runCLI(ctx, append([]string{"extract", "-o", out, "-q"}, args...)...)
	if code != 0 {
		t.Fatalf("extract %q: exit %d\nstdout: %s\nstderr: %s", args, code, stdout, stderr)
	}
	return readRecording(t, out)
}

// agreementClip is the clip of TestExtractEnginesAgree and the recording the
// webgl engine made of it (testdata/media/README.md says how).
const (
	agreementFrom, agreementDur, agreementFPS = 0.5, 6.0, 10.0
	agreementWebGL                            = "polybag_bird_dog_0.5-6.5s_10fps.webgl_lite.jsonl"
)

// TestExtractEnginesAgree: the cpu engine (MediaPipe Tasks, the default)
// finds the landmarks the webgl engine (the MediaPipe Pose graph, the
// engine before) found on a real clip, seconds 0.5-6.5 of the bird-dog video
// at 10 fps, where the man on hands and knees reaches out his right arm and
// left leg (1.2-5.6 s) and comes back. The webgl engine's recording is
// stored (it costs about a CPU second per frame, several minutes on a busy
// machine). Checked: a person in the same frames, the same bird-dog report
// (verdict, reaches and their sides), and body landmarks close. Issue 18
// asked for a median distance of at most 0.005 image heights; measured
// 0.0079 (docs/benchmarks.md), so that goal is not met and the bound here,
// 0.01, only keeps the engines from drifting further apart.
func TestExtractEnginesAgree(t *testing.T) {
	webDir, clip, ctx, dir := engineTest(t, agreementFrom, agreementDur, agreementFPS, 6*time.Minute)
	cpuOut := filepath.Join(dir, "cpu.jsonl")
	cpu := extractTo(t, ctx, cpuOut, clip, "--web", webDir, "--view", "left", "--exercise", "bird-dog", "--engine", "cpu", "--model", "lite")
	webglOut := filepath.Join(mediaDir(), agreementWebGL)
	webgl := readRecording(t, webglOut)

	if len(cpu.Frames) != len(webgl.Frames) || len(cpu.Frames) != 60 {
		t.Fatalf("%d and %d frames, want 60 each", len(cpu.Frames), len(webgl.Frames))
	}
	body := []int{stretchwise.LeftShoulder, stretchwise.RightShoulder, stretchwise.LeftElbow, stretchwise.RightElbow,
		stretchwise.LeftWrist, stretchwise.RightWrist, stretchwise.LeftHip, stretchwise.RightHip,
		stretchwise.LeftKnee, stretchwise.RightKnee, stretchwise.LeftAnkle, stretchwise.RightAnkle}
	aspect := float64(cpu.Header.Width) / float64(cpu.Header.Height)
	var dists []float64
	for i := range cpu.Frames {
		a, b := cpu.Frames[i], webgl.Frames[i]
		if a.Detected != b.Detected {
			t.Errorf("frame %d: a person found by cpu %v, by webgl %v", i, a.Detected, b.Detected)
			continue
		}
		if !a.Detected {
			continue
		}
		for _, j := range body {
			dists = append(dists, math.Hypot((a.Image[j].X-b.Image[j].X)*aspect, a.Image[j].Y-b.Image[j].Y))
		}
	}
	if len(dists) == 0 {
		t.Fatal("no frame with a person")
	}
	slices.Sort(dists)
	median, p90 := dists[len(dists)/2], dists[len(dists)*9/10]
	t.Logf("body landmarks, cpu vs webgl: median %.4f, 90th percentile %.4f image heights (%d)", median, p90, len(dists))
	if median > 0.01 {
		t.Errorf("median distance %.4f image heights, want <= 0.01", median)
	}

	report := func(file string) stretchwise.Report {
		code, stdout, stderr := runCLI(ctx, "analyze", "--json", file)
		if code != 0 {
			t.Fatalf("analyze %s: exit %d: %s", file, code, stderr)
		}
		var rep stretchwise.Report
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatal(err)
		}
		return rep
	}
	rc, rw := report(cpuOut), report(webglOut)
	sides := func(r stretchwise.Report) []stretchwise.Side {
		var s []stretchwise.Side
		for _, rep := range r.Reps {
			s = append(s, rep.Side)
		}
		return s
	}
	t.Logf("cpu: verdict %s, reaches %v; webgl: verdict %s, reaches %v", rc.Verdict, sides(rc), rw.Verdict, sides(rw))
	if len(rw.Reps) == 0 {
		t.Error("the stored webgl recording has no reach")
	}
	if rc.Verdict != rw.Verdict || !slices.Equal(sides(rc), sides(rw)) {
		t.Errorf("cpu: verdict %s, reaches %v; webgl: verdict %s, reaches %v; want the same", rc.Verdict, sides(rc), rw.Verdict, sides(rw))
	}
}

// TestExtractStepEqualsSeek: playing the video on to the next frame gives
// the frames a seek per frame gives, so the landmarks do not depend on how
// fast this machine is or on frames the player skipped.
func TestExtractStepEqualsSeek(t *testing.T) {
	webDir, clip, ctx, dir := engineTest(t, 4, 3, 10, 6*time.Minute)
	stepOut, seekOut := filepath.Join(dir, "step.jsonl"), filepath.Join(dir, "seek.jsonl")
	extractTo(t, ctx, stepOut, clip, "--web", webDir)
	extractTo(t, ctx, seekOut, clip, "--web", webDir, "--seek-every-frame")
	a, err := os.ReadFile(stepOut)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(seekOut)
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) {
		t.Errorf("playing on and seeking every frame gave different recordings (%d vs %d bytes)", len(a), len(b))
	}
}
