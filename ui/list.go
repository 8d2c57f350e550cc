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

	items   []store.Hit // in display order: the rows
	all     []store.Hit // every article listed, in order (by story, items are the stories' rows)
	query   store.Query // the search the items answer; empty for none
	results int         // articles matching the search, of which items hold the best
	empty   []string    // what to say when there are no items
	suggest string      // a corrected query when the search finds nothing
	partial bool        // no article has every word: these have the most

	bookmarkedOnly bool
	unreadOnly     bool
	order          store.Sort // SortDefault: by relevance, heaviest first on a topic, else newest
	scope          *scope     // the source the sources panel narrowed the list to; nil for all
	byStory        bool       // one row per story (V); groups says each row's place
	groups         []rowGroup
	unfolded       map[int]bool     // by the lead's number: the stories whose articles are listed
	sourceNames    map[int32]string // by lead doc: who reports a story, for the rows drawn
	confirmAll     bool             // A was pressed: A again marks every listed article read
	// lingering is an article just marked out of a filter (read while
	// unread only), listed until the cursor leaves it; lingers says there
	// is one.
	lingering int
	lingers   bool

	snippets map[int]store.Snippet // by doc, for the rows on screen
	cursor   int                   // index into items
	offset   int                   // first visible item
	width    int
	height   int
}

// newListModel makes the list; it lists nothing until a library comes
// (reset).
func newListModel(c *common) *listModel { return &listModel{c: c} }

// reset lists a new library from the top, keeping the filters a person
// chose (bookmarked only, unread only), the order and the list by story
// with the stories unfolded; the search is the root's to apply again.
func (m *listModel) reset() {
	*m = listModel{c: m.c, bookmarkedOnly: m.bookmarkedOnly, unreadOnly: m.unreadOnly, order: m.order, scope: m.scope,
		byStory: m.byStory, unfolded: m.unfolded, width: m.width, height: m.height}
	m.refresh()
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
func (m *listModel) Update(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	before := m.cursor
	if to, ok := k.moved(msg, m.cursor, m.visibleRows(), len(m.items)); ok {
		m.moveTo(to)
		if m.cursor != before {
			m.c.send(previewMsg{})
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Open):
		if !m.unfold(m.cursor) {
			m.open(m.searchLanding())
		}
	case key.Matches(msg, k.NextMatch):
		if !m.noSearch() {
			m.open(landFirstMatch)
		}
	case key.Matches(msg, k.PrevMatch):
		if !m.noSearch() {
			m.open(landLastMatch)
		}
	case key.Matches(msg, k.NextTopicPassage), key.Matches(msg, k.PrevTopicPassage):
		if m.c.topic == noTopic {
			m.c.say("no topic filter: the number keys pick one")
			return nil
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
		switch {
		case !m.query.Empty():
			m.c.send(queryMsg{})
		case m.scope != nil:
			m.setScope("", nil)
			m.c.say("every source again")
		}
	}
	if m.cursor != before {
		m.c.send(previewMsg{})
	}
	return nil
}

// ShortHelp is the list's hints: moving when there is somewhere to go,
// opening and acting on an article when one is listed.
func (m *listModel) ShortHelp() []key.Binding {
	k := m.c.keys
	some, many, indexed := len(m.items) > 0, len(m.items) > 1, !m.c.lib.Provisional()
	return []key.Binding{
		enabled(k.Down, many), enabled(k.Up, many), enabled(m.openBinding(), some),
		enabled(k.Search, indexed), enabled(k.TopicFilter, indexed),
		enabled(k.NextMatch, m.query.HasTerms()), enabled(k.ClearSearch, !m.query.Empty() || m.scope != nil),
		enabled(k.Bookmark, some), enabled(k.Related, some), k.Coverage, k.Warnings, k.Quit,
	}
}

// openBinding is Open as the footer offers it: on a folded story it
// unfolds.
func (m *listModel) openBinding() key.Binding {
	if m.foldedStory(m.cursor) {
		return relabel(m.c.keys.Open, "unfold the story")
	}
	return m.c.keys.Open
}

// FullHelp is the keys the list acts on itself.
func (m *listModel) FullHelp() []helpSection {
	k := m.c.keys
	return []helpSection{
		k.moveHelp(),
		{helpArticles, []key.Binding{k.Open, k.Quit}},
		{helpSearch, []key.Binding{k.Search, k.NextMatch, k.PrevMatch, k.ClearSearch}},
		{helpTopics, []key.Binding{k.NextTopicPassage, k.PrevTopicPassage}},
		{helpMarks, []key.Binding{k.MarkAllRead}},
	}
}

// Status is where the cursor is: "3/5".
func (m *listModel) Status() string { return m.position() }

// toggleBookmarkedOnly lists bookmarked articles only, or all again.
func (m *listModel) toggleBookmarkedOnly() {
	m.bookmarkedOnly, m.lingers = !m.bookmarkedOnly, false
	m.refresh()
}

// toggleUnreadOnly lists unread articles only, or all again.
func (m *listModel) toggleUnreadOnly() {
	m.unreadOnly, m.lingers = !m.unreadOnly, false
	m.refresh()
}

// listed is how many articles the list holds.
func (m *listModel) listed() int { return len(m.items) }

// suggestion is a corrected query when the search finds nothing.
func (m *listModel) suggestion() string { return m.suggest }

// unreadAfter is the next (+1) or previous (-1) unread article of the
// list after article doc; from the top (or the bottom) when doc is not
// listed.
func (m *listModel) unreadAfter(doc, dir int) (int, bool) {
	i := m.indexOf(doc)
	if i < 0 {
		i = -1
		if dir < 0 {
			i = len(m.items)
		}
	}
	j, ok := m.unreadFrom(i, dir)
	if !ok {
		return -1, false
	}
	return m.items[j].Doc, true
}

// hasAfter reports whether the list has an article after article doc (J
// and space at the end go there); any listed one when doc is not listed.
func (m *listModel) hasAfter(doc int) bool {
	i := m.indexOf(doc)
	return len(m.items) > 0 && (i < 0 || i < len(m.items)-1)
}

// neighbour is the article delta places from article doc in list order;
// the first (or, going back, the last) when doc is not listed.
func (m *listModel) neighbour(doc, delta int) (int, bool) {
	i := m.indexOf(doc)
	j := i + delta
	if i < 0 {
		j = 0
		if delta < 0 {
			j = len(m.items) - 1
		}
	}
	if j < 0 || j >= len(m.items) {
		return -1, false
	}
	return m.items[j].Doc, true
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
		if m.rowHas(j, m.c.unread) {
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
	for _, h := range m.all { // the articles folded into stories too
		if m.c.unread(h.Doc) {
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
		for _, h := range m.all {
			m.c.setRead(h.Doc, true)
		}
		m.c.say(fmt.Sprintf("marked %s read", plural(unread, "article", "articles")))
		if m.unreadOnly {
			m.refresh()
		}
		m.c.send(listChangedMsg{})
	}
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
	m.leftLingering()
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

// Mouse handles the wheel and clicks over the list: the wheel moves the
// cursor, a click selects a row and a click on the selected row opens it.
// y is the row within the pane.
func (m *listModel) Mouse(msg tea.MouseMsg, y int) tea.Cmd {
	before := m.cursor
	m.moveBy(wheelStep(msg))
	if msg.Button == tea.MouseButtonLeft {
		i := m.itemAt(y)
		switch {
		case i < 0:
		case i == m.cursor:
			if !m.unfold(i) {
				m.open(m.searchLanding())
			}
		default:
			m.moveTo(i)
		}
	}
	if m.cursor != before {
		m.c.send(previewMsg{})
	}
	return nil
}
