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

func marshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return marshalError(err)
	}
	return string(b)
}

// guardText runs guard.ReplayCall on a guard.ReplayInput (JSON), the code
// the server stores a session's outcome with, and returns its
// guard.ReplayResult as JSON, or an error object naming the bad event.
func guardText(text string) string {
	var in guard.ReplayInput
	if err := json.Unmarshal([]byte(text), &in); err != nil {
		return marshalError(stretchwise.Errorf(stretchwise.EINVALID, "guard input: %v", err))
	}
	out, err := guard.ReplayCall(guard.DefaultConfig(), in)
	if err != nil {
		return marshalError(err)
	}
	return marshal(out)
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
	return marshal(exerciseAnswer{e, doses})
}

// exerciseAnswer is a library exercise with the dose of each level.
type exerciseAnswer struct {
	library.Exercise
	Doses []stretchwise.Dose `json:"doses"`
}

// screeningAnswer is a screening of the library for the screening page,
// with each body part's landmarks as indices into a frame's 33.
type screeningAnswer struct {
	library.Screening
	Parts []screeningPart `json:"parts"`
}

// screeningPart is a body part the screening page waits to see: either of
// two landmarks (left, right) counts.
type screeningPart struct {
	Name      string `json:"name"`
	Landmarks [2]int `json:"landmarks"`
}

// screeningsText is the library's screenings for the screening page, with
// each body part's landmarks as indices into the 33 landmarks of a frame.
func screeningsText() string {
	var out []screeningAnswer
	for _, sc := range library.Default().Screenings {
		s := screeningAnswer{Screening: sc}
		for _, p := range sc.Parts {
			var ix [2]int
			for k, name := range p.Landmarks {
				ix[k] = slices.Index(stretchwise.LandmarkNames[:], name) // the library checked the names
			}
			s.Parts = append(s.Parts, screeningPart{p.Name, ix})
		}
		out = append(out, s)
	}
	return marshal(out)
}
