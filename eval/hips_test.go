package eval

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/assess/kneel"
	"github.com/stretchwise/stretchwise/coach"
	"github.com/stretchwise/stretchwise/synth"
)

// TestCoachAndReportAgree replays every recording of the half-kneeling
// battery (`stretchwise eval half-kneeling`, default size and seed)
// through the live coach, frame by frame as the browser does, and through
// the offline analysis (`stretchwise analyze`), and requires the same form
// faults with the same spans: the coach's confirmed faults are the
// report's findings.
func TestCoachAndReportAgree(t *testing.T) {
	if coach.DefaultConfig.Track() != kneel.DefaultTrackConfig {
		t.Fatalf("the coach's tracker %+v differs from the offline one %+v", coach.DefaultConfig.Track(), kneel.DefaultTrackConfig)
	}
	n := 72
	if testing.Short() {
		n = 12
	}
	const tol = 0.006 // s: the report rounds times to 0.01 s
	faults := 0
	for _, c := range kneelCases(n, 1) {
		rng := rand.New(rand.NewPCG(c.seed, 3))
		m := synth.HalfKneeling(synth.KneelParams{Side: c.side, HoldS: c.holdS, Faults: c.faults})
		body := synth.RandomBody(rng)
		cam := synth.CameraFor(c.view)
		cam.AzimuthDeg += c.azimuthJ
		cam.ElevationDeg = c.elevation
		rec, _ := synth.Generate(m, body, cam, synth.NoisePresets[c.noise], 30, rng)
		back, err := writeReadBack(rec)
		if err != nil {
			t.Fatal(err)
		}
		tl := coach.Replay(back, coach.DefaultConfig)
		rep, err := analysis.Analyze(back, analysis.DefaultOptions)
		if err != nil {
			t.Fatal(err)
		}
		if len(tl.Faults) != len(rep.Findings) {
			t.Errorf("case %d (%s, %s noise): the coach has %d faults %+v, the report %d findings %+v", c.idx, c.view, c.noise, len(tl.Faults), tl.Faults, len(rep.Findings), rep.Findings)
			continue
		}
		used := make([]bool, len(rep.Findings))
		for _, f := range tl.Faults {
			ok := false
			for j, fd := range rep.Findings {
				if !used[j] && fd.Code == f.Code && fd.Side == f.Side && math.Abs(fd.StartS-f.StartS) <= tol && math.Abs(fd.EndS-f.EndS) <= tol {
					used[j], ok = true, true
					break
				}
			}
			if !ok {
				t.Errorf("case %d (%s, %s noise): the coach's fault %+v is not in the report's findings %+v", c.idx, c.view, c.noise, f, rep.Findings)
			}
		}
		faults += len(tl.Faults)
	}
	if faults == 0 {
		t.Fatal("no faults at all: the battery did not exercise the comparison")
	}
	t.Logf("%d recordings, %d faults, the same in both", n, faults)
}
