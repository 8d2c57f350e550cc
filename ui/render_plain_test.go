package ui

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	glamourstyles "github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"dispatch/internal/termout"
	"dispatch/store"
	"dispatch/store/article"
)

// An article too large to render with formatting (over 256 KiB, or of
// more blocks than glamour draws in time) is drawn from its passages:
// headings styled, paragraphs wrapped inside the margins, list items
// bulleted and quotes barred on every line, then its references; each
// passage's first line known, for the reader's place and topic jumps.
func TestPlainDocumentLayout(t *testing.T) {
	var pad strings.Builder
	for i := 0; pad.Len() < 260<<10; i++ {
		fmt.Fprintf(&pad, "Padding paragraph %d, long enough to push the body over the size glamour renders.\n\n", i)
	}
	src := "---\ntitle: A Large Article\nreferences:\n  - https://example.com/report\n---\n\n" +
		"# The First Heading\n\n" +
		"A paragraph long enough to be wrapped at forty columns, with [a link](http://example.com) in it.\n\n" +
		"- a list item that goes on for long enough to wrap\n- a short one\n\n" +
		"> a quotation that runs on past the width of one line\n\n" + pad.String()
	related := "# A Related Note\n\nEach padding paragraph is long enough to push the body over the size glamour renders.\n"
	fsys := fstest.MapFS{"x.md": {Data: []byte(src)}, "y.md": {Data: []byte(related)}}
	lib := store.Load(nil, article.List([]article.Source{{FS: fsys, Label: "notes"}}), testTopics(t), nil)
	if lib.Len() != 2 {
		t.Fatalf("not loaded: %v", lib.Warnings())
	}
	for _, colour := range []bool{false, true} {
		profile := termenv.Ascii
		if colour {
			profile = termenv.TrueColor
		}
		styles := DefaultStyles(lipgloss.NewRenderer(nil), profile, true)
		r := NewRenderer(lib, styles, glamourstyles.DarkStyleConfig, 1<<30)
		const width = 40
		doc, err := r.Render(0, width)
		if err != nil {
			t.Fatal(err)
		}
		line := func(p int) (styled, plain string) {
			return doc.lines[doc.passageLines[p]], doc.plain[doc.passageLines[p]]
		}
		heading, headingPlain := line(0)
		if headingPlain != "  The First Heading" || heading != "  "+styles.DocTitle.Render("The First Heading") {
			t.Errorf("heading %q", heading)
		}
		para := doc.plain[doc.passageLines[1] : doc.passageLines[2]-1]
		if got := strings.Join(para, "|"); got != "  A paragraph long enough to be|  wrapped at forty columns, with a|  link in it." {
			t.Errorf("paragraph %q", got)
		}
		item := doc.plain[doc.passageLines[2] : doc.passageLines[3]-1]
		if got := strings.Join(item, "|"); got != "  • a list item that goes on for long|    enough to wrap" {
			t.Errorf("list item %q", got)
		}
		if _, p := line(3); p != "  • a short one" {
			t.Errorf("second item %q", p)
		}
		quote := doc.plain[doc.passageLines[4] : doc.passageLines[5]-1]
		if got := strings.Join(quote, "|"); got != "  │ a quotation that runs on past the|  │ width of one line" {
			t.Errorf("quote %q", got)
		}
		refs := strings.Join(doc.plain[doc.chromeFrom-3:doc.chromeFrom], "|")
		if refs != "  References||  • https://example.com/report" {
			t.Errorf("references %q", refs)
		}
		if got := strings.Join(doc.plain[doc.chromeFrom:], "|"); !strings.HasPrefix(got, "|  Related||  • A Related Note — shares:") {
			t.Errorf("related %q", got)
		}
		if !doc.chrome[doc.chromeFrom] || doc.chrome[doc.chromeFrom-1] {
			t.Error("the related articles are not marked the reader's own")
		}
		passages := mustContent(lib.Article(0)).Passages
		if len(doc.passageLines) != len(passages) {
			t.Errorf("%d passage lines for %d passages", len(doc.passageLines), len(passages))
		}
		for i := range passages {
			first, _, _ := strings.Cut(passages[i].Text, " ")
			if !strings.Contains(doc.plain[doc.passageLines[i]], first) {
				t.Fatalf("passage %d (%q) is not on its line %q", i, passages[i].Text, doc.plain[doc.passageLines[i]])
			}
		}
		for y, l := range doc.lines {
			if w := ansi.StringWidth(l); w > width {
				t.Fatalf("line %d is %d wide: %q", y, w, l)
			}
			if err := termout.Check(l, termout.Styled); err != nil {
				t.Fatalf("line %d: %v", y, err)
			}
		}
	}
}

// lineStyle draws a line as lipgloss draws it, at a fraction of the cost.
func TestLineStyleIsLipglossRender(t *testing.T) {
	for _, profile := range []termenv.Profile{termenv.Ascii, termenv.ANSI, termenv.ANSI256, termenv.TrueColor} {
		s := DefaultStyles(lipgloss.NewRenderer(nil), profile, true).DocTitle
		for _, text := range []string{"a", "Two words", "ünïcödé 漢字", ""} {
			if before, after := lineStyle(s); before+text+after != s.Render(text) {
				t.Errorf("profile %v: %q, lipgloss %q", profile, before+text+after, s.Render(text))
			}
		}
	}
}
