// Package intake decodes, validates and scores the intake a person fills in
// before the first session: red flags, the STarT Back Tool, the Oswestry
// Disability Index and pain now. It is pure: no I/O, the standard library and
// the root package only.
package intake

import (
	"fmt"
	"math"

	"github.com/stretchwise/stretchwise"
)

// Questionnaire sizes and answer ranges, fixed by the instruments (the
// root package defines them; Validate checks them).
const (
	StartBackItems   = stretchwise.StartBackItems
	ODISections      = stretchwise.ODISections
	ODIMaxPerSection = stretchwise.ODIMaxPerSection
	ODIMinAnswered   = stretchwise.ODIMinAnswered
	NPRSMax          = stretchwise.NPRSMax
	MinAge, MaxAge   = stretchwise.MinAge, stretchwise.MaxAge
)

// The red-flag catalogue lives in the root package, the one place of its
// patient-facing words.
type RedFlag = stretchwise.RedFlag

// Red-flag groups.
const (
	GroupCaudaEquina = stretchwise.GroupCaudaEquina
	GroupRefer       = stretchwise.GroupRefer
	SourceRedFlags   = stretchwise.SourceRedFlags
)

// RedFlags lists every red-flag question, cauda equina signs first.
var RedFlags = stretchwise.RedFlags

// LookupRedFlag returns the red flag with the given code and whether it exists.
func LookupRedFlag(code string) (RedFlag, bool) { return stretchwise.LookupRedFlag(code) }

// STarT Back cut-offs (Hill et al. 2008; Keele STarT Back scoring guide).
const (
	// StartBackLowMax is the highest total that is low risk (0-3).
	StartBackLowMax = 3
	// StartBackHighDistress is the distress subscore (items 5-9) from
	// which a person with total >= 4 is high risk.
	StartBackHighDistress = 4
	// startBackDistressFirst is the 0-based index of item 5, the first
	// distress item.
	startBackDistressFirst = 4
)

// ODI band upper bounds in percent (Fairbank & Pynsent 2000): 0-20
// minimal, 21-40 moderate, 41-60 severe, 61-80 crippled, 81-100 bed-bound.
var odiBands = []struct {
	max  float64
	band string
}{
	{20, stretchwise.ODIMinimal},
	{40, stretchwise.ODIModerate},
	{60, stretchwise.ODISevere},
	{80, stretchwise.ODICrippled},
	{100, stretchwise.ODIBedBound},
}

// ODIBandRange returns the percent range of an ODI band as Fairbank &
// Pynsent write it ("21-40"), from the bounds the scoring uses, for texts
// that name it; "" for an unknown band.
func ODIBandRange(band string) string {
	lo := 0.0
	for _, b := range odiBands {
		if b.band == band {
			return fmt.Sprintf("%.0f-%.0f", lo, b.max)
		}
		lo = b.max + 1
	}
	return ""
}

// Result is a validated and scored intake. An emergency intake that left
// out the questionnaires has zero StartBack and ODI scores.
type Result struct {
	Intake    stretchwise.Intake
	StartBack stretchwise.StartBackScore
	ODI       stretchwise.ODIScore
	// CaudaEquina and Refer are the red flags answered yes, by group, in
	// the order of RedFlags.
	CaudaEquina []RedFlag
	Refer       []RedFlag
	// Cleared is the person's statement that a clinician has cleared them
	// to exercise despite the refer flags of this intake; nil when none.
	Cleared *stretchwise.Clearance
}

// Decode parses an intake from JSON in either format (stretchwise.ReadIntake:
// a yes or no to every question, or the older list of the flags answered
// yes), validates it and scores it. Errors are *stretchwise.Error with code
// EINVALID naming the field.
func Decode(data []byte) (Result, error) {
	in, err := stretchwise.ReadIntake(data)
	if err != nil {
		return Result{}, err
	}
	return Score(in)
}

// Score validates an intake (stretchwise.Intake.Validate) and scores it.
func Score(in stretchwise.Intake) (Result, error) {
	if err := in.Validate(); err != nil {
		return Result{}, err
	}
	r := Result{Intake: in}
	for _, f := range in.YesFlags() {
		if f.Group == GroupCaudaEquina {
			r.CaudaEquina = append(r.CaudaEquina, f)
		} else {
			r.Refer = append(r.Refer, f)
		}
	}
	var err error
	if in.StartBack != nil {
		if r.StartBack, err = ScoreStartBack(in.StartBack); err != nil {
			return Result{}, invalid("intake: %s", stretchwise.ErrorMessage(err))
		}
	}
	if in.ODI != nil {
		if r.ODI, err = ScoreODI(in.ODI); err != nil {
			return Result{}, invalid("intake: %s", stretchwise.ErrorMessage(err))
		}
	}
	return r, nil
}

// ScoreStartBack scores the 9-item STarT Back Tool. Each answer is 0 or 1;
// item 9 is 1 for "very much" or "extremely" bothersome. The total is the
// sum of all items, the distress subscore the sum of items 5-9; total 0-3 is
// low risk, otherwise distress 4-5 is high and 0-3 medium (Hill et al. 2008;
// Keele STarT Back scoring guide).
func ScoreStartBack(items []int) (stretchwise.StartBackScore, error) {
	if len(items) != StartBackItems {
		return stretchwise.StartBackScore{}, invalid("start_back: got %d answers, want %d", len(items), StartBackItems)
	}
	var s stretchwise.StartBackScore
	for i, v := range items {
		if v != 0 && v != 1 {
			return stretchwise.StartBackScore{}, invalid("start_back[%d]: answer %d is not 0 (disagree) or 1 (agree; item 9: very much or extremely)", i, v)
		}
		s.Score += v
		if i >= startBackDistressFirst {
			s.Distress += v
		}
	}
	switch {
	case s.Score <= StartBackLowMax:
		s.Risk = stretchwise.RiskLow
	case s.Distress >= StartBackHighDistress:
		s.Risk = stretchwise.RiskHigh
	default:
		s.Risk = stretchwise.RiskMedium
	}
	return s, nil
}

// ScoreODI scores the Oswestry Disability Index. Each section is 0-5, or nil
// when left blank or not applicable; the percentage is the sum over answered
// sections divided by 5 times their number, times 100, as the instrument's
// scoring instructions say (Fairbank & Pynsent 2000). At least
// ODIMinAnswered sections must be answered. The band is taken from the
// unrounded percentage; Percent is rounded to one decimal.
func ScoreODI(sections []*int) (stretchwise.ODIScore, error) {
	if len(sections) != ODISections {
		return stretchwise.ODIScore{}, invalid("odi: got %d answers, want %d (use null for a section left blank)", len(sections), ODISections)
	}
	for i, p := range sections {
		if p != nil && (*p < 0 || *p > ODIMaxPerSection) {
			return stretchwise.ODIScore{}, invalid("odi[%d]: answer %d is outside 0..%d", i, *p, ODIMaxPerSection)
		}
	}
	pct, n := ODIPercent(sections)
	if n < ODIMinAnswered {
		return stretchwise.ODIScore{}, invalid("odi: only %d of %d sections answered, need at least %d", n, ODISections, ODIMinAnswered)
	}
	s := stretchwise.ODIScore{Percent: math.Round(pct*10) / 10, Answered: n}
	for _, b := range odiBands {
		if pct <= b.max {
			s.Band = b.band
			break
		}
	}
	return s, nil
}

// ODIPercent is the Oswestry Disability Index of the answered sections as
// the instrument scores it (Fairbank & Pynsent 2000): their sum over
// ODIMaxPerSection times their number, in percent, unrounded, with the
// number answered; 0, 0 when none is. ScoreODI and the exports of package
// http score with it.
func ODIPercent(sections []*int) (pct float64, answered int) {
	sum := 0
	for _, p := range sections {
		if p != nil {
			sum += *p
			answered++
		}
	}
	if answered == 0 {
		return 0, 0
	}
	return 100 * float64(sum) / float64(ODIMaxPerSection*answered), answered
}

func invalid(format string, args ...any) error {
	return stretchwise.Errorf(stretchwise.EINVALID, format, args...)
}
