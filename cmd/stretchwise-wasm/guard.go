package main

// The overstretch guard and the exercise library for the browser. The page
// keeps a session's events and asks the guard (package guard, the same code
// the server replays a stored session with) for its live decisions by
// replaying them; the guard's rules are never rewritten in TypeScript. The
// dose level and the next-morning rule are the server's (GET /api/v1/doses).

import (
	"encoding/json"
	"slices"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/guard"
	"github.com/stretchwise/stretchwise/library"
)

// guardInput is what the page sends: the person's state before the session,
// today's progression cap (from the server's dose, GET /api/v1/doses), the
// exercise's effort target, and every event of the session so far, oldest
// first.
type guardInput struct {
	BackPain     float64                  `json:"back_pain"`
	LegPain      float64                  `json:"leg_pain"`
	Jitter       float64                  `json:"jitter"`
	Limit        stretchwise.GuardLimit   `json:"limit"`
	Effort       bool                     `json:"effort"`        // a strength or stability exercise
	MaxIntensity float64                  `json:"max_intensity"` // the dose's top intensity; 0: the stretch default
	Events       []stretchwise.GuardEvent `json:"events"`
}

// guardOutput is one decision per event, the session state after the last
// one, the highest pain reported and the progression cap used.
type guardOutput struct {
	Decisions []stretchwise.GuardDecision `json:"decisions"`
	State     string                      `json:"state"`
	MaxPain   float64                     `json:"max_pain"`
	Limit     stretchwise.GuardLimit      `json:"limit"`
}

func marshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return marshalError(err)
	}
	return string(b)
}

// guardText replays the events of guardInput (JSON) with guard.Replay and
// guard.DefaultConfig, the code the server stores a session's outcome with,
// and returns guardOutput as JSON, or an error object naming the bad event.
func guardText(text string) string {
	var in guardInput
	if err := json.Unmarshal([]byte(text), &in); err != nil {
		return marshalError(stretchwise.Errorf(stretchwise.EINVALID, "guard input: %v", err))
	}
	b := guard.Baseline{BackPain: in.BackPain, LegPain: in.LegPain, Jitter: in.Jitter, Limit: in.Limit, Effort: in.Effort, MaxIntensity: in.MaxIntensity}
	ds, s, err := guard.Replay(guard.DefaultConfig(), b, in.Events)
	if err != nil {
		return marshalError(err)
	}
	return marshal(guardOutput{Decisions: ds, State: s.State(), MaxPain: s.MaxPain(), Limit: in.Limit})
}

// exerciseText returns the library entry of one exercise with the doses of
// every level of its table, as JSON.
func exerciseText(id string) string {
	lib := library.Default()
	e, ok := lib.Exercise(id)
	if !ok {
		return marshalError(stretchwise.Errorf(stretchwise.ENOTFOUND, "exercise %q is not in the library", id))
	}
	doses := make([]stretchwise.Dose, lib.Levels(e))
	for i := range doses {
		doses[i] = lib.Dose(e, i+1)
	}
	return marshal(struct {
		library.Exercise
		Doses []stretchwise.Dose `json:"doses"`
	}{e, doses})
}

// screeningsText is the library's screenings for the screening page, with
// each body part's landmarks as indices into the 33 landmarks of a frame.
func screeningsText() string {
	type part struct {
		Name      string `json:"name"`
		Landmarks [2]int `json:"landmarks"`
	}
	type screening struct {
		library.Screening
		Parts []part `json:"parts"`
	}
	var out []screening
	for _, sc := range library.Default().Screenings {
		s := screening{Screening: sc}
		for _, p := range sc.Parts {
			var ix [2]int
			for k, name := range p.Landmarks {
				ix[k] = slices.Index(stretchwise.LandmarkNames[:], name) // the library checked the names
			}
			s.Parts = append(s.Parts, part{p.Name, ix})
		}
		out = append(out, s)
	}
	return marshal(out)
}
