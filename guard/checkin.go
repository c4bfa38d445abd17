package guard

import (
	"fmt"

	"github.com/stretchwise/stretchwise"
)

// Dose changes of the next-morning check-in.
const (
	Raise = stretchwise.DoseRaise
	Keep  = stretchwise.DoseKeep
	Lower = stretchwise.DoseLower
)

// CheckIn is the next-morning check-in after a session.
type CheckIn struct {
	Level    int `json:"level"`     // the dose level of the last session
	MaxLevel int `json:"max_level"` // the top level of the exercise's dose table
	// BaselinePain is back pain 0-10 before the last session.
	BaselinePain float64 `json:"baseline_pain"`
	// MorningPain is back pain 0-10 this morning.
	MorningPain float64 `json:"morning_pain"`
	// SessionMaxPain is the highest pain reported during the last session.
	SessionMaxPain float64 `json:"session_max_pain"`
	// Stopped says the last session ended in a stop.
	Stopped bool `json:"stopped"`
	// Settled counts the settled mornings in a row before this one at
	// this level.
	Settled int `json:"settled"`
}

const (
	srcMorning = "Silbernagel et al. 2007, American Journal of Sports Medicine: pain must settle by the next morning; worse the next day means reduce the load, here by one exercise level"
	srcRaise   = "Silbernagel 2007 (pain 0-3 safe, settled by morning); we chose to raise it after settled mornings in a row"
)

// NextMorning raises, keeps or lowers the dose one level. Morning pain above
// the baseline lowers it; a settled morning keeps it, and after
// SettledToRaise settled mornings in a row with session pain in the safe
// zone and no stop, raises it.
func NextMorning(c CheckIn, cfg Config) (stretchwise.CheckInResult, error) {
	switch {
	case c.MaxLevel < 1:
		return stretchwise.CheckInResult{}, stretchwise.Errorf(stretchwise.EINVALID, "guard: check-in max_level: %d, want 1 or more", c.MaxLevel)
	case c.Level < 1 || c.Level > c.MaxLevel:
		return stretchwise.CheckInResult{}, stretchwise.Errorf(stretchwise.EINVALID, "guard: check-in level: %d outside 1..%d", c.Level, c.MaxLevel)
	case c.Settled < 0:
		return stretchwise.CheckInResult{}, stretchwise.Errorf(stretchwise.EINVALID, "guard: check-in settled: %d, want 0 or more", c.Settled)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"baseline_pain", c.BaselinePain}, {"morning_pain", c.MorningPain}, {"session_max_pain", c.SessionMaxPain}} {
		if !(f.v >= 0 && f.v <= 10) {
			return stretchwise.CheckInResult{}, stretchwise.Errorf(stretchwise.EINVALID, "guard: check-in %s: %g outside 0..10", f.name, f.v)
		}
	}
	if c.MorningPain > c.BaselinePain {
		if c.Level == 1 {
			return stretchwise.CheckInResult{Level: 1, Change: Keep, Code: "morning_worse_lowest",
				Message: fmt.Sprintf("Your back is worse this morning (%g, up from %g), and you are already at the gentlest level. Rest today; if this keeps happening, see a clinician.", c.MorningPain, c.BaselinePain),
				Source:  srcMorning, Undo: "the level rises again after settled mornings"}, nil
		}
		return stretchwise.CheckInResult{Level: c.Level - 1, Change: Lower, Code: "morning_worse",
			Message: fmt.Sprintf("Your back is worse this morning (%g, up from %g): the pain did not settle overnight, so the next session is one level gentler.", c.MorningPain, c.BaselinePain),
			Source:  srcMorning, Undo: "the level rises again after settled mornings"}, nil
	}
	settled := c.Settled + 1
	switch {
	case c.Stopped:
		return stretchwise.CheckInResult{Level: c.Level, Change: Keep, Code: "settled_after_stop",
			Message: "Your back settled overnight, but yesterday's session was stopped: same level again before going further.",
			Source:  srcRaise, Undo: "the level can rise after settled mornings without a stop"}, nil
	case c.SessionMaxPain > cfg.SafePainMax:
		return stretchwise.CheckInResult{Level: c.Level, Change: Keep, Settled: settled, Code: "settled_keep_pain",
			Message: fmt.Sprintf("Your back settled overnight, but the session reached %g out of 10: keep this level.", c.SessionMaxPain),
			Source:  srcRaise, Undo: fmt.Sprintf("the level can rise when sessions stay at %g out of 10 or less", cfg.SafePainMax)}, nil
	case c.Level == c.MaxLevel:
		return stretchwise.CheckInResult{Level: c.Level, Change: Keep, Settled: settled, Code: "settled_top",
			Message: "Your back settled overnight. You are at the top level: longer or harder stretching adds nothing (Bandy 1997).",
			Source:  srcRaise, Undo: "nothing to undo"}, nil
	case settled >= cfg.SettledToRaise:
		return stretchwise.CheckInResult{Level: c.Level + 1, Change: Raise, Settled: 0, Code: "settled_raise",
			Message: fmt.Sprintf("Your back settled overnight %d mornings in a row: the next session goes up one level.", settled),
			Source:  srcRaise, Undo: "if the next morning is worse, the level goes back down"}, nil
	}
	return stretchwise.CheckInResult{Level: c.Level, Change: Keep, Settled: settled, Code: "settled_keep",
		Message: fmt.Sprintf("Your back settled overnight. Same level once more; it rises after %d settled mornings in a row.", cfg.SettledToRaise),
		Source:  srcRaise, Undo: "nothing to undo"}, nil
}
