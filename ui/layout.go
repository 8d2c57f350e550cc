package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Layout thresholds: the split view from 100 columns, a notice below 20×6.
const (
	splitMinWidth = 100 // list beside reader from this width on
	minWidth      = 20  // below this (or minHeight) only a notice is shown
	minHeight     = 6
	headerHeight  = 1
	footerHeight  = 1

	// The list takes two fifths of a split screen, or on a wide screen
	// what the reader's measure leaves, within bounds: enough for a row's
	// date, reading time, progress and topics at 100 columns, no more than
	// a row can use on a very wide screen.
	minListWidth = 44
	maxListWidth = 120
	// readerMargin is what the reader pane keeps beside its measure.
	readerMargin = 4
)

// DefaultMeasure is the widest the reader sets its text: longer lines are
// hard to read, so on a wide screen the article is centred in its pane.
const DefaultMeasure = 88

// layout is the geometry of the screen for one terminal size.
type layout struct {
	width, height int
	tooSmall      bool
	split         bool
	listWidth     int // columns of the list pane
	readerWidth   int // columns of the reader pane (without the divider)
	bodyHeight    int // rows between header and footer
}

// computeLayout lays a width × height screen out for a reader that sets
// text at most measure columns wide (0: the whole pane). On a wide screen
// the list takes the columns the reader's measure would leave blank.
func computeLayout(width, height, measure int) layout {
	l := layout{width: max(width, 0), height: max(height, 0)}
	l.tooSmall = l.width < minWidth || l.height < minHeight
	l.bodyHeight = max(l.height-headerHeight-footerHeight, 1)
	l.split = l.width >= splitMinWidth
	if l.split {
		l.listWidth = max(l.width*2/5, minListWidth)
		if measure > 0 {
			l.listWidth = max(l.listWidth, l.width-1-measure-readerMargin)
		}
		l.listWidth = min(l.listWidth, maxListWidth)
		l.readerWidth = l.width - l.listWidth - 1
	} else {
		l.listWidth = max(l.width, 1)
		l.readerWidth = max(l.width, 1)
	}
	return l
}

// fit truncates s to width cells and pads it with spaces to exactly width.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	s = ansi.Truncate(s, width, "…")
	if w := ansi.StringWidth(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// fitWords is fit for prose: when s must be cut, it is cut after a whole
// word if one ends in the last third of the room, so a title reads "Talks
// Make Meaningful…" rather than "Talks Make Meaningful Progr…".
func fitWords(s string, width int) string {
	if width <= 0 || ansi.StringWidth(s) <= width {
		return fit(s, width)
	}
	cut := ansi.Truncate(s, width-1, "")
	if i := strings.LastIndexByte(cut, ' '); i > 0 && ansi.StringWidth(cut[:i]) >= width*2/3 {
		cut = strings.TrimRight(cut[:i], " ,;:·-–—")
	}
	return fit(cut+"…", width)
}

// fitBlock makes s exactly height lines of exactly width cells.
func fitBlock(s string, width, height int) string {
	if height <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i := range lines {
		lines[i] = fit(lines[i], width)
	}
	for len(lines) < height {
		lines = append(lines, strings.Repeat(" ", max(width, 0)))
	}
	return strings.Join(lines, "\n")
}
