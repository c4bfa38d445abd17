package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/coach"
	"github.com/stretchwise/stretchwise/synth"
)

// TestLiveCoachMatchesReplay feeds a synthetic half-kneeling stretch with a
// low-back arch through the page's coach binding and checks that it gives
// the cues `stretchwise coach --replay` gives for the same recording: the
// browser and the CLI run the same coach.
func TestLiveCoachMatchesReplay(t *testing.T) {
	m := synth.HalfKneeling(synth.KneelParams{Side: stretchwise.SideLeft, HoldS: 40,
		Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanBack, Value: 15, StartS: 20, EndS: 28}}})
	rec, _ := synth.Generate(m, synth.AverageBody(), synth.CameraFor(stretchwise.ViewLeft), synth.NoiseLow, 30, rand.New(rand.NewPCG(4, 2)))
	want := coach.Replay(rec, coach.DefaultConfig)
	if want.Cues == 0 {
		t.Fatal("the replay gave no cue at all; the recording does not exercise the coach")
	}

	l, err := newLiveCoach(`{"target_s":30}`, rec.Header.Aspect())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	replay(t, l, rec, func(i int, out coach.Answer) {
		if len(out.Checks) != 5 {
			t.Fatalf("frame %d: %d checks in the output, want 5", i, len(out.Checks))
		}
		if out.Cue != "" {
			if out.CueText == "" {
				t.Errorf("frame %d: cue %s without its wording", i, out.Cue)
			}
			got = append(got, out.Cue)
		}
	})
	var wantCues []string
	for _, e := range want.Events {
		if e.Cue != "" {
			wantCues = append(wantCues, e.Cue)
		}
	}
	if len(got) != len(wantCues) {
		t.Fatalf("live coach gave %d cues %v, replay %d %v", len(got), got, len(wantCues), wantCues)
	}
	for i := range got {
		if got[i] != wantCues[i] {
			t.Errorf("cue %d: live %s, replay %s", i, got[i], wantCues[i])
		}
	}
}

func TestLiveCoachBadInput(t *testing.T) {
	for _, cfg := range []string{`{`, `{"target_s":-1}`, `{"target_s":1e9}`, `{"exercise":"glute-bridge"}`} {
		if _, err := newLiveCoach(cfg, 1); stretchwise.ErrorCode(err) != stretchwise.EINVALID {
			t.Errorf("newLiveCoach(%q) error %v, want invalid", cfg, err)
		}
	}
	l, err := newLiveCoach("", 16.0/9)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.step(0, make([]float64, 10)); err == nil {
		t.Error("a 10-value pose was accepted")
	}
}

// TestLiveBirdDogCoachMatchesReplay: the page's bird-dog coach gives the
// cues and hold times `stretchwise coach --replay` gives.
func TestLiveBirdDogCoachMatchesReplay(t *testing.T) {
	m := synth.BirdDog(synth.BirdDogParams{Faults: []synth.FaultSpec{{Name: synth.FaultPelvicRoll, Value: 20, Side: stretchwise.SideLeft}}})
	rec, _ := synth.Generate(m, synth.AverageBody(), synth.CameraFor(stretchwise.ViewRear), synth.NoiseLow, 30, rand.New(rand.NewPCG(5, 2)))
	cfg := coach.DefaultBirdDogConfig
	cfg.TargetHoldS = 5
	want := coach.ReplayBirdDog(rec, cfg)
	l, err := newLiveCoach(`{"target_s":5,"exercise":"bird-dog"}`, rec.Header.Aspect())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	best := 0.0
	replay(t, l, rec, func(i int, out coach.Answer) {
		if out.Exercise != "bird-dog" || len(out.Checks) != int(coach.NumBirdDogChecks) {
			t.Fatalf("frame %d: output %+v", i, out)
		}
		if out.Cue != "" {
			got = append(got, out.Cue)
		}
		best = max(best, out.HoldS)
	})
	var wantCues []string
	for _, e := range want.Events {
		if e.Cue != "" {
			wantCues = append(wantCues, e.Cue)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(wantCues) || best != want.BestS {
		t.Errorf("live cues %v best %.2f, replay %v best %.2f", got, best, wantCues, want.BestS)
	}
	if !slices.Contains(got, "hips_level") {
		t.Errorf("no hips_level cue for hips tipping 20 deg: %v", got)
	}
}

// TestCoachesFromRegistry: the page's list of coaches is the registry of
// package coach, and the engine starts every coach it lists.
func TestCoachesFromRegistry(t *testing.T) {
	var got []coachInfo
	if err := json.Unmarshal([]byte(coachesText()), &got); err != nil {
		t.Fatal(err)
	}
	reg := coach.Registered()
	if len(got) != len(reg) || len(got) < 2 {
		t.Fatalf("coaches() lists %d coaches, the registry %d", len(got), len(reg))
	}
	for i, c := range got {
		if c.Exercise != reg[i].Exercise || c.TimerNote == "" || c.TimerNote != reg[i].TimerNote || c.HoldAngle != reg[i].HoldAngle {
			t.Errorf("coaches()[%d] = %+v, registry %q %q %q", i, c, reg[i].Exercise, reg[i].TimerNote, reg[i].HoldAngle)
		}
		l, err := newLiveCoach(`{"exercise":"`+string(c.Exercise)+`"}`, 16.0/9)
		if err != nil {
			t.Fatalf("%s: %v", c.Exercise, err)
		}
		out, err := l.step(0, nil)
		var a coach.Answer
		if err != nil || json.Unmarshal([]byte(out), &a) != nil || a.Exercise != string(c.Exercise) {
			t.Errorf("%s: first answer %s, %v", c.Exercise, out, err)
		}
	}
}
