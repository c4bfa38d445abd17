//go:build ignore

// memupload measures the memory one upload holds while the server parses
// and analyzes it: the peak of the live heap (sampled every millisecond,
// with the collector at GOGC=10 so that the heap stays close to what is
// live) above the heap before, for each recording given:
//
//	go run docs/bench/genrec.go -frames 33000 > /tmp/rec-max.jsonl
//	go run docs/bench/memupload.go /tmp/rec60.jsonl /tmp/rec-max.jsonl
//
// The http package's limiter charges an upload analysisBytesPerByte times
// its size from these figures (docs/operations.md, "Memory").
package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/internal/heappeak"
	"github.com/stretchwise/stretchwise/recording"
)

func main() {
	debug.SetGCPercent(10)
	an := &analysis.Analyzer{Options: analysis.DefaultOptions}
	for _, name := range os.Args[1:] {
		raw, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var rec *stretchwise.Recording
		p := heappeak.Growth(func() {
			rec, err = recording.ReadBytes(raw, recording.Limits{MaxBytes: 64 << 20, MaxFrames: 36000})
			if err == nil {
				_, err = an.Analyze(context.Background(), rec)
			}
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d frames, %.1f MB, peak live heap %.0f MB above the body (%.1f times its size)\n",
			name, len(rec.Frames), float64(len(raw))/1e6, float64(p)/1e6, float64(p)/float64(len(raw)))
	}
}
