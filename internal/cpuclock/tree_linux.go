//go:build linux

package cpuclock

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTicks is Linux's USER_HZ, the unit of CPU times in /proc: 100 on
// every architecture Go supports.
const clockTicks = 100

// Tree returns the CPU time (user + system, including waited-for
// children) used so far by process pid and all its descendants, read from
// /proc: stretchwise extract reports Chromium's per frame, as unlike wall
// time it does not grow when other work shares the cores. It returns 0
// when /proc is unreadable.
func Tree(pid int) time.Duration {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	parent := map[int]int{}
	ticks := map[int]int64{}
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// The command name is in parentheses and may hold spaces: the
		// fields after the last ')' are fixed: state, ppid, ... utime (14),
		// stime (15), cutime (16), cstime (17), counting from pid as 1.
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 15 {
			continue
		}
		pp, _ := strconv.Atoi(f[1])
		var sum int64
		for _, k := range []int{11, 12, 13, 14} {
			v, _ := strconv.ParseInt(f[k], 10, 64)
			sum += v
		}
		parent[p], ticks[p] = pp, sum
	}
	var total int64
	for p, t := range ticks {
		for q := p; q > 1; q = parent[q] {
			if q == pid {
				total += t
				break
			}
		}
	}
	return time.Duration(total) * time.Second / clockTicks
}
