//go:build unix

package store

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// mapFile maps the file at path into memory, read-only. The mapping stays
// for the life of the process: slices of it live on in the index, and a
// snapshot renamed over by another process keeps its old pages.
func mapFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file: %w", path, errDamagedSnapshot)
	}
	if fi.Size() == 0 {
		return nil, fmt.Errorf("%s: empty: %w", path, errDamagedSnapshot)
	}
	return unix.Mmap(int(f.Fd()), 0, int(fi.Size()), unix.PROT_READ, unix.MAP_SHARED)
}
