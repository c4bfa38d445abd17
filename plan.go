package stretchwise

// Intake is what a person tells the coach before the first session: an
// explicit yes or no to every red-flag question, the STarT Back Tool, the
// Oswestry Disability Index and pain now. It is the document the app stores
// and the input of `stretchwise plan --intake FILE` (docs/plan.md), which
// also reads the older files that list only the flags answered yes
// (ReadIntake). Validate is the one check every caller uses.
type Intake struct {
	// Age in whole years, MinAge..MaxAge; 0 when not given, allowed only
	// in an emergency intake.
	Age int `json:"age,omitempty"`
	// RedFlagAnswers holds one answer to each question of RedFlags, in any
	// order. A question without an answer is an error, so "not answered"
	// can never pass for "no".
	RedFlagAnswers []RedFlagAnswer `json:"red_flag_answers"`
	// StartBack holds the 9 STarT Back items in the tool's order, each 0 or
	// 1: items 1-8 are 1 for "agree"; item 9 (bothersomeness) is 1 for
	// "very much" or "extremely" and 0 for "not at all", "slightly" or
	// "moderately" (Hill et al. 2008). Nil only in an emergency intake.
	StartBack []int `json:"start_back,omitempty"`
	// ODI holds the 10 Oswestry sections in the form's order, each 0..5 or
	// null for a section the person chose to skip (at least ODIMinAnswered
	// answered). Nil only in an emergency intake.
	ODI []*int `json:"odi,omitempty"`
	// NPRS is pain now on the 0-10 numeric pain rating scale. Nil only in
	// an emergency intake.
	NPRS *int `json:"nprs,omitempty"`
	// NewPain says whether this back pain is new (a first episode, or a
	// clearly different pain). Optional: nil when not answered. The red
	// flag "new pain at age > 50 or < 20" needs it.
	NewPain *bool `json:"new_pain,omitempty"`
	// WithdrawnFlags are the red flags answered yes in the intake in force
	// that this intake answers no, each confirmed by the person in a second,
	// explained step (docs/clinical.md, "A warning sign is not cleared
	// silently"). A standing sign answered no without it is refused.
	WithdrawnFlags []string `json:"withdrawn_flags,omitempty"`
}

// STarT Back risk groups.
const (
	RiskLow    = "low"
	RiskMedium = "medium"
	RiskHigh   = "high"
)

// StartBackScore is the scored STarT Back Tool.
type StartBackScore struct {
	Score    int    `json:"score"`    // total, 0-9
	Distress int    `json:"distress"` // items 5-9, 0-5
	Risk     string `json:"risk"`     // low, medium or high
}

// Oswestry Disability Index bands (Fairbank & Pynsent 2000).
const (
	ODIMinimal  = "minimal"
	ODIModerate = "moderate"
	ODISevere   = "severe"
	ODICrippled = "crippled"
	ODIBedBound = "bed-bound"
)

// ODIScore is the scored Oswestry Disability Index.
type ODIScore struct {
	Percent  float64 `json:"percent"`  // 0-100, rounded to one decimal
	Band     string  `json:"band"`     // minimal, moderate, severe, crippled, bed-bound
	Answered int     `json:"answered"` // sections answered, out of 10
}

// Plan actions.
const (
	ActionEmergency = "emergency" // stop, seek emergency care now
	ActionRefer     = "refer"     // see a clinician before exercising
	ActionExercise  = "exercise"  // the do and avoid lists apply
)

// Reason explains one decision: what was found, the rule applied to it and
// where the rule comes from. Code is stable and machine-readable.
type Reason struct {
	Code    string `json:"code"`
	Finding string `json:"finding"`
	Rule    string `json:"rule"`
	Source  string `json:"source"`
}

// String renders the reason as one plain sentence with its source.
func (r Reason) String() string {
	return r.Finding + ": " + r.Rule + " (source: " + r.Source + ")"
}

// Dose is how much of an exercise to do.
type Dose struct {
	Level        int    `json:"level"`            // 1 = gentlest
	HoldS        int    `json:"hold_s,omitempty"` // seconds per hold; 0 for moving exercises
	Reps         int    `json:"reps"`             // holds or movement cycles per set
	SetsPerDay   int    `json:"sets_per_day"`
	DaysPerWeek  int    `json:"days_per_week"`
	PerSide      bool   `json:"per_side"`        // reps are done on each side
	Sides        []Side `json:"sides,omitempty"` // only these sides, when not both
	Intensity    string `json:"intensity"`       // in words, e.g. "mild tension"
	MaxIntensity int    `json:"max_intensity"`   // 0-10, never go above it
	Source       string `json:"source"`          // where the numbers come from
}

// PlanItem is an exercise to do, with its dose and reasons.
type PlanItem struct {
	Exercise string   `json:"exercise"`
	Name     string   `json:"name"`
	Dose     Dose     `json:"dose"`
	Reasons  []string `json:"reasons"`
	Why      []Reason `json:"why"`
}

// AvoidItem is an exercise not to do, with its reasons.
type AvoidItem struct {
	Exercise string   `json:"exercise"`
	Name     string   `json:"name"`
	Reasons  []string `json:"reasons"`
	Why      []Reason `json:"why"`
}

// Plan is the explained plan of `stretchwise plan`. The fields action,
// reasons, start_back, odi, do and avoid are the contract outside checks rely
// on; reasons are plain sentences and why holds the same reasons as codes,
// findings, rules and sources.
type Plan struct {
	Action    string         `json:"action"`
	Reasons   []string       `json:"reasons"`
	StartBack StartBackScore `json:"start_back"`
	ODI       ODIScore       `json:"odi"`
	NPRS      *int           `json:"nprs"` // null for an emergency intake without pain now
	Do        []PlanItem     `json:"do"`
	Avoid     []AvoidItem    `json:"avoid"`
	Why       []Reason       `json:"why"`
}
