// Package heappeak measures how far the live heap grows while a function
// runs: the memory tests of the server and the memory benchmark of an
// upload's analysis (docs/bench/memupload.go) both ask it.
package heappeak

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Growth runs f while sampling the heap every millisecond and returns the
// most it grew above where it started (after a collection), in bytes. Set
// a low GOGC (debug.SetGCPercent) around it so that the heap stays close
// to what is live; a sample misses a peak shorter than a millisecond.
func Growth(f func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > base && m.HeapAlloc-base > peak.Load() {
				peak.Store(m.HeapAlloc - base)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return peak.Load()
}
