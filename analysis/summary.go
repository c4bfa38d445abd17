package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/posture"
	"github.com/stretchwise/stretchwise/stats"
)

// MinSummaryFrames is the fewest usable frames an angle needs to be
// summarised. Our choice, because fifteen frames (half a second at 30 fps)
// are enough for a median to stand above single-frame noise.
const MinSummaryFrames = 15

// qualityLandmarks are the landmarks whose visibility Quality averages: the
// trunk and limb joints every assessment measures from.
var qualityLandmarks = [...]int{
	stretchwise.LeftShoulder, stretchwise.RightShoulder, stretchwise.LeftElbow, stretchwise.RightElbow,
	stretchwise.LeftWrist, stretchwise.RightWrist, stretchwise.LeftHip, stretchwise.RightHip,
	stretchwise.LeftKnee, stretchwise.RightKnee, stretchwise.LeftAnkle, stretchwise.RightAnkle,
}

// quality summarises the frames of the raw recording; usable frames are
// those whose posture could be recognised (after cleaning: a shoulder and a
// hip at the gate, a knee placed by the detector, see package posture).
func quality(rec *stretchwise.Recording, labels []posture.Label, gate float64) stretchwise.Quality {
	q := stretchwise.Quality{Frames: len(rec.Frames), DurationS: rec.Duration()}
	var vis float64
	for i := range rec.Frames {
		f := &rec.Frames[i]
		if !f.Detected {
			continue
		}
		q.Detected++
		for _, k := range qualityLandmarks {
			vis += f.Image[k].Visibility
		}
	}
	for i := range labels {
		if labels[i].Raw != stretchwise.PostureUnknown {
			q.Usable++
		}
	}
	if q.Detected > 0 {
		q.MeanVisibility = vis / float64(q.Detected*len(qualityLandmarks))
	}
	if q.DurationS > 0 {
		q.MeanFPS = float64(q.Frames-1) / q.DurationS
	}
	return q
}

// summaryAngle is one angle of the summary.
type summaryAngle struct {
	name string // measure name stem, e.g. "knee_flexion"
	side stretchwise.Side
	bit  uint32
	get  func(a *geom.Angles) *float64
}

// sagittalAngles are the angles a side view contains (docs/angles.md).
var sagittalAngles = []summaryAngle{
	{"knee_flexion", stretchwise.SideLeft, geom.ValidKneeLeft, func(a *geom.Angles) *float64 { return &a.KneeFlexion[geom.Left] }},
	{"knee_flexion", stretchwise.SideRight, geom.ValidKneeRight, func(a *geom.Angles) *float64 { return &a.KneeFlexion[geom.Right] }},
	{"hip_flexion", stretchwise.SideLeft, geom.ValidHipLeft, func(a *geom.Angles) *float64 { return &a.HipFlexion[geom.Left] }},
	{"hip_flexion", stretchwise.SideRight, geom.ValidHipRight, func(a *geom.Angles) *float64 { return &a.HipFlexion[geom.Right] }},
	{"thigh_elevation", stretchwise.SideLeft, geom.ValidThighLeft, func(a *geom.Angles) *float64 { return &a.ThighElevation[geom.Left] }},
	{"thigh_elevation", stretchwise.SideRight, geom.ValidThighRight, func(a *geom.Angles) *float64 { return &a.ThighElevation[geom.Right] }},
	{"trunk_from_vertical", stretchwise.SideNone, geom.ValidTrunk, func(a *geom.Angles) *float64 { return &a.TrunkFromVertical }},
}

// frontalAngles are the angles a front, rear or oblique view contains.
var frontalAngles = []summaryAngle{
	{"pelvic_roll", stretchwise.SideNone, geom.ValidPelvicRoll, func(a *geom.Angles) *float64 { return &a.PelvicRoll }},
	{"shoulder_roll", stretchwise.SideNone, geom.ValidShoulderRoll, func(a *geom.Angles) *float64 { return &a.ShoulderRoll }},
}

// summaryAngles returns the angles view contains and a note on what it
// leaves out.
func summaryAngles(view stretchwise.View) ([]summaryAngle, string) {
	switch view {
	case stretchwise.ViewLeft, stretchwise.ViewRight:
		return sagittalAngles, "angle summary from a side view: knee, hip, thigh and trunk angles (pelvic and shoulder roll need a front, rear or oblique view)"
	case stretchwise.ViewFront, stretchwise.ViewRear:
		return frontalAngles, "angle summary from a " + string(view) + " view: pelvic and shoulder roll (knee, hip, thigh and trunk angles need a side view)"
	case stretchwise.ViewFrontLeft, stretchwise.ViewFrontRight, stretchwise.ViewRearLeft, stretchwise.ViewRearRight:
		return frontalAngles, "angle summary from an oblique view: pelvic and shoulder roll only (knee, hip, thigh and trunk angles need a side view)"
	}
	return nil, "no angle summary: the camera view is unknown"
}

// summarize returns, for each angle the view contains with at least
// MinSummaryFrames usable frames, three measures over those frames:
// <name>_median_deg, <name>_p05_deg and <name>_p95_deg, the median and the
// 5 % and 95 % quantiles (the range without its most extreme frames, which
// a single misplaced landmark makes meaningless). The uncertainty of
// each is the median per-frame standard uncertainty (geom.Uncertainty,
// landmark noise and view obliquity), a conservative figure for the median,
// which filtering and averaging make steadier than one frame.
//
// When the view the analysis uses (given by the header or the user) and the
// view recognised from the landmarks contain different angles, nothing is
// summarised: an angle the camera may not see is not reported.
func summarize(clean *stretchwise.Recording, labels []posture.Label, angles []geom.Angles, view, inferred stretchwise.View, opt Options) ([]stretchwise.Measure, []string) {
	set, note := summaryAngles(view)
	if set == nil {
		return nil, []string{note}
	}
	if other, _ := summaryAngles(inferred); inferred != stretchwise.ViewUnknown && len(other) > 0 && &other[0] != &set[0] {
		return nil, []string{fmt.Sprintf("no angles are listed: the camera position chosen (%s) and the one the recording shows (%s) do not see the same angles of your body", viewWords(view), viewWords(inferred))}
	}
	aspect := clean.Header.Aspect()
	// Per-frame uncertainties, only for usable frames with an angle of set,
	// and only of the angles of set (the others are not read).
	var want uint32
	for _, s := range set {
		want |= s.bit
	}
	unc := make([]geom.Angles, len(angles))
	has := make([]bool, len(angles))
	for i := range angles {
		if labels[i].Raw == stretchwise.PostureUnknown || !clean.Frames[i].Detected {
			continue
		}
		for _, s := range set {
			if angles[i].Has(s.bit) {
				has[i] = true
				break
			}
		}
		if has[i] {
			geom.UncertaintyOf(&unc[i], &clean.Frames[i].Image, aspect, opt.Gate, opt.Noise, want)
		}
	}
	var out []stretchwise.Measure
	var vals, sds []float64
	var skipped []string
	for _, s := range set {
		vals, sds = vals[:0], sds[:0]
		for i := range angles {
			if has[i] && angles[i].Has(s.bit) {
				vals = append(vals, *s.get(&angles[i]))
				sds = append(sds, *s.get(&unc[i]))
			}
		}
		if len(vals) < MinSummaryFrames {
			skipped = append(skipped, label(s))
			continue
		}
		sd := stats.Median(sds)
		slices.Sort(vals)
		out = append(out,
			stretchwise.Measure{Name: s.name + "_median_deg", Side: s.side, Value: stats.QuantileSorted(vals, 0.5), Unit: "deg", Uncertainty: sd},
			stretchwise.Measure{Name: s.name + "_p05_deg", Side: s.side, Value: stats.QuantileSorted(vals, 0.05), Unit: "deg", Uncertainty: sd},
			stretchwise.Measure{Name: s.name + "_p95_deg", Side: s.side, Value: stats.QuantileSorted(vals, 0.95), Unit: "deg", Uncertainty: sd},
		)
	}
	notes := []string{note}
	if len(skipped) > 0 {
		notes = append(notes, fmt.Sprintf("not summarised, fewer than %d usable frames: %s", MinSummaryFrames, strings.Join(skipped, ", ")))
	}
	return out, notes
}

// label names an angle and its side in words.
func label(s summaryAngle) string {
	w := map[string]string{"knee_flexion": "knee flexion", "hip_flexion": "hip flexion", "thigh_elevation": "thigh elevation",
		"trunk_from_vertical": "trunk from vertical", "pelvic_roll": "pelvic roll", "shoulder_roll": "shoulder roll"}[s.name]
	if s.side != stretchwise.SideNone {
		w += " (" + string(s.side) + ")"
	}
	return w
}
