package synth

import (
	"math"
	"math/rand/v2"
)

// sway is slow, smooth body sway: a sum of three sines per channel with
// frequencies near 0.13, 0.29 and 0.47 Hz (our choice, the band of
// postural sway in quiet stance and kneeling) and random phases, scaled to
// an RMS of 1. The zero value is still.
type sway struct {
	freq, phase [][3]float64
}

// newSway draws channels of sway from seed.
func newSway(seed uint64, channels int) sway {
	rng := rand.New(rand.NewPCG(seed, 0x5a5a))
	s := sway{freq: make([][3]float64, channels), phase: make([][3]float64, channels)}
	base := [3]float64{0.13, 0.29, 0.47}
	for c := range s.freq {
		for k := range base {
			s.freq[c][k] = base[k] * (0.8 + 0.4*rng.Float64())
			s.phase[c][k] = 2 * math.Pi * rng.Float64()
		}
	}
	return s
}

// swayAmp are the relative amplitudes of the three sines; swayNorm makes
// their sum's RMS 1.
var (
	swayAmp  = [3]float64{1, 0.6, 0.3}
	swayNorm = 1 / math.Sqrt((1+0.36+0.09)/2)
)

// at returns channel c at time t (RMS 1), or 0 for the zero sway.
func (s sway) at(c int, t float64) float64 {
	if c >= len(s.freq) {
		return 0
	}
	var v float64
	for k, a := range swayAmp {
		v += a * math.Sin(2*math.Pi*s.freq[c][k]*t+s.phase[c][k])
	}
	return v * swayNorm
}
