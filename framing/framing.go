// Package framing says what the camera really sees of the body: which
// landmarks lie outside the picture (the pose model still places them, by
// guessing), which body parts left the picture and when, whether the
// person is too close to or too far from the camera, and whether the
// picture is too poor (dark, blurred) for the pose model to see the body.
// Its notes are plain words a person can act on ("your left foot left the
// picture: move the camera back").
//
// The analysis masks the landmarks outside the picture (Mask) before any
// measure is taken, so that no measure rests on a guessed position, and
// adds the notes of Check to a report's reasons; extract prints them. The
// rules and thresholds are in docs/analysis.md. The package does no I/O
// and compiles to WebAssembly.
package framing

import (
	"fmt"
	"math"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/stats"
)

// EdgeMargin is how close to an edge of the picture, as a fraction of the
// width or height, a landmark may lie and still count as seen. Our choice,
// because a joint lies inside the limb's outline: when the joint's centre
// is within 2 % of the edge the limb around it is already cut by the edge,
// and the pose model then places the joint by guessing. On the real
// bird-dog clip (docs/validation-real.md) the ankle of a leg reaching out
// of the picture was put at x = 0.99-1.12, flickering across a 1 % margin.
const EdgeMargin = 0.02

// Inside reports whether image landmark l lies inside the picture, at least
// margin (a fraction of the width and of the height) from every edge. A
// landmark with a NaN coordinate is not inside.
func Inside(l stretchwise.Landmark, margin float64) bool {
	return l.X >= margin && l.X <= 1-margin && l.Y >= margin && l.Y <= 1-margin
}

// Mask sets to 0 the visibility of every image landmark of rec outside the
// picture (Inside with margin), and of the world landmark with the same
// index, so that no measure gated on visibility uses it. The positions
// stay, so that Inside still tells why. rec is changed in place.
func Mask(rec *stretchwise.Recording, margin float64) {
	for i := range rec.Frames {
		f := &rec.Frames[i]
		if !f.Detected {
			continue
		}
		for k := range f.Image {
			if !Inside(f.Image[k], margin) {
				f.Image[k].Visibility = 0
				if f.HasWorld {
					f.World[k].Visibility = 0
				}
			}
		}
	}
}

// Part is a body part a person can name, and the landmarks that stand for it.
type Part struct {
	Name      string // in words: "left foot"
	Landmarks []int
}

// Parts are the body parts the notes name: the landmarks every measure of
// the analysis uses, grouped as a person would call them.
var Parts = []Part{
	{"head", []int{stretchwise.Nose, stretchwise.LeftEar, stretchwise.RightEar}},
	{"left shoulder", []int{stretchwise.LeftShoulder}},
	{"right shoulder", []int{stretchwise.RightShoulder}},
	{"left elbow", []int{stretchwise.LeftElbow}},
	{"right elbow", []int{stretchwise.RightElbow}},
	{"left hand", []int{stretchwise.LeftWrist}},
	{"right hand", []int{stretchwise.RightWrist}},
	{"left hip", []int{stretchwise.LeftHip}},
	{"right hip", []int{stretchwise.RightHip}},
	{"left knee", []int{stretchwise.LeftKnee}},
	{"right knee", []int{stretchwise.RightKnee}},
	{"left foot", []int{stretchwise.LeftAnkle}},
	{"right foot", []int{stretchwise.RightAnkle}},
}

// PartOf names the body part of landmark i ("left foot"), "" for a landmark
// no part stands for.
func PartOf(i int) string {
	for _, p := range Parts {
		for _, k := range p.Landmarks {
			if k == i {
				return p.Name
			}
		}
	}
	return ""
}

// MoveBack is the advice for a body part out of the picture.
const MoveBack = "move the camera further back (or turn it) so that your whole body stays in the picture"

// MoveBackNow is MoveBack said to a person in front of the camera, short
// enough to be read from the floor.
const MoveBackNow = "move the camera further back"

// LeftPicture is the plain-words reason a measure is refused because the
// landmarks it needs (a body part) were outside the picture.
func LeftPicture(landmark int) string {
	p := PartOf(landmark)
	if p == "" {
		p = "part of your body"
	} else {
		p = "your " + p
	}
	return p + " left the picture: " + MoveBack
}

// Problem is a kind of framing problem.
type Problem string

// The framing problems Check reports.
const (
	OutOfPicture Problem = "out_of_picture" // a body part left the picture
	TooClose     Problem = "too_close"      // the body does not fit the picture
	TooFar       Problem = "too_far"        // the body fills a small part of the picture
	PoorPicture  Problem = "poor_picture"   // the pose model hardly sees the body: light, blur
	TooHigh      Problem = "too_high"       // the camera looks down on the body from high above
)

// Problems lists every Problem (the web app's type of them is generated
// from this list).
var Problems = []Problem{OutOfPicture, TooClose, TooFar, PoorPicture, TooHigh}

// Span is a stretch of time in seconds.
type Span struct{ StartS, EndS float64 }

// Note is one framing problem of a recording, in plain words.
type Note struct {
	Problem Problem
	Part    string // the body part, for OutOfPicture
	Spans   []Span // when, for OutOfPicture
	Message string
}

// Config holds the thresholds of Check.
type Config struct {
	// Margin: see EdgeMargin.
	Margin float64
	// Gate: landmark visibility at or above which a landmark counts as
	// seen (stretchwise.VisibilityGate).
	Gate float64
	// MinOutS: a body part out of the picture for less time than this in
	// all is not reported. Our choice, because a hand swinging past the
	// edge for a few frames spoils no measure, while a third of a second
	// is about as short as any hold the analysis measures.
	MinOutS float64
	// JoinS: spans out of the picture closer than this are reported as
	// one. Our choice, because a part at the edge flickers in and out.
	JoinS float64
	// FarExtent: the body (the landmarks seen) spanning less than this
	// share of the picture's width and of its height, in the median frame,
	// is too far. Our choice, because the pose model's jitter is about
	// constant in picture units (geom.DefaultNoise), so a body filling a
	// quarter of the picture has angles about four times noisier than one
	// filling it.
	FarExtent float64
	// MinSeen: the mean visibility of the better-seen landmark of each
	// left-right pair of shoulders, hips, knees and elbows below this
	// means the model hardly sees the body. Our choice, because the side
	// nearer the camera is seen at 0.9 or more in a well-lit room (the
	// real clips of docs/validation-real.md), and at the 0.5 gate a
	// measure loses most frames.
	MinSeen float64
	// MinDetected: a person found in fewer than this share of the frames
	// means the picture is too poor. Our choice: half.
	MinDetected float64
	// MaxElevationDeg: see the constant MaxElevationDeg.
	MaxElevationDeg float64
}

// DefaultConfig is the configuration the analysis and extract use.
var DefaultConfig = Config{Margin: EdgeMargin, Gate: stretchwise.VisibilityGate, MinOutS: 0.3, JoinS: 0.3, FarExtent: 0.25, MinSeen: 0.6, MinDetected: 0.5, MaxElevationDeg: MaxElevationDeg}

// seenPairs are the left-right pairs MinSeen looks at.
var seenPairs = [][2]int{
	{stretchwise.LeftShoulder, stretchwise.RightShoulder},
	{stretchwise.LeftHip, stretchwise.RightHip},
	{stretchwise.LeftKnee, stretchwise.RightKnee},
	{stretchwise.LeftElbow, stretchwise.RightElbow},
}

// Check returns the framing problems of rec, worst first: a person found in
// too few frames or seen too faintly, body parts out of the picture (with
// when), too close (parts out at opposite edges), a camera too high above
// the body (CameraElevation), too far. A recording
// without problems gives none. rec is not changed.
func Check(rec *stretchwise.Recording, cfg Config) []Note {
	var notes []Note
	n, detected := len(rec.Frames), 0
	var seenSum float64
	for i := range rec.Frames {
		f := &rec.Frames[i]
		if !f.Detected {
			continue
		}
		detected++
		for _, p := range seenPairs {
			seenSum += math.Max(f.Image[p[0]].Visibility, f.Image[p[1]].Visibility)
		}
	}
	if n == 0 {
		return nil
	}
	if float64(detected) < cfg.MinDetected*float64(n) {
		notes = append(notes, Note{Problem: PoorPicture, Message: fmt.Sprintf(
			"a person was found in only %d of %d frames: make sure your whole body is in the picture, the room is well lit and you are not against the light", detected, n)})
	}
	if detected == 0 {
		return notes
	}
	if seen := seenSum / float64(detected*len(seenPairs)); seen < cfg.MinSeen {
		notes = append(notes, Note{Problem: PoorPicture, Message: fmt.Sprintf(
			"the pose model saw your body only faintly (%.0f %% sure of your joints on average, %.0f %% is needed): add light, avoid filming against a window, and wear clothes that stand out from the background", 100*seen, 100*cfg.MinSeen)})
	}
	notes = append(notes, outOfPicture(rec, cfg)...)
	if deg, ok := CameraElevation(rec.Frames, rec.Header.Aspect(), cfg.Gate); ok && deg > cfg.MaxElevationDeg {
		notes = append(notes, Note{Problem: TooHigh, Message: fmt.Sprintf(
			"%s (it looks down on you from about %.0f deg above; up to %.0f deg the position is recognised reliably)", LowerCamera, deg, cfg.MaxElevationDeg)})
	}
	if far := extent(rec, cfg); far < cfg.FarExtent {
		notes = append(notes, Note{Problem: TooFar, Message: fmt.Sprintf(
			"your body fills only %.0f %% of the picture: move the camera closer so that your body fills most of it, with a little room around you", 100*far)})
	}
	return notes
}

// edge bits of where a landmark left the picture.
const (
	edgeLeft = 1 << iota
	edgeRight
	edgeTop
	edgeBottom
)

func edges(l stretchwise.Landmark, m float64) int {
	e := 0
	if l.X < m {
		e |= edgeLeft
	}
	if l.X > 1-m {
		e |= edgeRight
	}
	if l.Y < m {
		e |= edgeTop
	}
	if l.Y > 1-m {
		e |= edgeBottom
	}
	return e
}

// outOfPicture returns a note per body part out of the picture for at
// least MinOutS, and a too-close note when parts left at opposite edges.
func outOfPicture(rec *stretchwise.Recording, cfg Config) []Note {
	dt := frameStep(rec)
	var notes []Note
	allEdges := 0
	for _, p := range Parts {
		var spans []Span
		total := 0.0
		for i := range rec.Frames {
			f := &rec.Frames[i]
			if !f.Detected {
				continue
			}
			e := 0
			for _, k := range p.Landmarks {
				e |= edges(f.Image[k], cfg.Margin)
			}
			if e == 0 {
				continue
			}
			allEdges |= e
			total += dt
			if k := len(spans); k > 0 && f.T-spans[k-1].EndS <= cfg.JoinS+dt/2 {
				spans[k-1].EndS = f.T
			} else {
				spans = append(spans, Span{f.T, f.T})
			}
		}
		if total < cfg.MinOutS {
			continue
		}
		var when []string
		for _, s := range spans {
			when = append(when, stretchwise.SpanWords(s.StartS, s.EndS))
		}
		notes = append(notes, Note{Problem: OutOfPicture, Part: p.Name, Spans: spans, Message: fmt.Sprintf(
			"your %s was out of the picture at %s, so nothing that needs it was measured then: %s", p.Name, strings.Join(when, ", "), MoveBack)})
	}
	if len(notes) > 0 && (allEdges&(edgeLeft|edgeRight) == edgeLeft|edgeRight || allEdges&(edgeTop|edgeBottom) == edgeTop|edgeBottom) {
		notes = append(notes, Note{Problem: TooClose, Message: "you are too close to the camera: your body left the picture at opposite edges; move the camera further back"})
	}
	return notes
}

// extent returns the median over frames with a person of the larger of the
// shares of the picture's width and height that the seen landmarks span.
func extent(rec *stretchwise.Recording, cfg Config) float64 {
	var ext []float64
	for i := range rec.Frames {
		f := &rec.Frames[i]
		if !f.Detected {
			continue
		}
		x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, l := range f.Image {
			if !(l.Visibility >= cfg.Gate) || !Inside(l, 0) {
				continue
			}
			x0, x1 = math.Min(x0, l.X), math.Max(x1, l.X)
			y0, y1 = math.Min(y0, l.Y), math.Max(y1, l.Y)
		}
		if x1 >= x0 {
			ext = append(ext, math.Max(x1-x0, y1-y0))
		}
	}
	if len(ext) == 0 {
		return math.NaN()
	}
	return stats.UpperMedian(ext)
}

// frameStep returns the median time between frames, or 1/30 s for fewer
// than two frames.
func frameStep(rec *stretchwise.Recording) float64 {
	if len(rec.Frames) < 2 {
		return 1.0 / 30
	}
	d := make([]float64, len(rec.Frames)-1)
	for i := range d {
		d[i] = rec.Frames[i+1].T - rec.Frames[i].T
	}
	return stats.UpperMedian(d)
}

// Messages returns the messages of notes, in order.
func Messages(notes []Note) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n.Message
	}
	return out
}
