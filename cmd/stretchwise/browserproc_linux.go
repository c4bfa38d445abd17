//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// browserGroup starts Chromium in a process group of its own, so that
// every process it starts (renderers, the GPU and utility processes) can
// be ended together: killing only the main process, as chromedp does when
// its context ends, left children that went on writing into the profile
// folder after it was removed, and a folder behind in /dev/shm.
type browserGroup struct {
	cmd *exec.Cmd // set by modify, when chromedp starts the browser
}

// modify is chromedp's ModifyCmdFunc: its own process group, and killed
// if stretchwise dies (chromedp's default on Linux).
func (g *browserGroup) modify(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	g.cmd = cmd
}

// end kills every process of the browser (its group, and any process
// whose command line names the profile folder) and waits until none is
// running, at most wait; then the profile folder can be removed for good.
func (g *browserGroup) end(profile string, wait time.Duration) {
	pgid := 0
	if g.cmd != nil && g.cmd.Process != nil {
		pgid = g.cmd.Process.Pid
		syscall.Kill(-pgid, syscall.SIGKILL)
	}
	for deadline := time.Now().Add(wait); ; {
		left := browserProcesses(pgid, profile)
		if len(left) == 0 || time.Now().After(deadline) {
			return
		}
		for _, pid := range left {
			syscall.Kill(pid, syscall.SIGKILL)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// browserProcesses lists the running processes (zombies, which write
// nothing, left out) of process group pgid (none when 0) or whose command
// line names profile, from /proc.
func browserProcesses(pgid int, profile string) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// After the command name in parentheses: state, ppid, pgrp, ...
		s := string(stat)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) < 3 || f[0] == "Z" {
			continue
		}
		group, _ := strconv.Atoi(f[2])
		if pgid != 0 && group == pgid {
			pids = append(pids, pid)
			continue
		}
		if cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline")); err == nil && strings.Contains(string(cmdline), profile) {
			pids = append(pids, pid)
		}
	}
	return pids
}
