package synth

import (
	"math"
	"testing"

	sw "github.com/stretchwise/stretchwise"
)

func TestJointAnglesSetAreMeasured(t *testing.T) {
	b := AverageBody()
	trunkLine := func(lumbarDeg float64) float64 { // hip midpoint -> shoulder midpoint with the pelvis upright
		a := b.TrunkM - b.LumbarM
		s, c := math.Sincos(lumbarDeg * deg2rad)
		return math.Atan2(a*s, b.LumbarM+a*c) * rad2deg
	}
	cases := []struct {
		name   string
		j      JointAngles
		checks map[Angle]float64
	}{
		{"standing", JointAngles{}, map[Angle]float64{LeftKneeFlexion: 0, RightHipFlexion: 0, LeftThighElevation: -90,
			TrunkFromVertical: 0, PelvicRoll: 0, LeftArmElevation: -90, RightElbowFlexion: 0}},
		{"left leg and right arm", JointAngles{HipFlexDeg: [2]float64{30, 0}, KneeFlexDeg: [2]float64{45, 0},
			ShoulderFlexDeg: [2]float64{0, 90}, ElbowFlexDeg: [2]float64{20, 0}},
			map[Angle]float64{LeftHipFlexion: 30, LeftKneeFlexion: 45, LeftThighElevation: -60, RightArmElevation: 0,
				LeftElbowFlexion: 20, RightHipFlexion: 0}},
		{"hip extension", JointAngles{HipFlexDeg: [2]float64{0, -15}}, map[Angle]float64{RightHipFlexion: -15, RightThighElevation: -75}},
		{"lumbar flexion", JointAngles{LumbarFlexDeg: 20}, map[Angle]float64{TrunkFromVertical: trunkLine(20)}},
		{"low-back arch", JointAngles{LumbarFlexDeg: -15}, map[Angle]float64{TrunkFromVertical: trunkLine(-15)}},
		{"pelvic roll", JointAngles{PelvisRollDeg: 6}, map[Angle]float64{PelvicRoll: 6, ShoulderRoll: 6}},
		{"trunk side bend", JointAngles{LumbarSideDeg: 10}, map[Angle]float64{PelvicRoll: 0}},
		{"pitched forward", JointAngles{PelvisPitchDeg: 90, HipFlexDeg: [2]float64{90, 90}, KneeFlexDeg: [2]float64{90, 90}},
			map[Angle]float64{TrunkFromVertical: 90, LeftHipFlexion: 90, LeftThighElevation: -90, LeftKneeFlexion: 90}},
		{"yawed", JointAngles{PelvisYawDeg: 70, HipFlexDeg: [2]float64{40, 0}}, map[Angle]float64{LeftHipFlexion: 40, LeftThighElevation: -50}},
	}
	for _, c := range cases {
		p := b.OnFloor(c.j.Pose())
		pt := b.Points(&p)
		got := measure3D(&pt, p.Thorax.A)
		for a, want := range c.checks {
			if d := math.Abs(got[a] - want); !(d <= tolExactDeg) {
				t.Errorf("%s: %s = %.6f, want %.6f", c.name, a, got[a], want)
			}
		}
		low := math.Inf(1)
		for _, q := range pt {
			low = math.Min(low, q.Y)
		}
		if math.Abs(low) > tolBoneM {
			t.Errorf("%s: lowest landmark at %g m, want on the floor", c.name, low)
		}
	}
}

func TestKeyframesInterpolate(t *testing.T) {
	m := Keyframes(sw.ExerciseUnknown, sw.PostureStanding, true, []Key{
		{TS: 0, Phase: "stand"},
		{TS: 2, Angles: JointAngles{HipFlexDeg: [2]float64{90, 90}, KneeFlexDeg: [2]float64{90, 90}}, Phase: "sit"},
		{TS: 4, Angles: JointAngles{HipFlexDeg: [2]float64{90, 90}, KneeFlexDeg: [2]float64{90, 90}}},
	})
	if m.Err != nil {
		t.Fatal(m.Err)
	}
	b := AverageBody()
	for _, c := range []struct{ ts, want float64 }{{0, 0}, {1, 45}, {2, 90}, {3, 90}, {4, 90}, {9, 90}} {
		got, st := at(m, b, c.ts)
		if d := math.Abs(got[LeftKneeFlexion] - c.want); !(d <= tolExactDeg) {
			t.Errorf("t=%g: knee %.4f, want %g", c.ts, got[LeftKneeFlexion], c.want)
		}
		if want := map[bool]string{true: "stand", false: "sit"}[c.ts < 2]; st.Phase != want {
			t.Errorf("t=%g: phase %q, want %q", c.ts, st.Phase, want)
		}
	}
	for _, bad := range [][]Key{nil, {{TS: 1}}, {{TS: 0}, {TS: 0}}, {{TS: 0, Angles: JointAngles{NeckFlexDeg: math.NaN()}}}} {
		if Keyframes(sw.ExerciseUnknown, sw.PostureOther, false, bad).Err == nil {
			t.Errorf("keys %+v accepted", bad)
		}
	}
}
