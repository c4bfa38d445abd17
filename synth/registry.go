package synth

import (
	"fmt"
	"reflect"
	"sort"

	sw "github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/internal/registry"
)

// MotionBuilder builds an exercise's motion from its parameters: decode
// fills the exercise's parameter struct (from JSON, e.g. a demonstration's
// params in library/exercises.json), faults are the faults to inject.
type MotionBuilder func(decode func(params any) error, faults []FaultSpec) (*Motion, error)

// Options are the choices `stretchwise synth` passes to a motion.
type Options struct {
	// Side is the exercise's side ("" = its default): the reaching arm
	// of every bird-dog rep, the one Thomas-test leg, the down knee.
	Side sw.Side
	// Faults to inject.
	Faults []FaultSpec
	// Set sets parameters by name (--set NAME=VALUE); the names are those
	// of MotionSpec.Params.
	Set map[string]float64
	// DurationS is the approximate length in seconds, 0 for the motion's
	// own: the exercise picks its number of reps or its hold to fill it.
	DurationS float64
	// Seed shapes the body sway.
	Seed uint64
}

// MotionSpec is what an exercise registers with package synth: its
// motion, built from a parameter struct (demonstrations, tests) or from
// the command line (`stretchwise synth`), and how the command films it.
type MotionSpec struct {
	Exercise sw.Exercise
	// View is the view the exercise is usually filmed from, the
	// command's default (docs/contract.md).
	View sw.View
	// Build builds the motion from a parameter struct that decode fills.
	Build MotionBuilder
	// Make builds the motion the command renders from its options; the
	// motion reports bad values in Motion.Err.
	Make func(Options) *Motion
	// Params are the names Options.Set takes, sorted.
	Params []string
	// Faults describe the faults the motion takes, one line each, sorted
	// (the command's help).
	Faults []string
}

var motions registry.Of[sw.Exercise, MotionSpec]

// RegisterMotion makes the motion of an exercise available by name (the
// demonstrations' "synth", `stretchwise synth --exercise`). This package
// registers its own exercises; an exercise's package registers its motion
// from its init function (docs/adding-an-exercise.md). It panics on an
// empty name, a missing builder or a name registered twice.
func RegisterMotion(s MotionSpec) {
	if s.Exercise == "" || s.Build == nil || s.Make == nil || !motions.Add(s.Exercise, s) {
		panic(fmt.Sprintf("synth: RegisterMotion(%q): empty, without Build and Make, or registered twice", s.Exercise))
	}
}

// MotionFor returns the motion registered for ex.
func MotionFor(ex sw.Exercise) (MotionSpec, bool) { return motions.Get(ex) }

// Motions returns the exercises with a registered motion, in the order
// they registered.
func Motions() []sw.Exercise { return motions.Keys() }

// motionSpec is the MotionSpec of a motion made by build from a parameter
// struct P, whose faults are at faults, whose command-line motion is make
// and whose fault kinds are kinds.
func motionSpec[P any](ex sw.Exercise, view sw.View, build func(P) *Motion, faults func(*P) *[]FaultSpec,
	make func(Options) *Motion, kinds map[string]faultKind) MotionSpec {
	return MotionSpec{
		Exercise: ex, View: view, Make: make, Params: paramNames[P](), Faults: faultHelp(kinds),
		Build: func(decode func(any) error, f []FaultSpec) (*Motion, error) {
			var p P
			if err := decode(&p); err != nil {
				return nil, err
			}
			*faults(&p) = f
			return build(p), nil
		},
	}
}

// params visits the parameters of the struct v that Options.Set sets:
// its float64 fields tagged set:"NAME", and the fields of a struct field
// tagged set:"PREFIX" as PREFIX+NAME.
func params(v reflect.Value, prefix string, visit func(name string, f reflect.Value)) {
	for i := range v.NumField() {
		tag, ok := v.Type().Field(i).Tag.Lookup("set")
		switch f := v.Field(i); {
		case !ok:
		case f.Kind() == reflect.Struct:
			params(f, prefix+tag, visit)
		default:
			visit(prefix+tag, f)
		}
	}
}

// paramNames returns the names of P's parameters, sorted.
func paramNames[P any]() []string {
	var p P
	var out []string
	params(reflect.ValueOf(&p).Elem(), "", func(name string, _ reflect.Value) { out = append(out, name) })
	sort.Strings(out)
	return out
}

// setParams sets the parameters of set that p has.
func setParams[P any](p *P, set map[string]float64) {
	params(reflect.ValueOf(p).Elem(), "", func(name string, f reflect.Value) {
		if v, ok := set[name]; ok {
			f.SetFloat(v)
		}
	})
}

// faultHelp describes the faults of kinds, one line each, sorted.
func faultHelp(kinds map[string]faultKind) []string {
	out := make([]string, 0, len(kinds))
	for n, k := range kinds {
		out = append(out, fmt.Sprintf("%s (%s, %g..%g): %s", n, k.unit, k.min, k.max, k.doc))
	}
	sort.Strings(out)
	return out
}

// holdOf returns the length of a motion's first hold in seconds.
func holdOf(m *Motion) float64 {
	for _, ph := range m.Phases {
		if ph.Name == PhaseHold {
			return ph.EndS - ph.StartS
		}
	}
	return 0
}

func init() {
	// The command's help lists them in this order.
	RegisterMotion(birdDogMotion)
	RegisterMotion(thomasMotion)
	RegisterMotion(kneelMotion)
}
