package coach_test

import (
	"fmt"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/coach"
)

// The browser creates one coach per session and feeds it every camera
// frame; Output says what to show and speak.
func ExampleCoach_Update() {
	c := coach.New(coach.DefaultConfig)
	frame := stretchwise.Frame{T: 0} // no person in view
	out := c.Update(&frame, 16.0/9)
	fmt.Println(out.State, out.HoldS, out.Cue == coach.CueNone)
	// Output: getting_into_position 0 true
}

// The cue codes are stable: the web app keys speech and translations on
// them.
func ExampleCues() {
	for _, q := range coach.Cues() {
		fmt.Printf("%s: %s\n", q, q.Text())
	}
	// Output:
	// turn_sideways: Turn sideways to the camera so it can see your hips and knees
	// get_in_position: Kneel on one knee with the other foot flat in front of you
	// tuck_tailbone: Don't arch your low back: tuck your tailbone
	// sit_tall: Sit tall: bring your chest up over your hips
	// shift_hips: Squeeze the glute of your back leg and shift your hips forward a little
	// front_knee: Bring your front knee over your ankle
	// back_knee: Rest your back shin on the floor, knee under your hip
	// good_form: That's it: hold it there and breathe easy
	// hold_done: Well done: ease out of the stretch
	// all_fours: Get on your hands and knees: hands under your shoulders, knees under your hips
	// reach: Slowly reach one arm forward and the opposite leg back
	// hips_level: Keep your hips level: don't let them tip toward the lifted leg
	// shoulders_level: Keep your shoulders level: push the floor away with your supporting hand
	// limbs_lower: Lower your arm and leg a little: level with your back, no higher
	// reach_further: Reach a little further: arm and leg level with your back
	// hold_still: Hold still: slow and steady
	// steady: That's it: hold it steady and keep breathing
	// hold_done_bird_dog: Good hold. Lower your arm and leg slowly
	// lower_camera: The camera is too high: lower it to about the height of your hips
	// see_clearly: I can't see your joints clearly enough: add light, move the camera closer and wear close-fitting clothes
	// show_knees: I can't see your hips and knees: move the camera, or what stands in front of it, so that your whole body is in the picture
	// out_of_picture: Part of your body is out of the picture: move the camera further back.
}
