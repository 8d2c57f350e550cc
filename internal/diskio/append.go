package diskio

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Append adds data at the end of the file at path, created with perm if it
// is missing, and syncs it: for a small file that grows by a record at a
// time (a line a change), where replacing the whole file each time would
// cost more as it grows. Once Append returns, the record survives a power
// cut; when it created the file, its folder is synced too, so the file
// does as well. A crash during Append can leave the last record cut
// short, so readers must ignore an incomplete last record; records written
// by several processes interleave whole only under a lock (Lock).
func Append(path string, data []byte, perm fs.FileMode) error {
	// without blocking: a named pipe put in the file's place would wait
	// for a reader forever; it is refused below
	const flags = os.O_WRONLY | os.O_APPEND | syscall.O_NONBLOCK
	f, err := os.OpenFile(path, flags, 0)
	created := false
	if errors.Is(err, fs.ErrNotExist) {
		f, err = os.OpenFile(path, flags|os.O_CREATE|os.O_EXCL, perm)
		created = err == nil
		if errors.Is(err, fs.ErrExist) { // another process created it meanwhile
			f, err = os.OpenFile(path, flags, 0)
		}
	}
	if err != nil {
		return fmt.Errorf("append to %s: %w", path, err)
	}
	if fi, serr := f.Stat(); serr != nil || !fi.Mode().IsRegular() {
		f.Close()
		if serr == nil {
			serr = errors.New("not a regular file")
		}
		return fmt.Errorf("append to %s: %w", path, serr)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("append to %s: %w", path, err)
	}
	if created {
		return SyncDir(filepath.Dir(path))
	}
	return nil
}
