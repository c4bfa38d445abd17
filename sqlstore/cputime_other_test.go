//go:build !unix

package sqlstore

import "time"

// cpuTime is not available here; benchmarks then report wall time only.
func cpuTime() (time.Duration, bool) { return 0, false }
