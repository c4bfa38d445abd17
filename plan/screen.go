package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/library"
)

// defaultLibrary is library.Default(), parsed once: its screenings list the
// verdicts each screening test may give (docs/contract.md).
var defaultLibrary = sync.OnceValue(library.Default)

// DecodeScreen parses one screening report, the output of `stretchwise
// analyze --json`, and checks it is a screen the plan can read: a bird-dog,
// thomas-test or half-kneeling-hip-flexor report with a verdict that test
// can give. Unknown keys are allowed (the report may grow optional fields).
// Errors are EINVALID and name the field.
func DecodeScreen(data []byte) (stretchwise.Report, error) {
	var rep stretchwise.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return rep, stretchwise.Errorf(stretchwise.EINVALID, "report: not a JSON report: %v", err)
	}
	if len(bytes.TrimSpace(data)) == 0 || bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return rep, stretchwise.Errorf(stretchwise.EINVALID, "report: empty")
	}
	return rep, CheckScreen(rep)
}

// CheckScreen checks that rep is a screen the plan can read.
func CheckScreen(rep stretchwise.Report) error {
	lib := defaultLibrary()
	sc, ok := lib.Screening(rep.Exercise)
	if !ok {
		ids := make([]string, len(lib.Screenings))
		for i, sc := range lib.Screenings {
			ids[i] = sc.ID
		}
		return stretchwise.Errorf(stretchwise.EINVALID, "report: exercise: %q is not a screening test (want %s or %s)", rep.Exercise, strings.Join(ids[:len(ids)-1], ", "), ids[len(ids)-1])
	}
	vs := sc.Verdicts
	for _, v := range vs {
		if rep.Verdict == v {
			break
		}
		if v == vs[len(vs)-1] {
			return stretchwise.Errorf(stretchwise.EINVALID, "report: verdict: %q is not a %s verdict (want %s)", rep.Verdict, rep.Exercise, strings.Join(vs, ", "))
		}
	}
	for i, sv := range rep.Sides {
		if sv.Side != stretchwise.SideLeft && sv.Side != stretchwise.SideRight {
			return stretchwise.Errorf(stretchwise.EINVALID, "report: sides[%d].side: %q, want left or right", i, sv.Side)
		}
		found := false
		for _, v := range vs {
			found = found || sv.Verdict == v
		}
		if !found {
			return stretchwise.Errorf(stretchwise.EINVALID, "report: sides[%d].verdict: %q is not a %s verdict", i, sv.Verdict, rep.Exercise)
		}
	}
	return nil
}

// screens is what the plan learned from the reports, one summary per test.
type screens struct {
	birdDog screen
	thomas  screen
	kneel   screen
}

// screen summarises the reports of one test. verdict is "" when there was
// no report; tightSides lists the sides a Thomas test found tight.
type screen struct {
	verdict      string
	inconclusive []string // reasons of inconclusive reports
	reasons      []string // reasons of the deciding reports
	measures     []stretchwise.Measure
	findings     []stretchwise.Finding
	tightSides   []stretchwise.Side
	sidesUnknown bool // tight, but no report said which side
}

// severity ranks the conclusive bird-dog verdicts: the worst one decides,
// because one uncontrolled side is enough to lock the lumbar stretches.
var severity = map[string]int{
	stretchwise.VerdictStable: 1, stretchwise.VerdictCaution: 2, stretchwise.VerdictUnstable: 3,
	stretchwise.VerdictNormal: 1, stretchwise.VerdictTight: 2,
	stretchwise.VerdictGood: 1, stretchwise.VerdictFaults: 2,
}

func summarise(reports []stretchwise.Report, cfg Config) screens {
	var s screens
	for _, rep := range reports {
		var sc *screen
		switch rep.Exercise {
		case stretchwise.ExerciseBirdDog:
			sc = &s.birdDog
		case stretchwise.ExerciseThomasTest:
			sc = &s.thomas
		case stretchwise.ExerciseHalfKneeling:
			sc = &s.kneel
		default:
			continue // a screening the plan does not read yet
		}
		if rep.Verdict == stretchwise.VerdictInconclusive {
			if sc.verdict == "" {
				sc.verdict = stretchwise.VerdictInconclusive
			}
			sc.inconclusive = append(sc.inconclusive, rep.Reasons...)
			continue
		}
		if severity[rep.Verdict] > severity[sc.verdict] {
			sc.verdict = rep.Verdict
			sc.reasons = nil
		}
		if rep.Verdict == sc.verdict {
			sc.reasons = append(sc.reasons, rep.Reasons...)
		}
		sc.measures = append(sc.measures, rep.Measures...)
		sc.findings = append(sc.findings, rep.Findings...)
		if rep.Exercise == stretchwise.ExerciseThomasTest && rep.Verdict == stretchwise.VerdictTight {
			sides := tightSides(rep, cfg)
			if len(sides) == 0 {
				sc.sidesUnknown = true
			}
			for _, side := range sides {
				if !containsSide(sc.tightSides, side) {
					sc.tightSides = append(sc.tightSides, side)
				}
			}
		}
	}
	return s
}

// tightSides returns the sides a tight Thomas report names: from its
// per-side verdicts, else from hip_angle_deg above the tight threshold.
func tightSides(rep stretchwise.Report, cfg Config) []stretchwise.Side {
	var out []stretchwise.Side
	for _, sv := range rep.Sides {
		if sv.Verdict == stretchwise.VerdictTight && !containsSide(out, sv.Side) {
			out = append(out, sv.Side)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, m := range rep.Measures {
		if m.Name == "hip_angle_deg" && m.Value > cfg.ThomasTightDeg && (m.Side == stretchwise.SideLeft || m.Side == stretchwise.SideRight) && !containsSide(out, m.Side) {
			out = append(out, m.Side)
		}
	}
	return out
}

func containsSide(sides []stretchwise.Side, s stretchwise.Side) bool {
	for _, x := range sides {
		if x == s {
			return true
		}
	}
	return false
}

// worst returns the measure with the given name of largest absolute value,
// and whether there was one.
func worst(ms []stretchwise.Measure, name string) (stretchwise.Measure, bool) {
	var best stretchwise.Measure
	found := false
	for _, m := range ms {
		if m.Name != name {
			continue
		}
		if !found || abs(m.Value) > abs(best.Value) {
			best, found = m, true
		}
	}
	return best, found
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// describe renders a measure as "12.3 deg (left)".
func describe(m stretchwise.Measure) string {
	s := fmt.Sprintf("%.1f %s", m.Value, m.Unit)
	if m.Side != stretchwise.SideNone {
		s += " (" + string(m.Side) + ")"
	}
	return s
}
