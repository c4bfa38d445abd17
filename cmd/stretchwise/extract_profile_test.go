package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestExtractLeavesNoProfile: the browser's profile folder is gone once
// extractVideo returns, whether the extraction succeeded, failed or was
// canceled, and it stays gone: no process of that browser is left to
// write into it again.
func TestExtractLeavesNoProfile(t *testing.T) {
	webDir := browserTest(t)
	_, err := os.Stat(filepath.Join(webDir, "mediapipe", "pose_landmarker_lite.task"))
	requireOrSkip(t, "built web app (make web)", err)
	dir := t.TempDir()
	clip := cutClip(t, filepath.Join(mediaDir(), "tfjs_squats_banded_front_view.mp4"), 2, 1, dir)
	notVideo := filepath.Join(dir, "not-a-video.mp4")
	if err := os.WriteFile(notVideo, []byte("not really a video"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		video   string
		cancel  string // "frame": cancel once the page has done a frame; "start": once the browser writes its profile
		wantErr bool
	}{
		{"success", clip, "", false},
		{"error", notVideo, "", true},
		{"canceled during the extraction", clip, "frame", true},
		{"canceled while the browser starts", clip, "start", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			o := extractOptions{Video: tt.video, Model: "lite", WebDir: webDir, FPS: 5, ProfileRoot: root, Stall: time.Minute}
			switch tt.cancel {
			case "frame":
				o.Progress = func(done, total int) {
					if done > 0 {
						cancel()
					}
				}
			case "start":
				go func() {
					for ctx.Err() == nil && len(leftovers(t, root)) < 2 {
						time.Sleep(2 * time.Millisecond)
					}
					cancel()
				}()
			}
			_, err := extractVideo(ctx, o)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want an error: %v", err, tt.wantErr)
			}
			if tt.cancel != "" && !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			// Gone at once, and still gone a moment later (a browser
			// process left running would write into it again).
			for _, wait := range []time.Duration{0, 2 * time.Second} {
				time.Sleep(wait)
				if left := leftovers(t, root); len(left) > 0 {
					t.Fatalf("%s after return: left in the profile root: %s", wait, strings.Join(left, ", "))
				}
			}
			if procs := processesUsing(root); len(procs) > 0 {
				t.Errorf("browser processes still running: %s", strings.Join(procs, "; "))
			}
		})
	}
}

// leftovers lists every file and folder under root.
func leftovers(t *testing.T, root string) []string {
	t.Helper()
	var left []string
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if path != root {
			left = append(left, strings.TrimPrefix(path, root+"/"))
		}
		return nil
	})
	return left
}

// processesUsing lists the command lines of running processes that name
// dir (Chromium's processes carry their profile folder in their flags).
func processesUsing(dir string) []string {
	entries, _ := os.ReadDir("/proc")
	var found []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !strings.Contains(string(b), dir) {
			continue
		}
		if st, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat")); err == nil {
			if i := strings.LastIndexByte(string(st), ')'); i > 0 && strings.HasPrefix(string(st[i+1:]), " Z") {
				continue // a zombie writes nothing
			}
		}
		cmd := strings.ReplaceAll(string(b), "\x00", " ")
		if len(cmd) > 120 {
			cmd = cmd[:120]
		}
		found = append(found, e.Name()+": "+cmd)
	}
	return found
}
