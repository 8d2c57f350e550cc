package store_test

import (
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"dispatch/store"
	"dispatch/store/article"
)

// userFiles is a folder of a user's: two articles and a broken file.
func userFiles() *article.Listing {
	fsys := fstest.MapFS{
		"grain-corridor.md":   {Data: []byte("# Grain corridor\n\nShips leave Odesa under escort.\n")},
		"notes/truce_plan.md": {Data: []byte("The truce plan has three stages.\n")},
		"broken.md":           {Data: []byte("---\ntitle: [unclosed\n---\nbody\n")},
	}
	return article.List([]article.Source{{FS: fsys, Label: "mine"}})
}

// byPath finds a library's article by the path messages name it by.
func byPath(t *testing.T, lib *store.Library, path string) *article.Article {
	t.Helper()
	for d := range lib.Len() {
		if lib.Article(d).Path == path {
			return lib.Article(d)
		}
	}
	t.Fatalf("no article %s in the library", path)
	return nil
}

func TestCatalogShowsFilesBeforeReadingThem(t *testing.T) {
	builtin := fixtureArticles(t)
	lib := store.Catalog(builtin, userFiles(), fixtureTopics(t))
	if !lib.Provisional() {
		t.Fatal("a catalog is not marked provisional")
	}
	if got, want := lib.Len(), len(builtin)+3; got != want {
		t.Fatalf("%d articles, want the %d built in and the 3 files", got, want)
	}
	for d := range builtin {
		if lib.Article(d).Title != builtin[d].Title {
			t.Errorf("article %d is %q, want the built-in %q first", d+1, lib.Article(d).Title, builtin[d].Title)
		}
	}
	a := byPath(t, lib, "mine/notes/truce_plan.md")
	if a.Title != "truce plan" {
		t.Errorf("catalog title of notes/truce_plan.md: %q, want its name", a.Title)
	}
	c, err := a.Content()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Body, "three stages") {
		t.Errorf("opening a catalog article read %q", c.Body)
	}
	// a file that turns out broken says so when opened, in one line
	if _, err := byPath(t, lib, "mine/broken.md").Content(); err == nil || strings.Contains(err.Error(), "\n") {
		t.Errorf("broken file: error %v, want one line", err)
	}
	// search knows only the built-in articles until the files are indexed
	if got := search(lib, "odesa"); len(got) != 0 {
		t.Errorf("catalog search for a word only in a user file found %v", names(lib, got))
	}
	if got := names(lib, search(lib, "perch")); !sameSet(got, []string{"fishing", "trawler"}) {
		t.Errorf("catalog search in the built-in articles found %v", got)
	}
}

func TestLoadReadsTheListedFilesAfterTheBuiltIn(t *testing.T) {
	builtin := fixtureArticles(t)
	files := userFiles()
	var calls, last int
	lib := store.Load(builtin, files, fixtureTopics(t), func(done, total int) {
		calls++
		last = done
		if total != len(builtin)+3 {
			t.Errorf("progress total %d, want %d", total, len(builtin)+3)
		}
	})
	if lib.Provisional() {
		t.Error("a loaded library is provisional")
	}
	if calls == 0 || last != len(builtin)+3 {
		t.Errorf("progress: %d calls, last %d", calls, last)
	}
	if got, want := lib.Len(), len(builtin)+2; got != want {
		t.Errorf("%d articles, want %d: broken.md skipped", got, want)
	}
	var warns []string
	for _, w := range lib.Warnings() {
		warns = append(warns, w.String())
	}
	if len(warns) != 1 || !strings.HasPrefix(warns[0], "skipped mine/broken.md: front matter:") {
		t.Errorf("warnings %q, want broken.md skipped", warns)
	}
	if got := search(lib, "odesa"); len(got) != 1 || lib.Article(got[0].Doc).Path != "mine/grain-corridor.md" {
		t.Errorf("search odesa: %v, want the grain corridor file", got)
	}
	// the built-in articles come first, in their order
	for d := range builtin {
		if lib.Article(d).Path != builtin[d].Path {
			t.Errorf("article %d is %s, want %s", d+1, lib.Article(d).Path, builtin[d].Path)
		}
	}
}

// A folder of articles loads as the same articles, found the same way,
// whether read as the built-in ones or as a user's folder.
func TestAFolderLoadsLikeTheBuiltInArticles(t *testing.T) {
	topics := fixtureTopics(t)
	builtin := fixture(t)
	listed := store.Load(nil, article.List([]article.Source{{FS: os.DirFS("testdata/library"), Label: "library"}}), topics, nil)
	if len(listed.Warnings()) != 0 {
		t.Errorf("warnings %v", listed.Warnings())
	}
	if listed.Len() != builtin.Len() {
		t.Fatalf("%d articles from the folder, %d parsed", listed.Len(), builtin.Len())
	}
	for d := range builtin.Len() {
		a, b := listed.Article(d), builtin.Article(d)
		if name(listed, d) != name(builtin, d) || a.Title != b.Title || a.Slug != b.Slug || a.Hash != b.Hash || a.Words != b.Words || a.Byline != b.Byline {
			t.Errorf("article %d: listed %+v\nparsed %+v", d+1, a, b)
		}
		if !slices.Equal(listed.Coverage().Carried(d), builtin.Coverage().Carried(d)) {
			t.Errorf("%s: carries %v listed, %v parsed", name(builtin, d), listed.Coverage().Carried(d), builtin.Coverage().Carried(d))
		}
	}
	for _, q := range []string{"perch", `"lake orvell"`, "cease-fire -karrow"} {
		if got, want := names(listed, search(listed, q)), names(builtin, search(builtin, q)); !slices.Equal(got, want) {
			t.Errorf("%q: %v listed, %v parsed", q, got, want)
		}
	}
}

func TestLibraryNumbersAndSlugs(t *testing.T) {
	arts := parse(t, map[string]string{
		"1.md": "---\ntitle: Lake Talks\n---\nA.\n",
		"2.md": "---\ntitle: Lake talks!\n---\nB.\n",
		"3.md": "---\ntitle: Karrow Choir Tours\n---\nC.\n",
	})
	lib := store.Load(arts, article.List(nil), fixtureTopics(t), nil)
	for d, want := range []string{"lake-talks", "lake-talks-2", "karrow-choir-tours"} {
		if got := lib.Article(d).Slug; got != want {
			t.Errorf("article %d slug %q, want %q", d+1, got, want)
		}
	}
	// the second title's slug is taken: a warning names both files
	if len(lib.Warnings()) != 1 || !strings.Contains(lib.Warnings()[0].String(), `2.md: slug "lake-talks" is taken by 1.md`) {
		t.Errorf("warnings %v", lib.Warnings())
	}
	lookups := []struct {
		ref  string
		want int // doc; -1 for not found
	}{
		{"1", 0}, {" 3 ", 2}, {"lake-talks", 0}, {"lake-talks-2", 1}, {"karrow", 2},
		{"0", -1}, {"4", -1}, {"-1", -1}, {"lake", -1}, {"nothing", -1}, {"", -1},
	}
	for _, l := range lookups {
		d, err := lib.Lookup(l.ref)
		switch {
		case l.want < 0 && !errors.Is(err, store.ErrNotFound):
			t.Errorf("Lookup(%q) = %d, %v; want ErrNotFound", l.ref, d, err)
		case l.want >= 0 && (err != nil || d != l.want):
			t.Errorf("Lookup(%q) = %d, %v; want doc %d", l.ref, d, err, l.want)
		}
	}
	if _, err := lib.Lookup("lake"); err == nil || !strings.Contains(err.Error(), "fits 2 slugs") {
		t.Errorf("an ambiguous prefix: %v, want it to say how many slugs it fits", err)
	}
}

// A library is safe for concurrent use while it warms up: a reader searches
// and opens related panels while Warm runs. Run with -race.
func TestLibraryIsSafeForConcurrentUse(t *testing.T) {
	want := fixture(t)
	want.Warm()
	lib := fixture(t)
	var wg sync.WaitGroup
	wg.Go(lib.Warm)
	for g := range 4 {
		wg.Go(func() {
			for i := range lib.Len() {
				d := (i + g) % lib.Len()
				if got := lib.Related().Articles(d); len(got) != len(want.Related().Articles(d)) {
					t.Errorf("%s: %d related, want %d", name(lib, d), len(got), len(want.Related().Articles(d)))
				}
				for p := range lib.Article(d).PassageCount {
					lib.Related().Passages(d, p)
				}
				q := lib.Index().Analyzer().ParseQuery(lib.Article(d).Title)
				for _, h := range lib.Index().Search(q, 3, nil).Hits {
					lib.Index().Snippet(lib.Article(h.Doc), q, h.Passage, 60)
				}
			}
		})
	}
	wg.Wait()
}
