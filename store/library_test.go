package store

import (
	"strings"
	"testing"
	"testing/fstest"

	"dispatch/articles"
)

func loadEmbedded(t *testing.T) []Article {
	t.Helper()
	arts, err := LoadFS(articles.FS)
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

func testListing() *Listing {
	fsys := fstest.MapFS{
		"grain-corridor.md":   {Data: []byte("# Grain corridor\n\nShips leave Odesa under escort.\n")},
		"notes/truce_plan.md": {Data: []byte("The truce plan has three stages.\n")},
		"broken.md":           {Data: []byte("---\ntitle: [unclosed\n---\nbody\n")},
	}
	return List([]DirSource{{FS: fsys, Label: "mine"}})
}

func TestCatalogShowsFilesBeforeReadingThem(t *testing.T) {
	builtin := loadEmbedded(t)
	tm, _ := DefaultTopics()
	lib := Catalog(builtin, testListing(), tm)
	if !lib.Provisional {
		t.Fatal("a catalog is not marked provisional")
	}
	if got, want := lib.Len(), len(builtin)+3; got != want {
		t.Fatalf("%d articles, want %d", got, want)
	}
	byPath := map[string]*Article{}
	for i := range lib.Articles {
		byPath[lib.Articles[i].Path] = &lib.Articles[i]
	}
	a := byPath["mine/notes/truce_plan.md"]
	if a == nil || a.Title != "truce plan" {
		t.Fatalf("catalog article for notes/truce_plan.md: %+v", a)
	}
	c, err := a.Content()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Body, "three stages") {
		t.Errorf("opening a catalog article read %q", c.Body)
	}
	// a file that turns out broken says so when opened, in one line
	if _, err := byPath["mine/broken.md"].Content(); err == nil || strings.Contains(err.Error(), "\n") {
		t.Errorf("broken file: error %v, want one line", err)
	}
	// search knows only the built-in articles until the files are indexed
	if res := lib.Index.Search(lib.Index.Analyzer().ParseQuery("odesa"), 10, nil); res.Total != 0 {
		t.Errorf("catalog search for a word only in a user file found %d", res.Total)
	}
}

func TestLoadListingMatchesLoadLibrary(t *testing.T) {
	builtin := loadEmbedded(t)
	tm, _ := DefaultTopics()
	var calls, last int
	lib := LoadListing(builtin, testListing(), tm, func(done, total int) {
		calls++
		last = done
		if total != len(builtin)+3 {
			t.Errorf("progress total %d", total)
		}
	})
	if lib.Provisional {
		t.Error("a loaded library is provisional")
	}
	if calls == 0 || last != len(builtin)+3 {
		t.Errorf("progress: %d calls, last %d", calls, last)
	}
	if got, want := lib.Len(), len(builtin)+2; got != want { // broken.md skipped
		t.Errorf("%d articles, want %d", got, want)
	}
	if res := lib.Index.Search(lib.Index.Analyzer().ParseQuery("odesa"), 10, nil); res.Total != 1 {
		t.Errorf("search odesa: %d hits, want 1", res.Total)
	}
}
