//go:build !unix

package store

import (
	"fmt"
	"io"

	"dispatch/internal/safefile"
)

// releasePages does nothing: without mmap there are no pages to give back.
func releasePages([]byte) {}

// mapFile reads the file at path: without mmap, the snapshot is read whole.
func mapFile(path string) ([]byte, error) {
	f, err := safefile.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s (%s): %w", safefile.ErrNotRegular, safefile.FileType(fi.Mode().Type()), errDamagedSnapshot)
	}
	return io.ReadAll(f)
}
