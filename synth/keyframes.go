package synth

import (
	"math"

	sw "github.com/stretchwise/stretchwise"
)

// JointAngles poses the skeleton by anatomical joint angles, degrees. The
// zero value is the anatomical position: standing upright facing +X, arms
// hanging with the palms forward. Per-side arrays are indexed 0 = left,
// 1 = right.
type JointAngles struct {
	// PelvisM is the hip midpoint in lab metres (see OnFloor).
	PelvisM Vec3 `json:"pelvis_m"`
	// Pelvis orientation, applied in this order: yaw about the vertical
	// (positive turns the front toward the body's left), pitch about the
	// left-right axis (positive tips the pelvis and everything above it
	// forward: 90 is a horizontal trunk facing the floor), roll about the
	// front axis (positive raises the left hip).
	PelvisYawDeg   float64 `json:"pelvis_yaw_deg"`
	PelvisPitchDeg float64 `json:"pelvis_pitch_deg"`
	PelvisRollDeg  float64 `json:"pelvis_roll_deg"`
	// Lumbar spine, thorax relative to pelvis: flexion (negative =
	// extension, the low-back arch), side bend (positive toward the left),
	// axial rotation (positive turns the thorax's front toward the left).
	LumbarFlexDeg float64 `json:"lumbar_flex_deg"`
	LumbarSideDeg float64 `json:"lumbar_side_deg"`
	LumbarRotDeg  float64 `json:"lumbar_rot_deg"`
	// NeckFlexDeg tips the head forward relative to the thorax.
	NeckFlexDeg float64 `json:"neck_flex_deg"`
	// Hips relative to the pelvis: flexion (negative = extension),
	// abduction, internal rotation.
	HipFlexDeg [2]float64 `json:"hip_flex_deg"`
	HipAbdDeg  [2]float64 `json:"hip_abd_deg"`
	HipRotDeg  [2]float64 `json:"hip_rot_deg"`
	// KneeFlexDeg bends the knees; AnklePlantarDeg points the feet.
	KneeFlexDeg     [2]float64 `json:"knee_flex_deg"`
	AnklePlantarDeg [2]float64 `json:"ankle_plantar_deg"`
	// Shoulders relative to the thorax: flexion (arm forward and up),
	// abduction (arm out to the side).
	ShoulderFlexDeg [2]float64 `json:"shoulder_flex_deg"`
	ShoulderAbdDeg  [2]float64 `json:"shoulder_abd_deg"`
	// ElbowFlexDeg bends the elbows.
	ElbowFlexDeg [2]float64 `json:"elbow_flex_deg"`
}

// fields returns pointers to every number of j, for interpolation.
func (j *JointAngles) fields() []*float64 {
	f := []*float64{&j.PelvisM.X, &j.PelvisM.Y, &j.PelvisM.Z, &j.PelvisYawDeg, &j.PelvisPitchDeg,
		&j.PelvisRollDeg, &j.LumbarFlexDeg, &j.LumbarSideDeg, &j.LumbarRotDeg, &j.NeckFlexDeg}
	for i := 0; i < 2; i++ {
		f = append(f, &j.HipFlexDeg[i], &j.HipAbdDeg[i], &j.HipRotDeg[i], &j.KneeFlexDeg[i],
			&j.AnklePlantarDeg[i], &j.ShoulderFlexDeg[i], &j.ShoulderAbdDeg[i], &j.ElbowFlexDeg[i])
	}
	return f
}

// Pose returns the pose of j (forward kinematics of the joint helpers).
func (j JointAngles) Pose() Pose {
	up := Vec3{0, 1, 0}
	pel := standing.turn(up, j.PelvisYawDeg)
	pel = hinge(pel, -j.PelvisPitchDeg)
	pel = pel.turn(pel.A, j.PelvisRollDeg)
	th := hinge(pel, -j.LumbarFlexDeg)
	th = th.turn(th.A, -j.LumbarSideDeg)
	th = axial(th, j.LumbarRotDeg)
	p := Pose{Pelvis: j.PelvisM, PelvisF: pel, Thorax: th, Head: hinge(th, -j.NeckFlexDeg)}
	for i := 0; i < 2; i++ {
		p.Thigh[i] = limb(pel, i, j.HipFlexDeg[i], j.HipAbdDeg[i], j.HipRotDeg[i])
		p.Shank[i] = hinge(p.Thigh[i], -j.KneeFlexDeg[i])
		p.Foot[i] = hinge(p.Shank[i], -j.AnklePlantarDeg[i])
		p.UpperArm[i] = limb(th, i, j.ShoulderFlexDeg[i], j.ShoulderAbdDeg[i], 0)
		p.Forearm[i] = hinge(p.UpperArm[i], j.ElbowFlexDeg[i])
		p.Hand[i] = p.Forearm[i]
	}
	return p
}

// OnFloor moves pose p of body b up or down so that its lowest landmark
// rests on the floor (Y = 0).
func (b Body) OnFloor(p Pose) Pose {
	pt := b.Points(&p)
	low := math.Inf(1)
	for _, q := range pt {
		low = math.Min(low, q.Y)
	}
	p.Pelvis.Y -= low
	return p
}

// Key is one keyframe of a Keyframes motion: the joint angles at time TS
// and the phase that starts there.
type Key struct {
	TS     float64     `json:"t_s"`
	Angles JointAngles `json:"angles"`
	Phase  string      `json:"phase,omitempty"`
	Side   sw.Side     `json:"side,omitempty"`
}

// Keyframes returns a motion that eases (smoothstep) from each key's joint
// angles to the next's and holds the last. With onFloor the body is set
// on the floor in every frame (PelvisM.Y is then ignored). Each key but
// the last starts a phase of its Phase and Side lasting to the next key
// (repeat the last angles in a final key to hold them). Keys must have increasing times from 0; posture labels the
// motion for the noise model. It serves postures the exercise motions do
// not make (standing, sitting, transitions).
func Keyframes(ex sw.Exercise, posture sw.Posture, onFloor bool, keys []Key) *Motion {
	m := &Motion{Exercise: ex, Posture: posture}
	switch {
	case len(keys) == 0:
		m.Err = sw.Errorf(sw.EINVALID, "keyframes: no keys")
		return m
	case keys[0].TS != 0:
		m.Err = sw.Errorf(sw.EINVALID, "keyframes: the first key is at %g s, want 0", keys[0].TS)
	}
	for i := 1; i < len(keys); i++ {
		if !(keys[i].TS > keys[i-1].TS) || keys[i].TS > 3600 {
			m.Err = sw.Errorf(sw.EINVALID, "keyframes: key %d at %g s does not follow %g s", i, keys[i].TS, keys[i-1].TS)
		}
	}
	for i, k := range keys {
		a := k.Angles
		for _, f := range a.fields() {
			if math.IsNaN(*f) || math.IsInf(*f, 0) {
				m.Err = sw.Errorf(sw.EINVALID, "keyframes: key %d has a non-finite value", i)
			}
		}
		if i+1 < len(keys) || len(keys) == 1 {
			end := k.TS
			if i+1 < len(keys) {
				end = keys[i+1].TS
			}
			m.Phases = append(m.Phases, Phase{Name: k.Phase, Side: k.Side, StartS: k.TS, EndS: end})
		}
	}
	m.DurationS = keys[len(keys)-1].TS
	m.pose = func(b Body, t float64, st *State) Pose {
		i := 0
		for i+1 < len(keys) && keys[i+1].TS <= t {
			i++
		}
		j := keys[i].Angles
		if i+1 < len(keys) {
			s := smoothstep((t - keys[i].TS) / (keys[i+1].TS - keys[i].TS))
			next := keys[i+1].Angles
			nf := next.fields()
			for k, f := range j.fields() {
				*f += (*nf[k] - *f) * s
			}
		}
		p := j.Pose()
		if onFloor {
			p = b.OnFloor(p)
		}
		return p
	}
	return m
}
