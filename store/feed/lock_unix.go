//go:build unix

package feed

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// lockPollInterval is how often a waiting process tries the lock again;
// flock cannot wait with a deadline, and a blocked flock cannot be cancelled.
const lockPollInterval = 20 * time.Millisecond

// lockFile takes an exclusive flock on path (created if need be), trying
// for at most wait; the returned function releases it. flock locks belong to
// the open file, so two fetches in one process exclude each other too, and
// the kernel releases the lock of a killed process.
func lockFile(ctx context.Context, path string, wait time.Duration) (func(), error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	tick := time.NewTicker(lockPollInterval)
	defer tick.Stop()
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return func() {
				_ = unix.Flock(int(f.Fd()), unix.LOCK_UN) // closing releases it too
				f.Close()
			}, nil
		}
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		select {
		case <-tick.C:
		case <-deadline.C:
			f.Close()
			return nil, fmt.Errorf("%w (waited %s for %s)", ErrBusy, wait, path)
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		}
	}
}
