//go:build ignore

// webround rewrites a recording with its numbers rounded as the web app
// rounds them before upload (web/src/recording.ts): image coordinates to 5
// decimals, world coordinates and visibility to 4, time to 6. The load runs
// of docs/benchmarks.md use it to turn the full-precision synthetic bird
// dog into a web-like upload:
//
//	go run docs/bench/webround.go < synth60.jsonl > web60.jsonl
package main

import (
	"bufio"
	"fmt"
	"math"
	"os"

	"github.com/stretchwise/stretchwise/recording"
)

func main() {
	rec, err := recording.Read(bufio.NewReader(os.Stdin), recording.Limits{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "webround:", err)
		os.Exit(1)
	}
	r := func(v, k float64) float64 { return math.Round(v*k) / k }
	for i := range rec.Frames {
		f := &rec.Frames[i]
		f.T = r(f.T, 1e6)
		for j := range f.Image {
			l, w := &f.Image[j], &f.World[j]
			l.X, l.Y, l.Z, l.Visibility = r(l.X, 1e5), r(l.Y, 1e5), r(l.Z, 1e5), r(l.Visibility, 1e4)
			w.X, w.Y, w.Z, w.Visibility = r(w.X, 1e4), r(w.Y, 1e4), r(w.Z, 1e4), r(w.Visibility, 1e4)
		}
	}
	out := bufio.NewWriter(os.Stdout)
	if err := recording.Write(out, rec); err == nil {
		err = out.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "webround:", err)
		os.Exit(1)
	}
}
