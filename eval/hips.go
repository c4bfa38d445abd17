package eval

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
	"github.com/stretchwise/stretchwise/assess/kneel"
	"github.com/stretchwise/stretchwise/coach"
	"github.com/stretchwise/stretchwise/stats"
	"github.com/stretchwise/stretchwise/synth"
)

// The hip batteries: synthetic modified Thomas tests and half-kneeling hip
// flexor stretches with known hip and knee angles and faults injected at
// known times, seen from the side by random bodies at several noise levels,
// written as recordings, read back and run through the same code as
// `stretchwise analyze` and `stretchwise coach --replay`.
// docs/validation-hips.md has the results.

var hipViews = []stretchwise.View{stretchwise.ViewLeft, stretchwise.ViewRight}
var hipNoises = []string{"low", "mediapipe", "high"}

// hipScene is case i of a hip battery: the views alternate and the noise
// levels change every two cases.
func hipScene(i int, rng *rand.Rand) scene {
	return scene{idx: i, view: hipViews[i%2], noise: hipNoises[(i/2)%3], seed: rng.Uint64()}
}

// errStat accumulates absolute errors.
type errStat struct{ abs []float64 }

func (e *errStat) add(got, want float64) {
	if !math.IsNaN(got) && !math.IsNaN(want) {
		e.abs = append(e.abs, math.Abs(got-want))
	}
}

func (e *errStat) String() string {
	if len(e.abs) == 0 {
		return "n/a"
	}
	s := append([]float64(nil), e.abs...)
	sort.Float64s(s)
	var sum float64
	for _, x := range s {
		sum += x
	}
	return fmt.Sprintf("MAE %.2f, p95 %.2f, max %.2f (n=%d)", sum/float64(len(s)), stats.NearestRank(s, 0.95), s[len(s)-1], len(s))
}

func hipsPct(a, b int) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f %% (%d/%d)", 100*float64(a)/float64(b), a, b)
}

// ---- modified Thomas test ----

type thomasCase struct {
	scene
	legs     [2]synth.ThomasLeg
	fault    string // "", pelvis_tilt or held_knee (whole test)
	faultDeg float64
}

type thomasSide struct {
	c        thomasCase
	side     stretchwise.Side
	want     string // normal, tight, inconclusive
	got      string
	hip      float64 // measured hip_angle_deg, NaN if none
	hipTruth float64 // the thigh's true elevation (observed, 3D)
	knee     float64
	kneTruth float64
	why      string // the side's (or the report's) reasons when inconclusive
}

// thomasCases draws the battery: per leg a normal (thigh -15..-1 deg,
// knee 85..100 deg) or tight (thigh 9..20 deg above horizontal, or knee
// 55..72 deg) setting, kept clear of the 5 and 80 deg thresholds by more
// than the measurement error so that the truth is not a coin toss; one case
// in five lets the pelvis go (anterior tilt 20-30 deg, or the held knee
// 25-40 deg away from the chest), where the right answer is inconclusive.
func thomasCases(n int, seed uint64) []thomasCase {
	rng := rand.New(rand.NewPCG(seed, 0x7a0))
	cs := make([]thomasCase, n)
	for i := range cs {
		c := thomasCase{scene: hipScene(i, rng)}
		for s := 0; s < 2; s++ {
			l := synth.ThomasLeg{ThighDeg: -15 + 14*rng.Float64(), KneeFlexDeg: 85 + 15*rng.Float64()}
			switch rng.IntN(3) {
			case 1:
				l.ThighDeg = 9 + 11*rng.Float64()
			case 2:
				l.KneeFlexDeg = 55 + 17*rng.Float64()
			}
			c.legs[s] = l
		}
		switch rng.IntN(10) {
		case 0:
			c.fault, c.faultDeg = synth.FaultPelvisTilt, 20+10*rng.Float64()
		case 1:
			c.fault, c.faultDeg = synth.FaultHeldKnee, 25+15*rng.Float64()
		}
		c.drawCamera(rng)
		cs[i] = c
	}
	return cs
}

func runThomasCase(c thomasCase) ([]thomasSide, error) {
	rng := rand.New(rand.NewPCG(c.seed, 2))
	p := synth.ThomasParams{Left: c.legs[0], Right: c.legs[1]}
	if c.fault != "" {
		p.Faults = []synth.FaultSpec{{Name: c.fault, Value: c.faultDeg}}
	}
	rep, truth, err := c.analyse(synth.ThomasTest(p), rng)
	if err != nil {
		return nil, fmt.Errorf("thomas case %d: %w", c.idx, err)
	}
	var out []thomasSide
	for s, side := range []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight} {
		l := c.legs[s]
		ts := thomasSide{c: c, side: side, want: stretchwise.VerdictNormal, got: stretchwise.VerdictInconclusive, hip: math.NaN(), knee: math.NaN()}
		if l.ThighDeg > 5 || l.KneeFlexDeg < 80 {
			ts.want = stretchwise.VerdictTight
		}
		if c.fault != "" {
			ts.want = stretchwise.VerdictInconclusive
		}
		// The truth: the 3D thigh elevation and knee flexion over the hold
		// of this leg's trial.
		ti, ki := synth.LeftThighElevation.Sided(side), synth.LeftKneeFlexion.Sided(side)
		var th, kn []float64
		for _, f := range truth.Frames {
			if f.Phase == synth.PhaseHold && f.Side == side {
				th, kn = append(th, f.Angles3D[ti]), append(kn, f.Angles3D[ki])
			}
		}
		ts.hipTruth, ts.kneTruth = stats.Median(th), stats.Median(kn)
		for _, sv := range rep.Sides {
			if sv.Side == side {
				ts.got = sv.Verdict
				ts.why = fmt.Sprint(sv.Reasons)
			}
		}
		if len(rep.Sides) == 0 {
			ts.why = fmt.Sprint(rep.Reasons)
		}
		if m, ok := rep.Measure("hip_angle_deg", side); ok {
			ts.hip = m.Value
		}
		if m, ok := rep.Measure("knee_angle_deg", side); ok {
			ts.knee = m.Value
		}
		out = append(out, ts)
	}
	return out, nil
}

// thomasTables writes the tables of the modified Thomas test battery.
func thomasTables(w io.Writer, o Options, res [][]thomasSide, took time.Duration) {
	all := slices.Concat(res...)
	if o.Verbose {
		for _, s := range all {
			fmt.Fprintf(w, "case %3d %-5s %-9s %-5s thigh %6.1f knee %5.1f fault %-11s %4.1f | want %-12s got %-12s hip %6.1f (truth %6.1f) knee %6.1f (truth %6.1f)\n",
				s.c.idx, s.c.view, s.c.noise, s.side, s.c.legs[sideIdx(s.side)].ThighDeg, s.c.legs[sideIdx(s.side)].KneeFlexDeg, s.c.fault, s.c.faultDeg,
				s.want, s.got, s.hip, s.hipTruth, s.knee, s.kneTruth)
			if s.got == stretchwise.VerdictInconclusive && s.want != s.got {
				fmt.Fprintf(w, "         why: %s\n", s.why)
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Modified Thomas test battery: %d recordings (%d sides), seed %d, side views with the camera up to 10 deg off, 5-20 deg above\n", len(res), len(all), o.Seed)
	fmt.Fprintf(w, "(--conditions %s: %s)\n\n", o.Conditions, conditionsWords(o.Conditions))
	printThomas(w, "all", all)
	if o.Conditions == ConditionsHome {
		eachHome(all, func(s thomasSide) homeConditions { return s.c.home }, func(name string, sub []thomasSide) { printThomas(w, name, sub) })
	}
	for _, nz := range hipNoises {
		var sub []thomasSide
		for _, s := range all {
			if s.c.noise == nz {
				sub = append(sub, s)
			}
		}
		printThomas(w, nz+" noise", sub)
	}
	for _, v := range hipViews {
		var sub []thomasSide
		for _, s := range all {
			if s.c.view == v {
				sub = append(sub, s)
			}
		}
		printThomas(w, string(v)+" view", sub)
	}
	fmt.Fprintf(w, "confusion (rows truth, columns verdict):\n")
	names := []string{stretchwise.VerdictNormal, stretchwise.VerdictTight, stretchwise.VerdictInconclusive}
	fmt.Fprintf(w, "  %-13s", "")
	for _, n := range names {
		fmt.Fprintf(w, " %13s", n)
	}
	fmt.Fprintln(w)
	for _, want := range names {
		fmt.Fprintf(w, "  %-13s", want)
		for _, got := range names {
			k := 0
			for _, s := range all {
				if s.want == want && s.got == got {
					k++
				}
			}
			fmt.Fprintf(w, " %13d", k)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\n(%.0f s)\n", took.Seconds())
}

func sideIdx(s stretchwise.Side) int {
	if s == stretchwise.SideRight {
		return 1
	}
	return 0
}

func printThomas(w io.Writer, label string, ss []thomasSide) {
	agree := 0
	var hip, knee errStat
	for _, s := range ss {
		if s.want == s.got {
			agree++
		}
		if s.c.fault == "" {
			hip.add(s.hip, s.hipTruth)
			knee.add(s.knee, s.kneTruth)
		}
	}
	fmt.Fprintf(w, "%-15s verdict agreement %s\n", label+":", hipsPct(agree, len(ss)))
	fmt.Fprintf(w, "%-15s hip angle error (deg) %s\n", "", &hip)
	fmt.Fprintf(w, "%-15s knee angle error (deg) %s\n\n", "", &knee)
}

// ---- half-kneeling ----

// kneelFaultKinds are the injected faults and the check each must trip.
var kneelFaultKinds = []struct {
	name   string
	check  kneel.Check
	lo, hi float64 // magnitude range, degrees
	sign   bool    // may be negative (front knee either way)
}{
	// Every magnitude is a fault by the thresholds of kneel.Rules
	// (docs/clinical.md): the front knee 15-25 deg past 90 +/- 15, the
	// back knee 25-35 past 80 + 15, the arch 8-18 past 7 (and 5-15 past
	// clinical.md's upper 10), the trunk 10-20 past 10, the hips 8-14
	// past 4 (-4 to -10 deg of hip extension from the 10 deg stretch).
	// The smallest hips and arch faults lie only 3 deg past the threshold
	// plus MarginDeg, within the realistic noise of those checks' values
	// (docs/validation-hips.md): they are faults, and hard to see.
	{synth.FaultFrontKnee, kneel.CheckFrontKnee, 30, 40, true},
	{synth.FaultBackKnee, kneel.CheckBackKnee, 40, 50, false},
	{synth.FaultTrunkLeanBack, kneel.CheckTrunkLeanBack, 15, 25, false},
	{synth.FaultTrunkLeanForward, kneel.CheckTrunkLeanForward, 20, 30, false},
	{synth.FaultHipsNotForward, kneel.CheckHipsNotForward, 14, 20, false},
}

type kneelCase struct {
	scene
	side   stretchwise.Side
	holdS  float64
	faults []synth.FaultSpec
	checks []kneel.Check
}

// kneelCases draws the battery: half the recordings are a clean 60 s hold
// (for false cues), the others a 40 s hold with two faults of 4-6 s at
// known times, 8 s or more apart.
func kneelCases(n int, seed uint64) []kneelCase {
	rng := rand.New(rand.NewPCG(seed, 0x4ee1))
	cs := make([]kneelCase, n)
	for i := range cs {
		c := kneelCase{scene: hipScene(i, rng), holdS: 60}
		c.side = stretchwise.SideLeft
		if rng.IntN(2) == 1 {
			c.side = stretchwise.SideRight
		}
		if (i/6)%2 == 1 {
			c.holdS = 40
			t := 4 + 8 + 2*rng.Float64() // setup 2 + shift 2 + settle
			for k := 0; k < 2; k++ {
				fk := kneelFaultKinds[rng.IntN(len(kneelFaultKinds))]
				v := fk.lo + (fk.hi-fk.lo)*rng.Float64()
				if fk.sign && rng.IntN(2) == 1 {
					v = -v
				}
				d := 4 + 2*rng.Float64()
				c.faults = append(c.faults, synth.FaultSpec{Name: fk.name, Value: v, StartS: t, EndS: t + d})
				c.checks = append(c.checks, fk.check)
				t += d + 8 + 4*rng.Float64()
			}
		}
		c.drawCamera(rng)
		cs[i] = c
	}
	return cs
}

// kneelFault is the outcome for one injected fault.
type kneelFault struct {
	c       kneelCase
	spec    synth.FaultSpec
	check   kneel.Check
	status  float64 // latency of the live check status, s (NaN = missed)
	cue     float64 // latency of the live cue, s (NaN = none)
	confirm float64 // latency of the coach's confirmation of the fault (kneel.Track.Confirmed), s (NaN = none)
	finding float64 // latency of the offline finding's start, s (NaN = none)
	pre     bool    // the check's live status was already "fault" in the frame before the onset
	// told: at the onset the coach judged nothing because the camera was
	// too high, the landmarks too unsteady (kneel.CameraRules), a hip
	// or knee out of sight (kneel.Track.HiddenSince) or a part the checks
	// need out of the picture (kneel.Track.Out), and had told the
	// person to fix the camera (cameraCues) by 0.5 s after it:
	// inconclusive, not a miss, and counted apart.
	told bool
}

// kneelResult is the outcome of one recording.
type kneelResult struct {
	c          kneelCase
	faults     []kneelFault
	goodS      float64 // time in truth-good hold (no fault active, 2 s clear of one)
	falseCues  int     // fault cues given in that time
	falseStatS float64 // time with any check's live status "fault" in that time
	falseBy    [kneel.NumChecks]float64
	falseCueBy [kneel.NumChecks]int
	verdict    string
	wantGood   bool
	errs       map[string][2]float64 // measure -> got, truth (clean cases)
	holdGot    float64               // good_form_hold_s (offline)
	coachHold  float64               // longest live good-form hold
	toldHigh   bool                  // the coach asked for the camera to be lowered
	toldShaky  bool                  // the coach said it could not see the joints clearly
	toldHidden bool                  // the coach said it could not see the hips and knees
	toldOut    bool                  // the coach said a body part was out of the picture
}

// cameraCues are the cues that tell the person to fix the camera: the
// coach judges nothing while it gives them.
var cameraCues = map[coach.CueCode]bool{coach.CueLowerCamera: true, coach.CueSeeClearly: true, coach.CueShowKnees: true, coach.CueOutOfPicture: true}

// kneelMeasureNames are the measures checked against the truth on clean holds.
var kneelMeasureNames = []string{"front_knee_deg", "back_knee_deg", "trunk_from_vertical_deg", "hip_extension_deg"}

// faultCues are the cues that correct a fault.
var faultCues = map[coach.CueCode]bool{
	coach.CueTuckTailbone: true, coach.CueSitTall: true, coach.CueShiftHips: true, coach.CueFrontKnee: true, coach.CueBackKnee: true,
}

func runKneelCase(c kneelCase) (kneelResult, error) {
	rng := rand.New(rand.NewPCG(c.seed, 3))
	m := synth.HalfKneeling(synth.KneelParams{Side: c.side, HoldS: c.holdS, Faults: c.faults, HamstringS: c.home.switchS})
	res := kneelResult{c: c}
	back, truth, err := c.render(m, rng)
	if err != nil {
		return res, fmt.Errorf("half-kneeling case %d: %w", c.idx, err)
	}

	// Live: the coach frame by frame.
	co := coach.New(coach.DefaultConfig)
	aspect := back.Header.Aspect()
	outs := make([]coach.Output, len(back.Frames))
	high := make([]bool, len(back.Frames))
	conf := make([][kneel.NumChecks]bool, len(back.Frames))
	for i := range back.Frames {
		outs[i] = co.Update(&back.Frames[i], aspect)
		tr := co.Track()
		high[i] = tr.TooHigh || tr.Unsteady || (!tr.In && !math.IsNaN(tr.HiddenSince)) || tr.Out != ""
		conf[i] = tr.Confirmed
		res.coachHold = math.Max(res.coachHold, outs[i].HoldS)
		res.toldHigh = res.toldHigh || outs[i].Cue == coach.CueLowerCamera
		res.toldShaky = res.toldShaky || outs[i].Cue == coach.CueSeeClearly
		res.toldHidden = res.toldHidden || outs[i].Cue == coach.CueShowKnees
		res.toldOut = res.toldOut || outs[i].Cue == coach.CueOutOfPicture
	}
	// Truth-good time: in the hold phase, no fault active within 2 s.
	const clearS = 2.0 // our choice: the clearing of a fault (OffS, window) is not a false cue
	good := func(t float64) bool {
		var hold bool
		for _, ph := range m.Phases {
			if ph.Name == synth.PhaseHold && t >= ph.StartS && t < ph.EndS {
				hold = true
			}
		}
		if !hold {
			return false
		}
		for _, f := range m.Faults {
			if t >= f.StartS-0.1 && t <= f.EndS+clearS {
				return false
			}
		}
		return true
	}
	for i := range outs {
		dt := 1.0 / 30
		if i+1 < len(outs) {
			dt = outs[i+1].T - outs[i].T
		}
		if !good(outs[i].T) {
			continue
		}
		res.goodS += dt
		if faultCues[outs[i].Cue] {
			res.falseCues++
			for k := kneel.Check(0); k < kneel.NumChecks; k++ {
				if coach.CueFor(k) == outs[i].Cue {
					res.falseCueBy[k]++
				}
			}
		}
		any := false
		for k, st := range outs[i].Checks {
			if st == kneel.StatusFault {
				res.falseBy[k] += dt
				any = true
			}
		}
		if any {
			res.falseStatS += dt
		}
	}

	// Offline: the analysis of the same recording.
	rep, err := analysis.Analyze(back, analysis.DefaultOptions)
	if err != nil {
		return res, fmt.Errorf("half-kneeling case %d: %w", c.idx, err)
	}
	res.verdict = rep.Verdict
	res.wantGood = len(c.faults) == 0
	if mm, ok := rep.Measure("good_form_hold_s", c.side); ok {
		res.holdGot = mm.Value
	}
	for k, f := range m.Faults {
		kf := kneelFault{c: c, spec: c.faults[k], check: c.checks[k], status: math.NaN(), cue: math.NaN(), confirm: math.NaN(), finding: math.NaN()}
		atOnset, said := false, false
		for i, o := range outs {
			if o.T <= f.StartS+0.5 && cameraCues[o.Cue] {
				said = true
			}
			if o.T >= f.StartS && (i == 0 || outs[i-1].T < f.StartS) {
				atOnset = high[i]
			}
			if o.T < f.StartS {
				kf.pre = o.Checks[kf.check] == kneel.StatusFault
			}
			if o.T < f.StartS || o.T > f.EndS+1 {
				continue
			}
			if math.IsNaN(kf.status) && o.Checks[kf.check] == kneel.StatusFault {
				kf.status = o.T - f.StartS
			}
			if math.IsNaN(kf.cue) && outs[i].Cue == coach.CueFor(kf.check) {
				kf.cue = o.T - f.StartS
			}
			if math.IsNaN(kf.confirm) && conf[i][kf.check] {
				kf.confirm = o.T - f.StartS
			}
		}
		kf.told = atOnset && said
		for _, fd := range rep.Findings {
			if fd.Code == kf.check.Code() && fd.EndS >= f.StartS && fd.StartS <= f.EndS+1 {
				if d := fd.StartS - f.StartS; math.IsNaN(kf.finding) || d < kf.finding {
					kf.finding = d
				}
			}
		}
		res.faults = append(res.faults, kf)
	}
	if res.wantGood {
		res.errs = map[string][2]float64{}
		var fk, bk, tk, hx []float64
		for _, f := range truth.Frames {
			if f.Phase == synth.PhaseHold {
				fk, bk = append(fk, f.Set["front_knee_set_deg"]), append(bk, f.Set["back_knee_deg"])
				tk, hx = append(tk, f.Set["trunk_from_vertical_deg"]), append(hx, f.Set["hip_extension_deg"])
			}
		}
		truthOf := map[string]float64{"front_knee_deg": stats.Median(fk), "back_knee_deg": stats.Median(bk), "trunk_from_vertical_deg": stats.Median(tk), "hip_extension_deg": stats.Median(hx)}
		for name, w := range truthOf {
			s := c.side
			switch name {
			case "front_knee_deg":
				s = c.side.Opposite()
			case "trunk_from_vertical_deg":
				s = stretchwise.SideNone
			}
			got := math.NaN()
			if mm, ok := rep.Measure(name, s); ok {
				got = mm.Value
			}
			res.errs[name] = [2]float64{got, w}
		}
	}
	return res, nil
}

// kneelTables writes the tables of the half-kneeling hip flexor stretch
// battery.
func kneelTables(w io.Writer, o Options, res []kneelResult, took time.Duration) {
	if o.Verbose {
		for _, r := range res {
			fmt.Fprintf(w, "case %3d %-5s %-9s %-5s knee down: verdict %-12s offline hold %5.1f s, live hold %5.1f s, good %5.1f s, false cues %d", r.c.idx, r.c.view, r.c.noise, r.c.side, r.verdict, r.holdGot, r.coachHold, r.goodS, r.falseCues)
			for _, kf := range r.faults {
				pre := ""
				if kf.pre {
					pre = " (already fault)"
				}
				told := ""
				if kf.told {
					told = " (told to fix the camera)"
				}
				fmt.Fprintf(w, " | %s %.0f @%.1f: status %+.2f%s confirmed %+.2f cue %+.2f%s finding %+.2f", kf.spec.Name, kf.spec.Value, kf.spec.StartS, kf.status, pre, kf.confirm, kf.cue, told, kf.finding)
			}
			if r.wantGood {
				fmt.Fprintf(w, " | error (deg):")
				for _, n := range kneelMeasureNames {
					if v, ok := r.errs[n]; ok {
						fmt.Fprintf(w, " %s %+.2f", n, v[0]-v[1])
					}
				}
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Half-kneeling hip flexor stretch battery: %d recordings, seed %d, side views with the camera up to 10 deg off, 5-20 deg above\n", len(res), o.Seed)
	fmt.Fprintf(w, "(--conditions %s: %s)\n", o.Conditions, conditionsWords(o.Conditions))
	fmt.Fprintf(w, "Faults are detected by the live coach (check status, then the cue after Rules.ConfirmS) and the offline analysis (finding start); latencies from the fault's onset.\n\n")
	levels := append([]string{"all"}, hipNoises...)
	for _, nz := range levels {
		var sub []kneelResult
		for _, r := range res {
			if nz == "all" || r.c.noise == nz {
				sub = append(sub, r)
			}
		}
		printKneel(w, nz+" noise", sub)
	}
	if o.Conditions == ConditionsHome {
		eachHome(res, func(r kneelResult) homeConditions { return r.c.home }, func(name string, sub []kneelResult) { printKneel(w, name, sub) })
	}
	fmt.Fprintf(w, "by fault (all noise levels):\n")
	for _, fk := range kneelFaultKinds {
		var st, cu, fi []float64
		n, in05 := 0, 0
		for _, r := range res {
			for _, kf := range r.faults {
				if kf.check != fk.check {
					continue
				}
				n++
				st, cu, fi = append(st, kf.status), append(cu, kf.cue), append(fi, kf.finding)
				if kf.status <= 0.5 {
					in05++
				}
			}
		}
		fmt.Fprintf(w, "  %-20s n=%-3d status within 0.5 s %s; median latency status %.2f s, cue %.2f s, finding %.2f s\n", fk.name, n, hipsPct(in05, n), stats.Median(st), stats.Median(cu), stats.Median(fi))
	}
	fmt.Fprintf(w, "\n(%.0f s)\n", took.Seconds())
}

func printKneel(w io.Writer, label string, rs []kneelResult) {
	var goodS, falseStat float64
	nPre, pre05 := 0, 0
	falseCues, nf, status05, statusAny, cueAny, cue05, cue2, found, verdictOK, nCases := 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
	var lat, cueLat []float64
	nTold, told05, recHigh, recShaky, recHidden, recOut, recTold := 0, 0, 0, 0, 0, 0, 0
	held, conf05 := 0, 0
	errs := map[string]*errStat{}
	names := kneelMeasureNames
	for _, n := range names {
		errs[n] = &errStat{}
	}
	var hold errStat
	var falseBy [kneel.NumChecks]float64
	var falseCueBy [kneel.NumChecks]int
	for _, r := range rs {
		for k := range falseBy {
			falseBy[k] += r.falseBy[k]
			falseCueBy[k] += r.falseCueBy[k]
		}
		nCases++
		if r.toldHigh {
			recHigh++
		}
		if r.toldShaky {
			recShaky++
		}
		if r.toldHidden {
			recHidden++
		}
		if r.toldOut {
			recOut++
		}
		if r.toldHigh || r.toldShaky || r.toldHidden || r.toldOut {
			recTold++
		}
		goodS += r.goodS
		falseCues += r.falseCues
		falseStat += r.falseStatS
		want := stretchwise.VerdictFaults
		if r.wantGood {
			want = stretchwise.VerdictGood
			hold.add(r.holdGot, r.c.holdS)
		}
		if r.verdict == want {
			verdictOK++
		}
		for _, kf := range r.faults {
			nf++
			if kf.pre {
				nPre++
			}
			if kf.status <= 0.5 {
				status05++
				if kf.pre {
					pre05++
				}
			}
			if !math.IsNaN(kf.status) {
				statusAny++
				lat = append(lat, kf.status)
			}
			if kf.told {
				nTold++
			}
			if !kf.told && kf.confirm <= 0.5 {
				conf05++
				if !(kf.cue <= 0.5) {
					held++
				}
			}
			if !math.IsNaN(kf.cue) {
				cueAny++
				cueLat = append(cueLat, kf.cue)
				if kf.cue <= 0.5 {
					cue05++
					if kf.told {
						told05++
					}
				}
				if kf.cue <= 2 {
					cue2++
				}
			}
			if !math.IsNaN(kf.finding) {
				found++
			}
		}
		for n, v := range r.errs {
			errs[n].add(v[0], v[1])
		}
	}
	per5 := math.NaN()
	if goodS > 0 {
		per5 = float64(falseCues) / goodS * 300
	}
	fmt.Fprintf(w, "%s (%d recordings):\n", label, nCases)
	fmt.Fprintf(w, "  faults detected by the live status within 0.5 s of onset: %s; at all: %s; median latency %.2f s\n", hipsPct(status05, nf), hipsPct(statusAny, nf), stats.Median(lat))
	fmt.Fprintf(w, "  status already (falsely) \"fault\" just before the onset: %d of %d faults; the others detected within 0.5 s: %s\n", nPre, nf, hipsPct(status05-pre05, nf-nPre))
	fmt.Fprintf(w, "  faults cued within 0.5 s of onset: %s; median cue latency %.2f s\n", hipsPct(cue05, nf), stats.Median(cueLat))
	fmt.Fprintf(w, "  told to fix the camera (judged nothing, said why): in %d of %d recordings (camera too high, lower_camera, %d; joints not seen clearly, see_clearly, %d; hips or knees out of sight, show_knees, %d; a body part out of the picture, out_of_picture, %d); %d of %d faults at their onset\n",
		recTold, nCases, recHigh, recShaky, recHidden, recOut, nTold, nf)
	fmt.Fprintf(w, "  **the faults not told: cued within 0.5 s of onset: %s**; confirmed by the coach within 0.5 s: %s, of which the cue waited (rules of speech) in %d\n",
		hipsPct(cue05-told05, nf-nTold), hipsPct(conf05, nf-nTold), held)
	fmt.Fprintf(w, "  faults cued: %s (within 2 s: %s); offline findings: %s\n", hipsPct(cueAny, nf), hipsPct(cue2, nf), hipsPct(found, nf))
	fmt.Fprintf(w, "  false fault cues in %.0f s of good-form holding: %d = %.2f per 5 min; a check's status falsely \"fault\" %.1f %% of that time\n",
		goodS, falseCues, per5, 100*falseStat/math.Max(goodS, 1e-9))
	fmt.Fprintf(w, "  false status time and cues by check:")
	for k := kneel.Check(0); k < kneel.NumChecks; k++ {
		fmt.Fprintf(w, " %s %.1f %% %d;", k.Code(), 100*falseBy[k]/math.Max(goodS, 1e-9), falseCueBy[k])
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  offline verdict right (good / faults): %s; good_form_hold_s of clean holds vs the hold: %s\n", hipsPct(verdictOK, nCases), &hold)
	for _, n := range names {
		fmt.Fprintf(w, "  %-24s error (deg, clean holds) %s\n", n, errs[n])
	}
	fmt.Fprintln(w)
}
