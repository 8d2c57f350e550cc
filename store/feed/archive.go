package feed

import (
	"cmp"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"github.com/mmcdole/gofeed"
)

// A feed's archive is bounded. One fetch stores at most
// Config.MaxItemsPerFetch items of a document, the newest: a 10 MiB feed
// can list 170,000 one-line items with fresh guids, each a file. Items the
// feed lists are always kept; of those it no longer lists, the newest are
// kept up to Config.KeepItems files in all, and none older than
// Config.KeepAge if that is set. An item the caller says to keep
// (Config.Keep: a bookmarked one) is never deleted.

// newestItems picks the items of a document to store: all of them, or, when
// there are more than limit, the newest limit by date, dated ones first and
// undated ones after them in the feed's order. The indexes come back in the
// feed's order, with the number left out.
func newestItems(items []*gofeed.Item, limit int) ([]int, int) {
	idx := make([]int, 0, len(items))
	for i, it := range items {
		if it != nil {
			idx = append(idx, i)
		}
	}
	if len(idx) <= limit {
		return idx, 0
	}
	dates := make([]time.Time, len(items))
	for _, i := range idx {
		dates[i] = itemDate(items[i])
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		da, db := dates[a], dates[b]
		switch {
		case da.IsZero() != db.IsZero():
			if da.IsZero() {
				return 1
			}
			return -1
		}
		return db.Compare(da)
	})
	dropped := len(idx) - limit
	idx = idx[:limit]
	slices.Sort(idx)
	return idx, dropped
}

// prune applies the archive policy to a feed's directory after its items
// were written: files maps the keys of the item files present to their
// names, listed holds the keys of the items the feed lists now. The files
// deleted leave files and the fetch state, and their number is returned.
// Entries of the state for items neither present nor listed go too, so the
// state does not grow with what was deleted.
func (m *Manager) prune(sub Subscription, dir string, st *fetchState, files map[string]string, listed map[string]bool) int {
	for key := range st.Items {
		if _, ok := files[key]; !ok && !listed[key] {
			delete(st.Items, key)
		}
	}
	limit, age := m.cfg.KeepItems, m.cfg.KeepAge
	if (limit < 0 || len(files) <= limit) && age <= 0 {
		return 0
	}
	type candidate struct {
		key, name string
		when      time.Time
	}
	var old []candidate
	present := 0 // listed items with a file: never deleted, but counted
	for key, name := range files {
		if listed[key] {
			present++
			continue
		}
		old = append(old, candidate{key: key, name: name, when: m.itemTime(dir, name, st.Items[key])})
	}
	slices.SortFunc(old, func(a, b candidate) int {
		return cmp.Or(b.when.Compare(a.when), cmp.Compare(b.name, a.name))
	})
	room := max(limit-present, 0)
	cutoff := m.cfg.Now().Add(-age)
	pruned := 0
	for i, c := range old {
		over := limit >= 0 && i >= room
		stale := age > 0 && c.when.Before(cutoff)
		if !over && !stale || m.cfg.Keep != nil && m.cfg.Keep(path.Join(sub.Dir, c.name)) {
			continue
		}
		done, err := m.record(sub.Dir, c.name)
		if err != nil {
			continue // kept, and tried again at the next fetch
		}
		err = os.Remove(filepath.Join(dir, c.name))
		done()
		if err != nil && !os.IsNotExist(err) {
			continue
		}
		delete(files, c.key)
		delete(st.Items, c.key)
		pruned++
	}
	return pruned
}

// itemTime is how old an item is for the archive policy: when it was first
// written (else its file's modification time), or its date, if earlier. A
// feed cannot keep an item by dating it in the future.
func (m *Manager) itemTime(dir, name string, rec itemState) time.Time {
	t := rec.Seen
	if t.IsZero() {
		if info, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			t = info.ModTime()
		}
	}
	if d, ok := dateOfFile(name); ok && (t.IsZero() || d.Before(t)) {
		t = d
	}
	return t
}

// dateOfFile is the date an item file's name begins with, if any.
func dateOfFile(name string) (time.Time, bool) {
	if len(name) < len(time.DateOnly) {
		return time.Time{}, false
	}
	d, err := time.Parse(time.DateOnly, name[:len(time.DateOnly)])
	return d, err == nil
}
