//go:build !(js && wasm)

package main

import (
	"strings"
	"testing"
)

// TestEngineTypes: the TypeScript types of the engine's answers generate
// (a wire type tsgen cannot express fails here, not in the browser) and
// declare what the page imports.
func TestEngineTypes(t *testing.T) {
	src, err := engineTypes()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"CoachAnswer", "CoachInfo", "CoachSettings", "FramingAnswer", "FramingNote", "LibraryExercise",
		"ScreeningTest", "DemoEntry", "Animation", "DemoRequest", "RecordingHeader", "RecordingFrame", "EngineErrorAnswer", "View"} {
		if !strings.Contains(src, "export interface "+name+" {") && !strings.Contains(src, "export type "+name+" = ") {
			t.Errorf("the engine's types lack %s", name)
		}
	}
}
