package diskio

import (
	"context"
	"errors"
)

// ErrLocked reports a lock another process held for as long as the caller
// would wait.
var ErrLocked = errors.New("another dispatch holds the lock")

// lockedError says which lock was held, and why the wait ended.
type lockedError struct {
	path  string
	cause error // the context's error: its deadline, or a cancel
}

func (e *lockedError) Error() string { return "another dispatch holds the lock " + e.path }

// Unwrap lets callers tell a wait that timed out from one that was
// cancelled (errors.Is with context.DeadlineExceeded, context.Canceled).
func (e *lockedError) Unwrap() []error { return []error{ErrLocked, e.cause} }

// Lock takes an exclusive lock on the file at path, created if need be. While
// another process (or another Lock in this one: a lock belongs to the open
// file) holds it, Lock waits until ctx ends and then fails with an error
// that names the file and matches ErrLocked and ctx's error. A lock that is
// free is taken even when ctx has ended. The returned function releases
// the lock; calling it again does nothing.
func Lock(ctx context.Context, path string) (unlock func(), err error) {
	return lock(ctx, path)
}

// TryLock takes the lock Lock takes, or fails at once with an error
// matching ErrLocked when another holds it.
func TryLock(path string) (unlock func(), err error) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return lock(ctx, path)
}
