//go:build !linux

package cpuclock

import "time"

// Tree is not measured on this system.
func Tree(pid int) time.Duration { return 0 }
