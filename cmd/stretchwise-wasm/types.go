//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/coach"
	"github.com/stretchwise/stretchwise/demo"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/internal/tsgen"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/synth"
	"github.com/stretchwise/stretchwise/web"
)

// typesHeader opens the generated file.
const typesHeader = `// Generated from the Go types by ` + "`go run ./cmd/stretchwise-wasm types`" + ` (npm run
// engine-types, before every build and test): what the WebAssembly engine
// answers the page, what the page sends it, and the recording format the
// page builds. Do not edit; rename in Go (docs/web.md, "Types from Go").
`

// engineTypes returns the TypeScript declarations of the engine's wire
// types (package tsgen) and of its exports (RawEngine, exports.go).
func engineTypes() (string, error) {
	g := tsgen.New()
	tsgen.Enum(g, "View", stretchwise.Views...)
	tsgen.Enum(g, "FramingProblem", framing.Problems...)
	tsgen.Add[errorJSON](g, "EngineErrorAnswer", "A failed call's answer: a code and a message safe to show.")
	tsgen.Add[coachConfig](g, "CoachSettings", "What the page may set for a live coach (newCoach); zero values keep the coach's own.")
	tsgen.Add[coach.Answer](g, "CoachAnswer", "A live coach's answer for one frame (coach).")
	tsgen.Add[coachInfo](g, "CoachInfo", "A registered live coach (coaches()).")
	tsgen.Add[framingOutput](g, "FramingAnswer", "The live framing check's answer for one frame (framing).")
	tsgen.Add[framingNote](g, "FramingNote", "A framing problem of the live picture, in the engine's words.")
	tsgen.Add[exerciseAnswer](g, "LibraryExercise", "An exercise of the library with the dose of each level (exercise(id)).")
	tsgen.Add[screeningAnswer](g, "ScreeningTest", "A screening test of the library (screenings()): what to do, where the camera goes, and the body parts it needs in view.")
	tsgen.Add[screeningPart](g, "ScreeningPart", "A body part the screening page waits to see, as its left and right landmark indices.")
	tsgen.Add[demo.Entry](g, "DemoEntry", "A demonstration the engine can draw (demoCatalog()).")
	tsgen.Add[demo.Variant](g, "DemoVariant", "The good form or a fault a demonstration shows.")
	tsgen.Add[demo.Hidden](g, "DemoHidden", "A fault of the library a demonstration cannot show, and why.")
	tsgen.Add[demoRequest](g, "DemoRequest", "What the page asks demo() to draw.")
	tsgen.Add[demo.Animation](g, "Animation", "A demonstration drawn: frames of 33 image landmarks (demo()).")
	tsgen.Add[synth.Phase](g, "DemoPhase", "A phase of a demonstration's motion.")
	tsgen.Add[stretchwise.Header](g, "RecordingHeader", "The header line of a recording (docs/recording-format.md); other keys are kept.")
	tsgen.Add[recording.FrameLine](g, "RecordingFrame", "A frame line of a recording (docs/recording-format.md).")
	tsgen.Enum(g, "ExtractStep", web.ExtractSteps...)
	tsgen.Add[web.ExtractState](g, "ExtractState", "What the extraction page exposes on window.stretchwiseExtract for `stretchwise extract` to poll.")
	rawEngine(g)
	return g.Source(typesHeader)
}

// writeTypes writes the engine's TypeScript types to path.
func writeTypes(path string) error {
	src, err := engineTypes()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		return fmt.Errorf("write the engine's types: %w", err)
	}
	return nil
}
