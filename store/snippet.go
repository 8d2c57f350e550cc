package store

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dispatch/store/article"
)

// Snippet is a short excerpt of an article with the matches marked.
type Snippet struct {
	Text       string
	Highlights []Span // byte offsets into Text, ascending
}

// Marked returns the snippet text with each highlight between open and close.
func (s Snippet) Marked(open, close string) string {
	var b strings.Builder
	last := 0
	for _, h := range s.Highlights {
		b.WriteString(s.Text[last:h.Start])
		b.WriteString(open)
		b.WriteString(s.Text[h.Start:h.End])
		b.WriteString(close)
		last = h.End
	}
	b.WriteString(s.Text[last:])
	return b.String()
}

// Snippet returns about maxRunes runes of article a around the first match of
// q: in the given passage when it is one, else in the title block or the
// first passage that matches. Without a match it is the start of the text;
// an article whose file cannot be read any more shows its dek or title.
func (ix *Index) Snippet(a *article.Article, q Query, passage, maxRunes int) Snippet {
	c, err := a.Content()
	if err != nil {
		c = &article.Content{}
	}
	var candidates []string
	if passage >= 0 && passage < len(c.Passages) {
		candidates = append(candidates, c.Passages[passage].Text)
	}
	candidates = append(candidates, a.Title, a.Dek, a.Byline)
	for _, p := range c.Passages {
		candidates = append(candidates, p.Text)
	}
	candidates = append(candidates, a.References...)
	for _, text := range candidates {
		if spans := q.Find(ix.an.Tokenize(text)); len(spans) > 0 {
			return excerpt(text, spans, maxRunes)
		}
	}
	if a.Dek != "" {
		return excerpt(a.Dek, nil, maxRunes)
	}
	if len(c.Passages) > 0 {
		return excerpt(c.Passages[0].Text, nil, maxRunes)
	}
	return excerpt(a.Title, nil, maxRunes)
}

// excerpt cuts about maxRunes runes out of text, starting a little before
// the first span, at word boundaries, with "…" where text was cut.
func excerpt(text string, spans []Span, maxRunes int) Snippet {
	maxRunes = max(maxRunes, 8)
	start := 0
	if len(spans) > 0 {
		// a third of the room goes to context before the match, or more
		// when the text after it would leave room unused
		start = min(backRunes(text, spans[0].Start, maxRunes/3), backRunes(text, len(text), maxRunes))
		if start > 0 {
			if sp := strings.IndexFunc(text[start:spans[0].Start], unicode.IsSpace); sp >= 0 {
				start += sp + 1
			}
		}
	}
	end := forwardRunes(text, start, maxRunes)
	if end < len(text) {
		keep := start
		if len(spans) > 0 {
			keep = spans[0].End
		}
		if sp := strings.LastIndexFunc(text[start:end], unicode.IsSpace); sp > 0 && start+sp >= keep {
			end = start + sp
		}
	}
	start = end - len(strings.TrimLeftFunc(text[start:end], unicode.IsSpace))
	end = start + len(strings.TrimRightFunc(text[start:end], unicode.IsSpace))
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	shift := b.Len() - start
	b.WriteString(text[start:end])
	if end < len(text) {
		b.WriteString("…")
	}
	s := Snippet{Text: b.String()}
	for _, sp := range spans {
		if sp.Start >= start && sp.End <= end {
			s.Highlights = append(s.Highlights, Span{Start: sp.Start + shift, End: sp.End + shift})
		}
	}
	return s
}

// backRunes moves back n runes from byte offset i of text.
func backRunes(text string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(text[:i])
		i -= size
	}
	return i
}

// forwardRunes moves forward n runes from byte offset i of text.
func forwardRunes(text string, i, n int) int {
	for ; n > 0 && i < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return i
}
