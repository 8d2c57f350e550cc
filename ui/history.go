package ui

import (
	tea "github.com/charmbracelet/bubbletea"
)

// maxHistory bounds each of the back and forward stacks.
const maxHistory = 100

// place is a position in the reader: an article and the line at the top.
type place struct {
	doc     int // index into the library
	offset  int // line at the top of the pane
	width   int // the document width offset counts in; 0 before rendering
	passage int // passage at the top, to find the place again at another width
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
func (m *Model) here() (place, bool) {
	r := &m.reader
	if r.article == nil {
		return place{}, false
	}
	p := place{doc: r.at, passage: -1}
	if r.doc != nil {
		p.offset, p.width = r.viewport.YOffset, r.doc.key.width
		p.passage = r.doc.passageAt(max(p.offset, r.doc.bodyStart))
	}
	return p, true
}

// jump opens article doc in the reader, focused, landing as asked, and
// records the place it leaves so back returns to it.
func (m *Model) jump(doc int, land landing, anchor int) tea.Cmd {
	if cur, ok := m.here(); ok && (cur.doc != doc || land != landTop) {
		m.hist.back = push(m.hist.back, cur)
		m.hist.forward = nil
		m.saveHistory()
	}
	m.list.selectArticle(doc)
	m.focus = focusReader
	m.reader.open(doc, land, anchor)
	return m.renderVisible()
}

// goBack returns to the place the last jump left; goForward undoes that.
func (m *Model) goBack() tea.Cmd    { return m.travel(&m.hist.back, &m.hist.forward, "back") }
func (m *Model) goForward() tea.Cmd { return m.travel(&m.hist.forward, &m.hist.back, "forward") }

func (m *Model) travel(from, to *[]place, dir string) tea.Cmd {
	if len(*from) == 0 {
		m.status = "nothing to go " + dir + " to"
		return nil
	}
	if cur, ok := m.here(); ok {
		*to = push(*to, cur)
	}
	p := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	m.saveHistory()
	m.list.selectArticle(p.doc)
	m.focus = focusReader
	m.reader.openAt(p)
	return m.renderVisible()
}

// backHint names where back leads, for the footer.
func (m *Model) backHint() string {
	if len(m.hist.back) == 0 {
		return ""
	}
	return m.lib.Article(m.hist.back[len(m.hist.back)-1].doc).Title
}
