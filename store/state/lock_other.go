//go:build !unix

package state

import "time"

// lockFile does nothing where there is no flock: two instances at once may
// then lose each other's changes, though never corrupt the file.
func lockFile(path string, wait time.Duration) (func(), error) { return func() {}, nil }
