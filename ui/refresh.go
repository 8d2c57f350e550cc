package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Fetching on its own: at start (Options.FetchAtStart) and every
// Options.Refresh, exactly as R does — never two fetches at once (a fetch
// under way, here or in another dispatch, makes the tick wait for the next
// one) and never before the library is indexed.

// refreshTip is what the help suggests to a reader who fetches by hand.
func refreshTip(opts Options) string {
	if !opts.Feeds.on() || opts.Refresh > 0 {
		return ""
	}
	return "tip: --refresh 30m (or refresh: 30m in the configuration) fetches your feeds on its own"
}

// refreshMsg is the refresh interval's tick; gen tells a stale tick.
type refreshMsg struct{ gen int }

// readyMsg starts what waits for the library when the reader is made with
// one (Init cannot change the model).
type readyMsg struct{}

// ready starts what waits for the first indexed library: the fetch at
// start and the refresh interval. It runs once.
func (m *Model) ready() tea.Cmd {
	if m.started || m.c.lib == nil || m.c.lib.Provisional() {
		return nil
	}
	m.started = true
	var cmds []tea.Cmd
	if m.fetchAtStart && m.feeds.on() {
		cmds = append(cmds, m.startFetch())
	}
	return tea.Batch(append(cmds, m.nextRefresh())...)
}

// nextRefresh waits for the next refresh; nil when refreshing is off.
func (m *Model) nextRefresh() tea.Cmd {
	if m.refresh <= 0 || !m.feeds.on() {
		return nil
	}
	m.refreshGen++
	gen := m.refreshGen
	return tea.Tick(m.refresh, func(time.Time) tea.Msg { return refreshMsg{gen} })
}

// refreshed fetches, unless a fetch is under way, and waits for the next
// tick.
func (m *Model) refreshed(msg refreshMsg) tea.Cmd {
	if msg.gen != m.refreshGen {
		return nil
	}
	var fetch tea.Cmd
	if !m.fetching.running && !m.c.lib.Updating() {
		status := m.status
		if m.feeds.Refresh != nil {
			fetch = m.feedOp("fetching", m.feeds.Refresh)
		} else {
			fetch = m.startFetch()
		}
		m.status = status // a fetch nobody asked for does not take the footer
	}
	return tea.Batch(fetch, m.nextRefresh())
}
