// Package library is the exercise library as data: exercises.json, embedded
// and validated. Each exercise has its instructions, what to feel and where,
// common faults, contraindications, the camera view that can check it and a
// default dose level; the dose levels themselves are tables in the same file,
// each row with its source. The package is pure: no I/O beyond the embedded
// file.
package library

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/stretchwise/stretchwise"
)

//go:embed exercises.json
var exercisesJSON []byte

// Exercise kinds. Each kind has its own dose table.
const (
	KindStretch   = "stretch"   // held stretches
	KindStability = "stability" // held positions that train control
	KindMobility  = "mobility"  // slow movement cycles, no holds
)

// Feel says what the person should feel and where.
type Feel struct {
	What  string `json:"what"`
	Where string `json:"where"`
}

// Camera says which camera views can check an exercise, what they check and
// which analysis (a report exercise name) exists for it; Analysis is empty
// when the project has no analysis for it yet.
type Camera struct {
	Views    []stretchwise.View `json:"views"`
	Checks   string             `json:"checks"`
	Analysis string             `json:"analysis"`
}

// Exercise is one exercise of the library.
type Exercise struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Targets string `json:"targets"`
	// MovesLumbarSpine marks exercises that bend or twist the low back;
	// the plan keeps them locked unless a bird-dog screen shows control.
	MovesLumbarSpine  bool     `json:"moves_lumbar_spine"`
	Sided             bool     `json:"sided"`
	Steps             []string `json:"steps"`
	Feel              Feel     `json:"feel"`
	Faults            []string `json:"faults"`
	Contraindications []string `json:"contraindications"`
	Camera            Camera   `json:"camera"`
	DefaultLevel      int      `json:"default_level"`
	Sources           []string `json:"sources"`
}

// Level is one row of a dose table.
type Level struct {
	Level       int    `json:"level"`
	HoldS       int    `json:"hold_s"`
	Reps        int    `json:"reps"`
	SetsPerDay  int    `json:"sets_per_day"`
	DaysPerWeek int    `json:"days_per_week"`
	Source      string `json:"source"`
}

// DoseTable is the dose levels of one kind of exercise, gentlest first.
type DoseTable struct {
	Intensity       string  `json:"intensity"`
	MaxIntensity    int     `json:"max_intensity"` // 0-10
	IntensitySource string  `json:"intensity_source"`
	Levels          []Level `json:"levels"`
}

// Part is a body part a screening test needs in view: a name for the
// person and its left and right landmarks (stretchwise.LandmarkNames);
// either one seen counts, since a side view hides the far side.
type Part struct {
	Name      string    `json:"name"`
	Landmarks [2]string `json:"landmarks"`
}

// Screening is a camera test the analysis assesses: what the person does
// and where the camera goes (the web app's screening page shows it from
// here), the position the analysis recognises it by, and the verdicts its
// report can give (the plan accepts no other). Its ID is the exercise name
// of its reports and recordings; its assessment registers under that name
// (package assess).
type Screening struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Plain is how a sentence to the person names the test ("the hip
	// test"): plain words, never the clinical name.
	Plain    string              `json:"plain"`
	Posture  stretchwise.Posture `json:"posture"`
	Views    []stretchwise.View  `json:"views"` // where the page places the camera, one per side
	Verdicts []string            `json:"verdicts"`
	Parts    []Part              `json:"parts"`
	Steps    []string            `json:"steps"`
	Seconds  int                 `json:"seconds"` // how long the page records
}

// Library is the parsed exercise library.
type Library struct {
	Version    int                  `json:"version"`
	DoseTables map[string]DoseTable `json:"dose_tables"`
	Exercises  []Exercise           `json:"exercises"`
	Screenings []Screening          `json:"screenings"`
}

// Limits of a valid library. Our choice, because they bound what a person
// can read and do in one session, not a clinical number.
const (
	maxIntensity = 10  // top of the 0-10 scale
	maxHoldS     = 60  // ACSM's longest hold (older adults)
	maxReps      = 20  // our choice: a sanity bound for typing errors
	maxRecordS   = 120 // our choice: longer than any screening, short enough to upload
	daysPerWeek  = 7
)

// Default returns the embedded library. It panics if the embedded file is
// invalid, a programmer mistake that TestDefaultLibraryIsValid catches.
func Default() *Library {
	lib, err := Parse(exercisesJSON)
	if err != nil {
		panic(fmt.Sprintf("library: embedded exercises.json: %v", err))
	}
	return lib
}

// Parse decodes and validates a library. Unknown fields are errors, so a
// misspelt field cannot silently drop a contraindication.
func Parse(data []byte) (*Library, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var lib Library
	if err := dec.Decode(&lib); err != nil {
		return nil, stretchwise.Errorf(stretchwise.EINVALID, "library: %v", err)
	}
	if err := lib.validate(); err != nil {
		return nil, stretchwise.Errorf(stretchwise.EINVALID, "library: %v", err)
	}
	return &lib, nil
}

func (lib *Library) validate() error {
	if lib.Version != 1 {
		return fmt.Errorf("version: %d, want 1", lib.Version)
	}
	if err := lib.validateScreenings(); err != nil {
		return err
	}
	for _, kind := range []string{KindStretch, KindStability, KindMobility} {
		t, ok := lib.DoseTables[kind]
		if !ok {
			return fmt.Errorf("dose_tables.%s: missing", kind)
		}
		if t.Intensity == "" || t.IntensitySource == "" {
			return fmt.Errorf("dose_tables.%s: intensity and intensity_source are required", kind)
		}
		if t.MaxIntensity < 1 || t.MaxIntensity > maxIntensity {
			return fmt.Errorf("dose_tables.%s.max_intensity: %d outside 1..%d", kind, t.MaxIntensity, maxIntensity)
		}
		if len(t.Levels) == 0 {
			return fmt.Errorf("dose_tables.%s.levels: empty", kind)
		}
		for i, l := range t.Levels {
			f := fmt.Sprintf("dose_tables.%s.levels[%d]", kind, i)
			switch {
			case l.Level != i+1:
				return fmt.Errorf("%s.level: %d, want %d (levels count up from 1)", f, l.Level, i+1)
			case l.HoldS < 0 || l.HoldS > maxHoldS:
				return fmt.Errorf("%s.hold_s: %d outside 0..%d", f, l.HoldS, maxHoldS)
			case kind != KindMobility && l.HoldS == 0:
				return fmt.Errorf("%s.hold_s: a %s needs a hold", f, kind)
			case l.Reps < 1 || l.Reps > maxReps:
				return fmt.Errorf("%s.reps: %d outside 1..%d", f, l.Reps, maxReps)
			case l.SetsPerDay < 1:
				return fmt.Errorf("%s.sets_per_day: %d, want at least 1", f, l.SetsPerDay)
			case l.DaysPerWeek < 1 || l.DaysPerWeek > daysPerWeek:
				return fmt.Errorf("%s.days_per_week: %d outside 1..%d", f, l.DaysPerWeek, daysPerWeek)
			case l.Source == "":
				return fmt.Errorf("%s.source: required", f)
			}
			if i > 0 {
				p := t.Levels[i-1]
				// A level is never easier than the one below: holds no
				// shorter, total no smaller, and one of them larger.
				lt, pt := max(l.HoldS, 1)*l.Reps, max(p.HoldS, 1)*p.Reps
				if l.HoldS < p.HoldS || lt < pt || (l.HoldS == p.HoldS && lt == pt) {
					return fmt.Errorf("%s: not more than level %d (holds must not shrink and hold x reps must not fall)", f, p.Level)
				}
			}
		}
	}
	seen := map[string]bool{}
	for i, e := range lib.Exercises {
		f, err := entry("exercises", i, e.ID, seen)
		if err != nil {
			return err
		}
		t, ok := lib.DoseTables[e.Kind]
		switch {
		case e.Name == "":
			return fmt.Errorf("%s.name: required", f)
		case !ok:
			return fmt.Errorf("%s.kind: %q, want stretch, stability or mobility", f, e.Kind)
		case e.Targets == "":
			return fmt.Errorf("%s.targets: required", f)
		case len(e.Steps) < 2:
			return fmt.Errorf("%s.steps: want at least 2 steps", f)
		case e.Feel.What == "" || e.Feel.Where == "":
			return fmt.Errorf("%s.feel: what and where are required", f)
		case len(e.Faults) == 0:
			return fmt.Errorf("%s.faults: want at least one", f)
		case len(e.Contraindications) == 0:
			return fmt.Errorf("%s.contraindications: want at least one", f)
		case len(e.Camera.Views) == 0 || e.Camera.Checks == "":
			return fmt.Errorf("%s.camera: views and checks are required", f)
		case e.DefaultLevel < 1 || e.DefaultLevel > len(t.Levels):
			return fmt.Errorf("%s.default_level: %d outside 1..%d", f, e.DefaultLevel, len(t.Levels))
		case len(e.Sources) == 0:
			return fmt.Errorf("%s.sources: want at least one", f)
		}
		if err := checkViews(f+".camera.views", e.Camera.Views); err != nil {
			return err
		}
		if _, ok := lib.Screening(stretchwise.Exercise(e.Camera.Analysis)); e.Camera.Analysis != "" && !ok {
			return fmt.Errorf("%s.camera.analysis: %q is not one of the screenings", f, e.Camera.Analysis)
		}
	}
	return nil
}

// validateScreenings checks the screenings; validate calls it first, so
// that exercises can refer to them.
func (lib *Library) validateScreenings() error {
	if len(lib.Screenings) == 0 {
		return fmt.Errorf("screenings: want at least one")
	}
	seen := map[string]bool{}
	for i, sc := range lib.Screenings {
		f, err := entry("screenings", i, sc.ID, seen)
		if err != nil {
			return err
		}
		switch {
		case sc.Name == "":
			return fmt.Errorf("%s.name: required", f)
		case sc.Plain == "":
			return fmt.Errorf("%s.plain: required", f)
		case !knownPosture(sc.Posture):
			return fmt.Errorf("%s.posture: %q, want quadruped, half-kneeling, supine or standing", f, sc.Posture)
		case len(sc.Views) == 0:
			return fmt.Errorf("%s.views: want at least one", f)
		case !slices.Contains(sc.Verdicts, stretchwise.VerdictInconclusive):
			return fmt.Errorf("%s.verdicts: want %q among them", f, stretchwise.VerdictInconclusive)
		case len(sc.Parts) == 0:
			return fmt.Errorf("%s.parts: want at least one", f)
		case len(sc.Steps) == 0:
			return fmt.Errorf("%s.steps: want at least one", f)
		case sc.Seconds < 5 || sc.Seconds > maxRecordS:
			return fmt.Errorf("%s.seconds: %d outside 5..%d", f, sc.Seconds, maxRecordS)
		}
		if err := checkViews(f+".views", sc.Views); err != nil {
			return err
		}
		for j, p := range sc.Parts {
			for _, name := range p.Landmarks {
				if p.Name == "" || !slices.Contains(stretchwise.LandmarkNames[:], name) {
					return fmt.Errorf("%s.parts[%d]: %q needs a name and two landmarks (left_shoulder, ...), got %q", f, j, p.Name, name)
				}
			}
		}
	}
	return nil
}

// entry names the i-th entry of a list ("exercises[2] (dead-bug)") for
// errors, and refuses an empty, repeated or malformed id
// (stretchwise.ValidExerciseID).
func entry(list string, i int, id string, seen map[string]bool) (string, error) {
	f := fmt.Sprintf("%s[%d]", list, i)
	if id == "" {
		return f, fmt.Errorf("%s.id: required", f)
	}
	f = fmt.Sprintf("%s[%d] (%s)", list, i, id)
	if !stretchwise.ValidExerciseID(id) {
		return f, fmt.Errorf("%s.id: %q is not an exercise id (a letter, then lower-case letters, digits and hyphens)", f, id)
	}
	if seen[id] {
		return f, fmt.Errorf("%s.id: duplicate", f)
	}
	seen[id] = true
	return f, nil
}

// checkViews refuses a view that is not a camera view; f names the field.
func checkViews(f string, views []stretchwise.View) error {
	for j, v := range views {
		if !v.Valid() || v == stretchwise.ViewUnknown {
			return fmt.Errorf("%s[%d]: %q is not a camera view (front, rear, left, right, front-left, front-right, rear-left, rear-right)", f, j, v)
		}
	}
	return nil
}

// knownPosture reports whether p is an exercise position package posture
// recognises.
func knownPosture(p stretchwise.Posture) bool {
	switch p {
	case stretchwise.PostureQuadruped, stretchwise.PostureHalfKneeling, stretchwise.PostureSupine, stretchwise.PostureStanding:
		return true
	}
	return false
}

// Screening returns the screening whose reports carry exercise ex.
func (lib *Library) Screening(ex stretchwise.Exercise) (Screening, bool) {
	for _, sc := range lib.Screenings {
		if sc.ID == string(ex) {
			return sc, true
		}
	}
	return Screening{}, false
}

// Exercise returns the exercise with the given id and whether it exists.
func (lib *Library) Exercise(id string) (Exercise, bool) {
	for _, e := range lib.Exercises {
		if e.ID == id {
			return e, true
		}
	}
	return Exercise{}, false
}

// Levels returns the number of dose levels of an exercise's kind.
func (lib *Library) Levels(e Exercise) int {
	return len(lib.DoseTables[e.Kind].Levels)
}

// Dose returns the dose of exercise e at the given level, clamped to the
// levels its table has (1 is the gentlest).
func (lib *Library) Dose(e Exercise, level int) stretchwise.Dose {
	t, ok := lib.DoseTables[e.Kind]
	if !ok {
		panic(fmt.Sprintf("library: exercise %q has kind %q without a dose table", e.ID, e.Kind))
	}
	level = max(1, min(level, len(t.Levels)))
	l := t.Levels[level-1]
	return stretchwise.Dose{
		Level:        l.Level,
		HoldS:        l.HoldS,
		Reps:         l.Reps,
		SetsPerDay:   l.SetsPerDay,
		DaysPerWeek:  l.DaysPerWeek,
		PerSide:      e.Sided,
		Intensity:    t.Intensity,
		MaxIntensity: t.MaxIntensity,
		Source:       l.Source + "; intensity: " + t.IntensitySource,
	}
}
