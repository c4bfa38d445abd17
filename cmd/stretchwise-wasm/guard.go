package main

// The overstretch guard and the exercise library for the browser. The page
// keeps a session's events and asks the guard (package guard, the same code
// the CLI and tests run) for its decisions by replaying them; the guard's
// rules are never rewritten in TypeScript.

import (
	"encoding/json"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/guard"
	"github.com/stretchwise/stretchwise/library"
)

// guardInput is what the page sends: the person's state before the session,
// past sessions' hold angles for the progression cap, and every event of
// the session so far, oldest first.
type guardInput struct {
	BackPain float64               `json:"back_pain"`
	LegPain  float64               `json:"leg_pain"`
	Jitter   float64               `json:"jitter"`
	History  []guard.SessionRecord `json:"history"`
	Today    time.Time             `json:"today"`
	Events   []guard.Event         `json:"events"`
}

// guardOutput is one decision per event, the session state after the last
// one, the highest pain reported and today's progression cap.
type guardOutput struct {
	Decisions []guard.Decision `json:"decisions"`
	State     string           `json:"state"`
	MaxPain   float64          `json:"max_pain"`
	Limit     guard.Limit      `json:"limit"`
}

func marshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return marshalError(err)
	}
	return string(b)
}

// guardText replays the events of guardInput (JSON) through a new
// guard.Session with guard.DefaultConfig and returns guardOutput as JSON,
// or an error object naming the bad event.
func guardText(text string) string {
	var in guardInput
	if err := json.Unmarshal([]byte(text), &in); err != nil {
		return marshalError(stretchwise.Errorf(stretchwise.EINVALID, "guard input: %v", err))
	}
	cfg := guard.DefaultConfig()
	today := in.Today
	if today.IsZero() {
		today = time.Now()
	}
	lim, err := guard.ProgressionLimit(in.History, today, cfg)
	if err != nil {
		return marshalError(err)
	}
	s := guard.NewSession(cfg, guard.Baseline{BackPain: in.BackPain, LegPain: in.LegPain, Jitter: in.Jitter, Limit: lim})
	out := guardOutput{Decisions: make([]guard.Decision, 0, len(in.Events)), Limit: lim}
	for _, e := range in.Events {
		d, err := s.Handle(e)
		if err != nil {
			return marshalError(err)
		}
		out.Decisions = append(out.Decisions, d)
	}
	out.State, out.MaxPain = s.State(), s.MaxPain()
	return marshal(out)
}

// checkInInput is the next-morning check-in for one exercise: its dose
// table (from the library) gives the top level.
type checkInInput struct {
	Exercise string `json:"exercise"`
	guard.CheckIn
}

// checkInText runs guard.NextMorning and returns its result as JSON.
func checkInText(text string) string {
	var in checkInInput
	if err := json.Unmarshal([]byte(text), &in); err != nil {
		return marshalError(stretchwise.Errorf(stretchwise.EINVALID, "check-in input: %v", err))
	}
	lib := library.Default()
	e, ok := lib.Exercise(in.Exercise)
	if !ok {
		return marshalError(stretchwise.Errorf(stretchwise.EINVALID, "check-in exercise: unknown %q", in.Exercise))
	}
	in.MaxLevel = lib.Levels(e)
	r, err := guard.NextMorning(in.CheckIn, guard.DefaultConfig())
	if err != nil {
		return marshalError(err)
	}
	return marshal(r)
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
