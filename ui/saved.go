package ui

import (
	"dispatch/store/state"
)

// toggleRead marks the article keys act on read or unread. An article the
// reader marks unread is not marked read again by scrolling it.
func (m *Model) toggleRead() {
	if m.notReady("marking read") {
		return
	}
	doc, _ := m.focusedPlace()
	if doc < 0 {
		m.status = "no article to mark"
		return
	}
	read := !m.c.state.Article(m.c.stateKey(doc)).Read
	m.c.state.SetRead(m.c.stateKey(doc), read)
	if doc == m.reader.doc {
		m.reader.readDone = true
	}
	m.status = "marked unread"
	if read {
		m.status = "marked read"
	}
	if m.list.unreadOnly {
		m.list.refresh()
		m.followCursor()
	}
}

// toggleBookmark stars or unstars the article keys act on.
func (m *Model) toggleBookmark() {
	if m.notReady("bookmarking") {
		return
	}
	doc, _ := m.focusedPlace()
	if doc < 0 {
		m.status = "no article to bookmark"
		return
	}
	on := !m.c.state.Article(m.c.stateKey(doc)).Bookmarked
	m.c.state.SetBookmarked(m.c.stateKey(doc), on)
	m.status = "bookmark removed"
	if on {
		m.status = "bookmarked"
	}
	if m.list.bookmarkedOnly {
		m.list.refresh()
		m.followCursor()
	}
}

// followCursor keeps the split view's reader on the list's cursor when a
// mark has taken the article shown out of the list: the keys act on what is
// shown. The command it may need runs when the preview settles.
func (m *Model) followCursor() {
	if m.mode == modeList && m.layout.split && m.list.selectedDoc() != m.reader.doc {
		m.c.send(previewMsg{})
	}
}

// rememberReading saves where the reader is, and marks the article read
// once it has been opened and scrolled (or read to the end). It runs after
// every message; it writes only what changed.
func (m *Model) rememberReading() {
	r := &m.reader
	if m.c.lib == nil || m.c.lib.Provisional() || r.page == nil || r.pending != (renderKey{}) || m.mode != modeReader && m.mode != modeFind {
		return
	}
	p, _ := r.here()
	if p != m.savedAt {
		m.savedAt = p
		m.c.state.SetPosition(m.c.stateKey(p.doc), p.position("", r.percent()))
	}
	if !r.readDone && (r.top > 0 || r.atEnd()) {
		r.readDone = true
		if !m.c.state.Article(m.c.stateKey(p.doc)).Read {
			m.c.state.SetRead(m.c.stateKey(p.doc), true)
		}
	}
}

// saveHistory writes the reading history to the state file.
func (m *Model) saveHistory() {
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

// restoreSaved brings back the reading history and reopens the article read
// last where the reader left it.
func (m *Model) restoreSaved() {
	st := m.c.state.Snapshot()
	docOf := make(map[string]int, m.c.lib.Len())
	for d := range m.c.lib.Len() {
		docOf[m.c.stateKey(d)] = d
	}
	places := func(ps []state.Position) []place {
		var out []place
		for _, p := range ps {
			if d, ok := docOf[p.Article]; ok {
				out = append(out, placeFromPosition(d, p))
			}
		}
		return out
	}
	m.hist.back, m.hist.forward = places(st.Back), places(st.Forward)
	if st.Last == nil {
		return
	}
	d, ok := docOf[st.Last.Article]
	if !ok {
		return
	}
	m.list.selectDoc(d)
	m.mode = modeReader
	m.reader.openAt(placeFromPosition(d, *st.Last))
	m.reader.readDone = true // reopening is not reading it anew
	m.status = "continuing where you left off"
}
