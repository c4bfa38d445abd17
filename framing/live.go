package framing

import "github.com/stretchwise/stretchwise"

// LiveWindowS is how many seconds of the live picture Live judges at once.
// Our choice: long enough for Check's rules (a body part out of the
// picture for MinOutS, CameraElevation's minUprightFrames at 15 frames a
// second or more), short enough that a note goes away within two seconds
// of the person fixing the problem.
const LiveWindowS = 1.5

// Live applies Check's rules to a live picture, frame by frame, over the
// last LiveWindowS seconds: the same problems the report names afterwards,
// said while the person can still fix them.
type Live struct {
	cfg Config
	rec stretchwise.Recording
}

// NewLive returns a Live for pictures width x height pixels.
func NewLive(cfg Config, width, height int) *Live {
	l := &Live{cfg: cfg}
	l.rec.Header.Width, l.rec.Header.Height = width, height
	return l
}

// Update adds frame f (in increasing time) and returns the framing
// problems of the last LiveWindowS seconds, worst first, each with a
// message in the present tense (LiveMessage). A frame earlier than the
// last one starts again.
func (l *Live) Update(f *stretchwise.Frame) []Note {
	if n := len(l.rec.Frames); n > 0 && f.T < l.rec.Frames[n-1].T {
		l.rec.Frames = l.rec.Frames[:0]
	}
	l.rec.Frames = append(l.rec.Frames, *f)
	drop := 0
	for drop < len(l.rec.Frames) && l.rec.Frames[drop].T < f.T-LiveWindowS {
		drop++
	}
	if drop > 0 {
		l.rec.Frames = append(l.rec.Frames[:0], l.rec.Frames[drop:]...)
	}
	notes := Check(&l.rec, l.cfg)
	for i := range notes {
		notes[i].Spans = nil
		notes[i].Message = LiveMessage(notes[i])
	}
	return notes
}

// LiveMessage says note n in the present tense, for a person in front of
// the camera.
func LiveMessage(n Note) string {
	switch n.Problem {
	case OutOfPicture:
		// Short: the live coach shows it as its big cue and says it.
		if n.Part == "" {
			return "Part of your body is out of the picture: " + MoveBackNow + "."
		}
		return "Your " + n.Part + " is out of the picture: " + MoveBackNow + "."
	case TooClose:
		return "You are too close to the camera: move it further back."
	case TooFar:
		return "You are too far from the camera: move it closer so that your body fills most of the picture."
	case TooHigh:
		return "The camera is too high: lower it to about the height of your hips."
	case PoorPicture:
		return "I can hardly see you: make sure your whole body is in the picture, add light and do not film against a window."
	}
	return n.Message
}
