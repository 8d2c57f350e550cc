package store_test

import (
	"slices"
	"strings"
	"testing"

	"dispatch/store"
)

// machineLibrary is articles on different things whose texts share only
// what machines write: addresses, a domain, dispatch's label of a
// converted image.
func machineLibrary(t *testing.T) *store.Library {
	t.Helper()
	files := map[string]string{
		"choir.md":   "---\ntitle: Choir Rehearsal\n---\nThe choir rehearsed the spring programme in the chapel: https://example.com/news/choir?ref=rss and www.example.com/choir.\n\nImage: the conductor at the piano\n\nTickets from example.com.\n",
		"harbour.md": "---\ntitle: Harbour Dredging\n---\nDredgers deepened the harbour channel for the grain barges: https://example.com/news/harbour?ref=rss and www.example.com/harbour.\n\nImage: a dredger at work\n\nMaps from example.com.\n",
		"ferry.md":   "---\ntitle: Ferry Timetable\n---\nThe ferry timetable changes for winter, with two crossings a day to the island.\n",
		"lake.md":    "---\ntitle: Lake Ice\n---\nThe lake froze early and skaters gathered near the island.\n",
	}
	return library(t, parse(t, files), fixtureTopics(t))
}

// machineWords are the terms that say nothing of what an article is
// about, as a relation would name them.
var machineWords = []string{"https", "http", "www", "examplecom", "example", "com", "news", "ref", "rss", "image", "img"}

// URL pieces and dispatch's own labels relate no two articles: what the
// choir and the dredging share is their addresses and an image label.
func TestRelatedIgnoresAddressesAndLabels(t *testing.T) {
	lib := machineLibrary(t)
	for d := range lib.Len() {
		for _, ra := range lib.Related().Articles(d) {
			for _, term := range ra.SharedTerms {
				if slices.Contains(machineWords, strings.ToLower(term)) {
					t.Errorf("%s~%s share %q (all: %v)", name(lib, d), name(lib, ra.Doc), term, ra.SharedTerms)
				}
			}
		}
	}
	choir, harbour := docNamed(t, lib, "choir"), docNamed(t, lib, "harbour")
	if s := lib.Related().Similarity(choir, harbour); s >= 0.05 {
		t.Errorf("the choir and the dredging are %.2f alike on their addresses", s)
	}
	// search still finds an address's words
	if got := searchNames(lib, "examplecom"); len(got) != 2 {
		t.Errorf("search example.com: %v", got)
	}
}

// The same holds for passages: two passages that share only an address
// or a label are not alike.
func TestRelatedPassagesIgnoreAddressesAndLabels(t *testing.T) {
	lib := machineLibrary(t)
	for d := range lib.Len() {
		for p := range lib.Article(d).PassageCount {
			for _, rp := range lib.Related().Passages(d, p) {
				for _, term := range rp.SharedTerms {
					if slices.Contains(machineWords, strings.ToLower(term)) {
						t.Errorf("%s ¶%d ~ %s ¶%d share %q (all: %v)", name(lib, d), p, name(lib, rp.Doc), rp.Passage, term, rp.SharedTerms)
					}
				}
			}
		}
	}
}

func docNamed(t *testing.T, lib *store.Library, n string) int {
	t.Helper()
	for d := range lib.Len() {
		if name(lib, d) == n {
			return d
		}
	}
	t.Fatalf("no article %s", n)
	return -1
}
