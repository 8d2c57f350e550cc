package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"dispatch/internal/termout"
)

// tooSmallNotice is all that is drawn below the minimum size.
const tooSmallNotice = "terminal too small"

// View implements tea.Model. It never returns more lines than the terminal
// has rows, nor a line wider than its columns, and passes the output wall:
// nothing but the styling the reader draws with reaches the terminal.
func (m Model) View() string {
	return termout.Clean(m.screen(), m.styles.outputMode())
}

func (m Model) screen() string {
	l := m.layout
	if l.width == 0 || l.height == 0 {
		return ""
	}
	if l.tooSmall {
		return ansi.Truncate(tooSmallNotice, l.width, "")
	}
	if m.lib == nil {
		return m.waitingView()
	}
	return strings.Join([]string{m.headerView(), m.bodyView(), m.footerView()}, "\n")
}

func (m Model) bodyView() string {
	l := m.layout
	if m.showHelp {
		overlay, _ := helpOverlay(m.keys, m.styles, l.width, l.bodyHeight, m.helpOffset)
		return fitBlock(overlay, l.width, l.bodyHeight)
	}
	if m.showCoverage {
		return m.coverageView(l.width, l.bodyHeight)
	}
	if m.showRelated {
		return m.relatedView(l.width, l.bodyHeight)
	}
	if !l.split {
		if m.focus == focusReader {
			return m.reader.View()
		}
		return m.list.View(true)
	}
	left := strings.Split(m.list.View(m.focus == focusList), "\n")
	right := strings.Split(m.reader.View(), "\n")
	divider := m.styles.PaneBorder.Render("│")
	rows := make([]string, l.bodyHeight)
	for i := range rows {
		rows[i] = left[i] + divider + right[i]
	}
	return strings.Join(rows, "\n")
}

func (m Model) headerView() string {
	s := m.styles
	left := s.HeaderTitle.Render(" dispatch ") + s.HeaderInfo.Render(fmt.Sprintf(" %d articles", m.lib.Len()))
	var right []string
	if t := m.topicHeader(); t != "" {
		right = append(right, t)
	}
	if m.bookmarkedOnly {
		right = append(right, s.HeaderInfo.Render(bookmarkGlyph+" bookmarked"))
	}
	if m.lib.Provisional {
		right = append(right, s.HeaderInfo.Render("indexing "+m.loadProgress()))
	}
	if m.warnings > 0 {
		right = append(right, s.Warning.Inherit(s.HeaderBar).Render(fmt.Sprintf("⚠ %d", m.warnings)))
	}
	if n := m.resultCount(); n != "" && !m.search.query.Empty() {
		right = append(right, s.HeaderInfo.Render(n))
	}
	rightText := strings.Join(right, s.HeaderInfo.Render(" · "))
	if rightText != "" {
		rightText += s.HeaderBar.Render(" ")
	}
	gap := s.HeaderBar.Render("  ")
	switch {
	case m.search.active:
		in := m.search.input
		in.Width = max(m.layout.width-ansi.StringWidth(left)-ansi.StringWidth(rightText)-4, 4)
		left += gap + in.View()
	case !m.search.query.Empty():
		left += gap + s.Prompt.Render("/"+m.search.query.Raw)
	case m.focus == focusReader && m.reader.article != nil && !m.layout.split:
		room := m.layout.width - ansi.StringWidth(left) - ansi.StringWidth(rightText) - 3
		if room > 8 {
			left += s.HeaderInfo.Render(" · " + ansi.Truncate(m.reader.article.Title, room, "…"))
		}
	}
	return bar(s.HeaderBar, left, rightText, m.layout.width)
}

// resultCount is "3 results" while a search is applied.
func (m Model) resultCount() string {
	if m.search.query.Empty() {
		return ""
	}
	if listed := len(m.list.items); listed < m.search.results {
		return fmt.Sprintf("best %d of %d results", listed, m.search.results)
	}
	return plural(m.search.results, "result", "results")
}

// bar lays left and right out on one line of exactly width cells, filling the
// gap with the bar style so its background runs the whole width.
func bar(style lipgloss.Style, left, right string, width int) string {
	gap := width - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 0 {
		return fit(left+right, width)
	}
	return left + style.Render(strings.Repeat(" ", gap)) + right
}

func (m Model) footerView() string {
	s := m.styles
	status := m.list.position()
	bindings := m.keys.listHelp()
	switch {
	case m.showCoverage:
		bindings = m.keys.coverageHelp()
		status = fmt.Sprintf("%d/%d", m.coverage.row+1, m.lib.Len())
	case m.showRelated:
		bindings = m.keys.relatedHelp()
		status = fmt.Sprintf("%d/%d", min(m.related.cursor+1, len(m.related.items)), len(m.related.items))
	case m.search.active:
		bindings = m.keys.promptHelp()
	case m.focus == focusReader:
		status = m.reader.position()
		bindings = m.keys.readerHelp()
		if back := m.backHint(); back != "" {
			status = "[ " + ansi.Truncate(back, max(min(24, m.layout.width/4), 4), "…") + " · " + status
		}
	}
	if m.status != "" {
		status = m.status
	} else if st := m.state.Status(); st != "" {
		status = st + " · " + status
	}
	right := s.FooterStat.Render(status + " ")
	room := m.layout.width - ansi.StringWidth(right) - 1
	h := m.help
	h.Width = max(room, 0)
	left := ansi.Truncate(" "+h.ShortHelpView(bindings), room, "…")
	if room < 8 {
		left = ""
	}
	return bar(s.FooterBar, left, right, m.layout.width)
}
