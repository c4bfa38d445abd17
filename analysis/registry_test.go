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
	"github.com/stretchwise/stretchwise/coach"
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
// assessment, its synthetic motion and its live coach from an init
// function.
func init() {
	assess.Register(assess.Assessment{Exercise: toyExercise, Assess: func(in *assess.Input) stretchwise.Report {
		frames := in.Clean.Frames
		held := frames[len(frames)-1].T - frames[0].T
		return stretchwise.Report{
			Verdict:  stretchwise.VerdictGood,
			Measures: []stretchwise.Measure{{Name: "stood_s", Value: held, Unit: "s"}},
		}
	}})
	// Its synthetic motion: standing still, six seconds or as long as
	// `stretchwise synth --duration` asks, filmed from the front.
	stand := func(s float64) *synth.Motion {
		return synth.Keyframes(toyExercise, stretchwise.PostureStanding, true, []synth.Key{{TS: 0, Phase: synth.PhaseHold}, {TS: s}})
	}
	synth.RegisterMotion(synth.MotionSpec{
		Exercise: toyExercise, View: stretchwise.ViewFront,
		Build: func(func(any) error, []synth.FaultSpec) (*synth.Motion, error) { return stand(6), nil },
		Make: func(o synth.Options) *synth.Motion {
			if o.DurationS > 0 {
				return stand(o.DurationS)
			}
			return stand(6)
		},
	})
	// Its live coach: the timer runs while a person is in the picture.
	coach.Register(coach.Rules{
		Exercise: toyExercise, Name: "standing still", SideName: "side",
		TimerNote: "The timer counts while you stand in the picture.",
		New: func(targetS, _ float64) coach.Live {
			return &toyCoach{a: coach.Answer{Exercise: string(toyExercise), TargetS: max(targetS, 5), Checks: map[string]string{}, Angles: map[string]float64{}}}
		},
	})
}

// toyCoach is the toy's live coach: holding while a person is seen, done
// at the target.
type toyCoach struct {
	a     coach.Answer
	lastT float64
}

func (c *toyCoach) Update(f *stretchwise.Frame, _ float64) *coach.Answer {
	a := &c.a
	a.Cue, a.CueText = "", ""
	if f.Detected && a.HoldS < a.TargetS {
		if a.State == "holding" {
			a.HoldS = min(a.TargetS, a.HoldS+min(0.25, f.T-c.lastT))
		}
		a.State = "holding"
		if a.HoldS >= a.TargetS {
			a.State, a.Cue, a.CueText = "released", "toy_done", "Well done."
		}
	} else if a.State == "" {
		a.State = "getting_into_position"
	}
	a.T, a.InPosition, c.lastT = f.T, f.Detected, f.T
	return a
}

// TestAddAnExercise follows docs/adding-an-exercise.md on a toy exercise
// without touching any other code: its screening in the library data (step
// 1), its registered assessment, synthetic motion and live coach (step 2,
// init above); the analysis then recognises it from the landmarks alone,
// runs its assessment, the library lists it with its body parts for the
// web app, `stretchwise synth` can render it and the live coach (the
// engine's coaches(), `stretchwise coach --replay`) coaches it.
func TestAddAnExercise(t *testing.T) {
	// Step 1: the library data, here the embedded library plus the toy's
	// screening (the real thing is an entry in library/exercises.json).
	lib := library.Default()
	lib.Screenings = append(lib.Screenings, library.Screening{
		ID: string(toyExercise), Name: "Stand still (a toy)", Plain: "the standing toy", Posture: stretchwise.PostureStanding,
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

	// Step 2, its synthetic motion: a recording of it as `stretchwise
	// synth --exercise toy-stand` makes one (the command's default view,
	// its Make), with no exercise in its header.
	spec, ok := synth.MotionFor(toyExercise)
	if !ok || !slices.Contains(synth.Motions(), toyExercise) {
		t.Fatal("step 2: the toy's synthetic motion is not registered (synth.RegisterMotion)")
	}
	if m, err := spec.Build(nil, nil); err != nil || m.DurationS != 6 {
		t.Fatalf("step 2: the toy's motion from parameters: %v, %v", m, err)
	}
	m := spec.Make(synth.Options{DurationS: 8})
	rec, _ := synth.Generate(m, synth.AverageBody(), synth.CameraFor(spec.View), synth.NoiseLow, 30, rand.New(rand.NewPCG(1, 1)))
	if got := rec.Duration(); got < 7.9 {
		t.Errorf("step 2: the toy's motion for --duration 8 lasts %.2f s", got)
	}
	withExercise := *rec
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
	if !slices.ContainsFunc(rep.Reasons, func(r string) bool { return strings.Contains(r, "standing for the standing toy") }) {
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

	// Step 2, its live coach: the engine lists the registered coaches for
	// the page (coaches()) and starts one by exercise; `stretchwise coach
	// --replay` picks it by the recording's header.
	rules, ok := coach.For(toyExercise)
	if !ok || !slices.ContainsFunc(coach.Registered(), func(r coach.Rules) bool { return r.Exercise == toyExercise }) {
		t.Fatal("step 2: the toy's live coach is not registered (coach.Register)")
	}
	tl := rules.ReplayRecording(&withExercise, 5)
	if tl.Exercise != toyExercise || tl.BestS != 5 || tl.Cues != 1 {
		t.Errorf("the toy's coach over its recording: exercise %q, best hold %.2f s, %d cues; want the 5 s target held and one cue", tl.Exercise, tl.BestS, tl.Cues)
	}
}
