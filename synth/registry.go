package synth

import (
	"fmt"
	"sync"

	sw "github.com/stretchwise/stretchwise"
)

// MotionBuilder builds an exercise's motion from its parameters: decode
// fills the exercise's parameter struct (from JSON, e.g. a demonstration's
// params in library/exercises.json), faults are the faults to inject.
type MotionBuilder func(decode func(params any) error, faults []FaultSpec) (*Motion, error)

var motions = struct {
	sync.RWMutex
	m map[sw.Exercise]MotionBuilder
}{m: map[sw.Exercise]MotionBuilder{}}

// RegisterMotion makes the motion of ex available by name (the
// demonstrations' "synth"). This package registers its own exercises; an
// exercise's package registers its motion from its init function
// (docs/adding-an-exercise.md). It panics on a name registered twice.
func RegisterMotion(ex sw.Exercise, b MotionBuilder) {
	motions.Lock()
	defer motions.Unlock()
	if _, dup := motions.m[ex]; dup || ex == "" || b == nil {
		panic(fmt.Sprintf("synth: RegisterMotion(%q): empty, nil or registered twice", ex))
	}
	motions.m[ex] = b
}

// MotionFor returns the builder registered for ex.
func MotionFor(ex sw.Exercise) (MotionBuilder, bool) {
	motions.RLock()
	defer motions.RUnlock()
	b, ok := motions.m[ex]
	return b, ok
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

func init() {
	RegisterMotion(sw.ExerciseBirdDog, paramMotion(BirdDog, func(p *BirdDogParams, f []FaultSpec) { p.Faults = f }))
	RegisterMotion(sw.ExerciseThomasTest, paramMotion(ThomasTest, func(p *ThomasParams, f []FaultSpec) { p.Faults = f }))
	RegisterMotion(sw.ExerciseHalfKneeling, paramMotion(HalfKneeling, func(p *KneelParams, f []FaultSpec) { p.Faults = f }))
}
