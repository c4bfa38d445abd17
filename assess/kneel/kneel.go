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
	"slices"
	"sort"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess"
	"github.com/stretchwise/stretchwise/framing"
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
	// Track configures the Tracker that judges the form, the one the live
	// coach runs; its Rules are replaced by Rules.
	Track TrackConfig
	// Coverage: the multiple of a measure's standard uncertainty of the
	// interval a finding is judged by (assess.Claim): a finding says a
	// fault only when that interval lies beyond the threshold, else that
	// it cannot tell. 1.645 = 90 % two-sided, as the other assessments.
	Coverage float64
	// MinOutS: a stretch of frames with a person out of the position is
	// reported (Report.OutOfPosition) when it lasts at least this long. Our
	// choice, because shorter losses are the position's own hysteresis
	// (Rules.OffS) or a moment of a hidden knee, not another exercise.
	MinOutS float64
}

// DefaultConfig is the configuration the CLI and the server use.
var DefaultConfig = Config{Rules: DefaultRules, MinPositionS: 2, Track: DefaultTrackConfig, MinOutS: 1, Coverage: 1.645}

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
	// Track is the Tracker's result for the frame (the live coach's view):
	// the statuses, confirmations, smoothed metrics and state above come
	// from it; Metrics from the cleaned landmarks.
	Track Track
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
	detected, hidden := 0, 0 // frames with a person, and of them with the thighs out of sight (ThighsHidden)
	for i := range rec.Frames {
		f := &rec.Frames[i]
		if !f.Detected {
			continue
		}
		geom.ComputeFacing(&a, &f.Image, aspect, gate, 1)
		detected++
		if ThighsHidden(&a, &f.Image, aspect) {
			hidden++
		}
		if d, ok := Position(&a, &cfg.Rules); ok {
			downVotes[d]++
			facings = append(facings, geom.Facing2D(&f.Image, aspect, gate))
		}
	}
	inPos := downVotes[0] + downVotes[1]
	if rate := rec.Header.FPS; inPos == 0 || (rate > 0 && float64(inPos)/rate < cfg.MinPositionS) {
		why := fmt.Sprintf("the half-kneeling position was not found for %.0f s or more: it needs one thigh near vertical (the down knee) and the other near horizontal (the front leg) with the trunk upright", cfg.MinPositionS)
		if 2*hidden > detected {
			// As the live coach's show_knees (Track.HiddenSince): the
			// camera, not the person, is what to change.
			return fail(why, fmt.Sprintf("your hips or knees were out of sight in %.0f %% of the frames with you in them (something in front of the camera, or the picture cut): move the camera, or what stands in front of it, so that your whole body is in the picture", 100*float64(hidden)/float64(detected)))
		}
		return fail(why)
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

	// The form (statuses, faults, the stretch and its hold) comes from the
	// Tracker, the evaluator the live coach runs, over the raw frames as a
	// camera would give them; the measures from the zero-phase cleaned
	// landmarks, which are more accurate for medians.
	tcfg := cfg.Track
	tcfg.Rules = cfg.Rules
	tr := NewTracker(tcfg)
	var st Steadier
	res.Frames = make([]Frame, n)
	var u geom.Angles
	var unc [4][]float64 // front knee, back knee, trunk, hip
	raw := in.Raw
	if raw == nil || len(raw.Frames) != n {
		raw = rec
	}
	rawAspect := raw.Header.Aspect()
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
		o := tr.Update(&raw.Frames[i], rawAspect)
		fr.Track = o
		fr.InPosition = o.In
		fr.Smoothed = o.Metrics
		fr.Arch = o.Arch
		fr.Shifted = o.Shifted
		fr.Status, fr.Confirmed, fr.Onset = o.Checks, o.Confirmed, o.Onset
		fr.GoodForm = o.Seen && o.State == StateHolding
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

// Unsteady is the plain-words reason the form is not judged while the
// landmarks are too unsteady (CameraRules.UnsteadyDeg).
const Unsteady = "the camera could not see your joints steadily enough: add light, move the camera closer so that your body fills most of the picture, and wear close-fitting clothes"

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
	dt := medianStep(len(fr), func(i int) float64 { return fr[i].T })
	side := res.Side
	posS, goodS, highS, shakyS, seenS, outS := 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
	var outParts []string // the body parts out of the picture, in order of leaving
	first := -1           // the stretch's first frame (of the repetitions)
	for i := range fr {
		if fr[i].Track.TooHigh {
			highS += frameDur(fr, i, dt)
		}
		if p := fr[i].Track.Out; p != "" {
			outS += frameDur(fr, i, dt)
			if !slices.Contains(outParts, p) {
				outParts = append(outParts, p)
			}
		}
		if fr[i].InPosition && fr[i].Track.Unsteady {
			shakyS += frameDur(fr, i, dt)
		}
		if fr[i].Track.Seen {
			seenS += frameDur(fr, i, dt)
		}
		if !fr[i].InPosition {
			continue
		}
		posS += frameDur(fr, i, dt)
		if st := fr[i].Track.State; st == StateHolding || st == StateFault {
			if first < 0 {
				first = i
			}
		}
		if fr[i].GoodForm {
			goodS += frameDur(fr, i, dt)
		}
	}
	rep := assess.NewReport(stretchwise.ExerciseHalfKneeling, in.View)
	// The tracker judges nothing while the camera is too high, the
	// landmarks too unsteady (CameraRules) or a part it needs out of the
	// picture (TrackConfig.OutS).
	var high []string
	if highS > 0 {
		high = append(high, fmt.Sprintf("the form was not judged for %.1f s because %s", highS, framing.LowerCamera))
	}
	if shakyS > 0 {
		high = append(high, fmt.Sprintf("the form was not judged for %.1f s because %s", shakyS, Unsteady))
	}
	if outS > 0 {
		verb := "was"
		if len(outParts) > 1 {
			verb = "were"
		}
		high = append(high, fmt.Sprintf("the form was not judged for %.1f s because your %s %s out of the picture: %s", outS, strings.Join(outParts, " and your "), verb, framing.MoveBack))
	}
	if posS < cfg.MinPositionS || (len(high) > 0 && seenS < cfg.MinPositionS) {
		// Too little time judged, the rest not judged for a reason said.
		why := append([]string(nil), high...)
		if posS < cfg.MinPositionS {
			why = append(why, fmt.Sprintf("the half-kneeling position was held for %.1f s in total; at least %.0f s are needed to judge the form", posS, cfg.MinPositionS))
		}
		res.Report = assess.Inconclusive(rep.Exercise, in.View, why...)
		return res
	}
	rep.Reasons = append(rep.Reasons, high...)
	// Measures: medians over the stretch (from the first to the last frame
	// in position with the hips forward), else over every frame in position.
	inRep := func(i int) bool {
		st := fr[i].Track.State
		return first < 0 || st == StateHolding || st == StateFault
	}
	var fk, bk, tr, hx, ar []float64
	for i := range fr {
		if !fr[i].InPosition || !inRep(i) {
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

	rep.Findings = findings(fr, side, u, cfg)
	rep.Reps = reps(fr, side, dt)
	rep.OutOfPosition = outOfPosition(fr, dt, cfg.MinOutS)
	if len(rep.Findings) == 0 {
		rep.Verdict = stretchwise.VerdictGood
		rep.Reasons = append(rep.Reasons, fmt.Sprintf("%s knee down: %.1f s in the position, %.1f s of it in good form, no form fault found", side, posS, goodS))
		rep.Reasons = append(rep.Reasons, outReasons(rep.OutOfPosition)...)
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
		rep.Reasons = append(rep.Reasons, outReasons(rep.OutOfPosition)...)
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

// findings lists the confirmed fault spans of every check, as the live
// coach sees them (Spans over the Tracker's frames): the form is judged
// in the stretch, or once the person has settled in the position without
// shifting the hips (then the missing shift is itself a finding).
// Getting into the position, leaving it and time out of it are not judged.
// A finding claims no more than its measure supports (assess.Claim): the
// check's median value over the span, with the uncertainty u of its
// measure (front knee, back knee, trunk, hip), must lie beyond the
// threshold by its interval, else the finding is an info that says it
// cannot tell.
func findings(fr []Frame, side stretchwise.Side, u [4]float64, cfg Config) []stretchwise.Finding {
	tracks := make([]Track, len(fr))
	for i := range fr {
		tracks[i] = fr[i].Track
	}
	out := []stretchwise.Finding{}
	for _, s := range FaultSpans(tracks, cfg.Rules) {
		fs := side
		if s.Side >= 0 {
			fs = assess.SideOf(s.Side)
		}
		if s.Check == CheckFrontKnee {
			fs = fs.Opposite()
		}
		sev, msg := stretchwise.SeverityWarning, message(s.Check, s.Worst, s.StartS, s.EndS, cfg.Rules)
		if claim(s, fr, u, cfg) != stretchwise.SeverityWarning {
			sev = stretchwise.SeverityInfo
			msg += "; but over the span this is within the measuring error of the threshold, so whether it was a fault cannot be told from this recording"
		}
		out = append(out, stretchwise.Finding{
			Code: s.Check.Code(), Severity: sev, Side: fs,
			StartS: stats.Round2(s.StartS), EndS: stats.Round2(s.EndS), Message: msg,
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartS < out[j].StartS })
	return out
}

// claim is what the fault span s may claim (assess.Claim): its check's
// median value over the span's frames against the check's threshold, with
// the uncertainty of the check's measure (u: front knee, back knee,
// trunk, hip; the arch proxy combines trunk and hip).
func claim(s Span, fr []Frame, u [4]float64, cfg Config) string {
	var vals, arch []float64
	for i := range fr {
		if fr[i].T >= s.StartS && fr[i].T < s.EndS {
			m := &fr[i].Track.Metrics
			vals = append(vals, checkValue(s.Check, m, fr[i].Track.Arch))
			if s.Check == CheckTrunkLeanBack {
				vals[len(vals)-1] = -m.Trunk
				arch = append(arch, fr[i].Track.Arch)
			}
		}
	}
	v, r, k, inf := stats.Median(vals), &cfg.Rules, cfg.Coverage, math.Inf(1)
	switch s.Check {
	case CheckFrontKnee:
		return assess.Claim(math.Abs(v-r.KneeDeg), u[0], k, r.KneeTolDeg, inf)
	case CheckBackKnee:
		return assess.Claim(math.Abs(v-r.BackKneeDeg), u[1], k, r.KneeTolDeg, inf)
	case CheckTrunkLeanForward:
		return assess.Claim(v, u[2], k, r.TrunkMaxDeg, inf)
	case CheckTrunkLeanBack:
		// Leaning back, or the arch proxy: either may carry the claim.
		if c := assess.Claim(v, u[2], k, r.TrunkMaxDeg, inf); c == stretchwise.SeverityWarning {
			return c
		}
		return assess.Claim(stats.Median(arch), math.Hypot(u[2], u[3]), k, r.ArchDeg, inf)
	}
	return assess.Claim(-v, u[3], k, -r.HipExtMinDeg, inf)
}

// reps lists the repetitions of the Tracker: from the frame the hips came
// forward into the stretch to its last frame before the release.
func reps(fr []Frame, side stretchwise.Side, dt float64) []stretchwise.Rep {
	out := []stretchwise.Rep{}
	cur := -1
	for i := range fr {
		o := &fr[i].Track
		if !(o.State == StateHolding || o.State == StateFault) {
			continue
		}
		s := side
		if o.Side >= 0 {
			s = assess.SideOf(o.Side)
		}
		if o.Rep != cur {
			cur = o.Rep
			out = append(out, stretchwise.Rep{Side: s, StartS: stats.Round2(o.T), HoldS: stats.Round2(o.T)})
		}
		r := &out[len(out)-1]
		r.EndS = stats.Round2(o.T)
		if fr[i].GoodForm {
			r.HeldS += frameDur(fr, i, dt)
		}
	}
	for i := range out {
		out[i].HeldS = stats.Round2(out[i].HeldS)
	}
	return out
}

// outOfPosition lists the stretches of frames with a person who is not in
// the half-kneeling position, at least minS long: another exercise, a
// pause, standing up. They are not scored.
func outOfPosition(fr []Frame, dt, minS float64) []stretchwise.TimeSpan {
	out := []stretchwise.TimeSpan{}
	open := false
	var s0, s1 float64
	flush := func() {
		if open && s1-s0 >= minS {
			out = append(out, stretchwise.TimeSpan{StartS: stats.Round2(s0), EndS: stats.Round2(s1)})
		}
		open = false
	}
	for i := range fr {
		o := &fr[i].Track
		if !o.Detected {
			continue // no person: not a position at all (frame quality says so)
		}
		if o.In || o.TooHigh {
			// A camera too high is said on its own (judge).
			flush()
			continue
		}
		if !open {
			open, s0 = true, fr[i].T
		}
		s1 = fr[i].T + frameDur(fr, i, dt)
	}
	flush()
	return out
}

// outReasons words the stretches out of the position for the reasons.
func outReasons(spans []stretchwise.TimeSpan) []string {
	var out []string
	for _, s := range spans {
		out = append(out, fmt.Sprintf("%s: not in the half-kneeling position (one knee down under the hip, the other foot flat in front, the trunk upright), so this time was not scored", stretchwise.SpanWords(s.StartS, s.EndS)))
	}
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

// message words a finding.
func message(c Check, v, s0, s1 float64, r Rules) string {
	span := stretchwise.SpanWords(s0, s1)
	switch c {
	case CheckFrontKnee:
		return fmt.Sprintf("%s: the front knee was bent %.0f deg, outside %g to %g deg; the knee should sit over the ankle", span, v, r.KneeDeg-r.KneeTolDeg, r.KneeDeg+r.KneeTolDeg)
	case CheckBackKnee:
		return fmt.Sprintf("%s: the back knee was bent %.0f deg, outside %g to %g deg (with the shin flat on the floor and the hips forward into the stretch, the back knee bends about %g deg)", span, v, r.BackKneeDeg-r.KneeTolDeg, r.BackKneeDeg+r.KneeTolDeg, r.BackKneeDeg)
	case CheckTrunkLeanForward:
		return fmt.Sprintf("%s: the trunk leaned %.0f deg forward, more than %g deg from vertical", span, v, r.TrunkMaxDeg)
	case CheckTrunkLeanBack:
		return fmt.Sprintf("%s: the trunk leaned %.0f deg back while the down thigh did not move back with it: the low back arched (more than %g deg of arch, or %g deg of lean)", span, v, r.ArchDeg, r.TrunkMaxDeg)
	}
	return fmt.Sprintf("%s: the down leg's hip was extended %.0f deg (less than %g; about %g is the aim): the hips were not forward", span, v, r.HipExtMinDeg, r.HipExtTargetDeg)
}

// init registers the assessment with its default configuration.
func init() {
	assess.Register(assess.Assessment{Exercise: stretchwise.ExerciseHalfKneeling, Assess: func(in *assess.Input) stretchwise.Report {
		return Assess(in, DefaultConfig)
	}})
}
