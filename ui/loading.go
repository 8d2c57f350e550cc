package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"dispatch/store"
)

// LoadProgressMsg reports how far loading a large library in the background
// has come: files done of files in all.
type LoadProgressMsg struct{ Done, Total int }

// LibraryLoadedMsg brings the library loaded in the background, with a
// renderer for it, to replace the provisional one the reader started with.
type LibraryLoadedMsg struct {
	Library  *store.Library
	Renderer *Renderer
}

// notReady reports, and says in the footer, that a feature waits for the
// library to be indexed.
func (m *Model) notReady(what string) bool {
	if !m.lib.Provisional {
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

// updateWaiting is Update before the library has come: the terminal's size
// is noted, loading progress shown, and the reader can be quit.
func (m Model) updateWaiting(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.layout = computeLayout(msg.Width, msg.Height)
		m.search.setWidth(m.layout.width)
	case LoadProgressMsg:
		m.loadDone, m.loadTotal = msg.Done, msg.Total
	case LibraryLoadedMsg:
		return m, m.firstLibrary(msg)
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.ForceQuit) || key.Matches(msg, m.keys.Quit) {
			return m, tea.Quit
		}
		m.status = "your articles are loading (" + m.loadProgress() + ")"
	}
	return m, nil
}

// firstLibrary starts reading the library that has come: the list, the
// article the reader left off at, the warnings of loading.
func (m *Model) firstLibrary(msg LibraryLoadedMsg) tea.Cmd {
	m.status = ""
	m.useLibrary(msg.Library, msg.Renderer)
	if !m.lib.Provisional {
		m.restoreSaved()
	}
	m.noteWarnings(m.lib.Warnings, nil)
	var cmd tea.Cmd
	if w, h := m.layout.width, m.layout.height; w > 0 {
		m.layout = computeLayout(0, 0) // lay the panes out as for a first size
		cmd = m.resize(w, h)
	}
	m.syncKeys()
	return tea.Batch(cmd, warm(m.lib))
}

// waitingView is the screen before the library has come.
func (m Model) waitingView() string {
	s, l := m.styles, m.layout
	header := bar(s.HeaderBar, s.HeaderTitle.Render(" dispatch ")+s.HeaderInfo.Render(" loading your articles "+m.loadProgress()), "", l.width)
	status := m.status
	if status == "" {
		status = "q quit"
	}
	footer := bar(s.FooterBar, "", s.FooterStat.Render(status+" "), l.width)
	return strings.Join([]string{header, fitBlock("", l.width, l.bodyHeight), footer}, "\n")
}

// swapLibrary replaces the provisional library with the loaded one,
// keeping what the reader is doing: the article under the cursor, the one
// being read and where, the history, the search and the filters. Articles
// are matched by file, as numbers may change when files turn out broken.
func (m *Model) swapLibrary(msg LibraryLoadedMsg) tea.Cmd {
	old := m.lib
	pathOf := func(doc int) string { return old.Article(doc).Path }
	docOf := make(map[string]int, msg.Library.Len())
	for d := range msg.Library.Len() {
		docOf[msg.Library.Article(d).Path] = d
	}
	remap := func(ps []place) []place {
		var out []place
		for _, p := range ps {
			if d, ok := docOf[pathOf(p.doc)]; ok {
				p.doc = d
				out = append(out, p)
			}
		}
		return out
	}
	selected, _ := m.list.selectedHit()
	hadSelection := m.list.selected() != nil
	reading, readingOK := m.here()
	var readerPath string
	if readingOK {
		readerPath = pathOf(reading.doc)
	}
	openedAny := readingOK

	m.useLibrary(msg.Library, msg.Renderer)
	m.hist.back, m.hist.forward = remap(m.hist.back), remap(m.hist.forward)
	m.showRelated, m.showCoverage = false, false
	m.applyQuery(m.search.input.Value())
	if hadSelection {
		if d, ok := docOf[pathOf(selected.Doc)]; ok {
			m.list.selectArticle(d)
		}
	}
	if d, ok := docOf[readerPath]; readingOK && ok {
		reading.doc = d
		m.reader.openAt(reading)
	} else if !openedAny {
		m.restoreSaved()
	}
	m.status = ""
	m.noteWarnings(m.lib.Warnings, nil)
	m.status = strings.TrimSuffix(fmt.Sprintf("indexed %d articles · %s", m.lib.Len(), m.status), " · ")
	m.syncKeys()
	if m.reader.article == nil && m.layout.split {
		m.showSelected(landTop)
	}
	return tea.Batch(m.renderVisible(), warm(m.lib))
}
