//go:build !linux

package diskio

// syncFiles makes the files in dir durable, one sync each.
func syncFiles(dir string, paths []string) error { return fsyncEach(paths) }
