// Package geom holds the vectors and the anatomical angle definitions of
// stretchwise, in one place. Every definition follows docs/angles.md: angles
// are in degrees, flexion is positive, and no angle depends on which way the
// person faces or on whether the image is mirrored.
//
// Image landmarks are first mapped to an isotropic plane (u = x*aspect,
// v = y, v down) so that an angle never mixes normalized x and y. World
// landmarks are metres with y down. A landmark is usable when its visibility
// is at or above the gate; an angle whose landmarks are not usable, or whose
// segments have no length, is NaN and reported as not ok, never 0.
//
// The per-frame functions (Compute, Compute3D and the single-angle
// functions) allocate nothing, so the live path can call them for every
// camera frame.
package geom
