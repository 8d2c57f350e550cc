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

// View implements tea.Model. It returns exactly as many lines as the
// terminal has rows, none wider than its columns, and passes the output
// wall: nothing but the styling the reader draws with reaches the terminal.
func (m Model) View() string {
	return termout.Clean(m.frame(), m.c.styles.outputMode())
}

func (m Model) frame() string {
	l := m.layout
	switch {
	case l.width == 0 || l.height == 0:
		return ""
	case l.tooSmall:
		return fitBlock(tooSmallNotice, l.width, l.height)
	}
	return strings.Join([]string{m.header(), m.body(), m.footer()}, "\n")
}

// body draws the screen between header and footer: an overlay's panel, or
// the panes — the list beside the reader, or the one with the keys.
func (m Model) body() string {
	l, s := m.layout, m.screen()
	if s.kind == overlay {
		return s.panel.View()
	}
	if !l.split {
		if s.reading() {
			return m.reader.View()
		}
		return m.list.View()
	}
	left := strings.Split(m.list.view(s.listing()), "\n")
	right := strings.Split(m.reader.View(), "\n")
	divider := m.c.styles.PaneBorder.Render("│")
	rows := make([]string, l.bodyHeight)
	for i := range rows {
		rows[i] = left[i] + divider + right[i]
	}
	return strings.Join(rows, "\n")
}

// headerPart is one piece of the header, in the forms it can take, widest
// first; the last may be "", to leave it out.
type headerPart struct {
	forms []string
	form  int
}

func (p *headerPart) text() string { return p.forms[p.form] }

// header draws the top line: the name and the article count on the left,
// then the search or what is being read; on the right the topic filter,
// list filters, loading, warnings and the result count. Parts never touch:
// when the line is too short they shorten, in a fixed order.
func (m Model) header() string {
	line, _ := m.headerLine()
	return line
}

// contextRoom is the width the header gives its context (a prompt being
// typed): the prompt scrolls to keep its cursor within it.
func (m Model) contextRoom() int {
	_, room := m.headerLine()
	return room
}

// headerLine draws the header and says how wide the context is in it.
func (m Model) headerLine() (string, int) {
	s := m.c.styles
	width := m.layout.width
	name := &headerPart{forms: []string{" dispatch ", "dispatch", ""}}
	count := &headerPart{forms: []string{""}}
	var right []*headerPart
	add := func(forms ...string) *headerPart {
		p := &headerPart{forms: append(forms, "")}
		right = append(right, p)
		return p
	}
	var order, fresh, topic, lists, results, loading, warns *headerPart
	if m.c.lib == nil {
		count.forms = []string{" loading your articles " + m.loading.progress(), " loading " + m.loading.progress(), ""}
	} else {
		n := m.c.lib.Len()
		count.forms = []string{plural(n, "article", "articles"), fmt.Sprint(n), ""}
		if t := m.c.topic; t != noTopic {
			onTopic := len(m.c.lib.Coverage().Articles(t))
			name := m.c.lib.Topics()[t].Name
			topic = add(fmt.Sprintf("%d %s %d/%d", t+1, name, onTopic, n), fmt.Sprintf("%d %s", t+1, name), fmt.Sprint(t+1))
		}
		order = add(m.list.orderName())
		if n := m.c.newCount(); n > 0 {
			fresh = add(fmt.Sprintf("%s %d new", newGlyph, n), fmt.Sprintf("%d new", n))
		}
		var filters []string
		if m.list.bookmarkedOnly {
			filters = append(filters, bookmarkGlyph+" bookmarked")
		}
		if m.list.unreadOnly {
			filters = append(filters, unreadGlyph+" unread")
		}
		if name := m.list.scopeName(); name != "" {
			filters = append(filters, "only "+name)
		}
		if len(filters) > 0 {
			short := strings.Join(filters, " ")
			short = strings.NewReplacer(" bookmarked", "", " unread", "").Replace(short)
			lists = add(strings.Join(filters, " · "), short)
		}
		switch {
		case m.c.lib.Provisional():
			loading = add("indexing "+m.loading.progress(), m.loading.progress())
		case m.c.lib.Updating():
			loading = add("updating "+m.loading.progress(), m.loading.progress())
		case m.fetching.running:
			progress := fmt.Sprintf("%d/%d", m.fetching.done, m.fetching.total)
			if m.fetching.total == 0 {
				progress = "…"
			}
			loading = add(m.fetching.label()+" "+progress, progress)
		}
		if !m.list.query.Empty() {
			short := fmt.Sprint(m.list.results)
			if m.list.partial {
				short = fmt.Sprint("closest ", len(m.list.items))
			}
			results = add(m.resultCount(), short)
		}
	}
	if n := len(m.warnings.items); n > 0 {
		warns = add(fmt.Sprintf("⚠ %d", n))
	}
	context, minContext := m.headerContext()
	drawLeft := func() string {
		left := ""
		if t := name.text(); t != "" {
			left = s.HeaderTitle.Render(t)
		}
		if t := count.text(); t != "" {
			left += s.HeaderInfo.Render(" " + t)
		}
		return left
	}
	// the room left for the context, two cells from either side
	room := func() int {
		return width - ansi.StringWidth(drawLeft()) - ansi.StringWidth(m.styleRight(right, warns)) - 4
	}
	// shorten in a fixed order until the context has its room and no two
	// parts touch
	for _, p := range []*headerPart{order, results, lists, fresh, topic, loading, count, name, warns} {
		for p != nil && room() < minContext && p.form < len(p.forms)-1 {
			p.form++
		}
	}
	left := drawLeft()
	r := room()
	if r > 0 && context != nil {
		left += s.HeaderBar.Render("  ") + context(r)
	}
	return bar(s.HeaderBar, left, m.styleRight(right, warns), width), r
}

// styleRight draws the right-hand parts, the warnings count in its colour.
func (m Model) styleRight(parts []*headerPart, warns *headerPart) string {
	s := m.c.styles
	var out []string
	for _, p := range parts {
		t := p.text()
		if t == "" {
			continue
		}
		if p == warns {
			out = append(out, s.Warning.Inherit(s.HeaderBar).Render(t))
			continue
		}
		out = append(out, s.HeaderInfo.Render(t))
	}
	text := strings.Join(out, s.HeaderInfo.Render(" · "))
	if text != "" {
		text += s.HeaderBar.Render(" ")
	}
	return text
}

// headerPrompt is a screen typed in the header: it draws in the room the
// header gives it, and scrolls its text to keep the cursor in that room.
type headerPrompt interface {
	viewIn(width int) string
	fit(room int)
}

// headerContext is what the header shows after the name: a prompt being
// typed in, the search applied, or the title being read; it draws in the
// room it is given, and needs at least the returned number of cells.
func (m Model) headerContext() (func(room int) string, int) {
	s := m.c.styles
	sc := m.screen()
	if p, ok := sc.panel.(headerPrompt); ok {
		return p.viewIn, 12
	}
	switch {
	case m.c.lib != nil && !m.list.query.Empty():
		return func(room int) string { return s.Prompt.Render(ansi.Truncate("/"+m.list.query.Raw, room, "…")) }, 6
	case sc.reading() && m.reader.art != nil && !m.layout.split:
		return func(room int) string { return s.HeaderInfo.Render(ansi.Truncate(m.reader.art.Title, room, "…")) }, 8
	}
	return nil, 0
}

// resultCount is "3 results" while a search is applied.
func (m Model) resultCount() string {
	if m.list.partial {
		// no article has every word: say so where the count is read
		s := "no article has every word; closest " + fmt.Sprint(len(m.list.items))
		if m.list.suggest != "" {
			s += " · did you mean “" + m.list.suggest + "”?"
		}
		return s
	}
	if listed := len(m.list.items); listed < m.list.results {
		return fmt.Sprintf("best %d of %d results", listed, m.list.results)
	}
	return plural(m.list.results, "result", "results")
}

// bar lays left and right out on one line of exactly width cells, filling
// the gap with the bar style so its background runs the whole width; at
// least two cells always part them.
func bar(style lipgloss.Style, left, right string, width int) string {
	gap := width - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 2 {
		left = ansi.Truncate(left, max(width-ansi.StringWidth(right)-2, 0), "…")
		gap = width - ansi.StringWidth(left) - ansi.StringWidth(right)
		if gap < 0 {
			return fit(left+right, width)
		}
	}
	return left + style.Render(strings.Repeat(" ", gap)) + right
}

// footer draws the bottom line: the short help of the screen on the left,
// the status on the right. The help key is always shown; other hints go
// first when the line is short, then the status is cut.
func (m Model) footer() string {
	s := m.c.styles
	width := m.layout.width
	status := m.statusText()
	helpKey := s.Help.ShortKey.Render("?") + " " + s.Help.ShortDesc.Render("help")
	helpWidth := ansi.StringWidth(helpKey)
	// the status has the room the help key leaves it, two cells apart
	status = ansi.Truncate(status, max(width-helpWidth-4, 0), "…")
	right := s.FooterStat.Render(status + " ")
	room := width - ansi.StringWidth(right) - helpWidth - 2 - 1
	const sep = " · "
	var b strings.Builder
	b.WriteString(" ")
	used := 1
	for _, k := range m.screen().panel.ShortHelp() {
		if !k.Enabled() {
			continue
		}
		h := k.Help()
		w := ansi.StringWidth(h.Key) + 1 + ansi.StringWidth(h.Desc) + ansi.StringWidth(sep)
		if used+w > room {
			break
		}
		b.WriteString(s.Help.ShortKey.Render(h.Key) + " " + s.Help.ShortDesc.Render(h.Desc) + s.Help.ShortSeparator.Render(sep))
		used += w
	}
	left := b.String() + helpKey
	return bar(s.FooterBar, left, right, width)
}

// statusText is the footer's note: a notice if there is one, else where
// one is on the screen shown.
func (m Model) statusText() string {
	if m.status != "" {
		return m.status
	}
	if m.c.lib == nil {
		return ""
	}
	pos := m.screen().panel.Status()
	if st := m.c.state.Status(); st != "" {
		pos = strings.TrimSuffix(termout.OneLine(st)+" · "+pos, " · ")
	}
	return pos
}
