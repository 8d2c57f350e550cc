package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

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
	return packColumns(blocks, 1)[0]
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

// helpOverlay draws the full help in a box centred in width × height,
// scrolled down by offset lines when it does not fit. It returns the block
// and the largest useful offset.
func helpOverlay(keys KeyMap, s Styles, width, height, offset int) (string, int) {
	frameW := s.Overlay.GetHorizontalFrameSize()
	frameH := s.Overlay.GetVerticalFrameSize()
	inner := max(width-frameW, 1)
	lines := helpLines(keys.fullHelp(), s, inner)
	lines = append(lines, "", s.OverlayDesc.Render("? or esc closes this help"))
	room := max(height-frameH, 1)
	maxOffset := max(len(lines)-room, 0)
	offset = min(max(offset, 0), maxOffset)
	lines = lines[offset:min(len(lines), offset+room)]
	if offset < maxOffset && room > 1 { // say there is more below
		lines[len(lines)-1] = s.OverlayDesc.Render("↓ more: j/k scroll")
	}
	for i := range lines {
		lines[i] = ansi.Truncate(lines[i], inner, "…")
	}
	box := s.Overlay.Render(strings.Join(lines, "\n"))
	if width < frameW+4 || height < frameH+1 {
		box = strings.Join(lines, "\n") // no room for a frame
	}
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box), maxOffset
}
