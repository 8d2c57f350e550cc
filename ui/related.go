package ui

import (
	"fmt"
	"strconv"
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

// relatedPanel lists what is related to an article and to the passage at the
// top of the reader.
type relatedPanel struct {
	doc      int    // the article the panel is about
	passage  int    // the passage at the top of the reader, -1 for none
	source   string // that passage's text
	finding  bool   // the relations are being computed
	articles int    // items[:articles] are articles, the rest passages
	items    []relatedItem
	cursor   int
}

// relatedItemLines is how many lines an item of the related panel takes.
const relatedItemLines = 2

// relatedFoundMsg brings the relations computed for the panel.
type relatedFoundMsg struct {
	lib           *store.Library
	doc, passage  int
	items         []relatedItem
	articlesCount int
}

// openRelated shows the panel for the article in the reader (or under the
// list cursor) and the passage at the top of the reader. Relations already
// known are shown at once; others are computed off the update loop (in a
// large library, comparing a passage with the related articles' passages
// reads and tokenizes them).
func (m *Model) openRelated() tea.Cmd {
	doc, passage := -1, -1
	switch {
	case m.reader.article != nil && m.readerVisible():
		doc = m.reader.at
		if d := m.reader.doc; d != nil {
			passage = d.passageAt(max(m.reader.viewport.YOffset, d.bodyStart))
		}
	case m.list.selected() != nil:
		h, _ := m.list.selectedHit()
		doc, passage = h.Doc, h.Passage
	default:
		m.status = "no article to relate"
		return nil
	}
	m.related = relatedPanel{doc: doc, passage: passage, source: passageText(m.lib.Article(doc), passage)}
	m.showRelated = true
	lib := m.lib
	if lib.Related.Known(doc, passage) {
		m.related.items, m.related.articles = relatedItems(lib, doc, passage)
		return nil
	}
	m.related.finding = true
	return func() tea.Msg {
		items, n := relatedItems(lib, doc, passage)
		return relatedFoundMsg{lib: lib, doc: doc, passage: passage, items: items, articlesCount: n}
	}
}

// relatedFound fills the panel, if it still waits for these relations.
func (m *Model) relatedFound(msg relatedFoundMsg) {
	p := &m.related
	if !m.showRelated || !p.finding || msg.lib != m.lib || msg.doc != p.doc || msg.passage != p.passage {
		return
	}
	p.items, p.articles, p.finding = msg.items, msg.articlesCount, false
}

// relatedItems are the rows of the panel on article doc and its passage:
// the related articles, then the related passages.
func relatedItems(lib *store.Library, doc, passage int) (items []relatedItem, articles int) {
	for _, ra := range lib.Related.Articles(doc) {
		items = append(items, relatedItem{doc: ra.Doc, passage: -1, score: ra.Score, terms: ra.SharedTerms})
	}
	articles = len(items)
	if passage >= 0 {
		for _, rp := range lib.Related.Passages(doc, passage) {
			items = append(items, relatedItem{doc: rp.Doc, passage: rp.Passage, score: rp.Score, terms: rp.SharedTerms,
				text: passageText(lib.Article(rp.Doc), rp.Passage)})
		}
	}
	return items, articles
}

func (m *Model) relatedKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	p := &m.related
	switch {
	case key.Matches(msg, k.CloseRelated):
		m.showRelated = false
	case key.Matches(msg, k.Down):
		p.cursor++
	case key.Matches(msg, k.Up):
		p.cursor--
	case key.Matches(msg, k.Top):
		p.cursor = 0
	case key.Matches(msg, k.Bottom):
		p.cursor = len(p.items) - 1
	case key.Matches(msg, k.JumpRelated):
		if len(p.items) == 0 {
			return nil
		}
		it := p.items[p.cursor]
		m.showRelated = false
		if it.passage < 0 {
			return m.jump(it.doc, landTop, -1)
		}
		return tea.Batch(m.jump(it.doc, landPassage, it.passage), m.flashPassage(it.passage))
	}
	p.cursor = min(max(p.cursor, 0), max(len(p.items)-1, 0))
	return nil
}

// passageText is passage p of article a, "" when it cannot be read.
func passageText(a *article.Article, p int) string {
	c, err := a.Content()
	if err != nil || p < 0 || p >= len(c.Passages) {
		return ""
	}
	return c.Passages[p].Text
}

// relatedView draws the panel into width × height cells.
func (m Model) relatedView(width, height int) string {
	s := m.styles
	p := m.related
	a := m.lib.Article(p.doc)
	var lines []string
	lines = append(lines, s.OverlayTitle.Render(" Related to ")+s.ListTitle.Render(fit("“"+a.Title+"”", max(width-13, 1))))
	numWidth := len(strconv.Itoa(m.lib.Len()))
	item := func(i int) []string {
		it := p.items[i]
		other := m.lib.Article(it.doc)
		marker := "  "
		title := s.ListTitle
		if i == p.cursor {
			marker, title = s.ListCursor.Render("› "), s.ListSelected
		}
		score := fmt.Sprintf(" %3d%%", int(it.score*100+0.5))
		head := marker + s.ListMeta.Render(fmt.Sprintf("%*d ", numWidth, it.doc+1)) +
			title.Render(fit(other.Title, max(width-2-numWidth-1-len(score), 1))) + s.ListMeta.Render(score)
		indent := strings.Repeat(" ", 2+numWidth+1)
		detail := "shares: " + strings.Join(it.terms, ", ")
		if it.passage >= 0 {
			detail = "“" + it.text + "”"
			if len(it.terms) > 0 {
				detail = strings.Join(it.terms, ", ") + " · " + detail
			}
		}
		return []string{head, indent + s.ListSnippet.Render(fit(detail, max(width-len(indent), 1)))}
	}
	if p.finding {
		lines = append(lines, "", s.ListEmpty.Render("  finding related articles and passages …"))
		return fitBlock(strings.Join(lines, "\n"), width, height)
	}
	lines = append(lines, "", s.OverlayTitle.Render(" Articles"))
	if p.articles == 0 {
		lines = append(lines, s.ListEmpty.Render("  none share enough with this one"))
	}
	for i := 0; i < p.articles; i++ {
		lines = append(lines, item(i)...)
	}
	if p.passage >= 0 {
		src := p.source
		lines = append(lines, "", s.OverlayTitle.Render(" Passages like ")+s.ListSnippet.Render(fit("“"+src+"”", max(width-16, 1))))
		if len(p.items) == p.articles {
			lines = append(lines, s.ListEmpty.Render("  no passage of another article is close to it"))
		}
		for i := p.articles; i < len(p.items); i++ {
			lines = append(lines, item(i)...)
		}
	}
	// keep the cursor's item on screen
	cursorLine := 0
	for i, l := range lines {
		if strings.HasPrefix(l, s.ListCursor.Render("› ")) {
			cursorLine = i
		}
	}
	top := 0
	if cursorLine+relatedItemLines > height {
		top = cursorLine + relatedItemLines - height
	}
	return fitBlock(strings.Join(lines[top:], "\n"), width, height)
}
