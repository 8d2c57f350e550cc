package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// KeyMap holds every key binding of the reader. Help text is read from the
// bindings themselves, so the help cannot drift from the keys: each panel
// lists the bindings it acts on (its ShortHelp for the footer, its FullHelp
// for the help), and the bindings decide nothing else.
type KeyMap struct {
	Up, Down, Top, Bottom        key.Binding
	PageDown, PageUp             key.Binding
	HalfDown, HalfUp             key.Binding
	Open, Back                   key.Binding
	SwitchFocus, SwitchBack      key.Binding
	NextArticle, PrevArticle     key.Binding
	NextUnread, PrevUnread       key.Binding
	NextNew, StoryList           key.Binding
	UnreadOnly, MarkAllRead      key.Binding
	Order                        key.Binding
	Search, Find                 key.Binding
	NextMatch, PrevMatch         key.Binding
	ClearSearch                  key.Binding
	PromptAccept, PromptCancel   key.Binding
	PromptUp, PromptDown         key.Binding
	PromptComplete, SaveSearch   key.Binding
	TopicFilter, ClearTopic      key.Binding
	NextTopicPassage             key.Binding
	PrevTopicPassage             key.Binding
	Coverage                     key.Binding
	ToggleRead, Bookmark         key.Binding
	BookmarkedOnly               key.Binding
	Related                      key.Binding
	Story                        key.Binding
	HistoryBack, HistoryForward  key.Binding
	Warnings, Dismiss            key.Binding
	OpenLink, CopyLink, Links    key.Binding
	LinkNumber                   key.Binding
	FetchFeeds                   key.Binding
	Sources, AddFeed, RemoveFeed key.Binding
	Select, Close                key.Binding
	CellLeft, CellRight          key.Binding
	Help, Suspend                key.Binding
	Quit, ForceQuit              key.Binding
}

// DefaultKeyMap returns the bindings the README documents; the
// configuration's keys: remaps them (Remap).
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:       b([]string{"k", "up"}, "↑/k", "up"),
		Down:     b([]string{"j", "down"}, "↓/j", "down"),
		Top:      b([]string{"g", "home"}, "g/home", "top"),
		Bottom:   b([]string{"G", "end"}, "G/end", "bottom"),
		PageDown: b([]string{" ", "pgdown", "ctrl+f", "ctrl+d"}, "space/pgdn/ctrl+f/ctrl+d", "page down"),
		PageUp:   b([]string{"b", "pgup", "ctrl+b", "ctrl+u"}, "b/pgup/ctrl+b/ctrl+u", "page up"),
		HalfDown: b([]string{"d"}, "d", "half page down"),
		HalfUp:   b([]string{"u"}, "u", "half page up"),

		Open:        b([]string{"enter", "l", "right"}, "enter/l/→", "open"),
		Back:        b([]string{"esc", "h", "left", "q"}, "esc/h/←/q", "list"),
		SwitchFocus: b([]string{"tab"}, "tab", "list ↔ reader"),
		SwitchBack:  b([]string{"shift+tab"}, "shift+tab", "list ↔ reader; one pane: back"),
		NextArticle: b([]string{"J"}, "J", "next article"),
		PrevArticle: b([]string{"K"}, "K", "previous article"),
		NextUnread:  b([]string{"."}, ".", "next unread"),
		PrevUnread:  b([]string{","}, ",", "previous unread"),
		NextNew:     b([]string{"*"}, "*", "next new (from the last fetch)"),
		StoryList:   b([]string{"V"}, "V", "list by story; again: flat"),
		UnreadOnly:  b([]string{"U"}, "U", "unread only"),
		MarkAllRead: b([]string{"A"}, "A", "mark all listed read (A again)"),
		Order:       b([]string{"O"}, "O", "order: newest, oldest, title, source"),

		Search:      b([]string{"/"}, "/", "search the library"),
		Find:        b([]string{"/"}, "/", "find in article"),
		NextMatch:   b([]string{"n"}, "n", "next match"),
		PrevMatch:   b([]string{"N"}, "N", "previous match"),
		ClearSearch: b([]string{"esc"}, "esc", "clear the applied search"),

		PromptAccept:   b([]string{"enter"}, "enter", "keep the query"),
		PromptCancel:   b([]string{"esc"}, "esc", "cancel, query cleared"),
		PromptUp:       b([]string{"up", "ctrl+p"}, "↑", "previous result"),
		PromptDown:     b([]string{"down", "ctrl+n"}, "↓", "next result"),
		PromptComplete: b([]string{"tab"}, "tab", "take the suggestion"),
		SaveSearch:     b([]string{"ctrl+s"}, "ctrl+s", "save the search under a name"),

		TopicFilter:      b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-4", "topic filter"),
		ClearTopic:       b([]string{"0"}, "0", "no topic filter"),
		NextTopicPassage: b([]string{"t"}, "t", "next on topic"),
		PrevTopicPassage: b([]string{"T"}, "T", "previous on topic"),
		Coverage:         b([]string{"c"}, "c", "topic coverage"),

		ToggleRead:     b([]string{"m"}, "m", "mark read / unread"),
		Bookmark:       b([]string{"s"}, "s", "bookmark"),
		BookmarkedOnly: b([]string{"S"}, "S", "bookmarked only"),

		Related:        b([]string{"r"}, "r", "related"),
		Story:          b([]string{"v"}, "v", "story: who says what"),
		HistoryBack:    b([]string{"[", "ctrl+o", "backspace"}, "[/ctrl+o/bksp", "back"),
		HistoryForward: b([]string{"]"}, "]", "forward"),
		Warnings:       b([]string{"w"}, "w", "warnings"),
		Dismiss:        b([]string{"x"}, "x", "dismiss repairs and messages (in warnings)"),

		OpenLink:   b([]string{"o"}, "o", "open in the browser"),
		CopyLink:   b([]string{"y"}, "y", "copy the link"),
		Links:      b([]string{"L"}, "L", "the article's links"),
		LinkNumber: b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", "go to link N"),
		FetchFeeds: b([]string{"R"}, "R", "fetch feeds"),
		Sources:    b([]string{"F"}, "F", "sources: feeds, folders, saved searches"),
		AddFeed:    b([]string{"a"}, "a", "add a feed (in sources)"),
		RemoveFeed: b([]string{"x"}, "x", "remove a feed (in sources)"),

		Select:    b([]string{"enter"}, "enter", "go there"),
		Close:     b([]string{"esc", "q"}, "esc/q", "close"),
		CellLeft:  b([]string{"h", "left"}, "←/h", "previous topic"),
		CellRight: b([]string{"l", "right"}, "→/l", "next topic"),

		Help:      b([]string{"?", "f1"}, "?/F1", "help"),
		Suspend:   b([]string{"ctrl+z"}, "ctrl+z", "suspend"),
		Quit:      b([]string{"q"}, "q", "quit"),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "quit from anywhere"),
	}
}

// moved is where a movement key takes a position among n of which page
// are shown: one down or up, a page (less and vim's full page for the page
// keys), half a page, the top or the bottom (n); ok is false for any other
// key. Every scrolling screen — the list, the reader, the panels, the help —
// moves by it, so a key moves as far everywhere; the caller clamps.
func (k KeyMap) moved(msg tea.KeyMsg, at, page, n int) (to int, ok bool) {
	page = max(page, 1)
	switch {
	case key.Matches(msg, k.Down):
		return at + 1, true
	case key.Matches(msg, k.Up):
		return at - 1, true
	case key.Matches(msg, k.PageDown):
		return at + page, true
	case key.Matches(msg, k.PageUp):
		return at - page, true
	case key.Matches(msg, k.HalfDown):
		return at + max(page/2, 1), true
	case key.Matches(msg, k.HalfUp):
		return at - max(page/2, 1), true
	case key.Matches(msg, k.Top):
		return 0, true
	case key.Matches(msg, k.Bottom):
		return n, true
	}
	return at, false
}

// wheelStep is how far a wheel notch moves: one line down or up, 0 for any
// other mouse event.
func wheelStep(msg tea.MouseMsg) int {
	switch msg.Button {
	case tea.MouseButtonWheelDown:
		return 1
	case tea.MouseButtonWheelUp:
		return -1
	}
	return 0
}

// enabled is b shown in the footer only when on: it does something now.
func enabled(b key.Binding, on bool) key.Binding {
	b.SetEnabled(on)
	return b
}

// relabel is b with another description, for a screen where it means
// something more particular ("open" for select in the links panel).
func relabel(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// helpSection is one titled group of the full help.
type helpSection struct {
	title    string
	bindings []key.Binding
}

// The help's sections, in the order it shows them. Each panel files its
// keys under these titles (FullHelp); the help merges what they give.
const (
	helpMove      = "Move"
	helpArticles  = "Articles"
	helpSearch    = "Search"
	helpTopics    = "Topics"
	helpMarks     = "Read and bookmarks"
	helpElsewhere = "Related, history, links, feeds"
	helpPanels    = "Panels"
	helpAnywhere  = "Anywhere"
)

// moveHelp is the movement keys every scrolling screen takes.
func (k KeyMap) moveHelp() helpSection {
	return helpSection{helpMove, []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp}}
}

// globalHelp is the keys the root handles on the list and the reader
// alike, and those that work anywhere.
func (k KeyMap) globalHelp() []helpSection {
	return []helpSection{
		{helpArticles, []key.Binding{k.SwitchFocus, k.SwitchBack, k.Order, k.StoryList, k.NextUnread, k.PrevUnread, k.NextNew}},
		{helpTopics, []key.Binding{k.TopicFilter, k.ClearTopic, k.Coverage}},
		{helpMarks, []key.Binding{k.ToggleRead, k.UnreadOnly, k.MarkAllRead, k.Bookmark, k.BookmarkedOnly}},
		{helpElsewhere, []key.Binding{k.Related, k.Story, k.HistoryBack, k.HistoryForward, k.OpenLink, k.CopyLink, k.Links, k.FetchFeeds, k.Sources}},
		{helpPanels, []key.Binding{k.Warnings}},
		{helpAnywhere, []key.Binding{k.Help, k.Suspend, k.ForceQuit}},
	}
}

// mergeHelp merges sections by title into the help's order, each binding
// once.
func mergeHelp(parts ...[]helpSection) []helpSection {
	byTitle := map[string][]key.Binding{}
	for _, secs := range parts {
		for _, sec := range secs {
			for _, b := range sec.bindings {
				if !slices.ContainsFunc(byTitle[sec.title], func(o key.Binding) bool { return sameBinding(o, b) }) {
					byTitle[sec.title] = append(byTitle[sec.title], b)
				}
			}
		}
	}
	var out []helpSection
	for _, t := range []string{helpMove, helpArticles, helpSearch, helpTopics, helpMarks, helpElsewhere, helpPanels, helpAnywhere} {
		if bs := byTitle[t]; len(bs) > 0 {
			out = append(out, helpSection{t, bs})
		}
	}
	return out
}

// sameBinding reports whether two bindings are one: the same keys for the
// same thing (search and find share "/", and both are listed).
func sameBinding(a, b key.Binding) bool {
	return slices.Equal(a.Keys(), b.Keys()) && a.Help().Desc == b.Help().Desc
}
