// Package synth is the synthetic body: a parametric 3D skeleton posed by
// joint angles and animated through the bird dog, the modified Thomas test
// and the half-kneeling hip flexor stretch, with faults injected at known
// times, seen through a pinhole camera from any view of docs/contract.md and
// turned into MediaPipe-like landmarks with configurable noise.
//
// It is the yardstick for every accuracy claim of stretchwise: Generate
// returns an ordinary recording together with its ground truth (the angles
// of docs/angles.md per frame, in 3D and as a perfect camera sees them in
// 2D, the phases, the faults with their times, the 3D pose and the bone
// lengths).
//
// The package is pure: it uses only the standard library and the root
// package, does no I/O, and draws randomness only from the *rand.Rand its
// caller passes, so a seed always gives the same recording.
//
// Lab coordinates are metres with the floor at Y = 0 and Y up. Every motion
// starts with the body's heading along +X (the way a standing or kneeling
// person faces, the way the head points in quadruped or lying) and the
// person's left on the side the camera views call "left".
package synth
