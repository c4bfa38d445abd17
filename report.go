package stretchwise

import "fmt"

// Verdicts of the analysis report. Which ones apply depends on the exercise;
// VerdictInconclusive applies to all and always comes with reasons.
const (
	VerdictInconclusive = "inconclusive"
	// Bird dog.
	VerdictStable   = "stable"
	VerdictCaution  = "caution"
	VerdictUnstable = "unstable"
	// Modified Thomas test.
	VerdictNormal = "normal"
	VerdictTight  = "tight"
	// Half-kneeling hip flexor stretch.
	VerdictGood   = "good"
	VerdictFaults = "faults"
)

// Finding severities.
const (
	SeverityInfo    = "info"
	SeverityWarning = "warning"
	SeverityProblem = "problem"
)

// Report is the analysis report of docs/contract.md. The fields exercise, view,
// verdict, measures, findings and reasons are the contract outside checks
// rely on; the others are optional extensions.
type Report struct {
	Exercise Exercise  `json:"exercise"`
	View     View      `json:"view"`
	Verdict  string    `json:"verdict"`
	Measures []Measure `json:"measures"`
	Findings []Finding `json:"findings"`
	Reasons  []string  `json:"reasons"`

	// Optional extensions.
	HeaderView     View          `json:"header_view,omitempty"`     // view the header claimed
	InferredView   View          `json:"inferred_view,omitempty"`   // view recognised from landmarks
	HeaderExercise Exercise      `json:"header_exercise,omitempty"` // exercise the header claimed
	Quality        *Quality      `json:"quality,omitempty"`
	Postures       []PostureSpan `json:"postures,omitempty"`
	Sides          []SideVerdict `json:"sides,omitempty"`  // per-side verdicts where the test has sides
	Advice         []string      `json:"advice,omitempty"` // plain-words take-away for the person
	Reps           []Rep         `json:"reps,omitempty"`
	// OutOfPosition lists the times a person was in view but not in the
	// tested position (another exercise, a pause); they are not scored.
	OutOfPosition []TimeSpan `json:"out_of_position,omitempty"`
}

// Measure is one number of a report, with its unit and an uncertainty in the
// same unit (about one standard deviation, from landmark noise and view).
type Measure struct {
	Name        string  `json:"name"`
	Side        Side    `json:"side,omitempty"`
	Value       float64 `json:"value"`
	Unit        string  `json:"unit"`
	Uncertainty float64 `json:"uncertainty"`
}

// Finding is something the analysis noticed, with the time span it applies
// to so an app can replay it.
type Finding struct {
	Code     string  `json:"code"`
	Severity string  `json:"severity"`
	Side     Side    `json:"side,omitempty"`
	StartS   float64 `json:"start_s"`
	EndS     float64 `json:"end_s"`
	Message  string  `json:"message"`
}

// Quality summarises how usable the frames of a recording were.
type Quality struct {
	Frames         int     `json:"frames"`
	Detected       int     `json:"detected"`        // frames with a person
	Usable         int     `json:"usable"`          // frames passing the visibility gate
	DurationS      float64 `json:"duration_s"`      // first to last frame
	MeanFPS        float64 `json:"mean_fps"`        // from timestamps
	MeanVisibility float64 `json:"mean_visibility"` // over the landmarks the analysis needs
}

// PostureSpan is a stretch of time in one posture.
type PostureSpan struct {
	Posture Posture `json:"posture"`
	StartS  float64 `json:"start_s"`
	EndS    float64 `json:"end_s"`
}

// TimeSpan is a stretch of time, seconds from the recording's start.
type TimeSpan struct {
	StartS float64 `json:"start_s"`
	EndS   float64 `json:"end_s"`
}

// SideVerdict is the verdict for one side of a test that has sides.
type SideVerdict struct {
	Side    Side     `json:"side"`
	Verdict string   `json:"verdict"`
	Reasons []string `json:"reasons,omitempty"`
}

// Rep is one repetition of a movement (a bird-dog reach, a stretch hold).
// Incomplete marks a repetition cut off by the end of the recording (still
// held, or not yet back, in the last frame): EndS is then the last frame and
// HeldS only what was recorded.
type Rep struct {
	Side       Side    `json:"side"`
	StartS     float64 `json:"start_s"`
	HoldS      float64 `json:"hold_start_s"`
	EndS       float64 `json:"end_s"`
	HeldS      float64 `json:"held_s"`
	Incomplete bool    `json:"incomplete,omitempty"`
}

// Measure returns the first measure with the given name and side, and
// whether there was one.
func (r *Report) Measure(name string, side Side) (Measure, bool) {
	for _, m := range r.Measures {
		if m.Name == name && m.Side == side {
			return m, true
		}
	}
	return Measure{}, false
}

// SpanWords says a stretch of time in plain words, seconds to one decimal:
// "3.2-8.9 s", or "3.2 s" when it is a moment (both ends print the same).
func SpanWords(startS, endS float64) string {
	a, b := fmt.Sprintf("%.1f", startS), fmt.Sprintf("%.1f", endS)
	if a == b {
		return a + " s"
	}
	return a + "-" + b + " s"
}
