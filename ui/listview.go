package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"dispatch/internal/termout"
	"dispatch/store"
	"dispatch/store/article"
	"dispatch/store/state"
)

// Row glyphs.
const (
	unreadGlyph   = "●"
	newGlyph      = "✦" // unread, and brought by the last fetch
	bookmarkGlyph = "★"
	continueGlyph = "↳"
	storyGlyph    = "▸" // a story's row, folded
	openedGlyph   = "▾" // a story's row, unfolded
	memberGlyph   = "┆" // an article of the story above
)

// View draws the list with the keys.
func (m *listModel) View() string { return m.view(true) }

// view draws the list; focused marks the cursor as having the keys (beside
// the reader, the list shows where it is without them).
func (m *listModel) view(focused bool) string {
	if len(m.items) == 0 {
		lines := make([]string, len(m.empty))
		for i, l := range m.empty {
			lines[i] = m.c.styles.ListEmpty.Render("  " + l)
		}
		return fitBlock(strings.Join(lines, "\n"), m.width, m.height)
	}
	m.fillSnippets()
	end := min(len(m.items), m.offset+m.visibleRows())
	form := m.rowForm(m.offset, end)
	var b strings.Builder
	for i := m.offset; i < end; i++ {
		if i > m.offset {
			b.WriteString("\n\n")
		}
		m.writeRow(&b, i, focused, form)
	}
	return fitBlock(b.String(), m.width, m.height)
}

// rowForm is how much the details lines of one screen hold: the byline
// (or source) or not, topic chips whole or abbreviated. Every row on the
// screen takes the same form, the fullest that all of them fit, so the
// eye finds each thing in the same place on every row.
type rowForm struct {
	byline bool
	short  bool // topic keys abbreviated
	count  bool // and as many as fit, the rest counted ("+2")
}

// rowForm picks the form of items[from:to].
func (m *listModel) rowForm(from, to int) rowForm {
	room := m.detailsRoom()
	// the byline stays while some of the topics still show beside it
	for _, f := range []rowForm{{true, false, false}, {true, true, false}, {true, true, true}, {false, false, false}, {false, true, false}} {
		fits := true
		for i := from; i < to && fits; i++ {
			fits = m.detailsFit(m.items[i], room, f)
		}
		if fits {
			return f
		}
	}
	return rowForm{short: true, count: true}
}

// detailsRoom is the width of a row's details line.
func (m *listModel) detailsRoom() int {
	return max(m.width-rowIndent(m.c.numberWidth())-listMargin, 1)
}

// fillSnippets computes the snippets of the visible rows, once each, so a
// long result list costs only what is on screen.
func (m *listModel) fillSnippets() {
	if !m.query.HasTerms() {
		return
	}
	if m.snippets == nil {
		m.snippets = map[int]store.Snippet{}
	}
	// a snippet as long as the row is wide puts the match in view
	runes := max(m.width-rowIndent(m.c.numberWidth()), 20)
	for i := m.offset; i < min(len(m.items), m.offset+m.visibleRows()); i++ {
		h := m.items[i]
		if _, ok := m.snippets[h.Doc]; !ok {
			m.snippets[h.Doc] = m.c.lib.Snippet(m.query, h, runes)
		}
	}
}

// listMargin is the gap a row leaves before the pane's right edge, so that
// nothing runs into the divider.
const listMargin = 1

// rowIndent is the width of a row's cursor marker, article number (of
// numberWidth digits) and the unread and bookmark glyphs.
func rowIndent(numberWidth int) int {
	return 2 + numberWidth + 1 + 3
}

func (m *listModel) writeRow(b *strings.Builder, i int, focused bool, form rowForm) {
	s := m.c.styles
	h := m.items[i]
	a := m.c.lib.Article(h.Doc)
	saved := m.c.saved(h.Doc)
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
	flags := " "
	switch {
	case m.isNewRow(i):
		flags = s.NewMark.Render(newGlyph)
	case !saved.Read:
		flags = s.UnreadDot.Render(unreadGlyph)
	}
	if saved.Bookmarked {
		flags += s.Bookmark.Render(bookmarkGlyph)
	} else {
		flags += " "
	}
	numWidth := m.c.numberWidth()
	indent := strings.Repeat(" ", rowIndent(numWidth))
	room := max(m.width-len(indent)-listMargin, 1)
	number := s.ListMeta.Render(fmt.Sprintf("%*d ", numWidth, m.c.lib.Number(h.Doc)))
	var details string
	if g, ok := m.groupOf(i); ok {
		details = m.storyDetails(g, h, saved.Position, room, form)
	} else {
		details = m.details(h, saved.Position, room, form)
	}
	b.WriteString(s.ListCursor.Render(marker) + number + flags + " " + title.Render(fitWords(a.Title, room)))
	b.WriteString("\n" + indent + fit(details, room))
	if m.query.HasTerms() {
		b.WriteString("\n" + indent + m.snippetLine(m.snippets[h.Doc], room))
	}
}

// details is a row's second line in width cells, in the screen's form:
// the byline or source, the date, the reading time (and matches while
// searching), how far the reader got, and the topics.
func (m *listModel) details(h store.Hit, pos *state.Position, width int, form rowForm) string {
	s := m.c.styles
	meta, progress := m.detailsText(h, pos, form)
	line := s.ListMeta.Render(meta) + s.Continue.Render(progress)
	if chips := topicChips(m.c, h.Doc, width-ansi.StringWidth(line)-2, form.short); chips != "" {
		line += "  " + chips
	}
	return line
}

// detailsText is a row's details before its topics: meta and progress.
func (m *listModel) detailsText(h store.Hit, pos *state.Position, form rowForm) (meta, progress string) {
	meta = listMeta(m.c.lib.Article(h.Doc), form.byline)
	if also := m.alsoIn(h); also != "" {
		meta += " · " + also
	}
	if m.query.HasTerms() {
		meta += " · " + plural(h.Matches, "match", "matches")
	}
	if pos != nil && pos.Percent > 0 && pos.Percent < 100 {
		progress = fmt.Sprintf(" · %s %d%%", continueGlyph, pos.Percent)
	}
	return meta, progress
}

// detailsFit reports whether a row's details fit width in form: its meta,
// and its topics whole (or abbreviated) beside it.
func (m *listModel) detailsFit(h store.Hit, width int, form rowForm) bool {
	meta, progress := m.detailsText(h, m.c.saved(h.Doc).Position, form)
	room := width - ansi.StringWidth(meta+progress) - 2
	if room < 0 {
		return false
	}
	carried := m.c.lib.Coverage().Carried(h.Doc)
	if len(carried) == 0 {
		return true
	}
	if form.count {
		return topicChips(m.c, h.Doc, room, true) != ""
	}
	return ansi.StringWidth(topicChipsIn(m.c, carried, form.short)) <= room
}

// snippetLine draws a snippet on one line of width cells, matches marked.
func (m *listModel) snippetLine(sn store.Snippet, width int) string {
	s := m.c.styles
	text := termout.OneLine(sn.Text)
	if text != sn.Text { // white space collapsed: offsets no longer hold
		return s.ListSnippet.Render(fit(text, width))
	}
	var b strings.Builder
	last := 0
	for _, h := range sn.Highlights {
		b.WriteString(s.ListSnippet.Render(text[last:h.Start]))
		b.WriteString(s.ListMatch.Render(text[h.Start:h.End]))
		last = h.End
	}
	b.WriteString(s.ListSnippet.Render(text[last:]))
	return fit(b.String(), width)
}

// listMeta is "byline · 23 Nov 2025 · 5 min", without the byline or
// source when withByline is false. A feed's item names its feed first:
// which feed it came from is what tells items apart.
func listMeta(a *article.Article, withByline bool) string {
	var parts []string
	switch {
	case !withByline:
	case a.Feed != "" && a.Source != "":
		parts = append(parts, a.Source)
	case a.Byline != "":
		parts = append(parts, a.Byline)
	case a.Source != "":
		parts = append(parts, a.Source)
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.Format("2 Jan 2006"))
	}
	parts = append(parts, fmt.Sprintf("%d min", a.ReadingMinutes()))
	return strings.Join(parts, " · ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
