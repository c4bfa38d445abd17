package recording

import (
	"math"

	"github.com/stretchwise/stretchwise"
)

// Person choice when a frame holds several people. Our choice, because the
// coach films one person and bystanders are smaller or further away:
//
//   - with no tracked person, take the largest (bounding box area of the
//     landmarks with visibility > 0, in isotropic image units);
//   - then keep the person nearest to the one chosen in the previous frame
//     (mean distance over landmarks visible in both), as long as that
//     distance is under trackGateDiagonals bounding-box diagonals of the
//     tracked person; otherwise the track is lost and the largest is taken.
//
// The gate of one diagonal is our choice: a person does not move by their
// own size between two frames, while a bystander is usually further away.
const trackGateDiagonals = 1.0

// tracker chooses one person per frame.
type tracker struct {
	aspect float64 // image width/height, to measure in isotropic units
	prev   *stretchwise.Pose
	last   stretchwise.Pose
}

// bbox returns the bounding box area and diagonal of the visible landmarks
// of p in isotropic units, and how many landmarks were visible.
func (tr *tracker) bbox(p *stretchwise.Pose) (area, diag float64, n int) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, l := range p {
		if l.Visibility <= 0 {
			continue
		}
		n++
		x := l.X * tr.aspect
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, l.Y), math.Max(maxY, l.Y)
	}
	if n == 0 {
		return 0, 0, 0
	}
	w, h := maxX-minX, maxY-minY
	return w * h, math.Hypot(w, h), n
}

// choose returns the index of the person to keep among people, or -1 when
// none has a visible landmark.
func (tr *tracker) choose(people []stretchwise.Pose) int {
	best := -1
	if tr.prev != nil {
		_, diag, _ := tr.bbox(tr.prev)
		bestD := math.Inf(1)
		for i := range people {
			sum, n := 0.0, 0
			for j := range people[i] {
				a, b := &people[i][j], &tr.prev[j]
				if a.Visibility > 0 && b.Visibility > 0 {
					sum += math.Hypot((a.X-b.X)*tr.aspect, a.Y-b.Y)
					n++
				}
			}
			if n > 0 && sum/float64(n) < bestD {
				best, bestD = i, sum/float64(n)
			}
		}
		if best >= 0 && bestD > trackGateDiagonals*diag {
			best = -1
		}
	}
	if best < 0 {
		bestA := -1.0
		for i := range people {
			area, _, n := tr.bbox(&people[i])
			if n > 0 && area > bestA {
				best, bestA = i, area
			}
		}
	}
	if best < 0 {
		tr.prev = nil
		return -1
	}
	tr.last = people[best]
	tr.prev = &tr.last
	return best
}
