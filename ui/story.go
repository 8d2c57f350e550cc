package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"dispatch/store"
	"dispatch/store/story"
)

// storyModel is who says what in the story of an article: the sources
// that report it, what they disagree on (both passages, verbatim), what
// only one of them states, what one leaves out that most state, and the
// matrix of facets — names, numbers, dates, topics, quotes — by source.
// Every line that says something points at the text it rests on: enter
// opens the article there.
type storyModel struct {
	c        *common
	info     store.StoryInfo
	view     story.View
	docOf    map[int]int           // article number → doc
	passages map[passageKey]string // the text of the passages disagreements quote
	finding  bool
	failed   error
	lines    []storyLine // laid out for the width
	cursor   int         // index into lines; a line that points somewhere
	col      int         // the source column on a matrix line
	offset   int
	width    int
	height   int
}

// storyLine is one line of the panel; spans are where it points, by source
// column on a matrix line (nil where the source says nothing), else one.
type storyLine struct {
	text   string
	spans  []*story.Span
	matrix bool
}

// storyFoundMsg brings the view computed for the panel.
type storyFoundMsg struct {
	lib      *store.Library
	id       int
	view     story.View
	passages map[passageKey]string
	err      error
}

// Open shows the story of article doc, computing who says what off the
// update loop: it reads every member's text.
func (m *storyModel) Open(doc, _ int) (tea.Cmd, error) {
	if doc < 0 {
		return nil, errors.New("no article")
	}
	lib := m.c.lib
	info, ok := lib.StoryOf(doc)
	if !ok {
		return nil, errors.New("no other article reports this one's story")
	}
	*m = storyModel{c: m.c, info: info, finding: true, width: m.width, height: m.height, docOf: map[int]int{}}
	for _, d := range info.Docs {
		m.docOf[lib.Number(d)] = d
	}
	docOf := m.docOf
	return func() tea.Msg {
		v, err := lib.CompareStory(info.Docs)
		return storyFoundMsg{lib: lib, id: info.ID, view: v, passages: quotedPassages(lib, v, docOf), err: err}
	}, nil
}

// found fills the panel, if it still waits for this story.
func (m *storyModel) found(msg storyFoundMsg) {
	if !m.finding || msg.lib != m.c.lib || msg.id != m.info.ID {
		return
	}
	m.view, m.passages, m.failed, m.finding = msg.view, msg.passages, msg.err, false
	m.layout()
	m.cursor = m.next(-1, 1)
}

// SetSize gives the panel the body of the screen.
func (m *storyModel) SetSize(width, height int) {
	m.width, m.height = width, height
	if !m.finding && m.failed == nil {
		// the lines wrap anew: the cursor stays on what it pointed at
		at, col, ok := m.anchor()
		matrix := ok && m.lines[m.cursor].matrix
		m.layout()
		if ok {
			m.find(at, col, matrix)
		}
	}
	m.clamp()
}

// anchor is what names the cursor's line whatever the width: the first
// place it points at (on a matrix line, the first source's that says it),
// and the column the cursor is in.
func (m *storyModel) anchor() (story.Span, int, bool) {
	if m.cursor >= len(m.lines) {
		return story.Span{}, 0, false
	}
	for c, s := range m.lines[m.cursor].spans {
		if s != nil {
			return *s, m.col - c, true
		}
	}
	return story.Span{}, 0, false
}

// find puts the cursor back on the line whose first place is sp, in the
// matrix or not as it was (a fact only one source states is also its row
// of the matrix), the column as far from it as it was (see anchor).
func (m *storyModel) find(sp story.Span, offset int, matrix bool) {
	for i, l := range m.lines {
		if l.matrix != matrix {
			continue
		}
		for c, s := range l.spans {
			if s != nil {
				if *s == sp {
					m.cursor, m.col = i, c+offset
					return
				}
				break // only a line's first place names it
			}
		}
	}
}

// Update handles a key while the panel is shown.
func (m *storyModel) Update(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.Close), key.Matches(msg, k.Story):
		m.c.send(closeMsg{})
	case key.Matches(msg, k.Select):
		m.jump()
	case key.Matches(msg, k.CellRight):
		m.col++
	case key.Matches(msg, k.CellLeft):
		m.col--
	case key.Matches(msg, k.Down):
		m.cursor = m.next(m.cursor, 1)
	case key.Matches(msg, k.Up):
		m.cursor = m.next(m.cursor, -1)
	default:
		if to, ok := k.moved(msg, m.cursor, m.height-1, len(m.lines)); ok {
			m.cursor = m.nearest(to)
		}
	}
	m.clamp()
	return nil
}

// Mouse scrolls with the wheel; a click picks a line (and a column of the
// matrix), a second click opens where it points.
func (m *storyModel) Mouse(msg tea.MouseMsg, y int) tea.Cmd {
	if step := wheelStep(msg); step != 0 {
		m.cursor = m.next(m.cursor, step)
	}
	shown := m.shown()
	if r := y - 1; msg.Button == tea.MouseButtonLeft && r >= 0 && r < len(shown) && len(m.lines[shown[r]].spans) > 0 {
		i := shown[r]
		col := m.col
		if m.lines[i].matrix {
			if x := msg.X - m.labelWidth() - 2; x >= 0 && x/storyCellWidth < len(m.lines[i].spans) {
				c := x / storyCellWidth
				col = c
			}
		}
		if i == m.cursor && col == m.col {
			m.jump()
			return nil
		}
		m.cursor, m.col = i, col
	}
	m.clamp()
	return nil
}

// next is the next line after from (dir +1, or before it for -1) that
// points somewhere; from itself when there is none.
func (m *storyModel) next(from, dir int) int {
	for i := from + dir; i >= 0 && i < len(m.lines); i += dir {
		if len(m.lines[i].spans) > 0 {
			return i
		}
	}
	return max(from, 0)
}

// nearest is the line that points somewhere nearest to line i.
func (m *storyModel) nearest(i int) int {
	i = min(max(i, 0), max(len(m.lines)-1, 0))
	if i < len(m.lines) && len(m.lines[i].spans) > 0 {
		return i
	}
	if j := m.next(i, 1); j != i {
		return j
	}
	return m.next(i, -1)
}

func (m *storyModel) clamp() {
	m.cursor = min(max(m.cursor, 0), max(len(m.lines)-1, 0))
	if m.cursor < len(m.lines) {
		m.col = min(max(m.col, 0), max(len(m.lines[m.cursor].spans)-1, 0))
	}
	rows := max(m.height-1, 1) // under the title
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
	m.offset = min(max(m.offset, 0), max(len(m.lines)-rows, 0))
	if m.pinned() && rows > 1 && m.cursor >= m.offset+rows-1 {
		// the matrix's source numbers take the first row
		m.offset = m.cursor - rows + 2
	}
}

// matrixHead is the line of the matrix's source numbers; -1 before the
// view is laid out.
func (m *storyModel) matrixHead() int {
	for i, l := range m.lines {
		if l.matrix {
			return i - 1
		}
	}
	return -1
}

// pinned reports whether the matrix's source numbers are scrolled off and
// so kept on the first row: a column of dots says nothing without them.
func (m *storyModel) pinned() bool {
	h := m.matrixHead()
	return h >= 0 && m.offset > h
}

// shown are the lines on screen, from the first under the title: the
// matrix's source numbers first when pinned.
func (m *storyModel) shown() []int {
	rows := max(m.height-1, 1)
	var out []int
	if m.pinned() && rows > 1 {
		out = append(out, m.matrixHead())
		rows--
	}
	for i := m.offset; i < min(len(m.lines), m.offset+rows); i++ {
		out = append(out, i)
	}
	return out
}

// target is where the cursor points, if anywhere.
func (m *storyModel) target() (*story.Span, bool) {
	if m.cursor >= len(m.lines) {
		return nil, false
	}
	l := m.lines[m.cursor]
	col := 0
	if l.matrix {
		col = m.col
	}
	if col >= len(l.spans) || l.spans[col] == nil {
		return nil, false
	}
	return l.spans[col], true
}

// jump opens the article where the cursor points, at the passage, marked.
func (m *storyModel) jump() {
	sp, ok := m.target()
	if !ok {
		m.c.say("this source does not say it")
		return
	}
	doc, ok := m.docOf[sp.Doc]
	switch {
	case !ok:
	case sp.Passage < 0:
		m.c.send(openMsg{doc: doc, land: landTop, anchor: -1})
	default:
		m.c.send(openMsg{doc: doc, land: landPassage, anchor: sp.Passage, flash: true})
	}
}

// ShortHelp is how to leave the panel, go where a line points, and move.
func (m *storyModel) ShortHelp() []key.Binding {
	k := m.c.keys
	_, ok := m.target()
	matrix := m.cursor < len(m.lines) && m.lines[m.cursor].matrix
	return []key.Binding{k.Close, enabled(k.Select, ok), k.Down, k.Up, enabled(relabel(k.CellRight, "next source"), matrix), enabled(relabel(k.CellLeft, "previous source"), matrix)}
}

// FullHelp is the panel's keys.
func (m *storyModel) FullHelp() []helpSection {
	k := m.c.keys
	return []helpSection{k.moveHelp(), {helpPanels, []key.Binding{k.Select, k.Close, k.CellLeft, k.CellRight}}}
}

// Status is where the cursor is among the lines that point somewhere.
func (m *storyModel) Status() string {
	if m.finding || m.failed != nil {
		return ""
	}
	n, at := 0, 0
	for i, l := range m.lines {
		if len(l.spans) > 0 {
			n++
			if i <= m.cursor {
				at = n
			}
		}
	}
	return fmt.Sprintf("%d/%d", at, n)
}

// View draws the panel: its title and the lines that fit.
func (m *storyModel) View() string {
	s := m.c.styles
	title := s.OverlayTitle.Render(" Story") + s.ListMeta.Render(fmt.Sprintf(" · %s · %s", plural(len(m.info.Docs), "article", "articles"), plural(len(m.info.Sources), "source", "sources")))
	out := []string{title + "  " + s.ListTitle.Render(ansi.Truncate(m.info.Headline, max(m.width-ansi.StringWidth(title)-3, 1), "…"))}
	switch {
	case m.finding:
		out = append(out, "", s.ListEmpty.Render("  comparing what each source says …"))
	case m.failed != nil:
		out = append(out, "", s.ListEmpty.Render(fit("  nothing to show: "+m.failed.Error(), m.width)))
	default:
		for _, i := range m.shown() {
			out = append(out, m.drawLine(i))
		}
	}
	return fitBlock(strings.Join(out, "\n"), m.width, m.height)
}

// quotedPassages reads the passages the view's disagreements quote, off
// the update loop (an article's text may have to be read from its file).
func quotedPassages(lib *store.Library, v story.View, docOf map[int]int) map[passageKey]string {
	out := map[passageKey]string{}
	for _, d := range v.Disagreements {
		for _, side := range d.Sides {
			for _, c := range side.Claims {
				k := passageKey{c.Span.Doc, c.Span.Passage}
				if _, done := out[k]; done {
					continue
				}
				if doc, ok := docOf[k.doc]; ok {
					out[k] = passageText(lib.Article(doc), k.passage)
				}
			}
		}
	}
	return out
}
