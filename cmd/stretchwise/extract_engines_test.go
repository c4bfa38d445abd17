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

// agreementClips are the clips of TestExtractEnginesAgree: seconds of the
// bird-dog video at 10 fps, 540 px wide, and the recording the webgl engine
// made of each (testdata/media/README.md says how). sameReaches: whether the
// reaches must match; false where the webgl engine's own reaches change when
// it is given the clip shifted by one pixel (docs/benchmarks.md, "Agreement
// of the engines"), so the old pipeline does not reproduce them itself.
var agreementClips = []struct {
	from, dur   float64
	model       string
	webgl       string
	sameReaches bool
}{
	{0.5, 6, "lite", "polybag_bird_dog_0.5-6.5s_10fps.webgl_lite.jsonl", false},
	{0.5, 6, "full", "polybag_bird_dog_0.5-6.5s_10fps.webgl_full.jsonl", true},
	{6.5, 6, "lite", "polybag_bird_dog_6.5-12.5s_10fps.webgl_lite.jsonl", false},
}

// TestExtractEnginesAgree: the cpu engine (MediaPipe Tasks, the default)
// finds the landmarks the webgl engine (the MediaPipe Pose graph, the
// engine before) found on real clips of the bird-dog video, where the man on
// hands and knees reaches out one arm and the opposite leg and comes back
// (with a foot out of the picture). The webgl engine's recordings are stored
// (it costs about a CPU second per frame, several minutes on a busy machine).
// Checked per clip and model: a person in the same frames, the same bird-dog
// verdict and (see agreementClips) reaches and their sides, and body
// landmarks close: a median distance of at most 0.005 image heights (issue
// 18's goal) and a 90th percentile of at most 0.015. Measured 0.0027-0.0037
// and 0.005-0.012 with the cpu engine tracking as the old graph does
// (web/src/pose/pose-graph.ts); 0.0042-0.0079 and 0.011-0.071 with Tasks' own
// tracking graph (docs/benchmarks.md). The bounds leave room for XNNPACK's
// arithmetic on other processors.
func TestExtractEnginesAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test; -short")
	}
	webDir := builtApp(t)
	ctx, cancel := context.WithTimeout(context.Background(), 12*time.Minute)
	t.Cleanup(cancel)
	for _, c := range agreementClips {
		t.Run(c.webgl, func(t *testing.T) {
			clip := birdDogClip(t, c.from, c.dur, 10)
			cpuOut := filepath.Join(t.TempDir(), "cpu.jsonl")
			cpu := extractTo(t, ctx, cpuOut, clip, "--web", webDir, "--view", "left", "--exercise", "bird-dog", "--engine", "cpu", "--model", c.model)
			webglOut := filepath.Join(mediaDir(), c.webgl)
			webgl := readRecording(t, webglOut)
			if len(cpu.Frames) != len(webgl.Frames) || len(cpu.Frames) != 60 {
				t.Fatalf("%d and %d frames, want 60 each", len(cpu.Frames), len(webgl.Frames))
			}
			median, p90 := landmarkDistances(t, cpu, webgl)
			t.Logf("body landmarks, cpu vs webgl: median %.4f, 90th percentile %.4f image heights", median, p90)
			if median > 0.005 || p90 > 0.015 {
				t.Errorf("median distance %.4f image heights, 90th percentile %.4f; want <= 0.005 and <= 0.015", median, p90)
			}
			rc, rw := birdDogReport(t, ctx, cpuOut), birdDogReport(t, ctx, webglOut)
			t.Logf("cpu: verdict %s, reaches %v; webgl: verdict %s, reaches %v", rc.Verdict, reachSides(rc), rw.Verdict, reachSides(rw))
			if rc.Verdict != rw.Verdict {
				t.Errorf("verdict: cpu %s, webgl %s", rc.Verdict, rw.Verdict)
			}
			if c.sameReaches && (len(rw.Reps) == 0 || !slices.Equal(reachSides(rc), reachSides(rw))) {
				t.Errorf("reaches: cpu %v, webgl %v; want the same, at least one", reachSides(rc), reachSides(rw))
			}
		})
	}
}

// landmarkDistances returns the median and 90th percentile of the distances
// (image heights) between the 12 body landmarks of a and b, frame by frame,
// and reports frames where only one found a person.
func landmarkDistances(t *testing.T, a, b *stretchwise.Recording) (median, p90 float64) {
	t.Helper()
	body := []int{stretchwise.LeftShoulder, stretchwise.RightShoulder, stretchwise.LeftElbow, stretchwise.RightElbow,
		stretchwise.LeftWrist, stretchwise.RightWrist, stretchwise.LeftHip, stretchwise.RightHip,
		stretchwise.LeftKnee, stretchwise.RightKnee, stretchwise.LeftAnkle, stretchwise.RightAnkle}
	aspect := float64(a.Header.Width) / float64(a.Header.Height)
	var dists []float64
	for i := range a.Frames {
		fa, fb := a.Frames[i], b.Frames[i]
		if fa.Detected != fb.Detected {
			t.Errorf("frame %d: a person found by one engine (%v) and not the other (%v)", i, fa.Detected, fb.Detected)
			continue
		}
		if !fa.Detected {
			continue
		}
		for _, j := range body {
			dists = append(dists, math.Hypot((fa.Image[j].X-fb.Image[j].X)*aspect, fa.Image[j].Y-fb.Image[j].Y))
		}
	}
	if len(dists) == 0 {
		t.Fatal("no frame with a person")
	}
	slices.Sort(dists)
	return dists[len(dists)/2], dists[len(dists)*9/10]
}

// birdDogReport runs stretchwise analyze on a recording.
func birdDogReport(t *testing.T, ctx context.Context, file string) stretchwise.Report {
	t.Helper()
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

// reachSides lists the side of each reach of a report.
func reachSides(r stretchwise.Report) []stretchwise.Side {
	var s []stretchwise.Side
	for _, rep := range r.Reps {
		s = append(s, rep.Side)
	}
	return s
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
