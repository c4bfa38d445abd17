//go:build race

package http_test

// raceEnabled is whether the race detector is on: memory figures mean
// little under it, and it slows everything several times.
const raceEnabled = true
