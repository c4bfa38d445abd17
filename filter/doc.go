// Package filter cleans landmark trajectories: offline, outlier rejection
// (Hampel), interpolation of short gaps and a zero-phase Butterworth
// low-pass (Clean runs all three over a recording); live and causal, the
// one-euro filter over a whole pose (PoseFilter) for the browser path.
//
// Landmarks below the visibility gate are never used as data: they are
// gaps, which the offline path fills only when short and the live path
// holds. The package imports only the standard library and the root
// package, and compiles to WebAssembly.
//
// What the filters do with their defaults, as the tests measured it:
// docs/analysis.md.
package filter
