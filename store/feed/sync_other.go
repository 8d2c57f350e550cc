//go:build !linux

package feed

// syncFiles makes the files in dir durable, one fsync each.
func syncFiles(dir string, paths []string) error { return fsyncEach(paths) }
