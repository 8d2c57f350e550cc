package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/viewport"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"dispatch/store"
	"dispatch/store/article"
)

// landing says where the reader goes once a pending rendering arrives.
type landing int

const (
	landKeep       landing = iota // where the reader was (same passage on a re-render)
	landTop                       // the top of the article
	landFirstMatch                // the first search match
	landLastMatch                 // the last search match
	landPassage                   // the start of passage anchor
	landPlace                     // a place from the history: its line, or its passage at another width
)

// readerModel shows one rendered article in a scrolling viewport, with the
// current search's matches highlighted.
type readerModel struct {
	styles   Styles
	article  *article.Article // the article shown, nil for none
	at       int              // its doc in the library
	doc      *document        // may be of another width while a re-render is pending
	pending  renderKey        // the rendering this reader waits for; zero when none
	land     landing          // where to go when pending arrives
	anchor   int              // the passage for landPassage
	place    place            // the place for landPlace
	viewport viewport.Model
	width    int
	height   int

	lib        *store.Library
	topic      int // active topic filter, or noTopic: its passages get a bar
	topicStyle []lipgloss.Style

	readDone bool // the article has been marked read (or unread by hand) since opening

	flash    int // passage just jumped to, marked until flashDoneMsg; -1 for none
	flashGen int
	flashTop int // the scroll position the jump left

	query   store.Query
	matches []docMatch
	current int           // index into matches; -1 before the first jump
	byLine  map[int][]int // line -> indexes into matches with a segment there
}

func newReaderModel(styles Styles) readerModel {
	vp := viewport.New(1, 1)
	vp.MouseWheelEnabled = false  // the root routes the wheel to the pane under the pointer
	vp.KeyMap = viewport.KeyMap{} // keys come from our KeyMap
	return readerModel{styles: styles, viewport: vp, current: -1, topic: noTopic, flash: -1}
}

func (m *readerModel) setSize(width, height int) {
	m.width, m.height = max(width, 1), max(height, 1)
	m.viewport.Width, m.viewport.Height = m.width, m.height
	m.viewport.SetYOffset(m.viewport.YOffset) // re-clamp for the new height
}

// open switches to article a, to land as given once it is rendered; the
// caller requests the rendering.
func (m *readerModel) open(doc int, land landing, anchor int) {
	a := m.lib.Article(doc)
	m.flash = -1
	if m.article != a {
		m.readDone = false
		m.doc = nil
		m.matches, m.byLine, m.current = nil, nil, -1
		m.viewport.SetContent("")
		m.viewport.SetYOffset(0)
	}
	m.article, m.at = a, doc
	m.pending = renderKey{}
	m.land, m.anchor = land, anchor
	if m.doc != nil {
		m.landNow() // same article, already shown
	}
}

// openAt switches to article a at a place from the history.
func (m *readerModel) openAt(p place) {
	m.place = p
	m.open(p.doc, landPlace, p.passage)
}

// needsRender reports whether the reader's article is neither rendered nor
// being rendered for width.
func (m *readerModel) needsRender(width int) bool {
	return m.article != nil && (m.doc == nil || m.doc.key.width != width) && m.pending.width != width
}

// show installs a rendered document and lands where it was asked to; a
// re-render for another width keeps the passage that was at the top.
func (m *readerModel) show(doc *document) {
	keep := -1
	if m.doc != nil && m.doc.key.doc == doc.key.doc && m.viewport.YOffset > 0 {
		keep = m.doc.passageAt(m.viewport.YOffset)
	}
	m.doc = doc
	m.pending = renderKey{}
	m.viewport.SetContent(strings.Join(doc.lines, "\n"))
	m.findMatches()
	if m.land == landKeep && keep >= 0 {
		m.land, m.anchor = landPassage, keep
	}
	m.landNow()
}

// landNow moves to where land says and forgets it.
func (m *readerModel) landNow() {
	switch m.land {
	case landTop:
		m.viewport.GotoTop()
	case landFirstMatch:
		m.gotoMatch(0)
	case landLastMatch:
		m.gotoMatch(len(m.matches) - 1)
	case landPassage:
		if m.anchor >= 0 && m.anchor < len(m.doc.passageLines) {
			m.viewport.SetYOffset(m.doc.passageLines[m.anchor])
		}
	case landPlace:
		switch {
		case m.place.width == m.doc.key.width:
			m.viewport.SetYOffset(m.place.offset)
		case m.place.passage >= 0 && m.place.passage < len(m.doc.passageLines):
			m.viewport.SetYOffset(m.doc.passageLines[m.place.passage])
		default:
			m.viewport.GotoTop()
		}
	}
	m.land = landKeep
}

// setQuery highlights q's matches; the current match is forgotten.
func (m *readerModel) setQuery(q store.Query) {
	m.query = q
	m.findMatches()
}

func (m *readerModel) findMatches() {
	m.matches = findMatches(m.doc, m.query)
	m.current = -1
	m.byLine = map[int][]int{}
	for i, mt := range m.matches {
		for _, seg := range mt.segments {
			m.byLine[seg.line] = append(m.byLine[seg.line], i)
		}
	}
}

// gotoMatch makes match i current and scrolls it into view, a third of the
// way down the pane so its context shows. It reports false when there is no
// match i.
func (m *readerModel) gotoMatch(i int) bool {
	if i < 0 || i >= len(m.matches) {
		return false
	}
	m.current = i
	line := m.matches[i].segments[0].line
	top, bottom := m.viewport.YOffset, m.viewport.YOffset+m.viewport.Height
	if line < top || line >= bottom {
		m.viewport.SetYOffset(line - m.viewport.Height/3)
	}
	return true
}

// nextMatch moves to the next match at or after the top of the pane when none
// is current. It reports false at the last match.
func (m *readerModel) nextMatch() bool {
	if m.current < 0 {
		for i, mt := range m.matches {
			if mt.segments[0].line >= m.viewport.YOffset {
				return m.gotoMatch(i)
			}
		}
		return false
	}
	return m.gotoMatch(m.current + 1)
}

// prevMatch moves to the previous match; it reports false at the first.
func (m *readerModel) prevMatch() bool {
	if m.current < 0 {
		for i := len(m.matches) - 1; i >= 0; i-- {
			if m.matches[i].segments[0].line < m.viewport.YOffset+m.viewport.Height {
				return m.gotoMatch(i)
			}
		}
		return false
	}
	return m.gotoMatch(m.current - 1)
}

// percent is how far through the article the pane is, 0–100.
func (m *readerModel) percent() int {
	if m.doc == nil || m.viewport.TotalLineCount() <= m.viewport.Height {
		return 100
	}
	return int(m.viewport.ScrollPercent() * 100)
}

// position is the footer status while reading: "match 2/7 · 42%".
func (m *readerModel) position() string {
	var pos string
	switch {
	case m.doc == nil:
		return "loading…"
	case m.viewport.TotalLineCount() <= m.viewport.Height:
		pos = "all"
	case m.viewport.AtTop():
		pos = "top"
	case m.viewport.AtBottom():
		pos = "end"
	default:
		pos = fmt.Sprintf("%d%%", int(m.viewport.ScrollPercent()*100))
	}
	if m.query.HasTerms() {
		switch {
		case len(m.matches) == 0:
			pos = "no matches · " + pos
		case m.current < 0:
			pos = plural(len(m.matches), "match", "matches") + " · " + pos
		default:
			pos = fmt.Sprintf("match %d/%d · %s", m.current+1, len(m.matches), pos)
		}
	}
	return pos
}

func (m *readerModel) lineDown(n int) { m.viewport.ScrollDown(n) }
func (m *readerModel) lineUp(n int)   { m.viewport.ScrollUp(n) }
func (m *readerModel) pageDown()      { m.viewport.PageDown() }
func (m *readerModel) pageUp()        { m.viewport.PageUp() }
func (m *readerModel) top()           { m.viewport.GotoTop() }
func (m *readerModel) bottom()        { m.viewport.GotoBottom() }

func (m readerModel) View() string {
	switch {
	case m.article == nil:
		return fitBlock(m.styles.ListEmpty.Render("  Select an article to read it."), m.width, m.height)
	case m.doc == nil:
		return fitBlock(m.styles.ListEmpty.Render("  Rendering…"), m.width, m.height)
	}
	// The viewport keeps the scroll position; drawing the visible lines here
	// truncates a document of a stale width instead of re-wrapping it.
	top := min(m.viewport.YOffset, len(m.doc.lines))
	bottom := min(top+m.height, len(m.doc.lines))
	lines := make([]string, 0, bottom-top)
	for y := top; y < bottom; y++ {
		lines = append(lines, m.markedLine(y))
	}
	return fitBlock(strings.Join(lines, "\n"), m.width, m.height)
}

// markedLine is line y with its matches highlighted and, when it belongs to
// a passage on the active topic, a bar in the topic's colour in the margin.
func (m readerModel) markedLine(y int) string {
	line := m.highlightedLine(y)
	switch {
	case m.flash >= 0 && y < len(m.doc.linePassage) && int(m.doc.linePassage[y]) == m.flash:
		line = m.styles.ListCursor.Render(flashBar) + ansi.TruncateLeft(line, 1, "")
	case m.onTopic(y):
		line = m.topicStyle[m.topic].Render(topicBar) + ansi.TruncateLeft(line, 1, "")
	}
	return line
}

// flashBar marks for a moment the passage a jump landed on.
const flashBar = "┃"

// topicBar marks, in the left margin, the passages on the active topic.
const topicBar = "▌"

// onTopic reports whether line y draws a passage on the active topic.
func (m readerModel) onTopic(y int) bool {
	if m.topic == noTopic || y >= len(m.doc.linePassage) {
		return false
	}
	p := m.doc.linePassage[y]
	return p >= 0 && m.lib.Coverage.OnTopic(m.doc.key.doc, int(p), m.topic)
}

// topicPassage returns the next (+1) or previous (-1) passage on the active
// topic: after the one last jumped to while the reader has not been scrolled
// since, else after (before) the top of the pane.
func (m *readerModel) topicPassage(dir int) (int, bool) {
	if m.doc == nil || m.topic == noTopic {
		return 0, false
	}
	passages := m.lib.Coverage.Passages(m.doc.key.doc, m.topic)
	top := m.viewport.YOffset
	from := -1 // passage to move on from
	if m.flash >= 0 && m.flashTop == top {
		from = m.flash
	}
	if dir < 0 {
		slices.Reverse(passages)
	}
	for _, p := range passages {
		line := m.doc.passageLines[p]
		switch {
		case from >= 0 && (dir > 0 && p > from || dir < 0 && p < from):
			return p, true
		case from < 0 && (dir > 0 && line > top || dir < 0 && line < top):
			return p, true
		}
	}
	return 0, false
}

// highlightedLine is line y with its search matches marked.
func (m readerModel) highlightedLine(y int) string {
	idx := m.byLine[y]
	if len(idx) == 0 {
		return m.doc.lines[y]
	}
	var spans []markSpan
	for _, i := range idx {
		on, off := m.styles.MatchOn, m.styles.MatchOff
		if i == m.current {
			on, off = m.styles.CurrentOn, m.styles.CurrentOff
		}
		for _, seg := range m.matches[i].segments {
			if seg.line == y {
				spans = append(spans, markSpan{start: seg.start, end: seg.end, on: on, off: off})
			}
		}
	}
	return highlight(m.doc.lines[y], spans)
}
