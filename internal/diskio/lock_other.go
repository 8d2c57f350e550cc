//go:build !unix

package diskio

import "context"

// lock does nothing where there is no flock: two instances at once may
// then lose each other's changes, though every write stays atomic.
func lock(ctx context.Context, path string) (func(), error) { return func() {}, nil }
