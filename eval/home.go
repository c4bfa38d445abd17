package eval

import (
	"math/rand/v2"

	"github.com/stretchwise/stretchwise/synth"
)

// Home conditions: what a camera at home adds to a battery's case when
// `--conditions home` is given (docs/synth.md, "Homes"). They are drawn
// from the case's own seed with a stream of their own, so the studio
// battery (the default) draws exactly what it drew before.

// ConditionsStudio and ConditionsHome are the values of Options.Conditions.
const (
	ConditionsStudio = "studio"
	ConditionsHome   = "home"
)

// homeConditions is one case's home setting; the zero value is the studio.
type homeConditions struct {
	on        bool
	elevation float64     // camera elevation, deg (0-50)
	hfov, k1  float64     // lens: field of view (0 = synth's default) and barrel distortion
	fill      float64     // share of the image the person fills (above 1: limbs leave it)
	occluder  *synth.Rect // furniture, nil for none
	loose     bool        // loose clothing (synth.NoiseLoose's shared body-part errors)
	pauseS    float64     // bird dog: rest between reaches, s (0 = the default 1.5)
	switchS   float64     // half kneeling: a kneeling hamstring stretch after the release, s (0 = none)
}

// drawHome draws the home conditions of a case from its seed. Our choice
// of shares: every case gets a camera 0-50 deg above the body; half a
// wide-angle lens (90-110 deg, k1 -0.05 to -0.25); a quarter each limbs
// leaving the picture (fill 1.05-1.25), furniture over a third of the
// image's lower part, loose clothing, and (bird dog) pauses of 3-8 s
// between reaches or (half kneeling) a switch to a hamstring stretch.
func drawHome(seed uint64) homeConditions {
	rng := rand.New(rand.NewPCG(seed, 0x40e))
	h := homeConditions{on: true, elevation: 50 * rng.Float64(), fill: synth.DefaultFill}
	if rng.IntN(2) == 0 {
		h.hfov, h.k1 = 90+20*rng.Float64(), -0.05-0.2*rng.Float64()
	}
	if rng.IntN(4) == 0 {
		h.fill = 1.05 + 0.2*rng.Float64()
	}
	if rng.IntN(4) == 0 {
		x0 := 0.7 * rng.Float64()
		h.occluder = &synth.Rect{X0: x0, Y0: 0.75, X1: x0 + 0.3, Y1: 1}
	}
	h.loose = rng.IntN(4) == 0
	if rng.IntN(4) == 0 {
		h.pauseS = 3 + 5*rng.Float64()
		h.switchS = 4
	}
	return h
}

// camera applies the conditions to a camera.
func (h homeConditions) camera(cam *synth.Camera) {
	if !h.on {
		return
	}
	cam.ElevationDeg = h.elevation
	cam.HFOVDeg, cam.DistortionK1, cam.FillFraction = h.hfov, h.k1, h.fill
	if h.occluder != nil {
		cam.Occluders = []synth.Rect{*h.occluder}
	}
}

// noise applies loose clothing to a noise preset: synth.NoiseLoose's
// shared body-part errors and doubled bias on top of the preset.
func (h homeConditions) noise(n synth.Noise) synth.Noise {
	if h.loose {
		n.GroupSigmaNorm, n.GroupCorrTimeS = synth.NoiseLoose.GroupSigmaNorm, synth.NoiseLoose.GroupCorrTimeS
		n.BiasNorm *= 2
	}
	return n
}

// homeGroups are the rows of a battery's table by home condition: a name
// and whether a case's conditions belong to it.
var homeGroups = []struct {
	name string
	in   func(h homeConditions) bool
}{
	{"camera 0-20 deg up", func(h homeConditions) bool { return h.elevation < 20 }},
	{"camera 20-35 deg up", func(h homeConditions) bool { return h.elevation >= 20 && h.elevation < 35 }},
	{"camera 35-50 deg up", func(h homeConditions) bool { return h.elevation >= 35 }},
	{"wide-angle lens with distortion", func(h homeConditions) bool { return h.k1 != 0 }},
	{"limbs leaving the picture", func(h homeConditions) bool { return h.fill > 1 }},
	{"furniture in front", func(h homeConditions) bool { return h.occluder != nil }},
	{"loose clothing", func(h homeConditions) bool { return h.loose }},
	{"pause (bird dog) or switch of exercise (half kneeling)", func(h homeConditions) bool { return h.pauseS > 0 }},
}

// conditionsWords describes the battery's conditions for its header.
func conditionsWords(cond string) string {
	if cond == ConditionsHome {
		return "home conditions: camera 0-50 deg above the body, half with a wide-angle lens (90-110 deg, barrel distortion), a quarter each with limbs leaving the picture, furniture in front, loose clothing, pauses or a switch of exercise"
	}
	return "studio conditions"
}

// eachHome calls f, for each home condition, with its name and the units
// in that condition.
func eachHome[T any](units []T, cond func(T) homeConditions, f func(name string, sub []T)) {
	for _, g := range homeGroups {
		var sub []T
		for _, u := range units {
			if g.in(cond(u)) {
				sub = append(sub, u)
			}
		}
		f(g.name, sub)
	}
}
