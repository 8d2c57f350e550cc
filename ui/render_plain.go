package ui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"dispatch/store/article"
)

// buildPlain draws an article too large for glamour (see article's
// maxRichBytes) from its passages: headings, wrapped paragraphs, list items
// and quotes, then its references and related articles, in time in
// proportion to its length.
func (r *Renderer) buildPlain(key renderKey, c *article.Content, forReader bool) *document {
	a := r.lib.Article(key.doc)
	width := max(key.width, 1)
	doc := r.newDocument(key)
	inner := max(width-2*docMargin, 1)
	pad := strings.Repeat(" ", min(docMargin, width))
	titleOn, titleOff := lineStyle(r.styles.DocTitle)
	// a line a passage, and a blank line between: an article of many short
	// passages (700,000 one-word headings in 4 MiB) grows no list of lines
	doc.lines = slices.Grow(doc.lines, 2*len(c.Passages)+2*len(a.References)+2*maxRelatedInReader+4)
	line := func(lead, l string, heading bool) string {
		if heading {
			return pad + lead + titleOn + l + titleOff
		}
		return pad + lead + l
	}
	block := func(text, first, rest string, heading bool) {
		if len(doc.lines) > doc.bodyStart {
			doc.lines = append(doc.lines, "")
		}
		room := max(inner-ansi.StringWidth(first), 1)
		if ansi.StringWidth(text) <= room { // most passages of such articles: no wrapping to do
			doc.lines = append(doc.lines, line(first, text, heading))
			return
		}
		for i, l := range strings.Split(ansi.Wrap(text, room, ""), "\n") {
			lead := rest
			if i == 0 {
				lead = first
			}
			doc.lines = append(doc.lines, line(lead, l, heading))
		}
	}
	doc.passageLines = make([]int, len(c.Passages))
	for i, p := range c.Passages {
		doc.passageLines[i] = len(doc.lines)
		if i > 0 {
			doc.passageLines[i]++ // after the blank line block adds
		}
		switch p.Kind {
		case article.Heading:
			block(p.Text, "", "", true)
		case article.ListItem:
			block(p.Text, "• ", "  ", false)
		case article.Quote:
			block(p.Text, "│ ", "│ ", false)
		default:
			block(p.Text, "", "", false)
		}
	}
	if len(a.References) > 0 {
		block("References", "", "", true)
		for _, ref := range a.References {
			block(ref, "• ", "  ", false)
		}
	}
	doc.chromeFrom = len(doc.lines)
	for i, item := range r.relatedItems(key.doc) {
		if i == 0 {
			block("Related", "", "", true)
		}
		block(item.title+" — shares: "+item.shares, "• ", "  ", false)
	}
	doc.finish(c)
	doc.markPassageLines()
	if forReader {
		go func() {
			defer func() { recover() }() // a panic here costs only the highlighting of this document
			doc.wordIndex()
		}()
	}
	return doc
}

// lineStyle is how style draws one line of plain text: the sequences it
// puts before and after the text, found once. lipgloss takes microseconds
// a call, which a 4 MiB file of one-word headings (700,000 of them) made
// seconds. The styles drawn with are colours and attributes only, which
// wrap a line whole.
func lineStyle(style lipgloss.Style) (before, after string) {
	const mark = "X" // in no SGR sequence
	before, after, _ = strings.Cut(style.Render(mark), mark)
	return before, after
}
