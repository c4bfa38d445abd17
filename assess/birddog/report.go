package birddog

import (
	"fmt"
	"math"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess"
	"github.com/stretchwise/stretchwise/stats"
)

// judgeSeries is the whole screen on a prepared series: checks, segmentation,
// measures, verdicts, findings and advice.
func judgeSeries(s *series, seen []bool, vi viewInfo, cfg Config) stretchwise.Report {
	// A camera too high above the body is said by package framing, in
	// every report (analysis), not here.
	inconclusive := func(reasons ...string) stretchwise.Report {
		r := assess.Inconclusive(stretchwise.ExerciseBirdDog, vi.view, reasons...)
		r.Advice = adviceInconclusive(vi)
		return r
	}
	detected, quad := 0, 0
	for i := range s.t {
		if seen[i] {
			detected++
			if s.quad[i] {
				quad++
			}
		}
	}
	if detected == 0 {
		return inconclusive("no person was found in any frame")
	}
	if float64(quad) < cfg.MinQuadrupedFrac*float64(detected) {
		return inconclusive(fmt.Sprintf("the person was on hands and knees in only %d of %d frames with a person; the bird dog starts and is held on hands and knees", quad, detected))
	}
	seg := segment(s, cfg)
	if len(seg.reps) == 0 {
		why := fmt.Sprintf("no reach was found: no arm and opposite leg rose together, on average %.0f %% of the way from the floor to horizontal and each at least half that, for %g s", 100*cfg.ReachEnter, cfg.MinReachS)
		if seg.rejected > 0 {
			why += fmt.Sprintf(" (%d movement(s) raised both diagonals together, which is leaving the position, not a reach)", seg.rejected)
		}
		if hidden := limbsHidden(s, seen); 2*hidden > quad {
			// Furniture, or a camera too low, hides the hands and feet on
			// the floor: say what to change, not only what was not seen.
			why += fmt.Sprintf("; your hands or feet were hidden in %d of the %d frames on hands and knees, so no reach could be seen: move the camera, or what stands in front of it, so that your hands and feet are in the picture", hidden, quad)
		}
		return inconclusive(why)
	}
	b := findBaseline(s, seg.reps, vi, cfg)
	if spanS(s, b.idx) < cfg.MinBaselineS {
		return inconclusive(fmt.Sprintf("no quiet moment on hands and knees of at least %.1f s was found to compare the reaches with", cfg.MinBaselineS))
	}

	rep := assess.NewReport(stretchwise.ExerciseBirdDog, vi.view)
	var bySide [2][]repResult
	for _, r := range seg.reps {
		rr := measureRep(s, b, r, vi, cfg)
		bySide[sideIndex(r.side)] = append(bySide[sideIndex(r.side)], rr)
		rep.Reps = append(rep.Reps, stretchwise.Rep{
			Side: r.side, StartS: stats.Round2(s.t[r.start]), HoldS: stats.Round2(s.t[r.holdStart]),
			EndS: stats.Round2(s.t[r.end]), HeldS: stats.Round2(rr.holdS), Incomplete: r.incomplete,
		})
	}
	var sides [2]sideResult
	for k, side := range []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight} {
		sides[k] = aggregate(side, bySide[k])
		sv := sideVerdict(sides[k], vi, cfg)
		rep.Sides = append(rep.Sides, sv)
		rep.Measures = append(rep.Measures, sideMeasures(sides[k])...)
	}
	for k := range sides {
		for n, rr := range sides[k].reps {
			rep.Measures = append(rep.Measures, repMeasures(rr, n+1)...)
			rep.Findings = append(rep.Findings, repFindings(s, rr, cfg)...)
		}
	}
	rep.Verdict, rep.Reasons = overall(rep.Sides)
	if rep.Reasons == nil {
		rep.Reasons = []string{}
	}
	rep.Reasons = append(rep.Reasons, limbReasons(s, sides, vi)...)
	for _, sv := range rep.Sides {
		if sv.Verdict != stretchwise.VerdictInconclusive {
			rep.Reasons = append(rep.Reasons, prefix(string(sv.Side)+" leg reach: ", sv.Reasons)...)
		}
	}
	if b.fromLater {
		rep.Findings = append(rep.Findings, stretchwise.Finding{
			Code: "baseline_between_reaches", Severity: stretchwise.SeverityInfo,
			StartS: stats.Round2(b.startS), EndS: stats.Round2(b.endS),
			Message: "the recording did not start with a quiet hands-and-knees position, so the rests between reaches were used as the start position",
		})
	}
	if seg.rejected > 0 {
		rep.Findings = append(rep.Findings, stretchwise.Finding{
			Code: "not_a_reach", Severity: stretchwise.SeverityInfo, StartS: stats.Round2(s.t[0]), EndS: stats.Round2(s.t[len(s.t)-1]),
			Message: fmt.Sprintf("%d movement(s) raised both diagonals together and were not counted as reaches", seg.rejected),
		})
	}
	rep.Advice = advice(rep, sides, vi, cfg)
	return rep
}

// limbReasons says, for each reach, which limb heights were not measured
// and why, when the view could show them.
func limbReasons(s *series, sides [2]sideResult, vi viewInfo) []string {
	if !vi.limbs && !vi.limbs3D {
		return nil
	}
	var out []string
	for k := range sides {
		for _, rr := range sides[k].reps {
			for _, l := range []struct {
				what string
				st   stat
			}{
				{fmt.Sprintf("the %s arm", rr.side.Opposite()), rr.arm},
				{fmt.Sprintf("the %s leg", rr.side), rr.leg},
			} {
				if !l.st.ok {
					out = append(out, fmt.Sprintf("%s leg reach at %s: how high %s went was not measured: %s",
						rr.side, stretchwise.SpanWords(s.t[rr.start], s.t[rr.end]), l.what, l.st.why))
				}
			}
		}
	}
	return out
}

func prefix(p string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}

// measure turns a stat into a report measure; ok=false when it was not
// measured.
func measure(name string, side stretchwise.Side, unit string, st stat) (stretchwise.Measure, bool) {
	if !st.ok {
		return stretchwise.Measure{}, false
	}
	return stretchwise.Measure{Name: name, Side: side, Value: stats.Round2(st.v), Unit: unit, Uncertainty: stats.Round2(st.sd())}, true
}

// sideMeasures lists the aggregated measures of one side. Side is the side
// of the lifted leg.
func sideMeasures(sr sideResult) []stretchwise.Measure {
	out := []stretchwise.Measure{{Name: "reps", Side: sr.side, Value: float64(len(sr.reps)), Unit: "count"}}
	if len(sr.reps) == 0 {
		return out
	}
	out = append(out, stretchwise.Measure{Name: "hold_s", Side: sr.side, Value: stats.Round2(sr.holdS), Unit: "s", Uncertainty: stats.Round2(sr.holdU)})
	for _, m := range []struct {
		name string
		st   stat
	}{
		{"pelvic_roll_deg", sr.pelvis},
		{"pelvic_roll_peak_deg", sr.pelvisPeak},
		{"pelvic_roll_signed_deg", sr.hike},
		{"shoulder_roll_deg", sr.shoulder},
		{"shoulder_roll_peak_deg", sr.shoulderPk},
		{"arm_elevation_deg", sr.arm},
		{"leg_elevation_deg", sr.leg},
		{"trunk_sag_deg", sr.sag},
		{"hip_drop_pct", sr.hipDrop},
		{"head_deviation_deg", sr.head},
	} {
		unit := "deg"
		if strings.HasSuffix(m.name, "_pct") {
			unit = "%"
		}
		if mm, ok := measure(m.name, sr.side, unit, m.st); ok {
			out = append(out, mm)
		}
	}
	return out
}

// repMeasures lists the measures of reach number n (1-based, per side),
// named rep<n>_<measure>.
func repMeasures(rr repResult, n int) []stretchwise.Measure {
	p := fmt.Sprintf("rep%d_", n)
	out := []stretchwise.Measure{{Name: p + "hold_s", Side: rr.side, Value: stats.Round2(rr.holdS), Unit: "s", Uncertainty: stats.Round2(rr.holdU)}}
	abs := func(st stat) stat { st.v = math.Abs(st.v); return st }
	for _, m := range []struct {
		name string
		st   stat
	}{
		{"pelvic_roll_deg", abs(rr.pelvis)},
		{"pelvic_roll_signed_deg", rr.pelvis},
		{"shoulder_roll_deg", abs(rr.shoulder)},
		{"arm_elevation_deg", rr.arm},
		{"leg_elevation_deg", rr.leg},
	} {
		if mm, ok := measure(p+m.name, rr.side, "deg", m.st); ok {
			out = append(out, mm)
		}
	}
	return out
}

// repFindings lists what one reach showed: roll beyond the stable band,
// a limb above horizontal, a short hold. A finding claims no more than its
// measure supports: a warning or a problem only when the whole Coverage
// interval of the measure lies beyond its threshold (the severity is that
// of the interval's lower end); a value beyond the threshold whose interval
// reaches back below it is only an info.
func repFindings(s *series, rr repResult, cfg Config) []stretchwise.Finding {
	var out []stretchwise.Finding
	t0, t1 := stats.Round2(s.t[rr.start]), stats.Round2(s.t[rr.end])
	h0, h1 := stats.Round2(s.t[rr.holdStart]), stats.Round2(s.t[rr.holdEnd])
	leg, arm := rr.side, rr.side.Opposite()
	roll := func(code, part string, side stretchwise.Side, st stat) {
		if !st.ok {
			return
		}
		sev := assess.Claim(math.Abs(st.v), st.sd(), cfg.Coverage, cfg.StableBelowDeg, cfg.UnstableAboveDeg)
		what := fmt.Sprintf("more than the %g deg of a steady reach", cfg.StableBelowDeg)
		switch sev {
		case "":
			return
		case stretchwise.SeverityInfo:
			what = fmt.Sprintf("perhaps more than the %g deg of a steady reach, but within the measuring error of it", cfg.StableBelowDeg)
		case stretchwise.SeverityProblem:
			what = fmt.Sprintf("more than %g deg: the low back let the body tip", cfg.UnstableAboveDeg)
		}
		dir := "rose"
		if st.v < 0 {
			dir = "dropped"
		}
		out = append(out, stretchwise.Finding{
			Code: code, Severity: sev, Side: leg, StartS: t0, EndS: t1,
			Message: fmt.Sprintf("reaching with the %s leg (%s), the %s %s %s %.1f deg (give or take %.1f) from the start position, %s",
				leg, stretchwise.SpanWords(t0, t1), side, part, dir, math.Abs(st.v), st.sd(), what),
		})
	}
	roll("pelvic_roll", "hip", leg, rr.pelvis)
	roll("shoulder_roll", "shoulder", arm, rr.shoulder)
	// A limb is flagged only when it is above the threshold beyond its
	// uncertainty (the lower end of the Coverage interval): the finding is
	// a claim about the person, not about the noise.
	high := func(limb string, side stretchwise.Side, st stat) {
		if !st.ok || st.v-cfg.Coverage*st.sd() <= cfg.LimbHighDeg {
			return
		}
		out = append(out, stretchwise.Finding{
			Code: "limb_too_high", Severity: stretchwise.SeverityWarning, Side: side, StartS: h0, EndS: h1,
			Message: fmt.Sprintf("the %s %s was held about %.0f deg (give or take %.0f) above horizontal; above about %g deg the hip tends to roll or the back to arch",
				side, limb, st.v, st.sd(), cfg.LimbHighDeg),
		})
	}
	high("leg", leg, rr.leg)
	high("arm", arm, rr.arm)
	if rr.incomplete {
		out = append(out, stretchwise.Finding{
			Code: "reach_incomplete", Severity: stretchwise.SeverityInfo, Side: leg, StartS: t0, EndS: t1,
			Message: fmt.Sprintf("the recording ended during the %s leg reach (from %.1f s): it is measured as far as it was recorded", leg, t0),
		})
	} else if rr.holdS < cfg.HoldMinS {
		out = append(out, stretchwise.Finding{
			Code: "short_hold", Severity: stretchwise.SeverityInfo, Side: leg, StartS: h0, EndS: h1,
			Message: fmt.Sprintf("the %s leg reach was held %.1f s; %g-%g s holds are recommended", leg, rr.holdS, cfg.HoldMinS, cfg.HoldMaxS),
		})
	}
	return out
}

// limbsHidden counts the frames on hands and knees in which neither hand
// or neither foot could be measured (hidden or out of the picture:
// series.rise), so that a reach could not be told.
func limbsHidden(s *series, seen []bool) int {
	n := 0
	for i := range s.t {
		hands := math.IsNaN(s.rise[leftWrist][i]) && math.IsNaN(s.rise[rightWrist][i])
		feet := math.IsNaN(s.rise[leftAnkle][i]) && math.IsNaN(s.rise[rightAnkle][i])
		if seen[i] && s.quad[i] && (hands || feet) {
			n++
		}
	}
	return n
}
