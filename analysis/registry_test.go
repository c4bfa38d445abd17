package analysis_test

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/assess"
	"github.com/stretchwise/stretchwise/library"
	"github.com/stretchwise/stretchwise/synth"
)

// TestEveryScreeningAssessed: every screening of the library has a
// registered assessment, and every registered assessment a screening.
func TestEveryScreeningAssessed(t *testing.T) {
	lib := library.Default()
	for _, sc := range lib.Screenings {
		if _, ok := assess.Lookup(stretchwise.Exercise(sc.ID)); !ok {
			t.Errorf("screening %q has no registered assessment: add its package to analysis/assessments.go", sc.ID)
		}
	}
	for _, ex := range assess.Registered() {
		if _, ok := lib.Screening(ex); !ok && ex != toyExercise {
			t.Errorf("assessment %q has no screening in library/exercises.json", ex)
		}
	}
}

// The toy exercise of TestAddAnExercise: standing still, assessed by how
// long the person stood.
const toyExercise stretchwise.Exercise = "toy-stand"

// Step 2 of docs/adding-an-exercise.md: the package registers its
// assessment and its synthetic motion from an init function.
func init() {
	assess.Register(assess.Assessment{Exercise: toyExercise, Assess: func(in *assess.Input) stretchwise.Report {
		frames := in.Clean.Frames
		held := frames[len(frames)-1].T - frames[0].T
		return stretchwise.Report{
			Verdict:  stretchwise.VerdictGood,
			Measures: []stretchwise.Measure{{Name: "stood_s", Value: held, Unit: "s"}},
		}
	}})
	// Its synthetic motion: six seconds of standing still.
	synth.RegisterMotion(toyExercise, func(func(any) error, []synth.FaultSpec) (*synth.Motion, error) {
		return synth.Keyframes(toyExercise, stretchwise.PostureStanding, true, []synth.Key{{TS: 0, Phase: synth.PhaseHold}, {TS: 6}}), nil
	})
}

// TestAddAnExercise follows docs/adding-an-exercise.md on a toy exercise
// without touching any other code: its screening in the library data (step
// 1), its registered assessment (step 2, init above); the analysis then
// recognises it from the landmarks alone, runs its assessment, and the
// library lists it with its body parts for the web app.
func TestAddAnExercise(t *testing.T) {
	// Step 1: the library data, here the embedded library plus the toy's
	// screening (the real thing is an entry in library/exercises.json).
	lib := library.Default()
	lib.Screenings = append(lib.Screenings, library.Screening{
		ID: string(toyExercise), Name: "Stand still (a toy)", Posture: stretchwise.PostureStanding,
		Views:    []stretchwise.View{stretchwise.ViewFront},
		Verdicts: []string{stretchwise.VerdictGood, stretchwise.VerdictInconclusive},
		Parts:    []library.Part{{Name: "Hips", Landmarks: [2]string{"left_hip", "right_hip"}}},
		Steps:    []string{"Stand still, facing the camera."},
		Seconds:  10,
	})
	data, err := json.Marshal(lib)
	if err != nil {
		t.Fatal(err)
	}
	lib, err = library.Parse(data) // the validation the embedded file gets
	if err != nil {
		t.Fatalf("the library with the toy screening is invalid: %v", err)
	}

	// A recording of the toy's registered synthetic motion, seen from the
	// front, with no exercise in its header.
	build, ok := synth.MotionFor(toyExercise)
	if !ok {
		t.Fatal("the toy's motion is not registered")
	}
	m, err := build(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec, _ := synth.Generate(m, synth.AverageBody(), synth.CameraFor(stretchwise.ViewFront), synth.NoiseLow, 30, rand.New(rand.NewPCG(1, 1)))
	rec.Header.Exercise = ""

	opt := analysis.DefaultOptions
	opt.Library = lib
	rep, err := analysis.Analyze(rec, opt)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Exercise != toyExercise || rep.Verdict != stretchwise.VerdictGood {
		t.Fatalf("exercise %q verdict %q (reasons %q); want the toy's assessment to run", rep.Exercise, rep.Verdict, rep.Reasons)
	}
	if m, ok := rep.Measure("stood_s", stretchwise.SideNone); !ok || m.Value < 5 {
		t.Errorf("stood_s = %+v, %v; want the toy's measure of about 6 s", m, ok)
	}
	if !slices.ContainsFunc(rep.Reasons, func(r string) bool { return strings.Contains(r, "the position of the toy-stand") }) {
		t.Errorf("reasons %q do not say the toy was inferred from the standing position", rep.Reasons)
	}

	// Without the toy's screening the same recording has no exercise: the
	// library data, not code elsewhere, made it one.
	rep, err = analysis.Analyze(rec, analysis.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Exercise != stretchwise.ExerciseUnknown {
		t.Errorf("without the toy's screening: exercise %q, want unknown", rep.Exercise)
	}

	// Listed: the library (which the engine serves to the screening page)
	// and the registry both have it.
	if sc, ok := lib.Screening(toyExercise); !ok || sc.Parts[0].Landmarks != [2]string{"left_hip", "right_hip"} {
		t.Errorf("the library does not list the toy with its parts: %+v, %v", sc, ok)
	}
	if !slices.Contains(assess.Registered(), toyExercise) {
		t.Errorf("assess.Registered() %v lacks the toy", assess.Registered())
	}
}
