package coach_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis/analysistest"
	"github.com/stretchwise/stretchwise/coach"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/internal/cpuclock"
	"github.com/stretchwise/stretchwise/internal/golden"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/synth"
)

// kneeling renders a synthetic half-kneeling stretch from a side view.
func kneeling(t testing.TB, p synth.KneelParams, view stretchwise.View, noise string, seed uint64) (*stretchwise.Recording, *synth.Truth) {
	t.Helper()
	return analysistest.Render(t, synth.HalfKneeling(p), synth.AverageBody(), view, noise, rand.New(rand.NewPCG(seed, 7)))
}

func cueTimes(tl coach.Timeline, code string) []float64 {
	var ts []float64
	for _, e := range tl.Events {
		if e.Cue == code {
			ts = append(ts, e.T)
		}
	}
	return ts
}

func TestCoachScenarios(t *testing.T) {
	// The timer starts once the hips are shifted, stops only once a fault
	// is confirmed, and runs into the release until the hips coming back
	// are confirmed: the hold is the stretch minus the faults within
	// holdLo below and holdHi above.
	const holdLo, holdHi = 2.0, 5.0
	tests := []struct {
		name  string
		p     synth.KneelParams
		view  stretchwise.View
		side  stretchwise.Side
		cue   string  // a cue that must come
		after float64 // ... at or after this time
		by    float64 // ... and by this time
		hold  float64 // the longest good-form hold, s
	}{
		{"good left knee, left view", synth.KneelParams{Side: stretchwise.SideLeft}, stretchwise.ViewLeft, stretchwise.SideLeft, "good_form", 2, 9, 30},
		{"good right knee, right view", synth.KneelParams{Side: stretchwise.SideRight}, stretchwise.ViewRight, stretchwise.SideRight, "good_form", 2, 9, 30},
		{"low-back arch", synth.KneelParams{Side: stretchwise.SideLeft, Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanBack, Value: 20, StartS: 15, EndS: 25}}},
			stretchwise.ViewRight, stretchwise.SideLeft, "tuck_tailbone", 15, 17.5, 20},
		{"leaning forward", synth.KneelParams{Side: stretchwise.SideRight, Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanForward, Value: 25, StartS: 12, EndS: 20}}},
			stretchwise.ViewLeft, stretchwise.SideRight, "sit_tall", 12, 14.5, 22},
		{"front knee too bent", synth.KneelParams{Side: stretchwise.SideLeft, Faults: []synth.FaultSpec{{Name: synth.FaultFrontKnee, Value: 35, StartS: 12, EndS: 22}}},
			stretchwise.ViewLeft, stretchwise.SideLeft, "front_knee", 12, 14.5, 20},
		{"hips drift back", synth.KneelParams{Side: stretchwise.SideLeft, Faults: []synth.FaultSpec{{Name: synth.FaultHipsNotForward, Value: 15, StartS: 12, EndS: 22}}},
			stretchwise.ViewLeft, stretchwise.SideLeft, "shift_hips", 12, 14.5, 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, _ := kneeling(t, tc.p, tc.view, "low", 3)
			tl := coach.Replay(rec, coach.DefaultConfig)
			if tl.Side != tc.side {
				t.Errorf("side = %q, want %q", tl.Side, tc.side)
			}
			ts := cueTimes(tl, tc.cue)
			found := false
			for _, x := range ts {
				if x >= tc.after && x <= tc.by {
					found = true
				}
			}
			if !found {
				t.Errorf("cue %s at %v, want one in %g..%g s; timeline %+v", tc.cue, ts, tc.after, tc.by, tl.Events)
			}
			if tl.BestS < tc.hold-holdLo || tl.BestS > tc.hold+holdHi {
				t.Errorf("longest hold %.1f s, want %g - %g .. + %g", tl.BestS, tc.hold, holdLo, holdHi)
			}
		})
	}
}

// TestCoachNeverNags holds a fault for a long time: the same cue must not
// come back sooner than RepeatS, and no two cues closer than CooldownS.
func TestCoachNeverNags(t *testing.T) {
	p := synth.KneelParams{HoldS: 60, Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanBack, Value: 20, StartS: 10, EndS: 60}}}
	rec, _ := kneeling(t, p, stretchwise.ViewLeft, "mediapipe", 4)
	cfg := coach.DefaultConfig
	tl := coach.Replay(rec, cfg)
	last := map[string]float64{}
	prev := math.Inf(-1)
	n := 0
	for _, e := range tl.Events {
		if e.Cue == "" {
			continue
		}
		n++
		if e.T-prev < cfg.CooldownS {
			t.Errorf("cue %s at %.2f s only %.2f s after the previous cue (cooldown %g s)", e.Cue, e.T, e.T-prev, cfg.CooldownS)
		}
		if l, ok := last[e.Cue]; ok && e.T-l < cfg.RepeatS {
			t.Errorf("cue %s repeated after %.2f s (wait %g s)", e.Cue, e.T-l, cfg.RepeatS)
		}
		last[e.Cue], prev = e.T, e.T
	}
	if got := len(cueTimes(tl, "tuck_tailbone")); got < 2 || got > 4 {
		t.Errorf("%d tuck_tailbone cues over a 50 s arch, want 2..4 (every %g s at most)", got, cfg.RepeatS)
	}
	if n == 0 {
		t.Fatal("no cue at all")
	}
}

// TestCoachSetupGuidance: a person whose hips stay back in the position is
// told to shift them once GuideS has passed; one whose hips come
// forward just as the guidance falls due is not (the fault is being
// corrected), and is praised instead.
func TestCoachSetupGuidance(t *testing.T) {
	cfg := coach.DefaultConfig
	tests := []struct {
		name  string
		p     synth.KneelParams
		shift bool // a shift_hips cue must come in the first 8 s (else none)
	}{
		// The hips stay 5 deg behind the upright kneeling position (0 deg
		// is within MarginDeg of HipExtMinDeg, so noise would decide).
		{"hips stay back", synth.KneelParams{Faults: []synth.FaultSpec{{Name: synth.FaultHipsNotForward, Value: 15, StartS: 0.5, EndS: 40}}}, true},
		// In position from the start; the hips come forward from 3.5 to
		// 4.5 s, as GuideS = 4 s falls due.
		{"shifts as the guidance falls due", synth.KneelParams{SetupS: 3.5, ShiftS: 1}, false},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, view := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRight} {
				rec, _ := kneeling(t, tc.p, view, "low", uint64(20+i))
				tl := coach.Replay(rec, cfg)
				var early []float64
				for _, x := range cueTimes(tl, "shift_hips") {
					if x < 8 {
						early = append(early, x)
					}
				}
				if tc.shift && (len(early) == 0 || early[0] < cfg.GuideS) {
					t.Errorf("%s view: shift_hips at %v, want one after %g s and before 8 s; timeline %+v", view, early, cfg.GuideS, tl.Events)
				}
				if !tc.shift && len(early) > 0 {
					t.Errorf("%s view: shift_hips at %v while the hips came forward; timeline %+v", view, early, tl.Events)
				}
				if !tc.shift && len(cueTimes(tl, "good_form")) == 0 {
					t.Errorf("%s view: no good_form cue; timeline %+v", view, tl.Events)
				}
			}
		})
	}
}

// TestCoachFrontView: from the front the coach cannot see the stretch and
// asks the person to turn sideways; it never starts the hold timer.
func TestCoachFrontView(t *testing.T) {
	rec, _ := kneeling(t, synth.KneelParams{}, stretchwise.ViewFront, "low", 5)
	tl := coach.Replay(rec, coach.DefaultConfig)
	if len(cueTimes(tl, "turn_sideways")) == 0 {
		t.Errorf("no turn_sideways cue from the front: %+v", tl.Events)
	}
	if tl.BestS != 0 {
		t.Errorf("hold %.1f s from the front, want 0", tl.BestS)
	}
}

// TestCoachNoPerson: frames without a person keep the coach quiet.
func TestCoachNoPerson(t *testing.T) {
	c := coach.New(coach.DefaultConfig)
	for i := 0; i < 300; i++ {
		o := c.Update(&stretchwise.Frame{T: float64(i) / 30}, 16.0/9)
		if o.Cue != coach.CueNone || o.State != coach.StateGettingIntoPosition || o.HoldS != 0 {
			t.Fatalf("frame %d: %+v", i, o)
		}
	}
}

func TestCueCodes(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range coach.Cues() {
		if c.Text() == "" || c.String() == "" || c.String() == "unknown" || seen[c.String()] || c.Priority() <= 0 {
			t.Errorf("cue %d: code %q text %q priority %d", c, c.String(), c.Text(), c.Priority())
		}
		seen[c.String()] = true
	}
	if coach.CueNone.Text() != "" {
		t.Error("CueNone has a text")
	}
}

// TestUpdateAllocatesNothing is the zero-allocation promise of the live path.
func TestUpdateAllocatesNothing(t *testing.T) {
	rec, _ := kneeling(t, synth.KneelParams{Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanBack, Value: 20}}}, stretchwise.ViewLeft, "mediapipe", 6)
	c := coach.New(coach.DefaultConfig)
	aspect := rec.Header.Aspect()
	if allocs := allocsPerFrame(rec, 0, func(f *stretchwise.Frame) { c.Update(f, aspect) }); allocs != 0 {
		t.Errorf("Update allocates %.2f times per frame, want 0", allocs)
	}
}

// TestGoldenTimeline pins the cue timeline of a synthetic recording with
// two faults. Run with -update to accept a deliberate change.
func TestGoldenTimeline(t *testing.T) {
	p := synth.KneelParams{Side: stretchwise.SideRight, Faults: []synth.FaultSpec{
		{Name: synth.FaultTrunkLeanBack, Value: 18, StartS: 12, EndS: 18},
		{Name: synth.FaultFrontKnee, Value: -30, StartS: 24, EndS: 29},
	}}
	rec, _ := kneeling(t, p, stretchwise.ViewRight, "low", 8)
	tl := coach.Replay(rec, coach.DefaultConfig)
	r := func(x float64) float64 { return math.Round(x*1000) / 1000 }
	tl.HoldS, tl.BestS = r(tl.HoldS), r(tl.BestS)
	for i := range tl.Events {
		tl.Events[i].T, tl.Events[i].HoldS = r(tl.Events[i].T), r(tl.Events[i].HoldS)
	}
	golden.JSON(t, filepath.Join("testdata", "timeline.golden.json"), tl)
}

func BenchmarkUpdate(b *testing.B) {
	rec, _ := kneeling(b, synth.KneelParams{Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanBack, Value: 20}}}, stretchwise.ViewLeft, "mediapipe", 9)
	c := coach.New(coach.DefaultConfig)
	aspect := rec.Header.Aspect()
	benchmarkFrames(b, rec, c.Reset, func(f *stretchwise.Frame) { c.Update(f, aspect) })
}

// allocsPerFrame returns the allocations per call of update over the
// frames of rec from warm on, after it has seen the frames before warm.
func allocsPerFrame(rec *stretchwise.Recording, warm int, update func(f *stretchwise.Frame)) float64 {
	for i := range warm {
		update(&rec.Frames[i])
	}
	i := warm
	return testing.AllocsPerRun(len(rec.Frames)-warm-1, func() {
		update(&rec.Frames[i])
		i++
	})
}

// benchmarkFrames runs update over the frames of rec, one frame per op,
// calling reset at the start of every pass.
func benchmarkFrames(b *testing.B, rec *stretchwise.Recording, reset func(), update func(f *stretchwise.Frame)) {
	n := len(rec.Frames)
	b.ReportAllocs()
	b.ResetTimer()
	defer cpuclock.PerOp(b)()
	for i := 0; i < b.N; i++ {
		k := i % n
		if k == 0 {
			reset()
		}
		update(&rec.Frames[k])
	}
}

// TestAbruptFaultCuedWithinHalfSecond: a fault that sets in abruptly (the
// synthetic body ramps it in over 0.3 s) is cued within 0.5 s of its
// onset (issue 14), for each check, in both side views, at low and
// realistic landmark noise; before the fast path of the confirmation
// (kneel.Rules.StepDeg) the cue waited for the slow confirmation, 1.6-1.8
// s. The recordings are seeded: the same frames every run.
func TestAbruptFaultCuedWithinHalfSecond(t *testing.T) {
	const onset, within = 12.0, 0.5
	faults := []struct {
		name, cue string
		value     float64
	}{
		{synth.FaultTrunkLeanBack, "tuck_tailbone", 20},
		{synth.FaultTrunkLeanForward, "sit_tall", 25},
		{synth.FaultHipsNotForward, "shift_hips", 17},
		{synth.FaultFrontKnee, "front_knee", 35},
		{synth.FaultFrontKnee, "front_knee", -35},
		{synth.FaultBackKnee, "back_knee", 45},
	}
	for _, noise := range []string{"low", "mediapipe"} {
		for _, view := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRight} {
			for _, f := range faults {
				name := fmt.Sprintf("%s %+g, %s view, %s noise", f.name, f.value, view, noise)
				t.Run(name, func(t *testing.T) {
					p := synth.KneelParams{Side: stretchwise.SideLeft, HoldS: 30,
						Faults: []synth.FaultSpec{{Name: f.name, Value: f.value, StartS: onset, EndS: onset + 5}}}
					rec, _ := kneeling(t, p, view, noise, 5)
					tl := coach.Replay(rec, coach.DefaultConfig)
					ts := cueTimes(tl, f.cue)
					for _, x := range ts {
						if x >= onset && x <= onset+within {
							return
						}
					}
					t.Errorf("cue %s at %v s, want one within %g s of the onset at %g s", f.cue, ts, within, onset)
				})
			}
		}
	}
}

// TestCoachCameraTooHigh: from a camera high above the body (a shelf or a
// room corner, 45-50 deg up) the half-kneeling angles cannot be judged: the
// coach asks for the camera to be lowered (lower_camera) and gives no form
// cue, fault or praise; from the height the app asks for (10 deg up) it
// never says so. Before the camera rules (kneel.CameraRules) it judged on,
// as when the synthetic home battery's cameras 35-50 deg up saw under half
// of the faults within 0.5 s.
func TestCoachCameraTooHigh(t *testing.T) {
	p := synth.KneelParams{HoldS: 30, Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanForward, Value: 25, StartS: 12, EndS: 17}}}
	for _, tc := range []struct {
		elevation float64
		high      bool
	}{{50, true}, {45, true}, {10, false}} {
		for _, view := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRight} {
			cam := synth.CameraFor(view)
			cam.ElevationDeg = tc.elevation
			rng := rand.New(rand.NewPCG(11, 7))
			rec, _ := synth.Generate(synth.HalfKneeling(p), synth.AverageBody(), cam, synth.NoiseMediaPipe, 30, rng)
			tl := coach.Replay(rec, coach.DefaultConfig)
			said := cueTimes(tl, "lower_camera")
			if !tc.high {
				if len(said) > 0 {
					t.Errorf("camera %g deg up, %s view: lower_camera at %v s", tc.elevation, view, said)
				}
				continue
			}
			if len(said) == 0 || said[0] > 5 {
				t.Errorf("camera %g deg up, %s view: lower_camera at %v s, want it within the first 5 s", tc.elevation, view, said)
			}
			for _, e := range tl.Events {
				if e.Cue != "" && e.Cue != "lower_camera" {
					t.Errorf("camera %g deg up, %s view: cue %s at %.2f s; only lower_camera may be said", tc.elevation, view, e.Cue, e.T)
				}
			}
		}
	}
}

// TestCoachTooUnsteady: through landmarks as unsteady as the synthetic
// "high" noise level (the knees jitter 3-6 deg from frame to frame) the
// coach cannot tell a fault from the pose model's errors: it says so
// (see_clearly) and cues no fault; at the realistic level it never says so
// and cues the fault. Before kneel.CameraRules.UnsteadyDeg it judged on
// and gave 5.3 false cues per 5 min at the high level (seed 1).
func TestCoachTooUnsteady(t *testing.T) {
	p := synth.KneelParams{HoldS: 40, Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanForward, Value: 25, StartS: 20, EndS: 26}}}
	for _, noise := range []string{"high", "mediapipe"} {
		for _, view := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRight} {
			for seed := uint64(1); seed <= 3; seed++ {
				rec, _ := kneeling(t, p, view, noise, seed)
				tl := coach.Replay(rec, coach.DefaultConfig)
				said := cueTimes(tl, "see_clearly")
				if noise == "mediapipe" {
					if len(said) > 0 || len(cueTimes(tl, "sit_tall")) == 0 {
						t.Errorf("%s noise, %s view, seed %d: see_clearly at %v s, sit_tall at %v s; want none, and the fault cued", noise, view, seed, said, cueTimes(tl, "sit_tall"))
					}
					continue
				}
				if len(said) == 0 {
					var cues []string
					for _, e := range tl.Events {
						if e.Cue != "" {
							cues = append(cues, fmt.Sprintf("%s@%.1f", e.Cue, e.T))
						}
					}
					t.Errorf("%s noise, %s view, seed %d: no see_clearly; cues %v", noise, view, seed, cues)
					continue
				}
				for _, e := range tl.Events {
					if faultCue[e.Cue] && e.T >= said[0] {
						t.Errorf("%s noise, %s view, seed %d: fault cue %s at %.2f s after see_clearly at %.2f s", noise, view, seed, e.Cue, e.T, said[0])
					}
				}
			}
		}
	}
}

var faultCue = map[string]bool{"tuck_tailbone": true, "sit_tall": true, "shift_hips": true, "front_knee": true, "back_knee": true}

// TestNewFaultNotHeldByPause: a fault that begins 1-3 s after a cue about
// something less important (the praise as the hold begins) is cued
// within 0.5 s of its onset, not after the pause that follows the praise
// (CooldownS); a new fault less important than the last cue waits that
// pause. Before this rule a back knee lifted 2.7 s after a praise was
// cued 1.3 s after it lifted (the synthetic battery, seed 1, case 32).
func TestNewFaultNotHeldByPause(t *testing.T) {
	cfg := coach.DefaultConfig
	for _, view := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRight} {
		// Seed 3: the praise comes as the hips shift into the stretch
		// (3.7 s in both views).
		clean, _ := kneeling(t, synth.KneelParams{Side: stretchwise.SideLeft, HoldS: 30}, view, "mediapipe", 3)
		praise := cueTimes(coach.Replay(clean, cfg), "good_form")
		if len(praise) == 0 {
			t.Fatalf("%s view: no praise in a clean hold", view)
		}
		for _, f := range []struct {
			name, cue string
			value     float64
		}{
			{synth.FaultTrunkLeanBack, "tuck_tailbone", 20},
			{synth.FaultBackKnee, "back_knee", 45},
			{synth.FaultFrontKnee, "front_knee", 35},
		} {
			for _, after := range []float64{1, 2, 3} {
				onset := praise[0] + after
				p := synth.KneelParams{Side: stretchwise.SideLeft, HoldS: 30,
					Faults: []synth.FaultSpec{{Name: f.name, Value: f.value, StartS: onset, EndS: onset + 5}}}
				rec, _ := kneeling(t, p, view, "mediapipe", 3)
				tl := coach.Replay(rec, cfg)
				ok := false
				for _, x := range cueTimes(tl, f.cue) {
					ok = ok || (x >= onset && x <= onset+0.5)
				}
				if !ok {
					t.Errorf("%s view, %s %g deg %.0f s after the praise at %.2f s: cue %s at %v s, want one within 0.5 s of %.2f s",
						view, f.name, f.value, after, praise[0], f.cue, cueTimes(tl, f.cue), onset)
				}
			}
		}
		// A back knee lifted 1 s after an arch was cued waits the pause
		// after the arch's cue: it is less important.
		arch := praise[0] + 3
		p := synth.KneelParams{Side: stretchwise.SideLeft, HoldS: 30, Faults: []synth.FaultSpec{
			{Name: synth.FaultTrunkLeanBack, Value: 20, StartS: arch, EndS: arch + 8},
			{Name: synth.FaultBackKnee, Value: 45, StartS: arch + 1.5, EndS: arch + 8}}}
		rec, _ := kneeling(t, p, view, "mediapipe", 3)
		tl := coach.Replay(rec, cfg)
		tuck, knee := cueTimes(tl, "tuck_tailbone"), cueTimes(tl, "back_knee")
		if len(tuck) == 0 || len(knee) == 0 || knee[0]-tuck[0] < cfg.CooldownS {
			t.Errorf("%s view: tuck_tailbone at %v s, back_knee at %v s; want both, %g s or more apart", view, tuck, knee, cfg.CooldownS)
		}
	}
}

// TestCoachCameraFairlyHigh: from a camera 30-35 deg above the body (a
// shelf), below the height the coach asks to lower, the position is
// recognised as a side view and a trunk leaning forward is cued. Before
// the side-view test looked only across the trunk (kneel.SideOn), the
// shoulders' line, which such a camera sees run down the picture, read as
// a view from the front: no facing, so no trunk or hip check at all.
func TestCoachCameraFairlyHigh(t *testing.T) {
	p := synth.KneelParams{HoldS: 30, Faults: []synth.FaultSpec{{Name: synth.FaultTrunkLeanForward, Value: 25, StartS: 12, EndS: 17}}}
	for _, elevation := range []float64{30, 35} {
		for _, view := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRight} {
			cam := synth.CameraFor(view)
			cam.ElevationDeg = elevation
			rng := rand.New(rand.NewPCG(11, 7))
			rec, _ := synth.Generate(synth.HalfKneeling(p), synth.AverageBody(), cam, synth.NoiseLow, 30, rng)
			tl := coach.Replay(rec, coach.DefaultConfig)
			ok := false
			for _, x := range cueTimes(tl, "sit_tall") {
				ok = ok || (x >= 12 && x <= 12.5)
			}
			if !ok {
				t.Errorf("camera %g deg up, %s view: sit_tall at %v s, want one within 0.5 s of 12 s; cues %+v", elevation, view, cueTimes(tl, "sit_tall"), tl.Events)
			}
		}
	}
}

// TestCoachKneesHidden: with furniture hiding the lower quarter of the
// picture (the knees of a person kneeling), the coach cannot recognise
// the position: it says it cannot see the hips and knees (show_knees)
// and nothing else, rather than asking the kneeling person to kneel or to
// turn. Before, it said "Kneel on one knee ..." every 15 s.
func TestCoachKneesHidden(t *testing.T) {
	p := synth.KneelParams{HoldS: 30}
	for _, view := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRight} {
		cam := synth.CameraFor(view)
		cam.Occluders = []synth.Rect{{X0: 0, Y0: 0.75, X1: 1, Y1: 1}}
		rng := rand.New(rand.NewPCG(12, 7))
		rec, _ := synth.Generate(synth.HalfKneeling(p), synth.AverageBody(), cam, synth.NoiseMediaPipe, 30, rng)
		tl := coach.Replay(rec, coach.DefaultConfig)
		said := cueTimes(tl, "show_knees")
		if len(said) == 0 || said[0] > 6 {
			t.Errorf("%s view: show_knees at %v s, want it within the first 6 s; cues %+v", view, said, tl.Events)
		}
		for _, e := range tl.Events {
			if e.Cue != "" && e.Cue != "show_knees" {
				t.Errorf("%s view: cue %s at %.2f s; only show_knees may be said", view, e.Cue, e.T)
			}
		}
	}
}

// TestCoachCameraNearTheLimit: a camera just above the height the coach
// asks to lower (41-44 deg up) is judged only once its height is sure:
// no form cue comes before the coach says it cannot judge from there
// (lower_camera, or see_clearly for the knees' angles that shake from so
// high). Before, the first 3 s of samples
// made the height "known" though not yet surely too high, and the coach
// praised and cued the hips from such a camera seconds before asking for
// it to be lowered (the synthetic home battery, seed 1, cases 27, 66 and
// 114).
func TestCoachCameraNearTheLimit(t *testing.T) {
	p := synth.KneelParams{HoldS: 30}
	for _, elevation := range []float64{41, 44} {
		for _, view := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRight} {
			for seed := uint64(1); seed <= 3; seed++ {
				cam := synth.CameraFor(view)
				cam.ElevationDeg = elevation
				rng := rand.New(rand.NewPCG(seed, 9))
				rec, _ := synth.Generate(synth.HalfKneeling(p), synth.AverageBody(), cam, synth.NoiseMediaPipe, 30, rng)
				tl := coach.Replay(rec, coach.DefaultConfig)
				for _, e := range tl.Events {
					if e.Cue == "lower_camera" || e.Cue == "see_clearly" {
						break // told to fix the camera
					}
					if e.Cue != "" {
						t.Errorf("camera %g deg up, %s view, seed %d: cue %s at %.2f s before the camera was called too high or too unsteady %v", elevation, view, seed, e.Cue, e.T, tl.Events)
					}
				}
			}
		}
	}
}

// TestCoachOutOfPicture: a foot the checks need leaves the picture during
// the hold (the pose model still places it, by guessing, beyond the edge).
// The coach says which part is out and what to do, in package framing's
// words (the camera check's and the report's), on screen and by voice
// (the answer's cue and caption texts), gives no other cue meanwhile and
// does not count the hold while it cannot see; once the foot is back it
// judges and counts again. Before the rule the coach judged the guessed
// foot and counted the hold on.
func TestCoachOutOfPicture(t *testing.T) {
	const outFrom, outTo = 16.0, 24.0
	p := synth.KneelParams{HoldS: 40}
	for _, view := range []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRight} {
		for _, foot := range []int{stretchwise.LeftAnkle, stretchwise.RightAnkle} {
			rec, _ := kneeling(t, p, view, "mediapipe", 3)
			for i := range rec.Frames {
				f := &rec.Frames[i]
				if f.T >= outFrom && f.T < outTo {
					f.Image[foot].X = 1.04 // past the right edge, still at visibility 0.9+
					f.Image[foot].Visibility = 0.95
				}
			}
			name := framing.PartOf(foot)
			want := framing.LiveMessage(framing.Note{Problem: framing.OutOfPicture, Part: name})
			if !strings.HasPrefix(want, "Your "+name+" is out of the picture: move the camera further back") {
				t.Fatalf("framing's words changed: %q", want)
			}
			live := coach.New(coach.DefaultConfig).Live()
			aspect := rec.Header.Aspect()
			var said []float64
			holdAt := map[float64]float64{}
			shown := false
			for i := range rec.Frames {
				f := &rec.Frames[i]
				a := live.Update(f, aspect)
				for _, at := range []float64{outFrom + 0.5, outTo - 0.1, outTo + 8} {
					if _, ok := holdAt[at]; !ok && f.T >= at {
						holdAt[at] = a.HoldS
					}
				}
				switch {
				case a.Cue == "out_of_picture":
					said = append(said, f.T)
					if a.CueText != want || a.ShowingText != want {
						t.Errorf("%s view, %s out: cue text %q, caption %q; want %q", view, name, a.CueText, a.ShowingText, want)
					}
				case a.Cue != "" && f.T > outFrom && f.T < outTo:
					t.Errorf("%s view, %s out: cue %s (%q) at %.2f s while the foot is out of the picture", view, name, a.Cue, a.CueText, f.T)
				}
				if f.T > outFrom+1 && f.T < outTo && a.Showing == "out_of_picture" {
					shown = true
				}
				if f.T > outTo+6 && a.Showing == "out_of_picture" {
					t.Errorf("%s view, %s out: at %.2f s, 6 s after the foot came back, the caption still says %q", view, name, f.T, a.ShowingText)
					break
				}
			}
			if len(said) == 0 || said[0] < outFrom || said[0] > outFrom+1 || !shown {
				t.Errorf("%s view, %s out at %g-%g s: out_of_picture said at %v s, shown %v; want it within 1 s", view, name, outFrom, outTo, said, shown)
			}
			if d := holdAt[outTo-0.1] - holdAt[outFrom+0.5]; d > 0.01 {
				t.Errorf("%s view, %s out: the hold timer ran %.2f s while the foot was out of the picture (%.2f -> %.2f s)", view, name, d, holdAt[outFrom+0.5], holdAt[outTo-0.1])
			}
			if d := holdAt[outTo+8] - holdAt[outTo-0.1]; d < 5 {
				t.Errorf("%s view, %s out: the hold timer ran %.2f s in the 8 s after the foot came back, want it counting again", view, name, d)
			}
		}
	}
}

// TestCoachKneelingKneesTogether replays a real person kneeling upright
// with the knees together, filmed from the left side (the far knee
// hidden behind the near one, visibility 0.1-0.4), as a half-kneeling
// stretch: the coach tells them to kneel on one knee, never that it
// cannot see the hips and knees (it did, with show_knees at 4 s, when one
// hidden thigh was enough).
func TestCoachKneelingKneesTogether(t *testing.T) {
	for _, model := range []string{"lite", "full"} {
		rec := analysistest.ReadGzip(t, filepath.Join("..", "validation", "testdata", "real", "childspose."+model+".jsonl.gz"), recording.Limits{})
		rec.Header.Exercise = stretchwise.ExerciseHalfKneeling
		tl := coach.Replay(rec, coach.DefaultConfig)
		if said := cueTimes(tl, "show_knees"); len(said) > 0 {
			t.Errorf("%s: show_knees at %v s to a person whose near hip and knee are in plain view", model, said)
		}
		if said := cueTimes(tl, "get_in_position"); len(said) == 0 {
			t.Errorf("%s: never told to kneel on one knee; cues %+v", model, tl.Events)
		}
	}
}
