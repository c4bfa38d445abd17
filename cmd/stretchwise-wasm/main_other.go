//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains how this command is meant to be built; the engine itself is
// tested natively (engine_test.go).
func main() {
	fmt.Fprintln(os.Stderr, "stretchwise-wasm runs in the browser: build it with GOOS=js GOARCH=wasm (make web)")
	os.Exit(2)
}
