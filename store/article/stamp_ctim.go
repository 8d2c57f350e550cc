//go:build linux || openbsd || dragonfly || solaris

package article

import (
	"io/fs"
	"syscall"
)

// changeStamp is a file's ctime and inode number (see FileInfo.Change).
func changeStamp(info fs.FileInfo) (change int64, inode uint64) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano(), uint64(st.Ino)
	}
	return 0, 0
}
