package ui

import (
	"math"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.search.active {
		// bubbletea delivers keys that arrive in one read (a held key over a
		// slow link) as one message; each is a command here.
		cmds := make([]tea.Cmd, 0, len(msg.Runes))
		for _, r := range msg.Runes {
			cmds = append(cmds, m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
		}
		return tea.Batch(cmds...)
	}
	k := m.keys
	if key.Matches(msg, k.ForceQuit) {
		return tea.Quit
	}
	if m.showHelp {
		return m.helpKey(msg)
	}
	if m.search.active {
		return m.promptKey(msg)
	}
	if m.showCoverage {
		return m.coverageKey(msg)
	}
	if m.showRelated {
		return m.relatedKey(msg)
	}
	switch {
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpOffset = true, 0
		return nil
	case key.Matches(msg, k.TopicFilter):
		if m.notReady("the topic filter") {
			return nil
		}
		m.setTopic(int(msg.Runes[0] - '1'))
		return m.preview()
	case key.Matches(msg, k.ClearTopic):
		m.setTopic(noTopic)
		return m.preview()
	case key.Matches(msg, k.Coverage):
		if m.notReady("topic coverage") {
			return nil
		}
		m.openCoverage()
		m.clampCoverage()
		return nil
	case key.Matches(msg, k.Related):
		if m.notReady("related articles") {
			return nil
		}
		return m.openRelated()
	case key.Matches(msg, k.HistoryBack):
		return m.goBack()
	case key.Matches(msg, k.HistoryFwd):
		return m.goForward()
	case key.Matches(msg, k.ToggleRead):
		m.toggleRead()
		return nil
	case key.Matches(msg, k.Bookmark):
		m.toggleBookmark()
		return nil
	case key.Matches(msg, k.BookmarkedOnly):
		return m.toggleBookmarkedOnly()
	case key.Matches(msg, k.SwitchFocus):
		return m.switchFocus()
	case key.Matches(msg, k.Search):
		if m.notReady("search") {
			return nil
		}
		return m.openPrompt()
	}
	if m.focus == focusReader {
		return m.readerKey(msg)
	}
	return m.listKey(msg)
}

func (m *Model) helpKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Help), key.Matches(msg, k.Back):
		m.showHelp = false
	case key.Matches(msg, k.Down):
		m.helpOffset++
	case key.Matches(msg, k.Up):
		m.helpOffset = max(m.helpOffset-1, 0)
	case key.Matches(msg, k.PageDown):
		m.helpOffset += m.layout.bodyHeight / 2
	case key.Matches(msg, k.PageUp):
		m.helpOffset = max(m.helpOffset-m.layout.bodyHeight/2, 0)
	case key.Matches(msg, k.Top):
		m.helpOffset = 0
	case key.Matches(msg, k.Bottom):
		m.helpOffset = math.MaxInt
	}
	_, maxOffset := helpOverlay(m.keys, m.styles, m.layout.width, m.layout.bodyHeight, m.helpOffset)
	m.helpOffset = min(m.helpOffset, maxOffset)
	return nil
}

func (m *Model) switchFocus() tea.Cmd {
	if m.focus == focusReader {
		m.focus = focusList
		return nil
	}
	if m.reader.article == nil && !m.layout.split {
		return nil
	}
	m.focus = focusReader
	if m.reader.article == nil {
		m.showSelected(m.searchLanding())
	}
	return m.renderVisible()
}

func (m *Model) listKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	before := m.list.cursor
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.ClearSearch):
		m.clearSearch()
		return m.preview()
	case key.Matches(msg, k.Open):
		return m.openArticle(m.searchLanding())
	case key.Matches(msg, k.NextMatch):
		return m.openArticle(landFirstMatch)
	case key.Matches(msg, k.PrevMatch):
		return m.openArticle(landLastMatch)
	case key.Matches(msg, k.Down):
		m.list.moveBy(1)
	case key.Matches(msg, k.Up):
		m.list.moveBy(-1)
	case key.Matches(msg, k.Top):
		m.list.moveTo(0)
	case key.Matches(msg, k.Bottom):
		m.list.moveTo(len(m.list.items) - 1)
	case key.Matches(msg, k.PageDown):
		m.list.moveBy(m.list.visibleRows())
	case key.Matches(msg, k.PageUp):
		m.list.moveBy(-m.list.visibleRows())
	}
	if m.list.cursor != before {
		return m.preview()
	}
	return nil
}

func (m *Model) readerKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		m.focus = focusList
	case key.Matches(msg, k.Down):
		m.reader.lineDown(1)
	case key.Matches(msg, k.Up):
		m.reader.lineUp(1)
	case key.Matches(msg, k.PageDown):
		m.reader.pageDown()
	case key.Matches(msg, k.PageUp):
		m.reader.pageUp()
	case key.Matches(msg, k.Top):
		m.reader.top()
	case key.Matches(msg, k.Bottom):
		m.reader.bottom()
	case key.Matches(msg, k.NextArticle):
		return m.stepArticle(1)
	case key.Matches(msg, k.PrevArticle):
		return m.stepArticle(-1)
	case key.Matches(msg, k.NextMatch):
		return m.nextMatch(1)
	case key.Matches(msg, k.PrevMatch):
		return m.nextMatch(-1)
	case key.Matches(msg, k.NextTopicPassage):
		return m.topicPassage(1)
	case key.Matches(msg, k.PrevTopicPassage):
		return m.topicPassage(-1)
	}
	return nil
}

// topicPassage scrolls the reader to the next (+1) or previous (-1) passage
// on the active topic and marks it for a moment.
func (m *Model) topicPassage(dir int) tea.Cmd {
	p, ok := m.reader.topicPassage(dir)
	if !ok {
		name := m.lib.Topics[m.topic].Name
		if dir > 0 {
			m.status = "no more passages on " + name + " below"
		} else {
			m.status = "no passages on " + name + " above"
		}
		return nil
	}
	m.reader.viewport.SetYOffset(m.reader.doc.passageLines[p])
	return m.flashPassage(p)
}

// flashPassage marks passage p in the reader until flashFor has passed.
func (m *Model) flashPassage(p int) tea.Cmd {
	m.reader.flash = p
	m.reader.flashTop = m.reader.viewport.YOffset
	m.reader.flashGen++
	gen := m.reader.flashGen
	if m.flashFor < 0 {
		return nil
	}
	return tea.Tick(m.flashFor, func(time.Time) tea.Msg { return flashDoneMsg{gen} })
}

// stepArticle opens the next (+1) or previous (-1) article of the list.
func (m *Model) stepArticle(delta int) tea.Cmd {
	if m.list.selected() != m.reader.article && m.reader.article != nil {
		m.list.selectArticle(m.reader.at)
	}
	before := m.list.cursor
	m.list.moveBy(delta)
	if m.list.cursor == before {
		if delta > 0 {
			m.status = "this is the last article"
		} else {
			m.status = "this is the first article"
		}
		return nil
	}
	return m.openArticle(m.searchLanding())
}

func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if m.showHelp || m.layout.tooSmall || msg.Action != tea.MouseActionPress {
		return nil
	}
	y := msg.Y - headerHeight
	if y < 0 || y >= m.layout.bodyHeight {
		return nil
	}
	overList := m.focus == focusList && !m.layout.split || m.layout.split && msg.X < m.layout.listWidth
	overReader := m.readerVisible() && !overList
	switch msg.Button {
	case tea.MouseButtonWheelDown, tea.MouseButtonWheelUp:
		down := msg.Button == tea.MouseButtonWheelDown
		if overReader {
			if down {
				m.reader.lineDown(wheelLines)
			} else {
				m.reader.lineUp(wheelLines)
			}
			return nil
		}
		before := m.list.cursor
		if down {
			m.list.moveBy(1)
		} else {
			m.list.moveBy(-1)
		}
		if m.list.cursor != before {
			return m.preview()
		}
	case tea.MouseButtonLeft:
		if overList {
			i := m.list.itemAt(y)
			if i < 0 {
				return nil
			}
			if i == m.list.cursor {
				return m.openArticle(m.searchLanding())
			}
			m.list.moveTo(i)
			return m.preview()
		}
		if overReader {
			m.focus = focusReader
		}
	}
	return nil
}
