// Package ui is the terminal reader. A root model holds one mode — the
// list, the reader, a prompt, the help, a panel — and a table from mode to
// screen (panel.go): drawing the body, the footer, keys, the mouse,
// resizing and opening are each one lookup in it. Every screen is a panel:
// a component that owns its state, Update, View, size and help, shares one
// common struct, and asks the root for anything beyond itself by message.
//
// Adding a panel is one file and one line: the component implementing
// panel (and opener, if it opens on an article) in its own file, its mode
// constant, its line in Model.screens, and the key that opens it in the
// KeyMap. docs/ARCHITECTURE.md walks through it.
package ui

import (
	"cmp"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"dispatch/internal/termout"
	"dispatch/store"
)

// Default delays that keep expensive work off bursts of events.
const (
	defaultResizeSettle  = 80 * time.Millisecond   // re-render once resizing pauses
	defaultPreviewSettle = 60 * time.Millisecond   // render the list's article once the cursor rests
	defaultFlashFor      = 1500 * time.Millisecond // how long the passage a jump landed on stays marked
)

// maxListedResults bounds the search results the list holds. Ranking every
// match and finding the passage of each would take a keystroke a tenth of
// a second in a library of 100,000 where a word is in every article; no one
// pages past the best thousand.
const maxListedResults = 1000

// mode is the screen that has the keys, the mouse and the body of the
// screen. It is the one thing that decides which screen is active.
type mode int

const (
	modeLoading  mode = iota // the library has not come yet
	modeList                 // the article list (beside the reader from 100 columns)
	modeReader               // the reader
	modeSearch               // the library search prompt, over the list
	modeFind                 // the find-in-article prompt, over the reader
	modeHelp                 // the full help
	modeCoverage             // the topic coverage matrix
	modeRelated              // related articles and passages
	modeWarnings             // the warnings
	modeLinks                // the article's links
	modeSources              // where articles come from: feeds, folders, saved searches
	modeStory                // who says what in the article's story
	modeCount                // the number of modes
)

// Model is the root model of the reader. Its components are pointers, made
// once in New: the table of screens points at them for the model's life.
type Model struct {
	c      *common
	mode   mode
	under  []mode // the screens under the help or a panel, to go back to
	layout layout
	table  [modeCount]screen

	loading  *loadingModel
	list     *listModel
	reader   *readerModel
	search   *promptModel
	find     *promptModel
	help     *helpModel
	coverage *coverageModel
	related  *relatedModel
	warnings *warningsModel
	links    *linksModel
	sources  *sourcesModel
	story    *storyModel

	browse       func(url string) (tea.Cmd, bool)
	clipboard    func(text string) error
	feeds        Feeds
	terminal     Terminal
	saveSearchFn SaveSearchFunc
	fetching     fetching
	refresh      time.Duration
	fetchAtStart bool
	started      bool // the first indexed library came: see ready
	refreshGen   int
	fetched      *LibraryLoadedMsg // a fetch's library, waiting for a panel to close

	status   string // one-line notice in the footer, cleared by the next key or click
	logged   string // the notice last kept in the messages (w), not to keep it twice
	findFrom int    // the top line when the find prompt opened
	// searchFrom is where the list and the reader were when the search
	// prompt opened, for esc to go back to; nil when it is not open.
	searchFrom *searchStart
	// lastRead is the reader's place when the keys last left it for the
	// list: a jump from the list leaves that place, not the articles the
	// reader beside the list has previewed since. nil once jumped.
	lastRead *place

	resizeGen, previewGen       int
	resizeSettle, previewSettle time.Duration
}

// New builds the root model. It renders nothing: that starts with the first
// WindowSizeMsg. Without a library it shows that one is loading until a
// LibraryLoadedMsg brings it, so the terminal answers at once.
func New(opts Options) Model {
	measure := cmp.Or(opts.Measure, DefaultMeasure)
	if measure < 0 {
		measure = 0
	}
	c := &common{
		styles: opts.Styles, keys: opts.KeyMap, state: opts.State, topic: noTopic, measure: measure,
		previewSettle: cmp.Or(opts.PreviewSettle, defaultPreviewSettle),
		flashFor:      cmp.Or(opts.FlashFor, defaultFlashFor),
		maxResults:    cmp.Or(opts.MaxResults, maxListedResults),
		tags:          opts.Tags, now: opts.Now, searches: slices.Clone(opts.Searches),
	}
	list := newListModel(c)
	reader := newReaderModel(c, list)
	m := Model{
		c: c, mode: modeLoading, layout: computeLayout(0, 0, 0),
		loading: &loadingModel{c: c}, list: list, reader: reader,
		search: newPromptModel(c, searchLibrary, list, list), find: newPromptModel(c, findInArticle, reader, nil),
		help: &helpModel{c: c, tip: refreshTip(opts)}, coverage: &coverageModel{c: c}, related: &relatedModel{c: c},
		warnings: &warningsModel{c: c}, links: &linksModel{c: c}, sources: newSourcesModel(c, opts.Feeds), story: &storyModel{c: c},
		browse: opts.OpenURL, clipboard: opts.Clipboard, feeds: opts.Feeds, terminal: opts.Terminal,
		saveSearchFn: opts.SaveSearch, refresh: opts.Refresh, fetchAtStart: opts.FetchAtStart,
		resizeSettle:  cmp.Or(opts.ResizeSettle, defaultResizeSettle),
		previewSettle: c.previewSettle,
	}
	m.table = m.screens()
	m.help.setPanels(m.table)
	m.warnings.add(opts.Warnings...)
	m.warnings.add(opts.State.Warnings()...)
	if opts.Library != nil {
		m.useLibrary(opts.Library, opts.Renderer) // no size yet: nothing to render
	}
	m.noteWarnings()
	return m
}

// Init implements tea.Model.
func (m Model) Init() tea.Cmd {
	if m.c.lib == nil {
		return nil // what waits for the library starts when it comes
	}
	return tea.Batch(warm(m.c.lib), func() tea.Msg { return readyMsg{} })
}

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
	cmd := m.process(msg)
	m.rememberReading()
	m.logStatus()
	return m, cmd
}

// process handles a message and then, in order, every request the
// components sent while handling it.
func (m *Model) process(msg tea.Msg) tea.Cmd {
	cmds := []tea.Cmd{m.handle(msg)}
	for len(m.c.outbox) > 0 {
		next := m.c.outbox[0]
		m.c.outbox = m.c.outbox[1:]
		cmds = append(cmds, m.handle(next))
	}
	// a fetched library waits for a screen that can take it, however that
	// screen was left (closed, a jump from a panel, a prompt done)
	if m.fetched != nil && m.canSwap() {
		cmds = append(cmds, m.takeFetched(*m.fetched))
	}
	return tea.Batch(cmds...)
}

// Messages of the root's own commands.
type (
	renderedMsg struct {
		key renderKey
		doc *document
		err error
	}
	resizeSettledMsg  struct{ gen int }
	previewSettledMsg struct{ gen int }
	flashStartedMsg   struct{ gen int }
	flashDoneMsg      struct{ gen int }
)

func (m *Model) handle(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.handleSources(msg); ok {
		return cmd
	}
	if cmd, ok := m.handleOutside(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.resize(msg.Width, msg.Height)
	case tea.KeyMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.handleMouse(msg)
	case tea.ResumeMsg:
		if t := m.terminal; t != nil {
			return func() tea.Msg { t.Restore(); return nil }
		}
		// back from ctrl+z: bubbletea restores the alternate screen but not
		// mouse reporting
		return tea.EnableMouseCellMotion
	case LoadProgressMsg:
		m.loading.progressed(msg)
	case LibraryLoadedMsg:
		return m.libraryLoaded(msg)
	case URLOpenedMsg:
		m.urlOpened(msg)
		return nil
	case statusMsg:
		m.status = termout.OneLine(msg.text)
		return nil
	}
	if m.c.lib == nil {
		return nil
	}
	switch msg := msg.(type) {
	case fetchProgressMsg:
		m.fetching.done, m.fetching.total = msg.done, msg.total
		return listen(msg.events)
	case fetchDoneMsg:
		return m.fetchDone(msg.result)
	case resizeSettledMsg:
		if msg.gen == m.resizeGen {
			return m.renderVisible()
		}
	case previewSettledMsg:
		if msg.gen == m.previewGen {
			return m.renderVisible()
		}
	case renderedMsg:
		m.rendered(msg)
	case flashStartedMsg:
		if m.c.flashFor < 0 {
			return nil
		}
		return tea.Tick(m.c.flashFor, func(time.Time) tea.Msg { return flashDoneMsg(msg) })
	case refreshMsg:
		return m.refreshed(msg)
	case readyMsg:
		return m.ready()
	case flashDoneMsg:
		m.reader.flashDone(msg.gen)
	case storyFoundMsg:
		m.story.found(msg)
	case relatedFoundMsg:
		m.related.found(msg)
	case sourcesFoundMsg:
		m.sources.found(msg)
	default:
		return m.navigate(msg)
	}
	return nil
}

// logStatus keeps each new footer notice in the messages the w panel
// lists: a long one is cut in the footer, and all are gone with the next
// key.
func (m *Model) logStatus() {
	if m.status != m.logged {
		m.logged = m.status
		if m.status != "" {
			m.warnings.note(m.status)
		}
	}
}

// readerVisible reports whether the reader pane is on screen.
func (m *Model) readerVisible() bool {
	s := m.screen()
	return s.reading() || s.listing() && m.layout.split
}

// renderVisible asks for the visible reader's article at its width, taking
// it from the cache when it is there.
func (m *Model) renderVisible() tea.Cmd {
	if !m.readerVisible() || m.layout.tooSmall {
		return nil
	}
	key, needed := m.reader.needsRender()
	if !needed {
		return nil
	}
	if d, ok := m.c.renderer.Cached(key); ok {
		m.reader.show(d)
		return nil
	}
	m.reader.await(key)
	r := m.c.renderer
	return func() tea.Msg {
		d, err := r.Render(key.doc, key.width)
		return renderedMsg{key: key, doc: d, err: err}
	}
}

// rendered installs a rendering the reader waits for.
func (m *Model) rendered(msg renderedMsg) {
	if !m.reader.awaits(msg.key) {
		return // for an article or a width left since
	}
	if msg.err != nil {
		m.status = termout.OneLine(msg.err.Error())
		m.reader.fail(m.status)
		return
	}
	m.reader.show(msg.doc)
}

func (m *Model) resize(width, height int) tea.Cmd {
	m.layout = computeLayout(width, height, m.c.measure)
	l := m.layout
	m.loading.SetSize(l.width, l.bodyHeight) // the one screen before a library
	if m.c.lib == nil {
		return nil
	}
	for _, s := range m.table {
		switch {
		case s.kind == overlay:
			s.panel.SetSize(l.width, l.bodyHeight)
		case s.prompt: // drawn in the header: it fits itself there
		case s.focus == paneList:
			s.panel.SetSize(l.listWidth, l.bodyHeight)
		default:
			s.panel.SetSize(l.readerWidth, l.bodyHeight)
		}
	}
	var preview tea.Cmd
	if s := m.screen(); s.listing() && !s.prompt && l.split && m.list.selectedDoc() != m.reader.doc {
		// beside the list the reader shows the cursor's article: on
		// growing into the split view, that may not be the one read last
		if p, ok := m.reader.here(); ok {
			m.lastRead = &p
		}
		preview = m.preview()
	}
	m.resizeGen++
	gen := m.resizeGen
	if !m.reader.shown() && m.reader.doc >= 0 {
		return m.renderVisible() // nothing to show yet: no reason to wait
	}
	return tea.Batch(preview, tea.Tick(m.resizeSettle, func(time.Time) tea.Msg { return resizeSettledMsg{gen} }))
}
