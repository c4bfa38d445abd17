package heappeak

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestGrowth holds 64 MiB for 50 ms: the growth seen is at least that and
// not far above it; a function that allocates nothing grows it by little.
func TestGrowth(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	const size = 64 << 20
	var keep []byte
	got := Growth(func() {
		keep = make([]byte, size)
		for i := range keep {
			keep[i] = byte(i)
		}
		time.Sleep(50 * time.Millisecond)
	})
	if got < size || got > size+8<<20 {
		t.Errorf("Growth while holding %d bytes = %d", size, got)
	}
	runtime.KeepAlive(keep)
	if got := Growth(func() { time.Sleep(20 * time.Millisecond) }); got > 4<<20 {
		t.Errorf("Growth of an idle function = %d bytes", got)
	}
}
