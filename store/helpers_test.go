package store_test

import (
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dispatch/store"
	"dispatch/store/article"
)

// The tests run on a library of their own, testdata/library: seven short
// reports from a made-up lake (a truce, fishing, a festival...), scored on
// the topics in testdata/topics.yaml (truce, fishing, music). Expectations
// are written from reading them; the shipped articles and topics can change
// without failing these tests. Articles are named by their file names
// without ".md".

// fixtureTopics returns the topics of testdata/topics.yaml, loaded as a
// user's --topics file that replaces the built-in ones (with no base, so
// that nothing of the shipped topics can leak in).
func fixtureTopics(t testing.TB) store.Topics {
	t.Helper()
	data, err := os.ReadFile("testdata/topics.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ts, err := store.LoadTopics("testdata/topics.yaml", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// mustDefaultTopics returns the shipped topics.
func mustDefaultTopics(t testing.TB) store.Topics {
	t.Helper()
	ts, err := store.DefaultTopics()
	if err != nil {
		t.Fatalf("shipped topics: %v", err)
	}
	return ts
}

// fixtureArticles parses testdata/library as the built-in articles are
// parsed.
func fixtureArticles(t testing.TB) []article.Article {
	t.Helper()
	arts, err := article.ParseFS(os.DirFS("testdata/library"))
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// fixture is the test library, loaded, with its topics.
func fixture(t testing.TB) *store.Library {
	t.Helper()
	return library(t, fixtureArticles(t), fixtureTopics(t))
}

// library loads articles, parsed already, with topics.
func library(t testing.TB, arts []article.Article, topics store.Topics) *store.Library {
	t.Helper()
	lib := store.Load(arts, article.List(nil), topics, nil)
	for _, w := range lib.Warnings() {
		t.Errorf("loading: %s", w)
	}
	return lib
}

// parse parses markdown files given by name, for tests that need an
// article or two written out in the test.
func parse(t testing.TB, files map[string]string) []article.Article {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	arts, err := article.ParseFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// name is how the tests call article doc: its file name without ".md".
func name(lib *store.Library, doc int) string {
	return strings.TrimSuffix(path.Base(lib.Article(doc).Path), ".md")
}

// names are the articles of hits, best first.
func names(lib *store.Library, hits []store.Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, name(lib, h.Doc))
	}
	return out
}

// doc finds an article by its name.
func doc(t testing.TB, lib *store.Library, want string) int {
	t.Helper()
	for d := range lib.Len() {
		if name(lib, d) == want {
			return d
		}
	}
	t.Fatalf("no article %q in the library", want)
	return -1
}

// topic finds a topic by key.
func topic(t testing.TB, lib *store.Library, key string) int {
	t.Helper()
	i := lib.Topics().Index(key)
	if i < 0 {
		t.Fatalf("no topic %q (topics: %v)", key, lib.Topics().Keys())
	}
	return i
}

// content is article doc's text.
func content(t testing.TB, lib *store.Library, doc int) *article.Content {
	t.Helper()
	c, err := lib.Article(doc).Content()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// passage finds the passage of article doc starting with prefix.
func passage(t testing.TB, lib *store.Library, doc int, prefix string) int {
	t.Helper()
	for p, pass := range content(t, lib, doc).Passages {
		if strings.HasPrefix(pass.Text, prefix) {
			return p
		}
	}
	t.Fatalf("%s has no passage starting %q", name(lib, doc), prefix)
	return -1
}

// sameSet reports whether a and b hold the same names, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func search(lib *store.Library, q string) []store.Hit {
	return lib.Index().Search(lib.Index().Analyzer().ParseQuery(q), 0, nil).Hits
}
