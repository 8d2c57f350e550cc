package ui

import (
	"dispatch/store/state"
)

// maxHistory bounds each of the back and forward stacks.
const maxHistory = 100

// place is a position in the reader: an article, the line at the top at
// the width it was read at, and the anchor, which finds the place again at
// any other width.
type place struct {
	doc   int
	top   int // line at the top of the pane, at width
	width int // the document width top counts in; 0 when never rendered
	at    anchor
}

// lineIn is the line place p falls on in a rendering of its article: its
// very line at the same width, else its anchor's.
func (p place) lineIn(d *document) int {
	if p.width == d.key.width && p.width > 0 {
		return p.top
	}
	return d.lineOf(p.at)
}

// placeFromPosition is a saved position as a place in article doc.
func placeFromPosition(doc int, p state.Position) place {
	return place{doc: doc, top: p.Line, width: p.Width, at: anchor{passage: p.Passage, within: p.Within}}
}

// position is p as saved state; percent is how far through it is.
func (p place) position(key string, percent int) state.Position {
	return state.Position{Article: key, Passage: p.at.passage, Within: p.at.within, Line: p.top, Width: p.width, Percent: percent}
}

// history is the reader's back and forward stacks, as in a browser: every
// jump pushes the place it leaves.
type history struct {
	back, forward []place
}

func push(stack []place, p place) []place {
	stack = append(stack, p)
	if len(stack) > maxHistory {
		stack = stack[len(stack)-maxHistory:]
	}
	return stack
}

// here is the reader's current place, if it shows an article.
func (m *readerModel) here() (place, bool) {
	if m.doc < 0 {
		return place{}, false
	}
	p := place{doc: m.doc, at: m.at}
	if m.page != nil {
		p.top, p.width = m.top, m.page.key.width
	}
	return p, true
}
