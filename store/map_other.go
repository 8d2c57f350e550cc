//go:build !unix

package store

import "os"

// mapFile reads the file at path: without mmap, the snapshot is read whole.
func mapFile(path string) ([]byte, error) { return os.ReadFile(path) }
