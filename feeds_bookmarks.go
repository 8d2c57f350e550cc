package main

import (
	"errors"
	"io/fs"
	"os"
	"sync"
	"time"

	"dispatch/store/state"
)

// bookmarkedItems is the feeds' Config.Keep: whether an item is bookmarked
// in the state file. The file is read again whenever it changed (the
// reader saves a bookmark within a second), and while it cannot be read
// every item is kept: a damaged state must not cost a bookmark.
type bookmarkedItems struct {
	path string

	mu      sync.Mutex
	size    int64
	mtime   time.Time
	read    bool
	ok      bool
	entries map[string]bool // state keys of bookmarked articles
}

// keep reports whether the item file at rel (below the feeds folder) is
// bookmarked. Its state key is the article's path as the library lists
// it: the feeds folder's label, "feeds" (withFeeds), then rel.
func (b *bookmarkedItems) keep(rel string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	info, err := os.Stat(b.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false // no state yet: nothing is bookmarked
	case err != nil:
		return true
	}
	if !b.read || info.Size() != b.size || !info.ModTime().Equal(b.mtime) {
		st, err := state.Read(b.path)
		b.read, b.ok, b.size, b.mtime = true, err == nil, info.Size(), info.ModTime()
		b.entries = map[string]bool{}
		for key, a := range st.Articles {
			if a.Bookmarked {
				b.entries[key] = true
			}
		}
	}
	return !b.ok || b.entries[itemStateKey(rel)]
}
