package stretchwise

// NumLandmarks is the number of landmarks in the blazepose33 topology.
const NumLandmarks = 33

// TopologyBlazePose33 is the only topology of recording format version 1:
// MediaPipe Pose's 33 landmarks in MediaPipe's index order.
const TopologyBlazePose33 = "blazepose33"

// DefaultPoseModel is the MediaPipe Pose model ("lite" or "full") that
// extract and the live pages use unless told otherwise: the more accurate
// of the two on the real-footage regression set (docs/validation-real.md:
// 13.5 deg mean limb error for full against 47.9 for lite, whose guess
// folded a reaching arm under the shoulder). Full costs about 1.5 times the
// CPU time of lite per frame.
const DefaultPoseModel = "full"

// Landmark indices of the blazepose33 topology, in MediaPipe's order.
const (
	Nose = iota
	LeftEyeInner
	LeftEye
	LeftEyeOuter
	RightEyeInner
	RightEye
	RightEyeOuter
	LeftEar
	RightEar
	MouthLeft
	MouthRight
	LeftShoulder
	RightShoulder
	LeftElbow
	RightElbow
	LeftWrist
	RightWrist
	LeftPinky
	RightPinky
	LeftIndex
	RightIndex
	LeftThumb
	RightThumb
	LeftHip
	RightHip
	LeftKnee
	RightKnee
	LeftAnkle
	RightAnkle
	LeftHeel
	RightHeel
	LeftFootIndex
	RightFootIndex
)

// VisibilityGate is the landmark visibility (0..1) at or above which a
// landmark counts as seen, here and in the web app (which reads it from the
// engine). Source: docs/clinical.md, "gate frames on landmark visibility
// (0.5-0.7)"; 0.5 is the lower end, because MediaPipe already reports
// occluded side-view limbs near 0.5 and a higher gate would drop the far
// side of most side-view frames.
const VisibilityGate = 0.5

// LandmarkNames are the MediaPipe names of the 33 landmarks, by index.
var LandmarkNames = [NumLandmarks]string{
	"nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner",
	"right_eye", "right_eye_outer", "left_ear", "right_ear", "mouth_left",
	"mouth_right", "left_shoulder", "right_shoulder", "left_elbow", "right_elbow",
	"left_wrist", "right_wrist", "left_pinky", "right_pinky", "left_index",
	"right_index", "left_thumb", "right_thumb", "left_hip", "right_hip",
	"left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel",
	"right_heel", "left_foot_index", "right_foot_index",
}

// Mirror maps each landmark index to its left-right counterpart (the nose
// maps to itself). Swapping every landmark with Mirror[i] and flipping x
// gives the mirror image of a pose.
var Mirror = [NumLandmarks]int{
	0, 4, 5, 6, 1, 2, 3, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15, 18, 17, 20, 19,
	22, 21, 24, 23, 26, 25, 28, 27, 30, 29, 32, 31,
}

// Landmark is one body point. In image landmarks X and Y are normalized to
// the image width and height (origin top left, y down) and Z is MediaPipe's
// relative depth (0 if unknown). In world landmarks X, Y, Z are metres with
// the origin between the hips and y down. Visibility is 0..1; a landmark a
// source lacks has visibility 0.
type Landmark struct {
	X, Y, Z    float64
	Visibility float64
}

// Pose is the 33 landmarks of one person in one frame.
type Pose [NumLandmarks]Landmark

// Frame is one recorded instant. Detected is false when no person was found
// (the frame's "lm" is null); then Image and World are zero. HasWorld says
// whether world landmarks were given.
type Frame struct {
	T        float64 // seconds from the start of the recording
	Detected bool
	Image    Pose
	HasWorld bool
	World    Pose
}

// Header is the first line of a recording.
type Header struct {
	Format   string   `json:"format"`
	Version  int      `json:"version"`
	Topology string   `json:"topology"`
	FPS      float64  `json:"fps,omitempty"`
	Width    int      `json:"width"`
	Height   int      `json:"height"`
	View     View     `json:"view,omitempty"`
	Exercise Exercise `json:"exercise,omitempty"`
	Source   string   `json:"source,omitempty"`
	Subject  string   `json:"subject,omitempty"`
	// Extra holds any other header keys, preserved on round trips.
	Extra map[string]any `json:"-"`
}

// Aspect returns width/height, the factor that turns normalized x into the
// units of normalized y. It returns 1 for a header without a valid size.
func (h Header) Aspect() float64 {
	if h.Width <= 0 || h.Height <= 0 {
		return 1
	}
	return float64(h.Width) / float64(h.Height)
}

// Recording is a header and its frames, in increasing time.
type Recording struct {
	Header Header
	Frames []Frame
}

// Duration returns the time from the first to the last frame in seconds.
func (r *Recording) Duration() float64 {
	if len(r.Frames) < 2 {
		return 0
	}
	return r.Frames[len(r.Frames)-1].T - r.Frames[0].T
}
