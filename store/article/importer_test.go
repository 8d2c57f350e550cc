package article

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"dispatch/articles"
)

// structure is an article's headings, list items and quotes, in order: what
// the importer has to recover from plain text.
func structure(a Article) []string {
	var out []string
	for _, p := range a.MustContent().Passages {
		switch p.Kind {
		case Heading:
			out = append(out, fmt.Sprintf("h%d %s", p.Level, p.Text))
		case ListItem:
			out = append(out, "li "+p.Text)
		case Quote:
			out = append(out, "q "+p.Text)
		}
	}
	return out
}

// TestImporterReproducesEmbeddedStructure imports each seed through the
// plain-text path and compares it with the hand-structured embedded article.
func TestImporterReproducesEmbeddedStructure(t *testing.T) {
	embedded, err := LoadFS(articles.FS)
	if err != nil {
		t.Fatal(err)
	}
	p := newParser()
	for _, want := range embedded {
		data, err := os.ReadFile(filepath.Join("testdata", "seeds", want.Origin))
		if err != nil {
			t.Fatal(err)
		}
		md, err := ImportText(want.Origin, data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.parse(want.Origin, []byte(md))
		if err != nil {
			t.Fatalf("%s: imported markdown does not parse: %v\n%s", want.Origin, err, md)
		}
		if g, w := structure(got), structure(want); !slices.Equal(g, w) {
			t.Errorf("%s: structure differs\n got: %q\nwant: %q", want.Origin, g, w)
		}
		if got.MustContent().Text != want.MustContent().Text {
			t.Errorf("%s: text differs from the embedded article", want.Origin)
		}
		if got.Byline != want.Byline || !slices.Equal(got.References, want.References) {
			t.Errorf("%s: byline %q refs %d, want %q and %d", want.Origin, got.Byline, len(got.References), want.Byline, len(want.References))
		}
		if got.Origin != want.Origin {
			t.Errorf("%s: origin %q", want.Origin, got.Origin)
		}
	}
}

func TestImportTitles(t *testing.T) {
	tests := []struct{ name, text, title, byline string }{
		{"headline line", "Talks Resume in Geneva\n\nDelegates met on Sunday.\n", "Talks Resume in Geneva", ""},
		{"no headline", "Delegates met on Sunday in Geneva to discuss a ceasefire along the whole front. More followed.\n", "Delegates met on Sunday in Geneva to discuss a ceasefire along the…", ""},
		{"byline", "Talks Resume\nBy: Jane Doe\nText here.\n", "Talks Resume", "Jane Doe"},
		{"byline without colon", "Talks Resume\nBy Jane Doe\nText here.\n", "Talks Resume", "Jane Doe"},
		{"repeated title dropped", "Talks Resume\nTalks Resume\nText here.\n", "Talks Resume", ""},
		{"debris first", "|\nGetting your Trinity Audio player ready...\n|\nTalks Resume\nText.\n", "Talks Resume", ""},
	}
	for _, tt := range tests {
		md, err := ImportText("x.txt", []byte(tt.text))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		a, err := newParser().parse("x.md", []byte(md))
		if err != nil {
			t.Fatalf("%s: %v\n%s", tt.name, err, md)
		}
		if a.Title != tt.title || a.Byline != tt.byline {
			t.Errorf("%s: title %q byline %q, want %q %q", tt.name, a.Title, a.Byline, tt.title, tt.byline)
		}
		if strings.Count(md, tt.title) != 1 && tt.name == "repeated title dropped" {
			t.Errorf("%s: the title appears twice:\n%s", tt.name, md)
		}
	}
	if _, err := ImportText("empty.txt", []byte(" \n\n|\nNo comments\n")); err == nil {
		t.Error("a text of debris only should be an error")
	}
}

func TestImportStructureRules(t *testing.T) {
	text := strings.Join([]string{
		"A Headline",
		"Intro paragraph ends here.",
		"Short Section",
		"Text of the section.",
		"1. Numbered Title",
		"Text under it.",
		"1. first step",
		"2. second step",
		"• Bullet Title",
		"More text.",
		"• item one",
		"• item two",
		"* star item",
		"-",
		"dash item on the next line:",
		"“a quoted line”",
		"This includes:",
		"Share this article",
		"#Tag #Another",
		"Watch video below :",
		"Ends with a question?",
		"Last paragraph.",
	}, "\n")
	md, err := ImportText("x.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	a, err := newParser().parse("x.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"h2 Short Section", "h3 1. Numbered Title", "li first step", "li second step", "h3 Bullet Title",
		"li item one", "li item two", "li star item", "li dash item on the next line:", "q “a quoted line”", "h2 Ends with a question?"}
	if got := structure(a); !slices.Equal(got, want) {
		t.Errorf("structure\n got %q\nwant %q\n%s", got, want, md)
	}
	for _, debris := range []string{"Share this", "#Tag", "Watch video"} {
		if strings.Contains(md, debris) {
			t.Errorf("debris %q kept", debris)
		}
	}
}

func FuzzImportAndSanitize(f *testing.F) {
	for _, s := range []string{"Title\nText.", "\x1b[31mred\x1b[0m\n- a\n- b", "1. x\n2. y", "&#27;[2J", "\u202eevil\xff", "-\n“q”", "a.B c"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		clean := Sanitize(string(data))
		if !utf8.ValidString(clean) {
			t.Fatal("sanitized text is not valid UTF-8")
		}
		for _, r := range clean {
			if isUnsafeRune(r) {
				t.Fatalf("sanitized text keeps %U", r)
			}
		}
		if Sanitize(clean) != clean {
			t.Fatal("Sanitize is not idempotent")
		}
		md, err := ImportText("f.txt", data)
		if err != nil {
			return
		}
		if !utf8.ValidString(md) {
			t.Fatal("imported markdown is not valid UTF-8")
		}
		for _, r := range md {
			if isUnsafeRune(r) {
				t.Fatalf("imported markdown keeps %U", r)
			}
		}
		a, err := newParser().parse("f.md", []byte(md))
		if err != nil {
			t.Fatalf("imported markdown does not parse: %v\n%q", err, md)
		}
		for _, p := range a.MustContent().Passages {
			for _, r := range p.Text {
				if isUnsafeRune(r) {
					t.Fatalf("passage keeps %U", r)
				}
			}
		}
	})
}
