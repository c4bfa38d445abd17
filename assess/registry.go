package assess

import (
	"fmt"
	"sync"

	"github.com/stretchwise/stretchwise"
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

var registry = struct {
	sync.RWMutex
	m map[stretchwise.Exercise]Assessment
}{m: map[stretchwise.Exercise]Assessment{}}

// Register adds an assessment. It panics on an empty exercise, a nil
// function or an exercise registered twice: programmer mistakes that
// every test run catches.
func Register(a Assessment) {
	registry.Lock()
	defer registry.Unlock()
	if a.Exercise == "" || a.Exercise == stretchwise.ExerciseUnknown || a.Assess == nil {
		panic(fmt.Sprintf("assess: Register(%q): want an exercise name and an Assess function", a.Exercise))
	}
	if _, dup := registry.m[a.Exercise]; dup {
		panic(fmt.Sprintf("assess: %q registered twice", a.Exercise))
	}
	registry.m[a.Exercise] = a
}

// Lookup returns the assessment registered for ex.
func Lookup(ex stretchwise.Exercise) (Assessment, bool) {
	registry.RLock()
	defer registry.RUnlock()
	a, ok := registry.m[ex]
	return a, ok
}

// Registered returns the exercises with a registered assessment.
func Registered() []stretchwise.Exercise {
	registry.RLock()
	defer registry.RUnlock()
	out := make([]stretchwise.Exercise, 0, len(registry.m))
	for ex := range registry.m {
		out = append(out, ex)
	}
	return out
}
