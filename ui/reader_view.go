package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
)

// View draws the article in the pane, centred when the pane is wider than
// the reading measure.
func (m *readerModel) View() string {
	switch {
	case m.doc < 0:
		return fitBlock(m.c.styles.ListEmpty.Render("  Select an article to read it."), m.width, m.height)
	case m.failed != "":
		return fitBlock(m.c.styles.Warning.Render(ansi.Wrap("  This article cannot be shown: "+m.failed, max(m.width-2, 1), " ")), m.width, m.height)
	case m.page == nil:
		return fitBlock(m.c.styles.ListEmpty.Render("  Rendering…"), m.width, m.height)
	}
	// a document of a stale width is cut, not wrapped again, until its
	// re-render comes
	pad := strings.Repeat(" ", max((m.width-m.page.key.width)/2, 0))
	bottom := min(m.top+m.height, len(m.page.lines))
	lines := make([]string, 0, m.height)
	for y := m.top; y < bottom; y++ {
		lines = append(lines, pad+m.markedLine(y))
	}
	return fitBlock(strings.Join(lines, "\n"), m.width, m.height)
}

// markedLine is line y with its matches highlighted and, when it belongs to
// a passage on the topic filter (or the one just jumped to), a bar in the
// margin.
func (m *readerModel) markedLine(y int) string {
	line := m.highlightedLine(y)
	p := int32(-1)
	if y < len(m.page.linePassage) {
		p = m.page.linePassage[y]
	}
	switch {
	case m.flash >= 0 && int(p) == m.flash:
		line = m.c.styles.ListCursor.Render(flashBar) + ansi.TruncateLeft(line, 1, "")
	case p >= 0 && m.c.topic != noTopic && m.c.lib.Coverage().OnTopic(m.doc, int(p), m.c.topic):
		line = m.c.topicStyle[m.c.topic].Render(topicBar) + ansi.TruncateLeft(line, 1, "")
	}
	return line
}

// flashBar marks for a moment the passage a jump landed on.
const flashBar = "┃"

// topicBar marks, in the left margin, the passages on the topic filter.
const topicBar = "▌"

// highlightedLine is line y with its search matches marked.
func (m *readerModel) highlightedLine(y int) string {
	idx := m.byLine[y]
	if len(idx) == 0 {
		return m.page.lines[y]
	}
	var spans []markSpan
	s := m.c.styles
	for _, i := range idx {
		on, off := s.MatchOn, s.MatchOff
		if i == m.current {
			on, off = s.CurrentOn, s.CurrentOff
		}
		for _, seg := range m.matches[i].segments {
			if seg.line == y {
				spans = append(spans, markSpan{start: seg.start, end: seg.end, on: on, off: off})
			}
		}
	}
	return highlight(m.page.lines[y], spans)
}

// ShortHelp is the reader's hints: at the end of an article space goes on
// to the next one, and says so; n, t and back show when they lead
// somewhere.
func (m *readerModel) ShortHelp() []key.Binding {
	k := m.c.keys
	hasNext := m.list.hasAfter(m.doc)
	page := k.PageDown
	if m.atEnd() && hasNext {
		// at the end it is space that goes on, as in less
		page.SetHelp(strings.SplitN(page.Help().Key, "/", 2)[0], "next article")
	}
	matches := m.highlighted().HasTerms()
	if m.find.HasTerms() {
		matches = m.matchAhead(true)
	}
	return []key.Binding{
		k.Back, enabled(page, !m.atEnd() || hasNext), enabled(k.NextMatch, matches),
		enabled(k.NextTopicPassage, m.c.topic != noTopic), k.Related,
		enabled(k.HistoryBack, len(m.hist.back) > 0), k.Bookmark, enabled(k.NextArticle, hasNext), k.Find,
	}
}

// FullHelp is the keys the reader acts on itself.
func (m *readerModel) FullHelp() []helpSection {
	k := m.c.keys
	return []helpSection{
		k.moveHelp(),
		{helpArticles, []key.Binding{k.Back, k.NextArticle, k.PrevArticle}},
		{helpSearch, []key.Binding{k.Find, k.NextMatch, k.PrevMatch}},
		{helpTopics, []key.Binding{k.NextTopicPassage, k.PrevTopicPassage}},
		{helpElsewhere, []key.Binding{k.HistoryBack, k.HistoryForward}},
	}
}

// Status is where the reader is, and where back leads: "[ Title · 42%".
func (m *readerModel) Status() string {
	pos := m.position()
	if back := m.backHint(); back != "" {
		pos = "[ " + ansi.Truncate(back, max(min(24, m.width/4), 4), "…") + " · " + pos
	}
	return pos
}
