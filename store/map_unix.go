//go:build unix

package store

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/unix"

	"dispatch/internal/safefile"
)

// mapFile maps the file at path into memory, read-only. It is opened
// without blocking and checked on the opened file: a named pipe or device
// in its place is damage, not something to wait on. The mapping stays for
// the life of the process: slices of it live on in the index, and a
// snapshot renamed over by another process keeps its old pages. One cut
// short in place is another matter (see faults).
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
	if fi.Size() == 0 {
		return nil, fmt.Errorf("empty: %w", errDamagedSnapshot)
	}
	return unix.Mmap(int(f.Fd()), 0, int(fi.Size()), unix.PROT_READ, unix.MAP_SHARED)
}

// releasePages gives back the memory of the pages of b, part of a mapping
// made by mapFile: they stay in the file system's cache, and are mapped
// again when next read. A check of the whole snapshot (verifyAll) would
// otherwise keep all of it resident (590 MB at 100,000 articles).
func releasePages(b []byte) {
	page := uintptr(unix.Getpagesize())
	if len(b) == 0 {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := (start + page - 1) &^ (page - 1)
	hi := (start + uintptr(len(b))) &^ (page - 1)
	if hi <= lo {
		return
	}
	_ = unix.Madvise(b[lo-start:hi-start], unix.MADV_DONTNEED) // a hint: nothing is lost if refused
}
