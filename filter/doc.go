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
// What the package tests measured with the defaults (30 fps):
//
//   - Butterworth, 2nd order at 6 Hz, forward and backward: the analytic
//     response to 1e-4 (-6.02 dB at 6 Hz, no phase lag), -50 dB at 12 Hz.
//   - Hampel (3 sigma, 5 samples each side): every outlier of 0.03-0.13
//     image heights found at rest and in slow movement, with 1.3-1.7 % of
//     clean samples flagged under noise of 0.002; about 2 % of outliers
//     missed at the turning points of a limb swinging at 0.5 Hz over 0.4
//     image heights.
//   - Clean on noisy trajectories (noise 0.004, +-3 ms timestamp jitter):
//     RMS error down to 0.60 of the raw; with 1-3 % outliers and 5-10 %
//     dropouts within 14 % of the noise-only result; 0.6-0.8 % of clean
//     landmark samples rejected.
//   - One-euro (DefaultOneEuro): jitter of a still landmark down to 0.36 of
//     its sd; lag 18 ms at 0.5 image heights per second (a fixed 1 Hz
//     low-pass lags 159 ms).
package filter
