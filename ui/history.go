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

// pushBack records the place a jump leaves: back returns to it, and what
// was forward is forgotten, as in a browser.
func (m *readerModel) pushBack(p place) {
	m.hist.back = push(m.hist.back, p)
	m.hist.forward = nil
	m.saveHistory()
}

// travel takes the last place of one stack (back, or forward when
// forward), pushing the reader's place on the other; ok is false when
// there is none.
func (m *readerModel) travel(forward bool) (place, bool) {
	from, to := &m.hist.back, &m.hist.forward
	if forward {
		from, to = to, from
	}
	if len(*from) == 0 {
		return place{}, false
	}
	if cur, ok := m.here(); ok {
		*to = push(*to, cur)
	}
	p := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	m.saveHistory()
	return p, true
}

// backHint names where back leads, for the footer.
func (m *readerModel) backHint() string {
	if len(m.hist.back) == 0 {
		return ""
	}
	return m.c.lib.Article(m.hist.back[len(m.hist.back)-1].doc).Title
}

// history is the back and forward stacks, for a new library to take over.
func (m *readerModel) history() (back, forward []place) { return m.hist.back, m.hist.forward }

// setHistory gives the reader back and forward stacks: the saved ones, or
// an old library's mapped onto a new one.
func (m *readerModel) setHistory(back, forward []place) {
	m.hist = history{back: back, forward: forward}
}

// saveHistory writes the history to the state file. A provisional library
// cannot name the saved articles yet: nothing is written.
func (m *readerModel) saveHistory() {
	if m.c.lib.Provisional() {
		return
	}
	positions := func(ps []place) []state.Position {
		out := make([]state.Position, len(ps))
		for i, p := range ps {
			out[i] = p.position(m.c.stateKey(p.doc), 0)
		}
		return out
	}
	m.c.state.SetHistory(positions(m.hist.back), positions(m.hist.forward))
}

// remember saves where the reader is, and marks the article read once it
// has been opened and scrolled (or read to the end). The root calls it
// after every message while the reader has the keys; it writes only what
// changed.
func (m *readerModel) remember() {
	if m.c.lib.Provisional() || m.page == nil || m.pending != (renderKey{}) {
		return
	}
	p, _ := m.here()
	if p != m.savedAt {
		m.savedAt = p
		m.c.state.SetPosition(m.c.stateKey(p.doc), p.position("", m.percent()))
	}
	if !m.readDone && (m.top > 0 || m.atEnd()) {
		m.readDone = true
		if m.c.unread(p.doc) {
			m.c.setRead(p.doc, true)
		}
	}
}
