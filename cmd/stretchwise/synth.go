package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/recording"
	"github.com/stretchwise/stretchwise/synth"
)

// synthCommand writes a synthetic recording and its ground truth.
type synthCommand struct{ Env }

func newSynthCommand(env Env) Command { return &synthCommand{env} }

const synthUsage = `Usage: stretchwise synth --exercise EXERCISE [flags] -o OUT.jsonl [--truth OUT.truth.json]

Renders a synthetic body doing an exercise, seen from a camera view, as an ordinary
recording with MediaPipe-like noise, plus its ground truth (docs/synth.md).

Flags:
`

func (c *synthCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("synth", c.Stderr, synthUsage)
	exercises := synthExercises()
	exercise := fs.String("exercise", "", strings.Join(exercises[:len(exercises)-1], ", ")+" or "+exercises[len(exercises)-1]+" (required)")
	view := fs.String("view", "", "camera view: "+viewNames()+" (default rear-left for bird-dog, left otherwise)")
	noiseName := fs.String("noise", "mediapipe", "landmark noise: none, low, mediapipe, high or loose (mediapipe with loose clothing)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and flags give the same files")
	var faults, sets repeated
	fs.Var(&faults, "fault", "inject a fault, `NAME=VALUE[@START-END][:SIDE]` (repeatable; see -h for the names)")
	fs.Var(&sets, "set", "set an exercise parameter, `NAME=VALUE` (repeatable; see -h for the names)")
	side := fs.String("side", "", "bird-dog: reaching arm of every rep (default alternating); thomas-test: the one leg tested (default both); half-kneeling: the down knee (default left)")
	duration := fs.Float64("duration", 0, "approximate length in seconds: the hold (thomas-test, half-kneeling) or the number of reps (bird-dog) is chosen to fill it")
	fps := fs.Float64("fps", 30, "frames per second")
	width := fs.Int("width", synth.DefaultWidth, "image width in pixels")
	height := fs.Int("height", synth.DefaultHeight, "image height in pixels")
	elevation := fs.Float64("elevation", synth.DefaultElevationDeg, "camera elevation above the body's centre, degrees")
	azimuth := fs.Float64("azimuth", math.NaN(), "camera azimuth in degrees from the body's front toward its left, overriding the view's (the header keeps --view)")
	distance := fs.Float64("distance", 0, "camera distance in metres (0 = frame the person automatically)")
	fill := fs.Float64("fill", synth.DefaultFill, "with --distance 0, the share of the image the person fills (above 1: limbs leave the picture)")
	hfov := fs.Float64("hfov", synth.DefaultHFOVDeg, "horizontal field of view in degrees (wide-angle: 90-120)")
	distortion := fs.Float64("distortion", 0, "radial lens distortion k1 (negative: the barrel distortion of a wide-angle lens, e.g. -0.2)")
	var occluders repeated
	fs.Var(&occluders, "occlude", "furniture hiding part of the picture, `X0,Y0,X1,Y1` in image fractions (repeatable)")
	bodyHeight := fs.Float64("body-height", 0, "body height in metres with average proportions (default: a random adult body from the seed)")
	noView := fs.Bool("no-view", false, "leave the view out of the header (to test view inference)")
	noExercise := fs.Bool("no-exercise", false, "leave the exercise out of the header (to test exercise inference)")
	out := fs.String("o", "", "write the recording to `FILE.jsonl` (required; - for standard output)")
	truthOut := fs.String("truth", "", "write the ground truth JSON to `FILE`")
	flagsUsage := fs.Usage
	fs.Usage = func() {
		w := c.Stderr
		flagsUsage()
		for _, ex := range synth.Motions() {
			spec, _ := synth.MotionFor(ex)
			fmt.Fprintf(w, "\n%s faults (--fault):\n", ex)
			for _, f := range spec.Faults {
				fmt.Fprintf(w, "  %s\n", f)
			}
			fmt.Fprintf(w, "%s parameters (--set): %s\n", ex, strings.Join(spec.Params, ", "))
		}
		fmt.Fprintln(w, "\nExample: stretchwise synth --exercise bird-dog --view rear --noise none --fault pelvic_roll=12 -o bd.jsonl --truth bd.truth.json")
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	ex := stretchwise.Exercise(*exercise)
	spec, known := synth.MotionFor(ex)
	switch {
	case len(pos) > 0:
		return usageError("unexpected argument %q", pos[0])
	case *out == "":
		return usageError("-o FILE is required")
	case !known:
		return usageError("--exercise %q is not one of %s", *exercise, strings.Join(exercises, ", "))
	case *duration < 0 || math.IsNaN(*duration):
		return usageError("--duration must be positive, got %g", *duration)
	}
	v := stretchwise.View(*view)
	if v == "" {
		v = spec.View
	}
	if _, ok := synth.ViewAzimuth(v); !ok {
		return usageError("--view %q: want one of %s except unknown", *view, viewNames())
	}
	nz, ok := synth.NoisePresets[*noiseName]
	if !ok {
		return usageError("--noise %q is not one of none, low, mediapipe, high, loose", *noiseName)
	}
	specs := make([]synth.FaultSpec, 0, len(faults))
	for _, f := range faults {
		s, err := parseFault(f)
		if err != nil {
			return usageError("--fault %q: %v", f, err)
		}
		specs = append(specs, s)
	}
	params := map[string]float64{}
	for _, s := range sets {
		name, val, ok := strings.Cut(s, "=")
		x, err := strconv.ParseFloat(val, 64)
		if !ok || err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return usageError("--set %q: want NAME=NUMBER", s)
		}
		params[name] = x
	}
	for _, name := range slices.Sorted(maps.Keys(params)) {
		if !slices.Contains(spec.Params, name) {
			return usageError("--set %s: %s has no such parameter (known: %s)", name, ex, strings.Join(spec.Params, ", "))
		}
	}
	sd := stretchwise.Side(*side)
	if sd != stretchwise.SideNone && sd != stretchwise.SideLeft && sd != stretchwise.SideRight {
		return usageError("--side %q: want left or right", *side)
	}
	m := spec.Make(synth.Options{Side: sd, Faults: specs, Set: params, DurationS: *duration, Seed: *seed})
	if m.Err != nil {
		return usageError("%s", stretchwise.ErrorMessage(m.Err))
	}

	rng := rand.New(rand.NewPCG(*seed, 0x5eed))
	body := synth.RandomBody(rng)
	if *bodyHeight != 0 {
		body = synth.BodyOfHeight(*bodyHeight)
	}
	cam := synth.CameraFor(v)
	cam.Width, cam.Height, cam.ElevationDeg, cam.DistanceM = *width, *height, *elevation, *distance
	cam.FillFraction, cam.DistortionK1 = *fill, *distortion
	if *hfov != synth.DefaultHFOVDeg {
		cam.HFOVDeg = *hfov
	}
	for _, o := range occluders {
		var r synth.Rect
		if n, err := fmt.Sscanf(o, "%g,%g,%g,%g", &r.X0, &r.Y0, &r.X1, &r.Y1); err != nil || n != 4 || !(r.X0 < r.X1 && r.Y0 < r.Y1) {
			return usageError("--occlude %q: want X0,Y0,X1,Y1 with X0 < X1 and Y0 < Y1", o)
		}
		cam.Occluders = append(cam.Occluders, r)
	}
	if !math.IsNaN(*azimuth) {
		cam.AzimuthDeg = *azimuth
	}
	if err := synth.Check(m, body, cam, nz, *fps); err != nil {
		return usageError("%s", stretchwise.ErrorMessage(err))
	}
	rec, truth := synth.Generate(m, body, cam, nz, *fps, rng)
	if *noView {
		rec.Header.View = ""
	}
	if *noExercise {
		rec.Header.Exercise = ""
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := recording.Write(&buf, rec); err != nil {
		return fmt.Errorf("encode synthetic recording: %w", err)
	}
	if *out == "-" {
		if _, err := c.Stdout.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("write recording: %w", err)
		}
	} else if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	if *truthOut != "" {
		js, err := json.Marshal(truth)
		if err != nil {
			return fmt.Errorf("encode ground truth: %w", err)
		}
		if err := writeFileAtomic(*truthOut, append(js, '\n')); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.Stderr, "synth: %s from %s, %s noise, %.2f m body: %d frames, %.1f s",
		ex, v, nz.Name, body.HeightM, len(rec.Frames), rec.Duration())
	for _, f := range truth.Faults {
		fmt.Fprintf(c.Stderr, "; %s=%g %s %s %.1f-%.1f s", f.Name, f.Value, f.Unit, f.Side, f.StartS, f.EndS)
	}
	fmt.Fprintln(c.Stderr)
	return nil
}

// parseFault reads NAME=VALUE[@START-END][:SIDE].
func parseFault(s string) (synth.FaultSpec, error) {
	var f synth.FaultSpec
	name, rest, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return f, errors.New("want NAME=VALUE[@START-END][:SIDE]")
	}
	f.Name = name
	if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		f.Side = stretchwise.Side(rest[i+1:])
		if f.Side != stretchwise.SideLeft && f.Side != stretchwise.SideRight {
			return f, fmt.Errorf("side %q: want left or right", rest[i+1:])
		}
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '@'); i >= 0 {
		a, b, ok := strings.Cut(rest[i+1:], "-")
		start, err1 := strconv.ParseFloat(a, 64)
		end, err2 := strconv.ParseFloat(b, 64)
		if !ok || err1 != nil || err2 != nil || !(start >= 0 && end > start) {
			return f, fmt.Errorf("times %q: want START-END in seconds, START < END", rest[i+1:])
		}
		f.StartS, f.EndS = start, end
		rest = rest[:i]
	}
	v, err := strconv.ParseFloat(rest, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return f, fmt.Errorf("value %q is not a number", rest)
	}
	f.Value = v
	return f, nil
}

// synthExercises returns the exercises with a synthetic motion, in the
// order they registered.
func synthExercises() []string {
	var out []string
	for _, ex := range synth.Motions() {
		out = append(out, string(ex))
	}
	return out
}
