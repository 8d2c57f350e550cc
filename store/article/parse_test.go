package article

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadFSReportsBadFilesByName(t *testing.T) {
	fsys := fstest.MapFS{
		"a-good.md":        {Data: []byte("---\ntitle: Good\npublished: 2025-11-23\n---\nBody text here.\n")},
		"b-notitle.md":     {Data: []byte("---\ndek: no title\n---\nBody.\n")},
		"c-badyaml.md":     {Data: []byte("---\ntitle: Bad\ndek: [unclosed\n---\nBody.\n")},
		"d-unclosed.md":    {Data: []byte("---\ntitle: Never closed\n\nBody.\n")},
		"e-baddate.md":     {Data: []byte("---\ntitle: Dated\npublished: 23/11/2025\n---\nBody.\n")},
		"f-wrongtype.md":   {Data: []byte("---\ntitle:\n  - a\n  - b\n---\nBody.\n")},
		"g-nofrontmatt.md": {Data: []byte("# Heading only\n\nBody.\n")},
		"notes.txt":        {Data: []byte("not an article")},
	}
	arts, err := LoadFS(fsys)
	if len(arts) != 1 || arts[0].Title != "Good" {
		t.Fatalf("loaded %d articles, want just the good one: %+v", len(arts), arts)
	}
	if err == nil {
		t.Fatal("no error for bad files")
	}
	msg := err.Error()
	for _, want := range []string{
		"b-notitle.md: missing title in front matter",
		"c-badyaml.md: front matter: yaml: line 3:",
		"d-unclosed.md: front matter: no closing --- line",
		`e-baddate.md: front matter: published "23/11/2025" is not a YYYY-MM-DD date`,
		"f-wrongtype.md: front matter: yaml: unmarshal errors: line 3: cannot unmarshal !!seq into string",
		"g-nofrontmatt.md: missing title",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "notes.txt") {
		t.Errorf("non-markdown file was read: %s", msg)
	}
	if !errors.Is(err, ErrNoTitle) {
		t.Errorf("errors.Is(err, ErrNoTitle) = false")
	}
	for _, line := range strings.Split(msg, "\n") {
		if strings.Count(line, ".md:") != 1 {
			t.Errorf("each file's error should be one line naming it: %q", line)
		}
	}
}

func TestParsePassagesAndText(t *testing.T) {
	src := "---\ntitle: \"  Spaced \\n title \"\n---\n" +
		"Intro *with* `code` and [a link](https://example.com) &amp; \\*stars\\*.\n\n" +
		"## Section\n\n- one\n- two\n  continued\n\n> quoted\n\n```\ncode block skipped\n```\n\n<div>html</div>\n"
	a, err := newParser().parse("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Spaced title" {
		t.Errorf("title %q", a.Title)
	}
	want := []Passage{
		{Kind: Paragraph, Text: "Intro with code and a link & *stars*."},
		{Kind: Heading, Level: 2, Text: "Section"},
		{Kind: ListItem, Text: "one"},
		{Kind: ListItem, Text: "two continued"},
		{Kind: Quote, Text: "quoted"},
	}
	passages := a.MustContent().Passages
	if len(passages) != len(want) {
		t.Fatalf("passages: got %d %+v, want %d", len(passages), passages, len(want))
	}
	for i, w := range want {
		p := passages[i]
		if p.Kind != w.Kind || p.Level != w.Level || p.Text != w.Text {
			t.Errorf("passage %d = %+v, want %+v", i, p, w)
		}
		if got := a.MustContent().Text[p.Offset : p.Offset+len(p.Text)]; got != p.Text {
			t.Errorf("passage %d offset %d points at %q", i, p.Offset, got)
		}
	}
	if a.Words != 12 {
		t.Errorf("words = %d, want 12", a.Words)
	}
}

func TestParseSanitizesEverything(t *testing.T) {
	src := "---\ntitle: \"Evil \\e[31mtitle\\u202e\"\nbyline: \"x&#27;y\"\n---\nBody \x1b]0;owned\x07with &#x1b;[2J escapes.\n"
	a, err := newParser().parse("evil.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{a.Title, a.Byline, a.MustContent().Body, a.MustContent().Text} {
		for _, r := range s {
			if isUnsafeRune(r) {
				t.Errorf("unsafe rune %U in %q", r, s)
			}
		}
		if strings.Contains(s, "&#") {
			t.Errorf("unsafe entity left in %q", s)
		}
	}
	if a.Title != "Evil title" {
		t.Errorf("title = %q", a.Title)
	}
}
