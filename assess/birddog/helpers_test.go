package birddog

import (
	"math"
	"math/rand/v2"

	"github.com/stretchwise/stretchwise"
	"github.com/stretchwise/stretchwise/assess"
	"github.com/stretchwise/stretchwise/geom"
)

// This file builds small bird-dog recordings by hand, independent of
// package synth: an orthographic stick figure on hands and knees, seen
// straight from behind or from its left side, whose limbs rise and whose
// hip and shoulder lines tip by given angles.

// state is the body at one instant. reach[k] is how far the diagonal whose
// leg is on side k (0 = left) has risen: 0 limbs on the floor, 1 level.
type state struct {
	reach       [2]float64
	roll, sroll float64 // hip and shoulder line tilt, deg, positive = left higher
	legHigh     float64 // extra leg elevation above horizontal at full reach, deg (side view)
	drop        float64 // pelvis lowered toward the floor, image heights (rear view)
	armOnly     bool    // only the arm of the diagonal rises (rear view)
}

// phase is one piece of a scripted timeline: the diagonal (leg side) that
// reaches, how long the lift, hold and return take, and the roll during the
// hold (reached gradually with the lift).
type phase struct {
	rest            float64 // seconds of quiet quadruped before the reach
	leg             stretchwise.Side
	lift, hold, ret float64
	roll, sroll     float64
	legHigh         float64
	drop            float64
	armOnly         bool
}

const (
	testFPS    = 30.0
	hipHalf    = 0.06 // half the hip width, image heights
	shHalf     = 0.07
	armDrop    = 0.30
	legDrop    = 0.32
	sideThigh  = 0.25
	sideShank  = 0.25
	sideArm    = 0.30
	trunkLen   = 0.30
	sideHipU   = 0.60 // far enough right that a leg reaching back stays in the picture
	groundV    = 0.82
	testAspect = 16.0 / 9
)

// script turns phases (followed by tail seconds of rest) into states at
// testFPS.
func script(tail float64, ps ...phase) (ts []float64, ss []state) {
	t := 0.0
	add := func(dur float64, f func(x float64) state) {
		n := int(math.Round(dur * testFPS))
		for i := 0; i < n; i++ {
			ts = append(ts, t)
			ss = append(ss, f(float64(i)/float64(n)))
			t += 1 / testFPS
		}
	}
	for _, p := range ps {
		k := sideIndex(p.leg)
		up := func(x float64) state {
			var s state
			s.reach[k] = x
			s.roll, s.sroll, s.legHigh, s.drop = p.roll*x, p.sroll*x, p.legHigh*x, p.drop*x
			s.armOnly = p.armOnly
			return s
		}
		add(p.rest, func(float64) state { return state{} })
		add(p.lift, func(x float64) state { return up(0.5 - 0.5*math.Cos(math.Pi*x)) })
		add(p.hold, func(float64) state { return up(1) })
		add(p.ret, func(x float64) state { return up(0.5 + 0.5*math.Cos(math.Pi*x)) })
	}
	add(tail, func(float64) state { return state{} })
	return ts, ss
}

// rearPose is the stick figure seen from straight behind: the person's left
// is image left, the head points away from the camera (up the image).
func rearPose(s state) stretchwise.Pose {
	var p stretchwise.Pose
	set := func(i int, u, v float64) { p[i] = stretchwise.Landmark{X: u / testAspect, Y: v, Visibility: 0.95} }
	cu := 0.5 * testAspect
	r := s.roll * math.Pi / 180
	sr := s.sroll * math.Pi / 180
	hipV, shV := 0.50+s.drop, 0.42
	// Left hip at -u; positive roll lifts it (smaller v).
	set(stretchwise.LeftHip, cu-hipHalf*math.Cos(r), hipV-hipHalf*math.Sin(r))
	set(stretchwise.RightHip, cu+hipHalf*math.Cos(r), hipV+hipHalf*math.Sin(r))
	set(stretchwise.LeftShoulder, cu-shHalf*math.Cos(sr), shV-shHalf*math.Sin(sr))
	set(stretchwise.RightShoulder, cu+shHalf*math.Cos(sr), shV+shHalf*math.Sin(sr))
	// Wrists: the left wrist belongs to the right-leg diagonal.
	wr := [2]float64{s.reach[1], s.reach[0]}
	for k, idx := range [2][2]int{{stretchwise.LeftWrist, stretchwise.LeftShoulder}, {stretchwise.RightWrist, stretchwise.RightShoulder}} {
		sh := p[idx[1]]
		set(idx[0], sh.X*testAspect, sh.Y+armDrop*(1-wr[k]))
		elbow := []int{stretchwise.LeftElbow, stretchwise.RightElbow}[k]
		set(elbow, sh.X*testAspect, sh.Y+armDrop*(1-wr[k])/2)
	}
	for k, idx := range [2][3]int{{stretchwise.LeftAnkle, stretchwise.LeftHip, stretchwise.LeftKnee}, {stretchwise.RightAnkle, stretchwise.RightHip, stretchwise.RightKnee}} {
		h := p[idx[1]]
		y := h.Y - s.drop // the knees and feet stay where they were
		r := s.reach[k]
		if s.armOnly {
			r = 0
		}
		set(idx[0], h.X*testAspect, y+legDrop*(1-r))
		set(idx[2], h.X*testAspect, y+legDrop*(1-r)*0.9)
	}
	set(stretchwise.LeftEar, cu-0.03, 0.36)
	set(stretchwise.RightEar, cu+0.03, 0.36)
	set(stretchwise.Nose, cu, 0.35)
	for _, i := range []int{stretchwise.LeftHeel, stretchwise.RightHeel, stretchwise.LeftFootIndex, stretchwise.RightFootIndex} {
		set(i, p[i-2].X*testAspect, p[i-2].Y+0.01)
	}
	return p
}

// leftPose is the stick figure seen from its left side, facing image right.
// Rolls are invisible from here; legHigh raises the reached leg above
// horizontal.
func leftPose(s state) stretchwise.Pose {
	var p stretchwise.Pose
	set := func(i int, u, v, vis float64) { p[i] = stretchwise.Landmark{X: u / testAspect, Y: v, Visibility: vis} }
	hip := [2]float64{sideHipU, 0.52}
	sh := [2]float64{sideHipU + trunkLen, 0.52}
	for k := 0; k < 2; k++ {
		vis := 0.95
		if k == 1 {
			vis = 0.8 // the far side
		}
		set([]int{stretchwise.LeftHip, stretchwise.RightHip}[k], hip[0], hip[1], vis)
		set([]int{stretchwise.LeftShoulder, stretchwise.RightShoulder}[k], sh[0], sh[1], vis)
		// Arm of this side belongs to the other leg's diagonal: rotate
		// from straight down (-90) to forward (0).
		ra := s.reach[1-k]
		a := (-90 + 90*ra) * math.Pi / 180
		set([]int{stretchwise.LeftWrist, stretchwise.RightWrist}[k], sh[0]+sideArm*math.Cos(a), sh[1]-sideArm*math.Sin(a), vis)
		set([]int{stretchwise.LeftElbow, stretchwise.RightElbow}[k], sh[0]+sideArm/2*math.Cos(a), sh[1]-sideArm/2*math.Sin(a), vis)
		// Leg: from quadruped (thigh down, shank back on the floor) to
		// straight back at legHigh above horizontal.
		rl := s.reach[k]
		e := s.legHigh * math.Pi / 180
		kneeQ := [2]float64{hip[0], hip[1] + sideThigh}
		ankQ := [2]float64{hip[0] - sideShank, hip[1] + sideThigh}
		kneeR := [2]float64{hip[0] - sideThigh*math.Cos(e), hip[1] - sideThigh*math.Sin(e)}
		ankR := [2]float64{hip[0] - (sideThigh+sideShank)*math.Cos(e), hip[1] - (sideThigh+sideShank)*math.Sin(e)}
		mix := func(a, b [2]float64) (float64, float64) { return a[0] + (b[0]-a[0])*rl, a[1] + (b[1]-a[1])*rl }
		ku, kv := mix(kneeQ, kneeR)
		au, av := mix(ankQ, ankR)
		set([]int{stretchwise.LeftKnee, stretchwise.RightKnee}[k], ku, kv, vis)
		set([]int{stretchwise.LeftAnkle, stretchwise.RightAnkle}[k], au, av, vis)
		set([]int{stretchwise.LeftHeel, stretchwise.RightHeel}[k], au-0.02, av, vis)
		set([]int{stretchwise.LeftFootIndex, stretchwise.RightFootIndex}[k], au-0.05, av+0.01, vis)
		set([]int{stretchwise.LeftEar, stretchwise.RightEar}[k], sh[0]+0.08, sh[1]-0.04, vis)
	}
	set(stretchwise.Nose, sh[0]+0.13, sh[1]-0.02, 0.95)
	return p
}

// input builds an assess.Input from a timeline seen through pose, with
// every frame labelled quadruped unless notQuad. noise is the landmark
// noise (image heights, one standard deviation) added to the raw frames;
// the clean frames are the noise-free ones.
func input(view stretchwise.View, pose func(state) stretchwise.Pose, ts []float64, ss []state, noise float64, seed uint64) *assess.Input {
	rng := rand.New(rand.NewPCG(seed, 2))
	mk := func() *stretchwise.Recording {
		return &stretchwise.Recording{Header: stretchwise.Header{
			Format: "stretchwise-recording", Version: 1, Topology: stretchwise.TopologyBlazePose33,
			FPS: testFPS, Width: 1280, Height: 720, View: view, Exercise: stretchwise.ExerciseBirdDog,
		}}
	}
	clean, raw := mk(), mk()
	post := make([]stretchwise.Posture, len(ts))
	for i := range ts {
		p := pose(ss[i])
		clean.Frames = append(clean.Frames, stretchwise.Frame{T: ts[i], Detected: true, Image: p})
		q := p
		for j := range q {
			q[j].X += rng.NormFloat64() * noise / testAspect
			q[j].Y += rng.NormFloat64() * noise
		}
		raw.Frames = append(raw.Frames, stretchwise.Frame{T: ts[i], Detected: true, Image: q})
		post[i] = stretchwise.PostureQuadruped
	}
	return &assess.Input{Raw: raw, Clean: clean, View: view, ViewFromHeader: true, Postures: post, Gate: geom.DefaultGate}
}

// mirrorInput returns the mirror image of in: landmarks swapped and x
// flipped, the view's sides swapped.
func mirrorInput(in *assess.Input) *assess.Input {
	view := in.View.Mirrored()
	cp := func(r *stretchwise.Recording) *stretchwise.Recording {
		out := &stretchwise.Recording{Header: r.Header, Frames: make([]stretchwise.Frame, len(r.Frames))}
		out.Header.View = view
		for i, f := range r.Frames {
			geom.MirrorPose(&f.Image, &f.Image)
			out.Frames[i] = f
		}
		return out
	}
	out := *in
	out.Raw, out.Clean, out.View = cp(in.Raw), cp(in.Clean), view
	return &out
}
