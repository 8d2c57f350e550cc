package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"dispatch/store/state"
)

// stateKey is the saved-state key of article doc.
func (m *Model) stateKey(doc int) string { return m.lib.Article(doc).StateKey() }

// toggleRead marks the article under focus read or unread. An article the
// reader marks unread is not marked read again by scrolling it.
func (m *Model) toggleRead() {
	if m.notReady("marking read") {
		return
	}
	doc, ok := m.focusedDoc()
	if !ok {
		return
	}
	read := !m.state.Article(m.stateKey(doc)).Read
	m.state.SetRead(m.stateKey(doc), read)
	if m.reader.article != nil && m.reader.at == doc {
		m.reader.readDone = true
	}
	if read {
		m.status = "marked read"
	} else {
		m.status = "marked unread"
	}
}

// toggleBookmark stars or unstars the article under focus.
func (m *Model) toggleBookmark() {
	if m.notReady("bookmarking") {
		return
	}
	doc, ok := m.focusedDoc()
	if !ok {
		return
	}
	on := !m.state.Article(m.stateKey(doc)).Bookmarked
	m.state.SetBookmarked(m.stateKey(doc), on)
	if on {
		m.status = "bookmarked"
	} else {
		m.status = "bookmark removed"
	}
	if m.bookmarkedOnly {
		m.refreshList(false)
	}
}

// toggleBookmarkedOnly shows only bookmarked articles, or all again.
func (m *Model) toggleBookmarkedOnly() tea.Cmd {
	if m.notReady("showing bookmarks") {
		return nil
	}
	m.bookmarkedOnly = !m.bookmarkedOnly
	m.refreshList(true)
	return m.preview()
}

// focusedDoc is the article keys act on: the one read, else the one under
// the list cursor.
func (m *Model) focusedDoc() (int, bool) {
	if m.focus == focusReader && m.reader.article != nil {
		return m.reader.at, true
	}
	if h, ok := m.list.selectedHit(); ok {
		return h.Doc, true
	}
	return 0, false
}

// rememberReading saves where the reader is, and marks the article read once
// it has been opened and scrolled (or read to the end). It runs after every
// message; it only writes when something changed.
func (m *Model) rememberReading() {
	r := &m.reader
	if m.lib.Provisional || r.article == nil || r.doc == nil || r.pending != (renderKey{}) || m.focus != focusReader {
		return
	}
	p, _ := m.here()
	pos := state.Position{Passage: p.passage, Line: p.offset, Width: p.width, Percent: r.percent()}
	if pos != m.savedPos || p.doc != m.savedDoc {
		m.savedPos, m.savedDoc = pos, p.doc
		m.state.SetPosition(m.stateKey(p.doc), pos)
	}
	scrolled := r.viewport.YOffset > 0 || r.viewport.AtBottom()
	if !r.readDone && scrolled {
		r.readDone = true
		if !m.state.Article(m.stateKey(p.doc)).Read {
			m.state.SetRead(m.stateKey(p.doc), true)
		}
	}
}

// saveHistory writes the reading history to the state file.
func (m *Model) saveHistory() {
	if m.lib.Provisional {
		return
	}
	toPositions := func(ps []place) []state.Position {
		out := make([]state.Position, len(ps))
		for i, p := range ps {
			out[i] = state.Position{Article: m.stateKey(p.doc), Passage: p.passage, Line: p.offset, Width: p.width}
		}
		return out
	}
	m.state.SetHistory(toPositions(m.hist.back), toPositions(m.hist.forward))
}

// restoreSaved brings back the reading history and reopens the article read
// last where the reader left it.
func (m *Model) restoreSaved() {
	st := m.state.Snapshot()
	docOf := make(map[string]int, m.lib.Len())
	for d := range m.lib.Len() {
		docOf[m.stateKey(d)] = d
	}
	toPlaces := func(ps []state.Position) []place {
		var out []place
		for _, p := range ps {
			if d, ok := docOf[p.Article]; ok {
				out = append(out, place{doc: d, offset: p.Line, width: p.Width, passage: p.Passage})
			}
		}
		return out
	}
	m.hist.back, m.hist.forward = toPlaces(st.Back), toPlaces(st.Forward)
	if st.Last == nil {
		return
	}
	d, ok := docOf[st.Last.Article]
	if !ok {
		return
	}
	m.list.selectArticle(d)
	m.focus = focusReader
	m.reader.openAt(place{doc: d, offset: st.Last.Line, width: st.Last.Width, passage: st.Last.Passage})
	m.reader.readDone = true // reopening is not reading it anew
	m.status = "continuing where you left off"
}
