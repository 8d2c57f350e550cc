package ui

import (
	"cmp"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"dispatch/internal/recovered"
	"dispatch/store"
)

// Feeds is what the reader can ask of the feeds; main gives it. Each
// operation runs outside bubbletea, on its own goroutine, one at a time
// (the header says which, and how far it has come); it reports progress
// (feeds done of all) and loads the library as it left the feeds. A nil
// function is an operation that is off (--no-feeds).
type Feeds struct {
	// Fetch fetches the feeds named, every feed when none is.
	Fetch func(names []string, progress func(done, total int)) FetchResult
	// Add subscribes to url (a feed, or a page that names one) and fetches
	// it.
	Add func(url string, progress func(done, total int)) FetchResult
	// Remove unsubscribes from the feed named, deleting its items when
	// purge is set.
	Remove func(name string, purge bool) FetchResult
	// Sources lists where articles come from: the built-in articles, each
	// folder, each feed with how its fetches went. It reads files: the
	// reader calls it off the update loop.
	Sources func() ([]Source, error)
	// Refresh is what the refresh interval fetches (Options.Refresh); nil
	// fetches as R does.
	Refresh func(progress func(done, total int)) FetchResult
}

// on reports whether the feeds can be fetched.
func (f Feeds) on() bool { return f.Fetch != nil }

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

// fetching is a feeds operation under way — "fetching", "adding a feed" —
// and how far it has come: feeds done of all.
type fetching struct {
	running     bool
	what        string
	done, total int
}

// label is what the header calls the operation.
func (f fetching) label() string { return cmp.Or(f.what, "fetching") }

// startFetch fetches the feeds named (all, for none) in the background;
// the header shows how far it has come, and the library it brings takes
// the old one's place without moving the cursor or the article being read.
func (m *Model) startFetch(names ...string) tea.Cmd {
	fetch := m.feeds.Fetch
	if fetch == nil {
		m.status = "no feeds: fetching is off (--no-feeds, or no home for them)"
		return nil
	}
	what := "fetching"
	if len(names) == 1 {
		what = "fetching " + names[0]
	}
	return m.feedOp(what, func(progress func(done, total int)) FetchResult { return fetch(names, progress) })
}

// feedOp runs a feeds operation in the background, unless one is under way
// or the library is not indexed yet (a fetch's library would replace it).
func (m *Model) feedOp(what string, op func(progress func(done, total int)) FetchResult) tea.Cmd {
	switch {
	case m.fetching.running:
		m.status = fmt.Sprintf("already %s (%d/%d)", m.fetching.label(), m.fetching.done, m.fetching.total)
		return nil
	case m.c.lib.Provisional() || m.c.lib.Updating():
		m.status = what + " waits until your articles are indexed (" + m.loading.progress() + ")"
		return nil
	}
	m.fetching = fetching{running: true, what: what}
	m.status = what
	// room for one progress report and the end, so the goroutine never
	// waits on a reader that has quit
	events := make(chan tea.Msg, 2)
	go func() {
		res := FetchResult{}
		defer func() {
			if v := recover(); v != nil {
				res = FetchResult{Err: fmt.Errorf("%s failed: %w", what, recovered.Error(v))}
			}
			events <- fetchDoneMsg{res}
		}()
		res = op(func(done, total int) {
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
	var recount tea.Cmd
	if m.screen().panel == panel(m.sources) {
		recount = m.sources.count(res.Library) // its counts follow at once
	}
	swap := LibraryLoadedMsg{Library: res.Library, Renderer: res.Renderer}
	if !m.canSwap() {
		// a panel, the help or a prompt is open on the old library: the
		// new one waits until it closes
		m.fetched = &swap
		return recount
	}
	return tea.Batch(recount, m.takeFetched(swap))
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
