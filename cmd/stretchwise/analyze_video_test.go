package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchwise/stretchwise"
)

// TestAnalyzeVideo analyses a real video file directly: two seconds of a man
// on hands and knees filmed from the side (polybag cat-cow, testdata/media).
// analyze must run the extraction first and give an honest report: the
// person is in quadruped, and a side view cannot show the pelvis rolling,
// so a bird-dog verdict is inconclusive with reasons, never a guess.
func TestAnalyzeVideo(t *testing.T) {
	webDir := browserTest(t)
	_, err := exec.LookPath("ffmpeg")
	requireOrSkip(t, "ffmpeg", err)
	src := filepath.Join(mediaDir(), "polybag_cat_cow_quadruped_side_view.mp4")
	clip := filepath.Join(t.TempDir(), "catcow.mp4")
	// 2 s at 10 fps, 360 px wide: 20 frames, small enough for two cores.
	cmd := exec.Command("ffmpeg", "-v", "error", "-y", "-ss", "3", "-t", "2", "-i", src,
		"-vf", "scale=360:-2,fps=10", "-an", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip)
	if b, err := cmd.CombinedOutput(); err != nil {
		requireOrSkip(t, "test video", err)
		t.Fatalf("ffmpeg: %v\n%s", err, b)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	code, stdout, stderr := runCLI(ctx, "analyze", "--json", "--exercise", "bird-dog", "--model", "lite", "--web", webDir, clip)
	if code != 0 {
		t.Fatalf("analyze exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	var rep stretchwise.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("stdout is not a report: %v\n%s", err, stdout)
	}
	if rep.Exercise != stretchwise.ExerciseBirdDog {
		t.Errorf("exercise %q, want bird-dog", rep.Exercise)
	}
	if rep.Verdict != stretchwise.VerdictInconclusive || len(rep.Reasons) == 0 {
		t.Errorf("verdict %q with reasons %q; want inconclusive with reasons", rep.Verdict, rep.Reasons)
	}
	if rep.Quality == nil || rep.Quality.Frames != 20 || rep.Quality.Detected < 15 {
		t.Errorf("quality %+v; want 20 frames with a person found in most", rep.Quality)
	}
	if rep.InferredView != stretchwise.ViewLeft && rep.InferredView != stretchwise.ViewRight {
		t.Errorf("inferred view %q; the clip is a side view", rep.InferredView)
	}
}
