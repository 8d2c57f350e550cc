//go:build unix

package ident

import (
	"io/fs"
	"syscall"
)

// inodeOf is a file's number: a journal replaced by another has a new one.
func inodeOf(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
