//go:build !unix

package safefile

import "os"

// Open opens path for reading; systems without POSIX pipes have no
// opening that blocks.
func Open(path string) (*os.File, error) { return os.Open(path) }
