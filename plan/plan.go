// Package plan turns a scored intake and the screening reports into the
// explained plan: emergency, refer, or exercise with what to do (and how
// much) and what to avoid, every choice with its finding, rule and source.
// It is pure: no I/O, the standard library and the root, intake and library
// packages only. docs/plan.md lists the rules.
package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/intake"
	"github.com/stretchwise/stretchwise/library"
)

// Config holds the plan's thresholds. DefaultConfig gives each its source;
// a deployment may override them.
type Config struct {
	// ODIReferAbove: ODI percent above which the plan refers to a
	// clinician-led programme (docs/clinical.md: ODI > 40).
	ODIReferAbove float64
	// NewPainOver and NewPainUnder: new pain at an age above NewPainOver or
	// below NewPainUnder is a red flag (docs/clinical.md: age > 50 or < 20).
	NewPainOver, NewPainUnder int
	// PainNoStretchAbove: pain now above this (0-10) means no stretching
	// today (Silbernagel 2007: pain above 5/10 is not acceptable).
	PainNoStretchAbove int
	// PainGentleFrom: pain now from this up to PainNoStretchAbove is
	// acceptable but starts at the gentlest level (Silbernagel 2007: 4-5/10
	// acceptable, 0-3 safe).
	PainGentleFrom int
	// ThomasTightDeg: thigh above horizontal by more than this (degrees)
	// is tight, used when a tight report does not name its side
	// (docs/clinical.md: > 5 deg above horizontal).
	ThomasTightDeg float64
	// OlderAdultAge: from this age ACSM advises longer holds (30-60 s);
	// the plan says so on each stretch but keeps the gentle start.
	OlderAdultAge int
	// RectusFemorisKneeDeg: knee flexion below this (degrees) in the Thomas
	// test points to a short rectus femoris (docs/clinical.md, Kendall: about
	// 80 deg).
	RectusFemorisKneeDeg float64
}

// DefaultConfig returns the thresholds of docs/clinical.md.
func DefaultConfig() Config {
	return Config{
		ODIReferAbove:        40, // docs/clinical.md: ODI > 40 -> clinician-led programme
		NewPainOver:          50, // docs/clinical.md: new pain at age > 50
		NewPainUnder:         20, // docs/clinical.md: new pain at age < 20
		PainNoStretchAbove:   5,  // Silbernagel 2007: > 5/10 not acceptable
		PainGentleFrom:       4,  // Silbernagel 2007: 4-5/10 acceptable
		ThomasTightDeg:       5,  // docs/clinical.md: thigh > 5 deg above horizontal
		RectusFemorisKneeDeg: 80, // docs/clinical.md (Kendall): knee bends about 80 deg
		OlderAdultAge:        65, // ACSM: older adults (65 and over) hold 30-60 s
	}
}

// Sources named by the plan's reasons.
const (
	srcCauda      = intake.SourceRedFlags + ": cauda equina signs are an emergency"
	srcRefer      = intake.SourceRedFlags + ": refer before exercise"
	srcCleared    = intake.SourceRedFlags + ": refer before exercise; cleared by the person's own statement that a clinician has seen them (not checked by stretchwise)"
	srcStartBack  = "Hill et al. 2008, Arthritis Rheum 59:632 (STarT Back): high risk calls for a clinician-led programme"
	srcODI        = "Fairbank & Pynsent 2000, Spine 25:2940 (Oswestry bands): above 40 % a clinician-led programme"
	srcPain       = "Silbernagel et al. 2007, American Journal of Sports Medicine (pain-monitoring model: 0-3 safe, 4-5 acceptable, > 5 not)"
	srcBirdDog    = "our safety rule: when the bird dog shows the low back moving too much, no stretches that move the low back (McGill, Low Back Disorders: spine stability first); pelvic or shoulder roll under 5 deg is fine, 5-10 deg caution, over 10 deg too much low-back and pelvis motion (our thresholds; related: pelvic rotation in the active straight leg raise)"
	srcUnjudged   = "not from a study; we chose this because a screen that could not be judged is no evidence of control"
	srcNoBirdDog  = "not from a study; we chose this because without a bird dog test there is no evidence of control"
	srcNotThomas  = "not from a study; we chose this because without the hip test hip flexor length is unknown"
	srcNoThomas   = "not from a study; we chose this because a hip test that could not be judged says nothing about hip flexor length"
	srcNoKneel    = "not from a study; we chose this because a check that could not be judged gives no form feedback"
	srcThomas     = "Kendall, Muscles: Testing and Function (hip flexor length test, lying on the back): thigh over 5 deg above horizontal means short hip flexors; knee bent less than 80 deg means a short muscle at the front of the thigh"
	srcKneel      = "Gonzalez-de-la-Flor et al. 2024, BMC Musculoskelet Disord 25:853: tucking the pelvis under matters more than pushing the hips forward"
	srcStability  = "not from a study; we chose this because these train trunk and hip control without bending or twisting the low back (McGill's stability approach)"
	srcHipStretch = "not from a study; we chose this because it stretches the hip with the pelvis supported, leaving the low back still; dose per ACSM"
	srcIntensity  = "mild tension, at most 3-4 out of 10; more intensity is not better (Hatano et al. 2022; Apostolopoulos et al. 2018)"
	srcMedium     = "Hill et al. 2008 (STarT Back medium risk); we chose to start at the gentlest step"
	srcODIMod     = "Fairbank & Pynsent 2000 (ODI 21-40 moderate disability); we chose to start at the gentlest step"
)

// Reason codes. They are stable: tests, the web app and outside tools may
// rely on them.
const (
	CodeRedFlagPrefix      = "red_flag_"          // + the red-flag code
	CodeEmergencyStopAll   = "emergency_stop_all" // on every avoided exercise
	CodeReferFirst         = "refer_first"        // on every avoided exercise
	CodeReferClearedPrefix = "refer_cleared_"     // + the red-flag code, when the person stated a clinician cleared it
	CodeNewPainAge         = "new_pain_age"
	CodeNewPainUnknown     = "new_pain_unknown"
	CodeStartBackLow       = "start_back_low"
	CodeStartBackMedium    = "start_back_medium"
	CodeStartBackHigh      = "start_back_high"
	CodeODIOver40          = "odi_over_40"
	CodeODIModerate        = "odi_moderate"
	CodeODIMinimal         = "odi_minimal"
	CodePainSafe           = "pain_safe"
	CodePainAcceptable     = "pain_acceptable"
	CodePainTooHigh        = "pain_too_high"
	CodeBirdDogStable      = "bird_dog_stable"
	CodeBirdDogCaution     = "bird_dog_caution"
	CodeBirdDogUnstable    = "bird_dog_unstable"
	CodeBirdDogUnjudged    = "bird_dog_inconclusive"
	CodeBirdDogNotScreened = "bird_dog_not_screened"
	CodeThomasTight        = "thomas_tight"
	CodeThomasRectus       = "thomas_rectus_femoris"
	CodeThomasNormal       = "thomas_normal"
	CodeThomasUnjudged     = "thomas_inconclusive"
	CodeThomasNotScreened  = "thomas_not_screened"
	CodeKneelGood          = "kneel_good"
	CodeKneelFaults        = "kneel_faults"
	CodeKneelUnjudged      = "kneel_inconclusive"
	CodeKneelNotIndicated  = "kneel_not_indicated"
	CodeStability          = "stability_work"
	CodeHipStretch         = "hip_stretch"
	CodeMildIntensity      = "mild_intensity"
	CodeGentlestLevel      = "gentlest_level"
	CodeOlderAdultHolds    = "older_adult_holds"
)

// Build makes the plan from a scored intake and the screening reports (each
// checked with CheckScreen). lib is the exercise library.
func Build(in intake.Result, reports []stretchwise.Report, lib *library.Library, cfg Config) (stretchwise.Plan, error) {
	for i, rep := range reports {
		if err := CheckScreen(rep); err != nil {
			return stretchwise.Plan{}, fmt.Errorf("screen %d: %w", i+1, err)
		}
	}
	b := &builder{in: in, lib: lib, cfg: cfg, sc: summarise(reports, cfg)}
	b.p = stretchwise.Plan{
		Action:    stretchwise.ActionExercise,
		StartBack: in.StartBack,
		ODI:       in.ODI,
		NPRS:      in.Intake.NPRS,
		Reasons:   []string{},
		Do:        []stretchwise.PlanItem{},
		Avoid:     []stretchwise.AvoidItem{},
		Why:       []stretchwise.Reason{},
	}
	switch {
	case b.emergency():
		b.avoidAll(stretchwise.Reason{Code: CodeEmergencyStopAll,
			Finding: "you reported a sign of cauda equina syndrome", Rule: "stop all exercise and seek emergency care now", Source: srcCauda})
	case b.refer():
		b.avoidAll(stretchwise.Reason{Code: CodeReferFirst,
			Finding: "you have a reason to see a clinician first", Rule: "no exercise from this app until a clinician has seen you and cleared it", Source: srcRefer})
	default:
		b.exercise()
	}
	return b.p, nil
}

type builder struct {
	in  intake.Result
	lib *library.Library
	cfg Config
	sc  screens
	p   stretchwise.Plan
}

func (b *builder) add(r stretchwise.Reason) {
	b.p.Why = append(b.p.Why, r)
	b.p.Reasons = append(b.p.Reasons, r.String())
}

func (b *builder) emergency() bool {
	for _, f := range b.in.CaudaEquina {
		b.add(stretchwise.Reason{Code: CodeRedFlagPrefix + f.Code,
			Finding: "you told us " + f.Said + " (" + f.Meaning + ")",
			Rule:    "any sign of cauda equina syndrome: stop, and seek emergency care now (an emergency department, today)",
			Source:  srcCauda})
	}
	if len(b.in.CaudaEquina) == 0 {
		return false
	}
	b.p.Action = stretchwise.ActionEmergency
	b.referReasons() // shown too, so nothing the person said is dropped
	return true
}

// referReasons adds the reasons to see a clinician first and reports
// whether there were any.
func (b *builder) referReasons() bool {
	n := len(b.p.Why)
	for _, f := range b.in.Refer {
		if c := b.in.Cleared; c != nil {
			// Noted, not counted: the person has stated a clinician
			// cleared them (a refer flag only; never an emergency).
			b.add(stretchwise.Reason{Code: CodeReferClearedPrefix + f.Code,
				Finding: "you told us " + f.Said + " (" + f.Meaning + "), and on " + c.StatedAt.Format("2 January 2006") + " that a clinician has cleared you to exercise",
				Rule:    "exercise as planned; stop and see your clinician if anything changes",
				Source:  srcCleared})
			n++
			continue
		}
		b.add(stretchwise.Reason{Code: CodeRedFlagPrefix + f.Code,
			Finding: "you told us " + f.Said + " (" + f.Meaning + ")",
			Rule:    "a red flag: see a clinician before starting exercise",
			Source:  srcRefer})
	}
	in := b.in.Intake
	old, young := in.Age > b.cfg.NewPainOver, in.Age < b.cfg.NewPainUnder
	if (old || young) && in.NewPain != nil && *in.NewPain {
		b.add(stretchwise.Reason{Code: CodeNewPainAge,
			Finding: fmt.Sprintf("new back pain at age %d", in.Age),
			Rule:    fmt.Sprintf("new back pain over age %d or under %d: see a clinician before starting exercise", b.cfg.NewPainOver, b.cfg.NewPainUnder),
			Source:  srcRefer + " (new pain at age > 50 or < 20)"})
	}
	if b.in.StartBack.Risk == stretchwise.RiskHigh {
		b.add(stretchwise.Reason{Code: CodeStartBackHigh,
			Finding: fmt.Sprintf("STarT Back total %d of 9, distress %d of 5", b.in.StartBack.Score, b.in.StartBack.Distress),
			Rule:    fmt.Sprintf("high risk (distress %d or more) of lasting back trouble: a clinician-led programme works better than self-guided exercise", intake.StartBackHighDistress),
			Source:  srcStartBack})
	}
	if b.in.ODI.Percent > b.cfg.ODIReferAbove {
		b.add(stretchwise.Reason{Code: CodeODIOver40,
			Finding: fmt.Sprintf("Oswestry Disability Index %.1f%% (%s disability)", b.in.ODI.Percent, b.in.ODI.Band),
			Rule:    fmt.Sprintf("ODI over %.0f%%: see a clinician for a supervised programme first", b.cfg.ODIReferAbove),
			Source:  srcODI})
	}
	return len(b.p.Why) > n
}

func (b *builder) refer() bool {
	if !b.referReasons() {
		return false
	}
	b.p.Action = stretchwise.ActionRefer
	return true
}

// avoidAll puts every exercise of the library on the avoid list.
func (b *builder) avoidAll(r stretchwise.Reason) {
	for _, e := range b.lib.Exercises {
		b.avoid(e, r)
	}
}

func (b *builder) avoid(e library.Exercise, rs ...stretchwise.Reason) {
	b.p.Avoid = append(b.p.Avoid, stretchwise.AvoidItem{Exercise: e.ID, Name: e.Name, Reasons: texts(rs), Why: rs})
}

func (b *builder) do(e library.Exercise, d stretchwise.Dose, rs ...stretchwise.Reason) {
	b.p.Do = append(b.p.Do, stretchwise.PlanItem{Exercise: e.ID, Name: e.Name, Dose: d, Reasons: texts(rs), Why: rs})
}

func texts(rs []stretchwise.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return out
}

// exercise fills the do and avoid lists when no red flag and no referral
// rule applies.
func (b *builder) exercise() {
	in := b.in
	// Questionnaires and pain now, as plan-level reasons.
	var gentle []stretchwise.Reason // reasons to start every exercise at level 1
	switch in.StartBack.Risk {
	case stretchwise.RiskMedium:
		r := stretchwise.Reason{Code: CodeStartBackMedium,
			Finding: fmt.Sprintf("STarT Back total %d of 9, distress %d of 5", in.StartBack.Score, in.StartBack.Distress),
			Rule:    fmt.Sprintf("medium risk (total %d or more, distress %d or less): exercise is fine; start at the gentlest level and consider a physiotherapist", intake.StartBackLowMax+1, intake.StartBackHighDistress-1),
			Source:  srcMedium}
		b.add(r)
		gentle = append(gentle, r)
	default:
		b.add(stretchwise.Reason{Code: CodeStartBackLow,
			Finding: fmt.Sprintf("STarT Back total %d of 9", in.StartBack.Score),
			Rule:    fmt.Sprintf("low risk (total %d or less): self-guided exercise is appropriate", intake.StartBackLowMax),
			Source:  srcStartBack})
	}
	if in.ODI.Band == stretchwise.ODIModerate {
		r := stretchwise.Reason{Code: CodeODIModerate,
			Finding: fmt.Sprintf("Oswestry Disability Index %.1f%%", in.ODI.Percent),
			Rule:    fmt.Sprintf("moderate disability (%s%%): start at the gentlest level", intake.ODIBandRange(stretchwise.ODIModerate)),
			Source:  srcODIMod}
		b.add(r)
		gentle = append(gentle, r)
	} else {
		b.add(stretchwise.Reason{Code: CodeODIMinimal,
			Finding: fmt.Sprintf("Oswestry Disability Index %.1f%%", in.ODI.Percent),
			Rule:    fmt.Sprintf("minimal disability (%s%%): the default doses apply", intake.ODIBandRange(stretchwise.ODIMinimal)),
			Source:  srcODI})
	}
	nprs := *in.Intake.NPRS // present: only an emergency intake may leave it out
	noStretch := nprs > b.cfg.PainNoStretchAbove
	var painReason stretchwise.Reason
	switch {
	case noStretch:
		painReason = stretchwise.Reason{Code: CodePainTooHigh,
			Finding: fmt.Sprintf("pain now %d/10", nprs),
			Rule:    fmt.Sprintf("pain above %d/10 is not acceptable for exercise: no stretching today, only gentle stability work at the lowest level, and stop if it hurts more; if the pain does not settle, see a clinician", b.cfg.PainNoStretchAbove),
			Source:  srcPain}
		b.add(painReason)
		gentle = append(gentle, painReason)
	case nprs >= b.cfg.PainGentleFrom:
		painReason = stretchwise.Reason{Code: CodePainAcceptable,
			Finding: fmt.Sprintf("pain now %d/10", nprs),
			Rule:    fmt.Sprintf("pain %d-%d/10 is acceptable: start at the gentlest level and keep it from rising", b.cfg.PainGentleFrom, b.cfg.PainNoStretchAbove),
			Source:  srcPain}
		b.add(painReason)
		gentle = append(gentle, painReason)
	default:
		b.add(stretchwise.Reason{Code: CodePainSafe,
			Finding: fmt.Sprintf("pain now %d/10", nprs),
			Rule:    fmt.Sprintf("pain 0-%d/10 is in the safe zone", b.cfg.PainGentleFrom-1),
			Source:  srcPain})
	}
	if r, ok := b.newPainUnknown(); ok {
		b.add(r)
	}

	lumbar := b.birdDog()
	hips := b.thomas()
	var kneel *stretchwise.Reason
	if hips.reason.Code == CodeThomasTight {
		kneel = b.kneelForm()
	} else if b.sc.kneel.verdict != "" {
		b.add(stretchwise.Reason{Code: CodeKneelNotIndicated,
			Finding: "you sent a half-kneeling stretch check, but no hip test found tight hip flexors",
			Rule:    "the half-kneeling stretch is only prescribed for tight hip flexors",
			Source:  srcThomas})
	}
	mild := stretchwise.Reason{Code: CodeMildIntensity,
		Finding: "stretching hurt your back before",
		Rule:    "stretch only to mild tension, at most 3-4 out of 10; the session guard eases you off above that",
		Source:  srcIntensity}

	for _, e := range b.lib.Exercises {
		level := e.DefaultLevel
		var rs []stretchwise.Reason
		isStretch := e.Kind == library.KindStretch
		switch {
		case e.ID == string(stretchwise.ExerciseHalfKneeling):
			if hips.reason.Code != CodeThomasTight {
				continue // not indicated; the plan-level reason says why
			}
			if noStretch {
				b.avoid(e, painReason)
				continue
			}
			rs = append(rs, hips.reason)
			if hips.rectus != nil {
				rs = append(rs, *hips.rectus)
			}
			if kneel != nil {
				rs = append(rs, *kneel)
				if kneel.Code == CodeKneelFaults {
					level = 1
				}
			}
		case e.MovesLumbarSpine:
			allowed, r := lumbar.allows(e)
			if !allowed {
				b.avoid(e, r)
				continue
			}
			if noStretch {
				b.avoid(e, painReason)
				continue
			}
			rs = append(rs, r)
			if lumbar.gentle {
				level = 1
			}
		case e.Kind == library.KindStability:
			if e.ID == string(stretchwise.ExerciseBirdDog) && lumbar.stability != nil {
				rs = append(rs, *lumbar.stability)
				if lumbar.gentle {
					level = 1
				}
			}
			rs = append(rs, stretchwise.Reason{Code: CodeStability,
				Finding: "the " + strings.ToLower(e.Name) + " trains " + e.Targets,
				Rule:    "stability work for the trunk and hips, without bending or twisting the low back",
				Source:  srcStability})
		case e.Kind == library.KindStretch: // hip stretches that keep the back still
			if noStretch {
				b.avoid(e, painReason)
				continue
			}
			rs = append(rs, stretchwise.Reason{Code: CodeHipStretch,
				Finding: "the " + strings.ToLower(e.Name) + " stretches " + e.Targets,
				Rule:    "hips over the back: stretch the hip while the low back stays still",
				Source:  srcHipStretch})
		default:
			// A library entry no rule covers (a mobility exercise that
			// keeps the back still) is not prescribed until it has one.
			continue
		}
		if isStretch {
			rs = append(rs, mild)
		}
		if isStretch && in.Intake.Age >= b.cfg.OlderAdultAge {
			rs = append(rs, stretchwise.Reason{Code: CodeOlderAdultHolds,
				Finding: fmt.Sprintf("age %d", in.Intake.Age),
				Rule:    "longer holds (30-60 s) suit older adults; the dose reaches 30 s holds at level 3, once your back has settled at the lower levels",
				Source:  "ACSM: hold 30-60 s in older adults; starting lower is not from a study; we chose this because this back hurt after stretching"})
		}
		if len(gentle) > 0 && level > 1 {
			level = 1
			g := gentle[0]
			rs = append(rs, stretchwise.Reason{Code: CodeGentlestLevel,
				Finding: g.Finding + " (" + gentleLabel[g.Code] + ")", Rule: "start at level 1, the gentlest step", Source: g.Source})
		}
		d := b.lib.Dose(e, level)
		if e.ID == string(stretchwise.ExerciseHalfKneeling) && !hips.sidesUnknown {
			d.Sides = hips.sides
		}
		b.do(e, d, rs...)
	}
}

// gentleLabel names each reason that starts every exercise at level 1.
var gentleLabel = map[string]string{
	CodeStartBackMedium: "STarT Back medium risk",
	CodeODIModerate:     "moderate disability",
	CodePainAcceptable:  "pain 4-5 out of 10 is acceptable if it does not rise",
	CodePainTooHigh:     "pain above 5 out of 10",
}

// newPainUnknown returns a reason when the age would make new pain a red
// flag but the intake did not say whether the pain is new.
func (b *builder) newPainUnknown() (stretchwise.Reason, bool) {
	in := b.in.Intake
	if in.NewPain != nil || (in.Age <= b.cfg.NewPainOver && in.Age >= b.cfg.NewPainUnder) {
		return stretchwise.Reason{}, false
	}
	return stretchwise.Reason{Code: CodeNewPainUnknown,
		Finding: fmt.Sprintf("age %d, and the intake does not say whether this pain is new", in.Age),
		Rule:    fmt.Sprintf("if this back pain is new, see a clinician before starting: new pain over age %d or under %d is a red flag (answer the question whether this pain is new, in the questionnaire, to settle it)", b.cfg.NewPainOver, b.cfg.NewPainUnder),
		Source:  srcRefer}, true
}

// lumbarRule is what the bird-dog screen allows for exercises that move the
// lumbar spine.
type lumbarRule struct {
	verdict   string
	reason    stretchwise.Reason  // for the lumbar exercises
	stability *stretchwise.Reason // for the bird dog itself
	gentle    bool                // start the allowed ones at level 1
}

// allows reports whether lumbar exercise e may be done under the screen.
// A caution verdict keeps the rotation stretch out (the most loaded of the
// three: end-range twist); our choice, stated in the reason.
func (l lumbarRule) allows(e library.Exercise) (bool, stretchwise.Reason) {
	switch l.verdict {
	case stretchwise.VerdictStable:
		return true, l.reason
	case stretchwise.VerdictCaution:
		if e.ID == "supine-lumbar-rotation" {
			r := l.reason
			r.Rule = "some low-back motion in the bird dog: no twisting stretch of the lumbar spine yet; gentle bending only"
			r.Source += "; we keep the twisting stretch out while the low back moves some"
			return false, r
		}
		return true, l.reason
	}
	return false, l.reason
}

func (b *builder) birdDog() lumbarRule {
	sc := b.sc.birdDog
	l := lumbarRule{verdict: sc.verdict}
	roll := b.rollFinding(sc)
	switch sc.verdict {
	case stretchwise.VerdictStable:
		l.reason = stretchwise.Reason{Code: CodeBirdDogStable,
			Finding: "your bird dog test showed a steady low back and pelvis" + roll,
			Rule:    "good control: gentle back stretches that move the lumbar spine are allowed",
			Source:  srcBirdDog}
	case stretchwise.VerdictCaution:
		l.reason = stretchwise.Reason{Code: CodeBirdDogCaution,
			Finding: "your bird dog test showed some low-back and pelvis motion" + roll,
			Rule:    "some motion: gentle back bending at the lowest level only, no twisting, and stability work",
			Source:  srcBirdDog}
		l.gentle = true
	case stretchwise.VerdictUnstable:
		l.reason = stretchwise.Reason{Code: CodeBirdDogUnstable,
			Finding: "your bird dog test showed the low back and pelvis moving too much" + roll,
			Rule:    "poor control: no back stretches that move the lumbar spine; stability work instead",
			Source:  srcBirdDog}
		l.gentle = true
	default:
		l.reason = unjudged(sc, "bird dog test",
			stretchwise.Reason{Code: CodeBirdDogUnjudged, Source: srcUnjudged,
				Rule: "lumbar stretches stay locked until a bird dog test shows control; repeat it from behind, in good light"},
			stretchwise.Reason{Code: CodeBirdDogNotScreened, Source: srcNoBirdDog,
				Rule: "lumbar stretches stay locked until a bird dog test shows control; record one from behind"})
	}
	b.add(l.reason)
	if sc.verdict == stretchwise.VerdictUnstable || sc.verdict == stretchwise.VerdictCaution {
		s := stretchwise.Reason{Code: l.reason.Code,
			Finding: l.reason.Finding,
			Rule:    "train the bird dog as a stability exercise, at the lowest level, keeping the hips level",
			Source:  srcBirdDog}
		l.stability = &s
	}
	return l
}

// rollFinding describes the largest pelvic and shoulder roll of a bird-dog
// screen, or "" without measures.
func (b *builder) rollFinding(sc screen) string {
	var parts []string
	for _, name := range []string{"pelvic_roll_deg", "shoulder_roll_deg"} {
		if m, ok := worst(sc.measures, name); ok {
			parts = append(parts, strings.ReplaceAll(strings.TrimSuffix(name, "_deg"), "_", " ")+" "+describe(m))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (largest " + strings.Join(parts, ", ") + ")"
}

// hipRule is what the Thomas test says about the half-kneeling stretch.
type hipRule struct {
	reason       stretchwise.Reason
	rectus       *stretchwise.Reason
	sides        []stretchwise.Side
	sidesUnknown bool
}

func (b *builder) thomas() hipRule {
	sc := b.sc.thomas
	var h hipRule
	switch sc.verdict {
	case stretchwise.VerdictTight:
		h.sides, h.sidesUnknown = sc.tightSides, sc.sidesUnknown || len(sc.tightSides) == 0
		where := "on both sides or an unnamed side"
		if !h.sidesUnknown {
			var ss []string
			for _, s := range h.sides {
				ss = append(ss, string(s))
			}
			where = "on the " + strings.Join(ss, " and ") + " side"
		}
		f := "your hip test found tight hip flexors " + where
		if m, ok := worst(sc.measures, "hip_angle_deg"); ok {
			f += fmt.Sprintf(" (thigh %s above horizontal)", describe(m))
		}
		h.reason = stretchwise.Reason{Code: CodeThomasTight, Finding: f,
			Rule:   "tight hip flexors: do the half-kneeling hip flexor stretch, pelvis tucked, on the tight side",
			Source: srcThomas}
		for _, m := range sc.measures {
			if m.Name == "knee_angle_deg" && m.Value < b.cfg.RectusFemorisKneeDeg {
				r := stretchwise.Reason{Code: CodeThomasRectus,
					Finding: "your knee bent only " + describe(m) + " in the hip test",
					Rule:    fmt.Sprintf("knee bend below %.0f deg points to a short muscle at the front of the thigh; the same stretch covers it, with the back knee bent", b.cfg.RectusFemorisKneeDeg),
					Source:  srcThomas}
				h.rectus = &r
				break
			}
		}
	case stretchwise.VerdictNormal:
		h.reason = stretchwise.Reason{Code: CodeThomasNormal,
			Finding: "your hip test found normal hip flexor length",
			Rule:    "no tight hip flexors: the half-kneeling stretch is not needed",
			Source:  srcThomas}
	default:
		h.reason = unjudged(sc, "hip test",
			stretchwise.Reason{Code: CodeThomasUnjudged, Source: srcNoThomas,
				Rule: "the half-kneeling stretch is not prescribed on a guess; repeat the hip test from the side"},
			stretchwise.Reason{Code: CodeThomasNotScreened, Source: srcNotThomas,
				Rule: "hip flexor length is unknown, so the half-kneeling stretch is not prescribed; record a hip test from the side"})
	}
	b.add(h.reason)
	return h
}

// kneelForm returns the reason from a half-kneeling form check, or nil when
// there was none.
func (b *builder) kneelForm() *stretchwise.Reason {
	sc := b.sc.kneel
	var r stretchwise.Reason
	switch sc.verdict {
	case stretchwise.VerdictGood:
		r = stretchwise.Reason{Code: CodeKneelGood,
			Finding: "your half-kneeling stretch check showed good form",
			Rule:    "keep the pelvis tucked as you did",
			Source:  srcKneel}
	case stretchwise.VerdictFaults:
		var codes, words []string
		for _, f := range sc.findings {
			if !slices.Contains(codes, f.Code) {
				codes = append(codes, f.Code)
				words = append(words, kneelFaultWords(f.Code))
			}
		}
		f := "your half-kneeling stretch check showed faults"
		if len(codes) > 0 {
			f += " (" + strings.Join(words, "; ") + ")"
		}
		rule := "start at the gentlest level and fix the form first: squeeze the buttock of the kneeling leg, tuck the pelvis, hips forward only a little"
		if slices.Contains(codes, "trunk_lean_back") {
			rule = "your low back arched: " + rule
		}
		r = stretchwise.Reason{Code: CodeKneelFaults, Finding: f, Rule: rule, Source: srcKneel}
	case stretchwise.VerdictInconclusive:
		r = stretchwise.Reason{Code: CodeKneelUnjudged,
			Finding: "your half-kneeling stretch check could not be judged (" + firstReasons(sc.inconclusive) + ")",
			Rule:    "no form feedback yet; film it from the side to check it",
			Source:  srcNoKneel}
	default:
		return nil
	}
	b.add(r)
	return &r
}

// unjudged is the reason of a screen without a verdict, given what it is
// ("bird dog test"): the reason inconclusive when it could not be judged,
// with its first reasons, else missing, as no such screen was made.
func unjudged(sc screen, what string, inconclusive, missing stretchwise.Reason) stretchwise.Reason {
	if sc.verdict == stretchwise.VerdictInconclusive {
		inconclusive.Finding = "your " + what + " could not be judged (" + firstReasons(sc.inconclusive) + ")"
		return inconclusive
	}
	missing.Finding = "no " + what + " yet"
	return missing
}

// maxShownReasons is how many of an inconclusive report's reasons the plan
// quotes. Our choice, because the first reasons say why and the rest repeat
// details the report itself keeps.
const maxShownReasons = 2

// firstReasons quotes the first reasons of inconclusive reports.
func firstReasons(rs []string) string {
	if len(rs) == 0 {
		return "the report gave no reason"
	}
	if len(rs) > maxShownReasons {
		return strings.Join(rs[:maxShownReasons], "; ") + "; ..."
	}
	return strings.Join(rs, "; ")
}

// kneelFaultWords says a half-kneeling finding code in plain words; an
// unknown code is said as "a form fault", never as the code.
func kneelFaultWords(code string) string {
	switch code {
	case "front_knee":
		return "front knee far from a right angle"
	case "back_knee":
		return "back knee far from a right angle"
	case "trunk_lean_back":
		return "low back arched"
	case "trunk_lean_forward":
		return "leaning forward"
	case "hips_not_forward":
		return "hips not forward enough to stretch"
	}
	return "a form fault"
}
