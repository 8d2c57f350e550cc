package ui

import (
	"fmt"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"dispatch/internal/recovered"
	"dispatch/internal/termout"
	"dispatch/store"
)

// Messages from outside the reader's own work: saving a search, and news
// from main (the on-new command's trouble).
type (
	// SaveSearchMsg asks the reader to keep Query under Name among the
	// saved searches (the configuration's searches:), with
	// Options.SaveSearch; the footer says how it went. A key or a prompt
	// sends it.
	SaveSearchMsg struct{ Name, Query string }

	// NoticeMsg is a line for the footer and the warnings panel (w): main
	// sends it when something it runs for the reader went wrong, such as
	// the on-new command after a fetch.
	NoticeMsg struct{ Text string }

	// searchSavedMsg is how saving a search went.
	searchSavedMsg struct {
		name, query string
		err         error
	}
)

// SaveSearchFunc keeps query under name among the saved searches.
type SaveSearchFunc func(name, query string) error

// handleOutside handles the messages above; ok is false for any other.
func (m *Model) handleOutside(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case SaveSearchMsg:
		return m.saveSearch(msg), true
	case searchSavedMsg:
		if msg.err != nil {
			m.status = termout.OneLine(msg.err.Error())
			m.warnings.add(m.status)
			return nil, true
		}
		m.status = fmt.Sprintf("saved the search %q", msg.name)
		i := slices.IndexFunc(m.c.searches, func(s store.SavedSearch) bool { return s.Name == msg.name })
		if i < 0 {
			m.c.searches = append(m.c.searches, store.SavedSearch{Name: msg.name})
			i = len(m.c.searches) - 1
		}
		m.c.searches[i].Query = msg.query
		return nil, true
	case NoticeMsg:
		m.status = termout.OneLine(msg.Text)
		m.warnings.add(m.status)
		return nil, true
	}
	return nil, false
}

// saveSearch saves a search off the reader's goroutine: it writes a file.
func (m *Model) saveSearch(msg SaveSearchMsg) tea.Cmd {
	save := m.saveSearchFn
	if save == nil {
		m.status = "saving searches is off: there is no configuration file to keep them in"
		return nil
	}
	return func() (out tea.Msg) {
		defer func() {
			if v := recover(); v != nil {
				out = searchSavedMsg{name: msg.Name, err: fmt.Errorf("saving the search failed: %w", recovered.Error(v))}
			}
		}()
		return searchSavedMsg{name: msg.Name, query: msg.Query, err: save(msg.Name, msg.Query)}
	}
}

// SearchCounts are the saved searches (Options.Searches and those saved
// since) with what each lists in the library now and how much of it is
// unread, as the list would list it; nil before the library has come.
// A fetch brings a new library: counted again, they are current.
func (m Model) SearchCounts() []store.SearchCount {
	if m.c.lib == nil {
		return nil
	}
	return m.c.lib.CountSearches(m.c.searches, m.c.listRequest())
}
