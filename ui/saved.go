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
	read := m.c.unread(doc)
	m.c.setRead(doc, read)
	if doc == m.reader.doc {
		m.reader.markedByHand()
	}
	m.status = "marked unread"
	if read {
		m.status = "marked read"
	}
	if m.list.refilter(doc) {
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
	on := !m.c.saved(doc).Bookmarked
	m.c.state.SetBookmarked(m.c.stateKey(doc), on)
	m.status = "bookmark removed"
	if on {
		m.status = "bookmarked"
	}
	if m.list.refilter(doc) {
		m.followCursor()
	}
}

// followCursor keeps the split view's reader on the list's cursor when a
// mark has taken the article shown out of the list: the keys act on what is
// shown. The command it may need runs when the preview settles.
func (m *Model) followCursor() {
	if s := m.screen(); s.listing() && !s.prompt && m.layout.split && m.list.selectedDoc() != m.reader.doc {
		m.c.send(previewMsg{})
	}
}

// rememberReading saves where the reader is while it has the keys (see
// readerModel.remember). It runs after every message.
func (m *Model) rememberReading() {
	if m.c.lib != nil && m.screen().reading() {
		m.reader.remember()
	}
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
	m.reader.setHistory(places(st.Back), places(st.Forward))
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
	m.reader.markedByHand() // reopening is not reading it anew
	m.status = "continuing where you left off"
}
