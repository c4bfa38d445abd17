// Package intake decodes, validates and scores the intake a person fills in
// before the first session: red flags, the STarT Back Tool, the Oswestry
// Disability Index and pain now. It is pure: no I/O, the standard library and
// the root package only.
package intake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/stretchwise/stretchwise"
)

// Questionnaire sizes and answer ranges, fixed by the instruments.
const (
	// StartBackItems is the number of items of the 9-item STarT Back Tool
	// (Hill et al. 2008, Arthritis Rheum 59:632).
	StartBackItems = 9
	// ODISections is the number of sections of the Oswestry Disability
	// Index, each scored 0-5 (Fairbank & Pynsent 2000, Spine 25:2940).
	ODISections = 10
	// ODIMaxPerSection is the highest score of one ODI section.
	ODIMaxPerSection = 5
	// ODIMinAnswered is the fewest answered sections we score. Our choice,
	// because the instrument only describes one missed section; with more
	// than two left blank the percentage rests on too little.
	ODIMinAnswered = 8
	// NPRSMax is the top of the 0-10 numeric pain rating scale.
	NPRSMax = 10
	// MinAge and MaxAge bound a plausible age in years. Our choice, because
	// an age outside them is a typing error, not a person.
	MinAge, MaxAge = 1, 120
)

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

// Result is a validated and scored intake.
type Result struct {
	Intake    stretchwise.Intake
	StartBack stretchwise.StartBackScore
	ODI       stretchwise.ODIScore
	// CaudaEquina and Refer are the red flags answered yes, by group, in
	// the order of RedFlags.
	CaudaEquina []RedFlag
	Refer       []RedFlag
}

// requiredFields are the keys every intake must have.
var requiredFields = []string{"age", "red_flags", "start_back", "odi", "nprs"}

// Decode parses an intake from JSON, validates it and scores it. Unknown
// keys are an error, so that a misspelt "red_flags" can never hide a red
// flag. Errors are *stretchwise.Error with code EINVALID naming the field.
func Decode(data []byte) (Result, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return Result{}, invalid("intake: not a JSON object: %v", err)
	}
	if raw == nil {
		return Result{}, invalid("intake: not a JSON object: got null")
	}
	known := map[string]bool{"new_pain": true}
	for _, k := range requiredFields {
		known[k] = true
		if _, ok := raw[k]; !ok {
			return Result{}, invalid("intake: %s: required field is missing", k)
		}
	}
	var unknown []string
	for k := range raw {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return Result{}, invalid("intake: %s: unknown field (known: age, red_flags, start_back, odi, nprs, new_pain)", unknown[0])
	}

	var in stretchwise.Intake
	var err error
	if in.Age, err = wholeNumber(raw["age"], "age"); err != nil {
		return Result{}, err
	}
	if in.NPRS, err = wholeNumber(raw["nprs"], "nprs"); err != nil {
		return Result{}, err
	}
	if err := strict(raw["red_flags"], &in.RedFlags); err != nil || in.RedFlags == nil {
		return Result{}, invalid("intake: red_flags: want a list of red-flag codes (may be empty), got %s", shorten(raw["red_flags"]))
	}
	var items []json.RawMessage
	if err := strict(raw["start_back"], &items); err != nil || items == nil {
		return Result{}, invalid("intake: start_back: want a list of %d answers, got %s", StartBackItems, shorten(raw["start_back"]))
	}
	in.StartBack = make([]int, len(items))
	for i, it := range items {
		if in.StartBack[i], err = wholeNumber(it, fmt.Sprintf("start_back[%d]", i)); err != nil {
			return Result{}, err
		}
	}
	var sections []json.RawMessage
	if err := strict(raw["odi"], &sections); err != nil || sections == nil {
		return Result{}, invalid("intake: odi: want a list of %d answers (0-5 or null), got %s", ODISections, shorten(raw["odi"]))
	}
	in.ODI = make([]*int, len(sections))
	for i, s := range sections {
		if string(bytes.TrimSpace(s)) == "null" {
			continue
		}
		v, err := wholeNumber(s, fmt.Sprintf("odi[%d]", i))
		if err != nil {
			return Result{}, err
		}
		in.ODI[i] = &v
	}
	if np, ok := raw["new_pain"]; ok && string(bytes.TrimSpace(np)) != "null" {
		var b bool
		if err := strict(np, &b); err != nil {
			return Result{}, invalid("intake: new_pain: want true or false, got %s", shorten(np))
		}
		in.NewPain = &b
	}
	return Score(in)
}

// Score validates an intake and scores it. Errors are *stretchwise.Error
// with code EINVALID naming the field.
func Score(in stretchwise.Intake) (Result, error) {
	if in.Age < MinAge || in.Age > MaxAge {
		return Result{}, invalid("intake: age: %d is outside %d..%d years", in.Age, MinAge, MaxAge)
	}
	if in.NPRS < 0 || in.NPRS > NPRSMax {
		return Result{}, invalid("intake: nprs: %d is outside 0..%d", in.NPRS, NPRSMax)
	}
	r := Result{Intake: in}
	seen := map[string]bool{}
	for i, code := range in.RedFlags {
		if _, ok := LookupRedFlag(code); !ok {
			return Result{}, invalid("intake: red_flags[%d]: unknown red-flag code %q (known: %s)", i, code, strings.Join(codes(), ", "))
		}
		if seen[code] {
			continue
		}
		seen[code] = true
	}
	for _, f := range RedFlags {
		if !seen[f.Code] {
			continue
		}
		if f.Group == GroupCaudaEquina {
			r.CaudaEquina = append(r.CaudaEquina, f)
		} else {
			r.Refer = append(r.Refer, f)
		}
	}
	var err error
	if r.StartBack, err = ScoreStartBack(in.StartBack); err != nil {
		return Result{}, invalid("intake: %s", stretchwise.ErrorMessage(err))
	}
	if r.ODI, err = ScoreODI(in.ODI); err != nil {
		return Result{}, invalid("intake: %s", stretchwise.ErrorMessage(err))
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
	sum, n := 0, 0
	for i, p := range sections {
		if p == nil {
			continue
		}
		if *p < 0 || *p > ODIMaxPerSection {
			return stretchwise.ODIScore{}, invalid("odi[%d]: answer %d is outside 0..%d", i, *p, ODIMaxPerSection)
		}
		sum += *p
		n++
	}
	if n < ODIMinAnswered {
		return stretchwise.ODIScore{}, invalid("odi: only %d of %d sections answered, need at least %d", n, ODISections, ODIMinAnswered)
	}
	pct := float64(sum) / float64(ODIMaxPerSection*n) * 100
	s := stretchwise.ODIScore{Percent: math.Round(pct*10) / 10, Answered: n}
	for _, b := range odiBands {
		if pct <= b.max {
			s.Band = b.band
			break
		}
	}
	return s, nil
}

// wholeNumber decodes a JSON integer, naming the field on error.
func wholeNumber(raw json.RawMessage, field string) (int, error) {
	var f float64
	if err := strict(raw, &f); err != nil {
		return 0, invalid("intake: %s: want a whole number, got %s", field, shorten(raw))
	}
	if f != math.Trunc(f) || math.Abs(f) > 1e6 {
		return 0, invalid("intake: %s: want a whole number, got %s", field, shorten(raw))
	}
	return int(f), nil
}

// strict decodes raw into v, rejecting null for non-pointer targets.
func strict(raw json.RawMessage, v any) error {
	if string(bytes.TrimSpace(raw)) == "null" {
		return fmt.Errorf("null")
	}
	return json.Unmarshal(raw, v)
}

// shorten quotes at most a few dozen bytes of raw JSON for an error message.
func shorten(raw json.RawMessage) string {
	const max = 40 // our choice: enough to recognise the value
	s := string(bytes.TrimSpace(raw))
	if len(s) > max {
		s = s[:max] + "..."
	}
	return s
}

func codes() []string {
	out := make([]string, len(RedFlags))
	for i, f := range RedFlags {
		out[i] = f.Code
	}
	return out
}

func invalid(format string, args ...any) error {
	return stretchwise.Errorf(stretchwise.EINVALID, format, args...)
}
