//go:build ignore

// livefps measures the live camera page's frame rate in headless Chromium,
// with a video file as the fake camera: frames the page estimated per
// second, and the CPU time of Chromium's processes per frame. docs/bench/
// extract.sh runs it for both pose engines:
//
//	go run docs/bench/livefps.go -engine cpu -camera clip.y4m [-seconds 10] [-web web/dist]
//
// It serves the built app itself (the camera page needs no account) from
// 127.0.0.1 on a free port.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/stretchwise/stretchwise/internal/cpuclock"
)

func main() {
	engine := flag.String("engine", "cpu", "pose engine: cpu or webgl")
	camera := flag.String("camera", "", "y4m file played as the camera")
	seconds := flag.Float64("seconds", 10, "seconds to count frames, after the person is found")
	webDir := flag.String("web", "web/dist", "built web app")
	flag.Parse()
	if err := run(*engine, *camera, *webDir, time.Duration(*seconds*float64(time.Second))); err != nil {
		fmt.Fprintln(os.Stderr, "livefps:", err)
		os.Exit(1)
	}
}

func run(engine, camera, webDir string, span time.Duration) error {
	if camera == "" {
		return errors.New("-camera is required")
	}
	app := os.DirFS(webDir)
	files := http.FileServerFS(app)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := fs.Stat(app, strings.TrimPrefix(path.Clean(r.URL.Path), "/")); err != nil {
			r.URL.Path = "/" // a route of the app: its page
		}
		files.ServeHTTP(w, r)
	}))
	profile, err := os.MkdirTemp("", "livefps-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath("chromium"), chromedp.UserDataDir(profile), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", camera),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	var frames string
	count := func() (int, error) {
		err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector('.stage')?.dataset.frames ?? "0"`, &frames))
		n, _ := strconv.Atoi(frames)
		return n, err
	}
	err = chromedp.Run(ctx,
		chromedp.Navigate("http://"+ln.Addr().String()+"/camera?engine="+engine),
		chromedp.WaitVisible(`button.primary`),
		chromedp.Click(`button.primary`),
		chromedp.WaitVisible(`[data-testid="person-status"][data-found="true"]`),
	)
	if err != nil {
		return fmt.Errorf("start the camera page: %w", err)
	}
	time.Sleep(2 * time.Second) // past the first frames' warm-up
	pid := chromedp.FromContext(ctx).Browser.Process().Pid
	n0, err := count()
	if err != nil {
		return err
	}
	c0, t0 := cpuclock.Tree(pid), time.Now()
	time.Sleep(span)
	n1, err := count()
	if err != nil {
		return err
	}
	c1, t1 := cpuclock.Tree(pid), time.Now()
	n := n1 - n0
	fmt.Printf("live %s: %d frames in %.1f s = %.2f frames/s, %.3f CPU s per frame (Chromium)\n",
		engine, n, t1.Sub(t0).Seconds(), float64(n)/t1.Sub(t0).Seconds(), (c1-c0).Seconds()/float64(max(n, 1)))
	return nil
}
