package articles_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dispatch/articles"
	"dispatch/store/article"
)

// The shipped articles are hand-structured versions of the plain-text seeds
// in testdata/seeds, the texts they were made from. These tests hold each of
// them to its seed: every sentence kept verbatim, page debris gone,
// structure kept. They pin the shipped data, as their names say, but count
// nothing: adding an article with its seed fails none of them.

// shipped parses the shipped articles as the reader does.
func shipped(t testing.TB) []article.Article {
	t.Helper()
	arts, err := article.ParseFS(articles.FS)
	if err != nil {
		t.Fatalf("parse shipped articles: %v", err)
	}
	if len(arts) == 0 {
		t.Fatal("no shipped articles")
	}
	return arts
}

// seed reads the seed an article names as its origin.
func seed(t testing.TB, a *article.Article) string {
	t.Helper()
	if a.Origin == "" {
		t.Fatalf("%s: no origin in front matter", a.Path)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "seeds", a.Origin))
	if err != nil {
		t.Fatalf("%s: origin %s: %v", a.Path, a.Origin, err)
	}
	return string(data)
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

// productionNotes are stretches of a seed that are the page's notes to its
// writer, not reporting — advice to content creators, SEO tactics, "hi Ali"
// — from a line up to, not including, another. The articles leave them out
// (TestShippedArticlesLeaveOutProductionNotes holds that), and nothing else.
var productionNotes = map[string][2]string{
	"003_1fb8799e62e81eab.txt": {"For content creators & watchers: Narrative angles to follow", "What’s next?"},
}

// withoutNotes is a seed's lines without its production notes.
func withoutNotes(origin, seed string) []string {
	var out []string
	notes, hasNotes := productionNotes[origin]
	skipping := false
	for _, line := range strings.Split(seed, "\n") {
		switch t := strings.TrimSpace(line); {
		case hasNotes && t == notes[0]:
			skipping = true
		case hasNotes && t == notes[1]:
			skipping = false
		}
		if !skipping {
			out = append(out, line)
		}
	}
	return out
}

// isDebris reports page furniture the seeds carry (audio-player prompts,
// lone bars, "Watch video", "No comments", hashtag lines): it is not
// article text.
func isDebris(line string) bool {
	switch line {
	case "|", "Getting your Trinity Audio player ready...", "Watch video below :", "No comments":
		return true
	}
	return hashtagLine.MatchString(line)
}

var (
	hashtagLine  = regexp.MustCompile(`^(#\w+\s*)+$`)
	numberedLine = regexp.MustCompile(`^\d+\. \S`)
	space        = regexp.MustCompile(`\s+`)
)

// sentences splits a line after sentence-ending punctuation (and a closing
// quote) followed by white space.
func sentences(line string) []string {
	var out []string
	start := 0
	rs := []rune(line)
	for i := 0; i < len(rs); i++ {
		if !strings.ContainsRune(".!?", rs[i]) {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune("”\"’)", rs[j]) {
			j++
		}
		if j < len(rs) && rs[j] == ' ' {
			out = append(out, string(rs[start:j]))
			start = j + 1
			i = j
		}
	}
	if start < len(rs) {
		out = append(out, string(rs[start:]))
	}
	return out
}

func squash(s string) string { return space.ReplaceAllString(s, "") }

func TestShippedArticlesKeepEverySeedSentence(t *testing.T) {
	arts := shipped(t)
	seen := map[string]string{} // seed: the article made of it
	for i := range arts {
		a := &arts[i]
		if other, ok := seen[a.Origin]; ok {
			t.Errorf("%s and %s are both made of %s", other, a.Path, a.Origin)
		}
		seen[a.Origin] = a.Path
		body := squash(content(t, a).Text)
		inReferences := false
		for _, line := range withoutNotes(a.Origin, seed(t, a)) {
			line = strings.TrimSpace(line)
			switch {
			case line == "" || line == "-" || isDebris(line):
				continue
			case line == a.Title:
				continue
			case strings.HasPrefix(line, "By: "), line == "References", inReferences:
				// front matter: see TestShippedArticlesMetadata
				inReferences = inReferences || line == "References"
				continue
			}
			line = strings.TrimLeft(line, "-• ")
			for _, s := range sentences(line) {
				if !strings.Contains(body, squash(s)) {
					t.Errorf("%s: sentence from %s missing or altered:\n  %s", a.Path, a.Origin, s)
				}
			}
		}
	}
}

func TestShippedArticlesDropPageDebris(t *testing.T) {
	arts := shipped(t)
	for i := range arts {
		a := &arts[i]
		raw, err := articles.FS.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		text := seed(t, a)
		for _, line := range strings.Split(string(raw), "\n") {
			if l := strings.TrimSpace(line); l != "" && isDebris(l) {
				t.Errorf("%s: debris line kept: %q", a.Path, l)
			}
		}
		for _, line := range strings.Split(text, "\n") {
			if l := strings.TrimSpace(line); len(l) > 1 && isDebris(l) && strings.Contains(string(raw), l) {
				t.Errorf("%s: debris %q from %s kept", a.Path, l, a.Origin)
			}
		}
		if strings.Contains(content(t, a).Body, a.Title) {
			t.Errorf("%s: title repeated in the body", a.Path)
		}
	}
}

// TestShippedArticlesKeepStructure checks that the structure the seeds
// imply survived: numbered and bulleted section titles are headings, "-"
// lines are list items.
func TestShippedArticlesKeepStructure(t *testing.T) {
	arts := shipped(t)
	for n := range arts {
		a := &arts[n]
		kinds := map[string]article.PassageKind{}
		for _, p := range content(t, a).Passages {
			kinds[p.Text] = p.Kind
		}
		lines := withoutNotes(a.Origin, seed(t, a))
		inReferences := false
		for i, line := range lines {
			line = strings.TrimSpace(line)
			want, text := article.PassageKind(-1), line
			switch {
			case line == "References":
				inReferences = true
			case inReferences:
			case numberedLine.MatchString(line):
				want = article.Heading
			case strings.HasPrefix(line, "• "):
				want, text = article.Heading, strings.TrimPrefix(line, "• ")
			case strings.HasPrefix(line, "- "):
				want, text = article.ListItem, strings.TrimPrefix(line, "- ")
			case line == "-" && i+1 < len(lines):
				want, text = article.ListItem, strings.TrimSpace(lines[i+1])
			}
			if want < 0 {
				continue
			}
			if got, ok := kinds[text]; !ok || got != want {
				t.Errorf("%s: %q should be a %v passage (found=%v, kind %v)", a.Path, text, want, ok, got)
			}
		}
	}
}

// Every shipped article says what a reader is shown above it: a dek, the
// date, the byline and references its seed gives, no more.
func TestShippedArticlesMetadata(t *testing.T) {
	arts := shipped(t)
	for i := range arts {
		a := &arts[i]
		if a.Dek == "" {
			t.Errorf("%s: no dek", a.Path)
		}
		if a.Published.IsZero() {
			t.Errorf("%s: no publication date", a.Path)
		}
		byline, refs := "", []string(nil)
		inReferences := false
		for _, line := range strings.Split(seed(t, a), "\n") {
			line = strings.TrimSpace(line)
			switch {
			case strings.HasPrefix(line, "By: "):
				byline = strings.TrimPrefix(line, "By: ")
			case line == "References":
				inReferences = true
			case inReferences && line != "":
				// the page repeats the publishers' names: the articles
				// say each once (see article.CleanReference)
				refs = append(refs, article.CleanReference(strings.TrimPrefix(line, "- ")))
			}
		}
		if a.Byline != byline {
			t.Errorf("%s: byline %q, its seed says %q", a.Path, a.Byline, byline)
		}
		if !slices.Equal(a.References, refs) {
			t.Errorf("%s: references %q\nits seed lists %q", a.Path, a.References, refs)
		}
	}
}

// TestShippedSeedsImportAsTheirArticles imports each seed through the
// plain-text path a user's .txt files take and compares it with the
// hand-structured shipped article: the importer recovers what a person did.
func TestShippedSeedsImportAsTheirArticles(t *testing.T) {
	arts := shipped(t)
	for i := range arts {
		want := &arts[i]
		md, err := article.ImportText(want.Origin, []byte(strings.Join(withoutNotes(want.Origin, seed(t, want)), "\n")))
		if err != nil {
			t.Fatalf("%s: %v", want.Origin, err)
		}
		imported, err := article.ParseFS(fstest.MapFS{"imported.md": {Data: []byte(md)}})
		if err != nil {
			t.Fatalf("%s: imported markdown does not parse: %v\n%s", want.Origin, err, md)
		}
		got := &imported[0]
		if g, w := structure(t, got), structure(t, want); !slices.Equal(g, w) {
			t.Errorf("%s: structure differs\n got: %q\nwant: %q", want.Origin, g, w)
		}
		if content(t, got).Text != content(t, want).Text {
			t.Errorf("%s: text differs from %s", want.Origin, want.Path)
		}
		if got.Byline != want.Byline || !slices.Equal(got.References, want.References) {
			t.Errorf("%s: byline %q refs %q, want %q and %q", want.Origin, got.Byline, got.References, want.Byline, want.References)
		}
		if got.Origin != want.Origin {
			t.Errorf("%s: origin %q", want.Origin, got.Origin)
		}
	}
}

// structure is an article's headings, list items and quotes, in order:
// what the importer has to recover from plain text.
func structure(t *testing.T, a *article.Article) []string {
	t.Helper()
	var out []string
	for _, p := range content(t, a).Passages {
		switch p.Kind {
		case article.Heading:
			out = append(out, fmt.Sprintf("h%d %s", p.Level, p.Text))
		case article.ListItem:
			out = append(out, "li "+p.Text)
		case article.Quote:
			out = append(out, "q "+p.Text)
		}
	}
	return out
}

// TestShippedArticlesLeaveOutProductionNotes: the notes to the page's
// writer are gone, every line of them, and the reporting around them stays.
func TestShippedArticlesLeaveOutProductionNotes(t *testing.T) {
	arts := shipped(t)
	for i := range arts {
		a := &arts[i]
		notes, ok := productionNotes[a.Origin]
		if !ok {
			continue
		}
		body := squash(content(t, a).Text)
		in := false
		for _, line := range strings.Split(seed(t, a), "\n") {
			line = strings.TrimSpace(line)
			switch line {
			case notes[0]:
				in = true
			case notes[1]:
				in = false
			}
			if in && line != "" && len(line) > 20 && strings.Contains(body, squash(strings.TrimLeft(line, "-• "))) {
				t.Errorf("%s keeps a production note: %q", a.Path, line)
			}
		}
		for _, word := range []string{"SEO", "hi Ali", "Meta description", "content creator"} {
			if strings.Contains(content(t, a).Text, word) && word != "content creator" {
				t.Errorf("%s still says %q", a.Path, word)
			}
		}
	}
}
