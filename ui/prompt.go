package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// searchPlaceholder is what the library search's prompt shows empty.
const searchPlaceholder = "search: words, \"phrases\", -exclude, topic:name, source:name, since:7d, is:unread"

// maxQueryRunes bounds what a prompt accepts.
const maxQueryRunes = 200

// promptTarget says what a prompt searches.
type promptTarget int

const (
	searchLibrary promptTarget = iota // the library: the list filters and re-ranks as one types
	findInArticle                     // the article being read, less-style
)

// promptModel is a search prompt, drawn in the header: it sends the query
// on every change, so results follow the typing.
type promptModel struct {
	c      *common
	target promptTarget
	input  textinput.Model
	// naming holds the query while a name is typed to save it under
	// (SaveSearch); "" when not naming.
	naming  string
	over    panel   // the pane it is typed over, whose place the footer shows
	results results // what the search finds so far; nil for a find
}

// results is what a library search prompt knows of what its query finds.
type results interface {
	listed() int
	suggestion() string
}

// Messages of a prompt.
type (
	// findMsg is the search within the article as typed so far.
	findMsg struct{ text string }
	// promptDoneMsg closes a prompt; keep tells whether the query stays.
	promptDoneMsg struct {
		target promptTarget
		keep   bool
	}
	// listMoveMsg moves the list's cursor while a prompt has the keys.
	listMoveMsg struct{ delta int }
	// completeMsg asks for the search's suggested correction.
	completeMsg struct{}
)

func newPromptModel(c *common, target promptTarget, over panel, res results) *promptModel {
	ti := textinput.New()
	ti.Prompt = "/"
	ti.Placeholder = searchPlaceholder
	if target == findInArticle {
		ti.Prompt = "find: "
		ti.Placeholder = "words in this article"
	}
	ti.CharLimit = maxQueryRunes
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.PromptStyle = c.styles.Prompt
	ti.TextStyle = c.styles.Prompt
	ti.PlaceholderStyle = c.styles.HeaderInfo
	return &promptModel{c: c, target: target, input: ti, over: over, results: res}
}

// open gives the prompt the keys, with text to edit.
func (m *promptModel) open(text string) tea.Cmd {
	m.input.SetValue(text)
	m.input.CursorEnd()
	return m.input.Focus()
}

// Update handles a key while the prompt has the keys.
func (m *promptModel) Update(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	if m.naming != "" {
		return m.name(msg)
	}
	switch {
	case m.target == searchLibrary && key.Matches(msg, k.SaveSearch):
		if strings.TrimSpace(m.input.Value()) == "" {
			m.c.say("type a query first: ctrl+s saves it under a name")
			return nil
		}
		m.naming = m.input.Value()
		m.input.Prompt, m.input.Placeholder = "save as: ", "a name for this search"
		m.input.SetValue("")
		return nil
	case key.Matches(msg, k.PromptAccept):
		m.input.Blur()
		m.c.send(promptDoneMsg{target: m.target, keep: true})
		return nil
	case key.Matches(msg, k.PromptCancel):
		m.input.Blur()
		m.input.SetValue("")
		m.c.send(promptDoneMsg{target: m.target})
		return nil
	case m.target == searchLibrary && key.Matches(msg, k.PromptDown):
		m.c.send(listMoveMsg{delta: 1})
		return nil
	case m.target == searchLibrary && key.Matches(msg, k.PromptUp):
		m.c.send(listMoveMsg{delta: -1})
		return nil
	case m.target == searchLibrary && key.Matches(msg, k.PromptComplete):
		m.c.send(completeMsg{})
		return nil
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() != before {
		m.changed()
	}
	return cmd
}

// name takes a key while a name for the search is typed: enter saves it,
// esc goes back to the query.
func (m *promptModel) name(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	done := func() {
		m.input.Prompt, m.input.Placeholder = "/", searchPlaceholder
		m.input.SetValue(m.naming)
		m.input.CursorEnd()
		m.naming = ""
	}
	switch {
	case key.Matches(msg, k.PromptAccept):
		name, query := strings.TrimSpace(m.input.Value()), m.naming
		done()
		if name == "" {
			m.c.say("not saved: a search needs a name")
			return nil
		}
		m.c.send(SaveSearchMsg{Name: name, Query: query})
		return nil
	case key.Matches(msg, k.PromptCancel):
		done()
		m.c.say("not saved")
		return nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

// value is the text typed.
func (m *promptModel) value() string { return m.input.Value() }

// set puts text in the prompt without sending it.
func (m *promptModel) set(text string) {
	m.input.SetValue(text)
	m.input.CursorEnd()
}

// clear empties the prompt.
func (m *promptModel) clear() { m.input.SetValue("") }

// blur ends the typing; the text stays.
func (m *promptModel) blur() { m.input.Blur() }

// Mouse does nothing: the panes under the prompt take the mouse.
func (m *promptModel) Mouse(tea.MouseMsg, int) tea.Cmd { return nil }

// SetSize does nothing: the prompt fits itself into the header (fit).
func (m *promptModel) SetSize(int, int) {}

// ShortHelp is the prompt's hints: moving through the results while there
// are some, taking the suggestion when there is one.
func (m *promptModel) ShortHelp() []key.Binding {
	k := m.c.keys
	if m.naming != "" {
		return []key.Binding{relabel(k.PromptAccept, "save"), relabel(k.PromptCancel, "back to the query")}
	}
	many, suggested := m.results != nil && m.results.listed() > 1, m.results != nil && m.results.suggestion() != ""
	return []key.Binding{k.PromptAccept, k.PromptCancel, enabled(k.PromptDown, many), enabled(k.PromptUp, many), enabled(k.PromptComplete, suggested),
		enabled(k.SaveSearch, m.results != nil && m.input.Value() != "")}
}

// FullHelp is the prompt's keys.
func (m *promptModel) FullHelp() []helpSection {
	k := m.c.keys
	bs := []key.Binding{k.PromptAccept, k.PromptCancel}
	if m.results != nil {
		bs = append(bs, k.PromptComplete, k.PromptDown, k.PromptUp, k.SaveSearch)
	}
	return []helpSection{{helpSearch, bs}}
}

// Status is the place in the pane the prompt is typed over.
func (m *promptModel) Status() string { return m.over.Status() }

// replace puts text in the prompt, as if typed.
func (m *promptModel) replace(text string) {
	m.input.SetValue(text)
	m.input.CursorEnd()
	m.changed()
}

// changed sends the query as it stands.
func (m *promptModel) changed() {
	if m.target == findInArticle {
		m.c.send(findMsg{text: m.input.Value()})
		return
	}
	m.c.send(queryMsg{text: m.input.Value(), typing: true})
}

// fit gives the prompt its room in the header, so that the text scrolls to
// keep the cursor in view as it is typed or edited.
func (m *promptModel) fit(room int) {
	m.input.Width = max(room-len(m.input.Prompt)-1, 1)
}

// View draws the prompt at the width it was fitted to.
func (m *promptModel) View() string { return m.input.View() }

// viewIn draws the prompt in width cells, in the header.
func (m *promptModel) viewIn(width int) string {
	in := m.input
	in.Width = max(width-len(in.Prompt)-1, 1)
	return in.View()
}
