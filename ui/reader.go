package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"dispatch/store"
	"dispatch/store/article"
)

// landing says where the reader goes in an article it opens, once the
// article is rendered.
type landing int

const (
	landKeep         landing = iota // where the reader is (its anchor)
	landTop                         // the top of the article
	landResume                      // where the reader left it last time, else the top
	landFirstMatch                  // the first search match
	landLastMatch                   // the last search match
	landPassage                     // the start of a given passage
	landFirstOnTopic                // the first passage on the topic filter
	landLastOnTopic                 // the last passage on the topic filter
	landPlace                       // a place from the history or the saved state
)

// maxQueuedKeys bounds the keys kept while an article is being rendered.
const maxQueuedKeys = 32

// readerModel shows one rendered article, scrolling, with the search's
// matches highlighted, the passages on the topic filter marked, and the
// place it is at kept as an anchor that means the same at every width.
type readerModel struct {
	c *common

	doc  int              // the article shown, -1 for none
	art  *article.Article // that article
	page *document        // its rendering; of another width while a re-render is pending
	top  int              // first line shown

	pending  renderKey // the rendering waited for; zero when none
	failed   string    // why the article could not be rendered
	land     landing   // where to go once it comes
	landPass int       // the passage for landPassage
	landAt   place     // the place for landPlace
	at       anchor    // where the reader is: set by scrolling and landing, never by a resize
	queued   []tea.KeyMsg

	width, height int

	readDone    bool // marked read (or unread by hand) since opening
	flashOnLand bool // mark the passage landed on (landPassage) for a moment

	flash    int // passage just jumped to, marked until flashDoneMsg; -1 for none
	flashGen int
	flashTop int // the line the jump left at the top

	query   store.Query // the library search, highlighted
	find    store.Query // a search within this article, highlighted instead when set
	matches []docMatch
	current int           // index into matches; -1 before the first jump
	byLine  map[int][]int // line -> indexes into matches with a segment there
}

func newReaderModel(c *common) readerModel {
	return readerModel{c: c, doc: -1, current: -1, flash: -1}
}

// SetSize gives the reader its pane.
func (m *readerModel) SetSize(width, height int) {
	m.width, m.height = max(width, 1), max(height, 1)
	m.clampTop()
}

// renderWidth is the width articles are set at in this pane: the pane, or
// the reading measure when the pane is wider.
func (m *readerModel) renderWidth() int {
	if m.c.measure > 0 {
		return min(m.width, m.c.measure)
	}
	return m.width
}

// open switches to article doc, to land as asked once it is rendered; the
// root requests the rendering.
func (m *readerModel) open(doc int, land landing, passage int) {
	m.flash, m.flashOnLand = -1, false
	if doc != m.doc {
		m.readDone = false
		m.page, m.failed = nil, ""
		m.top = 0
		m.at = anchor{passage: -1}
		m.find = store.Query{}
		m.queued = nil
		m.setMatches()
	}
	m.doc, m.art = doc, m.c.lib.Article(doc)
	m.pending = renderKey{}
	m.land, m.landPass = land, passage
	if m.page != nil {
		m.landNow() // same article, already shown
	}
}

// openAt switches to article p.doc at a place from the history.
func (m *readerModel) openAt(p place) {
	m.landAt = p
	m.open(p.doc, landPlace, -1)
}

// close shows no article.
func (m *readerModel) close() {
	*m = readerModel{c: m.c, doc: -1, current: -1, flash: -1, width: m.width, height: m.height, query: m.query}
}

// needsRender reports the rendering the reader lacks, if any.
func (m *readerModel) needsRender() (renderKey, bool) {
	key := renderKey{doc: m.doc, width: m.renderWidth()}
	if m.doc < 0 || m.page != nil && m.page.key == key || m.pending == key {
		return key, false
	}
	return key, true
}

// show installs a rendered document and lands where it was asked to; a
// re-render for another width keeps the anchor.
func (m *readerModel) show(page *document) {
	if page.key.doc != m.doc {
		return
	}
	m.page = page
	m.pending = renderKey{}
	m.setMatches()
	m.landNow()
	queued := m.queued
	m.queued = nil
	for _, k := range queued {
		m.Update(k)
	}
}

// landNow goes where land says, then keeps the anchor from there on.
func (m *readerModel) landNow() {
	p := m.page
	switch m.land {
	case landKeep:
		m.top = p.lineOf(m.at)
	case landTop:
		m.top = 0
	case landResume:
		m.top = 0
		if saved := m.c.state.Article(m.c.stateKey(m.doc)).Position; saved != nil && saved.Percent < 100 {
			m.landAt = placeFromPosition(m.doc, *saved)
			m.top = m.landAt.lineIn(p)
		}
	case landFirstMatch:
		if !m.gotoMatch(0) {
			m.top = 0
		}
	case landLastMatch:
		if !m.gotoMatch(len(m.matches) - 1) {
			m.top = 0
		}
	case landPassage:
		if m.landPass >= 0 && m.landPass < len(p.passageLines) {
			m.top = p.passageLines[m.landPass]
			m.clampTop()
			if m.flashOnLand {
				m.landFlash()
			}
		}
	case landFirstOnTopic, landLastOnTopic:
		m.top = 0
		if m.c.topic == noTopic {
			break
		}
		if passages := m.c.lib.Coverage().Passages(m.doc, m.c.topic); len(passages) > 0 {
			pass := passages[0]
			if m.land == landLastOnTopic {
				pass = passages[len(passages)-1]
			}
			m.top = p.passageLines[pass]
			m.startFlash(pass)
		}
	case landPlace:
		m.top = m.landAt.lineIn(p)
	}
	m.clampTop()
	if m.land != landKeep {
		m.at = p.anchorAt(m.top)
	}
	m.land = landKeep
}

// Update handles a key while the reader has the keys. Keys that move
// within the article wait for it to be rendered.
func (m *readerModel) Update(msg tea.KeyMsg) {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.NextArticle):
		m.c.send(stepMsg{delta: 1, land: landResume})
		return
	case key.Matches(msg, k.PrevArticle):
		m.c.send(stepMsg{delta: -1, land: landResume})
		return
	case key.Matches(msg, k.Back):
		m.c.send(focusListMsg{})
		return
	case m.page == nil:
		if m.failed == "" && len(m.queued) < maxQueuedKeys {
			m.queued = append(m.queued, msg)
		}
		return
	}
	switch {
	case key.Matches(msg, k.Down):
		m.scrollBy(1)
	case key.Matches(msg, k.Up):
		m.scrollBy(-1)
	case key.Matches(msg, k.PageDown):
		if m.atEnd() {
			m.c.send(stepMsg{delta: 1, land: landTop, say: "next article"})
			return
		}
		m.scrollBy(m.height)
	case key.Matches(msg, k.PageUp):
		m.scrollBy(-m.height)
	case key.Matches(msg, k.HalfDown):
		m.scrollBy(max(m.height/2, 1))
	case key.Matches(msg, k.HalfUp):
		m.scrollBy(-max(m.height/2, 1))
	case key.Matches(msg, k.Top):
		m.scrollTo(0)
	case key.Matches(msg, k.Bottom):
		m.scrollTo(len(m.page.lines))
	case key.Matches(msg, k.NextMatch):
		m.stepMatch(1)
	case key.Matches(msg, k.PrevMatch):
		m.stepMatch(-1)
	case key.Matches(msg, k.NextTopicPassage):
		m.stepTopic(1)
	case key.Matches(msg, k.PrevTopicPassage):
		m.stepTopic(-1)
	}
}

// mouse scrolls the reader with the wheel.
func (m *readerModel) mouse(msg tea.MouseMsg) {
	switch msg.Button {
	case tea.MouseButtonWheelDown:
		m.scrollBy(wheelLines)
	case tea.MouseButtonWheelUp:
		m.scrollBy(-wheelLines)
	}
}

// wheelLines is how far one wheel notch scrolls the reader.
const wheelLines = 3

// scrollBy moves the top line by n and takes the anchor from there.
func (m *readerModel) scrollBy(n int) { m.scrollTo(m.top + n) }

func (m *readerModel) scrollTo(y int) {
	if m.page == nil {
		return
	}
	m.top = y
	m.clampTop()
	m.at = m.page.anchorAt(m.top)
}

// maxTop is the largest useful top line: the last page of the article.
func (m *readerModel) maxTop() int {
	if m.page == nil {
		return 0
	}
	return max(len(m.page.lines)-m.height, 0)
}

func (m *readerModel) clampTop() { m.top = min(max(m.top, 0), m.maxTop()) }

// atEnd reports whether the last line of the article is on screen.
func (m *readerModel) atEnd() bool { return m.page != nil && m.top >= m.maxTop() }

// percent is how far through the article the reader is, 0–100, the same
// at every width; 100 with the end on screen.
func (m *readerModel) percent() int {
	switch {
	case m.page == nil:
		return 0
	case m.atEnd():
		return 100
	}
	return m.page.percent(m.at)
}

// position is the footer's note while reading: "match 2/7 · 42%".
func (m *readerModel) position() string {
	var pos string
	switch {
	case m.page == nil:
		return "loading…"
	case len(m.page.lines) <= m.height:
		pos = "all"
	case m.top == 0:
		pos = "top"
	case m.atEnd():
		pos = "end"
	default:
		pos = fmt.Sprintf("%d%%", m.percent())
	}
	q := m.highlighted()
	switch {
	case !q.HasTerms():
	case len(m.matches) == 0:
		pos = "no matches · " + pos
	case m.current < 0:
		pos = plural(len(m.matches), "match", "matches") + " · " + pos
	default:
		pos = fmt.Sprintf("match %d/%d · %s", m.current+1, len(m.matches), pos)
	}
	return pos
}

// setQuery highlights the library search's matches.
func (m *readerModel) setQuery(q store.Query) {
	m.query = q
	m.setMatches()
}

// setFind highlights a search within this article instead.
func (m *readerModel) setFind(q store.Query) {
	m.find = q
	m.setMatches()
}

// highlighted is the query whose matches are marked: the search within the
// article when there is one, else the library search.
func (m *readerModel) highlighted() store.Query {
	if m.find.HasTerms() {
		return m.find
	}
	return m.query
}

func (m *readerModel) setMatches() {
	m.matches = findMatches(m.page, m.highlighted())
	m.current = -1
	m.byLine = map[int][]int{}
	for i, mt := range m.matches {
		for _, seg := range mt.segments {
			m.byLine[seg.line] = append(m.byLine[seg.line], i)
		}
	}
}

// stepMatch moves to the next (+1) or previous (-1) match. Past the last
// match of a library search it asks for the next result article; within
// the article's own search it stops.
func (m *readerModel) stepMatch(dir int) {
	q := m.highlighted()
	if !q.HasTerms() {
		m.c.say("no search to step through: / finds in this article")
		return
	}
	if m.moveMatch(dir) {
		return
	}
	if m.find.HasTerms() {
		if dir > 0 {
			m.c.say("no more matches below")
		} else {
			m.c.say("no more matches above")
		}
		return
	}
	land, say := landFirstMatch, "next result"
	if dir < 0 {
		land, say = landLastMatch, "previous result"
	}
	m.c.send(stepMsg{delta: dir, land: land, say: say})
}

// matchAhead reports whether n (forward) or N would find a match of the
// search within the article from where the reader is.
func (m *readerModel) matchAhead(forward bool) bool {
	if len(m.matches) == 0 {
		return false
	}
	if forward {
		last := m.matches[len(m.matches)-1].segments[0].line
		return m.current < len(m.matches)-1 && last >= m.top
	}
	return m.current > 0 || m.current < 0 && m.matches[0].segments[0].line < m.top+m.height
}

// moveMatch moves to the next (+1) or previous (-1) match from the current
// one, or, as less does, from the top of the pane when none is current or
// the reader has been scrolled away from it. It reports false when there is
// none that way.
func (m *readerModel) moveMatch(dir int) bool {
	if m.current >= 0 {
		if line := m.matches[m.current].segments[0].line; line < m.top || line >= m.top+m.height {
			m.current = -1
		}
	}
	if m.current < 0 {
		if dir > 0 {
			for i, mt := range m.matches {
				if mt.segments[0].line >= m.top {
					return m.gotoMatch(i)
				}
			}
			return false
		}
		for i := len(m.matches) - 1; i >= 0; i-- {
			if m.matches[i].segments[0].line < m.top+m.height {
				return m.gotoMatch(i)
			}
		}
		return false
	}
	return m.gotoMatch(m.current + dir)
}

// gotoMatch makes match i current and scrolls it into view, a third of the
// way down the pane so its context shows. It reports false when there is
// no match i.
func (m *readerModel) gotoMatch(i int) bool {
	if i < 0 || i >= len(m.matches) {
		return false
	}
	m.current = i
	line := m.matches[i].segments[0].line
	if line < m.top || line >= m.top+m.height {
		m.scrollTo(line - m.height/3)
	}
	return true
}

// stepTopic moves to the next (+1) or previous (-1) passage on the topic
// filter; past the last it asks for the next article on the topic.
func (m *readerModel) stepTopic(dir int) {
	if m.c.topic == noTopic {
		m.c.say("no topic filter: the number keys pick one")
		return
	}
	if p, ok := m.topicPassage(dir); ok {
		m.scrollTo(m.page.passageLines[p])
		m.startFlash(p)
		return
	}
	land, say := landFirstOnTopic, "next article on "
	if dir < 0 {
		land, say = landLastOnTopic, "previous article on "
	}
	m.c.send(stepMsg{delta: dir, land: land, say: say + m.c.topicName()})
}

// topicPassage returns the next (+1) or previous (-1) passage on the topic:
// after the one last jumped to while the reader has not been scrolled since,
// else after (before) the top of the pane.
func (m *readerModel) topicPassage(dir int) (int, bool) {
	passages := slices.Clone(m.c.lib.Coverage().Passages(m.doc, m.c.topic))
	from := -1 // passage to move on from
	if m.flash >= 0 && m.flashTop == m.top {
		from = m.flash
	}
	if dir < 0 {
		slices.Reverse(passages)
	}
	for _, p := range passages {
		if p >= len(m.page.passageLines) {
			continue
		}
		line := m.page.passageLines[p]
		switch {
		case from >= 0 && (dir > 0 && p > from || dir < 0 && p < from):
			return p, true
		case from < 0 && (dir > 0 && line > m.top || dir < 0 && line < m.top):
			return p, true
		}
	}
	return 0, false
}

// landFlash marks the passage landed on for a moment.
func (m *readerModel) landFlash() {
	m.flashOnLand = false
	if m.landPass >= 0 {
		m.startFlash(m.landPass)
	}
}

// startFlash marks passage p for a moment; the root times it.
func (m *readerModel) startFlash(p int) {
	m.flash, m.flashTop = p, m.top
	m.flashGen++
	m.c.send(flashStartedMsg{gen: m.flashGen})
}

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
