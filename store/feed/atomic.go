package feed

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"dispatch/internal/diskio"
	"dispatch/store/journal"
)

// Every file this package writes goes through internal/diskio: replaced
// atomically (the subscriptions file, a feed's fetch state), or staged in
// batches synced together (item files), under the feeds' lock. A process
// killed at any moment leaves the old file or the new one, never a mix,
// and hidden temporary files that the next writer removes.

// record notes in the feeds' journal (store/journal) that the files
// names of the feed folder subDir are about to change, and returns done,
// to call once they have: a command that trusts the journal looks at
// these files again, and at no other. On an error the change must not be
// made.
func (m *Manager) record(subDir string, names ...string) (done func(), err error) {
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = subDir + "/" + n
	}
	return journal.Begin(m.FeedsDir(), paths...)
}

// recordFolder is record for the whole feed folder subDir, about to be
// removed.
func (m *Manager) recordFolder(subDir string) (done func(), err error) {
	return journal.Begin(m.FeedsDir(), subDir)
}

// batchSize is how many item files are written before they are synced and
// renamed together; it bounds the work a killed fetch loses.
const batchSize = 256

// lockFile takes the feeds' lock at path, waiting while another dispatch
// holds it, for at most wait: then it gives up with ErrBusy, or with ctx's
// error when ctx ends first.
func lockFile(ctx context.Context, path string, wait time.Duration) (func(), error) {
	waiting, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	unlock, err := diskio.Lock(waiting, path)
	switch {
	case err == nil:
		return unlock, nil
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(err, diskio.ErrLocked):
		return nil, fmt.Errorf("%w (waited %s for %s)", ErrBusy, wait, path)
	}
	return nil, err
}

// ensureDir creates dir and its parents.
func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	return nil
}
