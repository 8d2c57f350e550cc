package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Coverage cells: a bar of shaded blocks and a percentage when there is
// room, a single shade and the percentage when there is not.
const (
	barCells        = 5
	wideCellWidth   = barCells + 5 // "███░░  25%"
	narrowCellWidth = 5            // "▓ 25%"
	cellGap         = 2
	minTitleWidth   = 12
)

// shades from light to full, for narrow cells.
var shades = []string{"·", "░", "▒", "▓", "█"}

// coverageModel is the articles × topics matrix and its cursor cell.
type coverageModel struct {
	row, col int // cursor: article (library order) and topic
	offset   int // first visible row
}

// openCoverage shows the matrix with the cursor on the selected article and
// the active topic.
func (m *Model) openCoverage() {
	m.showCoverage = true
	if d := m.list.selectedDoc(); d >= 0 {
		m.coverage.row = d
	}
	if m.topic != noTopic {
		m.coverage.col = m.topic
	}
}

func (m *Model) coverageKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	c := &m.coverage
	topics := len(m.lib.Topics)
	switch {
	case key.Matches(msg, k.CloseView):
		m.showCoverage = false
	case key.Matches(msg, k.Down):
		c.row++
	case key.Matches(msg, k.Up):
		c.row--
	case key.Matches(msg, k.PageDown):
		c.row += m.coverageRows()
	case key.Matches(msg, k.PageUp):
		c.row -= m.coverageRows()
	case key.Matches(msg, k.Top):
		c.row = 0
	case key.Matches(msg, k.Bottom):
		c.row = m.lib.Len() - 1
	case key.Matches(msg, k.CellRight):
		c.col = min(c.col+1, topics-1)
	case key.Matches(msg, k.CellLeft):
		c.col = max(c.col-1, 0)
	case key.Matches(msg, k.CellOpen):
		return m.openFromCoverage()
	}
	m.clampCoverage()
	return nil
}

// coverageRows is how many article rows fit under the two title lines.
func (m *Model) coverageRows() int { return max(m.layout.bodyHeight-2, 1) }

func (m *Model) clampCoverage() {
	c := &m.coverage
	c.row = min(max(c.row, 0), max(m.lib.Len()-1, 0))
	rows := m.coverageRows()
	if c.row < c.offset {
		c.offset = c.row
	}
	if c.row >= c.offset+rows {
		c.offset = c.row - rows + 1
	}
}

// openFromCoverage opens the cursor's article at its first passage on the
// cursor's topic.
func (m *Model) openFromCoverage() tea.Cmd {
	doc, topic := m.coverage.row, m.coverage.col
	m.showCoverage = false
	passages := m.lib.Coverage.Passages(doc, topic)
	if len(passages) == 0 {
		m.status = fmt.Sprintf("no passage of article %d is on %s", doc+1, m.lib.Topics[topic].Name)
		return m.jump(doc, landTop, -1)
	}
	return tea.Batch(m.jump(doc, landPassage, passages[0]), m.flashPassage(passages[0]))
}

// coverageView draws the matrix into width × height cells.
func (m Model) coverageView(width, height int) string {
	s := m.styles
	ts := m.lib.Coverage
	topics := m.lib.Topics
	numWidth := len(strconv.Itoa(m.lib.Len()))
	// the widest cells that leave the titles room: whole topic names, a bar
	// and a percentage, or a shade and a percentage
	longest := 0
	for _, t := range topics {
		longest = max(longest, ansi.StringWidth(t.Name))
	}
	var cellWidth, titleWidth int
	for _, cellWidth = range []int{max(longest, wideCellWidth), wideCellWidth, narrowCellWidth} {
		titleWidth = width - 2 - numWidth - 1 - len(topics)*(cellWidth+cellGap)
		if titleWidth >= minTitleWidth {
			break
		}
	}
	titleWidth = max(titleWidth, 1)
	peak := 0.0
	for d := range m.lib.Len() {
		for t := range topics {
			peak = max(peak, ts.Weight(d, t))
		}
	}
	var lines []string
	lines = append(lines, s.OverlayTitle.Render(" Topic coverage")+s.ListMeta.Render(" · share of each article on each topic"))
	head := strings.Repeat(" ", 2+numWidth+1+titleWidth)
	for t, topic := range topics {
		name := ansi.Truncate(topic.Name, cellWidth, "")
		head += strings.Repeat(" ", cellGap) + m.topicStyle[t].Render(fit(name, cellWidth))
	}
	lines = append(lines, head)
	rows := max(height-2, 1)
	for d := m.coverage.offset; d < min(m.lib.Len(), m.coverage.offset+rows); d++ {
		a := m.lib.Article(d)
		marker := "  "
		if d == m.coverage.row {
			marker = s.ListCursor.Render("› ")
		}
		line := marker + s.ListMeta.Render(fmt.Sprintf("%*d ", numWidth, d+1)) + fit(a.Title, titleWidth)
		for t := range topics {
			cell := coverageCell(ts.Weight(d, t), peak, cellWidth == narrowCellWidth)
			style := m.topicStyle[t]
			if d == m.coverage.row && t == m.coverage.col {
				style = style.Reverse(true)
				cell = "▸" + ansi.TruncateLeft(cell, 1, "")
			}
			pad := strings.Repeat(" ", max(cellWidth-ansi.StringWidth(cell), 0))
			line += strings.Repeat(" ", cellGap) + style.Render(cell) + pad
		}
		lines = append(lines, line)
	}
	return fitBlock(strings.Join(lines, "\n"), width, height)
}

// coverageCell draws one weight, shaded against the largest in the matrix.
func coverageCell(w, peak float64, narrow bool) string {
	pct := fmt.Sprintf("%3d%%", int(math.Round(w*100)))
	level := 0.0
	if peak > 0 {
		level = w / peak
	}
	if narrow {
		i := int(math.Ceil(level * float64(len(shades)-1)))
		return shades[min(i, len(shades)-1)] + pct
	}
	full := int(math.Ceil(level * barCells))
	if w == 0 {
		full = 0
	}
	return strings.Repeat("█", full) + strings.Repeat("░", barCells-full) + " " + pct
}
