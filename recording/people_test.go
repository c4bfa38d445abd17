package recording

import (
	"testing"

	"github.com/stretchwise/stretchwise"
)

// box returns a pose whose visible landmarks span a square of side size at
// (x, y), in normalized units of a square image.
func box(x, y, size float64) stretchwise.Pose {
	var p stretchwise.Pose
	p[0] = stretchwise.Landmark{X: x, Y: y, Visibility: 1}
	p[1] = stretchwise.Landmark{X: x + size, Y: y + size, Visibility: 1}
	p[2] = stretchwise.Landmark{X: x + size/2, Y: y + size/2, Visibility: 1}
	return p
}

func TestTrackerChoice(t *testing.T) {
	main, small := box(0.4, 0.2, 0.3), box(0.02, 0.1, 0.1)
	moved := box(0.45, 0.22, 0.3)   // the main person, a little later
	big := box(0.0, 0.0, 0.35)      // a larger person far from the track
	nearBig := box(0.05, 0.02, 0.4) // near that larger person
	tests := []struct {
		name   string
		frames [][]stretchwise.Pose
		want   []int // chosen index per frame
	}{
		{"largest first", [][]stretchwise.Pose{{small, main}}, []int{1}},
		{"tracked through order changes", [][]stretchwise.Pose{{main, small}, {small, moved}, {moved, small}}, []int{0, 1, 0}},
		{"a larger newcomer does not take over", [][]stretchwise.Pose{{main}, {big, moved}}, []int{0, 1}},
		// The nearest person to the tracked box(0.6, 0.6, 0.1) is 0.25 away,
		// beyond the gate of one diagonal (0.14): the track is lost and the
		// largest is taken, then tracked.
		{"lost track falls back to the largest", [][]stretchwise.Pose{{box(0.6, 0.6, 0.1)}, {box(0.35, 0.6, 0.05), big}, {nearBig, box(0.35, 0.6, 0.05)}}, []int{0, 1, 0}},
		{"no one visible", [][]stretchwise.Pose{{{}}, {main}}, []int{-1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := tracker{aspect: 1}
			for i, people := range tt.frames {
				if got := tr.choose(people); got != tt.want[i] {
					t.Errorf("frame %d: chose %d, want %d", i, got, tt.want[i])
				}
			}
		})
	}
}
