package feed

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"dispatch/internal/diskio"
)

// Every file this package writes goes through internal/diskio: replaced
// atomically (the subscriptions file, a feed's fetch state), or staged in
// batches synced together (item files), under the feeds' lock. A process
// killed at any moment leaves the old file or the new one, never a mix,
// and hidden temporary files that the next writer removes.

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
