package plan_test

import (
	"regexp"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/library"
)

// notForPatients matches what must never reach a person in a plan: our file
// names, issue numbers and code names (lower-case words joined by an
// underscore, such as a red-flag or finding code), our own jargon ("our
// choice", "dose level") and Latin muscle names (say where in the body).
var notForPatients = regexp.MustCompile(`(?i)\b[\w-]+\.(md|go|ts|json|jsonl)\b|\bissue \d+|\b[a-z]+(_[a-z0-9]+)+\b|\bour choice\b|\bdose levels?\b|` + latinMuscles)

// latinMuscles are the Latin muscle names the library and plan could use.
const latinMuscles = `\b(quadratus lumborum|rectus femoris|iliopsoas|psoas|piriformis|gluteals|gluteus \w+|obliques|erector spinae|multifidus|transversus abdominis)\b`

// patientText lists every text of a plan a person reads, with where it is.
func patientText(p stretchwise.Plan) map[string]string {
	out := map[string]string{}
	add := func(where, s string) {
		if s != "" {
			out[where+": "+s] = s
		}
	}
	reasons := func(where string, rs []string, why []stretchwise.Reason) {
		for _, r := range rs {
			add(where+" reason", r)
		}
		for _, r := range why {
			add(where+" finding", r.Finding)
			add(where+" rule", r.Rule)
			add(where+" source", r.Source)
		}
	}
	reasons("plan", p.Reasons, p.Why)
	for _, d := range p.Do {
		add("do name", d.Name)
		add("do intensity", d.Dose.Intensity)
		add("do dose source", d.Dose.Source)
		reasons("do "+d.Exercise, d.Reasons, d.Why)
	}
	for _, a := range p.Avoid {
		add("avoid name", a.Name)
		reasons("avoid "+a.Exercise, a.Reasons, a.Why)
	}
	return out
}

// TestPatientWordsPlain builds the plan of every scenario and fails when a
// text a person reads holds a file name, an issue number or a code name.
func TestPatientWordsPlain(t *testing.T) {
	lib := library.Default()
	for _, s := range scenarios() {
		p := s.build(t, lib)
		for where, text := range patientText(p) {
			if m := notForPatients.FindString(text); m != "" {
				t.Errorf("%s: %q is not for patients, in %s", s.name, m, where)
			}
		}
	}
}

func TestNotForPatientsCatches(t *testing.T) {
	for _, s := range []string{"see CLINICAL.md", "project safety rule (issue 5)", "you answered yes to cancer_history", "faults (trunk_lean_back)",
		"our choice, because short holds are gentlest", "start at dose level 1", "the side of the trunk (obliques, quadratus lumborum)", "a short rectus femoris"} {
		if !notForPatients.MatchString(s) {
			t.Errorf("%q passed the plain-words check", s)
		}
	}
	for _, s := range []string{"Hill et al. 2008, Arthritis Rheum 59:632", "mild tension, at most 3-4 out of 10", "the half-kneeling hip flexor stretch"} {
		if notForPatients.MatchString(s) {
			t.Errorf("%q failed the plain-words check: %q", s, notForPatients.FindString(s))
		}
	}
}
