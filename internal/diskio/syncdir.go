package diskio

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// SyncDir makes what was renamed into dir durable: after it, a power cut
// no longer brings the old name back.
//
// One policy for every folder dispatch writes in: a file system that
// cannot sync a folder is not an error. It says so by refusing the sync
// with EINVAL (some network and FUSE file systems), ENOTSUP, EOPNOTSUPP or
// ENOSYS, or by refusing to open the folder for it (a folder without read
// permission; Windows, which syncs no folder). The rename has happened and
// stands, as durable as that file system makes it; failing the write would
// only make it be done again and again, and a cache on such a file system
// would never count as saved. Any other error (EIO: the disk failed) is
// returned.
func SyncDir(dir string) error { return syncDirWith(dir, (*os.File).Sync) }

// syncDirWith is SyncDir with the sync given, so that tests can make it
// fail as file systems do.
func syncDirWith(dir string, sync func(*os.File) error) error {
	d, err := os.Open(dir)
	if err != nil {
		if cannotSyncDir(err) {
			return nil
		}
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := sync(d); err != nil && !cannotSyncDir(err) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// cannotSyncDir reports an error that says the file system cannot sync a
// folder, rather than that syncing failed (see SyncDir).
func cannotSyncDir(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, errors.ErrUnsupported) || errors.Is(err, fs.ErrPermission)
}
