package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	sw "github.com/stretchwise/stretchwise"
)

// Truth is the ground truth of a generated recording. It is plain data and
// serialises to JSON (NaN angles as null).
type Truth struct {
	Exercise  sw.Exercise  `json:"exercise"`
	View      sw.View      `json:"view"`
	Posture   sw.Posture   `json:"posture"`
	FPS       float64      `json:"fps"`
	DurationS float64      `json:"duration_s"`
	Body      Body         `json:"body"`
	Camera    Camera       `json:"camera"` // as resolved: distance and aim point filled in
	Noise     Noise        `json:"noise"`
	Bones     []Bone       `json:"bones"`
	Phases    []Phase      `json:"phases"`
	Faults    []Fault      `json:"faults"`
	Frames    []TruthFrame `json:"frames"`
}

// TruthFrame is the truth of one recorded frame (the same index in
// Recording.Frames).
type TruthFrame struct {
	T float64 `json:"t"`
	State
	// Angles3D are the docs/angles.md angles of the true 3D pose.
	Angles3D Angles `json:"angles_3d"`
	// Angles2D are the same angles as a perfect camera sees them: the 2D
	// definitions applied to the noise-free image landmarks, with the true
	// facing direction (Facing). Out-of-plane views make them differ from
	// Angles3D; that difference is the view's own error, not noise.
	Angles2D Angles  `json:"angles_2d"`
	Facing   float64 `json:"facing"` // +1 front to image right, -1 left, 0 no side visible
	// Points are the true landmarks in lab metres (Y up).
	Points Points `json:"points"`
	// Clean holds the noise-free image landmarks (what Angles2D was
	// measured on); not serialised, it follows from Points and Camera.
	Clean sw.Pose `json:"-"`
}

// Check reports whether Generate can run with these inputs.
func Check(m *Motion, b Body, cam Camera, n Noise, fps float64) error {
	switch {
	case m == nil || m.pose == nil:
		return sw.Errorf(sw.EINVALID, "synth: no motion")
	case m.Err != nil:
		return m.Err
	case !(fps >= 1 && fps <= 1000):
		return sw.Errorf(sw.EINVALID, "synth: fps %g outside 1..1000", fps)
	}
	if err := b.Validate(); err != nil {
		return sw.Errorf(sw.EINVALID, "%v", err)
	}
	if err := cam.Validate(); err != nil {
		return sw.Errorf(sw.EINVALID, "%v", err)
	}
	if err := n.Validate(); err != nil {
		return sw.Errorf(sw.EINVALID, "%v", err)
	}
	if frames := int(m.DurationS*fps) + 1; frames > maxFrames {
		return sw.Errorf(sw.EINVALID, "synth: %d frames, more than %d", frames, maxFrames)
	}
	return nil
}

// maxFrames bounds one generated recording (our choice: 10 minutes at
// 60 fps, well past any exercise here).
const maxFrames = 36000

// Generate renders motion m on body b through camera cam at fps frames per
// second, adds noise n drawn from rng, and returns the recording (header
// with the camera's view, the exercise and the image size) and its truth.
// Frame k is at t = k/fps, from 0 to the motion's duration. The same rng
// state gives the same output. It panics when Check fails: callers with
// outside input call Check first.
func Generate(m *Motion, b Body, cam Camera, n Noise, fps float64, rng *rand.Rand) (*sw.Recording, *Truth) {
	if err := Check(m, b, cam, n, fps); err != nil {
		panic(fmt.Sprintf("synth.Generate: %v", err))
	}
	nf := int(m.DurationS*fps) + 1
	times := make([]float64, nf)
	for k := range times {
		times[k] = float64(k) / fps
	}
	// Pose every frame first: the camera frames the whole motion.
	poses := make([]Pose, nf)
	states := make([]State, nf)
	pts := make([]Points, nf)
	all := make([]Vec3, 0, nf*sw.NumLandmarks)
	for k, t := range times {
		poses[k], states[k] = m.At(b, t)
		pts[k] = b.Points(&poses[k])
		all = append(all, pts[k][:]...)
	}
	cam, l := cam.frame(m.front(), m.left(), all)

	rec := &sw.Recording{Header: sw.Header{
		Format: "stretchwise-recording", Version: 1, Topology: sw.TopologyBlazePose33,
		FPS: fps, Width: cam.Width, Height: cam.Height, View: cam.View, Exercise: m.Exercise,
		Source: "stretchwise synth (" + n.Name + " noise)",
	}, Frames: make([]sw.Frame, nf)}
	tr := &Truth{Exercise: m.Exercise, View: cam.View, Posture: m.Posture, FPS: fps,
		DurationS: times[nf-1], Body: b, Camera: cam, Noise: n, Bones: b.Bones(),
		Phases: m.Phases, Faults: m.Faults, Frames: make([]TruthFrame, nf)}
	z := newNoiser(n, rng, fps, m.Posture)
	for k, t := range times {
		p := &pts[k]
		f := &rec.Frames[k]
		f.T, f.HasWorld = t, true
		l.image(b, p, &f.Image, &f.World)
		tf := &tr.Frames[k]
		tf.T, tf.State, tf.Points, tf.Clean = t, states[k], *p, f.Image
		tf.Angles3D = measure3D(p, poses[k].Thorax.A)
		tf.Facing = l.facing(p, poses[k].Thorax.A, poses[k].Thorax.R)
		tf.Angles2D = measure2D(&f.Image, l.aspect, tf.Facing)
		// Metres per image-height unit at the hips' depth.
		_, _, depth := l.project(p[sw.LeftHip].mid(p[sw.RightHip]))
		f.Detected = z.apply(t, &f.Image, &f.World, l.aspect, depth*l.h/l.fpx)
		if !f.Detected {
			f.Image, f.World, f.HasWorld = sw.Pose{}, sw.Pose{}, false
		}
	}
	return rec, tr
}

// front and left are the body's horizontal front and left directions in
// the lab, which the camera azimuth is measured from.
func (m *Motion) front() Vec3 { return Vec3{1, 0, 0} }

func (m *Motion) left() Vec3 {
	if m.Posture == sw.PostureSupine {
		return Vec3{0, 0, 1} // lying face up with the head toward +X
	}
	return Vec3{0, 0, -1}
}

// MAE returns the mean absolute difference between got and want over the
// frames where both are finite, and how many frames that was.
func MAE(got, want []float64) (float64, int) {
	var sum float64
	var n int
	for i := range got {
		if i >= len(want) || math.IsNaN(got[i]) || math.IsNaN(want[i]) {
			continue
		}
		sum += math.Abs(got[i] - want[i])
		n++
	}
	if n == 0 {
		return math.NaN(), 0
	}
	return sum / float64(n), n
}
