package geom

import "github.com/stretchwise/stretchwise"

// MirrorPose writes the mirror image of the image pose src into dst: every
// landmark swapped with its counterpart (stretchwise.Mirror) and x flipped
// (x -> 1-x). dst may be src.
func MirrorPose(dst, src *stretchwise.Pose) {
	s := *src
	for i := range s {
		l := s[stretchwise.Mirror[i]]
		l.X = 1 - l.X
		dst[i] = l
	}
}

// MirrorWorld writes the mirror image of the world pose src into dst:
// landmarks swapped with their counterparts and x negated (the world origin
// is between the hips). dst may be src.
func MirrorWorld(dst, src *stretchwise.Pose) {
	s := *src
	for i := range s {
		l := s[stretchwise.Mirror[i]]
		l.X = -l.X
		dst[i] = l
	}
}
