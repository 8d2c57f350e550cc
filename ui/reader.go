package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

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

	hist    history   // the places jumps left, to go back and forth
	list    listOrder // where articles stand in the list, for J and space
	savedAt place     // the place last saved, to save only changes
}

// listOrder is what the reader knows of the list: whether an article has
// another after it.
type listOrder interface {
	hasAfter(doc int) bool
}

func newReaderModel(c *common, list listOrder) *readerModel {
	return &readerModel{c: c, doc: -1, current: -1, flash: -1, list: list}
}

// reset shows no article, for a new library; the history is the root's to
// carry over (setHistory).
func (m *readerModel) reset() {
	*m = readerModel{c: m.c, doc: -1, current: -1, flash: -1, list: m.list, width: m.width, height: m.height}
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
	*m = readerModel{c: m.c, doc: -1, current: -1, flash: -1, width: m.width, height: m.height, query: m.query,
		hist: m.hist, list: m.list, savedAt: m.savedAt}
}

// topPassage is the passage at the top of the pane, -1 before the article
// is rendered. A heading at the top says what follows: the passage is then
// the text under it.
func (m *readerModel) topPassage() int {
	if m.page == nil {
		return -1
	}
	passage := m.page.passageAt(max(m.top, m.page.bodyStart))
	if c, err := m.art.Content(); err == nil && passage >= 0 {
		for passage+1 < len(c.Passages) && c.Passages[passage].Kind == article.Heading {
			passage++
		}
	}
	return passage
}

// shown reports whether the article is rendered and on screen.
func (m *readerModel) shown() bool { return m.page != nil }

// await notes the rendering the reader waits for.
func (m *readerModel) await(key renderKey) { m.pending = key }

// awaits reports whether key is the rendering the reader waits for.
func (m *readerModel) awaits(key renderKey) bool { return key == m.pending }

// fail shows why the article could not be rendered; the keys kept for it
// go.
func (m *readerModel) fail(why string) {
	m.pending = renderKey{}
	m.failed, m.queued = why, nil
}

// markedByHand notes that the article was marked read or unread by hand:
// scrolling it does not mark it read again.
func (m *readerModel) markedByHand() { m.readDone = true }

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
		if saved := m.c.saved(m.doc).Position; saved != nil && saved.Percent < 100 {
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
func (m *readerModel) Update(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.NextArticle):
		m.c.send(stepMsg{delta: 1, land: landResume})
		return nil
	case key.Matches(msg, k.PrevArticle):
		m.c.send(stepMsg{delta: -1, land: landResume})
		return nil
	case key.Matches(msg, k.Back):
		m.c.send(focusListMsg{})
		return nil
	case m.page == nil:
		if m.failed == "" && len(m.queued) < maxQueuedKeys {
			m.queued = append(m.queued, msg)
		}
		return nil
	case key.Matches(msg, k.PageDown) && m.atEnd():
		m.c.send(stepMsg{delta: 1, land: landTop, say: "next article"})
		return nil
	}
	if to, ok := k.moved(msg, m.top, m.height, len(m.page.lines)); ok {
		m.scrollTo(to)
		return nil
	}
	switch {
	case key.Matches(msg, k.NextMatch):
		m.stepMatch(1)
	case key.Matches(msg, k.PrevMatch):
		m.stepMatch(-1)
	case key.Matches(msg, k.NextTopicPassage):
		m.stepTopic(1)
	case key.Matches(msg, k.PrevTopicPassage):
		m.stepTopic(-1)
	}
	return nil
}

// Mouse scrolls the reader with the wheel.
func (m *readerModel) Mouse(msg tea.MouseMsg, _ int) tea.Cmd {
	if n := wheelStep(msg); n != 0 {
		m.scrollBy(n * wheelLines)
	}
	return nil
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
