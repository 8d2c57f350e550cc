package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// handleKey routes a key to the screen that has the keys: the keys that
// work anywhere first, then, on the list and the reader, the keys they
// share, then the screen's panel.
func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.ForceQuit):
		return tea.Quit
	case key.Matches(msg, k.Suspend):
		if t := m.terminal; t != nil {
			// the shell gets its screen back before the process stops
			return tea.Sequence(func() tea.Msg { t.Release(); return nil }, tea.Suspend)
		}
		return tea.Suspend
	}
	s := m.screen()
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !s.prompt {
		// keys that arrive in one read (a held key over a slow link, a
		// fast typist) come as one message; each is a key here, handled on
		// the screen the one before it left
		cmds := make([]tea.Cmd, 0, len(msg.Runes))
		for _, r := range msg.Runes {
			cmds = append(cmds, m.process(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
		}
		return tea.Batch(cmds...)
	}
	m.status = ""
	if !key.Matches(msg, k.MarkAllRead) || !s.listing() || s.prompt {
		m.list.cancelMarkAll()
	}
	if m.c.lib != nil && s.panel != panel(m.help) && key.Matches(msg, k.Help) {
		return m.openPanel(modeHelp) // from every screen, prompts too: ? is no word to search for
	}
	if s.kind == panes && !s.prompt {
		if cmd, done := m.sharedKey(msg, s); done {
			return cmd
		}
	}
	if p, ok := s.panel.(headerPrompt); ok {
		p.fit(m.contextRoom())
	}
	return s.panel.Update(msg)
}

// sharedKey handles the keys that work alike in the list and the reader:
// filters, marks, the panels, history, links, feeds. done is false for the
// keys the focused pane handles itself.
func (m *Model) sharedKey(msg tea.KeyMsg, s screen) (cmd tea.Cmd, done bool) {
	k := m.c.keys
	reading := s.reading()
	for mo, sc := range m.table {
		if sc.opens != nil && key.Matches(msg, *sc.opens) {
			return m.openPanel(mode(mo)), true
		}
	}
	switch {
	case !reading && key.Matches(msg, k.Quit):
		return tea.Quit, true
	case !reading && key.Matches(msg, k.Search), reading && key.Matches(msg, k.Find):
		return m.openPrompt(reading), true
	case key.Matches(msg, k.TopicFilter):
		if m.notReady("the topic filter") {
			return nil, true
		}
		t := keyIndex(k.TopicFilter, msg) // the first key the first topic, whatever the keys
		if n := len(m.c.lib.Topics()); t >= n {
			m.status = fmt.Sprintf("no topic %d: the topics are 1-%d", t+1, n)
			return nil, true
		}
		m.setTopic(t)
		return m.preview(), true
	case reading && key.Matches(msg, k.MarkAllRead):
		m.status = "A marks the listed articles read from the list: esc goes there"
		return nil, true
	case key.Matches(msg, k.ClearTopic):
		if m.c.topic == noTopic {
			m.status = "no topic filter to clear"
			return nil, true
		}
		m.setTopic(noTopic)
		return m.preview(), true
	case key.Matches(msg, k.BookmarkedOnly):
		if m.notReady("showing bookmarks") {
			return nil, true
		}
		m.list.toggleBookmarkedOnly()
		return m.preview(), true
	case key.Matches(msg, k.Order):
		if m.notReady("ordering the list") {
			return nil, true
		}
		m.status = "the list: " + m.list.cycleOrder()
		return m.preview(), true
	case key.Matches(msg, k.UnreadOnly):
		if m.notReady("showing unread articles") {
			return nil, true
		}
		m.list.toggleUnreadOnly()
		return m.preview(), true
	case key.Matches(msg, k.ToggleRead):
		m.toggleRead()
		return nil, true
	case key.Matches(msg, k.Bookmark):
		m.toggleBookmark()
		return nil, true
	case key.Matches(msg, k.OpenLink):
		return m.openURL(m.articleURL()), true
	case key.Matches(msg, k.CopyLink):
		m.copyURL(m.articleURL())
		return nil, true
	case key.Matches(msg, k.FetchFeeds):
		return m.startFetch(), true
	case key.Matches(msg, k.HistoryBack):
		return m.goBack(), true
	case key.Matches(msg, k.HistoryForward):
		return m.goForward(), true
	case key.Matches(msg, k.SwitchFocus):
		return m.switchFocus(), true
	case key.Matches(msg, k.SwitchBack):
		if !m.layout.split && !reading {
			m.status = "already at the list: tab opens the article"
			return nil, true
		}
		return m.switchFocus(), true
	case key.Matches(msg, k.NextNew):
		return m.goToNew(reading), true
	case key.Matches(msg, k.StoryList):
		if m.notReady("listing by story") {
			return nil, true
		}
		m.status = m.list.toggleStories()
		return m.preview(), true
	case reading && key.Matches(msg, k.NextUnread):
		return m.openUnread(1), true
	case reading && key.Matches(msg, k.PrevUnread):
		return m.openUnread(-1), true
	}
	return nil, false
}

// openPrompt opens the library search over the list, or, in the reader, a
// search within the article.
func (m *Model) openPrompt(reading bool) tea.Cmd {
	if reading {
		m.mode = modeFind
		m.findFrom = m.reader.top
		return m.find.open("")
	}
	if m.notReady("search") {
		return nil
	}
	from := &searchStart{cursor: m.list.selectedDoc()}
	from.reading, from.shown = m.reader.here()
	m.searchFrom = from
	m.mode = modeSearch
	return m.search.open(m.search.value())
}

// setTopic filters the list to articles on topic, or clears the filter for
// noTopic or the topic already active (the number keys toggle). The
// article being read stays where it is: a filter changes the list only.
func (m *Model) setTopic(topic int) {
	if topic == m.c.topic || topic >= len(m.c.lib.Topics()) {
		topic = noTopic
	}
	m.c.topic = topic
	m.list.refresh()
}

// switchFocus moves the keys between the list and the reader. On one pane
// tab opens the article under the cursor, and from the reader goes back.
func (m *Model) switchFocus() tea.Cmd {
	if m.screen().reading() {
		return m.focusList()
	}
	doc := m.list.selectedDoc()
	if doc < 0 {
		m.status = "no article to read"
		return nil
	}
	if m.layout.split && doc == m.reader.doc {
		m.mode = modeReader // already beside the list: keep its place
		return m.renderVisible()
	}
	return m.jump(openMsg{doc: doc, land: m.list.searchLanding(), anchor: -1})
}

// goToNew moves the list to the next article the last fetch brought that
// is unread, or, in the reader, opens it.
func (m *Model) goToNew(reading bool) tea.Cmd {
	if m.notReady("finding what is new") {
		return nil
	}
	if reading {
		m.list.selectDoc(m.reader.doc)
	}
	doc, ok := m.list.nextNew()
	switch {
	case !ok && m.c.newCount() > 0:
		m.status = "nothing new is listed: the filters hide it"
		return nil
	case !ok:
		m.status = "nothing new: R fetches the feeds"
		return nil
	case reading:
		return m.jump(openMsg{doc: doc, land: landResume, anchor: -1})
	}
	return m.preview()
}

// openUnread opens the next (+1) or previous (-1) unread article of the
// list after the one being read.
func (m *Model) openUnread(dir int) tea.Cmd {
	doc, ok := m.list.unreadAfter(m.reader.doc, dir)
	if !ok {
		m.status = "no unread article after this one"
		if dir < 0 {
			m.status = "no unread article before this one"
		}
		return nil
	}
	return m.jump(openMsg{doc: doc, land: landResume, anchor: -1})
}

// handleMouse routes the mouse to the screen shown: an overlay's panel, or
// the pane under the pointer. Nothing reaches a pane that is not on screen.
func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if m.layout.tooSmall || m.c.lib == nil || msg.Action != tea.MouseActionPress {
		return nil
	}
	m.status = "" // what it said was about the screen the press changes
	if msg.Button == tea.MouseButtonLeft {
		m.list.cancelMarkAll()
	}
	y := msg.Y - headerHeight
	if y < 0 || y >= m.layout.bodyHeight {
		return nil
	}
	s := m.screen()
	if s.kind == overlay {
		return s.panel.Mouse(msg, y)
	}
	return m.paneMouse(msg, y, s)
}

// paneMouse handles the mouse over the panes: the wheel scrolls the pane
// under the pointer, a click there gives it the keys. While a search is
// typed, a click on a result ends the typing there and opens it; while a
// find is typed, the list is not on screen.
func (m *Model) paneMouse(msg tea.MouseMsg, y int, s screen) tea.Cmd {
	overList := m.layout.split && msg.X < m.layout.listWidth || !m.layout.split && s.focus == paneList
	click := msg.Button == tea.MouseButtonLeft
	switch {
	case !overList:
		if s.prompt && click {
			return nil // a click does not take the keys from a prompt
		}
		cmd := m.reader.Mouse(msg, y)
		if click && s.focus == paneList && m.reader.doc >= 0 {
			m.mode = modeReader
		}
		return cmd
	case s.prompt && s.focus == paneReader:
		return nil // a find is typed over the reader: the list is not its
	case s.prompt && click:
		if i := m.list.itemAt(y); i >= 0 {
			m.search.blur()
			m.mode = modeList
			m.list.moveTo(i)
			m.list.open(m.list.searchLanding())
		}
		return nil
	}
	if click && s.focus == paneReader {
		// a click on the list takes the keys there: the row clicked is
		// then the article shown and acted on
		m.mode = modeList
	}
	return m.list.Mouse(msg, y)
}
