package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// maxKeysBeforeLoading bounds the keys kept while the library loads.
const maxKeysBeforeLoading = 64

// handleKey routes a key to the mode that has the keys.
func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.ForceQuit):
		return tea.Quit
	case key.Matches(msg, k.Suspend):
		return tea.Suspend
	}
	prompt := m.mode == modeSearch || m.mode == modeFind
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !prompt {
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
	if !key.Matches(msg, k.MarkAllRead) || m.mode != modeList {
		m.list.cancelMarkAll()
	}
	if (m.mode == modeSearch || m.mode == modeFind) && key.Matches(msg, k.Help) {
		return m.openPanel(modeHelp) // ? is no word to search for
	}
	switch m.mode {
	case modeLoading:
		return m.loadingKey(msg)
	case modeSearch:
		m.search.fit(m.contextRoom())
		return m.search.Update(msg)
	case modeFind:
		m.find.fit(m.contextRoom())
		return m.find.Update(msg)
	case modeHelp:
		m.help.Update(msg)
		return nil
	}
	if key.Matches(msg, k.Help) {
		return m.openPanel(modeHelp)
	}
	switch m.mode {
	case modeCoverage:
		m.coverage.Update(msg)
		return nil
	case modeRelated:
		m.related.Update(msg)
		return nil
	case modeWarnings:
		m.warnings.Update(msg)
		return nil
	case modeLinks:
		m.links.Update(msg)
		return nil
	}
	if cmd, done := m.globalKey(msg); done {
		return cmd
	}
	if m.mode == modeReader {
		m.reader.Update(msg)
		return nil
	}
	m.list.Update(msg)
	return nil
}

// loadingKey keeps a key typed before the library came, to act on it once
// it has; q and ctrl+c quit at once.
func (m *Model) loadingKey(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.c.keys.Quit) {
		return tea.Quit
	}
	if len(m.queued) < maxKeysBeforeLoading {
		m.queued = append(m.queued, msg)
	}
	m.status = "your articles are loading (" + m.loadProgress() + ")"
	return nil
}

// globalKey handles the keys that work alike in the list and the reader.
// done is false for the keys the focused pane handles itself.
func (m *Model) globalKey(msg tea.KeyMsg) (cmd tea.Cmd, done bool) {
	k := m.c.keys
	reading := m.mode == modeReader
	switch {
	case !reading && key.Matches(msg, k.Quit):
		return tea.Quit, true
	case key.Matches(msg, k.Search):
		return m.openPrompt(), true
	case key.Matches(msg, k.TopicFilter):
		if m.notReady("the topic filter") {
			return nil, true
		}
		t := int(msg.Runes[0] - '1')
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
		m.list.bookmarkedOnly = !m.list.bookmarkedOnly
		m.list.refresh()
		return m.preview(), true
	case key.Matches(msg, k.UnreadOnly):
		if m.notReady("showing unread articles") {
			return nil, true
		}
		m.list.unreadOnly = !m.list.unreadOnly
		m.list.refresh()
		return m.preview(), true
	case key.Matches(msg, k.ToggleRead):
		m.toggleRead()
		return nil, true
	case key.Matches(msg, k.Bookmark):
		m.toggleBookmark()
		return nil, true
	case key.Matches(msg, k.Coverage):
		if m.notReady("topic coverage") {
			return nil, true
		}
		return m.openPanel(modeCoverage), true
	case key.Matches(msg, k.Related):
		if m.notReady("related articles") {
			return nil, true
		}
		return m.openPanel(modeRelated), true
	case key.Matches(msg, k.Warnings):
		return m.openPanel(modeWarnings), true
	case key.Matches(msg, k.OpenLink):
		return m.openURL(m.articleURL()), true
	case key.Matches(msg, k.CopyLink):
		m.copyURL(m.articleURL())
		return nil, true
	case key.Matches(msg, k.Links):
		return m.openPanel(modeLinks), true
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
	case reading && key.Matches(msg, k.NextUnread):
		return m.openUnread(1), true
	case reading && key.Matches(msg, k.PrevUnread):
		return m.openUnread(-1), true
	}
	return nil, false
}

// openPrompt opens the library search over the list, or, in the reader, a
// search within the article.
func (m *Model) openPrompt() tea.Cmd {
	if m.mode == modeReader {
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
	return m.search.open(m.search.input.Value())
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
	if m.mode == modeReader {
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

// openUnread opens the next (+1) or previous (-1) unread article of the
// list after the one being read.
func (m *Model) openUnread(dir int) tea.Cmd {
	i := m.list.indexOf(m.reader.doc)
	if i < 0 { // not listed: from the top, or from the bottom going back
		i = -1
		if dir < 0 {
			i = len(m.list.items)
		}
	}
	j, ok := m.list.unreadFrom(i, dir)
	if !ok {
		m.status = "no unread article after this one"
		if dir < 0 {
			m.status = "no unread article before this one"
		}
		return nil
	}
	return m.jump(openMsg{doc: m.list.items[j].Doc, land: landResume, anchor: -1})
}

// handleMouse routes the mouse to the mode that has it: the wheel scrolls
// what is under the pointer on that screen, a click selects there. Nothing
// reaches a pane that is not on screen.
func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if m.layout.tooSmall || m.c.lib == nil || msg.Action != tea.MouseActionPress {
		return nil
	}
	if msg.Button == tea.MouseButtonLeft {
		m.list.cancelMarkAll()
	}
	y := msg.Y - headerHeight
	if y < 0 || y >= m.layout.bodyHeight {
		return nil
	}
	overList := m.layout.split && msg.X < m.layout.listWidth || !m.layout.split && m.mode != modeReader && m.mode != modeFind
	switch m.mode {
	case modeHelp:
		m.help.mouse(msg)
	case modeCoverage:
		m.coverage.mouse(msg, y)
	case modeRelated:
		m.related.mouse(msg, y)
	case modeWarnings:
		m.warnings.mouse(msg)
	case modeLinks:
		m.links.mouse(msg, y)
	case modeSearch:
		if !overList {
			if m.layout.split && msg.Button != tea.MouseButtonLeft {
				m.reader.mouse(msg) // the wheel reads on while one types
			}
			return nil
		}
		switch msg.Button {
		case tea.MouseButtonWheelDown, tea.MouseButtonWheelUp:
			m.list.mouse(msg, y)
		case tea.MouseButtonLeft:
			// a click on a result ends the typing there
			if i := m.list.itemAt(y); i >= 0 {
				m.search.input.Blur()
				m.mode = modeList
				m.list.moveTo(i)
				m.list.open(m.list.searchLanding())
			}
		}
	case modeFind:
		if !overList {
			m.reader.mouse(msg)
		}
	case modeList, modeReader:
		if overList {
			if msg.Button == tea.MouseButtonLeft && m.mode == modeReader {
				// a click on the list takes the keys there: the row
				// clicked is then the article shown and acted on
				m.mode = modeList
			}
			m.list.mouse(msg, y)
			return nil
		}
		m.reader.mouse(msg)
		if msg.Button == tea.MouseButtonLeft && m.mode == modeList && m.reader.doc >= 0 {
			m.mode = modeReader
		}
	}
	return nil
}
