package analysis_test

import (
	"regexp"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/analysis"
)

// notPlain matches what a person reading a report's reasons, advice and
// findings should not meet: our shorthand for an uncertainty ("+/-"), the
// statistician's "90 % interval", the clinician's "quadruped", the recording's "header" and the
// analysis's "landmarks", and a moment printed as a span ("1.1-1.1 s").
var notPlain = regexp.MustCompile(`\+/-|90 % interval|\bquadruped\b|\bheader\b|\blandmarks?\b|\b(\d+\.\d)-(\d+\.\d) s\b`)

// reportText lists every text of r a person reads, with where it is.
func reportText(r *stretchwise.Report) map[string]string {
	out := map[string]string{}
	for _, s := range r.Reasons {
		out["reason: "+s] = s
	}
	for _, s := range r.Advice {
		out["advice: "+s] = s
	}
	for _, sd := range r.Sides {
		for _, s := range sd.Reasons {
			out[string(sd.Side)+" side reason: "+s] = s
		}
	}
	for _, f := range r.Findings {
		out["finding "+f.Code+": "+f.Message] = f.Message
	}
	return out
}

// plainFault says why s is not plain, or "" when it is.
func plainFault(s string) string {
	for _, m := range notPlain.FindAllStringSubmatch(s, -1) {
		if m[1] == "" || m[1] == m[2] {
			return m[0]
		}
	}
	return ""
}

// TestReasonsPlain analyses every golden recording (with its given view
// and exercise, some of which disagree with what the recording shows) and
// fails when a text a person reads holds jargon or a zero-length span;
// also a half-kneeling stretch analysed as the bird dog it is not (a patient
// who filmed the wrong exercise reads why nothing was measured).
func TestReasonsPlain(t *testing.T) {
	wrong := goldenCase{"kneel-right-no-view", nil, analysis.Options{View: stretchwise.ViewRearLeft, Exercise: stretchwise.ExerciseBirdDog}}
	for _, c := range append(goldenCases[:len(goldenCases):len(goldenCases)], wrong) {
		rec := readRecording(t, c.name)
		r, err := analysis.Analyze(rec, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		for where, s := range reportText(r) {
			if bad := plainFault(s); bad != "" {
				t.Errorf("%s: %s: %q is not plain words", c.name, where, bad)
			}
		}
	}
}

// TestPlainFault checks the check itself on the texts a tester found.
func TestPlainFault(t *testing.T) {
	for s, want := range map[string]string{
		"24.9 +/- 23.2 deg": "+/-",
		"on hands and knees (quadruped) in only 0 of 191": "quadruped",
		"(90 % interval 0.0 to 63.0 deg)":                 "90 % interval",
		"the header says rear-left":                       "header",
		"the landmarks look like a left side view":        "landmarks",
		"at 0.0-0.0 s, 1.1-1.1 s":                         "0.0-0.0 s",
		"reaching with the left leg (2.3-9.7 s)":          "",
		"your left foot was out of the picture at 1.1 s":  "",
	} {
		if got := plainFault(s); got != want {
			t.Errorf("plainFault(%q) = %q, want %q", s, got, want)
		}
	}
}
