//go:build !unix

package filelock

import "time"

// Lock does nothing where there is no flock: two instances at once may
// then lose each other's changes, though never corrupt the file.
func Lock(path string, wait time.Duration) (func(), error) { return func() {}, nil }
