package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"dispatch/store/article"
)

// linksModel is the numbered list of an article's links: its own address
// first, then its text's links in reading order. enter opens one, y copies
// it, a digit goes to it.
type linksModel struct {
	c             *common
	title         string
	items         []article.Link
	cursor        int
	offset        int
	width, height int
}

// Open lists the links of article doc.
func (m *linksModel) Open(doc, _ int) (tea.Cmd, error) {
	if doc < 0 {
		return nil, errors.New("no article")
	}
	a := m.c.lib.Article(doc)
	m.title, m.items, m.cursor, m.offset = a.Title, nil, 0, 0
	if a.URL != "" {
		m.items = append(m.items, article.Link{Text: "this article's page", URL: a.URL})
	}
	c, err := a.Content()
	if err != nil {
		return nil, nil // its own address, if any, is still listed
	}
	for _, l := range c.Links {
		if l.URL != a.URL {
			m.items = append(m.items, l)
		}
	}
	return nil, nil
}

// SetSize gives the panel the body of the screen.
func (m *linksModel) SetSize(width, height int) {
	m.width, m.height = width, height
	m.clamp()
}

// Update handles a key while the panel is shown.
func (m *linksModel) Update(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	switch {
	case key.Matches(msg, k.Close), key.Matches(msg, k.Links):
		m.c.send(closeMsg{})
	case key.Matches(msg, k.Select), key.Matches(msg, k.OpenLink):
		if l, ok := m.selected(); ok {
			m.c.send(openURLMsg{url: l.URL})
		}
	case key.Matches(msg, k.CopyLink):
		if l, ok := m.selected(); ok {
			m.c.send(copyURLMsg{url: l.URL})
		}
	case key.Matches(msg, k.LinkNumber):
		n := keyIndex(k.LinkNumber, msg)
		if n >= len(m.items) {
			m.c.say(fmt.Sprintf("no link %d: this article has %s", n+1, plural(len(m.items), "link", "links")))
			return nil
		}
		m.cursor = n
	default:
		m.cursor, _ = k.moved(msg, m.cursor, m.rows(), len(m.items))
	}
	m.clamp()
	return nil
}

// Mouse moves with the wheel; a click picks a link.
func (m *linksModel) Mouse(msg tea.MouseMsg, y int) tea.Cmd {
	m.cursor += wheelStep(msg)
	if i := m.offset + y - 2; msg.Button == tea.MouseButtonLeft && y >= 2 && i < len(m.items) {
		m.cursor = i
	}
	m.clamp()
	return nil
}

// ShortHelp is how to close the panel and, when there are links, to open,
// copy and pick one.
func (m *linksModel) ShortHelp() []key.Binding {
	k := m.c.keys
	some, many := len(m.items) > 0, len(m.items) > 1
	return []key.Binding{k.Close, enabled(relabel(k.Select, "open"), some), enabled(k.CopyLink, some),
		enabled(k.LinkNumber, many), enabled(k.Down, many), enabled(k.Up, many)}
}

// FullHelp is the panel's keys.
func (m *linksModel) FullHelp() []helpSection {
	k := m.c.keys
	return []helpSection{m.c.keys.moveHelp(), {helpPanels, []key.Binding{k.Select, k.Close, k.LinkNumber}}}
}

// Status is which link of how many.
func (m *linksModel) Status() string { return m.position() }

func (m *linksModel) selected() (article.Link, bool) {
	if m.cursor < 0 || m.cursor >= len(m.items) {
		return article.Link{}, false
	}
	return m.items[m.cursor], true
}

// rows is how many links fit under the title.
func (m *linksModel) rows() int { return max(m.height-2, 1) }

func (m *linksModel) clamp() {
	m.cursor = min(max(m.cursor, 0), max(len(m.items)-1, 0))
	m.offset = min(max(m.offset, m.cursor-m.rows()+1), m.cursor)
	m.offset = max(m.offset, 0)
}

// position is the footer's note: which link of how many.
func (m *linksModel) position() string {
	if len(m.items) == 0 {
		return ""
	}
	return fmt.Sprintf("link %d of %d", m.cursor+1, len(m.items))
}

// View draws the panel: a row a link, "N  text  address".
func (m *linksModel) View() string {
	s := m.c.styles
	out := []string{s.OverlayTitle.Render(" Links of ") + s.ListTitle.Render(fit("“"+m.title+"”", max(m.width-11, 1))), ""}
	if len(m.items) == 0 {
		out = append(out, s.ListEmpty.Render(fit("  no links: this article has no address and its text links nowhere", m.width)))
	}
	numWidth := len(fmt.Sprint(len(m.items)))
	for i := m.offset; i < min(len(m.items), m.offset+m.rows()); i++ {
		l := m.items[i]
		marker, text := "  ", s.ListTitle
		if i == m.cursor {
			marker, text = s.ListCursor.Render("› "), s.ListSelected
		}
		head := marker + s.ListMeta.Render(fmt.Sprintf("%*d  ", numWidth, i+1))
		room := max(m.width-2-numWidth-2, 1)
		label := fit(l.Text, max(room/3, min(room, 12)))
		if l.Text == l.URL {
			label = ""
		}
		line := head + text.Render(label)
		if label != "" {
			line += "  "
			room -= ansi.StringWidth(label) + 2
		}
		out = append(out, line+s.ListSnippet.Render(fit(l.URL, max(room, 1))))
	}
	return fitBlock(strings.Join(out, "\n"), m.width, m.height)
}
