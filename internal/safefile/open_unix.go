//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// Open opens path for reading without blocking: opening a named pipe
// with no writer, or some devices, would wait forever. O_NOCTTY keeps a
// terminal device from becoming the process's controlling terminal.
func Open(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
}
