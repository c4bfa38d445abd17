// Package recording reads, writes and validates landmark recordings in the
// stretchwise JSON Lines format (docs/recording-format.md), imports the
// landmark files other tools produce (OpenPose JSON, MediaPipe-style JSON,
// KERAAL JSON, CSV) and exports CSV and OpenSim TRC.
//
// The package is pure: it reads io.Reader and io/fs.FS values and writes
// io.Writer values, never touching the operating system, so it compiles
// unchanged to WebAssembly. Every error about bad input is a
// *stretchwise.Error with code stretchwise.EINVALID (or ETOOLARGE for a
// documented limit) whose message names the line or file and the field.
package recording
