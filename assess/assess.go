// Package assess holds what every exercise assessment shares: the input the
// analysis pipeline hands to an assessment, and small helpers to build an
// honest report. Each test lives in its own sub-package (birddog, thomas,
// kneel) with a function
//
//	func Assess(in *assess.Input, cfg Config) stretchwise.Report
//
// that never guesses: when the view, the visibility or the movement cannot
// support a verdict, it returns VerdictInconclusive with the reasons.
package assess

import (
	"slices"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/geom"
)

// Input is a recording prepared by the analysis pipeline.
type Input struct {
	// Raw is the recording as read and validated.
	Raw *stretchwise.Recording
	// Clean has the same frames after outlier rejection, gap filling and
	// zero-phase low-pass filtering of the landmarks (package filter).
	// Landmarks below the visibility gate keep their low visibility unless
	// a short gap was filled. The analysis cleans only the image landmarks
	// of geom.AngleLandmarks; the others and the world landmarks are as
	// recorded (see analysis.Options.Filter).
	Clean *stretchwise.Recording
	// View is the camera view used for the analysis: the one the user
	// gave (the CLI's --view), else the header's when it gave one, else the
	// one recognised from the landmarks (ViewUnknown when it could not be).
	View stretchwise.View
	// ViewFromHeader says whether View was given (by the header or the
	// user) rather than recognised from the landmarks.
	ViewFromHeader bool
	// InferredView is the view recognised from the landmarks (package
	// posture), whatever View is; ViewUnknown when it could not be told.
	// An assessment may use it to say which view the recording really shows.
	InferredView stretchwise.View
	// Postures has one recognised posture per frame of Clean.
	Postures []stretchwise.Posture
	// Gate is the landmark visibility (0..1) below which a landmark is not
	// used for a measure.
	Gate float64
}

// NewReport returns the report of an exercise seen from view before the
// assessment fills it: no verdict, and measures, findings and reasons empty
// rather than nil, so that the JSON has [] where there are none.
func NewReport(ex stretchwise.Exercise, view stretchwise.View) stretchwise.Report {
	return stretchwise.Report{
		Exercise: ex,
		View:     view,
		Measures: []stretchwise.Measure{},
		Findings: []stretchwise.Finding{},
		Reasons:  []string{},
	}
}

// Inconclusive returns a report with VerdictInconclusive and the reasons.
func Inconclusive(ex stretchwise.Exercise, view stretchwise.View, reasons ...string) stretchwise.Report {
	r := NewReport(ex, view)
	r.Verdict, r.Reasons = stretchwise.VerdictInconclusive, reasons
	return r
}

// Code returns codes[c], the stable code of check c of an assessment or
// the coach, or "unknown" for a c out of range.
func Code[C ~int](codes []string, c C) string {
	if c < 0 || int(c) >= len(codes) {
		return "unknown"
	}
	return codes[c]
}

// Worse returns the worse of the verdicts a and b by order, which lists
// verdicts from best to worst. A verdict not in order (inconclusive) counts
// as better than all, so that a judged verdict wins over it; on a tie it
// returns a.
func Worse(a, b string, order []string) string {
	if slices.Index(order, b) > slices.Index(order, a) {
		return b
	}
	return a
}

// Settings returns the visibility gate and the landmark noise model an
// assessment uses: those of its own configuration when set, else the
// input's gate, else geom's defaults.
func Settings(in *Input, gate float64, noise geom.Noise) (float64, geom.Noise) {
	if gate <= 0 {
		gate = in.Gate
	}
	if gate <= 0 {
		gate = geom.DefaultGate
	}
	if noise == (geom.Noise{}) {
		noise = geom.DefaultNoise
	}
	return gate, noise
}

// SideOf maps geom.Left or geom.Right to a Side.
func SideOf(i int) stretchwise.Side {
	if i == geom.Right {
		return stretchwise.SideRight
	}
	return stretchwise.SideLeft
}

// Claim returns the severity a finding about a measured value may claim,
// so that no finding is surer than its measure: v is the value, oriented
// so that larger is worse (negate the value and the thresholds when
// smaller is worse), sd its standard uncertainty, coverage the multiple
// of sd of the interval compared with the thresholds (1.645 for 90 %),
// warnAt the threshold beyond which the value is a fault and problemAt
// (at least warnAt; +Inf for none) the one beyond which it is a problem.
// It returns "" when the value is below warnAt (no finding);
// SeverityInfo when the value is past warnAt but its interval reaches
// back below it, so the measure cannot tell and the finding must say so;
// SeverityProblem when the whole interval lies beyond problemAt; and
// SeverityWarning otherwise. Every assessment's findings use it (the bird
// dog's roll, the Thomas test's tightness, the half-kneeling form faults).
func Claim(v, sd, coverage, warnAt, problemAt float64) string {
	if !(v >= warnAt) {
		return ""
	}
	lo := v - coverage*sd
	switch {
	case !(lo >= warnAt): // an unknown uncertainty cannot tell either
		return stretchwise.SeverityInfo
	case lo > problemAt:
		return stretchwise.SeverityProblem
	}
	return stretchwise.SeverityWarning
}
