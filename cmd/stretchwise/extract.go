package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"golang.org/x/sync/errgroup"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/internal/cpuclock"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/web"
)

// extractCommand turns a video file into a landmark recording by running the
// web app's extraction page in headless Chromium: the same MediaPipe Pose
// code the browser uses, so a recording from a file and one from the camera
// are made alike. The video is served to the browser from 127.0.0.1 only
// and never leaves this machine.
type extractCommand struct{ Env }

func newExtractCommand(env Env) Command { return &extractCommand{env} }

// extractOptions is one extraction job.
type extractOptions struct {
	Video  string // path of the video file
	Model  string // "lite" or "full"
	Engine string // "cpu" (default) or "webgl"
	// SeekEveryFrame reaches every frame by seeking instead of playing on
	// (slower; tests use it to check that both give the same frames).
	SeekEveryFrame bool
	FPS            float64              // sampling rate; 0 means the video's own
	View           stretchwise.View     // written to the header
	Exercise       stretchwise.Exercise // written to the header
	WebDir         string               // built app; "" means embedded or web/dist
	Chromium       string               // browser binary; "" means look it up
	// Stall is how long the page may make no progress before extraction
	// fails. Loading the model takes a few seconds; one frame well under one.
	Stall time.Duration
	// Progress, when set, is called as frames are done.
	Progress func(done, total int)
	// Log receives Chromium's console errors; nil discards them.
	Log io.Writer
	// ProfileRoot is the folder the browser's profile folder is made in;
	// "" means /dev/shm where there is one, else the system's temporary
	// directory.
	ProfileRoot string
}

// extractResult is what an extraction produced.
type extractResult struct {
	Recording   []byte  // JSON Lines, in the format of docs/recording-format.md
	Frames      int     // frames in the recording
	Detected    int     // frames with a person
	FPS         float64 // sampling rate used
	PoseSeconds float64 // time spent in MediaPipe, summed over frames
	Seeks       int     // frames reached by seeking rather than playing on
	Wall        time.Duration
	// BrowserCPU is the CPU time (user + system) Chromium's processes used
	// up to the end of the extraction, start-up and model loading included;
	// 0 where it is not measured (systems without /proc).
	BrowserCPU time.Duration
	// StartCPU is the part of BrowserCPU used before the first frame was
	// done: the browser's start-up, loading the page, the WebAssembly code
	// and the model, and the first frame.
	StartCPU time.Duration
	// StartFrames is how many frames were done when StartCPU was read
	// (the page is polled, so one or a few).
	StartFrames int
}

const extractUsage = `Usage: stretchwise extract VIDEO -o REC.jsonl [flags]
       stretchwise extract VIDEO... -o DIR [-j N] [flags]

Runs MediaPipe Pose on every frame of VIDEO in headless Chromium and writes a landmark recording.
With several videos, DIR gets one NAME.jsonl per video NAME.EXT, and N videos run at once.
The video stays on this machine. Needs Debian's chromium package and the built web app (make web).

Flags:
`

func (c *extractCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("extract", c.Stderr, extractUsage)
	out := fs.String("o", "", "write the recording to this `file` (- for standard output)")
	model := fs.String("model", stretchwise.DefaultPoseModel, "pose model: lite or full")
	engine := fs.String("engine", "cpu", "pose engine: cpu (MediaPipe Tasks, networks on the CPU) or webgl (the older MediaPipe Pose graph, in software WebGL without a GPU)")
	fps := fs.Float64("fps", 0, "sample this many frames per second (default: the video's own rate)")
	view := fs.String("view", "unknown", "camera view for the header: "+viewNames())
	exercise := fs.String("exercise", "unknown", "exercise for the header, e.g. bird-dog, thomas-test, half-kneeling-hip-flexor")
	webDir := fs.String("web", "", "`dir`ectory of the built web app (default: embedded, else web/dist)")
	chromium := fs.String("chromium", "", "Chromium `binary` (default: chromium from PATH)")
	stall := fs.Duration("stall", 2*time.Minute, "fail when the page makes no progress for this long")
	quiet := fs.Bool("q", false, "no progress bar")
	jobs := fs.Int("j", batchJobs(runtime.NumCPU(), memAvailable()), "with several videos, extract this many at once (one browser each; default: twice the cores, as many as the free memory holds)")
	seekEvery := fs.Bool("seek-every-frame", false, "reach every frame by seeking rather than by playing the video on (slower; the same frames)")
	timeline := fs.String("timeline", "", "write to this `file` when frames were done (seconds since the start, frames done, total) and when the command ended, for docs/bench")

	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 0:
		return usageError("want at least one VIDEO; see stretchwise extract -h")
	case *out == "":
		return usageError("-o REC.jsonl is required")
	case *model != "lite" && *model != "full":
		return usageError("--model must be lite or full, got %q", *model)
	case len(pos) > 1 && *out == "-":
		return usageError("-o - takes one VIDEO; with several, -o is a directory")
	case *jobs < 1:
		return usageError("-j must be at least 1, got %d", *jobs)
	case *engine != "cpu" && *engine != "webgl":
		return usageError("--engine must be cpu or webgl, got %q", *engine)
	case *fps < 0 || *fps > 240:
		return usageError("--fps must be between 0 and 240, got %g", *fps)
	case !stretchwise.View(*view).Valid():
		return usageError("--view %q is not one of %s", *view, viewNames())
	}

	opts := extractOptions{
		Video: pos[0], Model: *model, Engine: *engine, FPS: *fps,
		View: stretchwise.View(*view), Exercise: stretchwise.Exercise(*exercise),
		WebDir: *webDir, Chromium: *chromium, Stall: *stall, Log: c.Stderr, SeekEveryFrame: *seekEvery,
	}
	if len(pos) > 1 {
		if *timeline != "" {
			return usageError("--timeline takes one VIDEO")
		}
		return c.batch(ctx, pos, *out, *jobs, *quiet, opts)
	}
	var bar *progressBar
	if !*quiet {
		bar = newProgressBar(c.Stderr, "extract "+filepath.Base(pos[0]))
		opts.Progress = bar.Update
	}
	if *timeline != "" {
		tl, err := os.Create(*timeline)
		if err != nil {
			return fmt.Errorf("timeline: %w", err)
		}
		defer tl.Close()
		start := time.Now()
		fmt.Fprintln(tl, "# seconds since the start, frames done, total; the last line: when the command ended")
		show := opts.Progress
		opts.Progress = func(done, total int) {
			fmt.Fprintf(tl, "%.3f %d %d\n", time.Since(start).Seconds(), done, total)
			if show != nil {
				show(done, total)
			}
		}
		defer func() { fmt.Fprintf(tl, "%.3f end\n", time.Since(start).Seconds()) }()
	}
	res, err := extractVideo(ctx, opts)
	bar.Finish()
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err = c.Stdout.Write(res.Recording)
	} else {
		err = writeFileAtomic(*out, res.Recording)
	}
	if err != nil {
		return err
	}
	// What the camera could not see, in the words analyze uses in its
	// reasons: the recording is kept, but the person learns how to film
	// the next one.
	if rec, err := recording.ReadBytes(res.Recording, recording.Limits{}); err == nil {
		for _, n := range framing.Check(rec, framing.DefaultConfig) {
			fmt.Fprintln(c.Stderr, "note: "+n.Message)
		}
	}
	if !*quiet {
		n := float64(max(res.Frames, 1))
		fmt.Fprintf(c.Stderr, "%s: %d frames at %g fps, a person in %d (%.1f%%), %.2f s per frame (%.2f s in MediaPipe), %.1f s in all, %.3f CPU s per frame, %d frames sought\n",
			*out, res.Frames, res.FPS, res.Detected, 100*float64(res.Detected)/n,
			res.Wall.Seconds()/n, res.PoseSeconds/n, res.Wall.Seconds(), res.BrowserCPU.Seconds()/n, res.Seeks)
		if res.StartFrames > 0 && res.Frames > res.StartFrames {
			fmt.Fprintf(c.Stderr, "cpu: %.2f s to start and the first %d frames, then %.3f s per frame\n",
				res.StartCPU.Seconds(), res.StartFrames, (res.BrowserCPU-res.StartCPU).Seconds()/float64(res.Frames-res.StartFrames))
		}
	}
	return nil
}

// batch extracts several videos into dir, jobs at a time, each in its own
// browser. A failed video is reported and the others go on; the error says
// which failed.
func (c *extractCommand) batch(ctx context.Context, videos []string, dir string, jobs int, quiet bool, opts extractOptions) error {
	outs := make([]string, len(videos))
	seen := map[string]string{}
	for i, v := range videos {
		name := strings.TrimSuffix(filepath.Base(v), filepath.Ext(v)) + ".jsonl"
		if other, ok := seen[name]; ok {
			return usageError("%s and %s would both be written to %s", other, v, name)
		}
		seen[name] = v
		outs[i] = filepath.Join(dir, name)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	start := time.Now()
	var (
		mu     sync.Mutex // guards the tally and the progress lines
		n      int
		failed []string
		frames int
		cpu    time.Duration
	)
	var g errgroup.Group // a failed video is tallied, not returned: the others go on
	g.SetLimit(jobs)
	for i, v := range videos {
		g.Go(func() error {
			o := opts
			o.Video, o.Log = v, nil
			res, err := extractVideo(ctx, o)
			if err == nil {
				err = writeFileAtomic(outs[i], res.Recording)
			}
			mu.Lock()
			defer mu.Unlock()
			n++
			if err != nil {
				failed = append(failed, v)
				fmt.Fprintf(c.Stderr, "[%d/%d] %s: %v\n", n, len(videos), v, err)
				return nil
			}
			frames += res.Frames
			cpu += res.BrowserCPU
			if !quiet {
				fmt.Fprintf(c.Stderr, "[%d/%d] %s: %d frames, a person in %d, %.1f s, %.2f CPU s per frame\n",
					n, len(videos), outs[i], res.Frames, res.Detected, res.Wall.Seconds(), res.BrowserCPU.Seconds()/float64(max(res.Frames, 1)))
			}
			return nil
		})
	}
	_ = g.Wait() // each video returns nil: its error is tallied above
	if !quiet {
		fmt.Fprintf(c.Stderr, "%d videos, %d frames in %.1f s (%d at once), %.2f CPU s per frame\n",
			len(videos)-len(failed), frames, time.Since(start).Seconds(), min(jobs, len(videos)), cpu.Seconds()/float64(max(frames, 1)))
	}
	if len(failed) > 0 {
		return fmt.Errorf("extract: %d of %d videos failed: %s", len(failed), len(videos), strings.Join(failed, ", "))
	}
	return nil
}

// browserMemory is the memory counted for one extraction: the peak
// proportional set size of a batch's processes was 610-700 MB per browser
// with two and four at once (full model, docs/benchmarks.md, "Batch
// extraction"); 1 GB leaves room for larger videos.
const browserMemory = 1 << 30

// batchJobs is how many videos a batch extracts at once by default: twice
// the cores, because one extraction keeps less than a core busy (between
// frames it waits for the video player to present the next one; on the
// idle 2-core machine one at a time kept the cores 41 % busy, one per core
// 64-71 %, two per core 82 %), but no more than avail bytes of free memory
// hold at browserMemory each (avail 0: not known), and at least one.
func batchJobs(cores int, avail uint64) int {
	n := 2 * cores
	if avail > 0 {
		n = min(n, int(avail/browserMemory))
	}
	return max(n, 1)
}

// memAvailable is the memory available to new programs (Linux's
// MemAvailable), in bytes; 0 where it is not known.
func memAvailable() uint64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "MemAvailable:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

func viewNames() string {
	names := make([]string, len(stretchwise.Views))
	for i, v := range stretchwise.Views {
		names[i] = string(v)
	}
	return strings.Join(names, ", ")
}

// errChromiumMissing is returned when no Chromium binary can be found.
var errChromiumMissing = errors.New("chromium not found: install Debian's chromium package (apt-get install chromium)")

// findChromium returns the browser to run: path when given, else the first
// of Debian's chromium names on PATH.
func findChromium(path string) (string, error) {
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("%w (--chromium %s: %v)", errChromiumMissing, path, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errChromiumMissing
}

// extractVideo runs one extraction. It checks everything it needs (the
// video, the built app, Chromium) before starting the browser.
func extractVideo(ctx context.Context, o extractOptions) (*extractResult, error) {
	start := time.Now()
	st, err := os.Stat(o.Video)
	if err != nil {
		return nil, fmt.Errorf("video: %w", err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("video: %s is a directory", o.Video)
	}
	app, err := web.Open(o.WebDir)
	if err != nil {
		return nil, err
	}
	if o.Engine == "" {
		o.Engine = "cpu"
	}
	need := "mediapipe/pose_landmarker_" + o.Model + ".task"
	if o.Engine == "webgl" {
		need = "mediapipe/pose.js"
	}
	if _, err := fs.Stat(app, need); err != nil {
		return nil, fmt.Errorf("%w: the build has no %s (run 'make web')", web.ErrNotBuilt, need)
	}
	browser, err := findChromium(o.Chromium)
	if err != nil {
		return nil, err
	}
	if o.FPS == 0 {
		o.FPS = probeFPS(ctx, o.Video) // 0 when ffprobe is missing: the page estimates
	}
	if o.Stall <= 0 {
		o.Stall = 2 * time.Minute
	}

	// Listen first, then serve: the port is ours before the browser starts.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen on 127.0.0.1: %w", err)
	}
	token, err := randomToken()
	if err != nil {
		return nil, err
	}
	videoPath := "/__extract/" + token + "/video" + strings.ToLower(filepath.Ext(o.Video))
	srv := &http.Server{Handler: extractHandler(app, videoPath, o.Video), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	profile, err := newProfileDir(o.ProfileRoot)
	if err != nil {
		return nil, fmt.Errorf("browser profile: %w", err)
	}
	var group browserGroup

	allocOpts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU, // also sets --enable-unsafe-swiftshader: WebGL in software
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("autoplay-policy", "no-user-gesture-required"),
		chromedp.WindowSize(1280, 800),
		// chromedp's list, and Chromium's omnibox popups drawn as web pages:
		// headless Chromium 156 started a renderer process for them that
		// cost 0.6-0.7 CPU s of every extraction's start-up (measured per
		// process from /proc); with these two off it is not started.
		chromedp.Flag("disable-features", "site-per-process,Translate,BlinkGenPropertyTrees,WebUIOmniboxPopup,WebUIOmniboxAimPopup"),
		chromedp.ModifyCmdFunc(group.modify),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, allocOpts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	// However the extraction ends (done, an error, canceled, even while
	// the browser starts): every browser process ends before the profile
	// folder is removed, so none writes into it again.
	defer func() {
		cancelBrowser()
		cancelAlloc()
		group.end(profile, 10*time.Second)
		os.RemoveAll(profile)
	}()

	consoleErrs := make(chan string, 16)
	chromedp.ListenTarget(bctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *cdpruntime.EventExceptionThrown:
			msg = ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil && ev.ExceptionDetails.Exception.Description != "" {
				msg += ": " + ev.ExceptionDetails.Exception.Description
			}
		case *cdpruntime.EventConsoleAPICalled:
			if ev.Type != cdpruntime.APITypeError {
				return
			}
			var parts []string
			for _, a := range ev.Args {
				if a.Value != nil {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			msg = strings.Join(parts, " ")
		default:
			return
		}
		select {
		case consoleErrs <- msg:
		default:
		}
	})

	q := url.Values{}
	q.Set("src", videoPath)
	q.Set("model", o.Model)
	q.Set("engine", o.Engine)
	q.Set("preview", "0") // nobody watches: no video, skeleton or progress drawn
	if o.SeekEveryFrame {
		q.Set("seek", "every")
	}
	if o.FPS > 0 {
		q.Set("fps", strconv.FormatFloat(o.FPS, 'g', -1, 64))
	}
	q.Set("view", string(o.View))
	q.Set("exercise", string(o.Exercise))
	page := "http://" + ln.Addr().String() + "/extract?" + q.Encode()
	if err := chromedp.Run(bctx, chromedp.Navigate(page)); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if errors.Is(err, exec.ErrNotFound) || strings.Contains(err.Error(), "executable file not found") {
			return nil, errChromiumMissing
		}
		return nil, fmt.Errorf("start chromium (%s): %w", browser, err)
	}

	var st8 web.ExtractState
	var lastDone = -1
	var startCPU time.Duration
	var startFrames int
	lastChange := time.Now()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case msg := <-consoleErrs:
			if o.Log != nil {
				fmt.Fprintf(o.Log, "\nchromium console: %s\n", msg)
			}
			continue
		case <-tick.C:
		}
		if err := chromedp.Run(bctx, chromedp.Evaluate(pageStateJS, &st8)); err != nil {
			return nil, fmt.Errorf("read extraction state: %w", err)
		}
		if st8.Done != lastDone {
			if lastDone <= 0 && st8.Done > 0 {
				startCPU, startFrames = browserCPU(bctx), st8.Done
			}
			lastDone, lastChange = st8.Done, time.Now()
			if o.Progress != nil && st8.Total > 0 {
				o.Progress(st8.Done, st8.Total)
			}
		}
		switch st8.State {
		case web.ExtractError:
			return nil, fmt.Errorf("extract %s: %s", o.Video, st8.Error)
		case web.ExtractDone:
			var text string
			if err := chromedp.Run(bctx, chromedp.Evaluate(`window.stretchwiseExtract.text`, &text)); err != nil {
				return nil, fmt.Errorf("read recording from the page: %w", err)
			}
			// The page must write the format exactly: check it with the
			// same reader the server and the CLI use.
			rec, err := recording.Read(strings.NewReader(text), recording.Limits{})
			if err != nil {
				return nil, fmt.Errorf("extract %s: the page wrote an invalid recording: %w", o.Video, err)
			}
			return &extractResult{
				Recording: []byte(text), Frames: len(rec.Frames), Detected: st8.Detected,
				FPS: st8.FPS, PoseSeconds: st8.PoseSeconds, Seeks: st8.Seeks, Wall: time.Since(start),
				BrowserCPU: browserCPU(bctx), StartCPU: startCPU, StartFrames: startFrames,
			}, nil
		}
		if time.Since(lastChange) > o.Stall {
			return nil, fmt.Errorf("extract %s: no progress for %s (state %q, frame %d of %d)", o.Video, o.Stall, st8.State, st8.Done, st8.Total)
		}
	}
}

// newProfileDir makes a directory for the browser's profile: in memory
// (Linux's /dev/shm) where there is one, else in the system's temporary
// directory. Removing the profile after an extraction (some 165 files:
// Chromium's GPU and code caches, its metrics) took 0.5-1.3 s of wall time
// on the loaded machine's disk, after the last frame.
func newProfileDir(root string) (string, error) {
	if root != "" {
		return os.MkdirTemp(root, "stretchwise-chromium-")
	}
	if dir, err := os.MkdirTemp("/dev/shm", "stretchwise-chromium-"); err == nil {
		return dir, nil
	}
	return os.MkdirTemp("", "stretchwise-chromium-")
}

// browserCPU is the CPU time the browser of ctx and its child processes
// have used so far; 0 where it is not measured.
func browserCPU(ctx context.Context) time.Duration {
	if c := chromedp.FromContext(ctx); c != nil && c.Browser != nil && c.Browser.Process() != nil {
		return cpuclock.Tree(c.Browser.Process().Pid)
	}
	return 0
}

// pageStateJS reads the page's window.stretchwiseExtract (web.ExtractState)
// without the text.
const pageStateJS = `(() => {
  const s = window.stretchwiseExtract;
  if (!s) return {state: "loading", done: 0, total: 0, detected: 0, fps: 0, poseSeconds: 0, seeks: 0, error: ""};
  return {state: s.state, done: s.done, total: s.total, detected: s.detected, fps: s.fps, poseSeconds: s.poseSeconds, seeks: s.seeks || 0, error: s.error};
})()`

// extractHandler serves the built app with the SPA fallback and the one
// video at videoPath (with range requests, which seeking needs). Nothing
// it serves is stored in the browser's cache: the profile is new for each
// extraction and removed after it, and the cached app, model and video
// (some 25 MB) were written to disk and removed again every time, which
// took 1.3 s of a loaded machine's wall time after the last frame.
func extractHandler(app fs.FS, videoPath, video string) http.Handler {
	files := http.FileServerFS(app)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		if r.URL.Path == videoPath {
			http.ServeFile(w, r, video)
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name != "" {
			if _, err := fs.Stat(app, name); errors.Is(err, fs.ErrNotExist) {
				// A route of the app, not a file: serve the app's page.
				r2 := r.Clone(r.Context())
				r2.URL.Path = "/"
				files.ServeHTTP(w, r2)
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}

// probeFPS returns the video's average frame rate as ffprobe reports it, or
// 0 when ffprobe is missing or does not know.
func probeFPS(ctx context.Context, video string) float64 {
	ffprobe, err := exec.LookPath("ffprobe")
	if err != nil {
		return 0
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, ffprobe, "-v", "error", "-select_streams", "v:0",
		"-show_entries", "stream=avg_frame_rate,r_frame_rate", "-of", "json", video).Output()
	if err != nil {
		return 0
	}
	var p struct {
		Streams []struct {
			Avg string `json:"avg_frame_rate"`
			R   string `json:"r_frame_rate"`
		} `json:"streams"`
	}
	if json.Unmarshal(out, &p) != nil || len(p.Streams) == 0 {
		return 0
	}
	for _, s := range []string{p.Streams[0].Avg, p.Streams[0].R} {
		if f := parseRate(s); f > 0 && f <= 240 {
			return f
		}
	}
	return 0
}

// parseRate parses ffprobe's "30000/1001" or "25"; 0 when invalid. The
// result is rounded to 3 decimals (29.97), enough for frame times.
func parseRate(s string) float64 {
	num, den, ok := strings.Cut(s, "/")
	n, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0
	}
	d := 1.0
	if ok {
		if d, err = strconv.ParseFloat(den, 64); err != nil || d == 0 {
			return 0
		}
	}
	r := n / d
	if !(r > 0) {
		return 0
	}
	return float64(int64(r*1000+0.5)) / 1000
}

func randomToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// writeFileAtomic writes data to name through a temporary file in the same
// directory and a rename, so readers never see a half-written recording.
func writeFileAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// progressBar draws frames done, the share and the time left on a
// terminal, or a line every tenth when the output is not a terminal.
type progressBar struct {
	w       io.Writer
	label   string
	tty     bool
	now     func() time.Time // the clock; tests pass a fake one
	eta     etaEstimator
	lastDec int
	drawn   bool
}

func newProgressBar(w io.Writer, label string) *progressBar {
	tty := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	return &progressBar{w: w, label: label, tty: tty, now: time.Now, lastDec: -1}
}

// Update shows that done of total frames are done.
func (b *progressBar) Update(done, total int) {
	if b == nil || total <= 0 {
		return
	}
	b.eta.add(b.now(), done)
	eta := "–"
	if left, ok := b.eta.left(total); ok {
		eta = formatLeft(left)
	}
	frac := float64(done) / float64(total)
	if b.tty {
		const width = 30
		fill := int(frac * width)
		fmt.Fprintf(b.w, "\r%s [%s%s] %d/%d frames %3.0f%% ETA %s ", b.label,
			strings.Repeat("#", fill), strings.Repeat("-", width-fill), done, total, 100*frac, eta)
		b.drawn = true
		return
	}
	if dec := int(frac * 10); dec != b.lastDec {
		b.lastDec = dec
		fmt.Fprintf(b.w, "%s: %d/%d frames %3.0f%% ETA %s\n", b.label, done, total, 100*frac, eta)
	}
}

// formatLeft writes a time left to the second, or to the tenth of a second
// under 10 s (where a whole second is a large part of it).
func formatLeft(d time.Duration) string {
	if d < 10*time.Second {
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}

// etaEstimator estimates the time an extraction has left from when the
// driver saw its frames done (it polls the page every 250 ms).
//
// The pace is the mean time per frame since the first poll that saw a frame
// done: the browser's start-up and loading the model are before it. On the
// recorded runs (testdata/progress, docs/benchmarks.md) this mean did
// better than the pace of the later half or the last seconds: on a shared
// machine the pace changes from second to second (other work, a seek where
// the player skipped a frame, the player's rate), and those changes mostly
// pass, so the shorter windows followed noise.
//
// After the last frame the driver sees the page done (at its next poll, or
// the same), reads and checks the recording, closes the browser, removes
// its profile and writes the file: measured 0.05-0.56 s, counted as
// finishFixed plus finishFrames frames' time (our fit of the recorded runs;
// the same load slows the frames and the end).
type etaEstimator struct {
	samples []etaSample // one per change of done, in order
}

const (
	finishFixed  = 100 * time.Millisecond
	finishFrames = 0.5
)

type etaSample struct {
	at   time.Time
	done int
}

// add records that done frames were done at time at.
func (e *etaEstimator) add(at time.Time, done int) {
	if done <= 0 || (len(e.samples) > 0 && e.samples[len(e.samples)-1].done >= done) {
		return
	}
	e.samples = append(e.samples, etaSample{at, done})
}

// left returns the time left for total frames, and false until two samples
// of done frames give a pace.
func (e *etaEstimator) left(total int) (time.Duration, bool) {
	if len(e.samples) < 2 {
		return 0, false
	}
	first, last := e.samples[0], e.samples[len(e.samples)-1]
	per := last.at.Sub(first.at).Seconds() / float64(last.done-first.done)
	rest := per*(float64(max(total-last.done, 0))+finishFrames) + finishFixed.Seconds()
	return time.Duration(rest * float64(time.Second)), true
}

// Finish ends the bar's line.
func (b *progressBar) Finish() {
	if b != nil && b.tty && b.drawn {
		fmt.Fprintln(b.w)
	}
}
