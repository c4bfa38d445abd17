package analysis

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/stretchwise/stretchwise"
)

// verdictWords says a verdict in plain words.
var verdictWords = map[string]string{
	stretchwise.VerdictStable:       "stable: the low back stayed steady",
	stretchwise.VerdictCaution:      "caution: the hips or shoulders tipped somewhat",
	stretchwise.VerdictUnstable:     "unstable: the low back moved too easily",
	stretchwise.VerdictNormal:       "normal: the hip flexors are not short",
	stretchwise.VerdictTight:        "tight: the hip flexors look short",
	stretchwise.VerdictGood:         "good form",
	stretchwise.VerdictFaults:       "form faults: see the findings",
	stretchwise.VerdictInconclusive: "inconclusive: this recording cannot support a verdict (see why below)",
}

// WriteText writes r as a readable text report: the exercise, the view,
// the verdict in plain words, the measures with their uncertainty, the
// findings with their times, the reasons, the advice, the postures and the
// frame quality.
func WriteText(w io.Writer, r *stretchwise.Report) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	bullets := func(title string, items []string) {
		if len(items) > 0 {
			p("\n%s:\n", title)
			for _, s := range items {
				p("  - %s\n", s)
			}
		}
	}

	// A header's "unknown" says no more than a missing key.
	headerEx := r.HeaderExercise != "" && r.HeaderExercise != stretchwise.ExerciseUnknown
	headerView := r.HeaderView != "" && r.HeaderView != stretchwise.ViewUnknown
	ex := string(r.Exercise)
	switch {
	case headerEx && r.HeaderExercise != r.Exercise:
		ex += fmt.Sprintf(" (the one chosen was %s)", r.HeaderExercise)
	case !headerEx && r.Exercise != stretchwise.ExerciseUnknown:
		ex += " (not in the header: see why below)"
	}
	p("Exercise: %s\n", ex)
	view := string(r.View)
	switch {
	case r.InferredView != "" && r.InferredView != stretchwise.ViewUnknown && r.InferredView != r.View:
		view += fmt.Sprintf(" (the recording looks like %s)", viewWords(r.InferredView))
	case !headerView && r.InferredView == r.View && r.View != stretchwise.ViewUnknown:
		view += " (recognised from the recording)"
	}
	p("View:     %s\n", view)
	v, ok := verdictWords[r.Verdict]
	if !ok {
		v = r.Verdict
	}
	p("Verdict:  %s\n", v)
	for _, s := range r.Sides {
		sv, ok := verdictWords[s.Verdict]
		if !ok {
			sv = s.Verdict
		}
		p("  %s side: %s\n", s.Side, sv)
		for _, why := range s.Reasons {
			p("    - %s\n", why)
		}
	}

	bullets("What to take from it", r.Advice)

	if len(r.Measures) > 0 {
		p("\nMeasures:\n")
		writeMeasures(bw, r.Measures)
	}

	if len(r.Findings) > 0 {
		p("\nFindings:\n")
		for _, f := range r.Findings {
			side := ""
			if f.Side != stretchwise.SideNone {
				side = " (" + string(f.Side) + ")"
			}
			p("  %6.2f-%6.2f s  %-7s %s%s: %s\n", f.StartS, f.EndS, f.Severity, f.Code, side, f.Message)
		}
	}

	if len(r.Reps) > 0 {
		p("\nRepetitions:\n")
		for _, rp := range r.Reps {
			p("  %-5s %6.2f-%6.2f s, held %.1f s\n", rp.Side, rp.StartS, rp.EndS, rp.HeldS)
		}
	}

	bullets("Why", r.Reasons)

	if len(r.Postures) > 0 {
		p("\nPostures:\n")
		for _, s := range r.Postures {
			p("  %6.2f-%6.2f s  %s\n", s.StartS, s.EndS, s.Posture)
		}
	}

	if q := r.Quality; q != nil {
		p("\nQuality:\n")
		frames := "frames"
		if q.Frames == 1 {
			frames = "frame"
		}
		p("  %d %s over %.2f s (%.1f fps); a person in %d, usable in %d (%s); mean visibility %.2f\n",
			q.Frames, frames, q.DurationS, q.MeanFPS, q.Detected, q.Usable, percent(q.Usable, q.Frames), q.MeanVisibility)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}

// percent formats a/b as a whole percentage.
func percent(a, b int) string {
	if b == 0 {
		return "0 %"
	}
	return fmt.Sprintf("%.0f %%", 100*float64(a)/float64(b))
}

// writeMeasures lists measures; the angle summary's median and 5-95 %
// range of one angle and side share a line.
func writeMeasures(w io.Writer, ms []stretchwise.Measure) {
	type key struct {
		name string
		side stretchwise.Side
	}
	byKey := map[key]stretchwise.Measure{}
	for _, m := range ms {
		byKey[key{m.Name, m.Side}] = m
	}
	for _, m := range ms {
		name := m.Name
		side := ""
		if m.Side != stretchwise.SideNone {
			side = " (" + string(m.Side) + ")"
		}
		if stem, ok := strings.CutSuffix(name, "_median_deg"); ok {
			lo, okLo := byKey[key{stem + "_p05_deg", m.Side}]
			hi, okHi := byKey[key{stem + "_p95_deg", m.Side}]
			if okLo && okHi {
				fmt.Fprintf(w, "  %-34s median %7.1f ± %.1f deg, 5-95 %% range %.1f to %.1f\n",
					strings.ReplaceAll(stem, "_", " ")+side, m.Value, m.Uncertainty, lo.Value, hi.Value)
				continue
			}
		}
		if stem := strings.TrimSuffix(strings.TrimSuffix(name, "_p95_deg"), "_p05_deg"); stem != name {
			_, okMed := byKey[key{stem + "_median_deg", m.Side}]
			if okMed {
				continue // printed with its median
			}
		}
		fmt.Fprintf(w, "  %-34s %7.1f ± %.1f %s\n", name+side, m.Value, m.Uncertainty, m.Unit)
	}
}
