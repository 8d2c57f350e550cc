// Package ui is the terminal reader: a root bubbletea model that routes keys
// to an article list and a reader pane, and draws header, panes and footer.
package ui

import (
	"cmp"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"dispatch/store"
)

// Default delays that keep expensive work off bursts of events.
const (
	defaultResizeSettle  = 80 * time.Millisecond // re-render once resizing pauses
	defaultPreviewSettle = 60 * time.Millisecond // render the list's article once the cursor rests
)

// wheelLines is how far one wheel notch scrolls the reader.
const wheelLines = 3

// focus says which pane receives keys.
type focus int

const (
	focusList focus = iota
	focusReader
)

// Options are the model's dependencies, built by main.
type Options struct {
	Library  *store.Library
	Styles   Styles
	Renderer *Renderer
	KeyMap   KeyMap

	// ResizeSettle and PreviewSettle override the debounce delays (tests set
	// them tiny); zero means the defaults.
	ResizeSettle  time.Duration
	PreviewSettle time.Duration
}

// Model is the root model of the reader.
type Model struct {
	lib      *store.Library
	keys     KeyMap
	styles   Styles
	renderer *Renderer
	help     help.Model

	layout     layout
	focus      focus
	showHelp   bool
	helpOffset int

	list   listModel
	reader readerModel

	resizeGen     int
	previewGen    int
	resizeSettle  time.Duration
	previewSettle time.Duration
	status        string // one-line notice in the footer, cleared by the next key
}

// Messages produced by the model's commands.
type (
	renderedMsg struct {
		doc *document
		err error
	}
	resizeSettledMsg struct{ gen int }
	previewMsg       struct{ gen int }
)

// New builds the root model. It does no rendering: that starts with the
// first WindowSizeMsg.
func New(opts Options) Model {
	h := help.New()
	h.Styles = opts.Styles.Help
	h.ShortSeparator = " · "
	m := Model{
		lib:      opts.Library,
		keys:     opts.KeyMap,
		styles:   opts.Styles,
		renderer: opts.Renderer,
		help:     h,
		list:     newListModel(opts.Library, opts.Styles),
		reader:   newReaderModel(opts.Styles),
		layout:   computeLayout(0, 0),

		resizeSettle:  cmp.Or(opts.ResizeSettle, defaultResizeSettle),
		previewSettle: cmp.Or(opts.PreviewSettle, defaultPreviewSettle),
	}
	m.syncKeys()
	return m
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return nil }

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		cmd = m.resize(msg.Width, msg.Height)
	case resizeSettledMsg:
		if msg.gen == m.resizeGen {
			cmd = m.renderVisible()
		}
	case previewMsg:
		if msg.gen == m.previewGen {
			cmd = m.renderVisible()
		}
	case renderedMsg:
		m.applyRender(msg)
	case tea.KeyMsg:
		m.status = ""
		cmd = m.handleKey(msg)
	case tea.MouseMsg:
		cmd = m.handleMouse(msg)
	}
	m.syncKeys()
	return m, cmd
}

func (m *Model) resize(width, height int) tea.Cmd {
	wasSplit := m.layout.split
	m.layout = computeLayout(width, height)
	m.list.setSize(m.layout.listWidth, m.layout.bodyHeight)
	m.reader.setSize(m.layout.readerWidth, m.layout.bodyHeight)
	if m.layout.split && !wasSplit && m.reader.article == nil {
		m.showSelected()
	}
	m.resizeGen++
	gen := m.resizeGen
	if m.reader.doc == nil && m.reader.article != nil {
		return m.renderVisible() // nothing to show yet: no reason to wait
	}
	return tea.Tick(m.resizeSettle, func(time.Time) tea.Msg { return resizeSettledMsg{gen} })
}

// readerVisible reports whether the reader pane is on screen.
func (m *Model) readerVisible() bool {
	return m.layout.split || m.focus == focusReader
}

// renderVisible asks for the visible reader's article at the pane's width,
// taking it from the cache when it is there.
func (m *Model) renderVisible() tea.Cmd {
	if !m.readerVisible() || m.layout.tooSmall || !m.reader.needsRender(m.layout.readerWidth) {
		return nil
	}
	a, width := m.reader.article, m.layout.readerWidth
	key := renderKey{article: a.ID, width: width}
	if doc, ok := m.renderer.Cached(key); ok {
		m.reader.show(doc)
		return nil
	}
	m.reader.pending = key
	r := m.renderer
	return func() tea.Msg {
		doc, err := r.Render(a, width)
		return renderedMsg{doc: doc, err: err}
	}
}

func (m *Model) applyRender(msg renderedMsg) {
	if msg.err != nil {
		m.status = msg.err.Error()
		m.reader.pending = renderKey{}
		return
	}
	if msg.doc.key == m.reader.pending {
		m.reader.show(msg.doc)
	}
}

// openArticle shows the article under the list cursor in the reader, focused.
func (m *Model) openArticle() tea.Cmd {
	if m.list.selected() == nil {
		return nil
	}
	m.focus = focusReader
	m.showSelected()
	return m.renderVisible()
}

// showSelected puts the list's current article in the reader without
// rendering it; callers decide when to render.
func (m *Model) showSelected() {
	a := m.list.selected()
	if a == nil || a == m.reader.article {
		return
	}
	m.reader.open(a, renderKey{})
}

// preview follows the list cursor in split view: the reader shows the
// selected article, rendered once the cursor has rested (or at once when it
// is cached), so holding j does not queue a render per row.
func (m *Model) preview() tea.Cmd {
	if !m.layout.split {
		return nil
	}
	m.showSelected()
	if _, ok := m.renderer.Cached(renderKey{article: m.reader.article.ID, width: m.layout.readerWidth}); ok {
		return m.renderVisible()
	}
	m.previewGen++
	gen := m.previewGen
	return tea.Tick(m.previewSettle, func(time.Time) tea.Msg { return previewMsg{gen} })
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		// bubbletea delivers keys that arrive in one read (a held key over a
		// slow link) as one message; each is a command here.
		cmds := make([]tea.Cmd, 0, len(msg.Runes))
		for _, r := range msg.Runes {
			cmds = append(cmds, m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
		}
		return tea.Batch(cmds...)
	}
	k := m.keys
	if key.Matches(msg, k.ForceQuit) {
		return tea.Quit
	}
	if m.showHelp {
		return m.helpKey(msg)
	}
	switch {
	case key.Matches(msg, k.Help):
		m.showHelp, m.helpOffset = true, 0
		return nil
	case key.Matches(msg, k.SwitchFocus):
		return m.switchFocus()
	}
	if m.focus == focusReader {
		return m.readerKey(msg)
	}
	return m.listKey(msg)
}

func (m *Model) helpKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Help), key.Matches(msg, k.Back):
		m.showHelp = false
	case key.Matches(msg, k.Down):
		m.helpOffset++
	case key.Matches(msg, k.Up):
		m.helpOffset = max(m.helpOffset-1, 0)
	case key.Matches(msg, k.Top):
		m.helpOffset = 0
	}
	_, maxOffset := helpOverlay(m.keys, m.styles, m.layout.width, m.layout.bodyHeight, m.helpOffset)
	m.helpOffset = min(m.helpOffset, maxOffset)
	return nil
}

func (m *Model) switchFocus() tea.Cmd {
	if m.focus == focusReader {
		m.focus = focusList
		return nil
	}
	if m.reader.article == nil && !m.layout.split {
		return nil
	}
	m.focus = focusReader
	m.showSelected()
	return m.renderVisible()
}

func (m *Model) listKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	before := m.list.cursor
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Open):
		return m.openArticle()
	case key.Matches(msg, k.Down):
		m.list.moveBy(1)
	case key.Matches(msg, k.Up):
		m.list.moveBy(-1)
	case key.Matches(msg, k.Top):
		m.list.moveTo(0)
	case key.Matches(msg, k.Bottom):
		m.list.moveTo(len(m.list.items) - 1)
	case key.Matches(msg, k.PageDown):
		m.list.moveBy(m.list.visibleRows())
	case key.Matches(msg, k.PageUp):
		m.list.moveBy(-m.list.visibleRows())
	}
	if m.list.cursor != before {
		return m.preview()
	}
	return nil
}

func (m *Model) readerKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		m.focus = focusList
	case key.Matches(msg, k.Down):
		m.reader.lineDown(1)
	case key.Matches(msg, k.Up):
		m.reader.lineUp(1)
	case key.Matches(msg, k.PageDown):
		m.reader.pageDown()
	case key.Matches(msg, k.PageUp):
		m.reader.pageUp()
	case key.Matches(msg, k.Top):
		m.reader.top()
	case key.Matches(msg, k.Bottom):
		m.reader.bottom()
	case key.Matches(msg, k.NextArticle):
		return m.stepArticle(1)
	case key.Matches(msg, k.PrevArticle):
		return m.stepArticle(-1)
	}
	return nil
}

// stepArticle opens the next (+1) or previous (-1) article of the list.
func (m *Model) stepArticle(delta int) tea.Cmd {
	before := m.list.cursor
	m.list.moveBy(delta)
	if m.list.cursor == before {
		if delta > 0 {
			m.status = "this is the last article"
		} else {
			m.status = "this is the first article"
		}
		return nil
	}
	return m.openArticle()
}

func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if m.showHelp || m.layout.tooSmall || msg.Action != tea.MouseActionPress {
		return nil
	}
	y := msg.Y - headerHeight
	if y < 0 || y >= m.layout.bodyHeight {
		return nil
	}
	overList := m.focus == focusList && !m.layout.split || m.layout.split && msg.X < m.layout.listWidth
	overReader := m.readerVisible() && !overList
	switch msg.Button {
	case tea.MouseButtonWheelDown, tea.MouseButtonWheelUp:
		down := msg.Button == tea.MouseButtonWheelDown
		if overReader {
			if down {
				m.reader.lineDown(wheelLines)
			} else {
				m.reader.lineUp(wheelLines)
			}
			return nil
		}
		before := m.list.cursor
		if down {
			m.list.moveBy(1)
		} else {
			m.list.moveBy(-1)
		}
		if m.list.cursor != before {
			return m.preview()
		}
	case tea.MouseButtonLeft:
		if overList {
			i := m.list.itemAt(y)
			if i < 0 {
				return nil
			}
			if i == m.list.cursor {
				return m.openArticle()
			}
			m.list.moveTo(i)
			return m.preview()
		}
		if overReader {
			m.focus = focusReader
		}
	}
	return nil
}

// syncKeys enables exactly the bindings that do something now, so the help
// shows only what works.
func (m *Model) syncKeys() {
	reading := m.focus == focusReader
	m.keys.Back.SetEnabled(reading || m.showHelp)
	m.keys.Quit.SetEnabled(!reading)
	m.keys.Open.SetEnabled(!reading && len(m.list.items) > 0)
	m.keys.NextArticle.SetEnabled(reading)
	m.keys.PrevArticle.SetEnabled(reading)
	m.keys.SwitchFocus.SetEnabled(m.layout.split || m.reader.article != nil)
}
