//go:build unix

package story_test

import "syscall"

// cpuTime is the process's user and system time so far, in nanoseconds:
// benchmarks report it beside the wall time, which on a machine shared with
// other work says more about the load than about the code.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
