package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// helpModel is the full help, a box over the screen listing every key,
// scrolled when it does not fit.
type helpModel struct {
	c             *common
	tip           string  // a line under the keys: how to have the feeds fetched on their own
	panels        []panel // every screen, whose keys the help lists
	offset        int
	width, height int
}

// setPanels gives the help the screens whose keys it lists.
func (m *helpModel) setPanels(table [modeCount]screen) {
	m.panels = m.panels[:0]
	for _, s := range table {
		m.panels = append(m.panels, s.panel)
	}
}

// Open shows the help from its top.
func (m *helpModel) Open(int, int) (tea.Cmd, error) {
	m.offset = 0
	return nil, nil
}

// SetSize gives the help the body of the screen.
func (m *helpModel) SetSize(width, height int) {
	m.width, m.height = width, height
	m.clamp()
}

// Update handles a key while the help is shown.
func (m *helpModel) Update(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	if key.Matches(msg, k.Help) || key.Matches(msg, k.Close) || key.Matches(msg, k.Back) {
		m.c.send(closeMsg{})
	} else if to, ok := k.moved(msg, m.offset, m.room(), len(m.lines())); ok {
		m.offset = to
	}
	m.clamp()
	return nil
}

// Mouse scrolls the help with the wheel.
func (m *helpModel) Mouse(msg tea.MouseMsg, _ int) tea.Cmd {
	m.offset += wheelStep(msg)
	m.clamp()
	return nil
}

// ShortHelp is how to close the help, and to scroll it while there is
// more that way.
func (m *helpModel) ShortHelp() []key.Binding {
	k := m.c.keys
	return []key.Binding{k.Close, enabled(k.Down, m.offset < len(m.lines())-m.room()), enabled(k.Up, m.offset > 0)}
}

// FullHelp is the help's own keys: ? and esc close it.
func (m *helpModel) FullHelp() []helpSection {
	return []helpSection{m.c.keys.moveHelp(), {helpPanels, []key.Binding{m.c.keys.Close}}}
}

// Status is empty: the help shows where it is by its "more" lines.
func (m *helpModel) Status() string { return "" }

// sections is every key of every screen, merged into the help's sections.
func (m *helpModel) sections() []helpSection {
	parts := [][]helpSection{m.c.keys.globalHelp()}
	for _, p := range m.panels {
		parts = append(parts, p.FullHelp())
	}
	return mergeHelp(parts...)
}

// frame is the box's border and padding.
func (m *helpModel) frame() (w, h int) {
	s := m.c.styles.Overlay
	return s.GetHorizontalFrameSize(), s.GetVerticalFrameSize()
}

// boxed reports whether there is room for the box's frame.
func (m *helpModel) boxed() bool {
	fw, fh := m.frame()
	return m.width >= fw+4 && m.height >= fh+1
}

// room is how many lines of help fit.
func (m *helpModel) room() int {
	if !m.boxed() {
		return max(m.height, 1)
	}
	_, fh := m.frame()
	return max(m.height-fh, 1)
}

// inner is the width the help's lines are laid out in.
func (m *helpModel) inner() int {
	if !m.boxed() {
		return max(m.width, 1)
	}
	fw, _ := m.frame()
	return max(m.width-fw, 1)
}

func (m *helpModel) lines() []string {
	s := m.c.styles
	lines := helpLines(m.sections(), s, m.inner())
	if m.tip != "" {
		lines = append(lines, "", s.OverlayDesc.Render(ansi.Truncate(m.tip, m.inner(), "…")))
	}
	return append(lines, "", s.OverlayDesc.Render("? or esc closes this help"))
}

func (m *helpModel) clamp() {
	m.offset = min(max(m.offset, 0), max(len(m.lines())-m.room(), 0))
}

// View draws the box centred in the body. Its width is that of its widest
// line, visible or not, so scrolling never resizes it.
func (m *helpModel) View() string {
	s := m.c.styles
	all := m.lines()
	width := 0
	for _, l := range all {
		width = min(max(width, ansi.StringWidth(l)), m.inner())
	}
	room := m.room()
	lines := all[m.offset:min(len(all), m.offset+room)]
	if m.offset > 0 && room > 2 { // say there is more above
		lines = append([]string{s.OverlayDesc.Render("↑ more: k scrolls up")}, lines[1:]...)
	}
	if m.offset+room < len(all) && room > 1 { // and below
		lines = append(lines[:len(lines)-1:len(lines)-1], s.OverlayDesc.Render("↓ more: j/k scroll"))
	}
	for i := range lines {
		lines[i] = fit(lines[i], width)
	}
	box := strings.Join(lines, "\n")
	if m.boxed() {
		box = s.Overlay.Render(box)
	}
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}

// helpLines lays the full help out as lines no wider than width: the
// sections packed into as many columns as fit.
func helpLines(sections []helpSection, s Styles, width int) []string {
	var blocks [][]string
	for _, sec := range sections {
		keyWidth := 0
		for _, b := range sec.bindings {
			keyWidth = max(keyWidth, ansi.StringWidth(b.Help().Key))
		}
		block := []string{s.OverlayTitle.Render(sec.title)}
		for _, b := range sec.bindings {
			k := b.Help().Key
			block = append(block, s.OverlayKey.Render(k)+strings.Repeat(" ", keyWidth-ansi.StringWidth(k)+2)+s.OverlayDesc.Render(b.Help().Desc))
		}
		blocks = append(blocks, block)
	}
	const gap = 4
	for n := len(blocks); n > 1; n-- {
		columns := packColumns(blocks, n)
		total := gap * (len(columns) - 1)
		for _, c := range columns {
			total += blockWidth(c)
		}
		if total > width {
			continue
		}
		joined := make([]string, 0, 2*len(columns))
		for i, c := range columns {
			if i > 0 {
				joined = append(joined, strings.Repeat(" ", gap))
			}
			joined = append(joined, strings.Join(c, "\n"))
		}
		return strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, joined...), "\n")
	}
	lines := packColumns(blocks, 1)[0]
	for i := range lines {
		lines[i] = ansi.Truncate(lines[i], width, "…")
	}
	return lines
}

// packColumns deals blocks, in order, into at most n columns of about equal
// height, a blank line between blocks of one column.
func packColumns(blocks [][]string, n int) [][]string {
	total := 0
	for _, b := range blocks {
		total += len(b) + 1
	}
	target := (total + n - 1) / n
	var columns [][]string
	var col []string
	for i, b := range blocks {
		left := len(blocks) - i
		if len(col) > 0 && (len(col)+len(b) > target && len(columns) < n-1 || left < n-len(columns)-1) {
			columns = append(columns, col)
			col = nil
		}
		if len(col) > 0 {
			col = append(col, "")
		}
		col = append(col, b...)
	}
	return append(columns, col)
}

func blockWidth(lines []string) int {
	w := 0
	for _, l := range lines {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}
