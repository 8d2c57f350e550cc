package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"dispatch/store"
	"dispatch/store/article"
)

// relatedItem is one row of the related panel: an article, or a passage of
// one.
type relatedItem struct {
	doc, passage int // passage -1 for a whole article
	score        float64
	terms        []string
	text         string // the passage's text
}

// relatedItemLines is how many lines an item of the related panel takes.
const relatedItemLines = 2

// relatedModel lists what is related to an article and to the passage at
// the top of the reader.
type relatedModel struct {
	c             *common
	doc           int    // the article the panel is about
	passage       int    // the passage at the top of the reader, -1 for none
	source        string // that passage's text
	finding       bool   // the relations are being computed
	failed        error  // why there are none to show
	articles      int    // items[:articles] are articles, the rest passages
	items         []relatedItem
	cursor        int
	width, height int
}

// relatedFoundMsg brings the relations computed for the panel.
type relatedFoundMsg struct {
	lib          *store.Library
	doc, passage int
	items        []relatedItem
	articles     int
	err          error
}

// Open shows the panel on article doc and its passage. Relations already
// known are shown at once; others are computed off the update loop (in a
// large library, comparing a passage with the related articles' passages
// reads and tokenizes them).
func (m *relatedModel) Open(doc, passage int) (tea.Cmd, error) {
	if doc < 0 {
		return nil, errors.New("no article to relate")
	}
	*m = relatedModel{c: m.c, doc: doc, passage: passage, source: passageText(m.c.lib.Article(doc), passage), width: m.width, height: m.height}
	lib := m.c.lib
	if lib.Related().Known(doc, passage) {
		m.items, m.articles, m.failed = relatedItems(lib, doc, passage)
		return nil, nil
	}
	m.finding = true
	return func() tea.Msg {
		items, n, err := relatedItems(lib, doc, passage)
		return relatedFoundMsg{lib: lib, doc: doc, passage: passage, items: items, articles: n, err: err}
	}, nil
}

// found fills the panel, if it still waits for these relations.
func (m *relatedModel) found(msg relatedFoundMsg) {
	if !m.finding || msg.lib != m.c.lib || msg.doc != m.doc || msg.passage != m.passage {
		return
	}
	m.items, m.articles, m.failed, m.finding = msg.items, msg.articles, msg.err, false
}

// relatedItems are the rows of the panel on article doc and its passage:
// the related articles, then the related passages.
func relatedItems(lib *store.Library, doc, passage int) (items []relatedItem, articles int, err error) {
	if err := lib.Related().Err(); err != nil {
		return nil, 0, err
	}
	for _, ra := range lib.Related().Articles(doc) {
		items = append(items, relatedItem{doc: ra.Doc, passage: -1, score: ra.Score, terms: ra.SharedTerms})
	}
	articles = len(items)
	if passage >= 0 {
		for _, rp := range lib.Related().Passages(doc, passage) {
			items = append(items, relatedItem{doc: rp.Doc, passage: rp.Passage, score: rp.Score, terms: rp.SharedTerms,
				text: passageText(lib.Article(rp.Doc), rp.Passage)})
		}
	}
	return items, articles, nil
}

// passageText is passage p of a, "" when it cannot be read.
func passageText(a *article.Article, p int) string {
	c, err := a.Content()
	if err != nil || p < 0 || p >= len(c.Passages) {
		return ""
	}
	return c.Passages[p].Text
}

// SetSize gives the panel the body of the screen.
func (m *relatedModel) SetSize(width, height int) { m.width, m.height = width, height }

// Update handles a key while the panel is shown.
func (m *relatedModel) Update(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.Close), key.Matches(msg, k.Related):
		m.c.send(closeMsg{})
	case key.Matches(msg, k.Select):
		m.jump()
	default:
		// a page is as many items as the panel shows
		m.cursor, _ = k.moved(msg, m.cursor, max(m.height/relatedItemLines, 1), len(m.items))
	}
	m.cursor = min(max(m.cursor, 0), max(len(m.items)-1, 0))
	return nil
}

// Mouse moves the cursor with the wheel; a click on an item picks it, a
// second click goes there. y is the row within the panel.
func (m *relatedModel) Mouse(msg tea.MouseMsg, y int) tea.Cmd {
	m.cursor += wheelStep(msg)
	if msg.Button == tea.MouseButtonLeft {
		_, starts, top := m.layout()
		for i, start := range starts {
			if line := top + y; line >= start && line < start+relatedItemLines {
				if i == m.cursor {
					m.jump()
					return nil
				}
				m.cursor = i
			}
		}
	}
	m.cursor = min(max(m.cursor, 0), max(len(m.items)-1, 0))
	return nil
}

// ShortHelp is how to leave the panel, go to an item, and move.
func (m *relatedModel) ShortHelp() []key.Binding {
	k := m.c.keys
	many := len(m.items) > 1
	return []key.Binding{k.Close, enabled(k.Select, len(m.items) > 0), enabled(k.Down, many), enabled(k.Up, many)}
}

// FullHelp is the panel's keys.
func (m *relatedModel) FullHelp() []helpSection {
	k := m.c.keys
	return []helpSection{k.moveHelp(), {helpPanels, []key.Binding{k.Select, k.Close}}}
}

// Status is the cursor's item: "3/8".
func (m *relatedModel) Status() string { return m.position() }

// jump opens the item under the cursor.
func (m *relatedModel) jump() {
	if len(m.items) == 0 {
		return
	}
	it := m.items[m.cursor]
	if it.passage < 0 {
		m.c.send(openMsg{doc: it.doc, land: landTop, anchor: -1})
		return
	}
	m.c.send(openMsg{doc: it.doc, land: landPassage, anchor: it.passage, flash: true})
}

// position is "3/8", for the footer.
func (m *relatedModel) position() string {
	return fmt.Sprintf("%d/%d", min(m.cursor+1, len(m.items)), len(m.items))
}

// View draws the panel.
func (m *relatedModel) View() string {
	lines, _, top := m.layout()
	return fitBlock(strings.Join(lines[top:], "\n"), m.width, m.height)
}

// layout is the panel's lines, the line each item starts on, and the first
// line shown (the cursor's item kept on screen).
func (m *relatedModel) layout() (lines []string, starts []int, top int) {
	s := m.c.styles
	width := m.width
	a := m.c.lib.Article(m.doc)
	lines = []string{s.OverlayTitle.Render(" Related to ") + s.ListTitle.Render(fit("“"+a.Title+"”", max(width-13, 1)))}
	if m.finding {
		return append(lines, "", s.ListEmpty.Render("  finding related articles and passages …")), nil, 0
	}
	if m.failed != nil {
		return append(lines, "", s.ListEmpty.Render(fit("  nothing to show: "+m.failed.Error(), max(width, 1)))), nil, 0
	}
	numWidth := m.c.numberWidth()
	cursorLine := 0
	starts = make([]int, len(m.items))
	item := func(i int) {
		it := m.items[i]
		starts[i] = len(lines)
		marker, title := "  ", s.ListTitle
		if i == m.cursor {
			marker, title = s.ListCursor.Render("› "), s.ListSelected
			cursorLine = len(lines)
		}
		score := fmt.Sprintf(" %3d%%", int(it.score*100+0.5))
		head := marker + s.ListMeta.Render(fmt.Sprintf("%*d ", numWidth, m.c.lib.Number(it.doc))) +
			title.Render(fit(m.c.lib.Article(it.doc).Title, max(width-2-numWidth-1-len(score), 1))) + s.ListMeta.Render(score)
		indent := strings.Repeat(" ", 2+numWidth+1)
		detail := "shares: " + strings.Join(it.terms, ", ")
		if it.passage >= 0 {
			detail = "“" + it.text + "”"
			if len(it.terms) > 0 {
				detail = strings.Join(it.terms, ", ") + " · " + detail
			}
		}
		lines = append(lines, head, indent+s.ListSnippet.Render(fit(detail, max(width-len(indent), 1))))
	}
	lines = append(lines, "", s.OverlayTitle.Render(" Articles"))
	if m.articles == 0 {
		lines = append(lines, s.ListEmpty.Render("  none share enough with this one"))
	}
	for i := range m.articles {
		item(i)
	}
	if m.passage >= 0 {
		lines = append(lines, "", s.OverlayTitle.Render(" Passages like ")+s.ListSnippet.Render(fit("“"+m.source+"”", max(width-16, 1))))
		if len(m.items) == m.articles {
			lines = append(lines, s.ListEmpty.Render("  no passage of another article is close to it"))
		}
		for i := m.articles; i < len(m.items); i++ {
			item(i)
		}
	}
	if cursorLine+relatedItemLines > m.height {
		top = cursorLine + relatedItemLines - m.height
	}
	return lines, starts, top
}
