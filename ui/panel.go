package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// panel is what every screen of the reader is: the list, the reader, the
// prompts, the help and the panels over the list. A panel owns its state
// and draws itself into the size it is given; it asks the root for
// anything beyond itself by message (common.send).
type panel interface {
	// Update handles a key while the panel has the keys.
	Update(msg tea.KeyMsg) tea.Cmd
	// Mouse handles a press in the panel, y rows below its top.
	Mouse(msg tea.MouseMsg, y int) tea.Cmd
	// View draws the panel in exactly its size.
	View() string
	// SetSize gives the panel its size.
	SetSize(width, height int)
	// ShortHelp is the footer's hints: the keys of this screen, those
	// that do nothing now disabled (key.Binding.SetEnabled).
	ShortHelp() []key.Binding
	// FullHelp is the keys the panel acts on, grouped for the help.
	FullHelp() []helpSection
	// Status is the footer's note on where one is: "3/5", "42%".
	Status() string
}

// opener is a panel that opens on the article keys act on and the passage
// at the top of the reader; an error says in the footer why it cannot.
type opener interface {
	Open(doc, passage int) (tea.Cmd, error)
}

// screenKind is how a screen uses the body of the screen.
type screenKind int

const (
	// panes: the list beside the reader (one of them on a narrow screen);
	// the screen's panel has the keys.
	panes screenKind = iota
	// overlay: the panel draws the whole body, over the panes.
	overlay
)

// pane is one of the two panes of the panes screens.
type pane int

const (
	paneList pane = iota
	paneReader
)

// screen is one row of the table of screens: the panel of a mode and how
// the root treats it. Everything the root does by mode — drawing the body,
// the footer, keys, the mouse, resizing, opening — is a lookup here.
type screen struct {
	name  string // as messages name it: "the list"; "" for the loading screen
	panel panel
	kind  screenKind
	// focus is the pane drawn as having the keys (panes screens).
	focus pane
	// prompt marks a prompt: its keys are text, so the keys the list and
	// the reader share do not apply; ? still opens the help.
	prompt bool
	// opens is the key that opens the screen over the panes, nil for
	// screens that are not opened by a key.
	opens *key.Binding
	// waits names what waits for the index ("topic coverage"): the screen
	// does not open while the library is provisional. "" for none.
	waits string
}

// screens builds the table of screens. Adding a panel is a file with its
// component and one line here (plus its mode constant and its key in the
// KeyMap).
func (m *Model) screens() [modeCount]screen {
	k := &m.c.keys
	return [modeCount]screen{
		modeLoading:  {panel: m.loading, kind: overlay},
		modeList:     {name: "the list", panel: m.list, kind: panes, focus: paneList},
		modeReader:   {name: "the reader", panel: m.reader, kind: panes, focus: paneReader},
		modeSearch:   {name: "the search prompt", panel: m.search, kind: panes, focus: paneList, prompt: true},
		modeFind:     {name: "the find prompt", panel: m.find, kind: panes, focus: paneReader, prompt: true},
		modeHelp:     {name: "the help", panel: m.help, kind: overlay, opens: &k.Help},
		modeCoverage: {name: "the coverage matrix", panel: m.coverage, kind: overlay, opens: &k.Coverage, waits: "topic coverage"},
		modeRelated:  {name: "the related panel", panel: m.related, kind: overlay, opens: &k.Related, waits: "related articles"},
		modeWarnings: {name: "the warnings", panel: m.warnings, kind: overlay, opens: &k.Warnings},
		modeLinks:    {name: "the links panel", panel: m.links, kind: overlay, opens: &k.Links},
		modeStory:    {name: "the story view", panel: m.story, kind: overlay, opens: &k.Story, waits: "the story view"},
		modeSources:  {name: "the sources", panel: m.sources, kind: overlay, opens: &k.Sources, waits: "the sources"},
	}
}

// screen is the row of the table for the mode shown.
func (m *Model) screen() screen { return m.table[m.mode] }

// reading reports whether the reader has the keys (or a prompt over it).
func (s screen) reading() bool { return s.kind == panes && s.focus == paneReader }

// listing reports whether the list has the keys (or a prompt over it).
func (s screen) listing() bool { return s.kind == panes && s.focus == paneList }
