package analysis

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/posture"
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
// those whose posture could be recognised at the gate (a shoulder, a hip and
// a knee visible, after cleaning).
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
// <name>_median_deg, <name>_min_deg and <name>_max_deg. The uncertainty of
// each is the median per-frame standard uncertainty (geom.Uncertainty,
// landmark noise and view obliquity), a conservative figure for the median,
// which filtering and averaging make steadier than one frame.
func summarize(clean *stretchwise.Recording, labels []posture.Label, angles []geom.Angles, view stretchwise.View, opt Options) ([]stretchwise.Measure, []string) {
	set, note := summaryAngles(view)
	if set == nil {
		return nil, []string{note}
	}
	aspect := clean.Header.Aspect()
	// Per-frame uncertainties, only for usable frames with an angle of set.
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
			geom.Uncertainty(&unc[i], &clean.Frames[i].Image, aspect, opt.Gate, opt.Noise)
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
		sd := median(sds)
		lo, hi := slices.Min(vals), slices.Max(vals)
		out = append(out,
			stretchwise.Measure{Name: s.name + "_median_deg", Side: s.side, Value: median(vals), Unit: "deg", Uncertainty: sd},
			stretchwise.Measure{Name: s.name + "_min_deg", Side: s.side, Value: lo, Unit: "deg", Uncertainty: sd},
			stretchwise.Measure{Name: s.name + "_max_deg", Side: s.side, Value: hi, Unit: "deg", Uncertainty: sd},
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

// median returns the median of x (reordering x), NaN when x is empty.
func median(x []float64) float64 {
	n := len(x)
	if n == 0 {
		return math.NaN()
	}
	slices.Sort(x)
	if n%2 == 1 {
		return x[n/2]
	}
	return (x[n/2-1] + x[n/2]) / 2
}
