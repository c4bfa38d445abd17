package library_test

import (
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise/library"
)

// TestDefaultLibraryIsValid parses the embedded exercises.json and checks it
// holds every exercise the issue names.
func TestDefaultLibraryIsValid(t *testing.T) {
	lib := library.Default()
	want := map[string]string{
		"half-kneeling-hip-flexor": library.KindStretch,
		"bird-dog":                 library.KindStability,
		"supine-lumbar-rotation":   library.KindStretch,
		"supine-knee-to-chest":     library.KindStretch,
		"figure-4-glute":           library.KindStretch,
		"dead-bug":                 library.KindStability,
		"glute-bridge":             library.KindStability,
		"side-plank-knees":         library.KindStability,
		"cat-camel":                library.KindMobility,
	}
	for id, kind := range want {
		e, ok := lib.Exercise(id)
		if !ok {
			t.Errorf("exercise %q missing", id)
			continue
		}
		if e.Kind != kind {
			t.Errorf("exercise %q kind = %q, want %q", id, e.Kind, kind)
		}
	}
	lumbar := map[string]bool{}
	for _, e := range lib.Exercises {
		if e.MovesLumbarSpine {
			lumbar[e.ID] = true
		}
	}
	for _, id := range []string{"supine-lumbar-rotation", "supine-knee-to-chest", "cat-camel"} {
		if !lumbar[id] {
			t.Errorf("%s must be marked moves_lumbar_spine", id)
		}
	}
	if len(lumbar) != 3 {
		t.Errorf("lumbar-moving exercises = %v, want exactly the three above", lumbar)
	}
}

func TestDose(t *testing.T) {
	lib := library.Default()
	kneel, _ := lib.Exercise("half-kneeling-hip-flexor")
	bridge, _ := lib.Exercise("glute-bridge")
	tests := []struct {
		name      string
		ex        library.Exercise
		level     int
		wantLevel int
		wantHold  int
		wantReps  int
		wantSided bool
		wantMax   int
	}{
		{"stretch level 1", kneel, 1, 1, 10, 3, true, 4},
		{"stretch level 3 (Bandy 30 s)", kneel, 3, 3, 30, 2, true, 4},
		{"clamped high", kneel, 9, 4, 30, 3, true, 4},
		{"clamped low", kneel, 0, 1, 10, 3, true, 4},
		{"stability level 2", bridge, 2, 2, 8, 5, false, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := lib.Dose(tt.ex, tt.level)
			if d.Level != tt.wantLevel || d.HoldS != tt.wantHold || d.Reps != tt.wantReps || d.PerSide != tt.wantSided || d.MaxIntensity != tt.wantMax {
				t.Errorf("Dose(%s, %d) = %+v, want level %d hold %d reps %d per side %v max %d",
					tt.ex.ID, tt.level, d, tt.wantLevel, tt.wantHold, tt.wantReps, tt.wantSided, tt.wantMax)
			}
			if d.Source == "" {
				t.Errorf("Dose(%s, %d) has no source", tt.ex.ID, tt.level)
			}
		})
	}
}

// TestParseRejects checks that validation catches each kind of broken
// library, naming the field.
func TestParseRejects(t *testing.T) {
	good := string(mustRead(t))
	tests := []struct {
		name, from, to, want string
	}{
		{"unknown field", `"targets": "the front of the hip`, `"target": "the front of the hip`, "unknown field"},
		{"bad view", `"views": ["left", "right"], "checks": "side view: both knee`, `"views": ["side"], "checks": "side view: both knee`, `camera.views[0]: "side"`},
		{"bad kind", `"kind": "mobility"`, `"kind": "yoga"`, `kind: "yoga"`},
		{"level out of range", `"default_level": 2,
      "sources": ["McGill, Low Back Disorders, and the ACE`, `"default_level": 7,
      "sources": ["McGill, Low Back Disorders, and the ACE`, "default_level: 7"},
		{"level without source", `"source": "Bandy 1997, Phys Ther 77:1090: 30 s holds as good as 60 s; ACSM: about 60 s in total"`, `"source": ""`, "levels[2].source: required"},
		{"duplicate id", `"id": "dead-bug"`, `"id": "bird-dog"`, "id: duplicate"},
		{"malformed id", `"id": "dead-bug"`, `"id": "Dead bug"`, `(Dead bug).id: "Dead bug" is not an exercise id`},
		{"shrinking level", `{"level": 2, "hold_s": 20, "reps": 3`, `{"level": 2, "hold_s": 5, "reps": 3`, "levels[1]: not more than level 1"},
		{"bad analysis", `"analysis": "bird-dog"`, `"analysis": "squat"`, `camera.analysis: "squat"`},
		{"screening posture", `"posture": "supine"`, `"posture": "lying"`, `screenings[1] (thomas-test).posture: "lying"`},
		{"screening landmark", `["left_wrist", "right_wrist"]`, `["left_wrist", "right_hand"]`, `screenings[0] (bird-dog).parts[1]: "Hands" needs a name and two landmarks`},
		{"screening verdicts", `"verdicts": ["normal", "tight", "inconclusive"]`, `"verdicts": ["normal", "tight"]`, `screenings[1] (thomas-test).verdicts: want "inconclusive"`},
		{"screening length", `"seconds": 20`, `"seconds": 600`, `seconds: 600 outside 5..120`},
		{"screening view", `"views": ["rear"]`, `"views": ["behind"]`, `screenings[0] (bird-dog).views[0]: "behind"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(good, tt.from) {
				t.Fatalf("test setup: %q not in exercises.json", tt.from)
			}
			_, err := library.Parse([]byte(strings.Replace(good, tt.from, tt.to, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
