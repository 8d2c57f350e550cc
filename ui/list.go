package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"dispatch/store"
)

// Each list row is rowLines lines of text followed by one blank line.
const (
	rowLines  = 2
	rowHeight = rowLines + 1
)

// listModel is the article list: the articles in display order, a cursor
// and a scroll offset. It draws itself into exactly width × height cells.
type listModel struct {
	lib    *store.Library
	styles Styles
	items  []int // indexes into lib.Articles, in display order
	cursor int   // index into items
	offset int   // first visible item
	width  int
	height int
}

func newListModel(lib *store.Library, styles Styles) listModel {
	items := make([]int, lib.Len())
	for i := range items {
		items[i] = i
	}
	return listModel{lib: lib, styles: styles, items: items}
}

func (m *listModel) setSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.clamp()
}

// visibleRows is how many rows fit; the last row needs no blank line after it.
func (m *listModel) visibleRows() int {
	return max(1, (m.height+1)/rowHeight)
}

// selected returns the article under the cursor, or nil for an empty list.
func (m *listModel) selected() *store.Article {
	if len(m.items) == 0 {
		return nil
	}
	return &m.lib.Articles[m.items[m.cursor]]
}

// moveTo puts the cursor on item i (clamped) and scrolls it into view.
func (m *listModel) moveTo(i int) {
	m.cursor = i
	m.clamp()
}

func (m *listModel) moveBy(n int) { m.moveTo(m.cursor + n) }

// selectArticle moves the cursor to the article with the given library index.
func (m *listModel) selectArticle(idx int) bool {
	for i, it := range m.items {
		if it == idx {
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
}

// itemAt returns the item drawn at row y of the pane, or -1 for a gap.
func (m *listModel) itemAt(y int) int {
	if y < 0 || y%rowHeight >= rowLines {
		return -1
	}
	i := m.offset + y/rowHeight
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
		return fitBlock(m.styles.ListEmpty.Render("  no articles"), m.width, m.height)
	}
	numWidth := len(strconv.Itoa(m.lib.Len()))
	var b strings.Builder
	rows := m.visibleRows()
	for i := m.offset; i < min(len(m.items), m.offset+rows); i++ {
		if i > m.offset {
			b.WriteString("\n\n")
		}
		m.writeRow(&b, i, numWidth, focused)
	}
	return fitBlock(b.String(), m.width, m.height)
}

func (m listModel) writeRow(b *strings.Builder, i, numWidth int, focused bool) {
	a := &m.lib.Articles[m.items[i]]
	s := m.styles
	marker, title := "  ", s.ListTitle
	if i == m.cursor {
		marker, title = "› ", s.ListSelected
		if !focused {
			marker = "· "
		}
	}
	num := fmt.Sprintf("%*d ", numWidth, a.ID)
	indent := strings.Repeat(" ", ansi.StringWidth(marker)+len(num))
	titleWidth := max(m.width-len(indent), 1)
	b.WriteString(s.ListCursor.Render(marker) + s.ListMeta.Render(num) + title.Render(fit(a.Title, titleWidth)))
	b.WriteString("\n")
	b.WriteString(indent + s.ListMeta.Render(fit(listMeta(a), titleWidth)))
}

// listMeta is the second line of a row: byline, date, reading time.
func listMeta(a *store.Article) string {
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
