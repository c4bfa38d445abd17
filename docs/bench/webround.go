//go:build ignore

// webround rewrites a recording with its numbers rounded as the web app
// rounds them before upload (recording.RoundAsWeb: image coordinates to 5
// decimals, world coordinates and visibility to 4, time to 6). The load runs
// of docs/benchmarks.md use it to turn the full-precision synthetic bird
// dog into a web-like upload:
//
//	go run docs/bench/webround.go < synth60.jsonl > web60.jsonl
package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/stretchwise/stretchwise/recording"
)

func main() {
	rec, err := recording.Read(bufio.NewReader(os.Stdin), recording.Limits{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "webround:", err)
		os.Exit(1)
	}
	recording.RoundAsWeb(rec)
	out := bufio.NewWriter(os.Stdout)
	if err := recording.Write(out, rec); err == nil {
		err = out.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "webround:", err)
		os.Exit(1)
	}
}
