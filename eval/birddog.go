package eval

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/stats"
	"github.com/stretchwise/stretchwise/synth"
)

// The bird-dog battery: synthetic bird dogs with known pelvic roll, seen
// from six views at several noise levels, written as recordings, read back
// and analysed by the same analysis.Analyze the analyze command uses. It
// prints a confusion table per view, sensitivity, specificity, the
// inconclusive rate and the pelvic roll error. docs/validation-birddog.md
// has the results.

// birdDogViews are the views of the battery; roll is visible from the
// first four.
var birdDogViews = []stretchwise.View{
	stretchwise.ViewRear, stretchwise.ViewRearLeft, stretchwise.ViewRearRight, stretchwise.ViewFront,
	stretchwise.ViewLeft, stretchwise.ViewRight,
}

// rollVisible reports whether the battery expects roll to be measurable
// from v (the screen's roll targets apply to these views).
func rollVisible(v stretchwise.View) bool {
	switch v {
	case stretchwise.ViewRear, stretchwise.ViewRearLeft, stretchwise.ViewRearRight, stretchwise.ViewFront:
		return true
	}
	return false
}

// birdDogNoises are the noise presets of the battery, cycled through.
var birdDogNoises = []string{"low", "mediapipe", "high"}

// birdDogCase is one generated recording of the battery.
type birdDogCase struct {
	scene
	rollDeg  float64          // pelvic roll fault, + raises the lifted leg's hip
	rollArm  stretchwise.Side // arm side whose reps get the fault; SideNone = all
	limbHigh float64          // limb_high fault, deg (0 = none)
}

// birdDogSide is the outcome for one side (the lifted leg's) of one case.
type birdDogSide struct {
	c         birdDogCase
	side      stretchwise.Side // lifted leg
	truthRoll float64          // true pelvic roll change, deg, mean |hold median| over the side's reps
	truthMax  float64          // max of the true pelvic and shoulder roll changes
	verdict   string
	measured  float64 // pelvic_roll_deg, NaN when not reported
	unc       float64
	overall   string
	reasons   string
	// Limb elevation above horizontal, deg: truth (3D, mean over the side's
	// reps of the hold median) and measured (NaN when not reported).
	truthLeg, truthArm float64
	leg, arm           float64
	limbHighFound      bool // a limb_too_high finding on this side's limbs
}

// birdDogCases draws n cases from seed: views and noise levels cycle, pelvic
// roll is uniform 0..20 deg (on one side or both), a third of the cases
// also raise the limbs 12-25 deg above horizontal, and the camera is placed
// up to 10 deg off its nominal azimuth, 5-20 deg above the body.
func birdDogCases(n int, seed uint64) []birdDogCase {
	rng := rand.New(rand.NewPCG(seed, 0xb1d))
	cs := make([]birdDogCase, n)
	for i := range cs {
		c := birdDogCase{scene: scene{idx: i, view: birdDogViews[i%len(birdDogViews)],
			noise: birdDogNoises[(i/len(birdDogViews))%len(birdDogNoises)], seed: rng.Uint64()}}
		c.rollDeg = 20 * rng.Float64()
		if rng.IntN(4) == 0 {
			c.rollDeg = -c.rollDeg // hip drops instead of rising
		}
		switch rng.IntN(3) {
		case 0:
			c.rollArm = stretchwise.SideLeft
		case 1:
			c.rollArm = stretchwise.SideRight
		}
		if rng.IntN(3) == 0 {
			c.limbHigh = 12 + 13*rng.Float64()
		}
		c.drawCamera(rng)
		cs[i] = c
	}
	return cs
}

// runBirdDogCase generates, writes, reads back and analyses one case.
func runBirdDogCase(c birdDogCase) ([]birdDogSide, error) {
	rng := rand.New(rand.NewPCG(c.seed, 1))
	p := synth.BirdDogParams{}
	if c.rollDeg != 0 {
		p.Faults = append(p.Faults, synth.FaultSpec{Name: synth.FaultPelvicRoll, Value: c.rollDeg, Side: c.rollArm})
	}
	if c.limbHigh != 0 {
		p.Faults = append(p.Faults, synth.FaultSpec{Name: synth.FaultLimbHigh, Value: c.limbHigh})
	}
	p.RestS = c.home.pauseS
	rep, truth, err := c.analyse(synth.BirdDog(p), rng)
	if err != nil {
		return nil, fmt.Errorf("case %d: %w", c.idx, err)
	}

	var out []birdDogSide
	for _, leg := range []stretchwise.Side{stretchwise.SideLeft, stretchwise.SideRight} {
		pel, sh := truthRoll(truth, leg.Opposite())
		tl, ta := truthLimbs(truth, leg.Opposite())
		s := birdDogSide{c: c, side: leg, truthRoll: pel, truthMax: math.Max(pel, sh),
			verdict: stretchwise.VerdictInconclusive, measured: math.NaN(), unc: math.NaN(), overall: rep.Verdict,
			truthLeg: tl, truthArm: ta, leg: math.NaN(), arm: math.NaN()}
		if mm, ok := rep.Measure("leg_elevation_deg", leg); ok {
			s.leg = mm.Value
		}
		if mm, ok := rep.Measure("arm_elevation_deg", leg); ok {
			s.arm = mm.Value
		}
		for _, f := range rep.Findings {
			// A leg finding carries the leg's side, an arm finding the arm's.
			if f.Code == "limb_too_high" && f.Side == leg && strings.Contains(f.Message, " leg ") ||
				f.Code == "limb_too_high" && f.Side == leg.Opposite() && strings.Contains(f.Message, " arm ") {
				s.limbHighFound = true
			}
		}
		for _, sv := range rep.Sides {
			if sv.Side == leg {
				s.verdict = sv.Verdict
				s.reasons = strings.Join(sv.Reasons, "; ")
			}
		}
		if s.reasons == "" {
			s.reasons = strings.Join(rep.Reasons, "; ")
		}
		if mm, ok := rep.Measure("pelvic_roll_deg", leg); ok {
			s.measured, s.unc = mm.Value, mm.Uncertainty
		}
		out = append(out, s)
	}
	return out, nil
}

// truthRoll returns the true pelvic and shoulder roll of the reps whose
// reaching arm is arm: per rep the median over the hold of the change of
// the 3D hip (shoulder) line tilt from the median of the baseline phase,
// then the mean magnitude over the reps.
func truthRoll(tr *synth.Truth, arm stretchwise.Side) (pelvis, shoulder float64) {
	var bp, bs []float64
	for _, f := range tr.Frames {
		if f.Phase == synth.PhaseBaseline {
			bp = append(bp, f.Angles3D[synth.PelvicRoll])
			bs = append(bs, f.Angles3D[synth.ShoulderRoll])
		}
	}
	p0, s0 := stats.Median(bp), stats.Median(bs)
	meds := holdMedians(tr, arm, synth.PelvicRoll, synth.ShoulderRoll, p0, s0)
	if len(meds) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, m := range meds {
		pelvis += math.Abs(m[0])
		shoulder += math.Abs(m[1])
	}
	return pelvis / float64(len(meds)), shoulder / float64(len(meds))
}

// truthLimbs returns the true elevation of the lifted leg and the reaching
// arm (3D, degrees above horizontal) for the reps whose reaching arm is
// arm: per rep the median over the hold, then the mean over the reps.
func truthLimbs(tr *synth.Truth, arm stretchwise.Side) (leg, armEl float64) {
	meds := holdMedians(tr, arm, synth.LeftLegElevation.Sided(arm.Opposite()), synth.LeftArmElevation.Sided(arm), 0, 0)
	if len(meds) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, m := range meds {
		leg += m[0]
		armEl += m[1]
	}
	return leg / float64(len(meds)), armEl / float64(len(meds))
}

// holdMedians returns, for each rep whose reaching arm is arm, in the order
// of the reps, the medians over its hold of the true angles a and b
// (3D, degrees) less a0 and b0.
func holdMedians(tr *synth.Truth, arm stretchwise.Side, a, b synth.Angle, a0, b0 float64) [][2]float64 {
	var order []int
	reps := map[int]*[2][]float64{}
	for _, f := range tr.Frames {
		if f.Phase != synth.PhaseHold || f.Side != arm {
			continue
		}
		r := reps[f.Rep]
		if r == nil {
			r = &[2][]float64{}
			reps[f.Rep] = r
			order = append(order, f.Rep)
		}
		r[0] = append(r[0], f.Angles3D[a]-a0)
		r[1] = append(r[1], f.Angles3D[b]-b0)
	}
	out := make([][2]float64, len(order))
	for i, rep := range order {
		out[i] = [2]float64{stats.Median(reps[rep][0]), stats.Median(reps[rep][1])}
	}
	return out
}

// birdDogStats summarises the sides of one view (or all views).
type birdDogStats struct {
	sides                  int
	inconclusive           int
	mae                    float64 // pelvic roll, over sides with a measured value
	maeN                   int
	maeC                   float64 // pelvic roll, over conclusive sides
	maeCN                  int
	pos, posFlagged        int // truth >= 10 deg; flagged = caution or unstable
	posConclusive          int
	neg, negStable         int // truth <= 3 deg
	negConclusive          int
	stableNoRoll           int // "stable" from a view that cannot see roll
	covered, coveredN      int // |error| <= 2 * uncertainty
	confusion              map[string]map[string]int
	stableOverallSideViews int
}

// truthClass names the band of a true roll value.
func truthClass(v float64) string {
	switch {
	case v <= 3:
		return "0-3"
	case v < 5:
		return "3-5"
	case v <= 10:
		return "5-10"
	}
	return ">10"
}

var truthClasses = []string{"0-3", "3-5", "5-10", ">10"}
var verdictCols = []string{stretchwise.VerdictStable, stretchwise.VerdictCaution, stretchwise.VerdictUnstable, stretchwise.VerdictInconclusive}

func summarise(sides []birdDogSide, keep func(stretchwise.View) bool) birdDogStats {
	st := birdDogStats{confusion: map[string]map[string]int{}}
	for _, c := range truthClasses {
		st.confusion[c] = map[string]int{}
	}
	var sum, sumC float64
	for _, s := range sides {
		if !keep(s.c.view) {
			continue
		}
		st.sides++
		st.confusion[truthClass(s.truthMax)][s.verdict]++
		if s.verdict == stretchwise.VerdictInconclusive {
			st.inconclusive++
		}
		if !rollVisible(s.c.view) && s.verdict == stretchwise.VerdictStable {
			st.stableNoRoll++
		}
		if !rollVisible(s.c.view) && s.overall == stretchwise.VerdictStable {
			st.stableOverallSideViews++
		}
		if !math.IsNaN(s.measured) {
			e := math.Abs(s.measured - s.truthRoll)
			sum += e
			st.maeN++
			if s.verdict != stretchwise.VerdictInconclusive {
				sumC += e
				st.maeCN++
			}
			st.coveredN++
			if e <= 2*s.unc {
				st.covered++
			}
		}
		conclusive := s.verdict != stretchwise.VerdictInconclusive
		if s.truthMax >= 10 {
			st.pos++
			if conclusive {
				st.posConclusive++
			}
			if s.verdict == stretchwise.VerdictCaution || s.verdict == stretchwise.VerdictUnstable {
				st.posFlagged++
			}
		}
		if s.truthMax <= 3 {
			st.neg++
			if conclusive {
				st.negConclusive++
			}
			if s.verdict == stretchwise.VerdictStable {
				st.negStable++
			}
		}
	}
	if st.maeN > 0 {
		st.mae = sum / float64(st.maeN)
	}
	if st.maeCN > 0 {
		st.maeC = sumC / float64(st.maeCN)
	}
	return st
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f %%", 100*float64(a)/float64(b))
}

// printBirdDog writes the battery's tables as Markdown.
func printBirdDog(w io.Writer, sides []birdDogSide) {
	fmt.Fprintln(w, "Per view (one row per view; a unit is one side of one recording):")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| view | sides | inconclusive | pelvic roll MAE, all measured (deg) | MAE, conclusive (deg) | sensitivity, roll >= 10 | specificity, roll <= 3 | err <= 2u | stable without roll view |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|")
	row := func(name string, keep func(stretchwise.View) bool) {
		st := summarise(sides, keep)
		mae, maeC := "-", "-"
		if st.maeN > 0 {
			mae = fmt.Sprintf("%.2f (n=%d)", st.mae, st.maeN)
		}
		if st.maeCN > 0 {
			maeC = fmt.Sprintf("%.2f (n=%d)", st.maeC, st.maeCN)
		}
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s of %d conclusive (%s of all %d) | %s of %d conclusive (%s of all %d) | %s | %d |\n",
			name, st.sides, pct(st.inconclusive, st.sides), mae, maeC,
			pct(st.posFlagged, st.posConclusive), st.posConclusive, pct(st.posFlagged, st.pos), st.pos,
			pct(st.negStable, st.negConclusive), st.negConclusive, pct(st.negStable, st.neg), st.neg,
			pct(st.covered, st.coveredN), st.stableNoRoll)
	}
	for _, v := range birdDogViews {
		row(string(v), func(x stretchwise.View) bool { return x == v })
	}
	row("roll views", rollVisible)
	row("all", func(stretchwise.View) bool { return true })

	for _, group := range []struct {
		name string
		keep func(stretchwise.View) bool
	}{
		{"views that can show roll (rear, rear-left, rear-right, front)", rollVisible},
		{"side views (left, right)", func(v stretchwise.View) bool { return !rollVisible(v) }},
	} {
		st := summarise(sides, group.keep)
		fmt.Fprintf(w, "\nConfusion, %s: rows = true roll change (max of pelvis and shoulder, deg), columns = side verdict\n\n", group.name)
		fmt.Fprintf(w, "| truth | %s |\n|---|---|---|---|---|\n", strings.Join(verdictCols, " | "))
		for _, c := range truthClasses {
			fmt.Fprintf(w, "| %s |", c)
			for _, v := range verdictCols {
				fmt.Fprintf(w, " %d |", st.confusion[c][v])
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintln(w, "\nPelvic roll MAE (deg, all measured sides) and inconclusive rate by view and noise level:")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "| view | %s |\n|---|", strings.Join(birdDogNoises, " | "))
	for range birdDogNoises {
		fmt.Fprint(w, "---|")
	}
	fmt.Fprintln(w)
	for _, v := range birdDogViews {
		if !rollVisible(v) {
			continue
		}
		fmt.Fprintf(w, "| %s |", v)
		for _, nz := range birdDogNoises {
			var sub []birdDogSide
			for _, s := range sides {
				if s.c.noise == nz && s.c.view == v {
					sub = append(sub, s)
				}
			}
			st := summarise(sub, rollVisible)
			fmt.Fprintf(w, " %.2f (n=%d), %s inconclusive |", st.mae, st.maeN, pct(st.inconclusive, st.sides))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\nLimb elevation (deg above horizontal, 3D truth) and the limb_too_high finding, by view:")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| view | leg MAE | arm MAE | flagged when a limb was > 12 deg high | flagged when both limbs were <= 5 deg |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, v := range birdDogViews {
		var le, ae float64
		var ln, an, hi, hiF, lo, loF int
		for _, s := range sides {
			if s.c.view != v {
				continue
			}
			if !math.IsNaN(s.leg) && !math.IsNaN(s.truthLeg) {
				le += math.Abs(s.leg - s.truthLeg)
				ln++
			}
			if !math.IsNaN(s.arm) && !math.IsNaN(s.truthArm) {
				ae += math.Abs(s.arm - s.truthArm)
				an++
			}
			switch {
			case math.Max(s.truthLeg, s.truthArm) > 12:
				hi++
				if s.limbHighFound {
					hiF++
				}
			case math.Max(s.truthLeg, s.truthArm) <= 5:
				lo++
				if s.limbHighFound {
					loF++
				}
			}
		}
		mae := func(sum float64, n int) string {
			if n == 0 {
				return "not measured"
			}
			return fmt.Sprintf("%.1f (n=%d)", sum/float64(n), n)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s of %d | %s of %d |\n", v, mae(le, ln), mae(ae, an), pct(hiF, hi), hi, pct(loF, lo), lo)
	}
	if reasons, keys := inconclusiveReasons(sides); len(keys) > 0 {
		fmt.Fprintln(w, "\nInconclusive reasons in the roll views:")
		fmt.Fprintln(w)
		for _, k := range keys {
			fmt.Fprintf(w, "- %d x %s\n", reasons[k], k)
		}
	}
}

// figures are the numbers in a reason.
var figures = regexp.MustCompile(`-?[0-9]+(\.[0-9]+)?`)

// inconclusiveReasons counts the reasons of the inconclusive sides of the
// roll views, their figures written #, and returns them most frequent
// first.
func inconclusiveReasons(sides []birdDogSide) (map[string]int, []string) {
	reasons := map[string]int{}
	for _, s := range sides {
		if s.verdict == stretchwise.VerdictInconclusive && rollVisible(s.c.view) {
			reasons[figures.ReplaceAllString(s.reasons, "#")]++
		}
	}
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return reasons[keys[i]] > reasons[keys[j]] || reasons[keys[i]] == reasons[keys[j]] && keys[i] < keys[j]
	})
	return reasons, keys
}

// birdDogTables writes the tables of the bird-dog battery.
func birdDogTables(w io.Writer, o Options, res [][]birdDogSide, took time.Duration) {
	sides := slices.Concat(res...)
	fmt.Fprintf(w, "stretchwise eval bird-dog --n %d --seed %d --conditions %s: %d recordings, %d sides, %.1f s\n%s\n\n",
		o.N, o.Seed, o.Conditions, o.N, len(sides), took.Seconds(), conditionsWords(o.Conditions))
	printBirdDog(w, sides)
	if o.Conditions == ConditionsHome {
		fmt.Fprintln(w, "\nBy home condition, views that can show roll (a unit is one side; a side can be in several rows):")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| condition (sides) | inconclusive | sensitivity, roll >= 10 | specificity, roll <= 3 | pelvic roll MAE, conclusive (deg) | inconclusive reasons |")
		fmt.Fprintln(w, "|---|---|---|---|---|---|")
		var roll []birdDogSide
		for _, s := range sides {
			if rollVisible(s.c.view) {
				roll = append(roll, s)
			}
		}
		eachHome(roll, func(s birdDogSide) homeConditions { return s.c.home }, func(name string, sub []birdDogSide) {
			st := summarise(sub, rollVisible)
			reasons, keys := inconclusiveReasons(sub)
			why := make([]string, len(keys))
			for i, k := range keys {
				why[i] = fmt.Sprintf("%d x %s", reasons[k], k)
			}
			fmt.Fprintf(w, "| %s (%d) | %s | %s of %d conclusive (%s of all %d) | %s of %d conclusive (%s of all %d) | %.2f (n=%d) | %s |\n", name, len(sub), pct(st.inconclusive, st.sides),
				pct(st.posFlagged, st.posConclusive), st.posConclusive, pct(st.posFlagged, st.pos), st.pos,
				pct(st.negStable, st.negConclusive), st.negConclusive, pct(st.negStable, st.neg), st.neg, st.maeC, st.maeCN, strings.Join(why, "; "))
		})
	}
	if o.Verbose {
		fmt.Fprintln(w, "\ncase view noise azimuth_offset elevation limb_high leg truth_pelvis truth_max measured unc verdict reasons")
		for _, s := range sides {
			fmt.Fprintf(w, "%d %s %s %.1f %.1f %.1f %s %.2f %.2f %.2f %.2f %s %q\n", s.c.idx, s.c.view, s.c.noise,
				s.c.azimuthJ, s.c.elevation, s.c.limbHigh, s.side, s.truthRoll, s.truthMax, s.measured, s.unc, s.verdict, s.reasons)
		}
	}
}
