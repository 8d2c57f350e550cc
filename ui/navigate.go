package ui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"dispatch/store"
)

// navigate handles the components' requests.
func (m *Model) navigate(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case openMsg:
		return m.jump(msg)
	case previewMsg:
		return m.preview()
	case focusListMsg:
		return m.focusList()
	case stepMsg:
		return m.step(msg)
	case queryMsg:
		return m.setQuery(msg.text, msg.typing)
	case findMsg:
		m.setFind(msg.text)
	case promptDoneMsg:
		return m.promptDone(msg)
	case completeMsg:
		if m.list.suggest == "" {
			m.status = "no suggestion to take"
			return nil
		}
		m.search.replace(m.list.suggest)
	case listMoveMsg:
		m.list.moveBy(msg.delta)
		return m.preview()
	case closeMsg:
		m.back()
		return m.renderVisible()
	case openURLMsg:
		return m.openURL(msg.url)
	case copyURLMsg:
		m.copyURL(msg.url)
	}
	return nil
}

// enter switches to an overlay mode, remembering where to come back to.
func (m *Model) enter(mo mode) {
	m.under = append(m.under, m.mode)
	m.mode = mo
}

// back leaves the help or a panel for the screen it was opened over.
func (m *Model) back() {
	if n := len(m.under); n > 0 {
		m.mode, m.under = m.under[n-1], m.under[:n-1]
		return
	}
	m.mode = modeList
}

// jump opens an article in the reader, a jump the history records so back
// returns to the place it leaves.
func (m *Model) jump(msg openMsg) tea.Cmd {
	if msg.doc < 0 || msg.doc >= m.c.lib.Len() {
		return nil
	}
	if msg.land == landResume && m.layout.split && msg.doc == m.reader.doc && m.reader.shown() {
		// the article is beside the list already, maybe scrolled with the
		// wheel: it opens where the pane shows it
		msg.land = landKeep
	}
	if cur, ok := m.leaving(); ok && (cur.doc != msg.doc || msg.land != landResume && msg.land != landKeep) {
		m.reader.pushBack(cur)
	}
	m.lastRead = nil
	m.under = nil
	m.list.selectDoc(msg.doc)
	m.mode = modeReader
	m.reader.open(msg.doc, msg.land, msg.anchor)
	if msg.flash && msg.land == landPassage {
		m.reader.flashLanding()
	}
	return m.renderVisible()
}

// leaving is the place a jump leaves: the reader's, when it has the keys
// or, on one pane, was the last thing shown; from the split view's list,
// the place read before the reader began following the cursor.
func (m *Model) leaving() (place, bool) {
	s := m.screen() // the screen under the help or a panel, if one is open
	if len(m.under) > 0 {
		s = m.table[m.under[0]]
	}
	if s.reading() || !m.layout.split {
		return m.reader.here()
	}
	if m.lastRead != nil {
		return *m.lastRead, true
	}
	return place{}, false
}

// goBack returns to the place the last jump left; goForward undoes that.
func (m *Model) goBack() tea.Cmd    { return m.travel(false, "back") }
func (m *Model) goForward() tea.Cmd { return m.travel(true, "forward") }

func (m *Model) travel(forward bool, dir string) tea.Cmd {
	p, ok := m.reader.travel(forward)
	if !ok {
		m.status = "nothing to go " + dir + " to"
		return nil
	}
	m.lastRead = nil
	m.list.selectDoc(p.doc)
	m.mode = modeReader
	m.reader.openAt(p)
	return m.renderVisible()
}

// focusList gives the keys to the list, its cursor on the article being
// read when that is listed. Beside the list the reader shows the cursor's
// article, so keys that act on "this article" act on the one shown: when
// a filter has left the article read out of the list, the reader moves to
// the cursor's.
func (m *Model) focusList() tea.Cmd {
	if p, ok := m.reader.here(); ok && m.screen().reading() {
		m.lastRead = &p
	}
	m.mode = modeList
	m.list.selectDoc(m.reader.doc)
	return m.preview()
}

// preview makes the split view's reader follow the list's cursor while the
// list has the keys: the article is rendered once the cursor rests (or at
// once when it is cached), so holding j does not queue a render per row.
// An empty list shows no article.
func (m *Model) preview() tea.Cmd {
	if !m.layout.split || !m.screen().listing() {
		return nil
	}
	doc := m.list.selectedDoc()
	switch {
	case doc < 0:
		m.reader.close()
		return nil
	case doc == m.reader.doc:
		return nil
	}
	m.reader.open(doc, m.list.searchLanding(), -1)
	if _, ok := m.c.renderer.Cached(renderKey{doc: doc, width: m.reader.renderWidth()}); ok {
		return m.renderVisible()
	}
	m.previewGen++
	gen := m.previewGen
	return tea.Tick(m.previewSettle, func(time.Time) tea.Msg { return previewSettledMsg{gen} })
}

// step opens the article msg.delta places from the one being read, in the
// list's order: the next article, result or article on the topic.
func (m *Model) step(msg stepMsg) tea.Cmd {
	// an article a filter left out of the list has no place in it: next is
	// then the first, and previous the last
	doc, ok := m.list.neighbour(m.reader.doc, msg.delta)
	if !ok {
		switch {
		case msg.say != "":
			m.status = "the end: no " + msg.say
		case msg.delta > 0:
			m.status = "this is the last article"
		default:
			m.status = "this is the first article"
		}
		return nil
	}
	cmd := m.jump(openMsg{doc: doc, land: msg.land, anchor: -1})
	if msg.say != "" {
		m.status = msg.say + ": " + m.c.lib.Article(doc).Title
	}
	return cmd
}

// setQuery applies a library search: the list shows the hits, best first,
// and the reader highlights the matches. A word still being typed counts
// as the start of a word.
func (m *Model) setQuery(text string, typing bool) tea.Cmd {
	an := m.c.lib.Index().Analyzer()
	var q store.Query
	if typing {
		q = m.c.lib.Index().Expand(an.ParseTyping(text))
	} else {
		q = an.ParseQuery(text)
	}
	if text == "" {
		m.search.clear()
	}
	if q.TooLong {
		m.status = fmt.Sprintf("a query has at most %d words and %d characters", store.MaxQueryWords, store.MaxQueryBytes)
	}
	m.list.setQuery(q)
	m.reader.setQuery(q)
	return m.preview()
}

// setFind applies a search within the article being read, less-style: the
// reader goes to the first match from where the search started.
func (m *Model) setFind(text string) {
	an := m.c.lib.Index().Analyzer()
	m.reader.setFind(m.c.lib.Index().Expand(an.ParseTyping(text)))
	m.reader.gotoMatchFrom(m.findFrom)
}

// promptDone closes a prompt, keeping or dropping its query.
func (m *Model) promptDone(msg promptDoneMsg) tea.Cmd {
	if msg.target == findInArticle {
		m.mode = modeReader
		if !msg.keep {
			m.reader.setFind(store.Query{})
		}
		return nil
	}
	m.mode = modeList
	from := m.searchFrom
	m.searchFrom = nil
	if msg.keep {
		return m.preview()
	}
	m.setQuery("", false)
	return m.returnTo(from)
}

// searchStart is where the list and the reader were when a search began.
type searchStart struct {
	cursor  int   // the article under the list's cursor, -1 for none
	reading place // the reader's place
	shown   bool  // the reader had an article
}

// returnTo puts the list's cursor and the reader beside it back where a
// cancelled search found them.
func (m *Model) returnTo(from *searchStart) tea.Cmd {
	if from == nil {
		return m.preview()
	}
	m.list.selectDoc(from.cursor)
	if !m.layout.split || !from.shown {
		return m.preview()
	}
	if cur, ok := m.reader.here(); !ok || cur != from.reading {
		m.reader.openAt(from.reading)
	}
	return m.renderVisible()
}

// openPanel shows the screen of mode mo over the one shown, on the article
// keys act on; a screen that waits for the index says so instead.
func (m *Model) openPanel(mo mode) tea.Cmd {
	s := m.table[mo]
	if s.waits != "" && m.notReady(s.waits) {
		return nil
	}
	var cmd tea.Cmd
	if o, ok := s.panel.(opener); ok {
		var err error
		if cmd, err = o.Open(m.focusedPlace()); err != nil {
			m.status = err.Error()
			return nil
		}
	}
	m.enter(mo)
	return cmd
}

// focusedPlace is the article keys act on and the passage at the top of
// the reader: the article read, when the reader has the keys or is beside
// the list showing it, else the one under the list's cursor (with the
// passage of its first search match).
func (m *Model) focusedPlace() (doc, passage int) {
	if m.reader.doc >= 0 && m.readerVisible() {
		return m.reader.doc, m.reader.topPassage()
	}
	if h, ok := m.list.selectedHit(); ok {
		if h.Passage == store.PassageUnknown {
			h.Passage = m.c.lib.Index().FirstPassage(m.list.query, h.Doc)
		}
		return h.Doc, h.Passage
	}
	return -1, -1
}
