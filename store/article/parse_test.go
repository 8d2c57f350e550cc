package article_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"dispatch/store/article"
)

func TestParseFSReportsBadFilesByName(t *testing.T) {
	fsys := fstest.MapFS{
		"a-good.md":        {Data: []byte("---\ntitle: Good\npublished: 2025-11-23\n---\nBody text here.\n")},
		"b-notitle.md":     {Data: []byte("---\ndek: no title\n---\nBody.\n")},
		"c-badyaml.md":     {Data: []byte("---\ntitle: Bad\ndek: [unclosed\n---\nBody.\n")},
		"d-unclosed.md":    {Data: []byte("---\ntitle: Never closed\n\nBody.\n")},
		"e-baddate.md":     {Data: []byte("---\ntitle: Dated\npublished: 23/11/2025\n---\nBody.\n")},
		"f-wrongtype.md":   {Data: []byte("---\ntitle:\n  - a\n  - b\n---\nBody.\n")},
		"g-nofrontmatt.md": {Data: []byte("# Heading only\n\nBody.\n")},
		"h-empty.md":       {Data: []byte(" \n\n")},
		"notes.txt":        {Data: []byte("not an article")},
		"sub/deeper.md":    {Data: []byte("---\ntitle: Deeper\n---\nNot at the top.\n")},
	}
	arts, err := article.ParseFS(fsys)
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
		"f-wrongtype.md: front matter: yaml: construct errors: line 3: cannot construct !!seq into string",
		"g-nofrontmatt.md: missing title",
		"h-empty.md: empty file",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "notes.txt") || strings.Contains(msg, "deeper") {
		t.Errorf("a file that is not a top-level markdown file was read: %s", msg)
	}
	if !errors.Is(err, article.ErrNoTitle) {
		t.Errorf("errors.Is(err, ErrNoTitle) = false")
	}
	for _, line := range strings.Split(msg, "\n") {
		if strings.Count(line, ".md:") != 1 {
			t.Errorf("each file's error should be one line naming it: %q", line)
		}
	}
}

func TestParseFrontMatter(t *testing.T) {
	a := parseOne(t, "---\ntitle: \"  Spaced \\n title \"\ndek: A dek.\nbyline: Zoë Ångström\nsource: Orvell Gazette\npublished: 2031-03-02\norigin: seed.txt\ntopics: [truce, -music]\nreferences:\n  - One\n  - \"\"\n  - Two\n---\nBody.\n")
	if a.Title != "Spaced title" || a.Dek != "A dek." || a.Byline != "Zoë Ångström" || a.Source != "Orvell Gazette" || a.Origin != "seed.txt" {
		t.Errorf("title %q dek %q byline %q source %q origin %q", a.Title, a.Dek, a.Byline, a.Source, a.Origin)
	}
	if got := a.Published.Format("2006-01-02"); got != "2031-03-02" {
		t.Errorf("published %s", got)
	}
	if strings.Join(a.Topics, ",") != "truce,-music" || strings.Join(a.References, ",") != "One,Two" {
		t.Errorf("topics %q references %q (empty ones dropped)", a.Topics, a.References)
	}
	if a.Path != "x.md" || a.Hash == "" || a.StateKey() == "" {
		t.Errorf("path %q hash %q state key %q", a.Path, a.Hash, a.StateKey())
	}
}

func TestParsePassagesAndText(t *testing.T) {
	a := parseOne(t, "---\ntitle: Passages\n---\n"+
		"Intro *with* `code` and [a link](https://example.com) &amp; \\*stars\\*.\n\n"+
		"## Section\n\n- one\n- two\n  continued\n\n> quoted\n\n```\ncode block skipped\n```\n\n<div>html</div>\n")
	want := []article.Passage{
		{Kind: article.Paragraph, Text: "Intro with code and a link & *stars*."},
		{Kind: article.Heading, Level: 2, Text: "Section"},
		{Kind: article.ListItem, Text: "one"},
		{Kind: article.ListItem, Text: "two continued"},
		{Kind: article.Quote, Text: "quoted"},
	}
	c := content(t, &a)
	if len(c.Passages) != len(want) || a.PassageCount != len(want) {
		t.Fatalf("passages: got %d (count %d) %+v, want %d", len(c.Passages), a.PassageCount, c.Passages, len(want))
	}
	for i, w := range want {
		p := c.Passages[i]
		if p.Kind != w.Kind || p.Level != w.Level || p.Text != w.Text {
			t.Errorf("passage %d = %+v, want %+v", i, p, w)
		}
		if got := c.Text[p.Offset : p.Offset+len(p.Text)]; got != p.Text {
			t.Errorf("passage %d offset %d points at %q", i, p.Offset, got)
		}
	}
	if a.Words != 12 {
		t.Errorf("words = %d, want 12", a.Words)
	}
}

func TestReadingMinutes(t *testing.T) {
	for _, tt := range []struct{ words, minutes int }{{0, 1}, {1, 1}, {230, 1}, {231, 2}, {2300, 10}} {
		a := article.Article{Words: tt.words}
		if got := a.ReadingMinutes(); got != tt.minutes {
			t.Errorf("%d words: %d minutes, want %d", tt.words, got, tt.minutes)
		}
	}
}

func TestParseSanitizesEverything(t *testing.T) {
	a := parseOne(t, "---\ntitle: \"Evil \\e[31mtitle\\u202e\"\nbyline: \"x&#27;y\"\n---\nBody \x1b]0;owned\x07with &#x1b;[2J escapes.\n")
	c := content(t, &a)
	for _, s := range []string{a.Title, a.Byline, c.Body, c.Text} {
		for _, r := range s {
			if unsafeRune(r) {
				t.Errorf("unsafe rune %U in %q", r, s)
			}
		}
		if strings.Contains(s, "&#") {
			t.Errorf("unsafe reference left in %q", s)
		}
	}
	if a.Title != "Evil title" {
		t.Errorf("title = %q", a.Title)
	}
}
