// Package filelock takes exclusive locks on files between processes, with
// a bounded wait: a stuck process must not stop another from starting or
// quitting.
package filelock

import "errors"

// ErrLocked reports a lock another process held for the whole wait.
var ErrLocked = errors.New("another process held the lock for too long")
