package cpuclock

import (
	"testing"
	"time"
)

// TestNowCountsWork checks that the clock moves when this process computes
// and that a spin of 50 ms of wall time shows as CPU time.
func TestNowCountsWork(t *testing.T) {
	c0, ok := Now()
	if !ok {
		t.Skip("no CPU clock on this platform")
	}
	x := 1.0
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
		x = x*1.0000001 + 1e-9
	}
	c1, _ := Now()
	if c1 <= c0 {
		t.Fatalf("CPU time did not move over a busy loop: %v then %v (x %v)", c0, c1, x)
	}
}

func BenchmarkPerOp(b *testing.B) {
	defer PerOpBytes(b, 1000)()
	s := 0
	for i := 0; b.Loop(); i++ {
		for j := range 1000 {
			s += i ^ j
		}
	}
	_ = s
}
