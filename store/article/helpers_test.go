package article_test

import (
	"testing"
	"testing/fstest"
	"unicode"

	"dispatch/store/article"
)

// parseOne parses one curated markdown file (front matter with a title), as
// the built-in articles are parsed.
func parseOne(t testing.TB, src string) article.Article {
	t.Helper()
	arts, err := article.ParseFS(fstest.MapFS{"x.md": {Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	return arts[0]
}

// content is a's text.
func content(t testing.TB, a *article.Article) *article.Content {
	t.Helper()
	c, err := a.Content()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// loadAll lists the folders and loads every file listed, as a library
// does: the articles that load and every warning, the listing's first.
func loadAll(t testing.TB, sources ...article.Source) ([]article.Article, []string) {
	t.Helper()
	l := article.List(sources)
	var warns []string
	for _, w := range l.Warnings() {
		warns = append(warns, w.String())
	}
	var arts []article.Article
	ld := l.NewLoader()
	for i := range l.Len() {
		a, ws, ok := ld.Load(i)
		for _, w := range ws {
			warns = append(warns, w.String())
		}
		if ok {
			arts = append(arts, a)
		}
	}
	return arts, warns
}

// unsafeRune reports what must never reach the terminal from an article:
// controls but newline and tab, and bidi controls. It is written apart from
// the package's own list, so a rune that list forgets is caught.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\t' || unicode.Is(unicode.Bidi_Control, r)
}
