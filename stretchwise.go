// Package stretchwise holds the domain of the stretchwise coach: landmark
// frames and recordings, the measures and findings an analysis produces, and
// the errors every layer shares. It imports only the standard library; the
// computation lives in leaf packages (geom, filter, posture, assess/...) and
// the adapters (sqlite, postgres, http, web) live around them.
package stretchwise

import "strings"

// Version is the application version reported by the CLI, the API and issue
// reports. Release builds may override it with -ldflags "-X ...Version=...".
var Version = "0.1.0-dev"

// Exercise names an exercise or screening test, as written in a recording
// header's "exercise" field.
type Exercise string

// Exercises known to the analysis. Other names are allowed in recordings and
// analyzed as ExerciseUnknown.
const (
	ExerciseUnknown      Exercise = "unknown"
	ExerciseBirdDog      Exercise = "bird-dog"
	ExerciseThomasTest   Exercise = "thomas-test"
	ExerciseHalfKneeling Exercise = "half-kneeling-hip-flexor"
)

// View says where the camera is relative to the body: the named side of the
// body faces the camera. "rear-left" means the camera sees the person's back
// and left side.
type View string

// The camera views of docs/contract.md.
const (
	ViewUnknown    View = "unknown"
	ViewFront      View = "front"
	ViewRear       View = "rear"
	ViewLeft       View = "left"
	ViewRight      View = "right"
	ViewFrontLeft  View = "front-left"
	ViewFrontRight View = "front-right"
	ViewRearLeft   View = "rear-left"
	ViewRearRight  View = "rear-right"
)

// Views lists every valid view name, unknown last.
var Views = []View{ViewFront, ViewRear, ViewLeft, ViewRight, ViewFrontLeft, ViewFrontRight, ViewRearLeft, ViewRearRight, ViewUnknown}

// Valid reports whether v is one of the names in Views.
func (v View) Valid() bool {
	for _, w := range Views {
		if v == w {
			return true
		}
	}
	return false
}

var swapLeftRight = strings.NewReplacer("left", "right", "right", "left")

// Mirrored returns the view of the mirror image (landmarks swapped with
// their counterparts, x flipped): left and right trade places, front, rear
// and unknown stay.
func (v View) Mirrored() View { return View(swapLeftRight.Replace(string(v))) }

// Side names a body side. SideNone is used for whole-body measures.
type Side string

// Body sides.
const (
	SideNone  Side = ""
	SideLeft  Side = "left"
	SideRight Side = "right"
)

// Opposite returns the other side; SideNone stays SideNone.
func (s Side) Opposite() Side {
	switch s {
	case SideLeft:
		return SideRight
	case SideRight:
		return SideLeft
	}
	return SideNone
}

// Posture is the body position recognised in a frame.
type Posture string

// Postures recognised by package posture.
const (
	PostureUnknown      Posture = "unknown"
	PostureStanding     Posture = "standing"
	PostureQuadruped    Posture = "quadruped"
	PostureHalfKneeling Posture = "half-kneeling"
	PostureSupine       Posture = "supine"
	PostureOther        Posture = "other"
)
