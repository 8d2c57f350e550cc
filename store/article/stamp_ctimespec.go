//go:build darwin || freebsd || netbsd

package article

import (
	"io/fs"
	"syscall"
)

// changeStamp is a file's ctime and inode number (see FileInfo.Change).
func changeStamp(info fs.FileInfo) (change int64, inode uint64) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ctimespec.Nano(), uint64(st.Ino)
	}
	return 0, 0
}
