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
	maxTitleWidth   = 72
)

// shades from light to full, for narrow cells.
var shades = []string{"·", "░", "▒", "▓", "█"}

// coverageModel is the articles × topics matrix: how much of each article
// is on each topic, with a cursor on one cell.
type coverageModel struct {
	c             *common
	row, col      int     // cursor: article (library order) and topic
	offset        int     // first visible row
	colOffset     int     // first visible topic, when not all fit
	peak          float64 // the largest weight, which shades are relative to
	width, height int
}

// grid is how the matrix is laid out in the panel's width.
type grid struct {
	numWidth   int // the article numbers'
	titleWidth int
	cellWidth  int
	cols       int // topic columns shown
}

// cellsStart is the column where the first cell's gap begins.
func (g grid) cellsStart() int { return 2 + g.numWidth + 1 + g.titleWidth }

// grid picks the widest cells that leave the titles room: whole topic
// names, a bar and a percentage, or a shade and a percentage; when even
// those do not all fit, as many topics as do, scrolled to the cursor's.
func (m *coverageModel) grid() grid {
	topics := m.c.lib.Topics()
	g := grid{numWidth: len(strconv.Itoa(m.c.lib.Len())), cols: len(topics)}
	longest := 0
	for _, t := range topics {
		longest = max(longest, ansi.StringWidth(t.Name))
	}
	for _, g.cellWidth = range []int{max(longest, wideCellWidth), wideCellWidth, narrowCellWidth} {
		g.titleWidth = m.width - 2 - g.numWidth - 1 - len(topics)*(g.cellWidth+cellGap)
		if g.titleWidth >= minTitleWidth {
			// on a wide screen the bars stay near their titles
			g.titleWidth = min(g.titleWidth, maxTitleWidth)
			return g
		}
	}
	// narrow cells and short titles: drop columns until the titles keep
	// some room
	for g.cols > 1 && m.width-2-g.numWidth-1-g.cols*(g.cellWidth+cellGap) < min(minTitleWidth, max(m.width/4, 1)) {
		g.cols--
	}
	g.titleWidth = max(m.width-2-g.numWidth-1-g.cols*(g.cellWidth+cellGap), 1)
	return g
}

// Open shows the matrix with the cursor on article doc (if any) and the
// active topic.
func (m *coverageModel) Open(doc, _ int) (tea.Cmd, error) {
	m.row = max(doc, 0)
	if m.c.topic != noTopic {
		m.col = m.c.topic
	}
	m.peak = 0
	for d := range m.c.lib.Len() {
		for t := range m.c.lib.Topics() {
			m.peak = max(m.peak, m.c.lib.Coverage().Weight(d, t))
		}
	}
	m.clamp()
	return nil, nil
}

// SetSize gives the matrix the body of the screen.
func (m *coverageModel) SetSize(width, height int) {
	m.width, m.height = width, height
	m.clamp()
}

// Update handles a key while the matrix is shown.
func (m *coverageModel) Update(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.Close), key.Matches(msg, k.Coverage):
		m.c.send(closeMsg{})
	case key.Matches(msg, k.CellRight):
		m.col++
	case key.Matches(msg, k.CellLeft):
		m.col--
	case key.Matches(msg, k.Select):
		m.openCell()
	default:
		m.row, _ = k.moved(msg, m.row, m.rows(), m.c.lib.Len())
	}
	m.clamp()
	return nil
}

// ShortHelp is how to leave the matrix, open a cell, and move.
func (m *coverageModel) ShortHelp() []key.Binding {
	k := m.c.keys
	many, topics := m.c.lib.Len() > 1, len(m.c.lib.Topics()) > 1
	return []key.Binding{k.Close, k.Select, enabled(k.Down, many), enabled(k.Up, many), enabled(k.CellRight, topics), enabled(k.CellLeft, topics)}
}

// FullHelp is the matrix's keys.
func (m *coverageModel) FullHelp() []helpSection {
	k := m.c.keys
	return []helpSection{k.moveHelp(), {helpPanels, []key.Binding{k.Select, k.Close, k.CellLeft, k.CellRight}}}
}

// Status is the cursor's row: "3/5".
func (m *coverageModel) Status() string { return m.position() }

// Mouse moves through the matrix with the wheel; a click picks a row, a
// second click opens its cell.
func (m *coverageModel) Mouse(msg tea.MouseMsg, y int) tea.Cmd {
	m.row += wheelStep(msg)
	if row := m.offset + y - 2; msg.Button == tea.MouseButtonLeft && y >= 2 && row < m.c.lib.Len() {
		col := m.col
		g := m.grid()
		if x := msg.X - g.cellsStart(); x >= 0 {
			if c := m.colOffset + x/(g.cellWidth+cellGap); c < m.colOffset+g.cols {
				col = c
			}
		}
		if row == m.row && col == m.col {
			m.openCell()
		}
		m.row, m.col = row, col
	}
	m.clamp()
	return nil
}

// openCell opens the cursor's article at its first passage on the cursor's
// topic.
func (m *coverageModel) openCell() {
	doc, topic := m.row, m.col
	passages := m.c.lib.Coverage().Passages(doc, topic)
	if len(passages) == 0 {
		m.c.send(openMsg{doc: doc, land: landTop, anchor: -1})
		m.c.say(fmt.Sprintf("no passage of article %d is on %s", m.c.lib.Number(doc), m.c.lib.Topics()[topic].Name))
		return
	}
	m.c.send(openMsg{doc: doc, land: landPassage, anchor: passages[0], flash: true})
}

// rows is how many article rows fit under the two title lines.
func (m *coverageModel) rows() int { return max(m.height-2, 1) }

func (m *coverageModel) clamp() {
	m.row = min(max(m.row, 0), max(m.c.lib.Len()-1, 0))
	m.col = min(max(m.col, 0), max(len(m.c.lib.Topics())-1, 0))
	if m.row < m.offset {
		m.offset = m.row
	}
	if m.row >= m.offset+m.rows() {
		m.offset = m.row - m.rows() + 1
	}
	cols := m.grid().cols
	if m.col < m.colOffset {
		m.colOffset = m.col
	}
	if m.col >= m.colOffset+cols {
		m.colOffset = m.col - cols + 1
	}
	m.colOffset = min(max(m.colOffset, 0), len(m.c.lib.Topics())-cols)
}

// position is "3/5", for the footer.
func (m *coverageModel) position() string { return fmt.Sprintf("%d/%d", m.row+1, m.c.lib.Len()) }

// View draws the matrix. The cursor's cell is in reverse video, with a
// marker in the gap before it, so the shade it shows stays whole.
func (m *coverageModel) View() string {
	s := m.c.styles
	cov, topics := m.c.lib.Coverage(), m.c.lib.Topics()
	g := m.grid()
	shown := topics[m.colOffset : m.colOffset+g.cols]
	title := s.OverlayTitle.Render(" Topic coverage") + s.ListMeta.Render(" · share of each article on each topic")
	if g.cols < len(topics) {
		title = s.OverlayTitle.Render(" Topic coverage") + s.ListMeta.Render(fmt.Sprintf(" · topics %d-%d of %d ←/→", m.colOffset+1, m.colOffset+g.cols, len(topics)))
	}
	lines := []string{title}
	head := strings.Repeat(" ", g.cellsStart())
	for i, topic := range shown {
		head += strings.Repeat(" ", cellGap) + m.c.topicStyle[m.colOffset+i].Render(fit(ansi.Truncate(topic.Name, g.cellWidth, ""), g.cellWidth))
	}
	lines = append(lines, head)
	for d := m.offset; d < min(m.c.lib.Len(), m.offset+m.rows()); d++ {
		marker := "  "
		if d == m.row {
			marker = s.ListCursor.Render("› ")
		}
		line := marker + s.ListMeta.Render(fmt.Sprintf("%*d ", g.numWidth, d+1)) + fit(m.c.lib.Article(d).Title, g.titleWidth)
		for i := range shown {
			t := m.colOffset + i
			cell := coverageCell(cov.Weight(d, t), m.peak, g.cellWidth == narrowCellWidth)
			style, gap := m.c.topicStyle[t], strings.Repeat(" ", cellGap)
			if d == m.row && t == m.col {
				style = style.Reverse(true)
				gap = strings.Repeat(" ", cellGap-1) + s.ListCursor.Render("▸")
			}
			pad := strings.Repeat(" ", max(g.cellWidth-ansi.StringWidth(cell), 0))
			line += gap + style.Render(cell) + pad
		}
		lines = append(lines, line)
	}
	return fitBlock(strings.Join(lines, "\n"), m.width, m.height)
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
