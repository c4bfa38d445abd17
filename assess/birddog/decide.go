package birddog

import (
	"fmt"
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess"
)

// viewInfo says what the camera view can show.
type viewInfo struct {
	view stretchwise.View
	// roll: the hip and shoulder lines are visible enough to measure roll.
	roll    bool
	rollWhy string
	// rollCos is the foreshortening factor of the hip line (cosine of its
	// angle to the image plane) used to correct roll; rollRel is the
	// relative uncertainty of a roll change that the correction leaves.
	rollCos, rollRel float64
	// camRel is the relative systematic uncertainty of a roll change from
	// the camera's height (Config.CameraRel, or more for a camera found
	// high above the body: Assess).
	camRel float64
	// rollGate is the visibility gate of the hips and shoulders for roll.
	rollGate float64
	// limbs: arm and leg elevation can be measured in the image; limbs3D:
	// they were measured from the world landmarks instead.
	limbs, limbs3D bool
	limbsWhy       string
	// worldLimbs: measure limbs from world landmarks when the image cannot
	// (Config.WorldLimbs); limbSys is the systematic uncertainty of an
	// image-plane limb elevation in this view, degrees.
	worldLimbs bool
	limbSys    float64
	// trunk: trunk sag can be measured (side views only).
	trunk bool
}

// band is a verdict band of a roll value.
func band(v float64, cfg Config) string {
	switch {
	case v > cfg.UnstableAboveDeg:
		return stretchwise.VerdictUnstable
	case v >= cfg.StableBelowDeg:
		return stretchwise.VerdictCaution
	}
	return stretchwise.VerdictStable
}

// verdicts are the bird dog's verdicts from best to worst (assess.Worse).
var verdicts = []string{stretchwise.VerdictStable, stretchwise.VerdictCaution, stretchwise.VerdictUnstable}

// judge places a roll value with its uncertainty in a band. It returns the
// band, or inconclusive when the uncertainty is too wide, and a note when
// the interval straddles a threshold.
func judge(what string, st stat, cfg Config) (verdict, note string) {
	if !st.ok {
		return stretchwise.VerdictInconclusive, fmt.Sprintf("%s could not be measured: %s", what, st.why)
	}
	u := st.sd()
	lo, hi := st.v-cfg.Coverage*u, st.v+cfg.Coverage*u
	if u > cfg.MaxUncertaintyDeg || (lo < cfg.StableBelowDeg && hi > cfg.UnstableAboveDeg) {
		return stretchwise.VerdictInconclusive, fmt.Sprintf("%s could not be measured closely enough to tell whether your back stayed steady: it measured about %.0f deg, but it could be anywhere from %.0f to %.0f deg (below %g deg is steady, above %g deg is not); film again with the camera straight behind you, in good light, with all of you in the picture",
			what, st.v, math.Max(lo, 0), hi, cfg.StableBelowDeg, cfg.UnstableAboveDeg)
	}
	v := band(st.v, cfg)
	for _, thr := range []float64{cfg.StableBelowDeg, cfg.UnstableAboveDeg} {
		if lo < thr && thr < hi {
			note = fmt.Sprintf("%s was about %.0f deg, close to the %g deg limit (it could be anywhere from %.0f to %.0f deg): this reads as %s, but it could be %s",
				what, st.v, thr, math.Max(lo, 0), hi, v, otherBand(st.v, thr, cfg))
			break
		}
	}
	return v, note
}

// otherBand names the band on the other side of thr from v.
func otherBand(v, thr float64, cfg Config) string {
	if v < thr {
		return band(thr+0.01, cfg)
	}
	return band(thr-0.01, cfg)
}

// sideVerdict decides one side from its aggregated measures: the worse of
// the pelvic and the shoulder roll bands. Pelvic roll is required: without
// it no side is called stable.
func sideVerdict(sr sideResult, vi viewInfo, cfg Config) stretchwise.SideVerdict {
	name := string(sr.side) + " leg reach"
	out := stretchwise.SideVerdict{Side: sr.side}
	if len(sr.reps) == 0 {
		out.Verdict = stretchwise.VerdictInconclusive
		out.Reasons = []string{fmt.Sprintf("no %s was found", name)}
		return out
	}
	if !vi.roll {
		out.Verdict = stretchwise.VerdictInconclusive
		out.Reasons = []string{vi.rollWhy}
		return out
	}
	pv, pnote := judge("the sideways tip of your hips", sr.pelvis, cfg)
	sv, snote := judge("the sideways tip of your shoulders", sr.shoulder, cfg)
	if pv == stretchwise.VerdictInconclusive {
		out.Verdict = stretchwise.VerdictInconclusive
		out.Reasons = []string{pnote}
		return out
	}
	out.Verdict = assess.Worse(pv, sv, verdicts)
	for _, n := range []string{pnote, snote} {
		if n != "" {
			out.Reasons = append(out.Reasons, n)
		}
	}
	return out
}

// overall combines the side verdicts. Both sides must be judged for
// "stable"; a caution or unstable side stands on its own, with a reason
// naming the side that could not be judged.
func overall(sides []stretchwise.SideVerdict) (string, []string) {
	worst := stretchwise.VerdictInconclusive
	var missing []string
	for _, sv := range sides {
		if sv.Verdict == stretchwise.VerdictInconclusive {
			for _, r := range sv.Reasons {
				missing = append(missing, fmt.Sprintf("%s side: %s", sv.Side, r))
			}
			continue
		}
		worst = assess.Worse(worst, sv.Verdict, verdicts)
	}
	if len(missing) == 0 {
		return worst, nil
	}
	if worst == stretchwise.VerdictCaution || worst == stretchwise.VerdictUnstable {
		return worst, missing
	}
	if worst == stretchwise.VerdictStable {
		missing = append(missing, "the other side was stable, but both sides must be judged to call the screen stable")
	}
	return stretchwise.VerdictInconclusive, missing
}
