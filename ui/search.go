package ui

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"dispatch/store"
)

// maxQueryRunes bounds what the prompt accepts.
const maxQueryRunes = 200

// maxListedResults bounds the search results the list holds. Ranking every
// match and finding the passage of each would take a keystroke a tenth of
// a second in a library of 100,000 where a word is in every article; no one
// pages past the best thousand.
const maxListedResults = 1000

// searchModel is the search prompt and the query it has applied.
type searchModel struct {
	input   textinput.Model
	active  bool        // the prompt has the keys
	query   store.Query // applied to the list and the reader
	results int         // articles matching, of which the list holds the best
	message []string    // the list's text when it is empty
}

func newSearchModel(s Styles) searchModel {
	ti := textinput.New()
	ti.Prompt = "/"
	ti.Placeholder = "search: words, \"phrases\", -exclude"
	ti.CharLimit = maxQueryRunes
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.PromptStyle = s.Prompt
	ti.TextStyle = s.Prompt
	ti.PlaceholderStyle = s.HeaderInfo
	return searchModel{input: ti}
}

func (s *searchModel) setWidth(width int) {
	s.input.Width = max(width/2, 10)
}

// openPrompt gives the keys to the search prompt, keeping the current query
// text for editing.
func (m *Model) openPrompt() tea.Cmd {
	m.search.active = true
	m.focus = focusList
	return m.search.input.Focus()
}

// promptKey handles a key while the prompt is open: the query is applied on
// every change, so the list filters and re-ranks as the user types.
func (m *Model) promptKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.PromptAccept):
		m.search.active = false
		m.search.input.Blur()
		return m.preview()
	case key.Matches(msg, k.PromptCancel):
		m.clearSearch()
		return m.preview()
	case key.Matches(msg, k.PromptDown):
		m.list.moveBy(1)
		return m.preview()
	case key.Matches(msg, k.PromptUp):
		m.list.moveBy(-1)
		return m.preview()
	}
	before := m.search.input.Value()
	var cmd tea.Cmd
	m.search.input, cmd = m.search.input.Update(msg)
	if m.search.input.Value() != before {
		m.applyQuery(m.search.input.Value())
		return tea.Batch(cmd, m.preview())
	}
	return cmd
}

// applyQuery runs text as a search: the list shows the hits, best first, and
// the reader highlights the matches. Clearing the query keeps the cursor on
// its article.
func (m *Model) applyQuery(text string) {
	ix := m.lib.Index
	// the word being typed counts as a prefix, so results appear as it grows
	m.search.query = ix.Expand(ix.Analyzer().ParseTyping(text))
	m.refreshList(!m.search.query.Empty())
	m.reader.setQuery(m.search.query)
}

// clearSearch drops the query and shows every article again (on the active
// topic), keeping the cursor on the article it was on.
func (m *Model) clearSearch() {
	m.search.active = false
	m.search.input.Blur()
	m.search.input.SetValue("")
	m.applyQuery("")
}

// nextMatch moves to the next (+1) or previous (-1) match in the reader,
// crossing into the next or previous article of the results at either end.
func (m *Model) nextMatch(dir int) tea.Cmd {
	moved := false
	if dir > 0 {
		moved = m.reader.nextMatch()
	} else {
		moved = m.reader.prevMatch()
	}
	if moved {
		return nil
	}
	before := m.list.cursor
	if m.list.selected() != m.reader.article {
		m.list.selectArticle(m.reader.at)
		before = m.list.cursor
	}
	m.list.moveBy(dir)
	if m.list.cursor == before {
		if dir > 0 {
			m.status = "no more matches after this one"
		} else {
			m.status = "no matches before this one"
		}
		return nil
	}
	land := landFirstMatch
	if dir < 0 {
		land = landLastMatch
	}
	return m.openArticle(land)
}
