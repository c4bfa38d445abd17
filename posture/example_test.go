package posture_test

import (
	"fmt"

	"github.com/stretchwise/stretchwise/posture"
)

// The yaw of the body's left-right axis names the camera view: 0 when the
// person faces the camera, 90 when their left side does.
func ExampleViewOf() {
	for _, yaw := range []float64{0, 50, 90, 170, -100} {
		fmt.Println(yaw, posture.ViewOf(yaw))
	}
	// Output:
	// 0 front
	// 50 front-left
	// 90 left
	// 170 rear
	// -100 right
}
