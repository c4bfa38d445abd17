package analysis

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchwise/stretchwise"
)

// TestWriteText checks the parts of the text report no golden recording
// exercises yet: findings with times, per-side verdicts, repetitions, and
// the grouping of the angle summary.
func TestWriteText(t *testing.T) {
	r := &stretchwise.Report{
		Exercise: stretchwise.ExerciseBirdDog, View: stretchwise.ViewRear, Verdict: stretchwise.VerdictCaution,
		HeaderExercise: stretchwise.ExerciseBirdDog, HeaderView: stretchwise.ViewRear, InferredView: stretchwise.ViewRearLeft,
		Measures: []stretchwise.Measure{
			{Name: "pelvic_roll_deg", Side: stretchwise.SideLeft, Value: 7.25, Unit: "deg", Uncertainty: 1.5},
			{Name: "knee_flexion_median_deg", Side: stretchwise.SideRight, Value: 88.04, Unit: "deg", Uncertainty: 2.1},
			{Name: "knee_flexion_p05_deg", Side: stretchwise.SideRight, Value: 80.1, Unit: "deg", Uncertainty: 2.1},
			{Name: "knee_flexion_p95_deg", Side: stretchwise.SideRight, Value: 95.2, Unit: "deg", Uncertainty: 2.1},
		},
		Findings: []stretchwise.Finding{{Code: "pelvic_roll", Severity: stretchwise.SeverityWarning, Side: stretchwise.SideLeft, StartS: 3.2, EndS: 8.9, Message: "the hips tipped"}},
		Reasons:  []string{"pelvic roll 5-10 deg"},
		Sides:    []stretchwise.SideVerdict{{Side: stretchwise.SideLeft, Verdict: stretchwise.VerdictCaution, Reasons: []string{"roll 7.3 deg"}}},
		Advice:   []string{"Keep the hips level."},
		Reps:     []stretchwise.Rep{{Side: stretchwise.SideLeft, StartS: 2, HoldS: 3, EndS: 9.5, HeldS: 6.5}},
		Quality:  &stretchwise.Quality{Frames: 300, Detected: 290, Usable: 270, DurationS: 9.97, MeanFPS: 30, MeanVisibility: 0.91},
	}
	var b bytes.Buffer
	if err := WriteText(&b, r); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"Exercise: bird-dog\n",
		"View:     rear (the recording looks like a view from behind on the left)\n",
		"Verdict:  caution: the hips or shoulders tipped somewhat\n",
		"  left side: caution: the hips or shoulders tipped somewhat\n    - roll 7.3 deg\n",
		"  - Keep the hips level.\n",
		"  pelvic_roll_deg (left)                 7.2 ± 1.5 deg\n",
		"  knee flexion (right)               median    88.0 ± 2.1 deg, 5-95 % range 80.1 to 95.2\n",
		"    3.20-  8.90 s  warning pelvic_roll (left): the hips tipped\n",
		"  left    2.00-  9.50 s, held 6.5 s\n",
		"  300 frames over 9.97 s (30.0 fps); a person in 290, usable in 270 (90 %); mean visibility 0.91\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text report lacks %q; got:\n%s", want, got)
		}
	}
	if strings.Contains(got, "p05") || strings.Contains(got, "p95") {
		t.Errorf("summary quantiles printed on their own lines:\n%s", got)
	}
}
