//go:build ignore

// genrec writes the synthetic test recording the load runs upload:
//
//	go run docs/bench/genrec.go -frames 1800 > /tmp/rec60.jsonl
//
// It is storetest.RecordingText: a valid recording with image and world
// landmarks at 30 fps (1800 frames = 60 s, about 3.6 MB).
package main

import (
	"flag"
	"os"

	"github.com/stretchwise/stretchwise/storetest"
)

func main() {
	seed := flag.Int64("seed", 1, "random seed")
	frames := flag.Int("frames", 1800, "frames at 30 fps")
	flag.Parse()
	os.Stdout.Write(storetest.RecordingText(*seed, *frames))
}
