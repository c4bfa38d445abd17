package birddog

import (
	"fmt"
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/stats"
)

// stat is a measured value with its standard uncertainty (about one
// standard deviation) in the same unit, split into a random part u (landmark
// noise, which averages out over reps) and a systematic part sys (view
// obliquity, pose-estimator bias, which does not). frame is the per-frame
// noise behind u. ok is false when the value could not be measured; then
// why says so.
//
// ub is the part of u that comes from the baseline. Every rep of a side is
// measured against the same baseline, so that part does not average out
// over the reps (aggregate); treating it as independent understated the
// uncertainty of a side, most at high noise and with short baselines.
type stat struct {
	v, u, ub, sys, frame float64
	ok                   bool
	why                  string
}

// share returns the part of an uncertainty u (in degrees) that comes from
// a component part of a total (both in the units before conversion), 0
// when the total is 0.
func share(u, part, total float64) float64 {
	if !(total > 0) {
		return 0
	}
	return u * part / total
}

// changeStat returns a change from the baseline with the random
// uncertainty of the hold (or reach) part hu and of the baseline part bu,
// in the unit of the change.
func changeStat(v, hu, bu, sys float64) stat {
	return stat{v: v, u: math.Hypot(hu, bu), ub: bu, sys: sys, ok: true}
}

// sd is the total standard uncertainty.
func (s stat) sd() float64 { return math.Hypot(s.u, s.sys) }

// sqrtPiOver2 is the ratio of the standard error of a median to that of a
// mean for normally distributed samples.
const sqrtPiOver2 = 1.2533141373155003

// maxIndependentPerS caps how many frames per second count as independent
// noise samples. Our choice, because pose-estimator jitter is correlated
// over a few frames (a tracker carries its errors forward for about a
// tenth of a second) and the 6 Hz low-pass of package filter correlates
// neighbouring frames further; four independent samples a second keeps the
// uncertainty of a long hold from shrinking below what the data support.
const maxIndependentPerS = 4

// peakWindowS is the window of the running median a peak is taken from.
// Our choice, because a tipping shorter than a second cannot be told from
// landmark jitter at MediaPipe-like noise (a 0.5 s window still gave
// 15-20 deg peaks on a steady synthetic pelvis), while the lift and the
// hold each last longer than that.
const peakWindowS = 1.0

// madScale turns a median absolute deviation into a standard deviation for
// normally distributed values.
const madScale = 1.4826

// worldRelError is the relative error of an elevation from monocular world
// landmarks: docs/clinical.md (Clemente et al. 2024) gives 15-25 % for range of
// motion; we take the middle.
const worldRelError = 0.2

// baseline is the person's own quiet quadruped position (see findBaseline).
type baseline struct {
	idx              []int
	startS, endS     float64
	hipV, thigh      stat // hip midpoint height in the image, and over the knees
	pelvis, shoulder stat
	// pelvisW and shoulderW are the lines' true widths in image heights:
	// the median width across the image over the quiet frames, over the
	// foreshortening (viewInfo.rollCos); NaN when not seen.
	pelvisW, shoulderW float64
	trunk, head        stat
	fromLater          bool // no quiet start: quiet frames between reaches were used
}

// findBaseline collects the person's own quiet quadruped position: the
// frames where both diagonals' rest scores (mean rise of their limbs) are
// below ReachOnset, at the start and in the rests between reaches (more frames average out more landmark
// noise; the position is the same). fromLater says that the start itself
// was shorter than MinBaselineS.
func findBaseline(s *series, reps []rep, vi viewInfo, cfg Config) baseline {
	in := make([]bool, len(s.t))
	for _, r := range reps {
		for i := r.start; i <= r.end; i++ {
			in[i] = true
		}
	}
	// Frames are quiet when every visible limb is down, whatever the
	// per-frame posture label says: the recording as a whole was checked
	// to be in quadruped, and the label flickers under landmark noise.
	quiet := func(i int) bool {
		if in[i] {
			return false
		}
		l, r := s.restScore(stretchwise.SideLeft, i), s.restScore(stretchwise.SideRight, i)
		return !(l >= cfg.ReachOnset) && !(r >= cfg.ReachOnset) && !(math.IsNaN(l) && math.IsNaN(r))
	}
	limit := len(s.t)
	if len(reps) > 0 {
		limit = reps[0].start
	}
	var b baseline
	var start []int
	for i := range s.t {
		if quiet(i) {
			b.idx = append(b.idx, i)
			if i < limit {
				start = append(start, i)
			}
		}
	}
	b.fromLater = len(reps) > 0 && spanS(s, start) < cfg.MinBaselineS
	if len(b.idx) > 0 {
		b.startS, b.endS = s.t[b.idx[0]], s.t[b.idx[len(b.idx)-1]]
	}
	b.pelvis = medianStat(s, &s.pelvis, b.idx)
	b.shoulder = medianStat(s, &s.shoulder, b.idx)
	b.pelvisW = trueWidth(s.pelvisW, b.idx, vi.rollCos)
	b.shoulderW = trueWidth(s.shoulderW, b.idx, vi.rollCos)
	if len(b.idx) > 0 {
		b.pelvis.why = "both hips were not visible while the person was still on hands and knees"
		b.shoulder.why = "both shoulders were not visible while the person was still on hands and knees"
	}
	b.trunk = medianStat(s, &s.trunk, b.idx)
	b.hipV = medianStat(s, &s.hipV, b.idx)
	b.thigh = medianStat(s, &s.thigh, b.idx)
	b.head = medianStat(s, &s.head, b.idx)
	return b
}

// trueWidth returns the median of the widths w over frames idx divided by
// the foreshortening c, NaN when no frame has a width or c is not positive.
func trueWidth(w []float64, idx []int, c float64) float64 {
	var vals []float64
	for _, i := range idx {
		if !math.IsNaN(w[i]) {
			vals = append(vals, w[i])
		}
	}
	if len(vals) == 0 || !(c > 0) {
		return math.NaN()
	}
	return stats.Quantile(vals, 0.5) / c
}

// spanS returns the time covered by the frames idx (first to last).
func spanS(s *series, idx []int) float64 {
	if len(idx) < 2 {
		return 0
	}
	return s.t[idx[len(idx)-1]] - s.t[idx[0]]
}

// medianStat returns the median of a channel over frames idx and the
// standard uncertainty of that median from landmark noise. The per-frame
// noise is the largest of three estimates: the scatter of the values about
// their median (the frames are a still position, so scatter is noise), the
// difference between raw and cleaned values, and the model's per-frame
// uncertainty. It is divided by the square root of the number of
// independent frames (at most maxIndependentPerS a second). The duration
// counted is the number of frames times the median frame interval, so that
// a baseline made of several rests counts only its own frames.
func medianStat(s *series, c *channel, idx []int) stat {
	var vals, res []float64
	var sdSum float64
	for _, i := range idx {
		if math.IsNaN(c.v[i]) {
			continue
		}
		vals = append(vals, c.v[i])
		if !math.IsNaN(c.raw[i]) {
			res = append(res, wrap(c.raw[i]-c.v[i]))
		}
		if !math.IsNaN(c.sd[i]) {
			sdSum += c.sd[i]
		}
	}
	if len(vals) == 0 {
		return stat{v: math.NaN(), u: math.NaN(), why: "not visible"}
	}
	med := stats.Quantile(vals, 0.5)
	dev := make([]float64, len(vals))
	for k, v := range vals {
		dev[k] = math.Abs(wrap(v - med))
	}
	perFrame := math.Max(madScale*stats.Quantile(dev, 0.5), math.Max(rms(res), sdSum/float64(len(vals))))
	nEff := float64(len(vals))
	if cap := nEff * frameInterval(s) * maxIndependentPerS; cap >= 1 && cap < nEff {
		nEff = cap
	}
	return stat{v: med, u: sqrtPiOver2 * perFrame / math.Sqrt(nEff), frame: perFrame, ok: true}
}

// rms returns the root mean square of xs, 0 for none.
func rms(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var s float64
	for _, x := range xs {
		s += x * x
	}
	return math.Sqrt(s / float64(len(xs)))
}

// wrap maps an angle difference in degrees to -180..180.
func wrap(d float64) float64 {
	d = math.Mod(d+180, 360)
	if d < 0 {
		d += 360
	}
	return d - 180
}

// repResult holds the measures of one reach.
type repResult struct {
	rep
	// holdS is the hold duration; holdU its uncertainty, one frame at each
	// end.
	holdS, holdU float64
	// pelvis and shoulder: signed change of roll from baseline, median over
	// the hold, positive = the hip (shoulder) on the side of the lifted leg
	// (reaching arm) rose. Peaks are the largest absolute change during the
	// whole reach.
	pelvis, pelvisPeak     stat
	shoulder, shoulderPeak stat
	arm, leg               stat // elevation above horizontal, median over the hold
	sag                    stat // trunk sag: change of trunk from vertical, positive = hips lower
	// hipDrop is how far the pelvis sank toward the floor, in percent of
	// the start's hip-over-knee height (the thigh); negative = hiked.
	hipDrop stat
	head    stat // head deviation: absolute change of head direction
}

// measureRep computes the measures of one reach against the baseline. vi
// describes what the view can show.
func measureRep(s *series, b baseline, r rep, vi viewInfo, cfg Config) repResult {
	out := repResult{rep: r, holdS: s.t[r.holdEnd] - s.t[r.holdStart], holdU: math.Sqrt2 * frameInterval(s)}
	hold := make([]int, 0, r.holdEnd-r.holdStart+1)
	for i := r.holdStart; i <= r.holdEnd; i++ {
		hold = append(hold, i)
	}
	legSide := r.side
	armSide := r.side.Opposite()
	// sign turns "left higher" into "the lifted side higher".
	legSign, armSign := 1.0, 1.0
	if legSide == stretchwise.SideRight {
		legSign = -1
	}
	if armSide == stretchwise.SideRight {
		armSign = -1
	}
	if vi.roll {
		out.pelvis, out.pelvisPeak = rollChange(s, &s.pelvis, b.pelvis, b.pelvisW, hold, r, legSign, vi, cfg)
		out.shoulder, out.shoulderPeak = rollChange(s, &s.shoulder, b.shoulder, b.shoulderW, hold, r, armSign, vi, cfg)
	} else {
		out.pelvis = stat{why: vi.rollWhy}
		out.pelvisPeak, out.shoulder, out.shoulderPeak = out.pelvis, out.pelvis, out.pelvis
	}
	out.arm = medianStat(s, &s.arm[sideIndex(armSide)], hold)
	out.leg = medianStat(s, &s.leg[sideIndex(legSide)], hold)
	for _, st := range []*stat{&out.arm, &out.leg} {
		st.sys = math.Hypot(cfg.FloorDeg, vi.limbSys)
		if vi.limbs3D {
			// Monocular world landmarks misjudge range of motion by 15-25 %
			// (docs/clinical.md, Clemente et al. 2024): add 20 % of the value.
			st.sys = math.Hypot(cfg.FloorDeg, worldRelError*st.v)
		}
	}
	if !vi.limbs && !vi.limbs3D {
		out.arm, out.leg = stat{why: vi.limbsWhy}, stat{why: vi.limbsWhy}
	}
	// A limb whose end left the picture during the hold was placed by the
	// pose model's guess, however sure the model said it was.
	for _, l := range []struct {
		st     *stat
		joints [2]int
	}{
		{&out.arm, riseLandmarks[sideIndex(armSide)]},
		{&out.leg, riseLandmarks[2+sideIndex(legSide)]},
	} {
		if lm, ok := leftPicture(s, hold, l.joints[:], cfg); ok {
			*l.st = stat{why: framing.LeftPicture(lm)}
		}
	}
	// A limb much shorter in the picture than in the quiet position was
	// not seen: the pose model folded it (on a real clip it hung the arm
	// of a hand out of the picture under the shoulder, 0.94 sure).
	// Only in side views: in oblique ones a limb reaching out turns toward
	// or away from the camera, by an amount the view name does not fix.
	if vi.limbs && vi.trunk {
		for _, l := range []struct {
			st   *stat
			limb int
			name string
		}{
			{&out.arm, sideIndex(armSide), string(armSide) + " arm"},
			{&out.leg, 2 + sideIndex(legSide), string(legSide) + " leg"},
		} {
			if !l.st.ok {
				continue
			}
			if r := shortest(s, l.limb, b.idx, hold); r < cfg.MinLimbLengthRatio {
				*l.st = stat{why: fmt.Sprintf("the pose model did not follow your %s: it drew it %.0f %% shorter than at the start, as it does when a hand or foot is out of the picture or hidden; keep your whole body in the picture, filmed from your side",
					l.name, 100*(1-r))}
			}
		}
	}
	if t := medianStat(s, &s.trunk, hold); t.ok && b.trunk.ok {
		out.sag = changeStat(-(t.v - b.trunk.v), t.u, b.trunk.u, cfg.FloorDeg)
	} else {
		out.sag = stat{why: "only a side view shows the trunk line"}
	}
	// Hip drop: how far the hip midpoint sank in the image, as a share of
	// the start's hip-over-knee height (the thigh, vertical in quadruped, so
	// it scales the drop in every view). The image position, not the
	// height over the knee: a supporting knee slides back when the pelvis
	// sinks, and seen from above that hides the drop.
	if h := medianStat(s, &s.hipV, hold); h.ok && b.hipV.ok && b.thigh.ok && b.thigh.v > 0 {
		out.hipDrop = changeStat(100*(h.v-b.hipV.v)/b.thigh.v, 100*h.u/b.thigh.v, 100*b.hipV.u/b.thigh.v, cfg.FloorDeg)
	} else {
		out.hipDrop = stat{why: "the hips or knees were not visible"}
	}
	if h := medianStat(s, &s.head, hold); h.ok && b.head.ok {
		out.head = changeStat(math.Abs(wrap(h.v-b.head.v)), h.u, b.head.u, cfg.FloorDeg)
	} else {
		out.head = stat{why: "the head was not visible"}
	}
	return out
}

// shortest returns the smaller of a limb's two segment ratios: the
// median length over the hold frames over the median length over the
// quiet frames. NaN when a segment was not seen in either.
func shortest(s *series, limb int, quiet, hold []int) float64 {
	r := math.Inf(1)
	for j := 0; j < 2; j++ {
		med := func(idx []int) float64 {
			var v []float64
			for _, i := range idx {
				if x := s.seg[limb][j][i]; !math.IsNaN(x) {
					v = append(v, x)
				}
			}
			return stats.Quantile(v, 0.5)
		}
		q, h := med(quiet), med(hold)
		if !(q > 0) || math.IsNaN(h) {
			continue
		}
		r = math.Min(r, h/q)
	}
	return r
}

// leftPicture returns the first of the landmarks that lay outside the
// picture in more than MaxOutsideFrac of the frames, and whether there was
// one.
func leftPicture(s *series, frames []int, landmarks []int, cfg Config) (int, bool) {
	for _, lm := range landmarks {
		n := 0
		for _, i := range frames {
			if s.outside[i]&(1<<lm) != 0 {
				n++
			}
		}
		if len(frames) > 0 && float64(n) > cfg.MaxOutsideFrac*float64(len(frames)) {
			return lm, true
		}
	}
	return 0, false
}

// rollChange returns the signed median change of a roll channel over the
// hold and the peak absolute change over the whole reach, both relative to
// the baseline. The channel holds rises (geom.LineRise) and width is the
// line's true width (baseline.pelvisW); the change of rise over the width
// is the sine of the roll change (geom.RiseChange). The uncertainty
// combines the noise of the hold and of the baseline, the obliquity
// correction and the floor.
func rollChange(s *series, c *channel, base stat, width float64, hold []int, r rep, sign float64, vi viewInfo, cfg Config) (med, peak stat) {
	if base.ok && !(width > 0) {
		why := "the width of the hip (shoulder) line was not seen while the person was still on hands and knees"
		return stat{why: why}, stat{why: why}
	}
	if !base.ok {
		why := base.why
		if why == "" {
			why = "no usable start on hands and knees to compare with"
		}
		return stat{why: why}, stat{why: why}
	}
	if d := s.t[r.holdEnd] - s.t[r.holdStart]; d < cfg.MinHoldS {
		why := fmt.Sprintf("the hold lasted only %.1f s, too short to measure", d)
		return stat{why: why}, stat{why: why}
	}
	visible := 0
	for _, i := range hold {
		if !math.IsNaN(c.v[i]) {
			visible++
		}
	}
	if len(hold) == 0 || float64(visible)/float64(len(hold)) < cfg.MinVisibleFrac {
		why := "too few frames of the hold show both sides"
		return stat{why: why}, stat{why: why}
	}
	// The channel holds rises (geom.LineRise); changes become angles here.
	h := medianStat(s, c, hold)
	hu := math.Hypot(h.u, base.u)
	d, u := geom.RiseChange((h.v-base.v)/width, hu/width)
	d *= sign
	if math.Abs(d) > cfg.MaxRollDeg {
		why := "it came out larger than a body can tip on hands and knees, so the camera did not see both sides clearly; film again with the camera straight behind you"
		return stat{why: why}, stat{why: why}
	}
	rel := math.Hypot(vi.rollRel, math.Max(cfg.CameraRel, vi.camRel))
	// The baseline's share of the uncertainty, in proportion (the
	// conversion to degrees is linear over the interval).
	med = changeStat(d, share(u, h.u, hu), share(u, base.u, hu), math.Hypot(rel*d, cfg.FloorDeg))
	// The peak is the largest change of a running median over
	// peakWindowS, so that one noisy frame is not taken for a peak.
	nWin := math.Max(1, peakWindowS*maxIndependentPerS)
	winU := sqrtPiOver2 * h.frame / math.Sqrt(nWin)
	pkU := math.Hypot(winU, base.u) / width
	pk, pkDeg := 0.0, 0.0
	dt := frameInterval(s)
	half := 0
	if dt > 0 {
		half = int(peakWindowS / dt / 2)
	}
	// The window of frame i is frames max(r.start, i-half)..min(r.end,
	// i+half); its values (NaN left out) are kept sorted as it slides, one
	// frame leaving and one entering per step, instead of sorted anew.
	var win sortedWindow
	win.reset(2*half + 1)
	for j := r.start; j <= min(r.end, r.start+half); j++ {
		win.add(c.v[j])
	}
	for i := r.start; i <= r.end; i++ {
		if i > r.start {
			if j := i - half - 1; j >= r.start {
				win.remove(c.v[j])
			}
			if j := i + half; j <= r.end {
				win.add(c.v[j])
			}
		}
		if len(win.xs) == 0 {
			continue
		}
		if a, ua := geom.RiseChange((stats.QuantileSorted(win.xs, 0.5)-base.v)/width, pkU); math.Abs(a) > pk {
			pk, pkDeg = math.Abs(a), ua
		}
	}
	if pk == 0 {
		_, pkDeg = geom.RiseChange(0, pkU)
	}
	pkU *= width
	peak = changeStat(pk, share(pkDeg, winU, pkU), share(pkDeg, base.u, pkU), math.Hypot(rel*pk, cfg.FloorDeg))
	return med, peak
}

// sideResult aggregates the reaches of one side (the side of the lifted leg).
type sideResult struct {
	side                 stretchwise.Side
	reps                 []repResult
	pelvis, pelvisPeak   stat // absolute roll change, mean over reps
	hike                 stat // signed pelvis change, mean over reps
	hipDrop              stat // pelvis drop toward the floor, percent of the thigh, mean over reps
	shoulder, shoulderPk stat
	arm, leg             stat
	holdS, holdU         float64 // mean hold and its uncertainty
	sag, head            stat
}

// aggregate averages the reps of one side. Magnitudes are averaged for roll
// (a person may tip either way), signed values for the hip hike.
func aggregate(side stretchwise.Side, reps []repResult) sideResult {
	out := sideResult{side: side, reps: reps}
	pick := func(f func(*repResult) stat, abs bool) stat {
		var sum, uu, ub, sys float64
		n := 0
		why := ""
		for i := range reps {
			st := f(&reps[i])
			if !st.ok {
				why = st.why
				continue
			}
			v := st.v
			if abs {
				v = math.Abs(v)
			}
			sum += v
			// The rep's own part is independent of the other reps'; the
			// baseline's part is common to them all.
			uu += st.u*st.u - st.ub*st.ub
			ub += st.ub
			sys += st.sys
			n++
		}
		if n == 0 {
			if why == "" {
				why = "no reach"
			}
			return stat{why: why}
		}
		// Random parts average out over reps; the baseline's part and
		// systematic parts do not.
		nf := float64(n)
		return stat{v: sum / nf, u: math.Hypot(math.Sqrt(math.Max(0, uu))/nf, ub/nf), ub: ub / nf, sys: sys / nf, ok: true}
	}
	out.pelvis = pick(func(r *repResult) stat { return r.pelvis }, true)
	out.hike = pick(func(r *repResult) stat { return r.pelvis }, false)
	out.hipDrop = pick(func(r *repResult) stat { return r.hipDrop }, false)
	out.pelvisPeak = pick(func(r *repResult) stat { return r.pelvisPeak }, false)
	out.shoulder = pick(func(r *repResult) stat { return r.shoulder }, true)
	out.shoulderPk = pick(func(r *repResult) stat { return r.shoulderPeak }, false)
	out.arm = pick(func(r *repResult) stat { return r.arm }, false)
	out.leg = pick(func(r *repResult) stat { return r.leg }, false)
	out.sag = pick(func(r *repResult) stat { return r.sag }, false)
	out.head = pick(func(r *repResult) stat { return r.head }, false)
	for _, r := range reps {
		out.holdS += r.holdS
		out.holdU = r.holdU
	}
	if len(reps) > 0 {
		out.holdS /= float64(len(reps))
		out.holdU /= math.Sqrt(float64(len(reps)))
	}
	return out
}

// frameInterval returns the median time between frames in seconds, 0 for
// fewer than two frames. It is computed once per series.
func frameInterval(s *series) float64 {
	if s.dt > 0 || len(s.t) < 2 {
		return s.dt
	}
	d := make([]float64, len(s.t)-1)
	for i := range d {
		d[i] = s.t[i+1] - s.t[i]
	}
	s.dt = stats.Quantile(d, 0.5)
	return s.dt
}
