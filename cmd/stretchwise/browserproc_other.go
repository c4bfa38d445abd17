//go:build !linux

package main

import (
	"os/exec"
	"time"
)

// browserGroup is chromedp's own handling of the browser's processes
// outside Linux: there is no /proc to find the ones left running.
type browserGroup struct{}

func (g *browserGroup) modify(cmd *exec.Cmd) {}

func (g *browserGroup) end(profile string, wait time.Duration) {}
