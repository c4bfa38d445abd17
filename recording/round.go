package recording

import (
	"math"

	"github.com/stretchwise/stretchwise"
)

// The decimal places the web app writes (web/src/recording.ts): normalized
// image coordinates to 5, world metres and visibility to 4, time in seconds
// to 6.
const (
	WebImageDecimals = 5
	WebWorldDecimals = 4
	WebVisDecimals   = 4
	WebTimeDecimals  = 6
)

// RoundAsWeb rounds every number of rec in place as the web app does before
// upload, -0 becoming 0 as there, so that a full-precision recording (from
// package synth or an importer) becomes what the server gets from a
// browser: the load runs and upload benchmarks of docs/benchmarks.md use it.
func RoundAsWeb(rec *stretchwise.Recording) {
	for i := range rec.Frames {
		f := &rec.Frames[i]
		f.T = roundTo(f.T, WebTimeDecimals)
		roundPose(&f.Image, WebImageDecimals)
		roundPose(&f.World, WebWorldDecimals)
	}
}

func roundPose(p *stretchwise.Pose, decimals int) {
	for j := range p {
		l := &p[j]
		l.X, l.Y, l.Z = roundTo(l.X, decimals), roundTo(l.Y, decimals), roundTo(l.Z, decimals)
		l.Visibility = roundTo(l.Visibility, WebVisDecimals)
	}
}

// roundTo is the web app's round: to the nearest multiple of 10^-decimals
// (halves away from zero, as math.Round; Math.round in JavaScript rounds
// them up, which differs only for negative halves, not met in practice at
// these precisions), with -0 as 0.
func roundTo(v float64, decimals int) float64 {
	k := math.Pow10(decimals)
	r := math.Round(v*k) / k
	if r == 0 {
		return 0
	}
	return r
}
