package filter

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/stats"
)

// Config sets the offline cleaning of Clean.
type Config struct {
	// Gate is the landmark visibility (0..1) below which a sample is not
	// data. Source: docs/clinical.md, gate at 0.5-0.7.
	Gate float64
	// HampelHalfWindow (samples) and HampelNSigma set the outlier test.
	HampelHalfWindow int
	HampelNSigma     float64
	// HampelMinSigmaImage (image heights) and HampelMinSigmaWorld (metres)
	// floor the Hampel scale, so a flat stretch of data does not turn the
	// first sample of a movement into an outlier.
	HampelMinSigmaImage float64
	HampelMinSigmaWorld float64
	// MaxGapS is the longest time (s) between usable samples that is
	// bridged by interpolation.
	MaxGapS float64
	// Butterworth is the zero-phase low-pass.
	Butterworth Butterworth
	// Landmarks selects the landmarks Clean cleans, bit i for landmark i
	// (as geom.AngleLandmarks); the others are copied unchanged. 0 cleans
	// all of them. A caller that reads only some landmarks of the result
	// (the analysis reads those of geom.AngleLandmarks) saves the cost of
	// the rest: each landmark is cleaned on its own, so the selected ones
	// come out exactly as when all are cleaned.
	Landmarks uint64
	// SkipWorld leaves the world landmarks unchanged, for a caller that
	// does not read them.
	SkipWorld bool
}

// DefaultConfig is the offline cleaning used by the analysis.
//
//   - Gate stretchwise.VisibilityGate (0.5): docs/clinical.md (0.5-0.7), the
//     lower end.
//   - Hampel 5 samples each side (DefaultHampelHalfWindow) at 3.5 sigma,
//     not Hampel's usual 3: our choice, because Clean rejects a landmark
//     when any of its three coordinates fails and repeats the test, which
//     triples the false alarms. On the noisy test trajectories (6 seeds)
//     3 sigma rejected 2.0 % of clean landmark samples and 3.5 sigma 0.8 %,
//     with the error after cleaning within 3 % of each other.
//   - HampelMinSigma 0.002 image heights (1.4 px at 720p) and 0.005 m: our
//     choice, because deviations that small are within landmark jitter and
//     not worth rejecting.
//   - MaxGapS 0.2: our choice, because over 0.2 s (6 frames at 30 fps) a
//     limb at stretching speeds moves nearly in a straight line, so linear
//     interpolation is close; longer gaps stay gaps and the measures that
//     need those landmarks skip them.
//   - Butterworth 2nd order at 6 Hz, forward and backward: Winter's
//     practice for human movement (see DefaultButterworth).
var DefaultConfig = Config{
	Gate:                stretchwise.VisibilityGate,
	HampelHalfWindow:    DefaultHampelHalfWindow,
	HampelNSigma:        3.5,
	HampelMinSigmaImage: 0.002,
	HampelMinSigmaWorld: 0.005,
	MaxGapS:             0.2,
	Butterworth:         DefaultButterworth,
}

// Stats counts what Clean did, in landmark samples (one landmark in one
// frame; image and world landmarks counted separately) of the landmarks it
// cleaned (Config.Landmarks, Config.SkipWorld).
type Stats struct {
	Frames     int     // frames in the recording
	Undetected int     // frames with no person, left as they are
	Gated      int     // samples below the gate in frames with a person
	Outliers   int     // samples Hampel rejected
	Filled     int     // samples filled by interpolation (gated or outliers)
	Unfiltered int     // usable samples in runs too short for the low-pass, left unsmoothed
	SampleHz   float64 // sample rate the low-pass assumed
	CutoffHz   float64 // cutoff the low-pass used (lowered for low frame rates)
	Breaks     int     // intervals longer than 1.5 times the median: the series is cut there
}

// maxCutoffFraction is the highest low-pass cutoff Clean uses, as a
// fraction of the Nyquist frequency; a configured cutoff above it is
// lowered to it. Our choice, because a cutoff near Nyquist removes almost
// nothing, while 0.8 still passes what a low frame rate can show: at
// 10 fps the 6 Hz default becomes 4 Hz.
const maxCutoffFraction = 0.8

// hampelPasses is how many times Clean runs Hampel over a series, until a
// pass marks nothing. Our choice, because a pair of neighbouring outliers
// (common next to an occlusion) distorts the window of each other in the
// first pass; the second pass, without the one found, catches the other.
const hampelPasses = 3

// breakFactor: an interval longer than this many median intervals is a
// hole in the recording (dropped frames), not timestamp jitter. Our choice,
// because camera timestamp jitter stays well under half a frame.
const breakFactor = 1.5

// Clean returns a cleaned copy of rec; rec is not changed. For every
// landmark and coordinate (image x, y, z and, when present, world x, y,
// z) it:
//
//  1. takes the samples of frames with a person whose visibility is at or
//     above the gate (and finite) as data;
//  2. rejects outliers with Hampel, repeated while it finds some (at most
//     3 passes); a landmark is rejected when any of its coordinates is;
//  3. fills gaps of at most MaxGapS by linear interpolation in time;
//  4. low-passes each run of consecutive usable samples with the zero-phase
//     Butterworth. Runs end at frames without a person, at unfilled gaps and
//     at holes in time (an interval over 1.5 times the median). Runs
//     shorter than Butterworth.MinLen() are left unsmoothed.
//
// Timestamps may be irregular. The low-pass assumes the mean rate within
// runs (the mean of the intervals that are not holes) and treats a run's
// samples as evenly spaced: with camera timestamp jitter of a few
// milliseconds this shifts the effective cutoff by a few percent at most.
// Gap filling interpolates in real time.
//
// Visibility is kept, except that a filled sample gets at least the gate
// (it is now an estimate good enough to use) and a rejected, unfilled
// outlier gets 0 (never to be used). Frames without a person are copied
// unchanged. A cutoff above 0.8 of the Nyquist frequency of the recording
// (a low frame rate) is lowered to that, and Stats says so. It returns an
// error for a nil recording, timestamps that do not increase, or an
// invalid configuration.
//
// Config.Landmarks and Config.SkipWorld restrict all this to some
// landmarks; the rest are copied unchanged.
func Clean(rec *stretchwise.Recording, cfg Config) (*stretchwise.Recording, Stats, error) {
	var st Stats
	if rec == nil {
		return nil, st, stretchwise.Errorf(stretchwise.EINVALID, "clean: no recording")
	}
	if cfg.HampelHalfWindow < 1 || !(cfg.HampelNSigma > 0) || !(cfg.MaxGapS >= 0) {
		return nil, st, stretchwise.Errorf(stretchwise.EINVALID, "clean: invalid configuration (hampel half window %d, n sigma %g, max gap %g s)",
			cfg.HampelHalfWindow, cfg.HampelNSigma, cfg.MaxGapS)
	}
	out := &stretchwise.Recording{Header: rec.Header, Frames: slices.Clone(rec.Frames)}
	out.Header.Extra = maps.Clone(rec.Header.Extra)
	n := len(out.Frames)
	st.Frames = n
	t := make([]float64, n)
	for i, f := range out.Frames {
		t[i] = f.T
		if i > 0 && !(f.T > t[i-1]) {
			return nil, st, stretchwise.Errorf(stretchwise.EINVALID, "clean: frame %d: time %g s does not increase (previous %g s)", i, f.T, t[i-1])
		}
		if !f.Detected {
			st.Undetected++
		}
	}
	hz, holes := sampleRate(t)
	var secs []biquad // the low-pass, designed once for every series
	st.SampleHz = hz
	st.Breaks = countTrue(holes)
	if n > 1 {
		// A low frame rate (browsers give 10-15 fps in dim light) would put
		// the cutoff at or above the Nyquist frequency: lower it instead of
		// failing the recording.
		if nyq := hz / 2; cfg.Butterworth.CutoffHz >= maxCutoffFraction*nyq {
			cfg.Butterworth.CutoffHz = maxCutoffFraction * nyq
		}
		var err error
		if secs, err = cfg.Butterworth.sections(hz); err != nil {
			return nil, st, fmt.Errorf("clean: %w", err)
		}
	}
	st.CutoffHz = cfg.Butterworth.CutoffHz
	c := cleaner{cfg: cfg, t: t, holes: holes, hz: hz, secs: secs,
		x: make([][3]float64, n), ok: make([]bool, n), data: make([]bool, n),
		col: make([]float64, n), v: make([]bool, n), buf: make([]float64, n)}
	for lm := 0; lm < stretchwise.NumLandmarks; lm++ {
		if cfg.Landmarks != 0 && cfg.Landmarks&(1<<lm) == 0 {
			continue
		}
		c.landmark(out.Frames, lm, false, &st)
		if !cfg.SkipWorld {
			c.landmark(out.Frames, lm, true, &st)
		}
	}
	return out, st, nil
}

// sampleRate returns the mean rate over intervals that are not holes, and
// which intervals are holes (holes[i]: between frames i-1 and i). A hole is
// an interval longer than breakFactor times the median interval (the upper
// median for an even count).
func sampleRate(t []float64) (hz float64, holes []bool) {
	holes = make([]bool, len(t))
	if len(t) < 2 {
		return 0, holes
	}
	d := make([]float64, len(t)-1)
	for i := 1; i < len(t); i++ {
		d[i-1] = t[i] - t[i-1]
	}
	med := stats.UpperMedian(d)
	var sum float64
	var cnt int
	for i, v := range d {
		if v > breakFactor*med {
			holes[i+1] = true
			continue
		}
		sum += v
		cnt++
	}
	return float64(cnt) / sum, holes
}

func countTrue(b []bool) int {
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return n
}

// cleaner holds the scratch buffers Clean reuses for every series.
type cleaner struct {
	cfg   Config
	t     []float64
	holes []bool
	hz    float64
	x     [][3]float64 // the landmark's coordinates per frame
	ok    []bool       // usable per frame (landmark level)
	data  []bool       // usable before gap filling
	col   []float64    // one coordinate series
	v     []bool       // per-coordinate validity
	buf   []float64    // filter output
	secs  []biquad     // the low-pass sections for hz
	pbuf  []float64    // the low-pass's padded series
	h     hampel       // Hampel's buffers
}

// landmark cleans landmark lm of every frame, world or image, in place.
func (c *cleaner) landmark(frames []stretchwise.Frame, lm int, world bool, st *Stats) {
	pose := func(f *stretchwise.Frame) *stretchwise.Pose {
		if world {
			return &f.World
		}
		return &f.Image
	}
	minSigma := c.cfg.HampelMinSigmaImage
	if world {
		minSigma = c.cfg.HampelMinSigmaWorld
	}
	seen := false
	for i := range frames {
		f := &frames[i]
		c.ok[i] = false
		if !f.Detected || (world && !f.HasWorld) {
			continue
		}
		l := pose(f)[lm]
		c.x[i] = [3]float64{l.X, l.Y, l.Z}
		if l.Visibility >= c.cfg.Gate && finite(l.X) && finite(l.Y) && finite(l.Z) {
			c.ok[i] = true
			seen = true
		} else {
			st.Gated++
		}
	}
	if !seen {
		return
	}
	// Hampel per coordinate; a landmark is rejected if any coordinate is.
	copy(c.data, c.ok)
	for k := 0; k < 3; k++ {
		c.column(k)
		copy(c.v, c.ok)
		c.h.repeat(c.col, c.v, c.cfg.HampelHalfWindow, c.cfg.HampelNSigma, minSigma, hampelPasses)
		for i := range c.v {
			if c.ok[i] && !c.v[i] {
				c.data[i] = false
			}
		}
	}
	for i := range c.ok {
		if c.ok[i] && !c.data[i] {
			st.Outliers++
		}
	}
	// Fill gaps per segment between frames without a person, so a gap is
	// never bridged across one.
	copy(c.ok, c.data)
	for k := 0; k < 3; k++ {
		c.column(k)
		copy(c.v, c.data)
		c.fillDetected(frames, world)
		for i := range c.v {
			if c.v[i] {
				c.x[i][k] = c.col[i]
				c.ok[i] = true
			}
		}
	}
	for i := range c.ok {
		if c.ok[i] && !c.data[i] {
			st.Filled++
		}
	}
	// Low-pass each run.
	for start := 0; start < len(frames); {
		if !c.ok[start] {
			start++
			continue
		}
		end := start + 1
		for end < len(frames) && c.ok[end] && !c.holes[end] {
			end++
		}
		if end-start < c.cfg.Butterworth.MinLen() {
			st.Unfiltered += end - start
		} else {
			for k := 0; k < 3; k++ {
				seg := c.col[start:end]
				for i := range seg {
					seg[i] = c.x[start+i][k]
				}
				// What FiltFilt does, with the sections designed once and
				// its buffer reused: the configuration and rate were
				// checked in Clean and the run is long enough, so only a
				// sample that is not finite could fail it, as before.
				for i, v := range seg {
					if !finite(v) {
						panic(fmt.Sprintf("filter: clean: filtfilt: sample %d is %g, not a finite number", i, v))
					}
				}
				c.pbuf = filtfilt(c.buf[start:end], seg, c.secs, c.cfg.Butterworth.PadLen(), c.pbuf)
				for i := start; i < end; i++ {
					c.x[i][k] = c.buf[i]
				}
			}
		}
		start = end
	}
	// Write back.
	for i := range frames {
		f := &frames[i]
		if !f.Detected || (world && !f.HasWorld) {
			continue
		}
		l := &pose(f)[lm]
		switch {
		case c.ok[i]:
			l.X, l.Y, l.Z = c.x[i][0], c.x[i][1], c.x[i][2]
			if !c.data[i] {
				l.Visibility = max(l.Visibility, c.cfg.Gate)
			}
		case l.Visibility >= c.cfg.Gate:
			l.Visibility = 0 // a rejected outlier that was not filled
		}
	}
}

// column copies coordinate k of c.x into c.col.
func (c *cleaner) column(k int) {
	for i := range c.x {
		c.col[i] = c.x[i][k]
	}
}

// fillDetected fills short gaps of c.col/c.v within each stretch of frames
// that have the landmarks (a person, and world landmarks when world).
func (c *cleaner) fillDetected(frames []stretchwise.Frame, world bool) {
	has := func(i int) bool { return frames[i].Detected && (!world || frames[i].HasWorld) }
	for start := 0; start < len(frames); {
		if !has(start) {
			start++
			continue
		}
		end := start + 1
		for end < len(frames) && has(end) {
			end++
		}
		FillGapsTime(c.t[start:end], c.col[start:end], c.v[start:end], c.cfg.MaxGapS)
		start = end
	}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
