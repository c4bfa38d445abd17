package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	sw "github.com/stretchwise/stretchwise"
)

// Noise is a model of MediaPipe Pose's landmark errors. Image-plane
// amounts are in units of the image height (isotropic: an x error is
// divided by the aspect ratio before it is added to normalized x), so they
// turn into angle errors the same way in every direction; for a segment of
// length L in those units an error sigma per coordinate moves its angle by
// about sqrt(2)*sigma/L radians (docs/angles.md).
type Noise struct {
	Name string `json:"name"`
	// SigmaNorm is the standard deviation of the frame-to-frame jitter per
	// coordinate for a standing person, image-height units.
	SigmaNorm float64 `json:"sigma_norm"`
	// CorrTimeS is the correlation time of the jitter: an AR(1) process
	// with coefficient exp(-dt/CorrTimeS) per frame, so neighbouring frames
	// err alike as MediaPipe's tracker does.
	CorrTimeS float64 `json:"corr_time_s"`
	// HardPoseFactor multiplies the jitter in quadruped, kneeling and lying
	// postures, BlazePose's known weak spot (mediapipe issue #4868).
	HardPoseFactor float64 `json:"hard_pose_factor"`
	// OccludedFactor multiplies the jitter of landmarks hidden behind the
	// body, which MediaPipe guesses.
	OccludedFactor float64 `json:"occluded_factor"`
	// BiasNorm is the standard deviation of a constant per-landmark offset
	// for the whole recording (the model's systematic misplacement of a
	// joint), image-height units. Filtering cannot remove it.
	BiasNorm float64 `json:"bias_norm"`
	// DepthFactor scales the image z jitter relative to x and y.
	DepthFactor float64 `json:"depth_factor"`
	// WorldDepthScale scales the world landmarks' depth (along the camera
	// axis) about the hips: monocular 3D misjudges range of motion by
	// 15-25 % (Clemente et al. 2024); 1 is exact.
	WorldDepthScale float64 `json:"world_depth_scale"`
	// Dropouts: runs of frames in which one body part (face, an arm, a
	// leg) gets low visibility and triple jitter. DropoutPerS is the rate
	// of runs per second, DropoutMeanS their mean length (exponential).
	DropoutPerS  float64 `json:"dropout_per_s"`
	DropoutMeanS float64 `json:"dropout_mean_s"`
	// OutlierProb is the chance per landmark and frame of a jump of
	// standard deviation OutlierNorm (image-height units) for that frame.
	OutlierProb float64 `json:"outlier_prob"`
	OutlierNorm float64 `json:"outlier_norm"`
	// MissProb is the chance per frame that no person is found.
	MissProb float64 `json:"miss_prob"`
	// VisibilitySD is the jitter of the visibility score.
	VisibilitySD float64 `json:"visibility_sd"`
	// SwapPerS is the rate per second of runs, of mean length SwapMeanS
	// (exponential), in which the left and right legs below the hips trade
	// labels, a known failure of single-image pose models in side views.
	// Off in every preset; batteries switch it on to test robustness.
	SwapPerS  float64 `json:"swap_per_s,omitempty"`
	SwapMeanS float64 `json:"swap_mean_s,omitempty"`
	// GroupSigmaNorm adds an error shared by every landmark of a body part
	// (the face, each arm with its shoulder, each leg with its hip): an
	// AR(1) offset per part and coordinate of this standard deviation,
	// image-height units, with correlation time GroupCorrTimeS. Loose
	// clothing hides where the joints are, and a pose model then misplaces
	// a whole limb together and slowly, not each joint on its own. 0 (every
	// preset but loose) leaves it out.
	GroupSigmaNorm float64 `json:"group_sigma_norm,omitempty"`
	GroupCorrTimeS float64 `json:"group_corr_time_s,omitempty"`
}

// Noise presets. The numbers are our choice, set so that the per-frame
// error of a knee or hip angle in a side view, before any filtering, is of
// the size docs/clinical.md reports for markerless 2D (hip MAE about 4 deg,
// knee about 5.6 deg, Stenum et al. 2021) at NoiseMediaPipe; docs/synth.md
// shows the arithmetic and the measured values.
var (
	NoiseNone = Noise{Name: "none", HardPoseFactor: 1, OccludedFactor: 1, DepthFactor: 1, WorldDepthScale: 1}
	NoiseLow  = Noise{Name: "low", SigmaNorm: 0.003, CorrTimeS: 0.1, HardPoseFactor: 1.25,
		OccludedFactor: 2, BiasNorm: 0.0015, DepthFactor: 3, WorldDepthScale: 0.9, VisibilitySD: 0.01}
	NoiseMediaPipe = Noise{Name: "mediapipe", SigmaNorm: 0.008, CorrTimeS: 0.12, HardPoseFactor: 1.5,
		OccludedFactor: 2.5, BiasNorm: 0.004, DepthFactor: 3, WorldDepthScale: 0.8,
		DropoutPerS: 0.05, DropoutMeanS: 0.4, OutlierProb: 0.001, OutlierNorm: 0.04, MissProb: 0.002,
		VisibilitySD: 0.03}
	// NoiseLoose is NoiseMediaPipe with loose clothing: a whole body part
	// misplaced by 0.012 image heights (SD, about a thigh's 4 %),
	// correlated over 0.6 s, and twice the constant bias. Our choice: no
	// published figure exists; it makes a segment's angle err by about as
	// much again as the mediapipe preset, slowly, which is what baggy
	// trousers and a loose top do to a pose model's joints.
	NoiseLoose = Noise{Name: "loose", SigmaNorm: 0.008, CorrTimeS: 0.12, HardPoseFactor: 1.5,
		OccludedFactor: 2.5, BiasNorm: 0.008, DepthFactor: 3, WorldDepthScale: 0.8,
		DropoutPerS: 0.05, DropoutMeanS: 0.4, OutlierProb: 0.001, OutlierNorm: 0.04, MissProb: 0.002,
		VisibilitySD: 0.03, GroupSigmaNorm: 0.012, GroupCorrTimeS: 0.6}
	NoiseHigh = Noise{Name: "high", SigmaNorm: 0.015, CorrTimeS: 0.15, HardPoseFactor: 2,
		OccludedFactor: 3, BiasNorm: 0.008, DepthFactor: 3, WorldDepthScale: 0.75,
		DropoutPerS: 0.15, DropoutMeanS: 0.6, OutlierProb: 0.005, OutlierNorm: 0.08, MissProb: 0.01,
		VisibilitySD: 0.06}
)

// NoisePresets lists the presets by name.
var NoisePresets = map[string]Noise{
	"none": NoiseNone, "low": NoiseLow, "mediapipe": NoiseMediaPipe, "high": NoiseHigh, "loose": NoiseLoose,
}

// Validate reports whether every amount is finite and in range.
func (n Noise) Validate() error {
	for name, v := range map[string]float64{
		"sigma_norm": n.SigmaNorm, "corr_time_s": n.CorrTimeS, "bias_norm": n.BiasNorm,
		"dropout_per_s": n.DropoutPerS, "dropout_mean_s": n.DropoutMeanS, "outlier_norm": n.OutlierNorm,
		"visibility_sd": n.VisibilitySD, "swap_per_s": n.SwapPerS, "swap_mean_s": n.SwapMeanS,
		"group_sigma_norm": n.GroupSigmaNorm, "group_corr_time_s": n.GroupCorrTimeS,
	} {
		if !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("noise %s: %s = %g, want >= 0", n.Name, name, v)
		}
	}
	for name, v := range map[string]float64{
		"hard_pose_factor": n.HardPoseFactor, "occluded_factor": n.OccludedFactor,
		"depth_factor": n.DepthFactor, "world_depth_scale": n.WorldDepthScale,
	} {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("noise %s: %s = %g, want > 0", n.Name, name, v)
		}
	}
	for name, v := range map[string]float64{"outlier_prob": n.OutlierProb, "miss_prob": n.MissProb} {
		if !(v >= 0 && v <= 1) {
			return fmt.Errorf("noise %s: %s = %g, want 0..1", n.Name, name, v)
		}
	}
	return nil
}

// hardPosture reports whether the jitter of a posture gets HardPoseFactor.
func hardPosture(p sw.Posture) bool {
	return p == sw.PostureQuadruped || p == sw.PostureHalfKneeling || p == sw.PostureSupine
}

// landmark groups a dropout hides together.
var dropGroups = [][]int{
	{sw.Nose, sw.LeftEyeInner, sw.LeftEye, sw.LeftEyeOuter, sw.RightEyeInner, sw.RightEye,
		sw.RightEyeOuter, sw.LeftEar, sw.RightEar, sw.MouthLeft, sw.MouthRight},
	{sw.LeftShoulder, sw.LeftElbow, sw.LeftWrist, sw.LeftPinky, sw.LeftIndex, sw.LeftThumb},
	{sw.RightShoulder, sw.RightElbow, sw.RightWrist, sw.RightPinky, sw.RightIndex, sw.RightThumb},
	{sw.LeftHip, sw.LeftKnee, sw.LeftAnkle, sw.LeftHeel, sw.LeftFootIndex},
	{sw.RightHip, sw.RightKnee, sw.RightAnkle, sw.RightHeel, sw.RightFootIndex},
}

// noiser applies a Noise frame by frame. Its state is the AR(1) error of
// every landmark coordinate and the running dropouts.
type noiser struct {
	n       Noise
	rng     *rand.Rand
	dt      float64
	rho     float64
	innov   float64 // sqrt(1-rho^2)
	scale   float64 // posture factor
	err     [sw.NumLandmarks][3]float64
	bias    [sw.NumLandmarks][3]float64
	dropEnd [5]float64 // time each group's dropout ends
	dropVis [5]float64
	swapEnd float64       // time the current left-right swap ends
	group   [5][2]float64 // the body parts' shared AR(1) errors (GroupSigmaNorm)
	grho    float64
	started bool
}

// swapped lists the landmark pairs a left-right swap exchanges: the legs
// below the hips.
var swapped = [...][2]int{
	{sw.LeftKnee, sw.RightKnee}, {sw.LeftAnkle, sw.RightAnkle},
	{sw.LeftHeel, sw.RightHeel}, {sw.LeftFootIndex, sw.RightFootIndex},
}

func newNoiser(n Noise, rng *rand.Rand, fps float64, posture sw.Posture) *noiser {
	z := &noiser{n: n, rng: rng, dt: 1 / fps, scale: 1}
	if hardPosture(posture) {
		z.scale = n.HardPoseFactor
	}
	if n.CorrTimeS > 0 {
		z.rho = math.Exp(-z.dt / n.CorrTimeS)
	}
	z.innov = math.Sqrt(1 - z.rho*z.rho)
	if n.GroupCorrTimeS > 0 {
		z.grho = math.Exp(-z.dt / n.GroupCorrTimeS)
	}
	for i := range z.bias {
		for k := range z.bias[i] {
			z.bias[i][k] = n.BiasNorm * rng.NormFloat64()
		}
	}
	for k := range z.dropEnd {
		z.dropEnd[k] = -1
	}
	z.swapEnd = -1
	return z
}

// apply perturbs one frame in place. clean holds the noise-free image
// landmarks; world the noise-free world landmarks; metresPerUnit converts
// image-height units to metres at the hips' depth. It returns false when
// the frame has no person.
func (z *noiser) apply(t float64, img, world *sw.Pose, aspect, metresPerUnit float64) bool {
	n := z.n
	// Dropouts start as a Poisson process and pick a body part.
	if n.DropoutPerS > 0 && z.rng.Float64() < n.DropoutPerS*z.dt {
		g := z.rng.IntN(len(dropGroups))
		z.dropEnd[g] = t + n.DropoutMeanS*z.rng.ExpFloat64()
		z.dropVis[g] = 0.1 + 0.3*z.rng.Float64()
	}
	var inDrop [sw.NumLandmarks]bool
	var dropVis [sw.NumLandmarks]float64
	var shared [sw.NumLandmarks][2]float64
	for g, idx := range dropGroups {
		if t < z.dropEnd[g] {
			for _, i := range idx {
				inDrop[i], dropVis[i] = true, z.dropVis[g]
			}
		}
		if n.GroupSigmaNorm > 0 {
			for k := 0; k < 2; k++ {
				if !z.started {
					z.group[g][k] = z.rng.NormFloat64()
				} else {
					z.group[g][k] = z.grho*z.group[g][k] + math.Sqrt(1-z.grho*z.grho)*z.rng.NormFloat64()
				}
			}
			for _, i := range idx {
				shared[i] = [2]float64{n.GroupSigmaNorm * z.scale * z.group[g][0], n.GroupSigmaNorm * z.scale * z.group[g][1]}
			}
		}
	}
	for i := range img {
		sd := n.SigmaNorm * z.scale
		if img[i].Visibility < VisibleVisibility {
			sd *= n.OccludedFactor // hidden or off the image
		}
		if inDrop[i] {
			sd *= 3
		}
		var d [3]float64
		for k := 0; k < 3; k++ {
			if !z.started {
				z.err[i][k] = z.rng.NormFloat64() // stationary start
			} else {
				z.err[i][k] = z.rho*z.err[i][k] + z.innov*z.rng.NormFloat64()
			}
			d[k] = sd*z.err[i][k] + z.bias[i][k]
		}
		d[2] *= n.DepthFactor
		d[0] += shared[i][0]
		d[1] += shared[i][1]
		if n.OutlierProb > 0 && z.rng.Float64() < n.OutlierProb {
			d[0] += n.OutlierNorm * z.rng.NormFloat64()
			d[1] += n.OutlierNorm * z.rng.NormFloat64()
		}
		img[i].X += d[0] / aspect
		img[i].Y += d[1]
		img[i].Z += d[2] / aspect // z has the scale of normalized x
		world[i].X += d[0] * metresPerUnit
		world[i].Y += d[1] * metresPerUnit
		world[i].Z = world[i].Z*n.WorldDepthScale + d[2]*metresPerUnit
		v := img[i].Visibility
		if inDrop[i] {
			v = math.Min(v, dropVis[i])
		}
		v = clamp(v+n.VisibilitySD*z.rng.NormFloat64(), 0, 1)
		img[i].Visibility, world[i].Visibility = v, v
	}
	if n.SwapPerS > 0 && t >= z.swapEnd && z.rng.Float64() < n.SwapPerS*z.dt {
		z.swapEnd = t + n.SwapMeanS*z.rng.ExpFloat64()
	}
	if t < z.swapEnd {
		for _, p := range swapped {
			img[p[0]], img[p[1]] = img[p[1]], img[p[0]]
			world[p[0]], world[p[1]] = world[p[1]], world[p[0]]
		}
	}
	z.started = true
	if n.MissProb > 0 && z.rng.Float64() < n.MissProb {
		return false
	}
	return true
}
