package intake_test

import (
	"fmt"

	"github.com/stretchwise/stretchwise/intake"
)

// The scoring example printed with the Oswestry Disability Index: 16 points
// over all ten sections is 32 %; with one section left blank the same 16
// points are out of 45.
func ExampleScoreODI() {
	v := func(n int) *int { return &n }
	all := []*int{v(2), v(2), v(2), v(2), v(2), v(2), v(1), v(1), v(1), v(1)}
	oneBlank := []*int{v(2), v(2), v(2), v(2), v(2), v(2), v(2), v(1), v(1), nil}
	a, _ := intake.ScoreODI(all)
	b, _ := intake.ScoreODI(oneBlank)
	fmt.Printf("%.1f%% %s\n", a.Percent, a.Band)
	fmt.Printf("%.1f%% %s over %d sections\n", b.Percent, b.Band, b.Answered)
	// Output:
	// 32.0% moderate
	// 35.6% moderate over 9 sections
}

// A STarT Back answer set with total 5 and distress 4 is high risk.
func ExampleScoreStartBack() {
	s, _ := intake.ScoreStartBack([]int{1, 0, 0, 0, 1, 1, 0, 1, 1})
	fmt.Println(s.Score, s.Distress, s.Risk)
	// Output: 5 4 high
}
