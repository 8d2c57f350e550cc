package ui

import (
	"fmt"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"dispatch/store"
)

// listModel is the article list: what is listed — the library narrowed by
// the topic filter, bookmarked-only and unread-only, or the results of a
// search — with a cursor and a scroll offset. It draws itself into exactly
// width × height cells.
type listModel struct {
	c *common

	items   []store.Hit // in display order
	query   store.Query // the search the items answer; empty for none
	results int         // articles matching the search, of which items hold the best
	empty   []string    // what to say when there are no items
	suggest string      // a corrected query when the search finds nothing
	partial bool        // no article has every word: these have the most

	bookmarkedOnly bool
	unreadOnly     bool
	confirmAll     bool // A was pressed: A again marks every listed article read

	snippets map[int]store.Snippet // by doc, for the rows on screen
	cursor   int                   // index into items
	offset   int                   // first visible item
	width    int
	height   int
}

func newListModel(c *common) listModel {
	m := listModel{c: c}
	m.refresh()
	return m
}

// SetSize gives the list its pane.
func (m *listModel) SetSize(width, height int) {
	if width != m.width {
		m.snippets = nil // cut for the old width
	}
	m.width, m.height = max(width, 0), max(height, 0)
	m.clamp()
}

// Update handles a key while the list has the keys.
func (m *listModel) Update(msg tea.KeyMsg) {
	k := m.c.keys
	before := m.cursor
	switch {
	case key.Matches(msg, k.Down):
		m.moveBy(1)
	case key.Matches(msg, k.Up):
		m.moveBy(-1)
	case key.Matches(msg, k.Top):
		m.moveTo(0)
	case key.Matches(msg, k.Bottom):
		m.moveTo(len(m.items) - 1)
	case key.Matches(msg, k.PageDown):
		m.moveBy(m.visibleRows())
	case key.Matches(msg, k.PageUp):
		m.moveBy(-m.visibleRows())
	case key.Matches(msg, k.HalfDown):
		m.moveBy(max(m.visibleRows()/2, 1))
	case key.Matches(msg, k.HalfUp):
		m.moveBy(-max(m.visibleRows()/2, 1))
	case key.Matches(msg, k.Open):
		m.open(m.searchLanding())
	case key.Matches(msg, k.NextMatch):
		if m.noSearch() {
			return
		}
		m.open(landFirstMatch)
	case key.Matches(msg, k.PrevMatch):
		if m.noSearch() {
			return
		}
		m.open(landLastMatch)
	case key.Matches(msg, k.NextTopicPassage), key.Matches(msg, k.PrevTopicPassage):
		if m.c.topic == noTopic {
			m.c.say("no topic filter: the number keys pick one")
			return
		}
		land := landFirstOnTopic
		if key.Matches(msg, k.PrevTopicPassage) {
			land = landLastOnTopic
		}
		m.open(land)
	case key.Matches(msg, k.NextUnread):
		m.moveToUnread(1)
	case key.Matches(msg, k.PrevUnread):
		m.moveToUnread(-1)
	case key.Matches(msg, k.MarkAllRead):
		m.markAllRead()
	case key.Matches(msg, k.ClearSearch):
		if !m.query.Empty() {
			m.c.send(queryMsg{})
		}
	}
	if m.cursor != before {
		m.c.send(previewMsg{})
	}
}

// noSearch says, when nothing is searched for, why n and N do nothing.
func (m *listModel) noSearch() bool {
	if m.query.HasTerms() {
		return false
	}
	m.c.say("no search to step through: / searches")
	return true
}

// open asks to read the article under the cursor.
func (m *listModel) open(land landing) {
	if doc := m.selectedDoc(); doc >= 0 {
		m.c.send(openMsg{doc: doc, land: land, anchor: -1})
	}
}

// searchLanding is where opening an article lands: its first match while
// searching, else where the reader left it.
func (m *listModel) searchLanding() landing {
	if m.query.HasTerms() {
		return landFirstMatch
	}
	return landResume
}

// moveToUnread moves the cursor to the next (+1) or previous (-1) unread
// article of the list.
func (m *listModel) moveToUnread(dir int) {
	if i, ok := m.unreadFrom(m.cursor, dir); ok {
		m.moveTo(i)
		return
	}
	if dir > 0 {
		m.c.say("no unread article below")
	} else {
		m.c.say("no unread article above")
	}
}

// unreadFrom finds the first unread item after (dir +1) or before (-1)
// item i.
func (m *listModel) unreadFrom(i, dir int) (int, bool) {
	for j := i + dir; j >= 0 && j < len(m.items); j += dir {
		if !m.c.state.Article(m.c.stateKey(m.items[j].Doc)).Read {
			return j, true
		}
	}
	return 0, false
}

// cancelMarkAll drops a pending "A again": any key but A, any click.
func (m *listModel) cancelMarkAll() {
	if m.confirmAll {
		m.confirmAll = false
		m.c.say("not marked")
	}
}

// markAllRead marks every listed article read, on the second A.
func (m *listModel) markAllRead() {
	unread := 0
	for _, h := range m.items {
		if !m.c.state.Article(m.c.stateKey(h.Doc)).Read {
			unread++
		}
	}
	switch {
	case unread == 0:
		m.c.say("every listed article is read")
	case !m.confirmAll:
		m.confirmAll = true
		m.c.say(fmt.Sprintf("A again marks %s read; any other key does not", plural(unread, "listed article", "listed articles")))
	default:
		m.confirmAll = false
		for _, h := range m.items {
			m.c.state.SetRead(m.c.stateKey(h.Doc), true)
		}
		m.c.say(fmt.Sprintf("marked %s read", plural(unread, "article", "articles")))
		if m.unreadOnly {
			m.refresh()
		}
		m.c.send(listChangedMsg{})
	}
}

// setQuery lists the results of q, best first, the cursor on the best; a
// query with no words lists every article again, the cursor kept.
func (m *listModel) setQuery(q store.Query) {
	m.query = q
	m.refresh()
	if q.HasTerms() {
		m.moveTo(0)
	}
}

// refresh rebuilds the items from the search and the filters, keeping the
// cursor on its article when it is still listed, else at the same place.
func (m *listModel) refresh() {
	prev := m.selectedDoc()
	m.snippets = nil
	m.items, m.results, m.empty, m.suggest, m.partial = m.listing()
	if prev < 0 || !m.selectDoc(prev) {
		m.clamp()
	}
}

// listing works out what the list shows now.
func (m *listModel) listing() (items []store.Hit, results int, empty []string, suggest string, partial bool) {
	lib, q := m.c.lib, m.query
	keep, err := lib.Filter(q)
	if err != nil {
		return nil, 0, []string{err.Error()}, "", false
	}
	filters := []func(doc int) bool{keep}
	if m.bookmarkedOnly {
		filters = append(filters, func(doc int) bool { return m.c.state.Article(m.c.stateKey(doc)).Bookmarked })
	}
	if m.unreadOnly {
		filters = append(filters, func(doc int) bool { return !m.c.state.Article(m.c.stateKey(doc)).Read })
	}
	filters = slices.DeleteFunc(filters, func(f func(int) bool) bool { return f == nil })
	// the topic's own list needs no check of the topic: that was most of
	// a topic switch in a large library
	allowOnTopic := func(doc int) bool {
		for _, f := range filters {
			if !f(doc) {
				return false
			}
		}
		return true
	}
	allow := allowOnTopic
	if t := m.c.topic; t != noTopic {
		allow = func(doc int) bool { return lib.Coverage().Carries(doc, t) && allowOnTopic(doc) }
	}
	switch {
	case q.HasTerms():
		res := lib.Index().Search(q, m.c.maxResults, allow)
		items, results, partial = res.Hits, res.Total, res.Partial
	case m.c.topic != noTopic:
		onTopic := lib.Coverage().Articles(m.c.topic)
		items = make([]store.Hit, 0, len(onTopic))
		for _, d := range onTopic {
			if allowOnTopic(d) {
				items = append(items, store.Hit{Doc: d, Passage: -1})
			}
		}
	default:
		// a query of exclusions and topics alone narrows the list too
		if len(q.Not) > 0 || len(q.Topics) > 0 || len(q.NotTopics) > 0 {
			res := lib.Index().Search(q, 0, allow)
			items = res.Hits
		} else {
			items = make([]store.Hit, 0, lib.Len())
			for d := range lib.Len() {
				if allow(d) {
					items = append(items, store.Hit{Doc: d, Passage: -1})
				}
			}
		}
	}
	if !q.HasTerms() {
		results = len(items)
	}
	if (len(items) == 0 || partial) && q.HasTerms() {
		suggest = lib.Index().Suggest(q)
	}
	return items, results, m.emptyText(suggest), suggest, partial
}

// emptyText is what the list says when nothing is listed.
func (m *listModel) emptyText(suggest string) []string {
	q := m.query
	switch {
	case q.HasTerms():
		out := []string{fmt.Sprintf("no matches for “%s”", q.Raw)}
		if m.c.topic != noTopic {
			out[0] += " on " + m.c.topicName()
		}
		if suggest != "" {
			out = append(out, fmt.Sprintf("did you mean “%s”? tab takes it", suggest))
		}
		return out
	case m.bookmarkedOnly:
		return []string{"no bookmarked articles: s bookmarks one, S shows all again"}
	case m.unreadOnly:
		return []string{"nothing unread: U shows all again"}
	case m.c.topic != noTopic:
		return []string{"no articles on " + m.c.topicName()}
	}
	return []string{"no articles"}
}

// rowLines is the number of text lines of a row; a blank line follows each.
func (m *listModel) rowLines() int {
	if m.query.HasTerms() {
		return 3
	}
	return 2
}

func (m *listModel) rowHeight() int { return m.rowLines() + 1 }

// visibleRows is how many rows fit; the last row needs no blank line after it.
func (m *listModel) visibleRows() int {
	return max(1, (m.height+1)/m.rowHeight())
}

// selectedDoc is the article under the cursor, -1 for an empty list.
func (m *listModel) selectedDoc() int {
	if len(m.items) == 0 {
		return -1
	}
	return m.items[m.cursor].Doc
}

// selectedHit is the search hit under the cursor.
func (m *listModel) selectedHit() (store.Hit, bool) {
	if len(m.items) == 0 {
		return store.Hit{}, false
	}
	return m.items[m.cursor], true
}

// indexOf is the item of article doc, -1 when it is not listed.
func (m *listModel) indexOf(doc int) int {
	return slices.IndexFunc(m.items, func(h store.Hit) bool { return h.Doc == doc })
}

// selectDoc moves the cursor to article doc, if it is listed.
func (m *listModel) selectDoc(doc int) bool {
	if i := m.indexOf(doc); i >= 0 {
		m.moveTo(i)
		return true
	}
	return false
}

// moveTo puts the cursor on item i (clamped) and scrolls it into view.
func (m *listModel) moveTo(i int) {
	m.cursor = i
	m.clamp()
}

func (m *listModel) moveBy(n int) { m.moveTo(m.cursor + n) }

func (m *listModel) clamp() {
	m.cursor = min(max(m.cursor, 0), max(len(m.items)-1, 0))
	rows := m.visibleRows()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
	m.offset = min(max(m.offset, 0), max(len(m.items)-rows, 0))
}

// itemAt returns the item drawn at row y of the pane, or -1 for a gap.
func (m *listModel) itemAt(y int) int {
	if y < 0 || y%m.rowHeight() >= m.rowLines() {
		return -1
	}
	i := m.offset + y/m.rowHeight()
	if i >= len(m.items) {
		return -1
	}
	return i
}

// position is "3/5", for the footer.
func (m *listModel) position() string {
	if len(m.items) == 0 {
		return "0/0"
	}
	return fmt.Sprintf("%d/%d", m.cursor+1, len(m.items))
}

// mouse handles the wheel and clicks over the list: the wheel moves the
// cursor, a click selects a row and a click on the selected row opens it.
// y is the row within the pane.
func (m *listModel) mouse(msg tea.MouseMsg, y int) {
	before := m.cursor
	switch msg.Button {
	case tea.MouseButtonWheelDown:
		m.moveBy(1)
	case tea.MouseButtonWheelUp:
		m.moveBy(-1)
	case tea.MouseButtonLeft:
		i := m.itemAt(y)
		switch {
		case i < 0:
		case i == m.cursor:
			m.open(m.searchLanding())
		default:
			m.moveTo(i)
		}
	}
	if m.cursor != before {
		m.c.send(previewMsg{})
	}
}
