package synth

import (
	"math"
	"sort"

	sw "github.com/stretchwise/stretchwise"
)

// Phase names of the motion schedules.
const (
	PhaseSetup    = "setup"    // getting into position (not scored)
	PhaseBaseline = "baseline" // the still start position every change is measured from
	PhaseReach    = "reach"    // bird dog: the limbs rise
	PhaseHold     = "hold"     // held position (bird dog reach, test position, stretch)
	PhaseReturn   = "return"   // back to the start position
	PhaseRest     = "rest"     // still between reps
	PhaseLower    = "lower"    // Thomas test: the tested leg is let down
	PhaseRaise    = "raise"    // Thomas test: the tested leg comes back up
	PhaseShift    = "shift"    // half kneeling: the hips move forward into the stretch
	PhaseRelease  = "release"  // half kneeling: out of the stretch
	PhaseSwitch   = "switch"   // moving into another exercise
	PhaseOther    = "other"    // another exercise, not the one tested (not scored)
)

// Phase is one span of a motion's schedule. Side is the reaching arm for
// the bird dog, the tested leg for the Thomas test and the down knee (the
// stretched side) for half kneeling.
type Phase struct {
	Name   string  `json:"name"`
	Side   sw.Side `json:"side,omitempty"`
	Rep    int     `json:"rep,omitempty"` // 1-based repetition, 0 when not a rep
	StartS float64 `json:"start_s"`
	EndS   float64 `json:"end_s"`
}

// FaultSpec asks a motion for a fault: Name (one the exercise knows, see
// the motion constructors), Value in the fault's unit, and optionally
// where: StartS and EndS (seconds; both zero for the exercise's default
// placement) and Side (SideNone for every side).
type FaultSpec struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Side   sw.Side `json:"side,omitempty"`
	StartS float64 `json:"start_s,omitempty"`
	EndS   float64 `json:"end_s,omitempty"`
}

// Fault is one injected fault as it happened: it starts rising at StartS,
// is at its full Value from FullS to FadeS and is gone at EndS.
type Fault struct {
	Name   string  `json:"name"`
	Side   sw.Side `json:"side,omitempty"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
	StartS float64 `json:"start_s"`
	FullS  float64 `json:"full_s"`
	FadeS  float64 `json:"fade_s"`
	EndS   float64 `json:"end_s"`
}

// level returns the fault's magnitude at time t: 0 outside StartS..EndS,
// Value between FullS and FadeS, eased in between.
func (f Fault) level(t float64) float64 {
	switch {
	case t >= f.FullS && t <= f.FadeS:
		return f.Value
	case t <= f.StartS || t >= f.EndS:
		return 0
	case t < f.FullS:
		return f.Value * smoothstep((t-f.StartS)/(f.FullS-f.StartS))
	}
	return f.Value * smoothstep((f.EndS-t)/(f.EndS-f.FadeS))
}

// faultKind describes a fault an exercise accepts.
type faultKind struct {
	unit string
	doc  string
	min  float64
	max  float64
}

// Motion is an exercise as a function of time: a schedule of phases, the
// faults placed on it, and a pose for every instant. Build one with
// BirdDog, ThomasTest or HalfKneeling.
type Motion struct {
	Exercise  sw.Exercise `json:"exercise"`
	Posture   sw.Posture  `json:"posture"` // the posture held throughout
	DurationS float64     `json:"duration_s"`
	Phases    []Phase     `json:"phases"`
	Faults    []Fault     `json:"faults"`
	// Err is set when the parameters were invalid (an unknown fault name, a
	// value out of range); Generate refuses such a motion.
	Err error `json:"-"`

	pose func(b Body, t float64, st *State) Pose
}

// State is what the motion was asked to do at one instant: the phase, the
// level of every fault, and the values the motion set (in the units their
// names say), which the ground truth reports next to the measured angles.
type State struct {
	Phase  string             `json:"phase"`
	Side   sw.Side            `json:"side,omitempty"`
	Rep    int                `json:"rep,omitempty"`
	Faults map[string]float64 `json:"faults,omitempty"`
	Set    map[string]float64 `json:"set,omitempty"`
}

// At returns the pose of body b at time t seconds and the state the motion
// was in.
func (m *Motion) At(b Body, t float64) (Pose, State) {
	st := State{Set: map[string]float64{}}
	if ph, ok := m.phaseAt(t); ok {
		st.Phase, st.Side, st.Rep = ph.Name, ph.Side, ph.Rep
	}
	for _, f := range m.Faults {
		if v := f.level(t); v != 0 {
			if st.Faults == nil {
				st.Faults = map[string]float64{}
			}
			st.Faults[f.Name] += v
		}
	}
	p := m.pose(b, t, &st)
	return p, st
}

// phaseAt returns the phase holding t (the last one at the very end).
func (m *Motion) phaseAt(t float64) (Phase, bool) {
	i := sort.Search(len(m.Phases), func(i int) bool { return m.Phases[i].EndS > t })
	if i == len(m.Phases) {
		if len(m.Phases) == 0 {
			return Phase{}, false
		}
		i--
	}
	return m.Phases[i], true
}

// schedule builds phases back to back.
type schedule struct {
	t      float64
	phases []Phase
}

func (s *schedule) add(name string, side sw.Side, rep int, durS float64) Phase {
	p := Phase{Name: name, Side: side, Rep: rep, StartS: s.t, EndS: s.t + durS}
	s.t += durS
	s.phases = append(s.phases, p)
	return p
}

// progress returns how far t is through phase p, 0..1.
func progress(p Phase, t float64) float64 {
	if p.EndS <= p.StartS {
		return 1
	}
	return clamp((t-p.StartS)/(p.EndS-p.StartS), 0, 1)
}

// checkFaults validates fault specs against the kinds an exercise knows.
func checkFaults(ex sw.Exercise, specs []FaultSpec, kinds map[string]faultKind) error {
	for _, f := range specs {
		k, ok := kinds[f.Name]
		if !ok {
			names := make([]string, 0, len(kinds))
			for n := range kinds {
				names = append(names, n)
			}
			sort.Strings(names)
			return sw.Errorf(sw.EINVALID, "%s: unknown fault %q (known: %v)", ex, f.Name, names)
		}
		if !(f.Value >= k.min && f.Value <= k.max) || math.IsNaN(f.Value) {
			return sw.Errorf(sw.EINVALID, "%s: fault %s = %g %s outside %g..%g", ex, f.Name, f.Value, k.unit, k.min, k.max)
		}
		if f.StartS < 0 || f.EndS < f.StartS {
			return sw.Errorf(sw.EINVALID, "%s: fault %s: times %g..%g s are not a span", ex, f.Name, f.StartS, f.EndS)
		}
		if f.Side != sw.SideNone && f.Side != sw.SideLeft && f.Side != sw.SideRight {
			return sw.Errorf(sw.EINVALID, "%s: fault %s: side %q", ex, f.Name, f.Side)
		}
	}
	return nil
}

// checkDurations reports a negative or non-finite phase length.
func checkDurations(ex sw.Exercise, ds ...float64) error {
	for _, d := range ds {
		if !(d >= 0 && d <= 3600) {
			return sw.Errorf(sw.EINVALID, "%s: phase length %g s outside 0..3600", ex, d)
		}
	}
	return nil
}

// spanFault places a fault spec with explicit times, eased over rampS at
// each end (or over a third of the span when the span is short).
func spanFault(f FaultSpec, unit string, rampS float64) Fault {
	r := math.Min(rampS, (f.EndS-f.StartS)/3)
	return Fault{Name: f.Name, Side: f.Side, Value: f.Value, Unit: unit,
		StartS: f.StartS, FullS: f.StartS + r, FadeS: f.EndS - r, EndS: f.EndS}
}
