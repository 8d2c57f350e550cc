package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"dispatch/store"
)

// LoadProgressMsg reports how far loading a large library in the background
// has come: files done of files in all.
type LoadProgressMsg struct{ Done, Total int }

// LibraryLoadedMsg brings the library loaded in the background, with a
// renderer for it: the first, or one to replace the provisional catalog the
// reader started with.
type LibraryLoadedMsg struct {
	Library  *store.Library
	Renderer *Renderer
}

// useLibrary makes lib, drawn by r, the reader's library, with a fresh
// list and reader pane; the command renders what is to be seen.
func (m *Model) useLibrary(lib *store.Library, r *Renderer) tea.Cmd {
	m.c.setLibrary(lib, r)
	m.list = newListModel(m.c)
	m.reader = newReaderModel(m.c)
	m.mode = modeList
	m.under = nil
	if !lib.Provisional() { // a provisional library cannot name the saved articles yet
		m.restoreSaved()
	}
	for _, w := range lib.Warnings() {
		m.warnings.add(w.String())
	}
	if w, h := m.layout.width, m.layout.height; w > 0 {
		return m.resize(w, h)
	}
	return nil
}

// libraryLoaded takes the library that has come: the first one, or the
// indexed one in place of the catalog.
func (m *Model) libraryLoaded(msg LibraryLoadedMsg) tea.Cmd {
	if m.c.lib != nil {
		return m.swapLibrary(msg)
	}
	m.status = ""
	cmds := []tea.Cmd{m.useLibrary(msg.Library, msg.Renderer), warm(m.c.lib)}
	m.noteWarnings()
	// what was typed while the library loaded, now
	queued := m.queued
	m.queued = nil
	for _, k := range queued {
		cmds = append(cmds, m.process(k))
	}
	return tea.Batch(cmds...)
}

// swapLibrary replaces the provisional library with the loaded one,
// keeping what the reader is doing: the article under the cursor, the one
// being read and where, the history, the search and the filters. Articles
// are matched by file, as numbers may change when files turn out broken.
func (m *Model) swapLibrary(msg LibraryLoadedMsg) tea.Cmd {
	old := m.c.lib
	docOf := make(map[string]int, msg.Library.Len())
	for d := range msg.Library.Len() {
		docOf[msg.Library.Article(d).Path] = d
	}
	remap := func(doc int) (int, bool) {
		if doc < 0 {
			return -1, false
		}
		d, ok := docOf[old.Article(doc).Path]
		return d, ok
	}
	remapPlaces := func(ps []place) []place {
		var out []place
		for _, p := range ps {
			if d, ok := remap(p.doc); ok {
				p.doc = d
				out = append(out, p)
			}
		}
		return out
	}
	selected, hadSelection := remap(m.list.selectedDoc())
	reading, wasReading := m.reader.here()
	readingDoc, stillThere := remap(reading.doc)
	mode := m.mode
	lists := struct{ bookmarked, unread bool }{m.list.bookmarkedOnly, m.list.unreadOnly}

	m.c.setLibrary(msg.Library, msg.Renderer)
	m.list = newListModel(m.c)
	m.list.bookmarkedOnly, m.list.unreadOnly = lists.bookmarked, lists.unread
	m.reader = newReaderModel(m.c)
	m.hist.back, m.hist.forward = remapPlaces(m.hist.back), remapPlaces(m.hist.forward)
	m.mode, m.under = modeList, nil
	var resized tea.Cmd
	if w, h := m.layout.width, m.layout.height; w > 0 {
		resized = m.resize(w, h)
	}
	m.setQuery(m.search.input.Value(), true)
	if hadSelection {
		m.list.selectDoc(selected)
	}
	switch {
	case wasReading && stillThere:
		reading.doc = readingDoc
		m.reader.openAt(reading)
		if mode == modeReader || mode == modeFind {
			m.mode = modeReader
		}
	case !wasReading:
		m.restoreSaved()
	}
	if mode == modeSearch {
		m.mode = modeSearch
	}
	for _, w := range msg.Library.Warnings() {
		m.warnings.add(w.String())
	}
	m.status = fmt.Sprintf("indexed %d articles", m.c.lib.Len())
	m.noteWarnings()
	return tea.Batch(resized, m.preview(), m.renderVisible(), warm(m.c.lib))
}

// noteWarnings shows the first warning in the footer; w lists them all.
func (m *Model) noteWarnings() {
	if n := len(m.warnings.items); n > 0 {
		note := m.warnings.items[0]
		if n > 1 {
			note += fmt.Sprintf(" (+%d more: w lists them)", n-1)
		}
		if m.status != "" {
			note = m.status + " · " + note
		}
		m.status = note
	}
}

// notReady reports, and says in the footer, that a feature waits for the
// library to be indexed.
func (m *Model) notReady(what string) bool {
	if !m.c.lib.Provisional() {
		return false
	}
	m.status = fmt.Sprintf("%s works once your articles are indexed (%s)", what, m.loadProgress())
	return true
}

// loadProgress is "37%" while loading, for the header and messages.
func (m *Model) loadProgress() string {
	if m.loadTotal == 0 {
		return "…"
	}
	return fmt.Sprintf("%d%%", m.loadDone*100/m.loadTotal)
}
