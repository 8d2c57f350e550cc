package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"dispatch/internal/termout"
)

// warningsModel lists what went wrong — files skipped, problems with the
// reading state, feeds that failed: what a person may act on, counted in
// the header —, then what was repaired to be shown safely (a word broken
// up, escapes removed), which needs nothing and can be dismissed, and the
// footer's recent messages, which the footer cuts when they are long and
// forgets at the next key.
type warningsModel struct {
	c             *common
	items         []string // one line each, as printed when the reader quits
	repairs       []string // what was mended on loading; x dismisses them
	messages      []string // the footer's notices, oldest first
	dismissed     map[string]bool
	offset        int
	width, height int
}

// maxMessages bounds the footer notices the panel keeps.
const maxMessages = 30

// note keeps a footer notice.
func (m *warningsModel) note(text string) {
	m.messages = append(m.messages, termout.Name(termout.OneLine(text)))
	if len(m.messages) > maxMessages {
		m.messages = m.messages[len(m.messages)-maxMessages:]
	}
}

// add appends warnings, each made one line of visible characters; one
// already listed (a library that comes again, up to date) is not repeated.
func (m *warningsModel) add(warns ...string) {
	for _, w := range warns {
		if line := termout.Name(termout.OneLine(w)); !slices.Contains(m.items, line) {
			m.items = append(m.items, line)
		}
	}
}

// addRepairs keeps what was mended on loading, once each, unless
// dismissed already.
func (m *warningsModel) addRepairs(repairs ...string) {
	for _, r := range repairs {
		if line := termout.Name(termout.OneLine(r)); !slices.Contains(m.repairs, line) && !m.dismissed[line] {
			m.repairs = append(m.repairs, line)
		}
	}
}

// Warnings are the reader's warnings, a line each, as its panel lists them:
// what main prints when the reader quits.
func (m Model) Warnings() []string { return slices.Clone(m.warnings.items) }

// SetSize gives the panel the body of the screen.
func (m *warningsModel) SetSize(width, height int) {
	m.width, m.height = width, height
	m.clamp()
}

// Update handles a key while the panel is shown.
func (m *warningsModel) Update(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	if key.Matches(msg, k.Close) || key.Matches(msg, k.Warnings) {
		m.c.send(closeMsg{})
	} else if key.Matches(msg, k.Dismiss) {
		m.dismiss()
	} else if to, ok := k.moved(msg, m.offset, m.rows(), len(m.lines())); ok {
		m.offset = to
	}
	m.clamp()
	return nil
}

// Mouse scrolls the panel with the wheel.
func (m *warningsModel) Mouse(msg tea.MouseMsg, _ int) tea.Cmd {
	m.offset += wheelStep(msg)
	m.clamp()
	return nil
}

// ShortHelp is how to close the panel, and to scroll it when it is longer
// than the screen.
func (m *warningsModel) ShortHelp() []key.Binding {
	k := m.c.keys
	more := m.scrollable()
	return []key.Binding{k.Close, enabled(k.Dismiss, len(m.repairs)+len(m.messages) > 0), enabled(k.Down, more), enabled(k.Up, more)}
}

// FullHelp is the panel's keys.
func (m *warningsModel) FullHelp() []helpSection {
	return []helpSection{m.c.keys.moveHelp(), {helpPanels, []key.Binding{m.c.keys.Close, m.c.keys.Dismiss}}}
}

// Status is empty: the title counts the warnings.
func (m *warningsModel) Status() string { return "" }

// rows is how many lines fit under the title.
func (m *warningsModel) rows() int { return max(m.height-2, 1) }

// lines are the warnings wrapped to the panel, a hanging indent after the
// first line of each, then the messages, newest first.
func (m *warningsModel) lines() []string {
	s := m.c.styles
	var out []string
	room := max(m.width-4, 1)
	wrap := func(i int, text string, style func(...string) string) {
		for j, l := range strings.Split(ansi.Wrap(text, room, " /"), "\n") {
			lead := "    "
			if j == 0 {
				lead = fmt.Sprintf("%2d  ", i+1)
			}
			out = append(out, style(lead+l))
		}
	}
	if len(m.items) == 0 {
		out = append(out, s.ListEmpty.Render("  nothing went wrong"))
	}
	for i, w := range m.items {
		wrap(i, w, s.Warning.Render)
	}
	if len(m.repairs) > 0 {
		out = append(out, "", s.OverlayTitle.Render(" Repaired")+s.ListMeta.Render(" · shown safely, nothing to do · x dismisses these"))
		for i, r := range m.repairs {
			wrap(i, r, s.ListSnippet.Render)
		}
	}
	if len(m.messages) > 0 {
		out = append(out, "", s.OverlayTitle.Render(" Messages")+s.ListMeta.Render(" · what the footer said, newest first"))
		for i := range m.messages {
			wrap(i, m.messages[len(m.messages)-1-i], s.ListSnippet.Render)
		}
	}
	return out
}

// scrollable reports whether the warnings are longer than the panel.
func (m *warningsModel) scrollable() bool { return len(m.lines()) > m.rows() }

func (m *warningsModel) clamp() {
	m.offset = min(max(m.offset, 0), max(len(m.lines())-m.rows(), 0))
}

// View draws the panel.
func (m *warningsModel) View() string {
	s := m.c.styles
	out := []string{s.OverlayTitle.Render(fmt.Sprintf(" Warnings · %d", len(m.items))) + s.ListMeta.Render(" · also printed when you quit"), ""}
	lines := m.lines()
	out = append(out, lines[m.offset:min(len(lines), m.offset+m.rows())]...)
	return fitBlock(strings.Join(out, "\n"), m.width, m.height)
}

// dismiss forgets the repairs and the messages: they needed nothing, and a
// library that comes again does not bring the same repairs back.
func (m *warningsModel) dismiss() {
	if m.dismissed == nil {
		m.dismissed = map[string]bool{}
	}
	for _, r := range m.repairs {
		m.dismissed[r] = true
	}
	m.repairs, m.messages, m.offset = nil, nil, 0
}
