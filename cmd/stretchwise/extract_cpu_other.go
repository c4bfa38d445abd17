//go:build !linux

package main

import "time"

// treeCPU is not measured on this system.
func treeCPU(pid int) time.Duration { return 0 }
