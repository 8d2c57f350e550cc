package ui

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"dispatch/store"
	"dispatch/store/article"
)

// SourceKind is what a source is.
type SourceKind int

// Kinds of source, in the order the panel lists them.
const (
	SourceBuiltin SourceKind = iota // the articles dispatch ships with
	SourceFolder                    // a --dir or DISPATCH_DIR folder
	SourceFeed                      // a feed followed
	SourceSearch                    // a saved search (the configuration's searches:)
)

// Source is a place articles come from, as main knows it.
type Source struct {
	Kind SourceKind
	Name string
	URL  string   // a feed's address
	Tags []string // a feed's tags (its OPML folder)
	// LastFetched is when the feed last answered, LastTried when it was
	// last asked; zero: never.
	LastFetched, LastTried time.Time
	LastError              string
	// Has reports whether an article is the source's. nil for a saved
	// search, whose query says.
	Has func(a *article.Article) bool
	// Query is a saved search's query.
	Query string
}

// sourceRow is a source as the panel lists it, with its counts.
type sourceRow struct {
	Source
	unread, total int
	fresh         int    // unread and brought by the last fetch
	err           string // a saved search that cannot run
}

// sourcesModel is the sources panel: the built-in articles, each folder,
// each feed (with its tags, when it was fetched and its last error) and
// each saved search, with unread and total counts. enter narrows the list
// to one; R fetches a feed, a adds one, x removes one, A marks a source
// read (each that changes something asks first).
type sourcesModel struct {
	c       *common
	feeds   Feeds
	rows    []sourceRow
	lib     *store.Library // the library the counts are of
	finding bool
	failed  error
	cursor  int
	offset  int
	// asking is a question the panel waits on: "add" (the URL prompt),
	// "remove" (keep or delete the items?), "read" (A again).
	asking string
	input  textinput.Model
	width  int
	height int
}

// sourcesFoundMsg brings the sources and their counts.
type sourcesFoundMsg struct {
	lib  *store.Library
	rows []sourceRow
	err  error
}

func newSourcesModel(c *common, feeds Feeds) *sourcesModel {
	ti := textinput.New()
	ti.Prompt = "feed address: "
	ti.Placeholder = "https://… (a feed, or a page that names one)"
	ti.CharLimit = 2000
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.PromptStyle, ti.TextStyle, ti.PlaceholderStyle = c.styles.Prompt, c.styles.Prompt, c.styles.HeaderInfo
	return &sourcesModel{c: c, feeds: feeds, input: ti}
}

// Open lists the sources, counting each one's articles off the update
// loop.
func (m *sourcesModel) Open(int, int) (tea.Cmd, error) {
	m.asking, m.finding, m.failed = "", true, nil
	m.input.Blur()
	return m.count(m.c.lib), nil
}

// count works out the rows for lib in the background.
func (m *sourcesModel) count(lib *store.Library) tea.Cmd {
	list, searches := m.feeds.Sources, m.c.searches
	req := m.c.listRequest()
	return func() tea.Msg {
		var sources []Source
		if list != nil {
			var err error
			if sources, err = list(); err != nil {
				return sourcesFoundMsg{lib: lib, err: err}
			}
		}
		return sourcesFoundMsg{lib: lib, rows: countSources(lib, sources, searches, req)}
	}
}

// countSources counts each source's articles, and unread ones, in one pass
// over the library; saved searches are listed like the list lists them.
func countSources(lib *store.Library, sources []Source, searches []store.SavedSearch, req store.ListRequest) []sourceRow {
	rows := make([]sourceRow, len(sources))
	for i, s := range sources {
		rows[i].Source = s
	}
	for d := range lib.Len() {
		a := lib.Article(d)
		for i := range rows {
			if rows[i].Has != nil && rows[i].Has(a) {
				rows[i].total++
				if req.Marks != nil && !req.Marks.Read(d) {
					rows[i].unread++
					if lib.IsNew(d) {
						rows[i].fresh++
					}
				}
				break
			}
		}
	}
	for _, c := range lib.CountSearches(searches, req) {
		r := sourceRow{Source: Source{Kind: SourceSearch, Name: c.Name, Query: c.Query}, total: c.Total, unread: c.Unread}
		if c.Err != nil {
			r.err = c.Err.Error()
		}
		rows = append(rows, r)
	}
	return rows
}

// found fills the panel.
func (m *sourcesModel) found(msg sourcesFoundMsg) {
	m.lib, m.rows, m.failed, m.finding = msg.lib, msg.rows, msg.err, false
	m.clamp()
}

// SetSize gives the panel the body of the screen.
func (m *sourcesModel) SetSize(width, height int) {
	m.width, m.height = width, height
	m.input.Width = max(width-len(m.input.Prompt)-4, 1)
	m.clamp()
}

// selected is the row under the cursor.
func (m *sourcesModel) selected() (sourceRow, bool) {
	if m.cursor >= len(m.rows) {
		return sourceRow{}, false
	}
	return m.rows[m.cursor], true
}

// Update handles a key while the panel is shown: the question it asks, if
// any, first.
func (m *sourcesModel) Update(msg tea.KeyMsg) tea.Cmd {
	if m.asking != "" {
		return m.answer(msg)
	}
	k := m.c.keys
	row, ok := m.selected()
	switch {
	case key.Matches(msg, k.Close), key.Matches(msg, k.Sources):
		m.c.send(closeMsg{})
	case key.Matches(msg, k.Select):
		if ok {
			m.c.send(narrowMsg{source: row.Source})
		}
	case key.Matches(msg, k.FetchFeeds):
		if ok && row.Kind == SourceFeed {
			m.c.send(feedOpMsg{fetch: []string{row.Name}})
		} else {
			m.c.send(feedOpMsg{fetch: []string{}})
		}
	case key.Matches(msg, k.AddFeed):
		if m.feeds.Add == nil {
			m.c.say("no feeds: adding is off (--no-feeds)")
			return nil
		}
		m.asking = "add"
		m.input.SetValue("")
		return m.input.Focus()
	case key.Matches(msg, k.RemoveFeed):
		if !ok || row.Kind != SourceFeed {
			m.c.say("x removes a feed: the cursor is not on one")
			return nil
		}
		m.asking = "remove"
		m.c.say(fmt.Sprintf("remove %s? k keeps its %s, d deletes them too, esc does nothing", row.Name, plural(row.total, "item", "items")))
	case key.Matches(msg, k.MarkAllRead):
		if !ok || row.unread == 0 {
			m.c.say("nothing unread there")
			return nil
		}
		m.asking = "read"
		m.c.say(fmt.Sprintf("A again marks %s of %s read; any other key does not", plural(row.unread, "article", "articles"), row.Name))
	default:
		if to, ok := k.moved(msg, m.cursor, m.rows4(), len(m.rows)); ok {
			m.cursor = to
		}
	}
	m.clamp()
	return nil
}

// answer takes a key as the answer to the question the panel asks.
func (m *sourcesModel) answer(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	row, _ := m.selected()
	asking := m.asking
	m.asking = ""
	switch asking {
	case "add":
		switch {
		case key.Matches(msg, k.PromptAccept):
			m.input.Blur()
			if url := m.input.Value(); url != "" {
				m.c.send(feedOpMsg{add: url})
			}
		case key.Matches(msg, k.PromptCancel):
			m.input.Blur()
			m.c.say("no feed added")
		default:
			m.asking = asking // still typing
			var cmd tea.Cmd
			m.input, cmd = m.input.Update(msg)
			return cmd
		}
	case "remove":
		switch {
		case msg.String() == "k":
			m.c.send(feedOpMsg{remove: row.Name})
		case msg.String() == "d":
			m.c.send(feedOpMsg{remove: row.Name, purge: true})
		default:
			m.c.say("not removed")
		}
	case "read":
		if key.Matches(msg, k.MarkAllRead) {
			m.c.send(markSourceReadMsg{source: row})
		} else {
			m.c.say("not marked")
		}
	}
	return nil
}

// Mouse moves with the wheel; a click picks a source, a second narrows the
// list to it.
func (m *sourcesModel) Mouse(msg tea.MouseMsg, y int) tea.Cmd {
	m.cursor += wheelStep(msg)
	if i := m.rowAt(y); msg.Button == tea.MouseButtonLeft && i >= 0 {
		if i == m.cursor {
			m.c.send(narrowMsg{source: m.rows[i].Source})
			return nil
		}
		m.cursor = i
	}
	m.clamp()
	return nil
}

// ShortHelp is how to leave, narrow the list, and what works on the row.
func (m *sourcesModel) ShortHelp() []key.Binding {
	k := m.c.keys
	if m.asking == "add" {
		return []key.Binding{relabel(k.PromptAccept, "add the feed"), relabel(k.PromptCancel, "cancel")}
	}
	row, ok := m.selected()
	feed := ok && row.Kind == SourceFeed
	return []key.Binding{k.Close, enabled(relabel(k.Select, "show only these"), ok), enabled(relabel(k.FetchFeeds, "fetch this feed"), feed && m.feeds.Fetch != nil),
		enabled(k.AddFeed, m.feeds.Add != nil), enabled(k.RemoveFeed, feed && m.feeds.Remove != nil), enabled(relabel(k.MarkAllRead, "mark read"), ok && row.unread > 0)}
}

// FullHelp is the panel's keys.
func (m *sourcesModel) FullHelp() []helpSection {
	k := m.c.keys
	return []helpSection{k.moveHelp(), {helpElsewhere, []key.Binding{k.Sources, k.AddFeed, k.RemoveFeed}}, {helpPanels, []key.Binding{k.Select, k.Close}}}
}

// Status is the cursor's row: "3/8".
func (m *sourcesModel) Status() string {
	if len(m.rows) == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", m.cursor+1, len(m.rows))
}

// rows4 is how many sources a page holds.
func (m *sourcesModel) rows4() int { return max((m.height-2)/sourceRowLines, 1) }

func (m *sourcesModel) clamp() {
	m.cursor = min(max(m.cursor, 0), max(len(m.rows)-1, 0))
	page := m.rows4()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+page {
		m.offset = m.cursor - page + 1
	}
	m.offset = min(max(m.offset, 0), max(len(m.rows)-page, 0))
}
