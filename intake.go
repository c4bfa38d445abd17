package stretchwise

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
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

// Red-flag answers.
const (
	AnswerYes = "yes"
	AnswerNo  = "no"
)

// RedFlagAnswer is the person's answer to one red-flag question.
type RedFlagAnswer struct {
	Flag   string `json:"flag"`   // the code of a RedFlags question
	Answer string `json:"answer"` // AnswerYes or AnswerNo
	// AnsweredAt is when it was answered; the server sets it to the time
	// it received the intake when the client leaves it out.
	AnsweredAt time.Time `json:"answered_at,omitzero"`
}

// LookupRedFlag returns the red flag with the given code and whether it exists.
func LookupRedFlag(code string) (RedFlag, bool) {
	for _, f := range RedFlags {
		if f.Code == code {
			return f, true
		}
	}
	return RedFlag{}, false
}

// RedFlagAnswersFromYes turns the older intake format, a list of the flags
// answered yes, into an answer to every question: the listed ones yes, all
// others no. An unknown code is an error naming its position.
func RedFlagAnswersFromYes(yes []string) ([]RedFlagAnswer, error) {
	for i, code := range yes {
		if _, ok := LookupRedFlag(code); !ok {
			return nil, invalidIntake("red_flags[%d]: unknown red-flag code %q (known: %s)", i, code, strings.Join(redFlagCodes(), ", "))
		}
	}
	out := make([]RedFlagAnswer, len(RedFlags))
	for i, f := range RedFlags {
		out[i] = RedFlagAnswer{Flag: f.Code, Answer: AnswerNo}
		if slices.Contains(yes, f.Code) {
			out[i].Answer = AnswerYes
		}
	}
	return out, nil
}

// answer is the answer to the red flag code, or "" when it has none.
func (in *Intake) answer(code string) string {
	for _, a := range in.RedFlagAnswers {
		if a.Flag == code {
			return a.Answer
		}
	}
	return ""
}

// YesFlags returns the red flags answered yes, in the order of RedFlags.
func (in *Intake) YesFlags() []RedFlag {
	var out []RedFlag
	for _, f := range RedFlags {
		for _, a := range in.RedFlagAnswers {
			if a.Flag == f.Code && a.Answer == AnswerYes {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// Emergency reports whether a sign of cauda equina syndrome was answered
// yes. An emergency intake may leave out the questionnaires: the person is
// told to get care, not asked twenty more questions.
func (in *Intake) Emergency() bool {
	for _, f := range in.YesFlags() {
		if f.Group == GroupCaudaEquina {
			return true
		}
	}
	return false
}

// Validate checks an intake: every red-flag question answered yes or no
// exactly once (an emergency intake, a cauda equina sign answered yes, may
// leave the others out), and (unless an emergency sign was answered yes) age, all 9
// STarT Back items, the 10 Oswestry sections and pain now given and in
// range. Errors are *Error with code EINVALID naming the field and, for
// red flags, the questions in plain words.
func (in *Intake) Validate() error {
	seen := map[string]bool{}
	for i, a := range in.RedFlagAnswers {
		f, ok := LookupRedFlag(a.Flag)
		if !ok {
			return invalidIntake("red_flag_answers[%d]: unknown red-flag code %q (known: %s)", i, a.Flag, strings.Join(redFlagCodes(), ", "))
		}
		if seen[a.Flag] {
			return invalidIntake("red_flag_answers[%d]: %q is answered twice", i, f.Question)
		}
		seen[a.Flag] = true
		if a.Answer != AnswerYes && a.Answer != AnswerNo {
			return invalidIntake("red_flag_answers[%d]: the answer to %q must be \"yes\" or \"no\", got %q", i, f.Question, a.Answer)
		}
	}
	for i, code := range in.WithdrawnFlags {
		f, ok := LookupRedFlag(code)
		switch {
		case !ok:
			return invalidIntake("withdrawn_flags[%d]: unknown red-flag code %q", i, code)
		case in.answer(code) != AnswerNo:
			return invalidIntake("withdrawn_flags[%d]: %q is not answered no in this intake, so there is nothing to withdraw", i, f.Question)
		case slices.Index(in.WithdrawnFlags, code) != i:
			return invalidIntake("withdrawn_flags[%d]: %q is given twice", i, f.Question)
		}
	}
	// An emergency sign answered yes is saved at once: the questions not
	// yet answered stay unanswered (left out, never taken as no).
	emergency := in.Emergency()
	var missing []string
	for _, f := range RedFlags {
		if !seen[f.Code] {
			missing = append(missing, fmt.Sprintf("%q", f.Question))
		}
	}
	if len(missing) > 0 && !emergency {
		return invalidIntake("red_flag_answers: %d of %d safety questions not answered (each needs yes or no): %s", len(missing), len(RedFlags), strings.Join(missing, "; "))
	}
	var unanswered []string
	if in.Age == 0 {
		unanswered = append(unanswered, "age")
	} else if in.Age < MinAge || in.Age > MaxAge {
		return invalidIntake("age: %d is outside %d..%d years", in.Age, MinAge, MaxAge)
	}
	if in.StartBack == nil {
		unanswered = append(unanswered, "start_back")
	} else {
		if len(in.StartBack) != StartBackItems {
			return invalidIntake("start_back: got %d answers, want %d", len(in.StartBack), StartBackItems)
		}
		for i, v := range in.StartBack {
			if v != 0 && v != 1 {
				return invalidIntake("start_back[%d]: answer %d is not 0 (disagree) or 1 (agree; item 9: very much or extremely)", i, v)
			}
		}
	}
	if in.ODI == nil {
		unanswered = append(unanswered, "odi")
	} else {
		if len(in.ODI) != ODISections {
			return invalidIntake("odi: got %d answers, want %d (use null for a section left blank)", len(in.ODI), ODISections)
		}
		n := 0
		for i, p := range in.ODI {
			if p == nil {
				continue
			}
			if *p < 0 || *p > ODIMaxPerSection {
				return invalidIntake("odi[%d]: answer %d is outside 0..%d", i, *p, ODIMaxPerSection)
			}
			n++
		}
		if n < ODIMinAnswered {
			return invalidIntake("odi: only %d of %d sections answered, need at least %d", n, ODISections, ODIMinAnswered)
		}
	}
	if in.NPRS == nil {
		unanswered = append(unanswered, "nprs")
	} else if *in.NPRS < 0 || *in.NPRS > NPRSMax {
		return invalidIntake("nprs: %d is outside 0..%d", *in.NPRS, NPRSMax)
	}
	if len(unanswered) > 0 && !emergency {
		return invalidIntake("%s: required, not answered (only an intake with an emergency sign may leave out the questionnaires)", strings.Join(unanswered, ", "))
	}
	return nil
}

// intakeKeys are the keys an intake may have; older files have red_flags
// instead of red_flag_answers.
var intakeKeys = []string{"age", "red_flag_answers", "start_back", "odi", "nprs", "new_pain", "withdrawn_flags"}

// ParseIntake decodes and validates an intake the app sends: every question
// answered in red_flag_answers. Unknown keys are an error, so that a
// misspelt key can never hide an answer, and so is the older red_flags list
// (it cannot tell "no" from "not answered"). Errors are *Error with code
// EINVALID naming the field.
func ParseIntake(data []byte) (Intake, error) { return parseIntake(data, false) }

// ReadIntake decodes and validates an intake file or a stored intake in
// either format: red_flag_answers, or the older red_flags list of the
// flags answered yes (every other question counts as answered no).
func ReadIntake(data []byte) (Intake, error) { return parseIntake(data, true) }

func parseIntake(data []byte, older bool) (Intake, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return Intake{}, invalidIntake("not a JSON object: %v", err)
	}
	if raw == nil {
		return Intake{}, invalidIntake("not a JSON object: got null")
	}
	var unknown []string
	for k := range raw {
		if !slices.Contains(intakeKeys, k) && (k != "red_flags" || !older) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		if unknown[0] == "red_flags" {
			return Intake{}, invalidIntake("red_flags: a list of the flags answered yes cannot tell \"no\" from \"not answered\"; send red_flag_answers, a yes or no to every question")
		}
		return Intake{}, invalidIntake("%s: unknown field (known: %s)", unknown[0], strings.Join(intakeKeys, ", "))
	}
	var in Intake
	var err error
	if v, ok := raw["age"]; ok {
		if in.Age, err = wholeNumber(v, "age"); err != nil {
			return Intake{}, err
		}
		if in.Age == 0 {
			return Intake{}, invalidIntake("age: 0 is outside %d..%d years", MinAge, MaxAge)
		}
	}
	if v, ok := raw["nprs"]; ok {
		n, err := wholeNumber(v, "nprs")
		if err != nil {
			return Intake{}, err
		}
		in.NPRS = &n
	}
	_, hasAnswers := raw["red_flag_answers"]
	yes, hasYes := raw["red_flags"]
	switch {
	case hasAnswers && hasYes:
		return Intake{}, invalidIntake("red_flags: give red_flag_answers or the older red_flags list, not both")
	case hasYes:
		var codes []string
		if err := strict(yes, &codes); err != nil || codes == nil {
			return Intake{}, invalidIntake("red_flags: want a list of red-flag codes (may be empty), got %s", shorten(yes))
		}
		if in.RedFlagAnswers, err = RedFlagAnswersFromYes(codes); err != nil {
			return Intake{}, err
		}
	case hasAnswers:
		dec := json.NewDecoder(bytes.NewReader(raw["red_flag_answers"]))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in.RedFlagAnswers); err != nil || in.RedFlagAnswers == nil {
			return Intake{}, invalidIntake("red_flag_answers: want a list of {\"flag\": code, \"answer\": \"yes\" or \"no\"}, got %s", shorten(raw["red_flag_answers"]))
		}
	default:
		return Intake{}, invalidIntake("red_flag_answers: required field is missing (a yes or no to every safety question)")
	}
	if v, ok := raw["start_back"]; ok {
		var items []json.RawMessage
		if err := strict(v, &items); err != nil || items == nil {
			return Intake{}, invalidIntake("start_back: want a list of %d answers, got %s", StartBackItems, shorten(v))
		}
		in.StartBack = make([]int, len(items))
		for i, it := range items {
			if isNull(it) {
				return Intake{}, invalidIntake("start_back[%d]: not answered", i)
			}
			if in.StartBack[i], err = wholeNumber(it, fmt.Sprintf("start_back[%d]", i)); err != nil {
				return Intake{}, err
			}
		}
	}
	if v, ok := raw["odi"]; ok {
		var sections []json.RawMessage
		if err := strict(v, &sections); err != nil || sections == nil {
			return Intake{}, invalidIntake("odi: want a list of %d answers (0-5 or null), got %s", ODISections, shorten(v))
		}
		in.ODI = make([]*int, len(sections))
		for i, s := range sections {
			if isNull(s) {
				continue
			}
			n, err := wholeNumber(s, fmt.Sprintf("odi[%d]", i))
			if err != nil {
				return Intake{}, err
			}
			in.ODI[i] = &n
		}
	}
	if np, ok := raw["new_pain"]; ok && !isNull(np) {
		var b bool
		if err := strict(np, &b); err != nil {
			return Intake{}, invalidIntake("new_pain: want true or false, got %s", shorten(np))
		}
		in.NewPain = &b
	}
	if v, ok := raw["withdrawn_flags"]; ok {
		if err := strict(v, &in.WithdrawnFlags); err != nil {
			return Intake{}, invalidIntake("withdrawn_flags: want a list of red-flag codes, got %s", shorten(v))
		}
	}
	if err := in.Validate(); err != nil {
		return Intake{}, err
	}
	return in, nil
}

// wholeNumber decodes a JSON integer, naming the field on error.
func wholeNumber(raw json.RawMessage, field string) (int, error) {
	var f float64
	if err := strict(raw, &f); err != nil || f != math.Trunc(f) || math.Abs(f) > 1e6 {
		return 0, invalidIntake("%s: want a whole number, got %s", field, shorten(raw))
	}
	return int(f), nil
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// strict decodes raw into v, rejecting null.
func strict(raw json.RawMessage, v any) error {
	if isNull(raw) {
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

func redFlagCodes() []string {
	out := make([]string, len(RedFlags))
	for i, f := range RedFlags {
		out[i] = f.Code
	}
	return out
}

func invalidIntake(format string, args ...any) error {
	return Errorf(EINVALID, "intake: "+format, args...)
}
