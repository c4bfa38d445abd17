package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Segment fractions of body height from Drillis & Contini (1966), as
// reproduced in Winter, Biomechanics and Motor Control of Human Movement
// (4th ed., 2009), Fig. 4.1. Values marked "our estimate" are not in that
// figure and are chosen to put MediaPipe's landmarks (joint centres, not
// body surfaces) in plausible places.
const (
	fracUpperArm = 0.186 // shoulder to elbow (D&C)
	fracForearm  = 0.146 // elbow to wrist (D&C)
	fracHand     = 0.108 // wrist to fingertip (D&C)
	fracThigh    = 0.245 // hip to knee (D&C)
	fracShank    = 0.246 // knee to ankle (D&C)
	fracAnkle    = 0.039 // ankle height above the sole (D&C)
	fracFoot     = 0.152 // foot length (D&C)
	fracTrunk    = 0.288 // hip joint height 0.530 to shoulder height 0.818 (D&C)
	fracNeck     = 0.107 // shoulder height 0.818 to ear level ~0.925, between chin 0.870 and eye 0.936 (D&C; ear level our estimate)
	// Joint-centre widths: D&C give outer breadths (shoulders 0.259, hips
	// 0.191); MediaPipe's shoulder and hip landmarks sit near the joint
	// centres, narrower than the outer breadth (our estimate: 0.20 and 0.098,
	// about 0.35 m and 0.17 m at 1.75 m, the usual adult inter-hip-joint-centre
	// distance).
	fracShoulderWidth = 0.200
	fracHipWidth      = 0.098
	fracHeadWidth     = 0.080 // ear to ear (our estimate, 0.14 m at 1.75 m)
	fracLumbar        = 0.060 // hip joints to the lumbar pivot of trunk flexion (our estimate, about L3)
	fracKneeRadius    = 0.030 // knee joint centre above the floor when kneeling (our estimate)
	fracWristHeight   = 0.020 // wrist centre above the floor with the palm flat (our estimate)
	fracHipDepth      = 0.060 // hip joint centre above a table when lying supine (our estimate)
	fracShoulderDepth = 0.050 // shoulder joint centre above a table when lying supine (our estimate)
)

// Height range and proportion spread of RandomBody.
const (
	// MinHeightM and MaxHeightM bound the heights RandomBody draws: the adult
	// range from a short woman to a tall man (our choice, roughly the span
	// of adult stature in European and North American surveys; the brief's
	// 1.50-1.95 m).
	MinHeightM = 1.50
	MaxHeightM = 1.95
	// ProportionSD is the relative standard deviation RandomBody applies to
	// each segment fraction, truncated at two SD (our choice: individual
	// segment-to-height ratios vary by a few percent around the D&C means).
	ProportionSD = 0.03
)

// Body holds the segment lengths of one synthetic person, in metres. The
// lengths are between the points MediaPipe marks (joint centres, the heel,
// the toe tip, the ears), not between body surfaces.
type Body struct {
	HeightM        float64 `json:"height_m"`
	UpperArmM      float64 `json:"upper_arm_m"`      // shoulder to elbow
	ForearmM       float64 `json:"forearm_m"`        // elbow to wrist
	HandM          float64 `json:"hand_m"`           // wrist to fingertip
	ThighM         float64 `json:"thigh_m"`          // hip to knee
	ShankM         float64 `json:"shank_m"`          // knee to ankle
	AnkleHeightM   float64 `json:"ankle_height_m"`   // ankle above the sole
	FootM          float64 `json:"foot_m"`           // heel to toe tip
	TrunkM         float64 `json:"trunk_m"`          // hip midpoint to shoulder midpoint, trunk straight
	NeckM          float64 `json:"neck_m"`           // shoulder midpoint to ear midpoint
	ShoulderWidthM float64 `json:"shoulder_width_m"` // between the shoulder landmarks
	HipWidthM      float64 `json:"hip_width_m"`      // between the hip landmarks
	HeadWidthM     float64 `json:"head_width_m"`     // ear to ear; scales the face
	LumbarM        float64 `json:"lumbar_m"`         // hip midpoint to the pivot of trunk flexion
	KneeRadiusM    float64 `json:"knee_radius_m"`    // knee centre above the floor when kneeling
	WristHeightM   float64 `json:"wrist_height_m"`   // wrist centre above the floor, palm flat
	HipDepthM      float64 `json:"hip_depth_m"`      // hip centre above a table, lying
	ShoulderDepthM float64 `json:"shoulder_depth_m"` // shoulder centre above a table, lying
}

// BodyOfHeight returns a body of the given height with the average
// proportions of Drillis & Contini.
func BodyOfHeight(heightM float64) Body {
	h := heightM
	return Body{
		HeightM:        h,
		UpperArmM:      fracUpperArm * h,
		ForearmM:       fracForearm * h,
		HandM:          fracHand * h,
		ThighM:         fracThigh * h,
		ShankM:         fracShank * h,
		AnkleHeightM:   fracAnkle * h,
		FootM:          fracFoot * h,
		TrunkM:         fracTrunk * h,
		NeckM:          fracNeck * h,
		ShoulderWidthM: fracShoulderWidth * h,
		HipWidthM:      fracHipWidth * h,
		HeadWidthM:     fracHeadWidth * h,
		LumbarM:        fracLumbar * h,
		KneeRadiusM:    fracKneeRadius * h,
		WristHeightM:   fracWristHeight * h,
		HipDepthM:      fracHipDepth * h,
		ShoulderDepthM: fracShoulderDepth * h,
	}
}

// AverageBody returns a 1.75 m body with average proportions.
func AverageBody() Body { return BodyOfHeight(1.75) }

// RandomBody draws a body: height uniform in MinHeightM..MaxHeightM and each
// segment length scaled by 1 + ProportionSD * z, z standard normal
// truncated to -2..2. The contact offsets (knee radius, wrist height, lying
// depths) follow the height only.
func RandomBody(rng *rand.Rand) Body {
	b := BodyOfHeight(MinHeightM + (MaxHeightM-MinHeightM)*rng.Float64())
	vary := func(x *float64) {
		z := rng.NormFloat64()
		for math.Abs(z) > 2 {
			z = rng.NormFloat64()
		}
		*x *= 1 + ProportionSD*z
	}
	for _, x := range []*float64{
		&b.UpperArmM, &b.ForearmM, &b.HandM, &b.ThighM, &b.ShankM, &b.AnkleHeightM, &b.FootM,
		&b.TrunkM, &b.NeckM, &b.ShoulderWidthM, &b.HipWidthM, &b.HeadWidthM,
	} {
		vary(x)
	}
	return b
}

// Validate reports whether every length is positive and finite and the
// body is between 1 and 2.5 m tall.
func (b Body) Validate() error {
	if !(b.HeightM >= 1 && b.HeightM <= 2.5) {
		return fmt.Errorf("synthetic body: height %g m outside 1..2.5 m", b.HeightM)
	}
	for name, v := range map[string]float64{
		"upper_arm_m": b.UpperArmM, "forearm_m": b.ForearmM, "hand_m": b.HandM, "thigh_m": b.ThighM,
		"shank_m": b.ShankM, "ankle_height_m": b.AnkleHeightM, "foot_m": b.FootM, "trunk_m": b.TrunkM,
		"neck_m": b.NeckM, "shoulder_width_m": b.ShoulderWidthM, "hip_width_m": b.HipWidthM,
		"head_width_m": b.HeadWidthM, "lumbar_m": b.LumbarM, "knee_radius_m": b.KneeRadiusM,
		"wrist_height_m": b.WristHeightM, "hip_depth_m": b.HipDepthM, "shoulder_depth_m": b.ShoulderDepthM,
	} {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("synthetic body: %s = %g, want a positive length", name, v)
		}
	}
	if b.LumbarM >= b.TrunkM {
		return fmt.Errorf("synthetic body: lumbar_m %g not below trunk_m %g", b.LumbarM, b.TrunkM)
	}
	return nil
}
