//go:build !unix

package safefile

import (
	"errors"
	"os"
)

// openFlags open a file for reading; systems without POSIX pipes have no
// opening that blocks.
const openFlags = os.O_RDONLY

// Open opens path for reading.
func Open(path string) (*os.File, error) { return os.Open(path) }

// openNoFollow has no way here to refuse a symbolic link: every file is
// opened inside its folder instead (see dirFS.Open).
func openNoFollow(string) (*os.File, error) { return nil, errNoFollow }

var errNoFollow = errors.New("no O_NOFOLLOW")
