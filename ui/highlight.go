package ui

import (
	"sort"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"dispatch/store"
)

// lineSpan is a stretch of one document line, in byte offsets of its plain
// text.
type lineSpan struct {
	line       int
	start, end int
}

// docMatch is one match of the query in a document; a phrase wrapped over
// two lines has two segments.
type docMatch struct {
	segments []lineSpan
}

// findMatches locates the query's matches in a rendered document, using the
// same analyzer and matcher as the index, so what is highlighted is what was
// found.
func findMatches(doc *document, q store.Query) []docMatch {
	if doc == nil || !q.HasTerms() {
		return nil
	}
	words, starts := doc.wordIndex()
	if words == nil {
		return nil
	}
	lineOf := func(pos int) int {
		return sort.Search(len(starts), func(i int) bool { return starts[i] > pos }) - 1
	}
	var out []docMatch
	for _, sp := range q.FindIn(words) {
		var m docMatch
		for l := lineOf(sp.Start); l < len(starts) && starts[l] < sp.End; l++ {
			start := max(sp.Start-starts[l], 0)
			end := min(sp.End-starts[l], len(doc.plain[l]))
			// a match wrapped over lines skips the margin and the padding
			seg := doc.plain[l][start:end]
			start += len(seg) - len(strings.TrimLeft(seg, " "))
			end -= len(seg) - len(strings.TrimRight(seg, " "))
			if start < end {
				m.segments = append(m.segments, lineSpan{line: l, start: start, end: end})
			}
		}
		// the reader's own lines (date, topic shares, related articles) are
		// not the article: a match there is none
		if len(m.segments) > 0 && !doc.chrome[m.segments[0].line] {
			out = append(out, m)
		}
	}
	return out
}

// highlight marks spans of a styled line. spans are byte offsets into the
// line's plain text (the line without escape sequences), ascending. Each span
// is opened with its on sequence and closed with off; the renderer's own
// styling inside a span (a reset, a colour) is followed by on again, so the
// mark survives it and the line's styling is otherwise untouched.
func highlight(styled string, spans []markSpan) string {
	if len(spans) == 0 {
		return styled
	}
	var b strings.Builder
	b.Grow(len(styled) + len(spans)*16)
	plainPos, next := 0, 0
	var open *markSpan
	var state byte
	rest := styled
	for len(rest) > 0 {
		if open != nil && plainPos >= open.end {
			b.WriteString(open.off)
			open = nil
		}
		if open == nil && next < len(spans) && plainPos >= spans[next].start {
			open = &spans[next]
			next++
			b.WriteString(open.on)
		}
		seq, width, n, newState := ansi.DecodeSequence(rest, state, nil)
		state = newState
		if n <= 0 {
			break
		}
		b.WriteString(seq)
		if width == 0 && len(seq) > 0 && seq[0] == ansi.ESC {
			if open != nil {
				b.WriteString(open.on) // styling inside the span: mark again
			}
		} else {
			plainPos += len(seq)
		}
		rest = rest[n:]
	}
	if open != nil {
		b.WriteString(open.off)
	}
	return b.String()
}

// markSpan is a span to highlight with its own sequences.
type markSpan struct {
	start, end int
	on, off    string
}
