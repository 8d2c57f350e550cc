package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"dispatch/store/article"
)

// Requests of the sources panel to the root.
type (
	// narrowMsg narrows the list to one source.
	narrowMsg struct{ source Source }
	// feedOpMsg asks for a feeds operation: fetch some feeds (fetch not
	// nil; empty for all), add one (add), or remove one (remove, purge).
	feedOpMsg struct {
		fetch  []string
		add    string
		remove string
		purge  bool
	}
	// markSourceReadMsg marks every article of a source read.
	markSourceReadMsg struct{ source sourceRow }
)

// handleSources handles the sources panel's requests; ok is false for
// any other message.
func (m *Model) handleSources(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	switch msg := msg.(type) {
	case narrowMsg:
		return m.narrow(msg.source), true
	case feedOpMsg:
		return m.runFeedOp(msg), true
	case markSourceReadMsg:
		m.markSourceRead(msg.source)
		return nil, true
	}
	return nil, false
}

// narrow lists one source's articles: a feed as source:NAME in the search
// (what typing it would do), a saved search as its query, the built-in
// articles or a folder as the list's scope.
func (m *Model) narrow(src Source) tea.Cmd {
	m.under, m.mode = nil, modeList
	switch src.Kind {
	case SourceFeed:
		return m.searchFor("source:" + strconv.Quote(src.Name))
	case SourceSearch:
		return m.searchFor(src.Query)
	}
	m.list.setScope(src.Name, src.Has)
	m.status = "only " + src.Name + ": esc shows everything again"
	return m.preview()
}

// searchFor applies text as the library search, as if typed and kept.
func (m *Model) searchFor(text string) tea.Cmd {
	m.search.set(text)
	return m.setQuery(text, false)
}

// runFeedOp starts what the sources panel asked for.
func (m *Model) runFeedOp(op feedOpMsg) tea.Cmd {
	f := m.feeds
	switch {
	case op.fetch != nil:
		return m.startFetch(op.fetch...)
	case op.add != "":
		if f.Add == nil {
			m.status = "no feeds: adding is off (--no-feeds)"
			return nil
		}
		url := op.add
		return m.feedOp("adding "+url, func(progress func(done, total int)) FetchResult { return f.Add(url, progress) })
	case op.remove != "":
		if f.Remove == nil {
			m.status = "no feeds: removing is off (--no-feeds)"
			return nil
		}
		name, purge := op.remove, op.purge
		return m.feedOp("removing "+name, func(func(done, total int)) FetchResult { return f.Remove(name, purge) })
	}
	return nil
}

// markSourceRead marks every article of a source read: its own, or a
// saved search's hits.
func (m *Model) markSourceRead(src sourceRow) {
	lib := m.c.lib
	var docs []int
	if src.Kind == SourceSearch {
		req := m.c.listRequest()
		req.Text = src.Query
		if res, err := lib.List(req); err == nil {
			for _, h := range res.Hits {
				docs = append(docs, h.Doc)
			}
		}
	} else if src.Has != nil {
		for d := range lib.Len() {
			if src.Has(lib.Article(d)) {
				docs = append(docs, d)
			}
		}
	}
	n := 0
	for _, d := range docs {
		if m.c.unread(d) {
			m.c.setRead(d, true)
			n++
		}
	}
	m.status = fmt.Sprintf("marked %s of %s read", plural(n, "article", "articles"), src.Name)
	m.list.refilter(-1)
}

// scope is what the list is narrowed to by the sources panel: the
// built-in articles or a folder.
type scope struct {
	name string
	has  func(a *article.Article) bool
}

// setScope narrows the list to the articles has keeps (nil: all again).
func (m *listModel) setScope(name string, has func(a *article.Article) bool) {
	m.scope = nil
	if has != nil {
		m.scope = &scope{name: name, has: has}
	}
	m.refresh()
}

// scopeName is what the list is narrowed to, "" for nothing.
func (m *listModel) scopeName() string {
	if m.scope == nil {
		return ""
	}
	return strings.TrimSpace(m.scope.name)
}
