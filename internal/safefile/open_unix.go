//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// openFlags open a file for reading without blocking: opening a named
// pipe with no writer, or some devices, would wait forever. O_NOCTTY
// keeps a terminal device from becoming the process's controlling
// terminal.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK | syscall.O_NOCTTY

// Open opens path for reading without blocking (see openFlags).
func Open(path string) (*os.File, error) { return os.OpenFile(path, openFlags, 0) }

// openNoFollow opens path as Open does, but fails when its last part is a
// symbolic link.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, openFlags|syscall.O_NOFOLLOW, 0)
}
