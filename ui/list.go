package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"dispatch/store"
	"dispatch/store/article"
	"dispatch/store/state"
)

// listModel is the article list: the articles in display order (library
// order, or ranked search hits), a cursor and a scroll offset. It draws
// itself into exactly width × height cells.
type listModel struct {
	lib        *store.Library
	styles     Styles
	items      []store.Hit // in display order; Doc indexes lib.Articles
	query      store.Query // the search the items answer; empty for none
	empty      []string    // what to say when there are no items
	topicStyle []lipgloss.Style
	state      *state.File // read and bookmarked marks
	snippets   map[int]store.Snippet
	cursor     int // index into items
	offset     int // first visible item
	width      int
	height     int
}

func newListModel(lib *store.Library, styles Styles) listModel {
	m := listModel{lib: lib, styles: styles}
	m.setItems(allArticles(lib), store.Query{}, nil)
	return m
}

// allArticles lists the library in order, as hits without scores.
func allArticles(lib *store.Library) []store.Hit {
	hits := make([]store.Hit, lib.Len())
	for i := range hits {
		hits[i] = store.Hit{Doc: i, Passage: -1}
	}
	return hits
}

// setItems replaces the list's contents. empty is shown when items is empty.
func (m *listModel) setItems(items []store.Hit, q store.Query, empty []string) {
	m.items, m.query, m.empty = items, q, empty
	m.snippets = map[int]store.Snippet{}
	m.clamp()
}

// searching reports whether rows show search snippets.
func (m *listModel) searching() bool { return m.query.HasTerms() }

// rowLines is the number of text lines of a row; a blank line follows each.
func (m *listModel) rowLines() int {
	if m.searching() {
		return 3
	}
	return 2
}

func (m *listModel) rowHeight() int { return m.rowLines() + 1 }

func (m *listModel) setSize(width, height int) {
	if width != m.width {
		m.snippets = map[int]store.Snippet{} // cut for the old width
	}
	m.width, m.height = max(width, 0), max(height, 0)
	m.clamp()
}

// visibleRows is how many rows fit; the last row needs no blank line after it.
func (m *listModel) visibleRows() int {
	return max(1, (m.height+1)/m.rowHeight())
}

// selected returns the article under the cursor, or nil for an empty list.
func (m *listModel) selected() *article.Article {
	if len(m.items) == 0 {
		return nil
	}
	return m.lib.Article(m.items[m.cursor].Doc)
}

// selectedDoc returns the doc of the article under the cursor, -1 for an
// empty list.
func (m *listModel) selectedDoc() int {
	if len(m.items) == 0 {
		return -1
	}
	return m.items[m.cursor].Doc
}

// selectedHit returns the search hit under the cursor.
func (m *listModel) selectedHit() (store.Hit, bool) {
	if len(m.items) == 0 {
		return store.Hit{}, false
	}
	return m.items[m.cursor], true
}

// moveTo puts the cursor on item i (clamped) and scrolls it into view.
func (m *listModel) moveTo(i int) {
	m.cursor = i
	m.clamp()
}

func (m *listModel) moveBy(n int) { m.moveTo(m.cursor + n) }

// selectArticle moves the cursor to the article with the given library index.
func (m *listModel) selectArticle(doc int) bool {
	for i, it := range m.items {
		if it.Doc == doc {
			m.moveTo(i)
			return true
		}
	}
	return false
}

func (m *listModel) clamp() {
	m.cursor = min(max(m.cursor, 0), max(len(m.items)-1, 0))
	rows := m.visibleRows()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
	m.offset = min(max(m.offset, 0), max(len(m.items)-rows, 0))
	m.fillSnippets()
}

// fillSnippets computes the snippets of the visible rows, once each, so View
// stays cheap and a long result list costs only what is on screen.
func (m *listModel) fillSnippets() {
	if !m.searching() {
		return
	}
	// a snippet as long as the row is wide puts the match in view
	runes := max(m.width-rowIndent(m.lib.Len()), 20)
	for i := m.offset; i < min(len(m.items), m.offset+m.visibleRows()); i++ {
		h := m.items[i]
		if _, ok := m.snippets[h.Doc]; !ok {
			m.snippets[h.Doc] = m.lib.Index.Snippet(m.lib.Article(h.Doc), m.query, h.Passage, runes)
		}
	}
}

// itemAt returns the item drawn at row y of the pane, or -1 for a gap.
func (m *listModel) itemAt(y int) int {
	if y < 0 || y%m.rowHeight() >= m.rowLines() {
		return -1
	}
	i := m.offset + y/m.rowHeight()
	if i >= len(m.items) {
		return -1
	}
	return i
}

// position is "3/5", for the footer.
func (m *listModel) position() string {
	if len(m.items) == 0 {
		return "0/0"
	}
	return fmt.Sprintf("%d/%d", m.cursor+1, len(m.items))
}

func (m listModel) View(focused bool) string {
	if len(m.items) == 0 {
		lines := make([]string, len(m.empty))
		for i, l := range m.empty {
			lines[i] = m.styles.ListEmpty.Render("  " + l)
		}
		return fitBlock(strings.Join(lines, "\n"), m.width, m.height)
	}
	numWidth := len(strconv.Itoa(m.lib.Len()))
	var b strings.Builder
	for i := m.offset; i < min(len(m.items), m.offset+m.visibleRows()); i++ {
		if i > m.offset {
			b.WriteString("\n\n")
		}
		m.writeRow(&b, i, numWidth, focused)
	}
	return fitBlock(b.String(), m.width, m.height)
}

func (m listModel) writeRow(b *strings.Builder, i, numWidth int, focused bool) {
	h := m.items[i]
	a := m.lib.Article(h.Doc)
	saved := m.state.Article(a.StateKey())
	s := m.styles
	marker, title := "  ", s.ListTitle
	if !saved.Read {
		title = s.ListUnread
	}
	if i == m.cursor {
		marker, title = "› ", s.ListSelected
		if !focused {
			marker = "· "
		}
	}
	// two glyph columns: unread, bookmarked
	flags := " "
	if !saved.Read {
		flags = s.UnreadDot.Render(unreadGlyph)
	}
	if saved.Bookmarked {
		flags += s.Bookmark.Render(bookmarkGlyph)
	} else {
		flags += " "
	}
	num := fmt.Sprintf("%*d ", numWidth, h.Doc+1)
	indent := strings.Repeat(" ", rowIndent(m.lib.Len()))
	room := max(m.width-len(indent), 1)
	b.WriteString(s.ListCursor.Render(marker) + s.ListMeta.Render(num) + flags + " " + title.Render(fit(a.Title, room)))
	b.WriteString("\n")
	meta := listMeta(a)
	if m.searching() {
		meta += " · " + plural(h.Matches, "match", "matches")
	}
	meta = s.ListMeta.Render(meta)
	if p := saved.Position; p != nil && p.Percent > 0 && p.Percent < 100 {
		meta += s.Continue.Render(fmt.Sprintf(" · %s %d%%", continueGlyph, p.Percent))
	}
	if chips := topicChips(m.lib, h.Doc, m.topicStyle, s.Profile, room-ansi.StringWidth(meta)-2); chips != "" {
		meta += "  " + chips
	}
	b.WriteString(indent + fit(meta, room))
	if m.searching() {
		b.WriteString("\n" + indent + m.snippetLine(m.snippets[h.Doc], room))
	}
}

// snippetLine draws a snippet on one line of width cells, matches marked.
func (m listModel) snippetLine(sn store.Snippet, width int) string {
	text := strings.Join(strings.Fields(sn.Text), " ")
	if text != sn.Text { // white space collapsed: offsets no longer hold
		return m.styles.ListSnippet.Render(fit(text, width))
	}
	var b strings.Builder
	last := 0
	for _, h := range sn.Highlights {
		b.WriteString(m.styles.ListSnippet.Render(text[last:h.Start]))
		b.WriteString(m.styles.ListMatch.Render(text[h.Start:h.End]))
		last = h.End
	}
	b.WriteString(m.styles.ListSnippet.Render(text[last:]))
	return fit(b.String(), width)
}

// Row glyphs.
const (
	unreadGlyph   = "●"
	bookmarkGlyph = "★"
	continueGlyph = "↳ continue at"
)

// rowIndent is the width of a row's cursor marker, article number and the
// unread and bookmark glyphs.
func rowIndent(articles int) int {
	return 2 + len(strconv.Itoa(articles)) + 1 + 3
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// listMeta is the second line of a row: byline, date, reading time.
func listMeta(a *article.Article) string {
	var parts []string
	if a.Byline != "" {
		parts = append(parts, a.Byline)
	} else if a.Source != "" {
		parts = append(parts, a.Source)
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.Format("2 Jan 2006"))
	}
	parts = append(parts, fmt.Sprintf("%d min", a.ReadingMinutes()))
	return strings.Join(parts, " · ")
}
