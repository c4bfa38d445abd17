// Package cpuclock reads the CPU time this process has used, so that the
// benchmarks can report CPU cost per operation next to wall time. On a
// machine busy with other work the wall time grows while a benchmark waits
// for a core; the CPU time does not.
package cpuclock

import (
	"testing"
	"time"
)

// Now returns the user plus system CPU time of this process, and false
// where the platform has no such clock.
func Now() (time.Duration, bool) { return now() }

// PerOp starts counting and returns the function that stops: called after
// the benchmark loop, it reports the CPU time per operation as cpu-ns/op.
// Use as defer cpuclock.PerOp(b)() before the loop.
func PerOp(b *testing.B) func() { return PerOpBytes(b, 0) }

// Loop runs op(0), op(1), ... one per benchmark op, reporting allocations
// and the CPU time per op.
func Loop(b *testing.B, op func(i int)) {
	b.ReportAllocs()
	defer PerOp(b)()
	for i := 0; b.Loop(); i++ {
		op(i)
	}
}

// PerOpBytes is PerOp that also reports cpu-MB/s, n bytes per operation
// over the CPU time (no cpu-MB/s for n of 0).
func PerOpBytes(b *testing.B, n int64) func() {
	c0, ok := now()
	return func() {
		c1, ok1 := now()
		if !ok || !ok1 || b.N == 0 || c1 <= c0 {
			return
		}
		perOp := float64((c1 - c0).Nanoseconds()) / float64(b.N)
		b.ReportMetric(perOp, "cpu-ns/op")
		if n > 0 {
			b.ReportMetric(float64(n)/(perOp/float64(time.Second))/1e6, "cpu-MB/s")
		}
	}
}
