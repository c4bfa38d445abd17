package demo

import (
	"errors"
	"math"
	"testing"

	sw "github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/library"
)

// Tolerances of the animation checks.
const (
	// tolBoneM: landmarks follow from the body model by forward kinematics,
	// so bone lengths stay fixed to rounding (synth's own test uses 1e-9 m).
	tolBoneM = 1e-9
	// minTravel is the least a landmark must travel (normalized image
	// units, 0.03 of the picture is 11 px at 360 px) for an animation to
	// count as moving: our choice, every demonstration moves a limb or the
	// trunk by far more.
	minTravel = 0.03
	// minFaultDiff is how far (normalized image units) a fault variant must
	// differ from the good form somewhere, or it demonstrates nothing.
	minFaultDiff = 0.01
)

// TestEveryExerciseAnimates checks every variant of every exercise of the
// library and every screening test: the landmarks move, stay inside the
// picture in every frame, the bones keep their lengths, and each fault
// looks different from the good form.
func TestEveryExerciseAnimates(t *testing.T) {
	lib := library.Default()
	cat, err := Catalog(lib)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range cat {
		got[e.Exercise] = true
	}
	for _, ex := range lib.Exercises {
		if !got[ex.ID] {
			t.Errorf("library exercise %s has no demonstration", ex.ID)
		}
	}
	for _, id := range []sw.Exercise{sw.ExerciseBirdDog, sw.ExerciseThomasTest, sw.ExerciseHalfKneeling} {
		if !got[string(id)] {
			t.Errorf("screening test %s has no demonstration", id)
		}
	}
	for _, e := range cat {
		good, _, err := animate(lib, e.Exercise, Good, "")
		if err != nil {
			t.Fatalf("%s: %v", e.Exercise, err)
		}
		for _, view := range e.Views {
			for _, v := range e.Variants {
				a, tr, err := animate(lib, e.Exercise, v.ID, view)
				if err != nil {
					t.Errorf("%s %s %s: %v", e.Exercise, v.ID, view, err)
					continue
				}
				name := e.Exercise + " " + v.ID + " " + string(view)
				if a.View != view || a.Variant != v.ID || a.Label != v.Label {
					t.Errorf("%s: animation says view %s variant %s label %q", name, a.View, a.Variant, a.Label)
				}
				if len(a.Frames) < 2*FPS {
					t.Errorf("%s: %d frames, want at least 2 s", name, len(a.Frames))
					continue
				}
				// In frame, every landmark of every frame.
				for k, f := range a.Frames {
					for i, p := range f {
						if !(p[0] >= 0 && p[0] <= 1 && p[1] >= 0 && p[1] <= 1) {
							t.Errorf("%s: frame %d landmark %d at (%.3f, %.3f), outside the picture", name, k, i, p[0], p[1])
						}
					}
				}
				// Moves: the landmark that travels furthest from the first frame.
				travel := 0.0
				for _, f := range a.Frames {
					for i, p := range f {
						q := a.Frames[0][i]
						travel = math.Max(travel, math.Hypot(p[0]-q[0], p[1]-q[1]))
					}
				}
				if travel < minTravel {
					t.Errorf("%s: landmarks travel at most %.4f, want >= %g", name, travel, minTravel)
				}
				// Bones keep their lengths in 3D.
				for _, b := range tr.Bones {
					for k, f := range tr.Frames {
						p, q := f.Points[b.From], f.Points[b.To]
						d := math.Sqrt((p.X-q.X)*(p.X-q.X) + (p.Y-q.Y)*(p.Y-q.Y) + (p.Z-q.Z)*(p.Z-q.Z))
						if math.Abs(d-b.LengthM) > tolBoneM {
							t.Errorf("%s: frame %d bone %s is %.9f m, want %.9f", name, k, b.Name, d, b.LengthM)
							break
						}
					}
				}
				// A fault differs from the good form (same default view).
				if v.ID != Good && view == e.Views[0] {
					if d := maxDiff(good, a); d < minFaultDiff {
						t.Errorf("%s: differs from the good form by at most %.4f, want >= %g", name, d, minFaultDiff)
					}
				}
			}
		}
	}
}

// maxDiff is the largest image distance between the same landmark of two
// animations at the same frame (over the frames both have).
func maxDiff(a, b *Animation) float64 {
	d := 0.0
	for k := 0; k < min(len(a.Frames), len(b.Frames)); k++ {
		for i := range a.Frames[k] {
			p, q := a.Frames[k][i], b.Frames[k][i]
			d = math.Max(d, math.Hypot(p[0]-q[0], p[1]-q[1]))
		}
	}
	return d
}

func TestAnimateRejects(t *testing.T) {
	lib := library.Default()
	cases := []struct {
		name, id, variant string
		view              sw.View
	}{
		{"unknown exercise", "handstand", Good, ""},
		{"unknown fault", "bird-dog", "no-such-fault", ""},
		{"not a view", "bird-dog", Good, "above"},
	}
	for _, c := range cases {
		_, err := Animate(lib, c.id, c.variant, c.view)
		if err == nil || sw.ErrorCode(err) != sw.EINVALID {
			t.Errorf("%s: error %v, want an invalid error", c.name, err)
		}
	}
}

// TestEveryLibraryFaultAccounted checks that a library exercise's faults
// are each shown by a variant or listed as not visible, with the library's
// index.
func TestEveryLibraryFaultAccounted(t *testing.T) {
	lib := library.Default()
	cat, err := Catalog(lib)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range cat {
		ex, ok := lib.Exercise(e.Exercise)
		if !ok {
			continue
		}
		n := 0
		for _, v := range e.Variants {
			if v.LibraryFault >= 0 {
				n++
			}
		}
		if n+len(e.Hidden) != len(ex.Faults) {
			t.Errorf("%s: %d shown + %d hidden faults, library has %d", e.Exercise, n, len(e.Hidden), len(ex.Faults))
		}
	}
}

// TestCatalogNeedsEveryExercise checks that a library exercise without an
// entry in demos.json is an error, not a silent gap.
func TestCatalogNeedsEveryExercise(t *testing.T) {
	lib := *library.Default()
	extra := lib.Exercises[0]
	extra.ID = "new-exercise"
	lib.Exercises = append(append([]library.Exercise(nil), lib.Exercises...), extra)
	_, err := Catalog(&lib)
	var e *sw.Error
	if err == nil || !errors.As(err, &e) {
		t.Fatalf("catalog of a library with an exercise lacking a demonstration: %v, want an error", err)
	}
}
