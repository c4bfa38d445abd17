package main

import (
	"fmt"
	"os"
	"slices"
	"testing"
)

// TestMain fails the run if a test left anything in the package's folder
// of the source tree (a server started without --data writes ./data
// there): tests work in temporary folders.
func TestMain(m *testing.M) {
	before, err := os.ReadDir(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	after, _ := os.ReadDir(".")
	for _, e := range after {
		if !slices.ContainsFunc(before, func(b os.DirEntry) bool { return b.Name() == e.Name() }) {
			fmt.Fprintf(os.Stderr, "a test left %s in the source tree; use t.TempDir()\n", e.Name())
			code = 1
		}
	}
	os.Exit(code)
}
