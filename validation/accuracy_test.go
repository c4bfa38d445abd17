package validation

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	sw "github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/filter"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/synth"
	"golang.org/x/sync/errgroup"
)

// Tolerances and bounds, degrees unless said otherwise.
const (
	// tolNoiseFreeDeg: noise-free in-plane 2D angles within 0.5 deg of the
	// truth, in every frame measured (issue 2).
	tolNoiseFreeDeg = 0.5
	// tolTargetDeg: issue 2's mean absolute error target. The lead's
	// decision: asserted per frame at the low preset and on the measure the
	// assessments use (the median over a hold) at the mediapipe preset.
	tolTargetDeg = 3.0
	// minCoverage is the share of the frames a view defines an angle in
	// that the path must measure (our choice: a target must not pass by
	// gating most frames away; bird-dog side views lose about 10 % to the
	// reaching arm hiding the nose the facing comes from).
	minCoverage = 0.5
	// minHoldFrames is the fewest measured frames a hold median needs, one
	// second at 30 fps (our choice, as assess/thomas: a median over fewer
	// than about thirty frames is noisy).
	minHoldFrames = 30
	// fps of every synthetic recording: MediaPipe's usual camera rate.
	fps = 30
)

// seedFlag offsets the noise seed of every recording of the battery, to
// see how much the table owes to one draw of the noise: 0 (the default) is
// the table of docs/validation.md; go test -run Accuracy ./validation
// -args -seed=N asserts the same targets on another draw.
var seedFlag = flag.Uint64("seed", 0, "offset of the accuracy battery's noise seeds (0: the documented table)")

// noises are the presets of docs/synth.md, in increasing order.
var noises = []synth.Noise{synth.NoiseNone, synth.NoiseLow, synth.NoiseMediaPipe, synth.NoiseHigh}

// scenario is one motion filmed from one view, with the angles that view
// shows and the later issues use.
type scenario struct {
	motion string
	view   sw.View
	m      *synth.Motion
	// angles are those an assessment of the later issues reads in this
	// view (asserted); extra are reported only.
	angles, extra []synth.Angle
	// relative: the measure is the hold's change from the still
	// limbs-down frames (baseline and rests), as assess/birddog measures
	// roll; otherwise the hold median itself. Relative measures are rolls
	// and are taken as assess/birddog takes them (scoreRoll): per frame the
	// rise of the left hip (shoulder) over the right one in the image
	// (geom.PelvicRise2D, geom.ShoulderRise2D), the median rise over the
	// hold minus the median over the quiet frames, over the line's true
	// width (the median width over the quiet frames / cos of the view's
	// nominal yaw, geom.ViewYaw: 0 from the rear and the front, 45 from
	// the obliques), and the angle geom.RiseChange of that.
	relative bool
}

// yaw returns the view's nominal yaw for the obliquity correction of
// relative (roll) measures.
func (sc *scenario) yaw() float64 {
	y, ok := geom.ViewYaw(sc.view)
	if !ok {
		panic(fmt.Sprintf("validation: no yaw for view %q", sc.view))
	}
	return y
}

// all returns the asserted angles followed by the reported ones.
func (sc *scenario) all() []synth.Angle {
	return append(append([]synth.Angle(nil), sc.angles...), sc.extra...)
}

// sway is the natural sway every motion gets (RMS degrees; our choice, a
// person holding still), so holds are not frozen frames.
const sway = 1.0

// scenarios lists the battery: side views (left and right) for the
// sagittal angles of all three exercises, on the side nearest the camera
// (the far limbs are hidden behind the body); rear, front and rear-oblique
// views for the bird dog's pelvic and shoulder roll.
func scenarios() []scenario {
	var sc []scenario
	for _, near := range []sw.Side{sw.SideLeft, sw.SideRight} {
		view := sw.ViewLeft
		if near == sw.SideRight {
			view = sw.ViewRight
		}
		s := func(a synth.Angle) synth.Angle { return a.Sided(near) }
		sc = append(sc,
			scenario{"bird dog", view,
				synth.BirdDog(synth.BirdDogParams{Arms: []sw.Side{sw.SideLeft, sw.SideRight}, SwayDeg: sway, SwaySeed: 11}),
				// assess/birddog reads limb elevations and the trunk in side views.
				[]synth.Angle{s(synth.LeftArmElevation), s(synth.LeftLegElevation), synth.TrunkFromVertical},
				[]synth.Angle{s(synth.LeftThighElevation), s(synth.LeftKneeFlexion), s(synth.LeftHipFlexion)}, false},
			scenario{"Thomas test", view,
				synth.ThomasTest(synth.ThomasParams{Sides: []sw.Side{near, near}, SwayDeg: sway, SwaySeed: 12}),
				[]synth.Angle{s(synth.LeftThighElevation), s(synth.LeftKneeFlexion), s(synth.LeftHipFlexion)}, nil, false},
			scenario{"half kneeling, down knee near", view,
				synth.HalfKneeling(synth.KneelParams{Side: near, HoldS: 20, SwayDeg: sway, SwaySeed: 13}),
				[]synth.Angle{s(synth.LeftKneeFlexion), s(synth.LeftHipFlexion), s(synth.LeftThighElevation), synth.TrunkFromVertical}, nil, false},
			scenario{"half kneeling, front knee near", view,
				synth.HalfKneeling(synth.KneelParams{Side: near.Opposite(), HoldS: 20, SwayDeg: sway, SwaySeed: 14}),
				[]synth.Angle{s(synth.LeftKneeFlexion), s(synth.LeftThighElevation)}, nil, false},
		)
	}
	// Roll faults on both sides so the rolls are not just zero.
	rolling := synth.BirdDog(synth.BirdDogParams{Arms: []sw.Side{sw.SideLeft, sw.SideRight}, SwayDeg: sway, SwaySeed: 15,
		Faults: []synth.FaultSpec{{Name: synth.FaultPelvicRoll, Value: 8, Side: sw.SideLeft},
			{Name: synth.FaultShoulderRoll, Value: -6, Side: sw.SideRight}}})
	for _, v := range []sw.View{sw.ViewRear, sw.ViewFront} {
		sc = append(sc, scenario{"bird dog, roll faults", v, rolling, []synth.Angle{synth.PelvicRoll, synth.ShoulderRoll}, nil, true})
	}
	// Rear-oblique views: both rolls are scored as assess/birddog takes
	// them, over the true width for the view's 45 deg yaw
	// (scenario.relative). Shoulder roll is asserted. Pelvic roll is
	// reported, not asserted: the 3 deg target is NOT met there
	// (docs/validation.md). The far hip is hidden behind the body and
	// jitters 2.5 times as much on a hip line foreshortened to about half
	// its width, so at the mediapipe preset the hold's change stays
	// several degrees off on some draws. The bird-dog screen widens its
	// uncertainty there and says "inconclusive, film from straight behind"
	// (docs/validation-birddog.md measures that).
	for _, v := range []sw.View{sw.ViewRearLeft, sw.ViewRearRight} {
		sc = append(sc, scenario{"bird dog, roll faults", v, rolling, []synth.Angle{synth.ShoulderRoll}, []synth.Angle{synth.PelvicRoll}, true})
	}
	return sc
}

type namedBody struct {
	name string
	b    synth.Body
}

// bodies are the people of the battery: the average 1.75 m body, both ends
// of the adult height range with average proportions, and three seeded
// random bodies (height and every segment drawn).
func bodies() []namedBody {
	rng := rand.New(rand.NewPCG(2026, 2))
	bs := []namedBody{{"average 1.75 m", synth.AverageBody()}}
	for i := 0; i < 3; i++ {
		b := synth.RandomBody(rng)
		bs = append(bs, namedBody{fmt.Sprintf("random %.2f m", b.HeightM), b})
	}
	return append(bs, namedBody{"1.50 m", synth.BodyOfHeight(synth.MinHeightM)}, namedBody{"1.95 m", synth.BodyOfHeight(synth.MaxHeightM)})
}

// measured is what the analysis's measurement path gives for one
// recording, per frame.
type measured struct {
	// frame: geom.Compute with the facing estimated per frame (the
	// analysis's angle table, analysis.AngleTable).
	frame []synth.Angles
	// fixed: geom.ComputeFacing with the recording's majority facing
	// (geom.MajorityFacing), as assess/thomas and assess/kneel sign trunk
	// lean and hip flexion.
	fixed []synth.Angles
	// majority is the recording's majority facing (+1, -1, 0 unknown).
	majority float64
	// world: geom.Compute3D of the world landmarks as the analysis hands
	// them to the assessments (not cleaned: it cleans image landmarks only),
	// NaN where a frame has none. Only its rolls are scored (reported).
	world []synth.Angles
	// rise and width are the roll lines' rise and width (geom.LineRise;
	// index rollLine: 0 hips, 1 shoulders) in the cleaned image at
	// geom.DefaultGate, the per-frame inputs of assess/birddog's roll;
	// worldRise and worldWidth the same from the world landmarks
	// (worldRise: metres, the width horizontal and so already true). NaN
	// where not measured.
	rise, width, worldRise, worldWidth [][2]float64
	aspect                             float64 // of the recording's image
}

// rollLines are the landmarks of the roll lines, left then right: hips
// (pelvic roll) and shoulders (shoulder roll).
var rollLines = [2][2]int{{sw.LeftHip, sw.RightHip}, {sw.LeftShoulder, sw.RightShoulder}}

// rollLine returns the index in rollLines of a roll angle.
func rollLine(a synth.Angle) int {
	switch a {
	case synth.PelvicRoll:
		return 0
	case synth.ShoulderRoll:
		return 1
	}
	panic(fmt.Sprintf("validation: %v is not a roll", a))
}

// worldRise is geom.LineRise for world landmarks (metres, y down): how far
// landmark left is above landmark right, and their horizontal (x, z)
// distance, the legs of geom.Compute3D's roll. ok is false, and both NaN,
// when either landmark is below gate or not finite, or they coincide.
func worldRise(p *sw.Pose, left, right int, gate float64) (rise, width float64, ok bool) {
	l, r := &p[left], &p[right]
	if !(l.Visibility >= gate && r.Visibility >= gate) {
		return math.NaN(), math.NaN(), false
	}
	rise, width = r.Y-l.Y, math.Hypot(l.X-r.X, l.Z-r.Z)
	if !finite(rise) || !finite(width) || math.Hypot(rise, width) < geom.MinSegment3D {
		return math.NaN(), math.NaN(), false
	}
	return rise, width, true
}

// measure runs the analysis's measurement path on rec: filter.Clean with
// filter.DefaultConfig restricted to the angle landmarks (as analysis.Run
// configures it), then geom.Compute at geom.DefaultGate per frame. Frames
// without a person have every angle NaN.
func measure(rec *sw.Recording) (measured, error) {
	cfg := filter.DefaultConfig
	cfg.Landmarks, cfg.SkipWorld = geom.AngleLandmarks, true
	clean, _, err := filter.Clean(rec, cfg)
	if err != nil {
		return measured{}, err
	}
	aspect := clean.Header.Aspect()
	n := len(clean.Frames)
	out := measured{frame: make([]synth.Angles, n), fixed: make([]synth.Angles, n), world: make([]synth.Angles, n),
		rise: make([][2]float64, n), width: make([][2]float64, n), worldRise: make([][2]float64, n),
		worldWidth: make([][2]float64, n), aspect: aspect}
	facings := make([]float64, 0, len(clean.Frames))
	var g, w geom.Angles
	for i := range clean.Frames {
		for k := range out.world[i] {
			out.world[i][k] = math.NaN()
		}
		for j := range rollLines {
			out.rise[i][j], out.width[i][j] = math.NaN(), math.NaN()
			out.worldRise[i][j], out.worldWidth[i][j] = math.NaN(), math.NaN()
		}
		if !clean.Frames[i].Detected {
			for k := range out.frame[i] {
				out.frame[i][k], out.fixed[i][k] = math.NaN(), math.NaN()
			}
			continue
		}
		if clean.Frames[i].HasWorld {
			geom.Compute3D(&w, &clean.Frames[i].World, geom.DefaultGate)
			out.world[i] = fromGeom(&w)
			for j, ln := range rollLines {
				out.worldRise[i][j], out.worldWidth[i][j], _ = worldRise(&clean.Frames[i].World, ln[0], ln[1], geom.DefaultGate)
			}
		}
		for j, ln := range rollLines {
			out.rise[i][j], out.width[i][j], _ = geom.LineRise(&clean.Frames[i].Image, ln[0], ln[1], aspect, geom.DefaultGate)
		}
		geom.Compute(&g, &clean.Frames[i].Image, aspect, geom.DefaultGate)
		out.frame[i] = fromGeom(&g)
		facings = append(facings, g.Facing)
	}
	facing := geom.MajorityFacing(facings)
	out.majority = facing
	for i := range clean.Frames {
		if clean.Frames[i].Detected {
			geom.ComputeFacing(&g, &clean.Frames[i].Image, aspect, geom.DefaultGate, facing)
			out.fixed[i] = fromGeom(&g)
		}
	}
	return out, nil
}

// fromGeom lays geom's angles out as synth's.
func fromGeom(g *geom.Angles) synth.Angles {
	var a synth.Angles
	for s := 0; s < 2; s++ {
		o := synth.Angle(s)
		a[synth.LeftKneeFlexion+o] = g.KneeFlexion[s]
		a[synth.LeftHipFlexion+o] = g.HipFlexion[s]
		a[synth.LeftElbowFlexion+o] = g.ElbowFlexion[s]
		a[synth.LeftThighElevation+o] = g.ThighElevation[s]
		a[synth.LeftArmElevation+o] = g.ArmElevation[s]
		a[synth.LeftLegElevation+o] = g.LegElevation[s]
	}
	a[synth.TrunkFromVertical] = g.TrunkFromVertical
	a[synth.PelvicRoll] = g.PelvicRoll
	a[synth.ShoulderRoll] = g.ShoulderRoll
	return a
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// median returns the median of x (x is reordered), NaN for none.
func median(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	sort.Float64s(x)
	n := len(x)
	if n%2 == 0 {
		return (x[n/2-1] + x[n/2]) / 2
	}
	return x[n/2]
}

// spans returns the frame ranges [start, end) of the runs of tr's frames
// whose phase is one of phases.
func spans(tr *synth.Truth, phases ...string) [][2]int {
	in := func(k int) bool {
		for _, p := range phases {
			if tr.Frames[k].Phase == p {
				return true
			}
		}
		return false
	}
	var hs [][2]int
	for k := 0; k < len(tr.Frames); {
		if !in(k) {
			k++
			continue
		}
		e := k
		for e < len(tr.Frames) && in(e) {
			e++
		}
		hs = append(hs, [2]int{k, e})
		k = e
	}
	return hs
}

// flipDeg: a per-frame error above this is a sign flip of a signed angle
// (a wrong facing), not noise (our choice: noise at the high preset stays
// far below it apart from such flips).
const flipDeg = 90

// errs accumulates the errors of one angle in one scenario at one noise
// level, over bodies. Errors are absolute differences, degrees.
type errs struct {
	defined, measured  int     // frames the truth defines the angle in; of those, measured
	frameSum, frameMax float64 // measured - angles_2d, per frame
	flips              int     // frames with an error above flipDeg
	fixedSum           float64 // the same with the majority facing
	fixedN             int
	measure            []float64 // the measure (hold median, or its change from baseline) - the truth's, angles_2d
	measure3D          []float64 // the same against angles_3d
	holdAbs            []float64 // the hold median itself (relative scenarios only)
	holdsMissed        int       // holds (or baselines) with fewer than minHoldFrames measured frames
	gapSum             float64   // angles_2d - angles_3d per measured frame: the view's own error
	gapMeasure         []float64 // the same, of the measure
	worldMeasure3D     []float64 // relative measures from the world landmarks - the truth's, angles_3d
}

func (e *errs) frameMAE() float64 { return e.frameSum / float64(e.measured) }
func (e *errs) fixedMAE() float64 { return e.fixedSum / float64(e.fixedN) }
func (e *errs) coverage() float64 { return float64(e.measured) / float64(e.defined) }
func (e *errs) gapMAE() float64   { return e.gapSum / float64(e.measured) }

func mean(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

func maxOf(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = math.Max(m, v)
	}
	return m
}

// spanMedians returns the medians over the frames of span h where the
// measurement and both truths are finite: measured, angles_2d, angles_3d,
// and how many frames that was.
func spanMedians(got []synth.Angles, tr *synth.Truth, a synth.Angle, h [2]int) (m, t2, t3 float64, n int) {
	var ms, w2s, w3s []float64
	for k := h[0]; k < h[1]; k++ {
		g, w2, w3 := got[k][a], tr.Frames[k].Angles2D[a], tr.Frames[k].Angles3D[a]
		if finite(g) && finite(w2) && finite(w3) {
			ms, w2s, w3s = append(ms, g), append(w2s, w2), append(w3s, w3)
		}
	}
	return median(ms), median(w2s), median(w3s), len(ms)
}

// score adds the errors of one measured recording to es (one per angle of
// sc.all()).
func score(es []errs, sc *scenario, got measured, tr *synth.Truth) {
	for i, a := range sc.all() {
		e := &es[i]
		if sc.relative {
			scoreRoll(e, got, tr, a, sc.yaw())
			continue
		}
		for k := range tr.Frames {
			want := tr.Frames[k].Angles2D[a]
			if !finite(want) {
				continue
			}
			e.defined++
			if g := got.fixed[k][a]; finite(g) {
				e.fixedSum += math.Abs(g - want)
				e.fixedN++
			}
			e.frame(got.frame[k][a], want, tr.Frames[k].Angles3D[a])
		}
		for _, h := range spans(tr, synth.PhaseHold) {
			m, m2, m3, n := spanMedians(got.frame, tr, a, h)
			if n < minHoldFrames {
				e.holdsMissed++
				continue
			}
			e.measure = append(e.measure, math.Abs(m-m2))
			e.measure3D = append(e.measure3D, math.Abs(m-m3))
			e.gapMeasure = append(e.gapMeasure, math.Abs(m2-m3))
		}
	}
}

// frame scores one frame's measured value g against want (angles_2d, or
// its roll as scoreRoll takes it) and w3 (angles_3d); e.defined is
// counted by the caller.
func (e *errs) frame(g, want, w3 float64) {
	if !finite(g) {
		return
	}
	e.measured++
	d := math.Abs(g - want)
	e.frameSum += d
	e.frameMax = math.Max(e.frameMax, d)
	if d > flipDeg {
		e.flips++
	}
	e.gapSum += math.Abs(want - w3)
}

// rises holds, per frame, a roll line's rise and width measured, the same
// of the noise-free image (angles_2d's landmarks), and the 3D roll.
type rises struct {
	g, gw, t2, t2w, t3 []float64
}

// pick returns the values of r over the frames of spans hs where all of
// them are finite.
func (r *rises) pick(hs ...[2]int) (out rises) {
	for _, h := range hs {
		for k := h[0]; k < h[1]; k++ {
			if finite(r.g[k]) && finite(r.gw[k]) && finite(r.t2[k]) && finite(r.t2w[k]) && finite(r.t3[k]) {
				out.g, out.gw = append(out.g, r.g[k]), append(out.gw, r.gw[k])
				out.t2, out.t2w = append(out.t2, r.t2[k]), append(out.t2w, r.t2w[k])
				out.t3 = append(out.t3, r.t3[k])
			}
		}
	}
	return out
}

// rollOf returns a roll in degrees from a rise over a true width, as
// geom.RiseChange reads a change of rise: asin(rise / width).
func rollOf(rise, width float64) float64 {
	d, _ := geom.RiseChange(rise/width, 0)
	return d
}

// scoreRoll scores roll angle a as assess/birddog measures it (since
// commit da88058; docs/angles.md, "Roll from oblique views and roll
// changes"): the true width W of the line is the median of its image width
// over the still limbs-down frames (baseline and rests) over cos(yaw), and
// the change over each hold is geom.RiseChange((median rise over the hold
// - median rise over the quiet frames) / W). The same is done to the
// noise-free image landmarks (the truth of the main columns); the
// anatomical truth is the change of the 3D roll's medians, hold minus
// baseline (as docs/validation-birddog.md's truth). Per frame the roll
// scored is asin(rise / W), the measurement's with its own W, the truth's
// with the noise-free W. The world landmarks are scored the same way, with
// their horizontal width (already true), against the 3D truth.
func scoreRoll(e *errs, got measured, tr *synth.Truth, a synth.Angle, yaw float64) {
	ln := rollLine(a)
	n := len(tr.Frames)
	r := rises{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)}
	wr := rises{make([]float64, n), make([]float64, n), r.t2, r.t2w, r.t3}
	for k := range tr.Frames {
		r.g[k], r.gw[k] = got.rise[k][ln], got.width[k][ln]
		wr.g[k], wr.gw[k] = got.worldRise[k][ln], got.worldWidth[k][ln]
		// Gate 0: angles_2d ignores visibility.
		r.t2[k], r.t2w[k], _ = geom.LineRise(&tr.Frames[k].Clean, rollLines[ln][0], rollLines[ln][1], got.aspect, 0)
		r.t3[k] = tr.Frames[k].Angles3D[a]
	}
	c := math.Cos(yaw * math.Pi / 180)
	quiet := spans(tr, synth.PhaseBaseline, synth.PhaseRest)
	holds := spans(tr, synth.PhaseHold)
	q := r.pick(quiet...)
	w, w2 := median(q.gw)/c, median(q.t2w)/c
	for k := range tr.Frames {
		want := rollOf(r.t2[k], w2)
		if !finite(want) {
			continue
		}
		e.defined++
		g := rollOf(r.g[k], w)
		if finite(g) {
			// Roll does not depend on the facing.
			e.fixedSum += math.Abs(g - want)
			e.fixedN++
		}
		e.frame(g, want, r.t3[k])
	}
	if len(q.g) < minHoldFrames {
		e.holdsMissed += len(holds)
	} else {
		b, b2, b3 := median(q.g), median(q.t2), median(q.t3)
		for _, h := range holds {
			hr := r.pick(h)
			if len(hr.g) < minHoldFrames {
				e.holdsMissed++
				continue
			}
			m, m2, m3 := median(hr.g), median(hr.t2), median(hr.t3)
			d, _ := geom.RiseChange((m-b)/w, 0)
			d2, _ := geom.RiseChange((m2-b2)/w2, 0)
			d3 := m3 - b3
			e.holdAbs = append(e.holdAbs, math.Abs(rollOf(m, w)-rollOf(m2, w2)))
			e.measure = append(e.measure, math.Abs(d-d2))
			e.measure3D = append(e.measure3D, math.Abs(d-d3))
			e.gapMeasure = append(e.gapMeasure, math.Abs(d2-d3))
		}
	}
	// World landmarks: their width is already the true one.
	qw := wr.pick(quiet...)
	if len(qw.g) < minHoldFrames {
		return
	}
	b, b3, ww := median(qw.g), median(qw.t3), median(qw.gw)
	for _, h := range holds {
		hr := wr.pick(h)
		if len(hr.g) < minHoldFrames {
			continue
		}
		d, _ := geom.RiseChange((median(hr.g)-b)/ww, 0)
		e.worldMeasure3D = append(e.worldMeasure3D, math.Abs(d-(median(hr.t3)-b3)))
	}
}

// battery is the result of the whole table: errs[scenario][noise][angle].
type battery struct {
	sc     []scenario
	bodies []namedBody
	errs   [][][]errs
	short  bool // the high preset was left out (-short)
}

var (
	batteryOnce   sync.Once
	batteryResult *battery
	batteryErr    error
)

// runBattery generates, measures and scores every scenario x noise x body,
// on every core, once per test binary. short leaves out the high preset,
// which is only reported: every asserted cell is the same as without it.
func runBattery(short bool) (*battery, error) {
	batteryOnce.Do(func() {
		b := &battery{sc: scenarios(), bodies: bodies(), short: short}
		type job struct{ s, n, b int }
		var jobs []job
		b.errs = make([][][]errs, len(b.sc))
		for s := range b.sc {
			b.errs[s] = make([][]errs, len(noises))
			for n := range noises {
				b.errs[s][n] = make([]errs, len(b.sc[s].all()))
				if short && noises[n].Name == "high" {
					continue
				}
				for bi := range b.bodies {
					jobs = append(jobs, job{s, n, bi})
				}
			}
		}
		type result struct {
			got measured
			tr  *synth.Truth
			err error
		}
		results := make([]result, len(jobs))
		// Each job keeps its own error, reported below in job order: the
		// group's goroutines never fail.
		var g errgroup.Group
		g.SetLimit(runtime.GOMAXPROCS(0))
		for j, jb := range jobs {
			g.Go(func() error {
				sc := &b.sc[jb.s]
				// One seed per recording, so every cell is reproducible alone.
				rng := rand.New(rand.NewPCG(uint64(1000*jb.s+jb.b)+1_000_000**seedFlag, uint64(jb.n)))
				cam := synth.CameraFor(sc.view)
				if err := synth.Check(sc.m, b.bodies[jb.b].b, cam, noises[jb.n], fps); err != nil {
					results[j].err = err
					return nil
				}
				rec, tr := synth.Generate(sc.m, b.bodies[jb.b].b, cam, noises[jb.n], fps, rng)
				got, err := measure(rec)
				results[j] = result{got, tr, err}
				return nil
			})
		}
		g.Wait()
		for j, jb := range jobs {
			r := results[j]
			if r.err != nil {
				batteryErr = fmt.Errorf("%s from %s, %s noise, %s: %w", b.sc[jb.s].motion, b.sc[jb.s].view,
					noises[jb.n].Name, b.bodies[jb.b].name, r.err)
				return
			}
			score(b.errs[jb.s][jb.n], &b.sc[jb.s], r.got, r.tr)
		}
		batteryResult = b
	})
	return batteryResult, batteryErr
}

// TestAccuracy is issue 2's accuracy table: every angle the later issues
// use, in every view that shows it, over six bodies and four noise levels
// (-short leaves out the high preset, which is only reported), measured by
// the analysis's path against the synthetic truth as a perfect camera sees
// it (angles_2d; for rolls, the change of the rise over the line's true
// width, as the bird-dog screen takes it: scoreRoll). It asserts the noise-free 0.5 deg, the 3 deg per-frame MAE
// at the low preset and the 3 deg MAE of the hold measure at the
// mediapipe preset, and logs the table of docs/validation.md.
func TestAccuracy(t *testing.T) {
	b, err := runBattery(testing.Short())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, nb := range b.bodies {
		names = append(names, nb.name)
	}
	t.Logf("noise seed offset %d; bodies: %s; %d fps; errors against angles_2d (the noise-free image), degrees; * = reported only (no assessment reads it in that view)",
		*seedFlag, strings.Join(names, ", "), fps)
	t.Logf("| motion | view | angle | none: max | low: frame MAE | mediapipe: frame MAE (max) | mediapipe: flips | mediapipe: frame MAE, majority facing | mediapipe: measure MAE (max, n) | high: frame / measure MAE | view gap 2D-3D frame / measure | mediapipe: measure MAE vs 3D | mediapipe: world landmarks, measure MAE vs 3D (n) |")
	t.Logf("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	for s := range b.sc {
		sc := &b.sc[s]
		for i, a := range sc.all() {
			none, low, mp, high := &b.errs[s][0][i], &b.errs[s][1][i], &b.errs[s][2][i], &b.errs[s][3][i]
			name := a.String()
			if i >= len(sc.angles) {
				name += " *"
			}
			world, hi := "-", "- / -"
			if !b.short {
				hi = fmt.Sprintf("%.2f / %.2f", high.frameMAE(), mean(high.measure))
			}
			if sc.relative {
				name += fmt.Sprintf(" (change from baseline, yaw %g; hold median itself %.2f)", sc.yaw(), mean(mp.holdAbs))
				world = fmt.Sprintf("%.2f (%d)", mean(mp.worldMeasure3D), len(mp.worldMeasure3D))
			}
			t.Logf("| %s | %s | %s | %.2f | %.2f | %.2f (%.1f) | %.1f %% | %.2f | %.2f (%.2f, %d) | %s | %.2f / %.2f | %.2f | %s |",
				sc.motion, sc.view, name, none.frameMax, low.frameMAE(), mp.frameMAE(), mp.frameMax,
				100*float64(mp.flips)/float64(mp.measured), mp.fixedMAE(),
				mean(mp.measure), maxOf(mp.measure), len(mp.measure), hi,
				none.gapMAE(), mean(none.gapMeasure), mean(mp.measure3D), world)
		}
	}
	for s := range b.sc {
		sc := &b.sc[s]
		for n, noise := range noises {
			if b.short && noise.Name == "high" {
				continue // not run
			}
			for i, a := range sc.all() {
				e := &b.errs[s][n][i]
				name := fmt.Sprintf("%s/%s/%s/%s", sc.motion, sc.view, noise.Name, a)
				if e.defined == 0 {
					t.Errorf("%s: the truth never defines the angle; the scenario is wrong", name)
					continue
				}
				if i >= len(sc.angles) && noise.Name != "none" {
					continue // reported only
				}
				if noise.Name != "high" && e.coverage() < minCoverage {
					t.Errorf("%s: measured in %d of %d frames (%.0f %%), want at least %.0f %%",
						name, e.measured, e.defined, 100*e.coverage(), 100*minCoverage)
					continue
				}
				switch noise.Name {
				case "none":
					if e.frameMax > tolNoiseFreeDeg {
						t.Errorf("%s: noise-free error up to %.3f deg, want at most %g", name, e.frameMax, tolNoiseFreeDeg)
					}
				case "low":
					if got := e.frameMAE(); got > tolTargetDeg {
						t.Errorf("%s: per-frame MAE %.2f deg, want at most %g", name, got, tolTargetDeg)
					}
				case "mediapipe":
					if len(e.measure) == 0 || e.holdsMissed > len(e.measure) {
						t.Errorf("%s: %d holds measured, %d missed; want most measured", name, len(e.measure), e.holdsMissed)
					} else if got := mean(e.measure); got > tolTargetDeg {
						t.Errorf("%s: hold measure MAE %.2f deg, want at most %g (per-frame MAE %.2f)", name, got, tolTargetDeg, e.frameMAE())
					}
				}
			}
		}
	}
}

// TestSamePathRises: the rises and widths the rolls are scored from
// (scoreRoll) are the legs of the rolls the path measures, in the image
// (geom.Compute), in the world landmarks (geom.Compute3D) and in the
// noise-free image (angles_2d): atan2(rise, width) equals the roll in
// every frame, and one is measured exactly when the other is. So the roll
// scoring sees the same frames and signs as the angle table.
func TestSamePathRises(t *testing.T) {
	m := synth.BirdDog(synth.BirdDogParams{Arms: []sw.Side{sw.SideLeft, sw.SideRight}, SwayDeg: sway, SwaySeed: 15,
		Faults: []synth.FaultSpec{{Name: synth.FaultPelvicRoll, Value: 8, Side: sw.SideLeft}}})
	for _, v := range []sw.View{sw.ViewRear, sw.ViewRearLeft, sw.ViewFrontRight} {
		rec, tr := generate(t, m, synth.AverageBody(), synth.CameraFor(v), synth.NoiseMediaPipe)
		got := mustMeasure(t, rec)
		var n, nw int
		for k := range tr.Frames {
			for _, a := range []synth.Angle{synth.PelvicRoll, synth.ShoulderRoll} {
				ln := rollLine(a)
				name := fmt.Sprintf("%s, frame %d, %s", v, k, a)
				check := func(what string, rise, width, roll float64) bool {
					if finite(rise) != finite(roll) || finite(width) != finite(roll) {
						t.Errorf("%s, %s: rise %v width %v, roll %v: measured in one but not the other", name, what, rise, width, roll)
						return false
					}
					if !finite(roll) {
						return false
					}
					if d := math.Atan2(rise, width)*180/math.Pi - roll; math.Abs(d) > tolExactDeg {
						t.Errorf("%s, %s: atan2(rise, width) - roll = %g deg", name, what, d)
					}
					return true
				}
				if check("image", got.rise[k][ln], got.width[k][ln], got.frame[k][a]) {
					n++
				}
				if check("world", got.worldRise[k][ln], got.worldWidth[k][ln], got.world[k][a]) {
					nw++
				}
				r2, w2, _ := geom.LineRise(&tr.Frames[k].Clean, rollLines[ln][0], rollLines[ln][1], got.aspect, 0)
				check("noise-free", r2, w2, tr.Frames[k].Angles2D[a])
			}
		}
		if n < len(tr.Frames) || nw < len(tr.Frames) {
			t.Errorf("%s: %d image and %d world rolls measured over %d frames x 2 lines; want most", v, n, nw, len(tr.Frames))
		}
	}
}
