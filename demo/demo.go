// Package demo turns an exercise of the library (or a screening test) into
// an animated demonstration: the synthetic body of package synth performing
// the movement with good form, or with one of its common faults, filmed from
// the camera view the exercise needs. An animation is plain data (frames of
// the 33 image landmarks) that the web app draws as a moving skeleton; no
// video file exists anywhere.
//
// What each exercise looks like is data, not code: demos.json holds, per
// exercise id, either the synth motion that already performs it (bird dog,
// Thomas test, half kneeling) with its parameters, or joint-angle keyframes
// on the same body model, and for each common fault of the library entry the
// change that shows it. A new exercise needs a new entry in that file.
//
// The package is pure (no I/O beyond the embedded file) and builds for
// GOOS=js GOARCH=wasm; the browser calls it through cmd/stretchwise-wasm.
package demo

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	sw "github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/library"
	"github.com/stretchwise/stretchwise/synth"
)

//go:embed demos.json
var demosJSON []byte

// Good is the variant name of the ideal-form demonstration.
const Good = "good"

// Frame sizes and rate of an animation. Our choice: 15 frames a second is
// smooth enough for slow exercise movements and keeps an animation of ten
// seconds near 150 frames; a 16:9 picture of 640x360 matches the phone
// camera the app asks for, at a size the player draws without scaling up.
const (
	FPS    = 15
	Width  = 640
	Height = 360
)

// Animation is one demonstration: frames of the 33 blazepose33 image
// landmarks ([x, y, z, visibility], x and y normalized to the picture as
// MediaPipe gives them) at FPS frames a second, looping.
type Animation struct {
	Exercise string  `json:"exercise"`
	Name     string  `json:"name"`
	Variant  string  `json:"variant"` // Good or a fault's id
	Label    string  `json:"label"`   // what the variant shows, in plain words
	View     sw.View `json:"view"`
	FPS      float64 `json:"fps"`
	Width    int     `json:"width"`  // pixels of the picture the landmarks are normalized to
	Height   int     `json:"height"` // pixels
	// Phases name the spans of the movement (seconds), for a caption.
	Phases []synth.Phase                 `json:"phases"`
	Frames [][sw.NumLandmarks][4]float64 `json:"frames"`
}

// Variant is one demonstration an exercise offers.
type Variant struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// LibraryFault is the index of the library entry's fault it shows, or
	// -1 (the good form, or a fault of a test that is not in the library).
	LibraryFault int `json:"library_fault"`
}

// Hidden is a common fault of the library that a skeleton cannot show, and
// why (holding the breath, where a stretch is felt).
type Hidden struct {
	LibraryFault int    `json:"library_fault"`
	Why          string `json:"why"`
}

// Entry lists what one exercise's demonstration offers.
type Entry struct {
	Exercise  string    `json:"exercise"`
	Name      string    `json:"name"`
	Views     []sw.View `json:"views"` // the camera views the exercise needs, the default first
	Variants  []Variant `json:"variants"`
	Hidden    []Hidden  `json:"hidden,omitempty"`
	Screening bool      `json:"screening"` // a screening test of the app
}

// spec is one exercise's entry of demos.json.
type spec struct {
	// Name is used when the exercise is not in the library (the Thomas test).
	Name string `json:"name,omitempty"`
	// Views overrides the library's camera views (or gives them for a test
	// outside the library).
	Views     []sw.View `json:"views,omitempty"`
	Screening bool      `json:"screening,omitempty"`
	// Synth names a synth motion ("bird-dog", "thomas-test",
	// "half-kneeling-hip-flexor") with Params decoded into its parameter
	// struct; otherwise Keys are joint-angle keyframes (synth.Keyframes).
	Synth   string          `json:"synth,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Posture sw.Posture      `json:"posture,omitempty"`
	OnFloor bool            `json:"on_floor,omitempty"`
	Keys    []synth.Key     `json:"keys,omitempty"`
	Faults  []faultSpec     `json:"faults"`
	Hidden  []Hidden        `json:"hidden,omitempty"`
}

// faultSpec is how one fault is shown.
type faultSpec struct {
	ID           string `json:"id"`
	Label        string `json:"label"`
	LibraryFault *int   `json:"library_fault"` // null for a test outside the library
	// SynthFaults are injected into a synth motion.
	SynthFaults []synth.FaultSpec `json:"synth_faults,omitempty"`
	// Params are merged over the synth motion's parameters (e.g. shorter
	// phases for "rushing").
	Params json.RawMessage `json:"params,omitempty"`
	// Delta is added to the joint angles of the keys listed in At.
	Delta *synth.JointAngles `json:"delta,omitempty"`
	At    []int              `json:"at,omitempty"`
	// Speed divides every key time (2 = twice as fast), for "moving fast".
	Speed float64 `json:"speed,omitempty"`
}

// table is demos.json decoded.
type table map[string]spec

func load() (table, error) {
	dec := json.NewDecoder(bytes.NewReader(demosJSON))
	dec.DisallowUnknownFields()
	var t table
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("demo: demos.json: %w", err)
	}
	return t, nil
}

// Catalog lists a demonstration entry for every exercise of lib and every
// screening test of demos.json, library order first. An exercise of the
// library without an entry in demos.json is an error: every exercise must
// have its demonstration.
func Catalog(lib *library.Library) ([]Entry, error) {
	t, err := load()
	if err != nil {
		return nil, err
	}
	var out []Entry
	seen := map[string]bool{}
	for _, ex := range lib.Exercises {
		s, ok := t[ex.ID]
		if !ok {
			return nil, sw.Errorf(sw.EINVALID, "demo: exercise %q of the library has no demonstration in demos.json", ex.ID)
		}
		e, err := entry(ex.ID, s, &ex)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		seen[ex.ID] = true
	}
	var rest []string
	for id := range t {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	for _, id := range rest {
		e, err := entry(id, t[id], nil)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// entry checks one spec against its library exercise (nil when none).
func entry(id string, s spec, ex *library.Exercise) (Entry, error) {
	e := Entry{Exercise: id, Name: s.Name, Views: s.Views, Hidden: s.Hidden, Screening: s.Screening}
	if ex != nil {
		e.Name = ex.Name
		if len(e.Views) == 0 {
			e.Views = ex.Camera.Views
		}
		if ex.Camera.Analysis != "" {
			e.Screening = e.Screening || ex.Camera.Analysis == ex.ID
		}
	}
	switch {
	case e.Name == "":
		return e, sw.Errorf(sw.EINVALID, "demo: %s: no name (not in the library and none given)", id)
	case len(e.Views) == 0:
		return e, sw.Errorf(sw.EINVALID, "demo: %s: no camera view", id)
	}
	e.Variants = append(e.Variants, Variant{ID: Good, Label: "Good form", LibraryFault: -1})
	covered := map[int]bool{}
	for _, f := range s.Faults {
		lf := -1
		if f.LibraryFault != nil {
			lf = *f.LibraryFault
			if ex == nil || lf < 0 || lf >= len(ex.Faults) {
				return e, sw.Errorf(sw.EINVALID, "demo: %s: fault %s: library_fault %d is not a fault of the library entry", id, f.ID, lf)
			}
			covered[lf] = true
		}
		if f.ID == "" || f.ID == Good || f.Label == "" {
			return e, sw.Errorf(sw.EINVALID, "demo: %s: a fault needs an id (not %q) and a label", id, Good)
		}
		e.Variants = append(e.Variants, Variant{ID: f.ID, Label: f.Label, LibraryFault: lf})
	}
	for _, hd := range s.Hidden {
		if ex == nil || hd.LibraryFault < 0 || hd.LibraryFault >= len(ex.Faults) || hd.Why == "" {
			return e, sw.Errorf(sw.EINVALID, "demo: %s: hidden fault %d: not a library fault or no reason", id, hd.LibraryFault)
		}
		covered[hd.LibraryFault] = true
	}
	if ex != nil {
		for i := range ex.Faults {
			if !covered[i] {
				return e, sw.Errorf(sw.EINVALID, "demo: %s: library fault %d (%q) is neither shown nor listed as hidden", id, i, ex.Faults[i])
			}
		}
	}
	return e, nil
}

// Animate returns the demonstration of exercise id in the given variant
// (Good or a fault id of its Entry) seen from view (ViewUnknown or "" for
// the exercise's default view). Unknown ids, variants and views are
// EINVALID errors.
func Animate(lib *library.Library, id, variant string, view sw.View) (*Animation, error) {
	a, _, err := animate(lib, id, variant, view)
	return a, err
}

// animate is Animate that also returns the ground truth, for tests.
func animate(lib *library.Library, id, variant string, view sw.View) (*Animation, *synth.Truth, error) {
	t, err := load()
	if err != nil {
		return nil, nil, err
	}
	s, ok := t[id]
	if !ok {
		return nil, nil, sw.Errorf(sw.EINVALID, "demo: no demonstration for exercise %q", id)
	}
	var ex *library.Exercise
	if x, ok := lib.Exercise(id); ok {
		ex = &x
	}
	e, err := entry(id, s, ex)
	if err != nil {
		return nil, nil, err
	}
	if view == "" || view == sw.ViewUnknown {
		view = e.Views[0]
	}
	if _, ok := synth.ViewAzimuth(view); !ok {
		return nil, nil, sw.Errorf(sw.EINVALID, "demo: %s: view %q is not a camera view", id, view)
	}
	if variant == "" {
		variant = Good
	}
	var fault *faultSpec
	label := "Good form"
	if variant != Good {
		for i := range s.Faults {
			if s.Faults[i].ID == variant {
				fault = &s.Faults[i]
			}
		}
		if fault == nil {
			return nil, nil, sw.Errorf(sw.EINVALID, "demo: %s: no fault %q", id, variant)
		}
		label = fault.Label
	}
	m, err := motion(id, s, fault)
	if err != nil {
		return nil, nil, err
	}
	cam := synth.CameraFor(view)
	cam.Width, cam.Height = Width, Height
	b := synth.AverageBody()
	if err := synth.Check(m, b, cam, synth.NoiseNone, FPS); err != nil {
		return nil, nil, fmt.Errorf("demo: %s %s: %w", id, variant, err)
	}
	// Noise none draws nothing from the generator; it is seeded anyway so
	// the output never depends on chance.
	rec, tr := synth.Generate(m, b, cam, synth.NoiseNone, FPS, rand.New(rand.NewPCG(1, 2)))
	a := &Animation{Exercise: id, Name: e.Name, Variant: variant, Label: label, View: view,
		FPS: FPS, Width: rec.Header.Width, Height: rec.Header.Height, Phases: m.Phases,
		Frames: make([][sw.NumLandmarks][4]float64, len(rec.Frames))}
	for k, f := range rec.Frames {
		for i, l := range f.Image {
			a.Frames[k][i] = [4]float64{round(l.X, 1e4), round(l.Y, 1e4), round(l.Z, 1e4), round(l.Visibility, 1e2)}
		}
	}
	return a, tr, nil
}

// round rounds v to 1/scale: 1e-4 of the picture is 0.06 px at 640 px.
func round(v, scale float64) float64 { return math.Round(v*scale) / scale }

// motion builds the synth motion of a spec, with fault f (nil for good form).
func motion(id string, s spec, f *faultSpec) (*synth.Motion, error) {
	if s.Synth != "" {
		return synthMotion(id, s, f)
	}
	if len(s.Keys) < 2 {
		return nil, sw.Errorf(sw.EINVALID, "demo: %s: neither a synth motion nor at least two keys", id)
	}
	keys := append([]synth.Key(nil), s.Keys...)
	if f != nil {
		if f.Delta != nil {
			for _, i := range f.At {
				if i < 0 || i >= len(keys) {
					return nil, sw.Errorf(sw.EINVALID, "demo: %s: fault %s: key %d out of range", id, f.ID, i)
				}
				keys[i].Angles = addAngles(keys[i].Angles, *f.Delta)
			}
		}
		if f.Speed != 0 {
			if !(f.Speed > 0 && f.Speed <= 10) {
				return nil, sw.Errorf(sw.EINVALID, "demo: %s: fault %s: speed %g outside 0..10", id, f.ID, f.Speed)
			}
			for i := range keys {
				keys[i].TS /= f.Speed
			}
		}
	}
	m := synth.Keyframes(sw.Exercise(id), s.Posture, s.OnFloor, keys)
	return m, m.Err
}

// addAngles returns a + d, field by field.
func addAngles(a, d synth.JointAngles) synth.JointAngles {
	out := a
	out.PelvisM = synth.Vec3{X: a.PelvisM.X + d.PelvisM.X, Y: a.PelvisM.Y + d.PelvisM.Y, Z: a.PelvisM.Z + d.PelvisM.Z}
	out.PelvisYawDeg += d.PelvisYawDeg
	out.PelvisPitchDeg += d.PelvisPitchDeg
	out.PelvisRollDeg += d.PelvisRollDeg
	out.LumbarFlexDeg += d.LumbarFlexDeg
	out.LumbarSideDeg += d.LumbarSideDeg
	out.LumbarRotDeg += d.LumbarRotDeg
	out.NeckFlexDeg += d.NeckFlexDeg
	for i := 0; i < 2; i++ {
		out.HipFlexDeg[i] += d.HipFlexDeg[i]
		out.HipAbdDeg[i] += d.HipAbdDeg[i]
		out.HipRotDeg[i] += d.HipRotDeg[i]
		out.KneeFlexDeg[i] += d.KneeFlexDeg[i]
		out.AnklePlantarDeg[i] += d.AnklePlantarDeg[i]
		out.ShoulderFlexDeg[i] += d.ShoulderFlexDeg[i]
		out.ShoulderAbdDeg[i] += d.ShoulderAbdDeg[i]
		out.ElbowFlexDeg[i] += d.ElbowFlexDeg[i]
	}
	return out
}

// synthMotion builds the motion registered in synth under s.Synth from
// JSON parameters.
func synthMotion(id string, s spec, f *faultSpec) (*synth.Motion, error) {
	decode := func(dst any) error {
		for _, raw := range []json.RawMessage{s.Params, paramsOf(f)} {
			if len(raw) == 0 {
				continue
			}
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if err := dec.Decode(dst); err != nil {
				return sw.Errorf(sw.EINVALID, "demo: %s: params: %v", id, err)
			}
		}
		return nil
	}
	var faults []synth.FaultSpec
	if f != nil {
		faults = f.SynthFaults
	}
	motion, ok := synth.MotionFor(sw.Exercise(s.Synth))
	if !ok {
		return nil, sw.Errorf(sw.EINVALID, "demo: %s: synth motion %q unknown", id, s.Synth)
	}
	m, err := motion.Build(decode, faults)
	if err != nil {
		return nil, err
	}
	return m, m.Err
}

func paramsOf(f *faultSpec) json.RawMessage {
	if f == nil {
		return nil
	}
	return f.Params
}
