package main

import (
	"fmt"
	"strings"
	"sync"

	"dispatch/internal/config"
	"dispatch/store"
	"dispatch/store/feed"
	"dispatch/store/state"
	"dispatch/ui"
)

// What a listing needs that store does not know, for a query's operators:
// the reading state (is:unread), the feeds' tags (tag:) and the clock.

// feedTags gives a feed's items the tags of their subscription (OPML
// folders and categories, or the configuration's feeds:), read from the
// subscriptions file when first asked for: a listing without tag: reads
// nothing.
type feedTags struct {
	once   sync.Once
	load   func() ([]feed.Subscription, error)
	byDir  map[string][]string
	byURL  map[string][]string
	byName map[string][]string
}

// newFeedTags reads the subscriptions of this run's feeds; none when feeds
// are off or have no home.
func newFeedTags(e env, g *globalFlags) *feedTags {
	return &feedTags{load: func() ([]feed.Subscription, error) {
		if g.noFeeds {
			return nil, nil
		}
		m, err := feedManager(e, g)
		if err != nil {
			return nil, nil // no home for feeds: none to tag
		}
		defer m.Close()
		return m.Subscriptions()
	}}
}

// of are the tags of lib's article doc: its feed's, by the feed's folder
// (which a new name or address does not move), else by the feed's address
// or name as the item gives them.
func (t *feedTags) of(lib *store.Library, doc int) []string {
	t.once.Do(func() {
		t.byDir, t.byURL, t.byName = map[string][]string{}, map[string][]string{}, map[string][]string{}
		subs, _ := t.load() // a damaged file: no tags (the feeds commands say why)
		for _, s := range subs {
			t.byDir[s.Dir] = s.Tags
			t.byURL[s.URL] = s.Tags
			t.byName[strings.ToLower(s.Name)] = s.Tags
		}
	})
	a := lib.Article(doc)
	if a.Feed == "" {
		return nil
	}
	if rest, ok := strings.CutPrefix(a.Path, feedsLabel+"/"); ok {
		if dir, _, ok := strings.Cut(rest, "/"); ok {
			if tags, ok := t.byDir[dir]; ok {
				return tags
			}
		}
	}
	if tags, ok := t.byURL[a.Feed]; ok {
		return tags
	}
	return t.byName[strings.ToLower(a.Source)]
}

// listRequest is a listing request for a command: the saved reading state
// (read-only) for is: (is:new is the library's, less what is read), the
// feeds' tags for tag:.
func listRequest(lib *store.Library, st state.State, tags *feedTags) store.ListRequest {
	return store.ListRequest{
		Marks: store.MarkFuncs{
			IsRead:    func(d int) bool { return st.Articles[lib.Article(d).StateKey()].Read },
			IsStarred: func(d int) bool { return st.Articles[lib.Article(d).StateKey()].Bookmarked },
		},
		Tags: func(d int) []string { return tags.of(lib, d) },
	}
}

// saveSearchFunc saves a search for the reader in the configuration file:
// the query is checked first, as the file's searches are.
func saveSearchFunc(e env, g *globalFlags) ui.SaveSearchFunc {
	return func(name, query string) error {
		if err := store.CheckQuery(query); err != nil {
			return fmt.Errorf("save search %q: %w", name, err)
		}
		path := configPath(e, g)
		if path == "" {
			return errNoConfigHome
		}
		return config.AddSearch(path, name, query, e.getenv("HOME"))
	}
}

// findSearch is the saved search called name (case aside), or an error
// naming those there are.
func findSearch(g *globalFlags, name string) (store.SavedSearch, error) {
	searches := g.cfg().searches
	var names []string
	for _, s := range searches {
		if strings.EqualFold(s.Name, name) {
			return s, nil
		}
		names = append(names, fmt.Sprintf("%q", s.Name))
	}
	if len(names) == 0 {
		return store.SavedSearch{}, usagef("no saved search %q: there are none (searches: in the configuration file, see dispatch config --default)", name)
	}
	return store.SavedSearch{}, usagef("no saved search %q (there are %s)", name, strings.Join(names, ", "))
}
