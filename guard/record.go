package guard

import (
	"fmt"
	"sort"
	"time"

	"github.com/stretchwise/stretchwise"
)

// ReplayInput is a session so far as the browser's engine sends it to the
// guard: the person's state before the session, today's progression cap
// (from the server's dose, GET /api/v1/doses), the exercise's effort
// target, and every event of the session so far, oldest first.
type ReplayInput struct {
	BackPain     float64                  `json:"back_pain"`
	LegPain      float64                  `json:"leg_pain"`
	Jitter       float64                  `json:"jitter,omitempty"`
	Limit        stretchwise.GuardLimit   `json:"limit,omitzero"`
	Effort       bool                     `json:"effort,omitempty"`        // a strength or stability exercise
	MaxIntensity float64                  `json:"max_intensity,omitempty"` // the dose's top intensity; 0: the stretch default
	Events       []stretchwise.GuardEvent `json:"events"`
}

// ReplayResult is the guard's answer to a ReplayInput: one decision per
// event, the session state after the last one, the highest pain reported
// and the progression cap used.
type ReplayResult struct {
	Decisions []stretchwise.GuardDecision `json:"decisions"`
	State     string                      `json:"state"`
	MaxPain   float64                     `json:"max_pain"`
	Limit     stretchwise.GuardLimit      `json:"limit"`
}

// ReplayCall replays in's events (Replay) from its baseline, the browser
// engine's guard call.
func ReplayCall(cfg Config, in ReplayInput) (ReplayResult, error) {
	b := Baseline{BackPain: in.BackPain, LegPain: in.LegPain, Jitter: in.Jitter, Limit: in.Limit, Effort: in.Effort, MaxIntensity: in.MaxIntensity}
	ds, s, err := Replay(cfg, b, in.Events)
	if err != nil {
		return ReplayResult{}, err
	}
	return ReplayResult{Decisions: ds, State: s.State(), MaxPain: s.MaxPain(), Limit: in.Limit}, nil
}

// Replay runs events, oldest first, through a new Session and returns the
// decision on each and the session. A bad event is an EINVALID error naming
// its index; nothing after it is run.
func Replay(cfg Config, b Baseline, events []stretchwise.GuardEvent) ([]stretchwise.GuardDecision, *Session, error) {
	s := NewSession(cfg, b)
	out := make([]stretchwise.GuardDecision, 0, len(events))
	for i, e := range events {
		d, err := s.Handle(e)
		if err != nil {
			return nil, nil, stretchwise.Errorf(stretchwise.EINVALID, "events[%d]: %s", i, stretchwise.ErrorMessage(err))
		}
		out = append(out, d)
	}
	return out, s, nil
}

// Reported says whether any pain was reported in the session: MaxPain is
// only a report when one was made.
func (s *Session) Reported() bool { return s.reported }

// PastSession is one earlier session of an exercise as the dose rule sees
// it. Pain nobody reported is nil, never 0.
type PastSession struct {
	At         time.Time
	PainBefore *float64 // back pain 0-10 before the session
	MaxPain    *float64 // highest pain reported during it
	Stopped    bool     // ended in a stop (by the guard or the person)
}

// Morning is one next-morning check-in: back pain 0-10 that morning, nil
// when it was not recorded.
type Morning struct {
	At   time.Time
	Pain *float64
}

// Dose is today's dose level of an exercise and the check-in decision that
// set it.
type Dose struct {
	Level    int `json:"level"`
	MaxLevel int `json:"max_level"`
	Settled  int `json:"settled"`
	// Last is the next-morning rule's latest answer; nil when no check-in
	// has followed a session that could be compared with it.
	Last *stretchwise.CheckInResult `json:"last,omitempty"`
	// LastAt is the time of the check-in Last answered.
	LastAt *time.Time `json:"last_at,omitempty"`
}

// DoseFrom replays the next-morning rule over an exercise's sessions in time
// order, starting at level start of a table of maxLevel levels: each session
// followed by a check-in (the latest before the next session) moves the
// level by NextMorning. A session is not compared when its pain before, or
// any pain during it, was not reported, or when the check-in has no pain:
// the level stays, because a value nobody entered is not a report.
func DoseFrom(start, maxLevel int, sessions []PastSession, mornings []Morning, cfg Config) (Dose, error) {
	if maxLevel < 1 || start < 1 || start > maxLevel {
		return Dose{}, stretchwise.Errorf(stretchwise.EINVALID, "guard: dose start level %d outside 1..%d", start, maxLevel)
	}
	ss := append([]PastSession(nil), sessions...)
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].At.Before(ss[j].At) })
	ms := append([]Morning(nil), mornings...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].At.Before(ms[j].At) })
	d := Dose{Level: start, MaxLevel: maxLevel}
	for i, s := range ss {
		var m *Morning
		for k := range ms {
			if ms[k].At.Before(s.At) {
				continue
			}
			if i+1 < len(ss) && !ms[k].At.Before(ss[i+1].At) {
				break
			}
			m = &ms[k]
		}
		if m == nil || m.Pain == nil || s.PainBefore == nil || s.MaxPain == nil {
			continue
		}
		r, err := NextMorning(CheckIn{Level: d.Level, MaxLevel: maxLevel, BaselinePain: *s.PainBefore,
			MorningPain: *m.Pain, SessionMaxPain: *s.MaxPain, Stopped: s.Stopped, Settled: d.Settled}, cfg)
		if err != nil {
			return Dose{}, fmt.Errorf("session of %s: %w", s.At.Format(time.RFC3339), err)
		}
		at := m.At
		d.Level, d.Settled, d.Last, d.LastAt = r.Level, r.Settled, &r, &at
	}
	return d, nil
}
