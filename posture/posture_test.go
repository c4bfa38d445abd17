package posture

import (
	"math"
	"testing"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/internal/cpuclock"
)

func TestViewOf(t *testing.T) {
	tests := []struct {
		yaw  float64
		want stretchwise.View
	}{
		{0, stretchwise.ViewFront},
		{22.4, stretchwise.ViewFront},
		{22.6, stretchwise.ViewFrontLeft},
		{45, stretchwise.ViewFrontLeft},
		{90, stretchwise.ViewLeft},
		{135, stretchwise.ViewRearLeft},
		{157.6, stretchwise.ViewRear},
		{180, stretchwise.ViewRear},
		{-180, stretchwise.ViewRear},
		{-135, stretchwise.ViewRearRight},
		{-90, stretchwise.ViewRight},
		{-45, stretchwise.ViewFrontRight},
		{-22.4, stretchwise.ViewFront},
		{315, stretchwise.ViewFrontRight},
		{math.NaN(), stretchwise.ViewUnknown},
		{math.Inf(1), stretchwise.ViewUnknown},
	}
	for _, tt := range tests {
		if got := ViewOf(tt.yaw); got != tt.want {
			t.Errorf("ViewOf(%v) = %s, want %s", tt.yaw, got, tt.want)
		}
	}
}

// viewYaws are the centre yaws of the eight named views.
var viewYaws = []struct {
	view stretchwise.View
	yaw  float64
}{
	{stretchwise.ViewFront, 0}, {stretchwise.ViewFrontLeft, 45}, {stretchwise.ViewLeft, 90},
	{stretchwise.ViewRearLeft, 135}, {stretchwise.ViewRear, 180}, {stretchwise.ViewRearRight, -135},
	{stretchwise.ViewRight, -90}, {stretchwise.ViewFrontRight, -45},
}

// stickFigure is a noise-free stick figure in a known posture.
type stickFigure struct {
	name string
	s    stick
	want stretchwise.Posture
}

// stickFigures are the four postures the rules must tell apart.
func stickFigures() []stickFigure {
	return []stickFigure{
		{"standing", standingStick(), stretchwise.PostureStanding},
		{"quadruped", quadrupedStick(), stretchwise.PostureQuadruped},
		{"half-kneeling", halfKneelingStick(), stretchwise.PostureHalfKneeling},
		{"supine", supineStick(), stretchwise.PostureSupine},
	}
}

// TestObserveStick checks the rules on noise-free stick figures in every
// posture from every view, with depth (MediaPipe's z).
func TestObserveStick(t *testing.T) {
	const yawTol = 1e-9 // degrees; orthographic and noise-free, so exact
	figures := stickFigures()
	for _, fig := range figures {
		for _, v := range viewYaws {
			f := fig.s.project(v.yaw, 0.9, true)
			got := Observe(&f, 16.0/9, &DefaultConfig)
			// The supine figure's head is away from a camera at yaw 0,
			// which the lying convention calls the rear.
			wantYaw := v.yaw
			if fig.want == stretchwise.PostureSupine {
				wantYaw = 180 - v.yaw
			}
			if got.Posture != fig.want || got.View != ViewOf(wantYaw) {
				t.Errorf("%s from %s: got %s %s, want %s %s", fig.name, v.view, got.Posture, got.View, fig.want, ViewOf(wantYaw))
			}
			if d := math.Abs(math.Remainder(got.YawDeg-wantYaw, 360)); !(d <= yawTol) {
				t.Errorf("%s from %s: yaw %v, want %v", fig.name, v.view, got.YawDeg, wantYaw)
			}
		}
	}
}

// TestObserveNoDepth checks the fallback for sources without z: the far
// side's lower visibility says which side is nearer.
func TestObserveNoDepth(t *testing.T) {
	for _, v := range viewYaws {
		s := standingStick()
		f := s.project(v.yaw, 0.9, false)
		// The far side of a side or oblique view is partly occluded.
		if far := math.Sin(v.yaw * math.Pi / 180); math.Abs(far) > 0.5 {
			first := stretchwise.RightShoulder // the right side is far when the left faces the camera
			if far < 0 {
				first = stretchwise.LeftShoulder
			}
			for i := first; i < stretchwise.NumLandmarks; i += 2 {
				f.Image[i].Visibility = 0.6
			}
			ear := stretchwise.RightEar
			if far < 0 {
				ear = stretchwise.LeftEar
			}
			f.Image[ear].Visibility = 0.6
		}
		got := Observe(&f, 16.0/9, &DefaultConfig)
		if got.Posture != stretchwise.PostureStanding || got.View != v.view {
			t.Errorf("no depth, %s: got %s %s (yaw %.1f), want standing %s", v.view, got.Posture, got.View, got.YawDeg, v.view)
		}
	}
}

func TestObserveUnknown(t *testing.T) {
	s := standingStick()
	tests := []struct {
		name string
		edit func(f *stretchwise.Frame)
	}{
		{"no person", func(f *stretchwise.Frame) { *f = stretchwise.Frame{T: f.T} }},
		{"nothing visible", func(f *stretchwise.Frame) {
			for i := range f.Image {
				f.Image[i].Visibility = 0.2
			}
		}},
		{"no knees", func(f *stretchwise.Frame) {
			f.Image[stretchwise.LeftKnee].Visibility = 0
			f.Image[stretchwise.RightKnee].Visibility = 0
		}},
		{"no hips", func(f *stretchwise.Frame) {
			f.Image[stretchwise.LeftHip].Visibility = 0.1
			f.Image[stretchwise.RightHip].Visibility = 0.1
		}},
	}
	for _, tt := range tests {
		f := s.project(0, 0.9, true)
		tt.edit(&f)
		if got := Observe(&f, 16.0/9, &DefaultConfig); got.Posture != stretchwise.PostureUnknown {
			t.Errorf("%s: posture %s, want unknown", tt.name, got.Posture)
		}
	}
}

// TestObserveOther checks positions that are none of the four.
func TestObserveOther(t *testing.T) {
	tests := []struct {
		name string
		s    stick
	}{
		{"bent forward", func() stick {
			s := standingStick()
			// Trunk pitched 70 degrees forward about the hips.
			// Everything above the hips (face, arms, hands) turns with the trunk.
			c, sn := math.Cos(70*math.Pi/180), math.Sin(70*math.Pi/180)
			for i := stretchwise.Nose; i <= stretchwise.RightThumb; i++ {
				dy, dz := s[i].y-0.93, s[i].z
				s[i].y, s[i].z = 0.93+dy*c-dz*sn, dy*sn+dz*c
			}
			return s
		}()},
		{"prone", func() stick {
			s := supineStick()
			// Face down: the nose below the ears, legs flat.
			s.head(v3{0, 0.86, -0.75}, v3{0, -1, 0}, v3{0, 0, -1})
			s[stretchwise.LeftKnee] = v3{0.10, 0.80, 0.43}
			s[stretchwise.LeftAnkle] = v3{0.10, 0.80, 0.85}
			s[stretchwise.RightKnee] = v3{-0.10, 0.80, 0.43}
			s[stretchwise.RightAnkle] = v3{-0.10, 0.80, 0.85}
			return s
		}()},
		{"plank", func() stick {
			s := quadrupedStick()
			// Legs straight behind, hips level with the shoulders, head
			// in line with the trunk (nose level with the ears).
			s.pair(stretchwise.LeftHip, 0.10, 0.50, -0.05)
			s.pair(stretchwise.LeftKnee, 0.10, 0.30, -0.47)
			s.pair(stretchwise.LeftAnkle, 0.10, 0.10, -0.90)
			s.feet(0, v3{0, -0.06, 0.02})
			s.feet(1, v3{0, -0.06, 0.02})
			s.head(v3{0, 0.58, 0.72}, v3{0, 0, 1}, v3{0, 1, 0})
			return s
		}()},
		{"tall kneeling", func() stick {
			s := halfKneelingStick()
			s[stretchwise.RightKnee] = v3{-0.10, 0.06, -0.10}
			s[stretchwise.RightAnkle] = v3{-0.10, 0.07, -0.52}
			return s
		}()},
	}
	for _, tt := range tests {
		f := tt.s.project(90, 0.9, true)
		if got := Observe(&f, 16.0/9, &DefaultConfig); got.Posture != stretchwise.PostureOther {
			t.Errorf("%s: posture %s, want other", tt.name, got.Posture)
		}
	}
}

// TestObserveMirror checks that a mirrored image (landmarks swapped with
// their counterparts, x flipped) gives the same posture and the mirrored
// view.
func TestObserveMirror(t *testing.T) {
	for _, fig := range []stick{standingStick(), quadrupedStick(), halfKneelingStick(), supineStick()} {
		for _, v := range viewYaws {
			f := fig.project(v.yaw, 0.9, true)
			var m stretchwise.Frame
			m.Detected = true
			for i := range f.Image {
				l := f.Image[stretchwise.Mirror[i]]
				l.X = 1 - l.X
				m.Image[i] = l
			}
			a, b := Observe(&f, 16.0/9, &DefaultConfig), Observe(&m, 16.0/9, &DefaultConfig)
			if a.Posture != b.Posture || b.View != a.View.Mirrored() {
				t.Errorf("from %s: %s %s, mirrored %s %s", v.view, a.Posture, a.View, b.Posture, b.View)
			}
		}
	}
}

// frames returns n frames at fps of the figures in seq, each held for the
// given number of frames.
func sequence(fps float64, parts ...struct {
	s      stick
	yaw    float64
	frames int
}) *stretchwise.Recording {
	rec := &stretchwise.Recording{Header: stretchwise.Header{Width: 1600, Height: 900}}
	for _, p := range parts {
		for i := 0; i < p.frames; i++ {
			f := p.s.project(p.yaw, 0.9, true)
			f.T = float64(len(rec.Frames)) / fps
			rec.Frames = append(rec.Frames, f)
		}
	}
	return rec
}

type part = struct {
	s      stick
	yaw    float64
	frames int
}

func TestRecognizeHysteresis(t *testing.T) {
	const fps = 30
	stand, quad := standingStick(), quadrupedStick()
	// 1 s standing, a 0.2 s quadruped glitch (shorter than HoldS), 1 s
	// standing, then 2 s quadruped from the rear.
	rec := sequence(fps, part{stand, 90, 30}, part{quad, 90, 6}, part{stand, 90, 30}, part{quad, 180, 60})
	labels := Recognize(rec, DefaultConfig)
	// The view follows the smoothed left-right axis: it turns from left
	// (90) past the rear sector's edge (157.5) once the exponential weight
	// of the new direction reaches tan(67.5)/(1+tan(67.5)).
	w := math.Tan(67.5*math.Pi/180) / (1 + math.Tan(67.5*math.Pi/180))
	// Frame 66 is the first update toward the new direction.
	viewLag := int(math.Ceil(-math.Log(1-w)*DefaultConfig.ViewSmoothS*fps)) - 1
	for i, l := range labels {
		wantP, wantV := stretchwise.PostureStanding, stretchwise.ViewLeft
		if i >= 66 {
			wantP = stretchwise.PostureQuadruped
		}
		if i >= 66+viewLag {
			wantV = stretchwise.ViewRear
		}
		if l.Posture != wantP || l.View != wantV {
			t.Errorf("frame %d: %s %s, want %s %s", i, l.Posture, l.View, wantP, wantV)
		}
	}
	spans := Spans(rec.Frames, labels)
	want := []stretchwise.PostureSpan{
		{Posture: stretchwise.PostureStanding, StartS: 0, EndS: 65.0 / fps},
		{Posture: stretchwise.PostureQuadruped, StartS: 66.0 / fps, EndS: 125.0 / fps},
	}
	const tol = 1e-12 // seconds
	if len(spans) != len(want) {
		t.Fatalf("spans %+v, want %+v", spans, want)
	}
	for i := range want {
		if spans[i].Posture != want[i].Posture || math.Abs(spans[i].StartS-want[i].StartS) > tol || math.Abs(spans[i].EndS-want[i].EndS) > tol {
			t.Errorf("span %d = %+v, want %+v", i, spans[i], want[i])
		}
	}
	// The live classifier changes only after HoldS.
	c := NewClassifier(DefaultConfig, rec.Header.Aspect())
	changed := -1
	for i := range rec.Frames {
		if l := c.Update(&rec.Frames[i]); l.Posture == stretchwise.PostureQuadruped && changed < 0 {
			changed = i
		}
	}
	if want := 66 + int(math.Ceil(DefaultConfig.HoldS*fps)); changed != want {
		t.Errorf("live classifier changed at frame %d, want %d", changed, want)
	}
}

func TestRecordingView(t *testing.T) {
	const fps = 30
	quad := quadrupedStick()
	tests := []struct {
		name  string
		parts []part
		want  stretchwise.View
	}{
		{"rear-left", []part{{quad, 135, 40}}, stretchwise.ViewRearLeft},
		{"too short", []part{{quad, 135, MinViewFrames - 1}}, stretchwise.ViewUnknown},
		{"turned around", []part{{quad, 0, 40}, {quad, 180, 40}}, stretchwise.ViewUnknown},
		{"mostly left", []part{{quad, 90, 60}, {quad, 135, 10}}, stretchwise.ViewLeft},
	}
	for _, tt := range tests {
		rec := sequence(fps, tt.parts...)
		got, _ := RecordingView(Recognize(rec, DefaultConfig), stretchwise.PostureUnknown)
		if got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestUpdateAllocs(t *testing.T) {
	s := quadrupedStick()
	f := s.project(135, 0.9, true)
	c := NewClassifier(DefaultConfig, 16.0/9)
	allocs := testing.AllocsPerRun(1000, func() {
		f.T += 1.0 / 30
		c.Update(&f)
	})
	if allocs != 0 {
		t.Errorf("Update allocates %v times per frame, want 0", allocs)
	}
}

func BenchmarkUpdate(b *testing.B) {
	s := quadrupedStick()
	f := s.project(135, 0.9, true)
	c := NewClassifier(DefaultConfig, 16.0/9)
	b.ReportAllocs()
	defer cpuclock.PerOp(b)()
	for i := 0; i < b.N; i++ {
		f.T += 1.0 / 30
		c.Update(&f)
	}
}

// TestObserveElevated checks the rules with the camera above the body, as
// a phone on a shelf or a tripod films a person on the floor: every
// posture from every view with the camera 5 to 20 deg up. Seen from behind,
// a quadruped's trunk points away from the camera, so its far end (the
// shoulders) rises in the image with the elevation, and its feet, on the
// floor toward the camera, drop: before the end-on rule a quadruped filmed
// from behind 20 deg up was "other" or "standing".
func TestObserveElevated(t *testing.T) {
	figures := stickFigures()
	for _, fig := range figures {
		for _, v := range viewYaws {
			for _, elev := range []float64{5, 10, 15, 20} {
				f := fig.s.projectFrom(v.yaw, elev, 0.9, true)
				if got := Observe(&f, 16.0/9, &DefaultConfig); got.Posture != fig.want {
					var ft Features
					ft.Compute(&f.Image, 16.0/9, DefaultConfig.Gate, DefaultConfig.OccludedGate, &DefaultRules)
					t.Errorf("%s from %s, camera %g deg up: %s, want %s (%+v)", fig.name, v.view, elev, got.Posture, fig.want, ft)
				}
			}
		}
	}
}

// TestObserveElevatedOther checks that the end-on rule does not turn
// upright or bent-over people seen from above and behind into a
// quadruped: kneeling up with the arms hanging, standing bent forward
// (hips high, shanks pointing down) and standing leaning forward.
func TestObserveElevatedOther(t *testing.T) {
	pitch := func(s stick, deg, hipY float64) stick {
		// Everything above the hips turns with the trunk.
		c, sn := math.Cos(deg*math.Pi/180), math.Sin(deg*math.Pi/180)
		for i := stretchwise.Nose; i <= stretchwise.RightThumb; i++ {
			dy, dz := s[i].y-hipY, s[i].z
			s[i].y, s[i].z = hipY+dy*c-dz*sn, dy*sn+dz*c
		}
		return s
	}
	tallKneeling := halfKneelingStick()
	tallKneeling[stretchwise.RightKnee] = v3{-0.10, 0.06, -0.10}
	tallKneeling[stretchwise.RightAnkle] = v3{-0.10, 0.07, -0.52}
	tests := []struct {
		name string
		s    stick
		want stretchwise.Posture
	}{
		{"tall kneeling", tallKneeling, stretchwise.PostureOther},
		{"bent forward 70 deg", pitch(standingStick(), 70, 0.93), stretchwise.PostureOther},
		{"bent forward 90 deg", pitch(standingStick(), 90, 0.93), stretchwise.PostureOther},
		{"standing, leaning forward 30 deg", pitch(standingStick(), 30, 0.93), stretchwise.PostureStanding},
	}
	for _, tt := range tests {
		for _, yaw := range []float64{180, 135, -135, 0} {
			for _, elev := range []float64{5, 10, 15, 20} {
				f := tt.s.projectFrom(yaw, elev, 0.9, true)
				if got := Observe(&f, 16.0/9, &DefaultConfig); got.Posture != tt.want {
					var ft Features
					ft.Compute(&f.Image, 16.0/9, DefaultConfig.Gate, DefaultConfig.OccludedGate, &DefaultRules)
					t.Errorf("%s from yaw %g, camera %g deg up: %s, want %s (%+v)", tt.name, yaw, elev, got.Posture, tt.want, ft)
				}
			}
		}
	}
}
