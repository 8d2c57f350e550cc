package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"dispatch/internal/safefile"
	"dispatch/store/article"
	"dispatch/store/feed"
)

// itemCounts are how many of a feed's items are unread, and how many of
// those the last fetch brought: what the reader's sources panel counts.
type itemCounts struct{ unread, fresh int }

// countFeedItems counts each followed feed's unread and new items from its
// folder's names and the reading state, reading no item: an item is
// marked by its path below the feeds folder. Feeds whose folder cannot be
// read are left out (dispatch feeds says how many items the fetch keeps).
func countFeedItems(e env, g *globalFlags, list []feed.Status) map[string]itemCounts {
	dir := feedsDir(e, g)
	if dir == "" {
		return nil
	}
	st := readStateForListing(e, g)
	fresh := map[string]bool{}
	if names, err := feed.LastNew(dir); err == nil {
		for _, n := range names {
			fresh[n] = true
		}
	}
	fsys := safefile.DirFS(dir)
	out := map[string]itemCounts{}
	for _, s := range list {
		if s.Problem != "" || s.Dir == "" {
			continue
		}
		entries, err := fs.ReadDir(fsys, s.Dir)
		if err != nil {
			continue
		}
		var c itemCounts
		for _, en := range entries {
			name := en.Name()
			if !en.Type().IsRegular() || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".md") {
				continue
			}
			rel := path.Join(s.Dir, name)
			if st.Articles[itemStateKey(rel)].Read {
				continue
			}
			c.unread++
			if fresh[rel] {
				c.fresh++
			}
		}
		out[s.Dir] = c
	}
	return out
}

// itemStateKey is the reading state's key of the feed item at rel below
// the feeds folder, as the library lists it.
func itemStateKey(rel string) string { return article.ItemStateKey(path.Join(feedsLabel, rel)) }

// feedJSON is a feed's status for feeds --json, with its unread and new
// items when they are known.
type feedJSON struct {
	status feed.Status
	counts *itemCounts
}

// MarshalJSON is the status as feed.Status gives it, then "unread" and
// "new".
func (f feedJSON) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(f.status)
	if err != nil || f.counts == nil || len(b) < 2 || b[len(b)-1] != '}' {
		return b, err
	}
	return fmt.Appendf(b[:len(b)-1], `,"unread":%d,"new":%d}`, f.counts.unread, f.counts.fresh), nil
}
