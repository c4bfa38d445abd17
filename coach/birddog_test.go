package coach_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis/analysistest"
	"github.com/stretchwise/stretchwise/coach"
	"github.com/stretchwise/stretchwise/synth"
)

// birdDog renders a synthetic bird dog: a 3 s quiet start, then reaches of
// 1.5 s up, 6 s held, 1.5 s down and 1.5 s rest.
func birdDog(t testing.TB, p synth.BirdDogParams, view stretchwise.View, noise string, seed uint64) *stretchwise.Recording {
	t.Helper()
	rec, _ := analysistest.Render(t, synth.BirdDog(p), synth.AverageBody(), view, noise, rand.New(rand.NewPCG(seed, 11)))
	return rec
}

// holds returns the hold time reached in each repetition of a timeline: the
// hold_s of the last event before each release.
func holds(tl coach.Timeline) []float64 {
	var out []float64
	last := 0.0
	for _, e := range tl.Events {
		if e.State == "released" && e.Cue == "" {
			out = append(out, last)
		}
		last = e.HoldS
	}
	return out
}

// TestBirdDogCoach runs the bird-dog coach over synthetic recordings with
// and without the screen's faults: the cue that must come, the cues that
// must not, and how much of each 6 s hold the timer counts.
func TestBirdDogCoach(t *testing.T) {
	cfg := coach.DefaultBirdDogConfig
	cfg.TargetHoldS = 30 // longer than any hold: the timer is not capped
	arms := []stretchwise.Side{stretchwise.SideRight, stretchwise.SideLeft}
	tests := []struct {
		name        string
		p           synth.BirdDogParams
		view        stretchwise.View
		want        string   // a cue that must come
		never       []string // cues that must not
		minS, maxS  float64  // the best hold, seconds
		minCountedS float64  // ... and every rep's hold at least this
	}{
		{"good reach, rear-left view", synth.BirdDogParams{Arms: arms}, stretchwise.ViewRearLeft, "steady",
			[]string{"hips_level", "shoulders_level", "limbs_lower", "reach_further"}, 4.5, 7, 4},
		{"good reach, side view", synth.BirdDogParams{Arms: arms}, stretchwise.ViewLeft, "steady",
			[]string{"hips_level", "limbs_lower", "reach_further"}, 4.5, 7, 4},
		{"hips tipping 20 deg, rear view", synth.BirdDogParams{Arms: arms, Faults: []synth.FaultSpec{{Name: synth.FaultPelvicRoll, Value: 20}}}, stretchwise.ViewRear, "hips_level",
			nil, 0, 2, 0},
		{"limbs 35 deg above level, side view", synth.BirdDogParams{Arms: arms, Faults: []synth.FaultSpec{{Name: synth.FaultLimbHigh, Value: 35}}}, stretchwise.ViewLeft, "limbs_lower",
			[]string{"hips_level"}, 0, 2, 0},
		{"limbs 20 deg below level, side view", synth.BirdDogParams{Arms: arms, Faults: []synth.FaultSpec{{Name: synth.FaultLimbHigh, Value: -20}}}, stretchwise.ViewLeft, "reach_further",
			nil, 0, 2, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for seed := uint64(1); seed <= 3; seed++ {
				rec := birdDog(t, tc.p, tc.view, "low", seed)
				tl := coach.ReplayBirdDog(rec, cfg)
				seen := map[string]bool{}
				var texts []string
				for _, e := range tl.Events {
					if e.Cue != "" {
						seen[e.Cue] = true
						texts = append(texts, e.Text)
						if e.T < 3 && e.HoldS > 0 {
							t.Errorf("seed %d: hold %.1f s counted at %.1f s, before the first reach", seed, e.HoldS, e.T)
						}
					}
				}
				if !seen[tc.want] {
					t.Errorf("seed %d: no %q cue; timeline %+v", seed, tc.want, tl.Events)
				}
				for _, c := range tc.never {
					if seen[c] {
						t.Errorf("seed %d: unexpected %q cue", seed, c)
					}
				}
				for _, x := range texts {
					if strings.Contains(x, "stretch") || strings.Contains(x, "tension") {
						t.Errorf("seed %d: cue %q talks about a stretch", seed, x)
					}
				}
				if tl.BestS < tc.minS || tl.BestS > tc.maxS {
					t.Errorf("seed %d: best hold %.2f s, want %.1f..%.1f", seed, tl.BestS, tc.minS, tc.maxS)
				}
				hs := holds(tl)
				if len(hs) != len(arms) {
					t.Errorf("seed %d: %d repetitions released, want %d: %v", seed, len(hs), len(arms), tl.Events)
				}
				for i, h := range hs {
					if h < tc.minCountedS {
						t.Errorf("seed %d: rep %d held %.2f s, want at least %.1f", seed, i+1, h, tc.minCountedS)
					}
				}
			}
		})
	}
}

// TestBirdDogCoachNoReach: on all fours without reaching, the timer never
// counts and the coach asks for the reach.
func TestBirdDogCoachNoReach(t *testing.T) {
	rec := birdDog(t, synth.BirdDogParams{Arms: []stretchwise.Side{stretchwise.SideLeft}, BaselineS: 12}, stretchwise.ViewRearLeft, "low", 4)
	c := coach.NewBirdDog(coach.DefaultBirdDogConfig, rec.Header.Aspect())
	asked := false
	for i := range rec.Frames {
		f := &rec.Frames[i]
		if f.T >= 11.5 {
			break
		}
		o := c.Update(f, rec.Header.Aspect())
		if o.HoldS != 0 {
			t.Fatalf("t %.2f: hold %.2f s without a reach", f.T, o.HoldS)
		}
		asked = asked || o.Cue == coach.CueReach
	}
	if !asked {
		t.Error("the coach never asked for the reach")
	}
}

func TestBirdDogAllocatesNothing(t *testing.T) {
	rec := birdDog(t, synth.BirdDogParams{}, stretchwise.ViewRearLeft, "mediapipe", 6)
	aspect := rec.Header.Aspect()
	c := coach.NewBirdDog(coach.DefaultBirdDogConfig, aspect)
	// The posture classifier's and the measures' windows fill in the first
	// frames; after that nothing is allocated.
	if allocs := allocsPerFrame(rec, 100, func(f *stretchwise.Frame) { c.Update(f, aspect) }); allocs != 0 {
		t.Errorf("Update allocates %.2f times per frame, want 0", allocs)
	}
}

// BenchmarkBirdDogUpdate is the per-frame cost of the bird-dog coach on a
// recording with MediaPipe-like noise (docs/coach.md).
func BenchmarkBirdDogUpdate(b *testing.B) {
	rec := birdDog(b, synth.BirdDogParams{Faults: []synth.FaultSpec{{Name: synth.FaultPelvicRoll, Value: 12}}}, stretchwise.ViewRearLeft, "mediapipe", 9)
	aspect := rec.Header.Aspect()
	c := coach.NewBirdDog(coach.DefaultBirdDogConfig, aspect)
	benchmarkFrames(b, rec, c.Reset, func(f *stretchwise.Frame) { c.Update(f, aspect) })
}
