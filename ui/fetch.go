package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"dispatch/internal/recovered"
	"dispatch/store"
)

// FetchFunc fetches the feeds, reporting progress (feeds done of all), and
// loads the library as they left it. main gives it; it runs outside
// bubbletea, on its own goroutine.
type FetchFunc func(progress func(done, total int)) FetchResult

// FetchResult is what fetching the feeds did.
type FetchResult struct {
	Summary  string         // one line: "3 feeds: 12 new, 2 updated"
	Failures []string       // a line per feed that failed; the others' items are kept
	Library  *store.Library // the library as the fetch left it; nil when there is none new to show
	Renderer *Renderer
	Err      error // why nothing could be fetched (another dispatch is fetching)
}

// Messages of a fetch in the background.
type (
	fetchProgressMsg struct {
		done, total int
		events      <-chan tea.Msg
	}
	fetchDoneMsg struct{ result FetchResult }
)

// fetching is a fetch under way: feeds done of all.
type fetching struct {
	running     bool
	done, total int
}

// startFetch fetches the feeds in the background; the header shows how far
// it has come, and the library it brings takes the old one's place without
// moving the cursor or the article being read.
func (m *Model) startFetch() tea.Cmd {
	switch {
	case m.fetch == nil:
		m.status = "no feeds: fetching is off (--no-feeds, or no home for them)"
		return nil
	case m.fetching.running:
		m.status = fmt.Sprintf("already fetching (%d/%d)", m.fetching.done, m.fetching.total)
		return nil
	case m.c.lib.Provisional() || m.c.lib.Updating():
		m.status = "fetching waits until your articles are indexed (" + m.loading.progress() + ")"
		return nil
	}
	m.fetching = fetching{running: true}
	m.status = "fetching feeds"
	// room for one progress report and the end, so the goroutine never
	// waits on a reader that has quit
	events := make(chan tea.Msg, 2)
	fetch := m.fetch
	go func() {
		res := FetchResult{}
		defer func() {
			if v := recover(); v != nil {
				res = FetchResult{Err: fmt.Errorf("fetching failed: %w", recovered.Error(v))}
			}
			events <- fetchDoneMsg{res}
		}()
		res = fetch(func(done, total int) {
			if len(events) > 0 {
				return // one report waits already: dropped rather than waited for
			}
			events <- fetchProgressMsg{done: done, total: total, events: events}
		})
	}()
	return listen(events)
}

// listen waits for the next event of a fetch.
func listen(events <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg { return <-events }
}

// fetchDone takes what a fetch brought.
func (m *Model) fetchDone(res FetchResult) tea.Cmd {
	m.fetching = fetching{}
	if res.Err != nil {
		m.warnings.add(res.Err.Error())
		m.status = res.Err.Error()
		return nil
	}
	m.warnings.add(res.Failures...)
	m.status = res.Summary
	if n := len(res.Failures); n > 0 {
		m.status += fmt.Sprintf(" · %s failed: w lists why", plural(n, "feed", "feeds"))
	}
	if res.Library == nil {
		return nil
	}
	swap := LibraryLoadedMsg{Library: res.Library, Renderer: res.Renderer}
	if !m.canSwap() {
		// a panel, the help or a prompt is open on the old library: the
		// new one waits until it closes
		m.fetched = &swap
		return nil
	}
	return m.takeFetched(swap)
}

// canSwap reports whether the screen shown can take a new library at once:
// the list, the reader or the search prompt, which a swap keeps as they are.
func (m *Model) canSwap() bool {
	s := m.screen()
	return s.kind == panes && (!s.prompt || s.focus == paneList)
}

// takeFetched puts the library a fetch brought in the old one's place,
// keeping the cursor and the article being read.
func (m *Model) takeFetched(swap LibraryLoadedMsg) tea.Cmd {
	m.fetched = nil
	status := m.status
	cmd := m.swapLibrary(swap)
	m.status = status
	return cmd
}
