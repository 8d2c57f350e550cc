package articles_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dispatch/articles"
	"dispatch/store"
)

// The embedded articles are hand-structured versions of the plain-text seeds
// in testdata/seeds (copied from ../shared/seeds). These tests hold them to
// the seeds: every sentence kept verbatim, page debris gone, structure kept.

func embedded(t testing.TB) *store.Library {
	t.Helper()
	arts, err := store.LoadFS(articles.FS)
	if err != nil {
		t.Fatalf("load embedded articles: %v", err)
	}
	return store.NewLibrary(arts, mustTopics(t))
}

// mustTopics returns the built-in topic model.
func mustTopics(t testing.TB) *store.TopicModel {
	t.Helper()
	tm, err := store.DefaultTopics()
	if err != nil {
		t.Fatalf("built-in topics: %v", err)
	}
	return tm
}

// isDebris reports the page furniture DESIGN.md lists: it is not article text.
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

func TestEmbeddedArticlesKeepEverySeedSentence(t *testing.T) {
	lib := embedded(t)
	if lib.Len() != 5 {
		t.Fatalf("embedded articles: got %d, want 5", lib.Len())
	}
	seen := map[string]bool{}
	for _, a := range lib.Articles {
		if a.Origin == "" {
			t.Errorf("%s: no origin in front matter", a.Path)
			continue
		}
		seen[a.Origin] = true
		seed, err := os.ReadFile(filepath.Join("testdata", "seeds", a.Origin))
		if err != nil {
			t.Fatalf("%s: origin %s: %v", a.Path, a.Origin, err)
		}
		body := squash(a.MustContent().Text)
		inReferences := false
		for _, line := range strings.Split(string(seed), "\n") {
			line = strings.TrimSpace(line)
			switch {
			case line == "" || line == "-" || isDebris(line):
				continue
			case line == a.Title:
				continue
			case strings.HasPrefix(line, "By: "):
				if got := strings.TrimPrefix(line, "By: "); a.Byline != got {
					t.Errorf("%s: byline %q, seed says %q", a.Path, a.Byline, got)
				}
				continue
			case line == "References":
				inReferences = true
				continue
			case inReferences:
				ref := strings.TrimPrefix(line, "- ")
				found := false
				for _, r := range a.References {
					found = found || r == ref
				}
				if !found {
					t.Errorf("%s: reference %q missing from front matter", a.Path, ref)
				}
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
	if len(seen) != 5 {
		t.Errorf("articles cover %d distinct seeds, want 5: %v", len(seen), seen)
	}
}

func TestEmbeddedArticlesDropPageDebris(t *testing.T) {
	lib := embedded(t)
	for _, a := range lib.Articles {
		raw, err := articles.FS.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		seed, err := os.ReadFile(filepath.Join("testdata", "seeds", a.Origin))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(raw), "\n") {
			if l := strings.TrimSpace(line); l != "" && isDebris(l) {
				t.Errorf("%s: debris line kept: %q", a.Path, l)
			}
		}
		for _, line := range strings.Split(string(seed), "\n") {
			if l := strings.TrimSpace(line); len(l) > 1 && isDebris(l) && strings.Contains(string(raw), l) {
				t.Errorf("%s: debris %q from %s kept", a.Path, l, a.Origin)
			}
		}
		if strings.Contains(a.MustContent().Body, a.Title) {
			t.Errorf("%s: title repeated in the body", a.Path)
		}
	}
}

// TestEmbeddedArticlesKeepStructure checks that the structure the seeds imply
// survived: numbered and bulleted section titles are headings, "-" lines are
// list items.
func TestEmbeddedArticlesKeepStructure(t *testing.T) {
	lib := embedded(t)
	for _, a := range lib.Articles {
		kinds := map[string]store.PassageKind{}
		for _, p := range a.MustContent().Passages {
			kinds[p.Text] = p.Kind
		}
		seed, err := os.ReadFile(filepath.Join("testdata", "seeds", a.Origin))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(seed), "\n")
		inReferences := false
		for i, line := range lines {
			line = strings.TrimSpace(line)
			want, text := store.PassageKind(-1), line
			switch {
			case line == "References":
				inReferences = true
			case inReferences:
			case numberedLine.MatchString(line):
				want = store.Heading
			case strings.HasPrefix(line, "• "):
				want, text = store.Heading, strings.TrimPrefix(line, "• ")
			case strings.HasPrefix(line, "- "):
				want, text = store.ListItem, strings.TrimPrefix(line, "- ")
			case line == "-" && i+1 < len(lines):
				want, text = store.ListItem, strings.TrimSpace(lines[i+1])
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

func TestEmbeddedArticlesMetadata(t *testing.T) {
	lib := embedded(t)
	for _, a := range lib.Articles {
		if a.Dek == "" {
			t.Errorf("%s: no dek", a.Path)
		}
		if got := a.Published.Format("2006-01-02"); got != "2025-11-23" {
			t.Errorf("%s: published %s, want 2025-11-23", a.Path, got)
		}
		if a.Words < 300 {
			t.Errorf("%s: only %d words", a.Path, a.Words)
		}
	}
	if got := lib.Articles[4].Byline; got != "Andrew Carlson" {
		t.Errorf("article 5 byline = %q", got)
	}
	for i, a := range lib.Articles[:4] {
		if a.Byline != "" {
			t.Errorf("article %d has byline %q but its seed names nobody", i+1, a.Byline)
		}
	}
	if got := len(lib.Articles[1].References); got != 6 {
		t.Errorf("article 2 references: got %d, want 6", got)
	}
}
