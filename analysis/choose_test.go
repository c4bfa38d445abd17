package analysis

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/library"
	"github.com/stretchwise/stretchwise/posture"
)

// labelRun builds frames at 30 fps and labels for runs of postures, each
// with a yaw (degrees; NaN for none).
type run struct {
	p      stretchwise.Posture
	yaw    float64
	frames int
}

func labelsOf(runs ...run) ([]posture.Label, []stretchwise.Frame) {
	var labels []posture.Label
	var frames []stretchwise.Frame
	for _, r := range runs {
		for i := 0; i < r.frames; i++ {
			frames = append(frames, stretchwise.Frame{T: float64(len(frames)) / 30, Detected: true})
			labels = append(labels, posture.Label{Posture: r.p, Raw: r.p, View: posture.ViewOf(r.yaw), YawDeg: r.yaw})
		}
	}
	return labels, frames
}

func TestChooseExercise(t *testing.T) {
	quad := run{stretchwise.PostureQuadruped, 180, 90}    // 3 s
	kneel := run{stretchwise.PostureHalfKneeling, 90, 60} // 2 s
	stand := run{stretchwise.PostureStanding, 0, 120}     // 4 s
	short := run{stretchwise.PostureSupine, 90, 20}       // 0.67 s, under MinExerciseS
	tests := []struct {
		name             string
		header, override stretchwise.Exercise
		runs             []run
		want             stretchwise.Exercise
		note             string // substring of the notes; "" for none
	}{
		{"inferred quadruped", "", "", []run{stand, quad}, stretchwise.ExerciseBirdDog, "exercise recognised from the recording: you seem to be on hands and knees for the bird dog (3.0 s)"},
		{"inferred kneeling", stretchwise.ExerciseUnknown, "", []run{stand, kneel}, stretchwise.ExerciseHalfKneeling, "half-kneeling for the half-kneeling stretch (2.0 s)"},
		{"most time wins", "", "", []run{kneel, quad}, stretchwise.ExerciseBirdDog, "on hands and knees"},
		{"too short", "", "", []run{stand, short}, stretchwise.ExerciseUnknown, ""},
		{"header agrees", stretchwise.ExerciseBirdDog, "", []run{quad}, stretchwise.ExerciseBirdDog, ""},
		{"header disagrees", stretchwise.ExerciseBirdDog, "", []run{kneel}, stretchwise.ExerciseBirdDog, "the exercise chosen is the bird dog, but you seem to be half-kneeling for the half-kneeling stretch"},
		{"header, never in position", stretchwise.ExerciseThomasTest, "", []run{stand}, stretchwise.ExerciseThomasTest, "the exercise chosen is the hip test, but you were never lying on your back for 1 s or more (mostly standing)"},
		{"override", stretchwise.ExerciseBirdDog, stretchwise.ExerciseHalfKneeling, []run{kneel}, stretchwise.ExerciseHalfKneeling, ""},
		{"override disagrees", "", stretchwise.ExerciseThomasTest, []run{quad}, stretchwise.ExerciseThomasTest, "the --exercise option is the hip test, but you seem to be on hands and knees for the bird dog"},
		{"other exercise", "squat", "", []run{stand}, "squat", ""},
	}
	for _, tt := range tests {
		labels, frames := labelsOf(tt.runs...)
		got, notes := chooseExercise(tt.header, tt.override, labels, frames, library.Default().Screenings)
		joined := strings.Join(notes, "\n")
		if got != tt.want || (tt.note == "" && len(notes) != 0) || !strings.Contains(joined, tt.note) {
			t.Errorf("%s: %s, notes %q; want %s with a note containing %q", tt.name, got, notes, tt.want, tt.note)
		}
	}
}

func TestChooseView(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name             string
		header, override stretchwise.View
		want             stretchwise.Posture
		runs             []run
		view, inferred   stretchwise.View
		given            bool
		note             string
	}{
		{"inferred", "", "", stretchwise.PostureQuadruped, []run{{stretchwise.PostureQuadruped, 140, 60}},
			stretchwise.ViewRearLeft, stretchwise.ViewRearLeft, false, "recognised from the recording: a view from behind on the left"},
		{"inferred over the exercise's posture only", "", "", stretchwise.PostureQuadruped,
			[]run{{stretchwise.PostureStanding, 0, 200}, {stretchwise.PostureQuadruped, 90, 60}},
			stretchwise.ViewLeft, stretchwise.ViewLeft, false, "a left side view"},
		{"header disagrees", stretchwise.ViewRearLeft, "", stretchwise.PostureQuadruped, []run{{stretchwise.PostureQuadruped, 90, 60}},
			stretchwise.ViewRearLeft, stretchwise.ViewLeft, true, "the camera position chosen is a view from behind on the left, but the recording looks like a left side view"},
		{"header agrees", stretchwise.ViewRear, "", stretchwise.PostureQuadruped, []run{{stretchwise.PostureQuadruped, 175, 60}},
			stretchwise.ViewRear, stretchwise.ViewRear, true, ""},
		{"override", stretchwise.ViewRear, stretchwise.ViewRight, stretchwise.PostureQuadruped, []run{{stretchwise.PostureQuadruped, -90, 60}},
			stretchwise.ViewRight, stretchwise.ViewRight, true, ""},
		{"turned", "", "", stretchwise.PostureUnknown, []run{{stretchwise.PostureOther, 0, 60}, {stretchwise.PostureOther, 180, 60}},
			stretchwise.ViewUnknown, stretchwise.ViewUnknown, false, "turned relative to the camera"},
		{"nothing", "", "", stretchwise.PostureUnknown, []run{{stretchwise.PostureUnknown, nan, 60}},
			stretchwise.ViewUnknown, stretchwise.ViewUnknown, false, "could not be recognised from the recording"},
	}
	for _, tt := range tests {
		labels, _ := labelsOf(tt.runs...)
		view, given, inferred, notes := chooseView(tt.header, tt.override, labels, tt.want)
		joined := strings.Join(notes, "\n")
		if view != tt.view || given != tt.given || inferred != tt.inferred || (tt.note == "" && len(notes) != 0) || !strings.Contains(joined, tt.note) {
			t.Errorf("%s: view %s given %v inferred %s notes %q; want %s %v %s with %q", tt.name, view, given, inferred, notes, tt.view, tt.given, tt.inferred, tt.note)
		}
	}
}

func TestAnalyzeInvalid(t *testing.T) {
	good := func() *stretchwise.Recording {
		return &stretchwise.Recording{
			Header: stretchwise.Header{Format: "stretchwise-recording", Version: 1, Topology: "blazepose33", Width: 640, Height: 480},
			Frames: []stretchwise.Frame{{T: 0}, {T: 0.1}},
		}
	}
	tests := []struct {
		name string
		edit func(r *stretchwise.Recording)
		opt  Options
		want string
	}{
		{"no header", func(r *stretchwise.Recording) { r.Header = stretchwise.Header{} }, DefaultOptions, "format"},
		{"t backwards", func(r *stretchwise.Recording) { r.Frames[1].T = -1 }, DefaultOptions, "frame 1: t"},
		{"NaN", func(r *stretchwise.Recording) {
			r.Frames[1].Detected = true
			r.Frames[1].Image[3].X = math.NaN()
		}, DefaultOptions, "frame 1: lm[3][0]"},
		{"bad view option", func(r *stretchwise.Recording) {}, Options{View: "up"}, "view"},
	}
	for _, tt := range tests {
		r := good()
		tt.edit(r)
		_, err := Analyze(r, tt.opt)
		if stretchwise.ErrorCode(err) != stretchwise.EINVALID || !strings.Contains(stretchwise.ErrorMessage(err), tt.want) {
			t.Errorf("%s: error %v, want invalid naming %q", tt.name, err, tt.want)
		}
	}
	if _, err := Analyze(nil, DefaultOptions); stretchwise.ErrorCode(err) != stretchwise.EINVALID {
		t.Errorf("nil recording: error %v, want invalid", err)
	}
}

func TestAnalyzeNoPerson(t *testing.T) {
	rec := &stretchwise.Recording{
		Header: stretchwise.Header{Format: "stretchwise-recording", Version: 1, Topology: "blazepose33", Width: 640, Height: 480, Exercise: stretchwise.ExerciseBirdDog},
	}
	for i := 0; i < 60; i++ {
		rec.Frames = append(rec.Frames, stretchwise.Frame{T: float64(i) / 30})
	}
	r, err := Analyze(rec, DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != stretchwise.VerdictInconclusive || len(r.Reasons) == 0 || r.Reasons[0] != "no person was detected in any frame" {
		t.Errorf("verdict %s, reasons %q; want inconclusive because no person was detected", r.Verdict, r.Reasons)
	}
	if q := r.Quality; q == nil || q.Frames != 60 || q.Detected != 0 || q.Usable != 0 {
		t.Errorf("quality %+v, want 60 frames, none detected or usable", q)
	}
	if r.Exercise != stretchwise.ExerciseBirdDog || r.HeaderExercise != stretchwise.ExerciseBirdDog {
		t.Errorf("exercise %s (header %s), want bird-dog", r.Exercise, r.HeaderExercise)
	}
}

// TestRoundDropsNonFinite checks that a measure or finding the JSON
// encoder cannot write is left out with a reason, and numbers are rounded.
func TestRoundDropsNonFinite(t *testing.T) {
	r := stretchwise.Report{
		Measures: []stretchwise.Measure{
			{Name: "a_deg", Value: 1.23456, Uncertainty: 0.5},
			{Name: "b_deg", Side: stretchwise.SideLeft, Value: math.NaN(), Uncertainty: 1},
			{Name: "c_deg", Value: 2, Uncertainty: math.Inf(1)},
		},
		Findings: []stretchwise.Finding{{Code: "x", StartS: 1.00049, EndS: 2}, {Code: "y", StartS: math.NaN(), EndS: 1}},
	}
	round(&r)
	const tol = 1e-12
	if len(r.Measures) != 1 || r.Measures[0].Name != "a_deg" || math.Abs(r.Measures[0].Value-1.23) > tol {
		t.Errorf("measures %+v, want only a_deg = 1.23", r.Measures)
	}
	if len(r.Findings) != 1 || r.Findings[0].Code != "x" || math.Abs(r.Findings[0].StartS-1) > tol {
		t.Errorf("findings %+v, want only x from 1 s", r.Findings)
	}
	want := []string{"b_deg (left) could not be computed and is left out", "c_deg could not be computed and is left out", "finding y has no time span and is left out"}
	if strings.Join(r.Reasons, "|") != strings.Join(want, "|") {
		t.Errorf("reasons %q, want %q", r.Reasons, want)
	}
}
