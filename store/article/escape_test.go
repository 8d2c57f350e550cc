package article_test

import (
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"dispatch/store/article"
)

// Titles and references go into the markdown the reader renders; escaped,
// they must come out as one paragraph of plain text, however they look.
func TestEscapeMarkdownKeepsTextLiteral(t *testing.T) {
	for _, s := range []string{
		"High-Level *bold* _it_ [link](x) <b>tag</b> `code` # not a heading",
		"- not a list", "+ not a list", "# not a heading", "1. not a list", "12) nor this",
		"AT&amp;T &#27; ~~strike~~ | pipe", "![image](x.png)",
	} {
		src := []byte(article.EscapeMarkdown(s))
		doc := goldmark.New().Parser().Parse(text.NewReader(src))
		p := doc.FirstChild()
		if p == nil || p.Kind() != ast.KindParagraph || p.NextSibling() != nil {
			t.Errorf("%q did not stay one paragraph", s)
			continue
		}
		for c := p.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Kind() != ast.KindText && c.Kind() != ast.KindString {
				t.Errorf("%q: markup %s", s, c.Kind())
			}
		}
	}
}
