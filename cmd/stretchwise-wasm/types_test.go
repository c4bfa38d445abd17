//go:build !(js && wasm)

package main

import (
	"fmt"
	"slices"
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

// TestRawEngineDeclaresExports: the generated RawEngine declares every
// export with its parameters, as the page's calls are checked against.
func TestRawEngineDeclaresExports(t *testing.T) {
	src, err := engineTypes()
	if err != nil {
		t.Fatal(err)
	}
	_, iface, ok := strings.Cut(src, "export interface RawEngine {\n")
	if !ok {
		t.Fatal("no RawEngine in the engine's types")
	}
	iface, _, _ = strings.Cut(iface, "\n}\n")
	var members []string
	for _, l := range strings.Split(iface, "\n") {
		if l = strings.TrimSpace(l); !strings.HasPrefix(l, "/**") {
			members = append(members, l)
		}
	}
	var want []string
	for _, e := range exports() {
		if e.call == nil {
			want = append(want, fmt.Sprintf("readonly %s: %s;", e.name, e.result.ts()))
			continue
		}
		ps := []string{}
		for _, p := range e.params {
			ps = append(ps, p.name+": "+p.kind.ts())
		}
		want = append(want, fmt.Sprintf("%s(%s): %s;", e.name, strings.Join(ps, ", "), e.result.ts()))
	}
	if !slices.Equal(members, want) {
		t.Errorf("RawEngine declares\n%s\nwant\n%s", strings.Join(members, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range []string{"analyze(text: string): string;", "filter(handle: number, t: number, pose: Float64Array): string;",
		"coach(handle: number, t: number, pose: Float64Array | null): string;", "readonly visibilityGate: number;"} {
		if !slices.Contains(members, w) {
			t.Errorf("RawEngine lacks %s", w)
		}
	}
}
