package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// KeyMap holds every key binding of the reader. Help text is read from the
// bindings themselves, so the help cannot drift from the keys; each screen
// lists the bindings it acts on (see the help methods below), and the
// bindings decide nothing else.
type KeyMap struct {
	Up, Down, Top, Bottom       key.Binding
	PageDown, PageUp            key.Binding
	HalfDown, HalfUp            key.Binding
	Open, Back                  key.Binding
	SwitchFocus, SwitchBack     key.Binding
	NextArticle, PrevArticle    key.Binding
	NextUnread, PrevUnread      key.Binding
	UnreadOnly, MarkAllRead     key.Binding
	Search, Find                key.Binding
	NextMatch, PrevMatch        key.Binding
	ClearSearch                 key.Binding
	PromptAccept, PromptCancel  key.Binding
	PromptUp, PromptDown        key.Binding
	PromptComplete              key.Binding
	TopicFilter, ClearTopic     key.Binding
	NextTopicPassage            key.Binding
	PrevTopicPassage            key.Binding
	Coverage                    key.Binding
	ToggleRead, Bookmark        key.Binding
	BookmarkedOnly              key.Binding
	Related                     key.Binding
	HistoryBack, HistoryForward key.Binding
	Warnings                    key.Binding
	OpenLink, CopyLink, Links   key.Binding
	LinkNumber                  key.Binding
	FetchFeeds                  key.Binding
	Select, Close               key.Binding
	CellLeft, CellRight         key.Binding
	Help, Suspend               key.Binding
	Quit, ForceQuit             key.Binding
}

// DefaultKeyMap returns the bindings documented in DESIGN.md and the README.
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
		UnreadOnly:  b([]string{"U"}, "U", "unread only"),
		MarkAllRead: b([]string{"A"}, "A", "mark all listed read (A again)"),

		Search:      b([]string{"/"}, "/", "search the library"),
		Find:        b([]string{"/"}, "/", "find in article"),
		NextMatch:   b([]string{"n"}, "n", "next match"),
		PrevMatch:   b([]string{"N"}, "N", "previous match"),
		ClearSearch: b([]string{"esc"}, "esc", "clear search"),

		PromptAccept:   b([]string{"enter"}, "enter", "keep the query"),
		PromptCancel:   b([]string{"esc"}, "esc", "clear"),
		PromptUp:       b([]string{"up", "ctrl+p"}, "↑", "previous result"),
		PromptDown:     b([]string{"down", "ctrl+n"}, "↓", "next result"),
		PromptComplete: b([]string{"tab"}, "tab", "take the suggestion"),

		TopicFilter:      b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-4", "topic filter"),
		ClearTopic:       b([]string{"0"}, "0", "no topic filter"),
		NextTopicPassage: b([]string{"t"}, "t", "next on topic"),
		PrevTopicPassage: b([]string{"T"}, "T", "previous on topic"),
		Coverage:         b([]string{"c"}, "c", "topic coverage"),

		ToggleRead:     b([]string{"m"}, "m", "mark read / unread"),
		Bookmark:       b([]string{"s"}, "s", "bookmark"),
		BookmarkedOnly: b([]string{"S"}, "S", "bookmarked only"),

		Related:        b([]string{"r"}, "r", "related"),
		HistoryBack:    b([]string{"[", "ctrl+o", "backspace"}, "[/ctrl+o/bksp", "back"),
		HistoryForward: b([]string{"]"}, "]", "forward"),
		Warnings:       b([]string{"w"}, "w", "warnings"),

		OpenLink:   b([]string{"o"}, "o", "open in the browser"),
		CopyLink:   b([]string{"y"}, "y", "copy the link"),
		Links:      b([]string{"L"}, "L", "the article's links"),
		LinkNumber: b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", "go to link N"),
		FetchFeeds: b([]string{"R"}, "R", "fetch feeds"),

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

// moved is where a movement key takes a position among n lines of which
// page are shown: one down or up, half a page (the page keys too: panels
// are short), the top or the bottom; ok is false for any other key. The
// panels (help, warnings, links) share it; the caller clamps.
func (k KeyMap) moved(msg tea.KeyMsg, at, page, n int) (to int, ok bool) {
	switch {
	case key.Matches(msg, k.Down):
		return at + 1, true
	case key.Matches(msg, k.Up):
		return at - 1, true
	case key.Matches(msg, k.PageDown), key.Matches(msg, k.HalfDown):
		return at + max(page/2, 1), true
	case key.Matches(msg, k.PageUp), key.Matches(msg, k.HalfUp):
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

// helpSection is one titled group of the full help.
type helpSection struct {
	title    string
	bindings []key.Binding
}

// The short help of each screen: what the footer shows, most useful
// first; help itself is always shown (see footer).
func (k KeyMap) listHelp() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.Open, k.Search, k.TopicFilter, k.Bookmark, k.Related, k.Coverage, k.Warnings, k.Quit}
}

func (k KeyMap) readerHelp() []key.Binding {
	return []key.Binding{k.Back, k.PageDown, k.NextMatch, k.NextTopicPassage, k.Related, k.HistoryBack, k.Bookmark, k.NextArticle, k.Find}
}

func (k KeyMap) promptHelp() []key.Binding {
	return []key.Binding{k.PromptAccept, k.PromptCancel, k.PromptDown, k.PromptUp, k.PromptComplete}
}

// Panels and overlays offer how to leave and how to act first: on a narrow
// footer those are the hints that must stay.
func (k KeyMap) panelHelp() []key.Binding {
	return []key.Binding{k.Close, k.Select, k.Down, k.Up}
}

func (k KeyMap) linksHelp() []key.Binding {
	open := k.Select
	open.SetHelp(k.Select.Help().Key, "open")
	return []key.Binding{k.Close, open, k.CopyLink, k.LinkNumber, k.Down, k.Up}
}

func (k KeyMap) coverageHelp() []key.Binding {
	return []key.Binding{k.Close, k.Select, k.Down, k.Up, k.CellRight, k.CellLeft}
}

func (k KeyMap) overlayHelp() []key.Binding { return []key.Binding{k.Close, k.Down, k.Up} }

// fullHelp lists every binding, grouped by where it works, for the help
// overlay: all of them whatever the screen, as it is where keys are learnt.
func (k KeyMap) fullHelp() []helpSection {
	quit := k.Quit // the footer shows it in the list only; the help, anywhere
	quit.SetHelp(k.Quit.Help().Key, k.Quit.Help().Desc+" (from the list)")
	return []helpSection{
		{"Move", []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp}},
		{"Articles", []key.Binding{k.Open, k.Back, quit, k.SwitchFocus, k.SwitchBack, k.NextArticle, k.PrevArticle, k.NextUnread, k.PrevUnread}},
		{"Search", []key.Binding{k.Search, k.Find, k.NextMatch, k.PrevMatch, k.ClearSearch, k.PromptAccept, k.PromptCancel, k.PromptComplete, k.PromptDown, k.PromptUp}},
		{"Topics", []key.Binding{k.TopicFilter, k.ClearTopic, k.NextTopicPassage, k.PrevTopicPassage, k.Coverage}},
		{"Read and bookmarks", []key.Binding{k.ToggleRead, k.UnreadOnly, k.MarkAllRead, k.Bookmark, k.BookmarkedOnly}},
		// 1-9 in the links panel is in that panel's footer
		{"Related, history, links, feeds", []key.Binding{k.Related, k.HistoryBack, k.HistoryForward, k.OpenLink, k.CopyLink, k.Links, k.FetchFeeds}},
		{"Panels", []key.Binding{k.Select, k.Close, k.CellLeft, k.CellRight, k.Warnings}},
		{"Anywhere", []key.Binding{k.Help, k.Suspend, k.ForceQuit}},
	}
}
