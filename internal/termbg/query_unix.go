//go:build unix

package termbg

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// query writes req to out and collects what the terminal sends back on in
// until it has answered or the timeout passes. Nothing is asked when either
// side is not a terminal or the process is not in the foreground (changing
// the mode of a terminal we do not own would stop the process).
func query(in, out *os.File, req string, timeout time.Duration) ([]byte, bool) {
	fd := int(in.Fd())
	if !term.IsTerminal(fd) || !term.IsTerminal(int(out.Fd())) {
		return nil, false
	}
	if pgrp, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP); err != nil || pgrp != unix.Getpgrp() {
		return nil, false
	}
	state, err := term.MakeRaw(fd)
	if err != nil {
		return nil, false
	}
	defer term.Restore(fd, state) //nolint:errcheck // best effort: nothing better to do
	if _, err := out.WriteString(req); err != nil {
		return nil, false
	}
	deadline := time.Now().Add(timeout)
	var reply []byte
	buf := make([]byte, 256)
	for !answered(reply) {
		left := time.Until(deadline)
		if left <= 0 || len(reply) > 4096 {
			return reply, false
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left.Milliseconds())+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n == 0 {
			return reply, false
		}
		r, err := unix.Read(fd, buf)
		if err != nil || r <= 0 {
			return reply, false
		}
		reply = append(reply, buf[:r]...)
	}
	return reply, true
}
