package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"dispatch/internal/termout"
)

// Requests to reach outside the terminal: a link to open or copy.
type (
	openURLMsg struct{ url string }
	copyURLMsg struct{ url string }
	// URLOpenedMsg reports how opening a link in the browser went; main's
	// OpenURL commands end with it.
	URLOpenedMsg struct {
		URL string
		Err error
	}
)

// articleURL is the address of the article keys act on, or "" with the
// reason in the footer.
func (m *Model) articleURL() string {
	doc, _ := m.focusedPlace()
	if doc < 0 {
		m.status = "no article"
		return ""
	}
	a := m.c.lib.Article(doc)
	if a.URL == "" {
		m.status = "this article has no link: only feed items (and files whose front matter gives url:) have one"
	}
	return a.URL
}

// openURL opens url in the browser; with none, the footer shows it.
func (m *Model) openURL(url string) tea.Cmd {
	if url == "" {
		return nil
	}
	if m.browse == nil {
		m.status = "no browser: " + url
		return nil
	}
	cmd, ok := m.browse(url)
	if !ok {
		m.status = "no browser: " + url // $BROWSER, xdg-open, open: none is there
		return nil
	}
	m.status = "opening " + url
	return cmd
}

// copyURL puts url on the terminal's clipboard.
func (m *Model) copyURL(url string) {
	if url == "" {
		return
	}
	if m.clipboard == nil {
		m.status = "no clipboard here: " + url
		return
	}
	if err := m.clipboard(url); err != nil {
		m.status = fmt.Sprintf("could not copy (%s): %s", termout.OneLine(err.Error()), url)
		return
	}
	m.status = "copied " + url
}

// urlOpened reports a browser that failed.
func (m *Model) urlOpened(msg URLOpenedMsg) {
	if msg.Err != nil {
		m.status = fmt.Sprintf("the browser failed (%s): %s", termout.OneLine(msg.Err.Error()), msg.URL)
	}
}
