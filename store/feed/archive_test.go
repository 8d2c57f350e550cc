package feed

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// datedItems are items first to last, a minute apart from start, with
// one-line bodies (so no full text is fetched, having no link).
func datedItems(first, last int, start time.Time) []testItem {
	var items []testItem
	for i := first; i <= last; i++ {
		items = append(items, testItem{guid: fmt.Sprint("g", i), title: fmt.Sprint("Item ", i),
			date: start.Add(time.Duration(i) * time.Minute).Format(time.RFC1123Z), body: fmt.Sprint("Note ", i, ".")})
	}
	return items
}

// keysOf is the numbers of the items stored, from their titles, sorted.
func keysOf(t *testing.T, files map[string]string) []int {
	t.Helper()
	var out []int
	for _, data := range files {
		var n int
		_, after, _ := strings.Cut(data, "title: Item ")
		if _, err := fmt.Sscan(after, &n); err != nil {
			t.Fatalf("no item number in %q", data)
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// TestItemsPerFetchAreCapped: a feed of 20,000 one-line items (1.4 MB; a
// 10 MiB one can list 170,000, each a file) stores the newest 500 (by date: this feed lists them oldest
// first) and says how many it left out; the next fetch the same.
func TestItemsPerFetchAreCapped(t *testing.T) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var big strings.Builder
	big.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>` + "\n")
	for i := 1; i <= 20_000; i++ { // one line each, no guid: known by title and date
		fmt.Fprintf(&big, "<item><title>Item %d</title><pubDate>%s</pubDate></item>\n", i, start.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z))
	}
	big.WriteString("</channel></rss>\n")
	srv := newTestServer(t)
	srv.serveBytes("/big", "application/rss+xml", []byte(big.String()))
	env := newTestEnv(t)
	sub, res := env.add(t, srv.URL+"/big", "", false)
	if res.New != DefaultMaxItemsPerFetch || res.Dropped != 20_000-DefaultMaxItemsPerFetch {
		t.Fatalf("first fetch: %v", res)
	}
	if want := "Big: 500 new, 0 updated, 0 unchanged; 19500 older items of the feed left out (too many for one fetch)"; res.String() != want {
		t.Errorf("summary %q, want %q", res, want)
	}
	got := keysOf(t, env.items(t, sub))
	if len(got) != 500 || got[0] != 19_501 || got[499] != 20_000 {
		t.Fatalf("%d items stored, from %v", len(got), got[:min(len(got), 3)])
	}
	if res := env.fetch(t)[0]; res.Unchanged != 500 || res.New != 0 || res.Dropped != 19_500 {
		t.Errorf("second fetch: %v", res)
	}
	// undated items come after the dated ones, in the feed's order
	items := append(datedItems(1, 3, start), testItem{guid: "u1", title: "Undated 1"}, testItem{guid: "u2", title: "Undated 2"})
	srv.serveBytes("/mixed", "application/rss+xml", rssFeed("Mixed", items...))
	env = newTestEnv(t, func(c *Config) { c.MaxItemsPerFetch = 4 })
	sub, res = env.add(t, srv.URL+"/mixed", "", false)
	var titles []string
	for _, data := range env.items(t, sub) {
		title, _, _ := strings.Cut(strings.TrimPrefix(data, "---\ntitle: "), "\n")
		titles = append(titles, title)
	}
	slices.Sort(titles)
	if want := []string{"Item 1", "Item 2", "Item 3", "Undated 1"}; res.Dropped != 1 || !slices.Equal(titles, want) {
		t.Errorf("stored %q (%v), want %q", titles, res, want)
	}
}

// TestArchiveIsBounded: the items a feed no longer lists are deleted
// oldest first past KeepItems files and once older than KeepAge, except
// those the caller keeps (bookmarked); the items the feed lists stay
// whatever the limits, and the fetch state forgets what was deleted.
func TestArchiveIsBounded(t *testing.T) {
	clock := newClock()
	start := clock.now().Add(-24 * time.Hour)
	var mu sync.Mutex
	var asked []string
	keep := func(path string) bool {
		mu.Lock()
		defer mu.Unlock()
		asked = append(asked, path)
		return strings.Contains(path, "item-1-")
	}
	srv := newTestServer(t)
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", datedItems(1, 3, start)...))
	env := newTestEnv(t, func(c *Config) { c.Now, c.KeepItems, c.Keep = clock.now, 5, keep })
	sub, _ := env.add(t, srv.URL+"/feed", "", false)
	for _, tc := range []struct {
		first, last int
		pruned      int
		want        []int
	}{
		{4, 6, 0, []int{1, 2, 3, 4, 5, 6}},        // six, one kept: under the cap
		{7, 9, 3, []int{1, 5, 6, 7, 8, 9}},        // 2, 3 and 4 are the oldest past it; 1 is bookmarked
		{7, 12, 2, []int{1, 7, 8, 9, 10, 11, 12}}, // the listed six stay: more than the cap
	} {
		srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", datedItems(tc.first, tc.last, start)...))
		res := env.fetch(t)[0]
		if got := keysOf(t, env.items(t, sub)); !slices.Equal(got, tc.want) || res.Pruned != tc.pruned {
			t.Errorf("listing %d to %d: items %v, want %v (%v)", tc.first, tc.last, got, tc.want, res)
		}
	}
	if st := readState(env.m.dirOf(sub)); len(st.Items) != 7 {
		t.Errorf("the state keeps %d items, want 7", len(st.Items))
	}
	mu.Lock()
	if len(asked) == 0 || !strings.HasPrefix(asked[0], sub.Dir+"/") || !strings.HasSuffix(asked[0], ".md") {
		t.Errorf("Keep asked about %q", asked)
	}
	mu.Unlock()

	// by age: what the feed no longer lists goes once a day old, by when
	// it was written or its date if that is earlier
	env.m.cfg.KeepItems, env.m.cfg.KeepAge = -1, 24*time.Hour
	srv.serveBytes("/feed", "application/rss+xml", rssFeed("News", datedItems(13, 13, clock.now())...))
	res := env.fetch(t)[0]
	if got := keysOf(t, env.items(t, sub)); !slices.Equal(got, []int{1, 13}) || res.Pruned != 6 {
		t.Errorf("by age: items %v (%v)", got, res)
	}
	if !strings.Contains(res.String(), "; 6 old items deleted (archive limit)") {
		t.Errorf("summary %q", res)
	}
}
