// Package analysis is the pipeline every exercise assessment plugs into:
// validate a recording, clean its landmarks (package filter), recognise the
// posture and camera view of every frame (package posture), choose the
// exercise, hand the prepared input to the exercise's assessment, and fill
// the report with what the recording itself shows: frame quality, posture
// spans, the camera view and a summary of the anatomical angles.
//
// The report never guesses. When the recording cannot support a verdict
// (no person, no exercise position, no assessment for the exercise) the
// verdict is inconclusive with the reasons in plain words. The package does
// no I/O beyond writing to an io.Writer, and compiles to WebAssembly.
package analysis

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess"
	"github.com/stretchwise/stretchwise/filter"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/geom"
	"github.com/stretchwise/stretchwise/library"
	"github.com/stretchwise/stretchwise/posture"
	"github.com/stretchwise/stretchwise/recording"
)

// Options configure an analysis. The zero value of a field means its
// default (see DefaultOptions).
type Options struct {
	// Gate is the landmark visibility (0..1) at or above which a landmark
	// is used. Default 0.5, the lower end of docs/clinical.md's 0.5-0.7.
	Gate float64
	// Filter configures the offline cleaning; nil means filter.DefaultConfig
	// restricted to the image landmarks of cleanLandmarks, the only ones the
	// pipeline reads from the cleaned recording.
	Filter *filter.Config
	// Posture configures the posture and view recognition; its Gate is
	// replaced by Gate. Nil means posture.DefaultConfig.
	Posture *posture.Config
	// Noise is the landmark noise model of the angle uncertainties. The
	// zero value means geom.DefaultNoise.
	Noise geom.Noise
	// Exercise, when set, overrides the header's exercise and the inferred
	// one (the CLI's --exercise).
	Exercise stretchwise.Exercise
	// View, when set to a valid view, overrides the header's view and the
	// inferred one (the CLI's --view).
	View stretchwise.View
	// Library holds the screenings: the exercises the analysis recognises
	// and the position each is done in. Nil means library.Default().
	Library *library.Library
}

// defaultLibrary is library.Default(), parsed once.
var defaultLibrary = sync.OnceValue(library.Default)

func (opt *Options) library() *library.Library {
	if opt.Library != nil {
		return opt.Library
	}
	return defaultLibrary()
}

// DefaultOptions are the options the CLI and the server use.
var DefaultOptions = Options{Gate: geom.DefaultGate}

// Analysis is the full result of Run: the report and the intermediate
// results the CLI's angle table and the evaluation batteries use.
type Analysis struct {
	Report *stretchwise.Report
	// Input is what the assessment was given.
	Input *assess.Input
	// Labels has the posture and view of every frame of Input.Clean.
	Labels []posture.Label
	// Angles has the anatomical angles of every frame of Input.Clean
	// (image landmarks, at the gate).
	Angles []geom.Angles
	// FilterStats describes what the cleaning changed.
	FilterStats filter.Stats
}

// Analyze runs the analysis pipeline on rec and returns its report. An
// invalid recording gives an error with code stretchwise.EINVALID naming the
// frame and field; a recording that cannot support a verdict gives a report
// with an inconclusive verdict and the reasons.
func Analyze(rec *stretchwise.Recording, opt Options) (*stretchwise.Report, error) {
	a, err := Run(rec, opt)
	if err != nil {
		return nil, err
	}
	return a.Report, nil
}

// Analyzer adapts Analyze to the stretchwise.Analyzer interface, for the
// server to re-score uploads.
type Analyzer struct{ Options Options }

// Analyze implements stretchwise.Analyzer.
func (a *Analyzer) Analyze(ctx context.Context, rec *stretchwise.Recording) (*stretchwise.Report, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return Analyze(rec, a.Options)
}

var _ stretchwise.Analyzer = (*Analyzer)(nil)

// Run is Analyze with the intermediate results.
func Run(rec *stretchwise.Recording, opt Options) (*Analysis, error) {
	if err := recording.Validate(rec); err != nil {
		return nil, fmt.Errorf("analyze: %w", err)
	}
	if opt.Gate <= 0 || opt.Gate > 1 {
		opt.Gate = geom.DefaultGate
	}
	if opt.Noise == (geom.Noise{}) {
		opt.Noise = geom.DefaultNoise
	}
	fcfg := filter.DefaultConfig
	fcfg.Landmarks, fcfg.SkipWorld = cleanLandmarks, true
	if opt.Filter != nil {
		fcfg = *opt.Filter
	}
	pcfg := posture.DefaultConfig
	if opt.Posture != nil {
		pcfg = *opt.Posture
	}
	pcfg.Gate = opt.Gate
	if opt.View != "" && !opt.View.Valid() {
		return nil, stretchwise.Errorf(stretchwise.EINVALID, "analyze: view %q is not one of %v", opt.View, stretchwise.Views)
	}

	clean, stats, err := filter.Clean(rec, fcfg)
	if err != nil {
		return nil, fmt.Errorf("analyze: clean landmarks: %w", err)
	}
	labels := posture.Recognize(clean, pcfg)
	// Landmarks outside the picture are the pose model's guesses: from here
	// on no angle or measure uses them (package framing).
	framing.Mask(clean, framing.EdgeMargin)
	postures := make([]stretchwise.Posture, len(labels))
	for i := range labels {
		postures[i] = labels[i].Posture
	}
	angles := make([]geom.Angles, len(clean.Frames))
	aspect := clean.Header.Aspect()
	for i := range clean.Frames {
		if clean.Frames[i].Detected {
			geom.Compute(&angles[i], &clean.Frames[i].Image, aspect, opt.Gate)
		} else {
			angles[i] = noAngles
		}
	}

	a := &Analysis{Labels: labels, Angles: angles, FilterStats: stats}
	var notes []string // the pipeline's own reasons, after the assessment's
	q := quality(rec, labels, opt.Gate)
	screenings := opt.library().Screenings
	ex, exNotes := chooseExercise(rec.Header.Exercise, opt.Exercise, labels, clean.Frames, screenings)
	notes = append(notes, exNotes...)
	want, _ := exercisePosture(ex, screenings) // PostureUnknown for none: the view over all frames
	view, fromHeader, inferred, viewNotes := chooseView(rec.Header.View, opt.View, labels, want)
	notes = append(notes, viewNotes...)

	a.Input = &assess.Input{
		Raw:            rec,
		Clean:          clean,
		View:           view,
		ViewFromHeader: fromHeader,
		InferredView:   inferred,
		Postures:       postures,
		Gate:           opt.Gate,
	}
	var r stretchwise.Report
	switch {
	case q.Detected == 0:
		r = assess.Inconclusive(ex, view, "no person was detected in any frame")
	case q.Usable == 0:
		r = assess.Inconclusive(ex, view, fmt.Sprintf("no frame shows enough of the body to recognise the position: a shoulder and a hip with visibility at or above %.2g, and a knee", opt.Gate))
	default:
		r = dispatch(ex, a.Input, screenings)
	}

	r.Exercise, r.View = ex, view
	if r.Measures == nil {
		r.Measures = []stretchwise.Measure{}
	}
	if r.Findings == nil {
		r.Findings = []stretchwise.Finding{}
	}
	if r.Verdict == "" {
		r.Verdict = stretchwise.VerdictInconclusive
	}
	r.HeaderView = rec.Header.View
	r.InferredView = inferred
	r.HeaderExercise = rec.Header.Exercise
	r.Quality = &q
	r.Postures = posture.Spans(clean.Frames, labels)
	sum, sumNotes := summarize(clean, labels, angles, view, inferred, opt)
	r.Measures = append(r.Measures, sum...)
	notes = append(notes, sumNotes...)
	framingCfg := framing.DefaultConfig
	framingCfg.Gate = opt.Gate
	notes = append(notes, framing.Messages(framing.Check(rec, framingCfg))...)
	r.Reasons = append(r.Reasons, notes...)
	if r.Reasons == nil {
		r.Reasons = []string{}
	}
	round(&r)
	a.Report = &r
	return a, nil
}

// cleanLandmarks are the landmarks the analysis cleans (image landmarks
// only): those the angles depend on, which are also all that the posture
// recognition and the assessments read from the cleaned recording; none of
// them reads world landmarks there. Cleaning treats each landmark on its
// own, so these come out exactly as when all are cleaned, at under a third
// of the cost. TestCleanLandmarksSameReport checks that the reports agree.
var cleanLandmarks = geom.AngleLandmarks

// noAngles is the Angles of a frame without a person: every angle NaN.
var noAngles = func() geom.Angles {
	n := math.NaN()
	var a geom.Angles
	for s := 0; s < 2; s++ {
		a.KneeFlexion[s], a.HipFlexion[s], a.ThighElevation[s] = n, n, n
		a.ArmElevation[s], a.LegElevation[s], a.ElbowFlexion[s] = n, n, n
	}
	a.TrunkFromVertical, a.PelvicRoll, a.ShoulderRoll = n, n, n
	return a
}()

// round rounds the report's numbers so that reports are identical across
// platforms (fused multiply-add changes the last bits on some CPUs): angles
// and other measures to 0.01 of their unit, far below any uncertainty, and
// times to a millisecond.
//
// A measure or finding with a number that is not finite cannot be written
// as JSON (and an infinite uncertainty says nothing); it is left out with a
// reason rather than failing the whole report.
func round(r *stretchwise.Report) {
	kept := r.Measures[:0]
	for _, m := range r.Measures {
		if !finite(m.Value) || !finite(m.Uncertainty) {
			side := ""
			if m.Side != stretchwise.SideNone {
				side = " (" + string(m.Side) + ")"
			}
			r.Reasons = append(r.Reasons, fmt.Sprintf("%s%s could not be computed and is left out", m.Name, side))
			continue
		}
		m.Value = roundTo(m.Value, 100)
		m.Uncertainty = roundTo(m.Uncertainty, 100)
		kept = append(kept, m)
	}
	r.Measures = kept
	keptF := r.Findings[:0]
	for _, f := range r.Findings {
		if !finite(f.StartS) || !finite(f.EndS) {
			r.Reasons = append(r.Reasons, fmt.Sprintf("finding %s has no time span and is left out", f.Code))
			continue
		}
		f.StartS, f.EndS = roundTo(f.StartS, 1000), roundTo(f.EndS, 1000)
		keptF = append(keptF, f)
	}
	r.Findings = keptF
	for i := range r.Postures {
		p := &r.Postures[i]
		p.StartS, p.EndS = roundTo(p.StartS, 1000), roundTo(p.EndS, 1000)
	}
	for i := range r.OutOfPosition {
		p := &r.OutOfPosition[i]
		p.StartS, p.EndS = roundTo(p.StartS, 1000), roundTo(p.EndS, 1000)
	}
	for i := range r.Reps {
		p := &r.Reps[i]
		p.StartS, p.HoldS, p.EndS, p.HeldS = roundTo(p.StartS, 1000), roundTo(p.HoldS, 1000), roundTo(p.EndS, 1000), roundTo(p.HeldS, 1000)
	}
	if q := r.Quality; q != nil {
		q.DurationS = roundTo(q.DurationS, 1000)
		q.MeanFPS = roundTo(q.MeanFPS, 100)
		q.MeanVisibility = roundTo(q.MeanVisibility, 1000)
	}
}

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// roundTo rounds x to the nearest 1/per; NaN and infinities stay.
func roundTo(x, per float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	v := math.Round(x*per) / per
	if v == 0 {
		return 0 // no "-0" in reports
	}
	return v
}
