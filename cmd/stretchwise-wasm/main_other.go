//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains how this command is meant to be built; the engine itself is
// tested natively (engine_test.go). Natively, `stretchwise-wasm types FILE`
// writes the TypeScript types of the engine's answers (types.go).
func main() {
	if len(os.Args) == 3 && os.Args[1] == "types" {
		if err := writeTypes(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "stretchwise-wasm:", err)
			os.Exit(1)
		}
		return
	}
	fmt.Fprintln(os.Stderr, "stretchwise-wasm runs in the browser: build it with GOOS=js GOARCH=wasm (make web); natively, types FILE writes its TypeScript types")
	os.Exit(2)
}
