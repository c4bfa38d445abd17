package synth

import (
	"fmt"
	"sort"
	"sync"

	sw "github.com/stretchwise/stretchwise"
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

var motions = struct {
	sync.RWMutex
	m     map[sw.Exercise]MotionSpec
	order []sw.Exercise
}{m: map[sw.Exercise]MotionSpec{}}

// RegisterMotion makes the motion of an exercise available by name (the
// demonstrations' "synth", `stretchwise synth --exercise`). This package
// registers its own exercises; an exercise's package registers its motion
// from its init function (docs/adding-an-exercise.md). It panics on an
// empty name, a missing builder or a name registered twice.
func RegisterMotion(s MotionSpec) {
	motions.Lock()
	defer motions.Unlock()
	if _, dup := motions.m[s.Exercise]; dup || s.Exercise == "" || s.Build == nil || s.Make == nil {
		panic(fmt.Sprintf("synth: RegisterMotion(%q): empty, without Build and Make, or registered twice", s.Exercise))
	}
	motions.m[s.Exercise] = s
	motions.order = append(motions.order, s.Exercise)
}

// MotionFor returns the motion registered for ex.
func MotionFor(ex sw.Exercise) (MotionSpec, bool) {
	motions.RLock()
	defer motions.RUnlock()
	s, ok := motions.m[ex]
	return s, ok
}

// Motions returns the exercises with a registered motion, in the order
// they registered.
func Motions() []sw.Exercise {
	motions.RLock()
	defer motions.RUnlock()
	return append([]sw.Exercise(nil), motions.order...)
}

// paramMotion is the builder of a motion made by build from a parameter
// struct P whose faults withFaults sets.
func paramMotion[P any](build func(P) *Motion, withFaults func(*P, []FaultSpec)) MotionBuilder {
	return func(decode func(any) error, faults []FaultSpec) (*Motion, error) {
		var p P
		if err := decode(&p); err != nil {
			return nil, err
		}
		withFaults(&p, faults)
		return build(p), nil
	}
}

// setter sets one parameter of a parameter struct P.
type setter[P any] map[string]func(p *P, v float64)

// names returns the parameter names, sorted.
func (s setter[P]) names() []string {
	out := make([]string, 0, len(s))
	for n := range s {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// apply sets the parameters of set that s knows on p.
func (s setter[P]) apply(p *P, set map[string]float64) {
	for name, v := range set {
		if f, ok := s[name]; ok {
			f(p, v)
		}
	}
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
