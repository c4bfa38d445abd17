// Package kneel analyses the half-kneeling hip flexor stretch: from a side
// view of a person kneeling on one knee with the other foot flat in front,
// it recognises the position and the stretched side (the down knee),
// measures the front and back knee angles, the trunk from vertical, the
// down leg's hip extension and a low-back-arch proxy, and finds the form
// faults of docs/contract.md (front_knee, back_knee, trunk_lean_back,
// trunk_lean_forward, hips_not_forward) with their time spans. Only time in
// good form counts toward good_form_hold_s.
//
// The checks and their thresholds (Rules) and the hysteresis that turns
// per-frame values into statuses (Evaluator) are shared with the live coach
// (package coach), so a recording replayed through the coach and analysed
// offline is judged by the same rules. The package does no I/O and
// compiles to WebAssembly.
package kneel

import (
	"fmt"
	"math"
	"sort"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/stats"
)

// Config configures the offline analysis.
type Config struct {
	// Rules are the checks' thresholds, shared with the live coach.
	Rules Rules
	// MinPositionS: the position must be held at least this long for a
	// verdict. Our choice, because docs/clinical.md's holds are 10-30 s and two
	// seconds are too short to be a stretch but enough to judge form.
	MinPositionS float64
	// Noise is the landmark noise model of the uncertainties; the zero value
	// means geom.DefaultNoise.
	Noise geom.Noise
	// Gate: landmark visibility (0..1) below which a landmark is not used.
	// 0 means the input's gate (docs/clinical.md: 0.5-0.7).
	Gate float64
}

// DefaultConfig is the configuration the CLI and the server use.
var DefaultConfig = Config{Rules: DefaultRules, MinPositionS: 2}

// uncertaintyStride is how many frames share one evaluation of the
// uncertainty model (geom.Uncertainty costs about 80 angle computations).
// Our choice, because the model changes with the body's size in the image,
// over seconds, not frames.
const uncertaintyStride = 6

// Frame is the per-frame result of the analysis, for the evaluation
// battery and tests.
type Frame struct {
	T          float64
	Metrics    Metrics // this frame's values
	Smoothed   Metrics // after the Rules.WindowS median: what the checks compared
	InPosition bool    // position established (after hysteresis)
	Arch       float64
	Status     [NumChecks]Status
	Confirmed  [NumChecks]bool    // the fault has lasted Rules.ConfirmS
	Onset      [NumChecks]float64 // start of a confirmed fault's run, NaN otherwise
	GoodForm   bool               // counted toward good_form_hold_s
	Shifted    bool               // hips shifted into the stretch (Rules.ShiftedDeg)
}

// Result is the report with the per-frame results behind it.
type Result struct {
	Report stretchwise.Report
	Frames []Frame
	Side   stretchwise.Side // the down knee, SideNone when not found
}

// Assess analyses a prepared recording. It never guesses: when the view,
// the visibility or the movement cannot support a verdict, the report is
// inconclusive with the reasons. in and in.Clean must not be nil.
func Assess(in *assess.Input, cfg Config) stretchwise.Report {
	return Analyze(in, cfg).Report
}

// SideView reports whether v is a side view (left or right), the only views
// in which the stretch's angles lie in the image plane.
func SideView(v stretchwise.View) bool {
	return v == stretchwise.ViewLeft || v == stretchwise.ViewRight
}

// Analyze is Assess with the per-frame results.
func Analyze(in *assess.Input, cfg Config) Result {
	if in == nil || in.Clean == nil {
		panic("kneel: Analyze needs an input with a cleaned recording")
	}
	ex := stretchwise.ExerciseHalfKneeling
	gate, noise := assess.Settings(in, cfg.Gate, cfg.Noise)
	rec := in.Clean
	aspect := rec.Header.Aspect()
	res := Result{}
	fail := func(reasons ...string) Result {
		res.Report = assess.Inconclusive(ex, in.View, reasons...)
		res.Report.Advice = []string{"Film the stretch from the side, with the camera at hip height and your whole body in the picture, kneeling on one knee with the other foot flat in front."}
		return res
	}
	if !SideView(in.View) {
		return fail(fmt.Sprintf("the half-kneeling stretch is judged from a side view (left or right); this recording is %s", viewWords(in.View)))
	}

	// Facing and down knee: majorities over the frames in the position, so
	// a single noisy frame cannot flip a sign or a side.
	n := len(rec.Frames)
	var a geom.Angles
	facings := make([]float64, 0, n)
	var downVotes [2]int
	for i := range rec.Frames {
		f := &rec.Frames[i]
		if !f.Detected {
			continue
		}
		geom.ComputeFacing(&a, &f.Image, aspect, gate, 1)
		if d, ok := Position(&a, &cfg.Rules); ok {
			downVotes[d]++
			facings = append(facings, geom.Facing2D(&f.Image, aspect, gate))
		}
	}
	inPos := downVotes[0] + downVotes[1]
	if rate := rec.Header.FPS; inPos == 0 || (rate > 0 && float64(inPos)/rate < cfg.MinPositionS) {
		return fail(fmt.Sprintf("the half-kneeling position was not found for %.0f s or more: it needs one thigh near vertical (the down knee) and the other near horizontal (the front leg) with the trunk upright", cfg.MinPositionS))
	}
	facing := geom.MajorityFacing(facings)
	if facing == 0 {
		return fail("which way the person faces could not be told from the head and feet, so trunk lean and hip extension cannot be signed")
	}
	down := geom.Left
	if downVotes[geom.Right] > downVotes[geom.Left] {
		down = geom.Right
	}
	res.Side = assess.SideOf(down)

	ev := NewEvaluator(cfg.Rules)
	var st Steadier
	res.Frames = make([]Frame, n)
	var u geom.Angles
	var unc [4][]float64 // front knee, back knee, trunk, hip
	for i := range rec.Frames {
		f := &rec.Frames[i]
		fr := &res.Frames[i]
		fr.T = f.T
		var m Metrics
		if f.Detected {
			p := f.Image
			st.Apply(&p, f.T, gate)
			geom.ComputeFacing(&a, &p, aspect, gate, facing)
			_, ok := Position(&a, &cfg.Rules)
			Measure(&m, &a, down, ok)
		} else {
			Measure(&m, &a, -1, false)
		}
		fr.Metrics = m
		fr.InPosition = ev.Update(f.T, &m)
		fr.Smoothed = ev.Smoothed()
		fr.Arch = ev.Arch()
		fr.Shifted = ev.Shifted()
		good := fr.InPosition && !math.IsNaN(fr.Smoothed.Trunk) && !math.IsNaN(fr.Smoothed.HipExt)
		for c := Check(0); c < NumChecks; c++ {
			fr.Status[c] = ev.Status(c)
			fr.Confirmed[c], fr.Onset[c] = ev.Confirmed(c)
			if fr.Confirmed[c] {
				good = false
			}
		}
		fr.GoodForm = good
		if fr.InPosition && f.Detected && i%uncertaintyStride == 0 {
			geom.Uncertainty(&u, &f.Image, aspect, gate, noise)
			front := 1 - down
			add := func(k int, v float64, ok bool) {
				if ok && !math.IsNaN(v) && !math.IsInf(v, 0) {
					unc[k] = append(unc[k], v)
				}
			}
			add(0, u.KneeFlexion[front], u.Has(geom.ValidKnee[front]))
			add(1, u.KneeFlexion[down], u.Has(geom.ValidKnee[down]))
			add(2, u.TrunkFromVertical, u.Has(geom.ValidTrunk))
			add(3, u.HipFlexion[down], u.Has(geom.ValidHip[down]))
		}
	}
	return judge(in, res, unc, cfg)
}

// viewWords describes a view for a reason.
func viewWords(v stretchwise.View) string {
	switch v {
	case stretchwise.ViewUnknown, "":
		return "an unknown view"
	}
	return "a " + string(v) + " view"
}

// frameDur returns how long frame i counts: until the next frame, the
// median interval for the last one, capped at maxGapS.
func frameDur(fr []Frame, i int, dt float64) float64 {
	d := dt
	if i+1 < len(fr) {
		d = fr[i+1].T - fr[i].T
	}
	return math.Min(d, maxGapS)
}

// maxGapS caps the time one frame counts for, so a gap in the recording
// does not count as held. Our choice: a quarter second, several frames at
// any real frame rate.
const maxGapS = 0.25

// judge turns the per-frame results into the report.
func judge(in *assess.Input, res Result, unc [4][]float64, cfg Config) Result {
	fr := res.Frames
	ts := make([]float64, len(fr))
	for i := range fr {
		ts[i] = fr[i].T
	}
	dt := 1.0 / 30
	if len(fr) > 1 {
		d := make([]float64, len(fr)-1)
		for i := range d {
			d[i] = fr[i+1].T - fr[i].T
		}
		dt = stats.Median(d)
	}
	side := res.Side
	posS, goodS := 0.0, 0.0
	first, last := -1, -1 // the stretch: in position with the hips forward
	for i := range fr {
		if !fr[i].InPosition {
			continue
		}
		posS += frameDur(fr, i, dt)
		if fr[i].Shifted {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	// Good form counts only within the stretch: getting into it and
	// coming out of it are not holding it.
	for i := first; i >= 0 && i <= last; i++ {
		if !fr[i].GoodForm {
			continue
		}
		goodS += frameDur(fr, i, dt)
	}
	for i := range fr {
		if i < first || i > last {
			fr[i].GoodForm = false
		}
	}
	rep := stretchwise.Report{
		Exercise: stretchwise.ExerciseHalfKneeling,
		View:     in.View,
		Measures: []stretchwise.Measure{},
		Findings: []stretchwise.Finding{},
		Reasons:  []string{},
	}
	if posS < cfg.MinPositionS {
		res.Report = assess.Inconclusive(rep.Exercise, in.View, fmt.Sprintf("the half-kneeling position was held for %.1f s in total; at least %.0f s are needed to judge the form", posS, cfg.MinPositionS))
		return res
	}
	// Measures: medians over the stretch (from the first to the last frame
	// in position with the hips forward), else over every frame in position.
	lo, hi := first, last
	if lo < 0 {
		lo, hi = 0, len(fr)-1
	}
	var fk, bk, tr, hx, ar []float64
	for i := lo; i <= hi; i++ {
		if !fr[i].InPosition {
			continue
		}
		m := &fr[i].Metrics
		fk, bk, tr, hx, ar = append(fk, m.FrontKnee), append(bk, m.BackKnee), append(tr, m.Trunk), append(hx, m.HipExt), append(ar, fr[i].Arch)
	}
	u := [4]float64{stats.Median(unc[0]), stats.Median(unc[1]), stats.Median(unc[2]), stats.Median(unc[3])}
	add := func(name string, s stretchwise.Side, v, sd float64, unit string) {
		if math.IsNaN(v) {
			return
		}
		if math.IsNaN(sd) {
			sd = 0
		}
		rep.Measures = append(rep.Measures, stretchwise.Measure{Name: name, Side: s, Value: stats.Round2(v), Unit: unit, Uncertainty: stats.Round2(sd)})
	}
	add("front_knee_deg", side.Opposite(), stats.Median(fk), u[0], "deg")
	add("back_knee_deg", side, stats.Median(bk), u[1], "deg")
	add("trunk_from_vertical_deg", stretchwise.SideNone, stats.Median(tr), u[2], "deg")
	add("hip_extension_deg", side, stats.Median(hx), u[3], "deg")
	add("low_back_arch_deg", side, stats.Median(ar), math.Hypot(u[2], u[3]), "deg")
	add("position_s", side, posS, dt, "s")
	add("good_form_hold_s", side, goodS, dt, "s")

	rep.Findings = findings(fr, first, last, side, dt, cfg)
	rep.Reps = []stretchwise.Rep{}
	if first >= 0 {
		rep.Reps = append(rep.Reps, stretchwise.Rep{Side: side, StartS: stats.Round2(fr[first].T), HoldS: stats.Round2(fr[first].T), EndS: stats.Round2(fr[last].T), HeldS: stats.Round2(goodS)})
	}
	if len(rep.Findings) == 0 {
		rep.Verdict = stretchwise.VerdictGood
		rep.Reasons = append(rep.Reasons, fmt.Sprintf("%s knee down: %.1f s in the position, %.1f s of it in good form, no form fault found", side, posS, goodS))
		rep.Advice = []string{fmt.Sprintf("Good form. Hold about 30 s in good form (you had %.0f s) and repeat on the other side; the stretch should be felt at the front of the hip only.", goodS)}
	} else {
		rep.Verdict = stretchwise.VerdictFaults
		codes := map[string]bool{}
		for _, f := range rep.Findings {
			if !codes[f.Code] {
				codes[f.Code] = true
				rep.Reasons = append(rep.Reasons, f.Message)
			}
		}
		for c := Check(0); c < NumChecks; c++ {
			if codes[c.Code()] {
				rep.Advice = append(rep.Advice, advice[c])
			}
		}
	}
	res.Report = rep
	return res
}

// advice is the plain-words correction of each check, in the words of the
// coach's cues.
var advice = [NumChecks]string{
	CheckTrunkLeanBack:    "Don't arch your low back: tuck your tailbone and squeeze the glute of your back leg; the stretch comes from the pelvis tilting back, not from leaning back.",
	CheckTrunkLeanForward: "Sit tall: keep your chest over your hips instead of leaning forward.",
	CheckHipsNotForward:   "Squeeze the glute of your back leg and shift your hips forward a little, until you feel a gentle stretch at the front of that hip.",
	CheckFrontKnee:        "Bring your front knee over your ankle, bent at about a right angle.",
	CheckBackKnee:         "Rest your back knee and shin on the floor, the knee bent at about a right angle under your hip.",
}

// findings lists the confirmed fault spans of every check: from the start
// of the run of faulty values to the frame the status cleared.
//
// Only the stretch counts: from the first to the last frame with the hips
// forward (getting into the stretch and coming out of it are not faults).
// When the hips never came forward (first < 0) every frame counts, so the
// missing shift is itself the finding.
func findings(fr []Frame, first, last int, side stretchwise.Side, dt float64, cfg Config) []stretchwise.Finding {
	var out []stretchwise.Finding
	if first >= 0 {
		fr = fr[first : last+1]
	}
	r := cfg.Rules
	for c := Check(0); c < NumChecks; c++ {
		open, i0 := false, 0
		s0 := 0.0
		flush := func(end int) {
			open = false
			s1 := fr[end].T + frameDur(fr, end, dt)
			worst := math.NaN()
			for i := i0; i <= end; i++ {
				v := value(c, &fr[i])
				if math.IsNaN(worst) || math.Abs(v-center(c, r)) > math.Abs(worst-center(c, r)) {
					worst = v
				}
			}
			fs := side
			if c == CheckFrontKnee {
				fs = side.Opposite()
			}
			out = append(out, stretchwise.Finding{
				Code: c.Code(), Severity: stretchwise.SeverityWarning, Side: fs,
				StartS: stats.Round2(s0), EndS: stats.Round2(s1), Message: message(c, worst, s0, s1, r),
			})
		}
		for i := range fr {
			if !open && fr[i].Confirmed[c] && fr[i].Onset[c] >= fr[0].T {
				open, s0, i0 = true, fr[i].Onset[c], i
				for i0 > 0 && fr[i0-1].T >= s0 {
					i0--
				}
			}
			if open && !(fr[i].InPosition && fr[i].Status[c] == StatusFault) {
				flush(i - 1)
			}
		}
		if open {
			flush(len(fr) - 1)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartS < out[j].StartS })
	return out
}

// center is the good value a check's value is compared from, for picking
// the worst value of a span.
func center(c Check, r Rules) float64 {
	switch c {
	case CheckFrontKnee:
		return r.KneeDeg
	case CheckBackKnee:
		return r.BackKneeDeg
	case CheckHipsNotForward:
		return r.HipExtTargetDeg
	}
	return 0
}

// value is the quantity check c compares, for a finding's message.
func value(c Check, f *Frame) float64 {
	m := &f.Smoothed
	switch c {
	case CheckFrontKnee:
		return m.FrontKnee
	case CheckBackKnee:
		return m.BackKnee
	case CheckTrunkLeanForward:
		return m.Trunk
	case CheckTrunkLeanBack:
		return math.Max(-m.Trunk, f.Arch)
	}
	return m.HipExt
}

// message words a finding.
func message(c Check, v, s0, s1 float64, r Rules) string {
	span := fmt.Sprintf("%.1f-%.1f s", s0, s1)
	switch c {
	case CheckFrontKnee:
		return fmt.Sprintf("%s: the front knee was bent %.0f deg, outside %g +/- %g deg; the knee should sit over the ankle", span, v, r.KneeDeg, r.KneeTolDeg)
	case CheckBackKnee:
		return fmt.Sprintf("%s: the back knee was bent %.0f deg, outside %g +/- %g deg (with the shin flat on the floor and the hips forward into the stretch, the back knee bends about %g deg)", span, v, r.BackKneeDeg, r.KneeTolDeg, r.BackKneeDeg)
	case CheckTrunkLeanForward:
		return fmt.Sprintf("%s: the trunk leaned %.0f deg forward, more than %g deg from vertical", span, v, r.TrunkMaxDeg)
	case CheckTrunkLeanBack:
		return fmt.Sprintf("%s: the trunk leaned %.0f deg back while the down thigh did not move back with it: the low back arched (more than %g deg of arch, or %g deg of lean)", span, v, r.ArchDeg, r.TrunkMaxDeg)
	}
	return fmt.Sprintf("%s: the down leg's hip was extended %.0f deg (less than %g; about %g is the aim): the hips were not forward", span, v, r.HipExtMinDeg, r.HipExtTargetDeg)
}
