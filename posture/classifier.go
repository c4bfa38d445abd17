package posture

import (
	"math"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/framing"
	"github.com/stretchwise/stretchwise/internal/ring"
)

// Config configures the recognition.
type Config struct {
	// Gate is the landmark visibility (0..1) at or above which a landmark is
	// used for the posture (stretchwise.VisibilityGate).
	Gate float64
	// OccludedGate is the lower visibility at or above which a landmark
	// counts for the coarse cues: the view (shoulders and hips) and which
	// way the limbs point (knees, elbows, wrists, feet). Our choice,
	// because the far side of a side view is occluded and gets a low
	// visibility (BlazePose, and package synth's 0.3), yet its position is
	// near enough for these cues and its depth is what tells the view; 0.1
	// still drops landmarks a detector marks as absent or off the image.
	OccludedGate float64
	// ViewSmoothS is the time constant, in seconds, of the exponential
	// smoothing of the body's left-right axis before the live view is
	// read from it. Our choice, because the far side of a side view is
	// occluded, left unfiltered by the offline cleaning and guessed by the
	// detector with several times the jitter of the near side, while a
	// camera view changes far more slowly than half a second.
	ViewSmoothS float64
	// ScaleWindowS is how far back, in seconds, the live classifier looks
	// for each segment's length: the body scale is the largest of the
	// segments' median lengths over the window. Our choice, because a
	// single frame's largest segment is biased up by landmark noise (the
	// maximum picks the noisiest candidate), the median of half a second
	// is not, and a body's proportions do not change.
	ScaleWindowS float64
	// HoldS is how long, in seconds, a new posture or view must be observed
	// without interruption before it replaces the current one. Our choice,
	// because 0.5 s outlasts single-frame detector glitches and noise at a
	// rule's boundary, yet is shorter than any change of position a person
	// makes on purpose.
	HoldS float64
	// Rules are the per-frame thresholds.
	Rules Rules
}

// DefaultConfig is the configuration used by the analysis unless told
// otherwise.
var DefaultConfig = Config{Gate: stretchwise.VisibilityGate, OccludedGate: 0.1, ViewSmoothS: 0.5, ScaleWindowS: 0.5, HoldS: 0.5, Rules: DefaultRules}

// Label is the classifier's answer for one frame.
type Label struct {
	Posture stretchwise.Posture
	View    stretchwise.View
	// YawDeg is the body yaw (see Features.YawDeg) of the smoothed
	// left-right axis at this frame, NaN when unknown.
	YawDeg float64
	// Raw is this frame's posture before hysteresis.
	Raw stretchwise.Posture
	// PostureSince and ViewSince are the times (s) at which the run of
	// observations that established the current posture and view began.
	PostureSince, ViewSince float64
}

// Classifier is the live recogniser: fed one frame at a time in time order,
// it keeps the current posture and view and changes each only after a new
// one has been observed for Config.HoldS. The zero value is not usable; use
// NewClassifier.
type Classifier struct {
	cfg    Config
	aspect float64
	cur    Label
	// Candidate posture and view, and when their runs began.
	candP      stretchwise.Posture
	candPSince float64
	candV      stretchwise.View
	candVSince float64
	started    bool
	// Smoothed left-right axis (fractions of the scale) and the time of
	// its last update; axisT is NaN before the first.
	axisU, axisZ, axisT float64
	f                   Features
	// Recent lengths of each scale segment.
	seg   [numSegments]float64
	rings [numSegments]ring.Window
}

// NewClassifier returns a classifier for frames of an image with the given
// aspect ratio (width/height).
func NewClassifier(cfg Config, aspect float64) *Classifier {
	c := &Classifier{cfg: cfg, aspect: aspect}
	c.Reset()
	return c
}

// Reset forgets the current labels, as for a new recording.
func (c *Classifier) Reset() {
	c.cur = Label{Posture: stretchwise.PostureUnknown, View: stretchwise.ViewUnknown, YawDeg: math.NaN(), Raw: stretchwise.PostureUnknown}
	c.candP, c.candV = stretchwise.PostureUnknown, stretchwise.ViewUnknown
	c.started = false
	c.axisU, c.axisZ, c.axisT = 0, 0, math.NaN()
	c.rings = [numSegments]ring.Window{}
}

// Update classifies the next frame and returns the current labels. Frames
// must come in increasing time. It allocates nothing.
func (c *Classifier) Update(f *stretchwise.Frame) Label {
	var o Observation
	if f.Detected {
		segmentScales(&c.seg, &f.Image, c.aspect, c.cfg.Gate, c.cfg.Rules.SideVisibility)
		scale := 0.0
		for i := range c.seg {
			c.rings[i].Push(f.T, c.seg[i]) // NaN is not kept
			if m := c.rings[i].Median(f.T - c.cfg.ScaleWindowS); m > scale {
				scale = m
			}
		}
		c.f.ComputeScaled(&f.Image, c.aspect, c.cfg.Gate, c.cfg.OccludedGate, scale, &c.cfg.Rules)
		o = decide(&c.f, &c.cfg)
	} else {
		o = observe(f, c.aspect, &c.cfg, &c.f)
	}
	// The view: smooth the left-right axis, then read the yaw from it.
	if u, z := c.f.AxisU, c.f.AxisZ; !math.IsNaN(u) && !math.IsNaN(z) {
		dt := f.T - c.axisT
		if math.IsNaN(dt) || !(dt < 2*c.cfg.ViewSmoothS+c.cfg.HoldS) {
			// First frame, or too long without a view: start afresh.
			c.axisU, c.axisZ = u, z
		} else {
			a := 1.0
			if c.cfg.ViewSmoothS > 0 {
				a = 1 - math.Exp(-dt/c.cfg.ViewSmoothS)
			}
			c.axisU += a * (u - c.axisU)
			c.axisZ += a * (z - c.axisZ)
		}
		c.axisT = f.T
		yaw := yawOf(c.axisU, c.axisZ, &c.cfg.Rules)
		// Lying by this frame or by the current label, so that a posture
		// flickering at a rule's boundary does not flip front and rear.
		if o.Posture == stretchwise.PostureSupine || c.cur.Posture == stretchwise.PostureSupine {
			yaw = lyingYaw(yaw)
		}
		o.YawDeg, o.View = yaw, ViewOf(yaw)
	}
	if !c.started {
		c.started = true
		c.cur.PostureSince, c.cur.ViewSince = f.T, f.T
		c.candP, c.candPSince = o.Posture, f.T
		c.candV, c.candVSince = o.View, f.T
	}
	c.cur.YawDeg, c.cur.Raw = o.YawDeg, o.Posture
	c.cur.Posture, c.cur.PostureSince, c.candP, c.candPSince =
		hold(c.cur.Posture, c.cur.PostureSince, c.candP, c.candPSince, o.Posture, f.T, c.cfg.HoldS)
	c.cur.View, c.cur.ViewSince, c.candV, c.candVSince =
		hold(c.cur.View, c.cur.ViewSince, c.candV, c.candVSince, o.View, f.T, c.cfg.HoldS)
	return c.cur
}

// hold is the hysteresis of one label: cur stays until obs has been seen
// continuously (as the candidate) for holdS seconds.
func hold[L comparable](cur L, curSince float64, cand L, candSince float64, obs L, t, holdS float64) (L, float64, L, float64) {
	if obs != cand {
		cand, candSince = obs, t
	}
	if cand != cur && t-candSince >= holdS {
		cur, curSince = cand, candSince
	}
	return cur, curSince, cand, candSince
}

// Recognize labels every frame of rec with the classifier and then dates
// each change back to the start of the run of observations that caused it,
// which only an offline pass can do. The result has one Label per frame.
// A camera high above the body (framing.CameraElevation over the whole
// recording above framing.MaxElevationDeg) sets Rules.HighCamera.
func Recognize(rec *stretchwise.Recording, cfg Config) []Label {
	labels := make([]Label, len(rec.Frames))
	if e, ok := framing.CameraElevation(rec.Frames, rec.Header.Aspect(), cfg.Gate); ok && e > framing.MaxElevationDeg {
		cfg.Rules.HighCamera = true
	}
	c := NewClassifier(cfg, rec.Header.Aspect())
	for i := range rec.Frames {
		labels[i] = c.Update(&rec.Frames[i])
		if i == 0 {
			continue
		}
		prev := labels[i-1]
		if l := labels[i]; l.Posture != prev.Posture {
			for j := i - 1; j >= 0 && rec.Frames[j].T >= l.PostureSince; j-- {
				labels[j].Posture = l.Posture
			}
		}
		if l := labels[i]; l.View != prev.View {
			for j := i - 1; j >= 0 && rec.Frames[j].T >= l.ViewSince; j-- {
				labels[j].View = l.View
			}
		}
	}
	return labels
}

// Spans turns per-frame labels into spans of one posture each. A span ends
// at the time of its last frame; a single-frame span has zero length.
func Spans(frames []stretchwise.Frame, labels []Label) []stretchwise.PostureSpan {
	var spans []stretchwise.PostureSpan
	for i := range labels {
		if n := len(spans); n > 0 && spans[n-1].Posture == labels[i].Posture {
			spans[n-1].EndS = frames[i].T
			continue
		}
		spans = append(spans, stretchwise.PostureSpan{Posture: labels[i].Posture, StartS: frames[i].T, EndS: frames[i].T})
	}
	return spans
}

// MinViewFrames is the fewest frames with a known yaw from which
// RecordingView names a view. Our choice, because ten frames (a third of a
// second at 30 fps) average out single-frame noise.
const MinViewFrames = 10

// MinViewAgreement is the least mean resultant length (0..1) of the frames'
// yaw directions for RecordingView to name a view. Our choice, because 0.7
// corresponds to a circular spread of about 48 degrees, about one view
// sector: more spread means the camera or the person turned during the
// recording.
const MinViewAgreement = 0.7

// RecordingView returns the view of a whole recording: the sector of the
// circular mean of the yaw over the frames whose posture (after hysteresis)
// is want, or over all frames when want is PostureUnknown. It also returns
// the mean resultant length (0..1, 1 = all frames agree). The view is
// unknown when fewer than MinViewFrames frames had a yaw or their agreement
// is below MinViewAgreement.
func RecordingView(labels []Label, want stretchwise.Posture) (stretchwise.View, float64) {
	var c, s float64
	n := 0
	for i := range labels {
		l := &labels[i]
		if math.IsNaN(l.YawDeg) || (want != stretchwise.PostureUnknown && l.Posture != want) {
			continue
		}
		a := l.YawDeg * math.Pi / 180
		c += math.Cos(a)
		s += math.Sin(a)
		n++
	}
	if n == 0 {
		return stretchwise.ViewUnknown, 0
	}
	r := math.Hypot(c, s) / float64(n)
	if n < MinViewFrames || r < MinViewAgreement {
		return stretchwise.ViewUnknown, r
	}
	return ViewOf(math.Atan2(s, c) * 180 / math.Pi), r
}
