//go:build unix

package sqlstore

import (
	"syscall"
	"time"
)

// cpuTime returns the user+system CPU time of this process, so benchmarks
// can report CPU cost next to wall time on a machine busy with other work.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
