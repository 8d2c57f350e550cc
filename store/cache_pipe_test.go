//go:build unix

package store_test

import (
	"os"
	"strings"
	"syscall"
	"testing"

	"dispatch/store"
)

// TestPipeInPlaceOfTheCache: a named pipe where the snapshot should be is
// damage, not something to wait on. (Were opening it to block, go test's
// -timeout would report it, with the stack of the stuck open.)
func TestPipeInPlaceOfTheCache(t *testing.T) {
	dir, cache, path := cachedFolder(t, 4)
	os.Remove(path)
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := store.CachedLibrary(nil, folderLibrary(dir), fixtureTopics(t), store.CacheOptions{Dir: cache}); ok {
		t.Error("a pipe gave a library")
	}
	if _, ok := store.StaleLibrary(nil, folderLibrary(dir), fixtureTopics(t), store.CacheOptions{Dir: cache}); ok {
		t.Error("a pipe gave a stale library")
	}
	lib, report := store.LoadCached(nil, folderLibrary(dir), fixtureTopics(t), store.CacheOptions{Dir: cache})
	if lib.Len() != 4 || !strings.Contains(report.Warning, "damaged") {
		t.Errorf("%d articles, warning %q", lib.Len(), report.Warning)
	}
}
