package ui

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds every key binding of the reader. Help text is read from the
// bindings themselves, so the help overlay cannot drift from the keys.
type KeyMap struct {
	Up       key.Binding
	Down     key.Binding
	Top      key.Binding
	Bottom   key.Binding
	PageDown key.Binding
	PageUp   key.Binding

	Open        key.Binding
	Back        key.Binding
	SwitchFocus key.Binding
	NextArticle key.Binding
	PrevArticle key.Binding

	Search      key.Binding
	NextMatch   key.Binding
	PrevMatch   key.Binding
	ClearSearch key.Binding

	// While typing in the search prompt.
	PromptAccept key.Binding
	PromptCancel key.Binding
	PromptUp     key.Binding
	PromptDown   key.Binding

	TopicFilter      key.Binding // 1–9: one binding, the digit picks the topic
	ClearTopic       key.Binding
	NextTopicPassage key.Binding
	PrevTopicPassage key.Binding
	Coverage         key.Binding

	ToggleRead     key.Binding
	Bookmark       key.Binding
	BookmarkedOnly key.Binding

	Related      key.Binding
	HistoryBack  key.Binding
	HistoryFwd   key.Binding
	CloseRelated key.Binding
	JumpRelated  key.Binding

	// In the topic coverage view.
	CellLeft  key.Binding
	CellRight key.Binding
	CellOpen  key.Binding
	CloseView key.Binding

	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
}

// DefaultKeyMap returns the bindings documented in DESIGN.md and the README.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		PageDown: key.NewBinding(key.WithKeys("ctrl+d", "pgdown", " "), key.WithHelp("space/pgdn/ctrl+d", "page down")),
		PageUp:   key.NewBinding(key.WithKeys("ctrl+u", "pgup", "b"), key.WithHelp("b/pgup/ctrl+u", "page up")),

		Open:        key.NewBinding(key.WithKeys("enter", "l", "right"), key.WithHelp("enter/l/→", "open")),
		Back:        key.NewBinding(key.WithKeys("esc", "h", "left", "q"), key.WithHelp("esc/h/←/q", "back to list")),
		SwitchFocus: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "switch pane")),
		NextArticle: key.NewBinding(key.WithKeys("J"), key.WithHelp("J", "next article")),
		PrevArticle: key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "previous article")),

		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextMatch:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		ClearSearch: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search")),

		PromptAccept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep query")),
		PromptCancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),
		PromptUp:     key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "previous result")),
		PromptDown:   key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "next result")),

		TopicFilter:      key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-4", "topic filter (again: clear)")),
		ClearTopic:       key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "clear topic filter")),
		NextTopicPassage: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "next passage on topic")),
		PrevTopicPassage: key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "previous passage on topic")),
		Coverage:         key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "topic coverage")),

		ToggleRead:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark read / unread")),
		Bookmark:       key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "bookmark")),
		BookmarkedOnly: key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "bookmarked only")),

		Related:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "related articles and passages")),
		HistoryBack:  key.NewBinding(key.WithKeys("[", "ctrl+o", "backspace"), key.WithHelp("[/ctrl+o/bksp", "back in history")),
		HistoryFwd:   key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "forward in history")),
		CloseRelated: key.NewBinding(key.WithKeys("esc", "r", "q"), key.WithHelp("esc/r/q", "close")),
		JumpRelated:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "jump there")),

		CellLeft:  key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("←/h", "previous topic")),
		CellRight: key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("→/l", "next topic")),
		CellOpen:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open at first passage")),
		CloseView: key.NewBinding(key.WithKeys("esc", "c", "q"), key.WithHelp("esc/c/q", "close")),

		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit (from the list)")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
}

// helpSection is one titled column of the full help.
type helpSection struct {
	title    string
	bindings []key.Binding
}

// listHelp is the short help shown in the footer while the list has focus.
// Disabled bindings are skipped by the help renderer.
func (k KeyMap) listHelp() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.Open, k.Search, k.ClearSearch, k.TopicFilter, k.Bookmark, k.BookmarkedOnly, k.Coverage, k.Related, k.HistoryBack, k.SwitchFocus, k.Help, k.Quit}
}

// readerHelp is the short help shown in the footer while reading.
func (k KeyMap) readerHelp() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.PageDown, k.NextMatch, k.PrevMatch, k.NextTopicPassage, k.Related, k.HistoryBack, k.HistoryFwd, k.Bookmark, k.NextArticle, k.Back, k.Help}
}

// relatedHelp is the short help of the related panel.
func (k KeyMap) relatedHelp() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.JumpRelated, k.CloseRelated}
}

// coverageHelp is the short help of the coverage view.
func (k KeyMap) coverageHelp() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.CellRight, k.CellLeft, k.CellOpen, k.CloseView}
}

// promptHelp is the short help while typing a search.
func (k KeyMap) promptHelp() []key.Binding {
	return []key.Binding{k.PromptAccept, k.PromptCancel, k.PromptDown, k.PromptUp}
}

// fullHelp lists every binding, grouped by where it works, for the help
// overlay. It shows all of them, whatever has focus: it is where keys are
// learnt.
func (k KeyMap) fullHelp() []helpSection {
	return []helpSection{
		{"Move", []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageDown, k.PageUp}},
		{"In the list", []key.Binding{k.Open, k.ClearSearch, k.Quit}},
		{"Reading", []key.Binding{k.Back, k.NextArticle, k.PrevArticle}},
		{"Search", []key.Binding{k.Search, k.PromptAccept, k.PromptCancel, k.PromptDown, k.PromptUp, k.NextMatch, k.PrevMatch}},
		{"Topics", []key.Binding{k.TopicFilter, k.ClearTopic, k.NextTopicPassage, k.PrevTopicPassage, k.Coverage}},
		{"Coverage view", []key.Binding{k.CellLeft, k.CellRight, k.CellOpen, k.CloseView}},
		{"Read and bookmarks", []key.Binding{k.ToggleRead, k.Bookmark, k.BookmarkedOnly}},
		{"Related and history", []key.Binding{k.Related, k.JumpRelated, k.CloseRelated, k.HistoryBack, k.HistoryFwd}},
		{"Anywhere", []key.Binding{k.SwitchFocus, k.Help, k.ForceQuit}},
	}
}

// fullHelpBindings is every binding of the full help, in order.
func (k KeyMap) fullHelpBindings() []key.Binding {
	var all []key.Binding
	for _, s := range k.fullHelp() {
		all = append(all, s.bindings...)
	}
	return all
}
