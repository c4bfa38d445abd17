package birddog

import (
	"fmt"
	"math"

	"github.com/stretchwise/stretchwise"
)

// cameraAdvice says which camera view would give a better answer.
func cameraAdvice(vi viewInfo) string {
	switch vi.view {
	case stretchwise.ViewLeft, stretchwise.ViewRight:
		return "A camera at your side cannot see your hips tip sideways. Film from behind you (or behind at an angle) with both hips and both feet in the picture to check your hips; keep the side view for how high your arm and leg go."
	case stretchwise.ViewRear:
		if !vi.limbs {
			return "Filming from straight behind is the best view for hip roll. How high your arm and leg go is better seen from the side: a second recording from the side would check that."
		}
		return "Filming from straight behind is the best view for hip roll."
	case stretchwise.ViewRearLeft, stretchwise.ViewRearRight, stretchwise.ViewFrontLeft, stretchwise.ViewFrontRight:
		return "Move the camera to straight behind you, with both hips and both feet in the picture: from an angle your far hip is hidden and the hip roll is measured only about half as exactly."
	case stretchwise.ViewFront:
		return "From the front the shoulders are clear but the hips are partly hidden; from straight behind the hip roll would be measured most exactly."
	}
	return "The camera view was not known. Film from straight behind with both hips and both feet in the picture, and say so when you record."
}

// adviceInconclusive is the take-away when no verdict was possible.
func adviceInconclusive(vi viewInfo) []string {
	return []string{
		"This recording could not tell whether your low back stays steady; the reasons in this report say why.",
		"To do the screen: start on hands and knees and stay still for a second, then reach one arm forward and the opposite leg back to about horizontal, hold 5 to 10 s, come back, and repeat on the other side.",
		cameraAdvice(vi),
	}
}

// advice is the plain-words take-away of a report.
func advice(rep stretchwise.Report, sides [2]sideResult, vi viewInfo, cfg Config) []string {
	var out []string
	worstSide := -1
	for k := range sides {
		if sides[k].pelvis.ok && (worstSide < 0 || math.Max(sides[k].pelvis.v, sides[k].shoulder.v) > math.Max(sides[worstSide].pelvis.v, sides[worstSide].shoulder.v)) {
			worstSide = k
		}
	}
	switch rep.Verdict {
	case stretchwise.VerdictStable:
		out = append(out, fmt.Sprintf("Your hips and shoulders stayed level while you reached on each side (within %.0f deg): your low back held steady. Keep the bird dog as it is.",
			math.Max(math.Max(sides[0].pelvis.v, sides[1].pelvis.v), math.Max(sides[0].shoulder.v, sides[1].shoulder.v))))
	case stretchwise.VerdictCaution, stretchwise.VerdictUnstable:
		w := sides[worstSide]
		part, v := "hips", w.pelvis.v
		if w.shoulder.ok && w.shoulder.v > v {
			part, v = "shoulders", w.shoulder.v
		}
		out = append(out, fmt.Sprintf("When you reached with your %s leg your %s tipped about %.0f deg.", w.side, part, v))
		if rep.Verdict == stretchwise.VerdictUnstable {
			out = append(out, "That is more than the 10 deg that marks a low back that moves too easily. Make the exercise easier until the hips stay level: lift only the leg, or slide the foot back along the floor, and add the arm later. Tighten your belly lightly before you lift.")
		} else {
			out = append(out, "That is a little more movement than a steady reach. Slow down, reach only as far as you can keep a bar across your hips level, and tighten your belly lightly before you lift.")
		}
		out = append(out, "This is a screen, not a diagnosis: it says how your back moved in this recording.")
	default:
		out = append(out, "This recording could not give a full answer; the reasons in this report say why.")
	}
	high, short := false, false
	for _, f := range rep.Findings {
		switch f.Code {
		case "limb_too_high":
			high = true
		case "short_hold":
			short = true
		}
	}
	if high {
		out = append(out, "Raise the arm and leg only to about horizontal: higher than that makes the hip roll or the back arch.")
	}
	if short {
		out = append(out, fmt.Sprintf("Hold each reach %g to %g s.", cfg.HoldMinS, cfg.HoldMaxS))
	}
	out = append(out, cameraAdvice(vi))
	return out
}
