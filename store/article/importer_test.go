package article_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"dispatch/store/article"
)

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

// importOne imports a plain text and parses the markdown it makes.
func importOne(t *testing.T, text string) (article.Article, string) {
	t.Helper()
	md, err := article.ImportText("x.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return parseOne(t, md), md
}

func TestImportTitles(t *testing.T) {
	tests := []struct{ name, text, title, byline string }{
		{"headline line", "Talks Resume in Karrow\n\nDelegates met on Sunday.\n", "Talks Resume in Karrow", ""},
		{"no headline", "Delegates met on Sunday in Karrow to discuss a truce along the whole shore. More followed.\n", "Delegates met on Sunday in Karrow to discuss a truce along the…", ""},
		{"byline", "Talks Resume\nBy: Jane Doe\nText here.\n", "Talks Resume", "Jane Doe"},
		{"byline without colon", "Talks Resume\nBy Jane Doe\nText here.\n", "Talks Resume", "Jane Doe"},
		{"repeated title dropped", "Talks Resume\nTalks Resume\nText here.\n", "Talks Resume", ""},
		{"debris first", "|\nGetting your Trinity Audio player ready...\n|\nTalks Resume\nText.\n", "Talks Resume", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, md := importOne(t, tt.text)
			if a.Title != tt.title || a.Byline != tt.byline {
				t.Errorf("title %q byline %q, want %q %q", a.Title, a.Byline, tt.title, tt.byline)
			}
			if a.Origin != "x.txt" {
				t.Errorf("origin %q, want the file's name", a.Origin)
			}
			if strings.Count(md, tt.title) > 1 {
				t.Errorf("the title appears twice:\n%s", md)
			}
		})
	}
	if _, err := article.ImportText("empty.txt", []byte(" \n\n|\nNo comments\n")); err == nil {
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
		"References",
		"- Orvell Gazette, 2 March",
	}, "\n")
	a, md := importOne(t, text)
	want := []string{"h2 Short Section", "h3 1. Numbered Title", "li first step", "li second step", "h3 Bullet Title",
		"li item one", "li item two", "li star item", "li dash item on the next line:", "q “a quoted line”", "h2 Ends with a question?"}
	if got := structure(t, &a); !slices.Equal(got, want) {
		t.Errorf("structure\n got %q\nwant %q\n%s", got, want, md)
	}
	for _, debris := range []string{"Share this", "#Tag", "Watch video"} {
		if strings.Contains(md, debris) {
			t.Errorf("debris %q kept", debris)
		}
	}
	if !slices.Equal(a.References, []string{"Orvell Gazette, 2 March"}) {
		t.Errorf("references %q", a.References)
	}
}

// Markup in a plain text is text: the importer escapes it.
func TestImportKeepsMarkupLiteral(t *testing.T) {
	a, md := importOne(t, "Stars and Links\n\nA *starred* word, a [link](http://x) and <b>tags</b> stay as typed.\n")
	if got := content(t, &a).Passages[0].Text; got != "A *starred* word, a [link](http://x) and <b>tags</b> stay as typed." {
		t.Errorf("passage %q\n%s", got, md)
	}
}

func TestCleanReference(t *testing.T) {
	for in, want := range map[string]string{
		"“Officials report progress …” — AP News AP News":                         "“Officials report progress …” — AP News",
		"“Talks make progress” — CGTN CGTN News":                                  "“Talks make progress” — CGTN News",
		"“Tout ‘Peace Framework’ …” — Kyiv Post Kyiv Post":                        "“Tout ‘Peace Framework’ …” — Kyiv Post",
		"“Most productive meeting” — The New Indian Express newindianexpress.com": "“Most productive meeting” — The New Indian Express",
		"“Updated framework” — Reuters Investing.com":                             "“Updated framework” — Reuters Investing.com",
		"A reference without a source":                                            "A reference without a source",
		"“New York New York” — The Times":                                         "“New York New York” — The Times",
	} {
		if got := article.CleanReference(in); got != want {
			t.Errorf("CleanReference(%q) = %q, want %q", in, got, want)
		}
	}
}
