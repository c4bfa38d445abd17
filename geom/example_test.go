package geom_test

import (
	"fmt"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/geom"
)

// A person seen from their left side in a 1280x720 image, facing image
// left, leaning slightly forward, knee bent to a right angle: hip straight
// above the knee, ankle 0.2 image heights in front of it (0.2/aspect of
// the width).
func ExampleCompute() {
	const aspect = 1280.0 / 720
	var p stretchwise.Pose
	set := func(i int, x, y float64) { p[i] = stretchwise.Landmark{X: x, Y: y, Visibility: 0.9} }
	// Shoulders 0.05 image heights ahead of the hips (the person faces left).
	set(stretchwise.LeftShoulder, 0.5-0.05/aspect, 0.2)
	set(stretchwise.RightShoulder, 0.5-0.05/aspect, 0.2)
	set(stretchwise.LeftHip, 0.5, 0.5)
	set(stretchwise.RightHip, 0.5, 0.5)
	set(stretchwise.LeftKnee, 0.5, 0.7)
	set(stretchwise.LeftAnkle, 0.5-0.2/aspect, 0.7)
	set(stretchwise.Nose, 0.5-0.05/aspect, 0.12) // nose left of the ears: facing image left
	set(stretchwise.LeftEar, 0.5, 0.1)

	var a geom.Angles
	geom.Compute(&a, &p, aspect, geom.DefaultGate)
	fmt.Printf("facing %+.0f\n", a.Facing)
	fmt.Printf("left knee flexion %.1f deg\n", a.KneeFlexion[geom.Left])
	fmt.Printf("left thigh elevation %.1f deg\n", a.ThighElevation[geom.Left])
	fmt.Printf("trunk from vertical %.1f deg\n", a.TrunkFromVertical)
	fmt.Println("right knee measured:", a.Has(geom.ValidKneeRight), a.KneeFlexion[geom.Right])
	// Output:
	// facing -1
	// left knee flexion 90.0 deg
	// left thigh elevation -90.0 deg
	// trunk from vertical 9.5 deg
	// right knee measured: false NaN
}

// Mirroring the image swaps the sides; the angles stay.
func ExampleMirrorPose() {
	var p stretchwise.Pose
	p[stretchwise.LeftHip] = stretchwise.Landmark{X: 0.4, Y: 0.5, Visibility: 1}
	p[stretchwise.LeftKnee] = stretchwise.Landmark{X: 0.6, Y: 0.5, Visibility: 1}
	p[stretchwise.LeftAnkle] = stretchwise.Landmark{X: 0.6, Y: 0.7, Visibility: 1}
	var m stretchwise.Pose
	geom.MirrorPose(&m, &p)
	k, _ := geom.KneeFlexion2D(&p, geom.Left, 1, geom.DefaultGate)
	km, _ := geom.KneeFlexion2D(&m, geom.Right, 1, geom.DefaultGate)
	fmt.Printf("left knee %.0f deg, mirrored right knee %.0f deg\n", k, km)
	// Output:
	// left knee 90 deg, mirrored right knee 90 deg
}
