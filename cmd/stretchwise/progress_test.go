package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// stampedWriter keeps each line written with the (fake) time it was written.
type stampedWriter struct {
	now   *time.Time
	lines []stampedLine
}

type stampedLine struct {
	at   time.Time
	text string
}

func (w *stampedWriter) Write(p []byte) (int, error) {
	for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		w.lines = append(w.lines, stampedLine{*w.now, l})
	}
	return len(p), nil
}

// TestProgressEstimate: the progress bar's time left, on a fake clock, is
// within 20 % of the time that really remained at every tenth of an
// extraction (where at least a second remained), for the timelines
// measured with `stretchwise extract` on the 2-core development machine:
// a start-up of seconds before the first frame, the first frames slower
// (the WebAssembly code is optimised while it runs), then a steady pace,
// and the time after the last frame (reading the recording, closing the
// browser). The driver polls the page every 250 ms, as extractVideo does.
func TestProgressEstimate(t *testing.T) {
	const tolerance = 0.20 // issue 18: within 20 % of the actual time
	cases := []struct {
		name            string
		frames          int
		startup         time.Duration
		warmFrames      int
		warmPer, per    time.Duration
		finish          time.Duration
		slowAfter       int           // from this frame on (0: never) ...
		slowPer         time.Duration // ... each frame takes this long
		wantWithinTenth int           // the first tenth from which the estimate must hold
	}{
		// 4 s of the bird-dog video at 30 fps with lite: 2.5-3 s of
		// start-up, then 0.05-0.07 s per frame, the first frames twice as
		// slow, 0.5-0.8 s after the last frame.
		{name: "lite 122 frames", frames: 122, startup: 3 * time.Second, warmFrames: 3, warmPer: 110 * time.Millisecond, per: 55 * time.Millisecond, finish: 600 * time.Millisecond, wantWithinTenth: 1},
		{name: "lite 122 frames, slow end", frames: 122, startup: 3 * time.Second, warmFrames: 3, warmPer: 110 * time.Millisecond, per: 55 * time.Millisecond, finish: 800 * time.Millisecond, wantWithinTenth: 1},
		// the whole 14 s video with full
		{name: "full 427 frames", frames: 427, startup: 4 * time.Second, warmFrames: 3, warmPer: 180 * time.Millisecond, per: 90 * time.Millisecond, finish: 700 * time.Millisecond, wantWithinTenth: 1},
		// a loaded machine (load average 26): 0.25 s per frame, 1.2 s after
		// the last frame
		{name: "lite 122 frames, loaded machine", frames: 122, startup: 12 * time.Second, warmFrames: 3, warmPer: 500 * time.Millisecond, per: 250 * time.Millisecond, finish: 1200 * time.Millisecond, wantWithinTenth: 1},
		// the machine gets half as fast at 30 %: the estimate catches up
		// within the next tenths (the pace is measured over the later half)
		{name: "slower from 30 %", frames: 300, startup: 3 * time.Second, warmFrames: 3, warmPer: 120 * time.Millisecond, per: 60 * time.Millisecond, finish: 700 * time.Millisecond, slowAfter: 90, slowPer: 120 * time.Millisecond, wantWithinTenth: 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// When each frame is done.
			start := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)
			doneAt := make([]time.Time, c.frames)
			at := start.Add(c.startup)
			for i := range doneAt {
				switch {
				case i < c.warmFrames:
					at = at.Add(c.warmPer)
				case c.slowAfter > 0 && i >= c.slowAfter:
					at = at.Add(c.slowPer)
				default:
					at = at.Add(c.per)
				}
				doneAt[i] = at
			}
			const poll = 250 * time.Millisecond
			now := start
			w := &stampedWriter{now: &now}
			bar := &progressBar{w: w, label: "extract clip.mp4", now: func() time.Time { return now }, lastDec: -1}
			done := 0
			for done < c.frames {
				now = now.Add(poll)
				for done < c.frames && !doneAt[done].After(now) {
					done++
				}
				bar.Update(done, c.frames)
			}
			end := now.Add(c.finish) // the driver saw the last frame at now

			checked := 0
			for _, l := range w.lines {
				var d, total, pct int
				var eta string
				if _, err := fmt.Sscanf(l.text, "extract clip.mp4: %d/%d frames %d%% ETA %s", &d, &total, &pct, &eta); err != nil {
					t.Fatalf("line %q: %v", l.text, err)
				}
				left := end.Sub(l.at)
				if eta == "–" || d*10/total < c.wantWithinTenth || left < time.Second {
					continue
				}
				est, err := time.ParseDuration(eta)
				if err != nil {
					t.Fatalf("line %q: ETA: %v", l.text, err)
				}
				off := (est - left).Seconds() / left.Seconds()
				t.Logf("%3d%%: estimate %-6s left %5.1f s (%+.0f%%)", pct, eta, left.Seconds(), 100*off)
				if off > tolerance || off < -tolerance {
					t.Errorf("at %d of %d frames: estimate %s, %.1f s left: off by %+.0f%%, want within %.0f%%", d, total, eta, left.Seconds(), 100*off, 100*tolerance)
				}
				checked++
			}
			if checked < 3 {
				t.Errorf("only %d estimates checked, want at least 3", checked)
			}
		})
	}
}
