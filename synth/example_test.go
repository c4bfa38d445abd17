package synth_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/synth"
)

// A bird dog with the pelvis rolling 10 deg toward the lifted leg, filmed
// from behind without noise: the recording and what really happened.
func ExampleGenerate() {
	m := synth.BirdDog(synth.BirdDogParams{
		Arms:   []stretchwise.Side{stretchwise.SideLeft},
		Faults: []synth.FaultSpec{{Name: synth.FaultPelvicRoll, Value: 10}},
	})
	rec, truth := synth.Generate(m, synth.AverageBody(), synth.CameraFor(stretchwise.ViewRear),
		synth.NoiseNone, 30, rand.New(rand.NewPCG(1, 2)))
	fmt.Println(rec.Header.View, rec.Header.Exercise, len(rec.Frames), "frames")
	for _, ph := range truth.Phases {
		fmt.Printf("%-8s %-5s %4.1f-%4.1f s\n", ph.Name, ph.Side, ph.StartS, ph.EndS)
	}
	f := truth.Frames[7*30] // mid-hold
	fmt.Printf("at %.0f s: pelvis turned %.1f deg; hip line %.1f deg in 3D, %.1f deg in the image\n",
		f.T, f.Set["pelvic_rotation_deg"], f.Angles3D[synth.PelvicRoll], f.Angles2D[synth.PelvicRoll])
	// Output:
	// rear bird-dog 406 frames
	// baseline        0.0- 3.0 s
	// reach    left   3.0- 4.5 s
	// hold     left   4.5-10.5 s
	// return   left  10.5-12.0 s
	// rest           12.0-13.5 s
	// at 7 s: pelvis turned -10.0 deg; hip line -9.6 deg in 3D, -9.3 deg in the image
}
