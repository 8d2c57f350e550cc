package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"dispatch/store"
)

// maxKeysBeforeLoading bounds the keys kept while the library loads.
const maxKeysBeforeLoading = 64

// loadingModel is the screen before the library has come: the header says
// how far loading is, and keys typed meanwhile are kept to act on once it
// is there (q quits at once).
type loadingModel struct {
	c             *common
	done, total   int // files loaded of all, in the background
	queued        []tea.KeyMsg
	width, height int
}

// progressed notes how far loading has come.
func (m *loadingModel) progressed(msg LoadProgressMsg) { m.done, m.total = msg.Done, msg.Total }

// progress is "37%" while loading, for the header and messages.
func (m *loadingModel) progress() string {
	if m.total == 0 {
		return "…"
	}
	return fmt.Sprintf("%d%%", m.done*100/m.total)
}

// drain hands over the keys typed while loading.
func (m *loadingModel) drain() []tea.KeyMsg {
	q := m.queued
	m.queued = nil
	return q
}

// Update keeps a key typed before the library came.
func (m *loadingModel) Update(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.c.keys.Quit) {
		return tea.Quit
	}
	if len(m.queued) < maxKeysBeforeLoading {
		m.queued = append(m.queued, msg)
	}
	m.c.say("your articles are loading (" + m.progress() + ")")
	return nil
}

// Mouse does nothing: there is nothing to point at yet.
func (m *loadingModel) Mouse(tea.MouseMsg, int) tea.Cmd { return nil }

// View is the empty body under the header's progress.
func (m *loadingModel) View() string { return fitBlock("", m.width, m.height) }

// SetSize gives the screen its size.
func (m *loadingModel) SetSize(width, height int) { m.width, m.height = width, height }

// ShortHelp offers quitting, the one key that acts now.
func (m *loadingModel) ShortHelp() []key.Binding { return []key.Binding{m.c.keys.Quit} }

// FullHelp adds nothing: the keys kept act on the screens they reach.
func (m *loadingModel) FullHelp() []helpSection { return nil }

// Status is empty: the header shows the progress.
func (m *loadingModel) Status() string { return "" }

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
	m.list.reset()
	m.reader.reset()
	m.mode = modeList
	m.under = nil
	if !lib.Provisional() { // a provisional library cannot name the saved articles yet
		m.restoreSaved()
	}
	m.takeWarnings(lib)
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
	cmds := []tea.Cmd{m.useLibrary(msg.Library, msg.Renderer), warm(m.c.lib), m.ready()}
	m.noteWarnings()
	// what was typed while the library loaded, now
	for _, k := range m.loading.drain() {
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
	back, forward := m.reader.history()

	m.c.setLibrary(msg.Library, msg.Renderer)
	m.list.reset() // the filters stay
	m.reader.reset()
	m.reader.setHistory(remapPlaces(back), remapPlaces(forward))
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
		if m.table[mode].reading() {
			m.mode = modeReader
		}
	case !wasReading:
		m.restoreSaved()
	}
	if s := m.table[mode]; s.prompt && s.listing() {
		m.mode = mode // typing a search goes on
	}
	m.takeWarnings(msg.Library)
	m.status = fmt.Sprintf("indexed %d articles", m.c.lib.Len())
	m.noteWarnings()
	return tea.Batch(resized, m.preview(), m.renderVisible(), warm(m.c.lib), m.ready())
}

// takeWarnings lists a library's warnings: a file skipped is one to act
// on; a repair (escapes removed, a long word broken up) needs nothing, and
// is listed apart, to be dismissed.
func (m *Model) takeWarnings(lib *store.Library) {
	for _, w := range lib.Warnings() {
		if w.Skipped {
			m.warnings.add(w.String())
		} else {
			m.warnings.addRepairs(w.String())
		}
	}
}

// noteWarnings shows the first warning in the footer; w lists them all.
func (m *Model) noteWarnings() {
	if n := len(m.warnings.items); n > 0 {
		note := m.warnings.items[0]
		if n > 1 {
			note += fmt.Sprintf(" (+%d more: w lists them)", n-1)
		}
		if m.status != "" {
			m.warnings.note(m.status) // what it said besides the warnings
			note = m.status + " · " + note
		}
		m.status, m.logged = note, note // the warnings are listed already
	}
}

// notReady reports, and says in the footer, that a feature waits for the
// library to be indexed.
func (m *Model) notReady(what string) bool {
	if !m.c.lib.Provisional() {
		return false
	}
	m.status = fmt.Sprintf("%s works once your articles are indexed (%s)", what, m.loading.progress())
	return true
}
