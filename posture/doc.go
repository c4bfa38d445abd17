// Package posture recognises, frame by frame, the body position (standing,
// quadruped, half-kneeling, supine, other, or unknown when too little is
// visible) and the camera view (docs/contract.md's names) from image landmarks.
//
// The per-frame rules live in Observe; they compare heights in the image
// (y down) to a body scale estimated from the longest visible segments, so
// they hold at any distance from the camera. The view comes from the yaw of
// the body's left-to-right axis (shoulders and hips) in the image plane and
// MediaPipe's relative depth z. The rules, their thresholds and the reasons
// for them are documented in docs/analysis.md.
//
// A Classifier adds hysteresis: a new posture or view replaces the current
// one only after it has been observed without interruption for Config.HoldS
// seconds, so labels do not flicker with landmark noise. Update allocates
// nothing, so the live path can call it for every camera frame. Recognize
// runs the same classifier over a whole recording and dates every change
// back to the start of the run that caused it.
//
// The package is pure computation: it imports only the standard library,
// the root package and geom (the isotropic image plane), and compiles to
// WebAssembly. Its features are heights, lengths and a yaw, not anatomical
// angles; those are defined once, in geom.
package posture
