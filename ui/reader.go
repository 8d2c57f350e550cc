package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/viewport"

	"dispatch/store"
)

// readerModel shows one rendered article in a scrolling viewport.
type readerModel struct {
	styles   Styles
	article  *store.Article
	doc      *document // may be of another width while a re-render is pending
	pending  renderKey // the rendering this reader waits for; zero when none
	anchor   int       // passage to bring to the top when pending arrives; -1 for none
	viewport viewport.Model
	width    int
	height   int
}

func newReaderModel(styles Styles) readerModel {
	vp := viewport.New(1, 1)
	vp.MouseWheelEnabled = false  // the root routes the wheel to the pane under the pointer
	vp.KeyMap = viewport.KeyMap{} // keys come from our KeyMap
	return readerModel{styles: styles, viewport: vp, anchor: -1}
}

func (m *readerModel) setSize(width, height int) {
	m.width, m.height = max(width, 1), max(height, 1)
	m.viewport.Width, m.viewport.Height = m.width, m.height
	m.viewport.SetYOffset(m.viewport.YOffset) // re-clamp for the new height
}

// open switches to article a; the caller requests its rendering.
func (m *readerModel) open(a *store.Article, key renderKey) {
	if m.article != a {
		m.doc = nil
		m.viewport.SetContent("")
		m.viewport.SetYOffset(0)
	}
	m.article = a
	m.pending = key
	m.anchor = -1
}

// needsRender reports whether the reader's article is neither rendered nor
// being rendered for width.
func (m *readerModel) needsRender(width int) bool {
	return m.article != nil && (m.doc == nil || m.doc.key.width != width) && m.pending.width != width
}

// show installs a rendered document, keeping the reader's place: the anchor
// passage if one is set, else the passage that was at the top.
func (m *readerModel) show(doc *document) {
	anchor := m.anchor
	if anchor < 0 && m.doc != nil && m.doc.key.article == doc.key.article && m.viewport.YOffset > 0 {
		anchor = m.doc.passageAt(m.viewport.YOffset)
	}
	m.doc = doc
	m.pending = renderKey{}
	m.anchor = -1
	m.viewport.SetContent(strings.Join(doc.lines, "\n"))
	if anchor >= 0 && anchor < len(doc.passageLines) {
		m.viewport.SetYOffset(doc.passageLines[anchor])
	} else if m.viewport.YOffset > 0 {
		m.viewport.SetYOffset(m.viewport.YOffset)
	}
}

// position is the footer status while reading: "42%" or "top".
func (m *readerModel) position() string {
	switch {
	case m.doc == nil:
		return "loading…"
	case m.viewport.TotalLineCount() <= m.viewport.Height:
		return "all"
	case m.viewport.AtTop():
		return "top"
	case m.viewport.AtBottom():
		return "end"
	}
	return fmt.Sprintf("%d%%", int(m.viewport.ScrollPercent()*100))
}

func (m *readerModel) lineDown(n int) { m.viewport.ScrollDown(n) }
func (m *readerModel) lineUp(n int)   { m.viewport.ScrollUp(n) }
func (m *readerModel) pageDown()      { m.viewport.PageDown() }
func (m *readerModel) pageUp()        { m.viewport.PageUp() }
func (m *readerModel) top()           { m.viewport.GotoTop() }
func (m *readerModel) bottom()        { m.viewport.GotoBottom() }

func (m readerModel) View() string {
	switch {
	case m.article == nil:
		return fitBlock(m.styles.ListEmpty.Render("  Select an article to read it."), m.width, m.height)
	case m.doc == nil:
		return fitBlock(m.styles.ListEmpty.Render("  Rendering…"), m.width, m.height)
	}
	// The viewport keeps the scroll position; drawing the visible lines here
	// truncates a document of a stale width instead of re-wrapping it.
	top := min(m.viewport.YOffset, len(m.doc.lines))
	bottom := min(top+m.height, len(m.doc.lines))
	return fitBlock(strings.Join(m.doc.lines[top:bottom], "\n"), m.width, m.height)
}
