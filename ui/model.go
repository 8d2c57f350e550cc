// Package ui is the terminal reader: a root bubbletea model that routes keys
// to an article list and a reader pane, and draws header, panes and footer.
package ui

import (
	"cmp"
	"fmt"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"dispatch/store"
	"dispatch/store/article"
	"dispatch/store/state"
)

// Default delays that keep expensive work off bursts of events.
const (
	defaultResizeSettle  = 80 * time.Millisecond   // re-render once resizing pauses
	defaultPreviewSettle = 60 * time.Millisecond   // render the list's article once the cursor rests
	defaultFlashFor      = 1500 * time.Millisecond // how long the passage a jump landed on stays marked
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
	State    *state.File // read state, bookmarks, positions, history
	Styles   Styles
	Renderer *Renderer
	KeyMap   KeyMap

	// ResizeSettle and PreviewSettle override the debounce delays (tests set
	// them tiny); zero means the defaults.
	ResizeSettle  time.Duration
	PreviewSettle time.Duration
	// FlashFor overrides how long a passage a jump landed on stays marked;
	// negative keeps it until the next jump (tests).
	FlashFor time.Duration
	// MaxResults overrides how many search results the list holds; zero
	// means maxListedResults.
	MaxResults int
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

	showCoverage bool
	coverage     coverageModel
	showRelated  bool
	related      relatedPanel

	list   listModel
	reader readerModel
	search searchModel
	hist   history

	state          *state.File
	bookmarkedOnly bool
	savedPos       state.Position // last position written, to write only changes
	savedDoc       int

	topic      int // topic filter: index into the topic model, or noTopic
	topicStyle []lipgloss.Style

	resizeGen     int
	previewGen    int
	resizeSettle  time.Duration
	previewSettle time.Duration
	flashFor      time.Duration
	maxResults    int
	status        string // one-line notice in the footer, cleared by the next key
	warnings      int    // files skipped or cleaned on loading, state warnings

	loadDone, loadTotal int // progress of the library loading in the background
}

// Messages produced by the model's commands.
type (
	renderedMsg struct {
		doc *document
		err error
	}
	resizeSettledMsg struct{ gen int }
	previewMsg       struct{ gen int }
	flashDoneMsg     struct{ gen int }
)

// New builds the root model. It does no rendering: that starts with the
// first WindowSizeMsg. Without a library it shows that one is loading until
// a LibraryLoadedMsg brings it, so the terminal answers at once.
func New(opts Options) Model {
	h := help.New()
	h.Styles = opts.Styles.Help
	h.ShortSeparator = " · "
	m := Model{
		keys:   opts.KeyMap,
		styles: opts.Styles,
		help:   h,
		search: newSearchModel(opts.Styles),
		layout: computeLayout(0, 0),
		topic:  noTopic,
		state:  opts.State,

		resizeSettle:  cmp.Or(opts.ResizeSettle, defaultResizeSettle),
		previewSettle: cmp.Or(opts.PreviewSettle, defaultPreviewSettle),
		flashFor:      cmp.Or(opts.FlashFor, defaultFlashFor),
		maxResults:    cmp.Or(opts.MaxResults, maxListedResults),
	}
	var libWarnings []article.Warning
	if opts.Library != nil {
		m.useLibrary(opts.Library, opts.Renderer)
		if !m.lib.Provisional { // a provisional library cannot name the saved articles yet
			m.restoreSaved()
		}
		libWarnings = opts.Library.Warnings
	}
	m.noteWarnings(libWarnings, m.state.Warnings())
	m.syncKeys()
	return m
}

// useLibrary makes lib, drawn by r, the reader's library, with a fresh list
// and reader pane.
func (m *Model) useLibrary(lib *store.Library, r *Renderer) {
	m.lib, m.renderer = lib, r
	m.topicStyle = topicStyles(m.styles, lib.Topics)
	n := len(lib.Topics)
	digits := make([]string, n)
	for i := range digits {
		digits[i] = strconv.Itoa(i + 1)
	}
	m.keys.TopicFilter.SetKeys(digits...)
	m.keys.TopicFilter.SetHelp(fmt.Sprintf("1-%d", n), "topic filter (again: clear)")
	m.list = newListModel(lib, m.styles)
	m.list.state, m.list.topicStyle = m.state, m.topicStyle
	m.list.setSize(m.layout.listWidth, m.layout.bodyHeight)
	m.reader = newReaderModel(m.styles)
	m.reader.lib, m.reader.topicStyle, m.reader.topic = lib, m.topicStyle, m.topic
	m.reader.setSize(m.layout.readerWidth, m.layout.bodyHeight)
}

// noteWarnings counts warnings for the header and shows the first in the
// footer; the rest are printed when the reader quits.
func (m *Model) noteWarnings(lib []article.Warning, other []string) {
	var warns []string
	for _, w := range lib {
		warns = append(warns, w.String())
	}
	warns = append(warns, other...)
	m.warnings += len(warns)
	if len(warns) > 0 {
		m.status = warns[0]
		if len(warns) > 1 {
			m.status += fmt.Sprintf(" (+%d more, listed when you quit)", len(warns)-1)
		}
	}
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd { return warm(m.lib) }

// warm prepares the library's relations in the background, after the first
// frame, so opening the related panel later is instant.
func warm(lib *store.Library) tea.Cmd {
	if lib == nil {
		return nil
	}
	return func() tea.Msg {
		lib.Warm()
		return nil
	}
}

// Update implements tea.Model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.lib == nil {
		return m.updateWaiting(msg)
	}
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
	case flashDoneMsg:
		if msg.gen == m.reader.flashGen {
			m.reader.flash = -1
		}
	case LoadProgressMsg:
		m.loadDone, m.loadTotal = msg.Done, msg.Total
	case LibraryLoadedMsg:
		cmd = m.swapLibrary(msg)
	case renderedMsg:
		m.applyRender(msg)
	case relatedFoundMsg:
		m.relatedFound(msg)
	case tea.KeyMsg:
		m.status = ""
		cmd = m.handleKey(msg)
	case tea.MouseMsg:
		cmd = m.handleMouse(msg)
	}
	m.rememberReading()
	m.syncKeys()
	return m, cmd
}

func (m *Model) resize(width, height int) tea.Cmd {
	wasSplit := m.layout.split
	m.layout = computeLayout(width, height)
	m.list.setSize(m.layout.listWidth, m.layout.bodyHeight)
	m.reader.setSize(m.layout.readerWidth, m.layout.bodyHeight)
	m.search.setWidth(m.layout.width)
	if m.layout.split && !wasSplit && m.reader.article == nil {
		m.showSelected(landTop)
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
	key := renderKey{doc: m.reader.at, width: m.layout.readerWidth}
	if d, ok := m.renderer.Cached(key); ok {
		m.reader.show(d)
		return nil
	}
	m.reader.pending = key
	r := m.renderer
	return func() tea.Msg {
		d, err := r.Render(key.doc, key.width)
		return renderedMsg{doc: d, err: err}
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

// openArticle opens the article under the list cursor in the reader, a jump
// recorded in the history.
func (m *Model) openArticle(land landing) tea.Cmd {
	h, ok := m.list.selectedHit()
	if !ok {
		return nil
	}
	if m.reader.article != nil && h.Doc == m.reader.at && land == landTop {
		m.focus = focusReader // already showing it: keep the reading position
		return m.renderVisible()
	}
	return m.jump(h.Doc, land, -1)
}

// searchLanding is where opening an article lands: its first match while
// searching, else its top.
func (m *Model) searchLanding() landing {
	if m.search.query.HasTerms() {
		return landFirstMatch
	}
	return landTop
}

// showSelected puts the list's current article in the reader without
// rendering it; callers decide when to render.
func (m *Model) showSelected(land landing) {
	a := m.list.selected()
	if a == nil {
		return
	}
	if a == m.reader.article && land == landTop {
		return // already there: keep the reading position
	}
	m.reader.open(m.list.selectedDoc(), land, -1)
}

// preview follows the list cursor in split view: the reader shows the
// selected article, rendered once the cursor has rested (or at once when it
// is cached), so holding j does not queue a render per row.
func (m *Model) preview() tea.Cmd {
	a := m.list.selected()
	if !m.layout.split || a == nil || a == m.reader.article {
		return nil
	}
	m.showSelected(m.searchLanding())
	if _, ok := m.renderer.Cached(renderKey{doc: m.list.selectedDoc(), width: m.layout.readerWidth}); ok {
		return m.renderVisible()
	}
	m.previewGen++
	gen := m.previewGen
	return tea.Tick(m.previewSettle, func(time.Time) tea.Msg { return previewMsg{gen} })
}

// syncKeys enables exactly the bindings that do something now, so the short
// help shows only what works.
func (m *Model) syncKeys() {
	reading := m.focus == focusReader
	searching := m.search.query.HasTerms()
	m.keys.Back.SetEnabled(reading || m.showHelp)
	m.keys.Quit.SetEnabled(!reading)
	m.keys.Open.SetEnabled(!reading && len(m.list.items) > 0)
	m.keys.NextArticle.SetEnabled(reading)
	m.keys.PrevArticle.SetEnabled(reading)
	m.keys.SwitchFocus.SetEnabled(m.layout.split || m.reader.article != nil)
	m.keys.NextMatch.SetEnabled(searching)
	m.keys.PrevMatch.SetEnabled(searching)
	m.keys.ClearSearch.SetEnabled(!reading && !m.search.active && !m.search.query.Empty())
	m.keys.ClearTopic.SetEnabled(m.topic != noTopic)
	m.keys.NextTopicPassage.SetEnabled(reading && m.topic != noTopic)
	m.keys.HistoryBack.SetEnabled(len(m.hist.back) > 0)
	m.keys.HistoryFwd.SetEnabled(len(m.hist.forward) > 0)
	m.keys.PrevTopicPassage.SetEnabled(reading && m.topic != noTopic)
}
