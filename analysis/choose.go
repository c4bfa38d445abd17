package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess"
	"github.com/stretchwise/stretchwise/library"
	"github.com/stretchwise/stretchwise/posture"
	"github.com/stretchwise/stretchwise/stats"
)

// dispatch runs the assessment registered for ex (package assess) on in;
// screenings are the library's, for the reason when there is none.
func dispatch(ex stretchwise.Exercise, in *assess.Input, screenings []library.Screening) stretchwise.Report {
	if a, ok := assess.Lookup(ex); ok {
		return a.Assess(in)
	}
	if ex == stretchwise.ExerciseUnknown {
		var words []string
		for _, p := range exercisePositions(screenings) {
			words = append(words, postureWords[p])
		}
		return assess.Inconclusive(ex, in.View, fmt.Sprintf("no exercise to assess: none was chosen and the recording shows no exercise position (%s)", orList(words)))
	}
	return assess.Inconclusive(ex, in.View, fmt.Sprintf("stretchwise has no assessment for the exercise %q", ex))
}

// orList joins words as "a, b, or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + ", or " + words[len(words)-1]
}

// positionOrder is the order in which the analysis considers the exercise
// positions, so ties are broken the same way every time.
var positionOrder = []stretchwise.Posture{stretchwise.PostureQuadruped, stretchwise.PostureHalfKneeling, stretchwise.PostureSupine, stretchwise.PostureStanding}

// exercisePositions returns the positions the screenings are done in, in
// positionOrder.
func exercisePositions(screenings []library.Screening) []stretchwise.Posture {
	var out []stretchwise.Posture
	for _, p := range positionOrder {
		if slices.ContainsFunc(screenings, func(sc library.Screening) bool { return sc.Posture == p }) {
			out = append(out, p)
		}
	}
	return out
}

// exercisePosture returns the position ex is done in.
func exercisePosture(ex stretchwise.Exercise, screenings []library.Screening) (stretchwise.Posture, bool) {
	for _, sc := range screenings {
		if sc.ID == string(ex) {
			return sc.Posture, true
		}
	}
	return stretchwise.PostureUnknown, false
}

// MinExerciseS is the least time, in seconds, a recording must spend in an
// exercise position for the analysis to infer that exercise. Our choice,
// because a second is shorter than any assessed hold (docs/clinical.md: holds of
// 5-10 s) yet longer than a misrecognised transition.
const MinExerciseS = 1.0

// postureWords describes a posture for a reason.
var postureWords = map[stretchwise.Posture]string{
	stretchwise.PostureQuadruped:    "on hands and knees",
	stretchwise.PostureHalfKneeling: "half-kneeling",
	stretchwise.PostureSupine:       "lying on your back",
	stretchwise.PostureStanding:     "standing",
	stretchwise.PostureOther:        "in no recognised position",
	stretchwise.PostureUnknown:      "not visible enough to recognise",
}

// postureTimes returns the time spent in each posture: each frame counts
// until the next one (the last frame counts the median frame interval).
func postureTimes(labels []posture.Label, frames []stretchwise.Frame) map[stretchwise.Posture]float64 {
	times := map[stretchwise.Posture]float64{}
	dt := medianInterval(frames)
	for i := range labels {
		d := dt
		if i+1 < len(frames) {
			d = frames[i+1].T - frames[i].T
		}
		times[labels[i].Posture] += d
	}
	return times
}

// medianInterval returns the median time between frames, 0 for one frame.
func medianInterval(frames []stretchwise.Frame) float64 {
	if len(frames) < 2 {
		return 0
	}
	d := make([]float64, len(frames)-1)
	for i := range d {
		d[i] = frames[i+1].T - frames[i].T
	}
	return stats.Median(d)
}

// inferExercise returns the exercise whose position the recording spends
// most time in (at least MinExerciseS), the posture and the time, or
// ExerciseUnknown with the posture the person was most in.
func inferExercise(labels []posture.Label, frames []stretchwise.Frame, screenings []library.Screening) (stretchwise.Exercise, stretchwise.Posture, float64) {
	times := postureTimes(labels, frames)
	best, bestT := stretchwise.ExerciseUnknown, 0.0
	bestP := stretchwise.PostureUnknown
	for _, p := range positionOrder {
		for _, sc := range screenings {
			if t := times[p]; sc.Posture == p && t >= MinExerciseS && t > bestT {
				best, bestP, bestT = stretchwise.Exercise(sc.ID), p, t
			}
		}
	}
	if best != stretchwise.ExerciseUnknown {
		return best, bestP, bestT
	}
	for _, p := range []stretchwise.Posture{stretchwise.PostureStanding, stretchwise.PostureOther, stretchwise.PostureUnknown} {
		if t := times[p]; t > bestT {
			bestP, bestT = p, t
		}
	}
	return stretchwise.ExerciseUnknown, bestP, bestT
}

// chooseExercise decides the exercise: the override, else the header's,
// else the one inferred from the postures. The notes say how it was chosen
// and where the header and the landmarks disagree.
func chooseExercise(header, override stretchwise.Exercise, labels []posture.Label, frames []stretchwise.Frame, screenings []library.Screening) (stretchwise.Exercise, []string) {
	inferred, p, t := inferExercise(labels, frames, screenings)
	given, source := override, "the --exercise option"
	if given == "" || given == stretchwise.ExerciseUnknown {
		given, source = header, "the exercise chosen"
	}
	if given == "" || given == stretchwise.ExerciseUnknown {
		if inferred == stretchwise.ExerciseUnknown {
			return inferred, nil // dispatch explains
		}
		return inferred, []string{fmt.Sprintf("exercise recognised from the recording: you seem to be %s for %s (%.1f s)", postureWords[p], exerciseName(inferred, screenings), t)}
	}
	var notes []string
	if want, known := exercisePosture(given, screenings); known && inferred != given {
		if inferred == stretchwise.ExerciseUnknown {
			notes = append(notes, fmt.Sprintf("%s is %s, but you were never %s for %.0f s or more (mostly %s)", source, exerciseName(given, screenings), postureWords[want], MinExerciseS, postureWords[p]))
		} else {
			notes = append(notes, fmt.Sprintf("%s is %s, but you seem to be %s for %s (%.1f s)", source, exerciseName(given, screenings), postureWords[p], exerciseName(inferred, screenings), t))
		}
	}
	return given, notes
}

// viewWords describes a view for a reason.
func viewWords(v stretchwise.View) string {
	switch v {
	case stretchwise.ViewLeft, stretchwise.ViewRight:
		return "a " + string(v) + " side view"
	case stretchwise.ViewFront:
		return "a view from the front"
	case stretchwise.ViewRear:
		return "a view from behind"
	case stretchwise.ViewFrontLeft, stretchwise.ViewFrontRight:
		return "a view from the front " + strings.TrimPrefix(string(v), "front-")
	case stretchwise.ViewRearLeft, stretchwise.ViewRearRight:
		return "a view from behind on the " + strings.TrimPrefix(string(v), "rear-")
	case stretchwise.ViewUnknown:
		return "an unknown view"
	}
	return "a view from " + string(v)
}

// exerciseName names an exercise as a sentence to the person does: the
// screening's plain name in the library ("the hip test"), or "the" and
// the id for an exercise the library does not screen.
func exerciseName(e stretchwise.Exercise, screenings []library.Screening) string {
	for _, sc := range screenings {
		if sc.ID == string(e) {
			return sc.Plain
		}
	}
	return "the " + string(e)
}

// chooseView decides the view: the override, else the header's, else the
// one recognised from the landmarks over the frames in the exercise's
// posture (all frames when there is none). It returns the view, whether it
// came from the header or the override, the inferred view and notes.
func chooseView(header, override stretchwise.View, labels []posture.Label, want stretchwise.Posture) (view stretchwise.View, given bool, inferred stretchwise.View, notes []string) {
	inferred, agree := posture.RecordingView(labels, want)
	if want != stretchwise.PostureUnknown && inferred == stretchwise.ViewUnknown && agree == 0 {
		// No frame in the exercise's posture had a view: use every frame.
		inferred, agree = posture.RecordingView(labels, stretchwise.PostureUnknown)
	}
	v, source := override, "the --view option"
	if v == "" || v == stretchwise.ViewUnknown {
		v, source = header, "the camera position chosen"
	}
	if v == "" || v == stretchwise.ViewUnknown {
		if inferred == stretchwise.ViewUnknown {
			if agree > 0 && agree < posture.MinViewAgreement {
				notes = append(notes, "the camera view could not be recognised: the body turned relative to the camera during the recording")
			} else {
				notes = append(notes, "the camera view could not be recognised from the recording")
			}
		} else {
			notes = append(notes, fmt.Sprintf("camera view recognised from the recording: %s", viewWords(inferred)))
		}
		return inferred, false, inferred, notes
	}
	if inferred != stretchwise.ViewUnknown && inferred != v {
		notes = append(notes, fmt.Sprintf("%s is %s, but the recording looks like %s", source, viewWords(v), viewWords(inferred)))
	}
	return v, true, inferred, notes
}
