// Package thomas is the modified Thomas test of hip flexor length: from a
// side view of a person lying back at the edge of a table, one knee held to
// the chest and the other leg hanging, it finds each trial (the tested leg
// hanging while the other is held), checks that the held knee really
// controls the pelvis, and measures the hanging thigh's angle from
// horizontal (hip_angle_deg, positive above) and the hanging knee's flexion
// (knee_angle_deg). It decides normal, tight or inconclusive per side and
// overall, says whether one-joint (thigh up) or two-joint (knee not bending
// enough) tightness is suggested, and reports a left-right difference only
// when it is larger than the measurement error.
//
// Thresholds and their sources are in Config. The package does no I/O and
// compiles to WebAssembly.
package thomas

import (
	"fmt"
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/stats"
)

// Config holds every threshold of the test. Each field names its source:
// docs/clinical.md or "our choice, because ...".
type Config struct {
	// ThighTightDeg: the hanging thigh more than this above horizontal
	// suggests short one-joint hip flexors (iliopsoas). docs/clinical.md:
	// "thigh > 5 deg above horizontal = tight".
	ThighTightDeg float64
	// KneeTightDeg: the hanging knee bent less than this suggests a short
	// two-joint hip flexor (rectus femoris). docs/clinical.md: "knee bends about
	// 80 deg ... knee < 80 deg (another source: < 67 deg) = short rectus
	// femoris" (Kendall).
	KneeTightDeg float64
	// KneeTightAltDeg is the other source's knee threshold, reported
	// alongside. docs/clinical.md: "another source: < 67 deg".
	KneeTightAltDeg float64
	// HeldHipMinDeg: the held leg's hip flexion (thigh against the trunk
	// line) must be at least this for the pelvis to count as controlled.
	// Our choice, because a knee held to the chest flexes the hip about
	// 120 deg, docs/clinical.md warns that without pelvic control the test is
	// weak (Vigotsky 2016), and an anterior pelvic tilt or a knee let away
	// from the chest lowers this angle one for one; 110 leaves 10 deg for
	// body differences and noise.
	HeldHipMinDeg float64
	// SideDiffDeg: a left-right difference of hip or knee angle is reported
	// only above this. docs/clinical.md: "do not report side differences
	// < 7-10 deg"; the upper end, because two single-camera measures each
	// carry a few degrees of error.
	SideDiffDeg float64
	// HeldDeg and HangDeg tell the legs apart: a hip flexed at least
	// HeldDeg is held, a hip flexed at most HangDeg hangs. Our choice,
	// because a held knee flexes the hip 90-130 deg and a hanging thigh lies
	// near the trunk line (about -20 to 30 deg), with room between.
	HeldDeg, HangDeg float64
	// PlateauDeg: the measured hang is the frames of a trial within this of
	// the trial's median thigh angle (the leg at rest, not being lowered or
	// raised), widened to three robust standard deviations when the noise
	// is larger. Our choice, because the resting leg moves by less than the
	// landmark noise (a few degrees) while a moving one sweeps tens.
	PlateauDeg float64
	// MinHangS: a trial needs at least this much resting hang. Our choice,
	// because a median over fewer than about thirty frames is noisy.
	MinHangS float64
	// HeldGate: the visibility down to which landmarks count for telling
	// the legs apart and for the held leg's hip flexion. Our choice, a
	// deliberate exception to docs/clinical.md's 0.5-0.7 gate as in the bird
	// dog's roll: from the side the held leg is hidden behind the hands
	// holding it or behind the near leg, and pose estimators still place
	// it (with more jitter, which the median over the hang absorbs). The
	// hanging leg is measured at the usual gate whenever it is seen.
	HeldGate float64
	// Coverage: the multiple of the uncertainty within which a value is
	// called borderline (1.645 = 90 % two-sided). Our choice, as the bird
	// dog's: say when a value could be on the other side.
	Coverage float64
	// Noise is the landmark noise model of the uncertainties; the zero value
	// means geom.DefaultNoise.
	Noise geom.Noise
	// Gate: landmark visibility below which a landmark is not used; 0 means
	// the input's gate.
	Gate float64
}

// DefaultConfig is the configuration the CLI and the server use.
var DefaultConfig = Config{
	ThighTightDeg:   5,
	KneeTightDeg:    80,
	KneeTightAltDeg: 67,
	HeldHipMinDeg:   110,
	SideDiffDeg:     10,
	HeldDeg:         60,
	HangDeg:         45,
	PlateauDeg:      5,
	MinHangS:        1,
	HeldGate:        0.1,
	Coverage:        1.645,
}

// Trial is one measured hang of one leg.
type Trial struct {
	Side           stretchwise.Side
	StartS, EndS   float64 // the resting hang
	HipDeg, HipSD  float64 // hanging thigh from horizontal, positive above
	KneeDeg        float64 // hanging knee flexion
	KneeSD         float64
	HeldHipDeg     float64 // the held leg's hip flexion
	HeldSD         float64
	PelvisOK       bool
	Verdict        string
	OneJoint       bool // thigh above ThighTightDeg
	TwoJoint       bool // knee below KneeTightDeg
	Borderline     []string
	PelvisWhy      string
	heldSamples    int
	plateauSamples int
}

// Result is the report with the trials behind it.
type Result struct {
	Report stretchwise.Report
	Trials []Trial
}

// Assess runs the test on a prepared recording. It never guesses: when the
// view, the visibility, the pelvic control or the movement cannot support a
// verdict, it says inconclusive with the reasons. in.Clean must not be nil.
func Assess(in *assess.Input, cfg Config) stretchwise.Report {
	return Analyze(in, cfg).Report
}

// Analyze is Assess with the trials.
func Analyze(in *assess.Input, cfg Config) Result {
	if in == nil || in.Clean == nil {
		panic("thomas: Analyze needs an input with a cleaned recording")
	}
	ex := stretchwise.ExerciseThomasTest
	gate, noise := assess.Settings(in, cfg.Gate, cfg.Noise)
	fail := func(reasons ...string) Result {
		r := assess.Inconclusive(ex, in.View, reasons...)
		r.Advice = []string{"Film the test from the side at table height, the whole body in the picture: lie back at the table's edge, hold one knee to the chest and let the other leg hang."}
		return Result{Report: r}
	}
	if in.View != stretchwise.ViewLeft && in.View != stretchwise.ViewRight {
		return fail("the hip test is measured from the side (left or right), where the thigh and knee angles lie in the picture; this recording was not filmed from the side")
	}
	rec := in.Clean
	aspect := rec.Header.Aspect()
	supine := func(i int) bool {
		return i < len(in.Postures) && in.Postures[i] == stretchwise.PostureSupine
	}
	var facings []float64
	nSup := 0
	for i := range rec.Frames {
		if f := &rec.Frames[i]; f.Detected && supine(i) {
			nSup++
			facings = append(facings, geom.Facing2D(&f.Image, aspect, gate))
		}
	}
	if nSup == 0 {
		return fail("you were never seen lying on your back, the position of the hip test")
	}
	facing := geom.MajorityFacing(facings)
	if facing == 0 {
		return fail("which way the body points could not be told from the head and feet, so the held leg's hip flexion (the pelvic control check) cannot be measured")
	}

	// Per frame: which leg hangs while the other is held.
	n := len(rec.Frames)
	type obs struct {
		hang          int // geom.Left/Right, -1 none
		elev, knee    float64
		held          float64
		elevSD, kneSD float64
	}
	ob := make([]obs, n)
	var a, lo, u geom.Angles
	lowGate := math.Min(gate, cfg.HeldGate)
	for i := range rec.Frames {
		ob[i] = obs{hang: -1}
		f := &rec.Frames[i]
		if !f.Detected || !supine(i) {
			continue
		}
		geom.ComputeFacing(&a, &f.Image, aspect, gate, facing)
		geom.ComputeFacing(&lo, &f.Image, aspect, lowGate, facing)
		if !lo.Has(geom.ValidHipLeft | geom.ValidHipRight) {
			continue
		}
		for s := 0; s < 2; s++ {
			o := 1 - s
			if lo.HipFlexion[s] <= cfg.HangDeg && lo.HipFlexion[o] >= cfg.HeldDeg && lo.Has(geom.ValidThigh[s]) {
				// The hanging leg is measured at the gate when it is seen
				// clearly, else from the hidden landmarks (HeldGate).
				src := &a
				if !a.Has(geom.ValidThigh[s]) {
					src = &lo
				}
				ob[i] = obs{hang: s, elev: src.ThighElevation[s], knee: math.NaN(), held: lo.HipFlexion[o], elevSD: math.NaN(), kneSD: math.NaN()}
				if src.Has(geom.ValidKnee[s]) {
					ob[i].knee = src.KneeFlexion[s]
				}
			}
		}
	}
	// Trials: runs of frames with the same hanging leg (gaps under half a
	// second bridged).
	const bridgeS = 0.5 // our choice: a short loss of the legs is not the end of a trial
	var trials []Trial
	for i := 0; i < n; {
		if ob[i].hang < 0 {
			i++
			continue
		}
		s := ob[i].hang
		j, last := i, i
		for j < n && (ob[j].hang == s || (ob[j].hang < 0 && rec.Frames[j].T-rec.Frames[last].T < bridgeS)) {
			if ob[j].hang == s {
				last = j
			}
			j++
		}
		// The resting hang: the leg rests for most of a trial, so the
		// median thigh angle of the trial is the resting one; the frames
		// within PlateauDeg of it (or three robust standard deviations of
		// the scatter, when the noise is larger) are the rest. A symmetric
		// band keeps noise from biasing the median.
		var el []float64
		for k := i; k <= last; k++ {
			if ob[k].hang == s {
				el = append(el, ob[k].elev)
			}
		}
		mid := stats.Median(el)
		dev := make([]float64, len(el))
		for k, v := range el {
			dev[k] = math.Abs(v - mid)
		}
		band := math.Max(cfg.PlateauDeg, 3*1.4826*stats.Median(dev))
		tr := Trial{Side: assess.SideOf(s), StartS: math.NaN()}
		var hip, knee, held, hipU, kneeU, heldU []float64
		for k := i; k <= last; k++ {
			if ob[k].hang != s || math.Abs(ob[k].elev-mid) > band {
				continue
			}
			if math.IsNaN(tr.StartS) {
				tr.StartS = rec.Frames[k].T
			}
			tr.EndS = rec.Frames[k].T
			hip, knee, held = append(hip, ob[k].elev), append(knee, ob[k].knee), append(held, ob[k].held)
			if len(hip)%6 == 1 {
				geom.Uncertainty(&u, &rec.Frames[k].Image, aspect, lowGate, noise)
				hipU, kneeU = append(hipU, u.ThighElevation[s]), append(kneeU, u.KneeFlexion[s])
				heldU = append(heldU, u.HipFlexion[1-s])
			}
		}
		tr.HipDeg, tr.KneeDeg, tr.HeldHipDeg = stats.Median(hip), stats.Median(knee), stats.Median(held)
		tr.HipSD, tr.KneeSD, tr.HeldSD = stats.Median(hipU), stats.Median(kneeU), stats.Median(heldU)
		tr.plateauSamples, tr.heldSamples = len(hip), len(held)
		if tr.EndS-tr.StartS >= cfg.MinHangS {
			trials = append(trials, tr)
		}
		i = j
	}
	if len(trials) == 0 {
		return fail(fmt.Sprintf("no trial was found: no stretch of at least %.0f s with one leg hanging (hip near straight) while the other knee was held to the chest", cfg.MinHangS))
	}
	for k := range trials {
		judgeTrial(&trials[k], cfg)
	}
	return Result{Report: report(in, trials, cfg), Trials: trials}
}

// judgeTrial decides one trial.
func judgeTrial(tr *Trial, cfg Config) {
	if !(tr.HeldHipDeg >= cfg.HeldHipMinDeg) {
		tr.PelvisWhy = fmt.Sprintf("the %s leg's trial: the held knee flexed the hip only %.0f deg (at least %g needed to hold the pelvis): the pelvis was not controlled, so the hanging thigh's angle says little (Vigotsky 2016)",
			tr.Side, tr.HeldHipDeg, cfg.HeldHipMinDeg)
		tr.Verdict = stretchwise.VerdictInconclusive
		return
	}
	tr.PelvisOK = true
	if math.IsNaN(tr.HipDeg) {
		tr.Verdict = stretchwise.VerdictInconclusive
		tr.PelvisWhy = fmt.Sprintf("the %s thigh was not visible enough to measure", tr.Side)
		return
	}
	tr.OneJoint = tr.HipDeg > cfg.ThighTightDeg
	tr.TwoJoint = !math.IsNaN(tr.KneeDeg) && tr.KneeDeg < cfg.KneeTightDeg
	tr.Verdict = stretchwise.VerdictNormal
	if tr.OneJoint || tr.TwoJoint {
		tr.Verdict = stretchwise.VerdictTight
	}
	if u := cfg.Coverage * tr.HipSD; math.Abs(tr.HipDeg-cfg.ThighTightDeg) < u {
		tr.Borderline = append(tr.Borderline, fmt.Sprintf("the %s thigh angle, %.1f deg give or take %.1f, is too close to the %g deg limit to say which side of it it lies", tr.Side, tr.HipDeg, u, cfg.ThighTightDeg))
	}
	if u := cfg.Coverage * tr.KneeSD; !math.IsNaN(tr.KneeDeg) && math.Abs(tr.KneeDeg-cfg.KneeTightDeg) < u {
		tr.Borderline = append(tr.Borderline, fmt.Sprintf("the %s knee angle, %.1f deg give or take %.1f, is too close to the %g deg limit to say which side of it it lies", tr.Side, tr.KneeDeg, u, cfg.KneeTightDeg))
	}
}

// report builds the report from the judged trials: per side the trial with
// the most resting frames.
func report(in *assess.Input, trials []Trial, cfg Config) stretchwise.Report {
	rep := assess.NewReport(stretchwise.ExerciseThomasTest, in.View)
	var best [2]*Trial
	for k := range trials {
		tr := &trials[k]
		s := 0
		if tr.Side == stretchwise.SideRight {
			s = 1
		}
		// A trial with the pelvis controlled beats one without; then the
		// longer resting hang.
		if b := best[s]; b == nil || (tr.PelvisOK && !b.PelvisOK) || (tr.PelvisOK == b.PelvisOK && tr.plateauSamples > b.plateauSamples) {
			best[s] = tr
		}
	}
	worst := ""
	for s := 0; s < 2; s++ {
		tr := best[s]
		side := assess.SideOf(s)
		if tr == nil {
			rep.Sides = append(rep.Sides, stretchwise.SideVerdict{Side: side, Verdict: stretchwise.VerdictInconclusive, Reasons: []string{fmt.Sprintf("the %s leg was not tested (never hanging while the other knee was held)", side)}})
			continue
		}
		sv := stretchwise.SideVerdict{Side: side, Verdict: tr.Verdict}
		if tr.PelvisWhy != "" {
			sv.Reasons = append(sv.Reasons, tr.PelvisWhy)
		}
		sv.Reasons = append(sv.Reasons, tr.Borderline...)
		if !math.IsNaN(tr.HipDeg) {
			rep.Measures = append(rep.Measures, stretchwise.Measure{Name: "hip_angle_deg", Side: side, Value: stats.Round2(tr.HipDeg), Unit: "deg", Uncertainty: stats.Round2(nz(tr.HipSD))})
		}
		if !math.IsNaN(tr.KneeDeg) {
			rep.Measures = append(rep.Measures, stretchwise.Measure{Name: "knee_angle_deg", Side: side, Value: stats.Round2(tr.KneeDeg), Unit: "deg", Uncertainty: stats.Round2(nz(tr.KneeSD))})
		}
		rep.Measures = append(rep.Measures, stretchwise.Measure{Name: "held_hip_flexion_deg", Side: side.Opposite(), Value: stats.Round2(tr.HeldHipDeg), Unit: "deg", Uncertainty: stats.Round2(nz(tr.HeldSD))})
		switch {
		case !tr.PelvisOK:
			rep.Findings = append(rep.Findings, stretchwise.Finding{Code: "pelvis_not_controlled", Severity: stretchwise.SeverityWarning, Side: side,
				StartS: stats.Round2(tr.StartS), EndS: stats.Round2(tr.EndS), Message: tr.PelvisWhy})
		case tr.Verdict == stretchwise.VerdictTight:
			// A finding claims no more than its measure supports
			// (assess.Claim): when the interval reaches back across the
			// threshold it says it cannot tell.
			if tr.OneJoint {
				sev := assess.Claim(tr.HipDeg, nz(tr.HipSD), cfg.Coverage, cfg.ThighTightDeg, math.Inf(1))
				what := "short one-joint hip flexors (iliopsoas) suggested"
				if sev == stretchwise.SeverityInfo {
					what = "but that is within the measuring error of the threshold, so whether the one-joint hip flexors (iliopsoas) are short cannot be told from this recording"
				}
				rep.Findings = append(rep.Findings, stretchwise.Finding{Code: "one_joint_tight", Severity: sev, Side: side,
					StartS: stats.Round2(tr.StartS), EndS: stats.Round2(tr.EndS),
					Message: fmt.Sprintf("the hanging %s thigh rested %.1f deg (give or take %.1f) above horizontal (more than %g): %s", side, tr.HipDeg, nz(tr.HipSD), cfg.ThighTightDeg, what)})
			}
			if tr.TwoJoint {
				alt := "above"
				if tr.KneeDeg < cfg.KneeTightAltDeg {
					alt = "also below"
				}
				sev := assess.Claim(-tr.KneeDeg, nz(tr.KneeSD), cfg.Coverage, -cfg.KneeTightDeg, math.Inf(1))
				what := "a short rectus femoris (two-joint hip flexor) suggested"
				if sev == stretchwise.SeverityInfo {
					what = "but that is within the measuring error of the threshold, so whether the rectus femoris (two-joint hip flexor) is short cannot be told from this recording"
				}
				rep.Findings = append(rep.Findings, stretchwise.Finding{Code: "two_joint_tight", Severity: sev, Side: side,
					StartS: stats.Round2(tr.StartS), EndS: stats.Round2(tr.EndS),
					Message: fmt.Sprintf("the hanging %s knee bent only %.1f deg (give or take %.1f; less than Kendall's %g; %s the other source's %g): %s", side, tr.KneeDeg, nz(tr.KneeSD), cfg.KneeTightDeg, alt, cfg.KneeTightAltDeg, what)})
			}
		}
		rep.Sides = append(rep.Sides, sv)
		worst = assess.Worse(worst, tr.Verdict, verdicts)
	}
	// Overall: tight if a side is tight; normal only when both sides were
	// judged normal.
	var missing []string
	for _, sv := range rep.Sides {
		if sv.Verdict == stretchwise.VerdictInconclusive {
			missing = append(missing, sv.Reasons...)
		}
	}
	switch {
	case worst == stretchwise.VerdictTight:
		rep.Verdict = stretchwise.VerdictTight
	case worst == stretchwise.VerdictNormal && len(missing) == 0:
		rep.Verdict = stretchwise.VerdictNormal
	default:
		rep.Verdict = stretchwise.VerdictInconclusive
		if worst == stretchwise.VerdictNormal {
			missing = append(missing, "the other side was normal, but both sides must be judged to call the test normal")
		}
	}
	rep.Reasons = append(rep.Reasons, missing...)
	for _, sv := range rep.Sides {
		if sv.Verdict != stretchwise.VerdictInconclusive {
			rep.Reasons = append(rep.Reasons, fmt.Sprintf("%s leg: %s", sv.Side, sv.Verdict))
			rep.Reasons = append(rep.Reasons, sv.Reasons...)
		}
	}
	// A left-right difference only when larger than the measurement error.
	if l, r := best[0], best[1]; l != nil && r != nil && l.PelvisOK && r.PelvisOK {
		diff := func(name string, a, b, ua, ub float64) {
			d := a - b
			lim := math.Max(cfg.SideDiffDeg, cfg.Coverage*math.Hypot(ua, ub))
			if math.Abs(d) > lim {
				hi := stretchwise.SideLeft
				if d < 0 {
					hi = stretchwise.SideRight
				}
				rep.Findings = append(rep.Findings, stretchwise.Finding{Code: "side_difference", Severity: stretchwise.SeverityInfo, Side: hi,
					StartS: stats.Round2(math.Min(l.StartS, r.StartS)), EndS: stats.Round2(math.Max(l.EndS, r.EndS)),
					Message: fmt.Sprintf("the %s differs by %.0f deg between the sides (larger on the %s), more than the %.0f deg a single camera can resolve", name, math.Abs(d), hi, lim)})
			}
		}
		diff("hanging thigh angle", l.HipDeg, r.HipDeg, nz(l.HipSD), nz(r.HipSD))
		if !math.IsNaN(l.KneeDeg) && !math.IsNaN(r.KneeDeg) {
			diff("hanging knee angle", l.KneeDeg, r.KneeDeg, nz(l.KneeSD), nz(r.KneeSD))
		}
	}
	switch rep.Verdict {
	case stretchwise.VerdictTight:
		rep.Advice = []string{"The front of the hip is short on at least one side: the half-kneeling hip flexor stretch targets it (glute squeezed, low back not arched)."}
	case stretchwise.VerdictNormal:
		rep.Advice = []string{"Hip flexor length looks normal on both sides."}
	default:
		rep.Advice = []string{"Repeat the test with the knee pulled firmly to the chest (low back flat on the table), filmed from the side, both legs in turn."}
	}
	return rep
}

func nz(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

// verdicts are the Thomas test's verdicts from best to worst (assess.Worse).
var verdicts = []string{stretchwise.VerdictNormal, stretchwise.VerdictTight}

// init registers the assessment with its default configuration.
func init() {
	assess.Register(assess.Assessment{Exercise: stretchwise.ExerciseThomasTest, Assess: func(in *assess.Input) stretchwise.Report {
		return Assess(in, DefaultConfig)
	}})
}
