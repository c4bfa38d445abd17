package coach

import (
	"math"

	"github.com/stretchwise/stretchwise/assess/kneel"
	"github.com/stretchwise/stretchwise/framing"
)

// CueCode identifies a cue. Its String is a stable code the web app keys
// speech and translations on; Text is the English wording.
type CueCode uint8

// The cues. CueNone means "say nothing".
const (
	CueNone CueCode = iota
	CueTurnSideways
	CueGetInPosition
	CueTuckTailbone // trunk_lean_back: the low-back arch
	CueSitTall      // trunk_lean_forward
	CueShiftHips    // hips_not_forward
	CueFrontKnee    // front_knee
	CueBackKnee     // back_knee
	CueGoodForm     // form became good
	CueHoldDone     // the good-form hold reached the target
	// The bird dog's cues (BirdDog).
	CueAllFours        // not on hands and knees
	CueReach           // on all fours, not reaching
	CueHipsLevel       // pelvic_roll
	CueShouldersLevel  // shoulder_roll
	CueLimbsLower      // limb_too_high
	CueReachFurther    // limb_too_low
	CueHoldStill       // unsteady
	CueGoodFormBirdDog // the reach became steady and level
	CueHoldDoneBirdDog // the steady hold reached the target
	// CueLowerCamera: the half-kneeling coach cannot judge the form from
	// a camera this high (kneel.CameraRules).
	CueLowerCamera
	// CueSeeClearly: the half-kneeling coach cannot judge the form while
	// the landmarks jitter this much (kneel.CameraRules.UnsteadyDeg).
	CueSeeClearly
	// CueShowKnees: the half-kneeling coach cannot see a hip or knee
	// (kneel.Track.HiddenSince), so it cannot recognise the position.
	CueShowKnees
	// CueOutOfPicture: the half-kneeling coach cannot judge the form
	// while a body part it needs is out of the picture (Output.Part
	// names it; kneel.TrackConfig.OutS).
	CueOutOfPicture
	numCues
)

// cueInfo is the stable code, the wording and the priority of a cue
// (higher is more important).
var cueInfo = [numCues]struct {
	code, text string
	priority   int
}{
	CueNone:          {"none", "", 0},
	CueTurnSideways:  {"turn_sideways", "Turn sideways to the camera so it can see your hips and knees", 40},
	CueGetInPosition: {"get_in_position", "Kneel on one knee with the other foot flat in front of you", 30},
	CueTuckTailbone:  {"tuck_tailbone", "Don't arch your low back: tuck your tailbone", 100},
	CueSitTall:       {"sit_tall", "Sit tall: bring your chest up over your hips", 90},
	CueShiftHips:     {"shift_hips", "Squeeze the glute of your back leg and shift your hips forward a little", 80},
	CueFrontKnee:     {"front_knee", "Bring your front knee over your ankle", 70},
	CueBackKnee:      {"back_knee", "Rest your back shin on the floor, knee under your hip", 60},
	CueGoodForm:      {"good_form", "That's it: hold it there and breathe easy", 20},
	CueHoldDone:      {"hold_done", "Well done: ease out of the stretch", 50},

	CueAllFours:        {"all_fours", "Get on your hands and knees: hands under your shoulders, knees under your hips", 40},
	CueReach:           {"reach", "Slowly reach one arm forward and the opposite leg back", 30},
	CueHipsLevel:       {"hips_level", "Keep your hips level: don't let them tip toward the lifted leg", 100},
	CueShouldersLevel:  {"shoulders_level", "Keep your shoulders level: push the floor away with your supporting hand", 90},
	CueLimbsLower:      {"limbs_lower", "Lower your arm and leg a little: level with your back, no higher", 80},
	CueReachFurther:    {"reach_further", "Reach a little further: arm and leg level with your back", 70},
	CueHoldStill:       {"hold_still", "Hold still: slow and steady", 60},
	CueGoodFormBirdDog: {"steady", "That's it: hold it steady and keep breathing", 20},
	CueHoldDoneBirdDog: {"hold_done_bird_dog", "Good hold. Lower your arm and leg slowly", 50},

	CueLowerCamera: {"lower_camera", "The camera is too high: lower it to about the height of your hips", 45},
	CueSeeClearly:  {"see_clearly", "I can't see your joints clearly enough: add light, move the camera closer and wear close-fitting clothes", 44},
	CueShowKnees:   {"show_knees", "I can't see your hips and knees: move the camera, or what stands in front of it, so that your whole body is in the picture", 43},
	// The words of package framing, which the camera check, the screening
	// and the report use too; the part is named when known (cueText).
	CueOutOfPicture: {"out_of_picture", framing.LiveMessage(framing.Note{Problem: framing.OutOfPicture}), 46},
}

// outOfPictureText is the out-of-picture cue for each body part of
// framing.Parts, made once so that a frame's answer allocates nothing.
var outOfPictureText = func() map[string]string {
	m := make(map[string]string, len(framing.Parts))
	for _, p := range framing.Parts {
		m[p.Name] = framing.LiveMessage(framing.Note{Problem: framing.OutOfPicture, Part: p.Name})
	}
	return m
}()

// cueText is the wording of cue q; for CueOutOfPicture it names part
// when part is one of framing.Parts.
func cueText(q CueCode, part string) string {
	if s, ok := outOfPictureText[part]; ok && q == CueOutOfPicture {
		return s
	}
	return q.Text()
}

// String returns the cue's stable code, e.g. "tuck_tailbone".
func (c CueCode) String() string {
	if c >= numCues {
		return "unknown"
	}
	return cueInfo[c].code
}

// Text returns the cue's English wording; "" for CueNone.
func (c CueCode) Text() string {
	if c >= numCues {
		return ""
	}
	return cueInfo[c].text
}

// Priority returns the cue's priority: when several cues are due, the one
// with the highest priority is given. The low-back arch comes first,
// because that is what hurts a sore back.
func (c CueCode) Priority() int {
	if c >= numCues {
		return 0
	}
	return cueInfo[c].priority
}

// Cues lists every cue except CueNone, for help texts and translation
// tables.
func Cues() []CueCode {
	out := make([]CueCode, 0, numCues-1)
	for c := CueNone + 1; c < numCues; c++ {
		out = append(out, c)
	}
	return out
}

// voice is the rules of speech both coaches share (docs/coach.md, "Rules
// of speech"): when the last cue and each cue were said, which cues' faults
// were corrected since, and the cue on screen; and, while a frame's cue is
// chosen, the best one offered so far.
type voice struct {
	lastCue float64 // time of the last cue, -Inf before
	said    [numCues]float64
	fixed   [numCues]bool // the fault of a cue was corrected since it was said
	showing CueCode

	doneSaid    bool // the hold-done cue was given in this repetition
	praise      bool // a positive cue is due
	praiseSince float64

	t                     float64
	repeatS, repeatFixedS float64
	praiseCue, doneCue    CueCode
	best                  CueCode
}

func (v *voice) resetVoice() {
	v.doneSaid, v.praise = false, false
	v.lastCue = math.Inf(-1)
	for i := range v.said {
		v.said[i] = math.Inf(-1)
	}
	v.fixed = [numCues]bool{}
	v.showing = CueNone
}

// holding keeps the praise due: it is due when the state has just become
// holding, and dropped rather than said late when it could not be said
// within repeatFixedS (or the hold was lost).
func (v *voice) holding(now, before bool, t, repeatFixedS float64) {
	if now && !before {
		v.praise, v.praiseSince = true, t
	}
	if !now || t-v.praiseSince > repeatFixedS {
		v.praise = false
	}
}

// begin starts choosing the cue of the frame at t: false while the cooldown
// since the last cue runs. praise is the coach's good-form cue, which may
// come again after repeatFixedS; done its hold-done cue.
func (v *voice) begin(t, cooldownS, repeatS, repeatFixedS float64, praise, done CueCode) bool {
	v.t, v.repeatS, v.repeatFixedS, v.praiseCue, v.doneCue, v.best = t, repeatS, repeatFixedS, praise, done, CueNone
	return t-v.lastCue >= cooldownS
}

// holdCue offers the hold-done cue once the target is reached (once a
// repetition), else the praise when it is due.
func (v *voice) holdCue(done bool) {
	if done && !v.doneSaid {
		v.consider(v.doneCue)
	} else if v.praise {
		v.consider(v.praiseCue)
	}
}

// consider offers cue q: it becomes the frame's cue if it is due again and
// more important than the best so far.
func (v *voice) consider(q CueCode) {
	wait := v.repeatS
	if v.fixed[q] || q == v.praiseCue {
		// Praise follows a change to good form, which is new each time.
		wait = v.repeatFixedS
	}
	if q == CueNone || v.t-v.said[q] < wait {
		return
	}
	if q.Priority() > v.best.Priority() {
		v.best = q
	}
}

// spoke records the frame's cue q (CueNone for none) given at t and
// returns the caption to keep showing.
func (v *voice) spoke(q CueCode, t float64) CueCode {
	if q != CueNone {
		v.lastCue, v.said[q], v.showing = t, t, q
		v.fixed[q] = false
		switch q {
		case v.praiseCue:
			v.praise = false
		case v.doneCue:
			v.doneSaid = true
		}
	}
	return v.showing
}

// checkCue is the cue of each kneel check.
var checkCue = [kneel.NumChecks]CueCode{
	kneel.CheckTrunkLeanBack:    CueTuckTailbone,
	kneel.CheckTrunkLeanForward: CueSitTall,
	kneel.CheckHipsNotForward:   CueShiftHips,
	kneel.CheckFrontKnee:        CueFrontKnee,
	kneel.CheckBackKnee:         CueBackKnee,
}

// CueFor returns the cue that corrects check c.
func CueFor(c kneel.Check) CueCode {
	if c < 0 || c >= kneel.NumChecks {
		return CueNone
	}
	return checkCue[c]
}
