package article_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"dispatch/store/article"
)

// plainSample is markdown of every kind the plain reading (of an article
// too large to render with formatting) tells apart.
const plainSample = "# Heading One\n\n" +
	"A paragraph with [a link](http://example.com/x \"t\") and ![an image](i.png), **strong**, __strong__, `code`,\n" +
	"\\*escaped\\* and &amp; &eacute; &#233;, continued on a second line.\r\n\r\n" +
	"- an item\n* another item\n+ a third\n  going on\n1. numbered\n10) numbered too\n\n" +
	"> a quote\n> over two lines\n\n" +
	"```go\ncode is left out\n# not a heading\n```\n\n" +
	"~~~~\ntilde fence\n```\nstill in it\n~~~~\n\n" +
	"####### seven hashes is text\n\n#hashtag is text\n\n" +
	"## Closing ##\n\n" +
	"[a link](" + "no end to its address\n"

// A body over maxRichBytes is read line by line (simplePassages): its
// headings, paragraphs, list items and quotes are passages as a markdown
// parser would find them, inline markup reduced to its text, fenced code
// left out.
func TestLargeBodyReadWithoutAParser(t *testing.T) {
	var pad strings.Builder
	for i := 0; pad.Len() < 260<<10; i++ {
		fmt.Fprintf(&pad, "Padding paragraph %d, long enough to push the body over the size a parser reads.\n\n", i)
	}
	src := "---\ntitle: Large\n---\n\n" + plainSample + "\n" + pad.String()
	arts, warns := loadAll(t, article.Source{FS: fstest.MapFS{"large.md": {Data: []byte(src)}}, Label: "notes"})
	if len(arts) != 1 {
		t.Fatalf("not loaded: %q", warns)
	}
	if want := []string{"notes/large.md: longer than 256 KiB: shown without markdown formatting"}; strings.Join(warns, "|") != strings.Join(want, "|") {
		t.Errorf("warnings %q, want %q", warns, want)
	}
	c := content(t, &arts[0])
	if !c.Plain {
		t.Fatal("not read as plain")
	}
	want := []struct {
		kind  article.PassageKind
		level int
		text  string
	}{
		{article.Heading, 1, "Heading One"},
		{article.Paragraph, 0, "A paragraph with a link and an image, strong, strong, code, *escaped* and & é é, continued on a second line."},
		{article.ListItem, 0, "an item"},
		{article.ListItem, 0, "another item"},
		{article.ListItem, 0, "a third going on"},
		{article.ListItem, 0, "numbered"},
		{article.ListItem, 0, "numbered too"},
		{article.Quote, 0, "a quote over two lines"},
		{article.Paragraph, 0, "####### seven hashes is text"},
		{article.Paragraph, 0, "#hashtag is text"},
		{article.Heading, 2, "Closing"},
		{article.Paragraph, 0, "a link(no end to its address"},
		{article.Paragraph, 0, "Padding paragraph 0, long enough to push the body over the size a parser reads."},
	}
	if len(c.Passages) < len(want) {
		t.Fatalf("%d passages", len(c.Passages))
	}
	for i, w := range want {
		p := c.Passages[i]
		if p.Kind != w.kind || p.Level != w.level || p.Text != w.text {
			t.Errorf("passage %d: %v %d %q\nwant         %v %d %q", i, p.Kind, p.Level, p.Text, w.kind, w.level, w.text)
		}
		if c.Text[p.Offset:p.Offset+len(p.Text)] != p.Text {
			t.Errorf("passage %d is not at its offset in the text", i)
		}
	}
	if strings.Contains(c.Text, "left out") || strings.Contains(c.Text, "tilde fence") || strings.Contains(c.Text, "still in it") {
		t.Error("fenced code is in the text")
	}
	if arts[0].PassageCount != len(c.Passages) || arts[0].Words < 1000 {
		t.Errorf("%d passages counted, %d words", arts[0].PassageCount, arts[0].Words)
	}
}

// A body of more blocks than the renderer draws in about the time 256 KiB
// of prose takes (glamour's cost per block, and per list item before it)
// is shown without formatting too, whatever its size: 3,000 one-word list
// items are 30 KB. The references the reader lists below the text count.
func TestManyBlocksShownPlain(t *testing.T) {
	refs := func(n int) string {
		return "---\ntitle: Refs\nreferences:\n" + strings.Repeat("  - a reference\n", n) + "---\n\nText.\n"
	}
	tests := []struct {
		name, src string
		plain     bool
	}{
		{"a list of 3,000 items", "# List\n\n" + strings.Repeat("- an item\n", 3000), true},
		{"999 items, two blocks each", "# List\n\n" + strings.Repeat("- an item\n", 999), false},
		{"3,000 one-word headings", strings.Repeat("# a\n\n", 3000), true},
		{"3,000 lines of code", "# Code\n\nText.\n\n```\n" + strings.Repeat("x\n", 3000) + "```\n", true},
		{"a table of 3,000 rows", "# Table\n\n| a | b |\n|---|---|\n" + strings.Repeat("| 1 | 2 |\n", 3000), true},
		{"1,500 references", refs(1500), true},
		{"900 references", refs(900), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, warns := loadAll(t, article.Source{FS: fstest.MapFS{"x.md": {Data: []byte(tt.src)}}, Label: "notes"})
			if len(arts) != 1 {
				t.Fatalf("not loaded: %q", warns)
			}
			c := content(t, &arts[0])
			if c.Plain != tt.plain {
				t.Errorf("plain %v, want %v (warnings %q)", c.Plain, tt.plain, warns)
			}
			want := "notes/x.md: more than 2000 paragraphs, headings, list items, table rows and lines of code: shown without markdown formatting"
			if tt.plain && strings.Join(warns, "|") != want || !tt.plain && len(warns) != 0 {
				t.Errorf("warnings %q", warns)
			}
			if tt.plain && (len(c.Passages) < 1 || c.Tables != nil) {
				t.Errorf("%d passages, tables %v", len(c.Passages), c.Tables)
			}
		})
	}
}
