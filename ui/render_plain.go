package ui

import (
	"strings"

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
	block := func(text, first, rest string, heading bool) {
		if len(doc.lines) > doc.bodyStart {
			doc.lines = append(doc.lines, "")
		}
		room := max(inner-ansi.StringWidth(first), 1)
		for i, l := range strings.Split(ansi.Wrap(text, room, ""), "\n") {
			lead := rest
			if i == 0 {
				lead = first
			}
			if heading {
				l = r.styles.DocTitle.Render(l)
			}
			doc.lines = append(doc.lines, pad+lead+l)
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
