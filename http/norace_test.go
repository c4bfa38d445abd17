//go:build !race

package http_test

// raceEnabled is whether the race detector is on.
const raceEnabled = false
