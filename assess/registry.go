package assess

import (
	"fmt"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/internal/registry"
)

// Assessment is what an assessment package registers: the exercise it
// assesses (the id of its screening in library/exercises.json, which holds
// the exercise's data: position, camera views, verdicts, body parts,
// steps) and the function that assesses a prepared recording. The package
// registers it from an init function; package analysis imports every
// assessment package (analysis/assessments.go) and runs the one
// registered for a recording's exercise. docs/adding-an-exercise.md.
type Assessment struct {
	Exercise stretchwise.Exercise
	Assess   func(in *Input) stretchwise.Report
}

var assessments registry.Of[stretchwise.Exercise, Assessment]

// Register adds an assessment. It panics on an empty exercise, a nil
// function or an exercise registered twice: programmer mistakes that
// every test run catches.
func Register(a Assessment) {
	if a.Exercise == "" || a.Exercise == stretchwise.ExerciseUnknown || a.Assess == nil {
		panic(fmt.Sprintf("assess: Register(%q): want an exercise name and an Assess function", a.Exercise))
	}
	if !assessments.Add(a.Exercise, a) {
		panic(fmt.Sprintf("assess: %q registered twice", a.Exercise))
	}
}

// Lookup returns the assessment registered for ex.
func Lookup(ex stretchwise.Exercise) (Assessment, bool) { return assessments.Get(ex) }

// Registered returns the exercises with a registered assessment, in the
// order they registered.
func Registered() []stretchwise.Exercise { return assessments.Keys() }
