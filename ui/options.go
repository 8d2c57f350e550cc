package ui

import (
	"dispatch/store"
	"dispatch/store/state"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Options are the model's dependencies, built by main.
type Options struct {
	Library  *store.Library // nil: it comes later, by LibraryLoadedMsg
	State    *state.File    // read marks, bookmarks, positions, history
	Styles   Styles
	Renderer *Renderer
	KeyMap   KeyMap
	Warnings []string // what went wrong before the reader started, such as the state file's

	// Measure is the widest the reader sets text: DefaultMeasure when 0,
	// no limit when negative.
	Measure int
	// ResizeSettle and PreviewSettle override the debounce delays (tests set
	// them tiny); zero means the defaults.
	ResizeSettle  time.Duration
	PreviewSettle time.Duration
	// FlashFor overrides how long a passage a jump landed on stays marked;
	// negative keeps it until the next jump (tests).
	FlashFor time.Duration
	// MaxResults overrides how many search results the list holds.
	MaxResults int

	// OpenURL returns the command that opens a web address in the browser,
	// or ok false when there is none (the footer then shows the address).
	// nil: no browser.
	OpenURL func(url string) (cmd tea.Cmd, ok bool)
	// Clipboard puts text on the terminal's clipboard. nil: none.
	Clipboard func(text string) error
	// Feeds fetches, adds and removes feeds (R, the sources panel); its
	// nil functions are off.
	Feeds Feeds
	// Refresh is how often the reader fetches the feeds on its own, 0 for
	// never; FetchAtStart fetches once the library is there.
	Refresh      time.Duration
	FetchAtStart bool
	// Terminal is what draws the frames, when it owns the terminal's modes
	// itself (main's screen): the reader gives them back before it
	// suspends and takes them again on resuming. nil: bubbletea's renderer
	// has them.
	Terminal Terminal
	// SaveSearch keeps a search (SaveSearchMsg). nil: saving is off.
	SaveSearch SaveSearchFunc
	// Searches are the saved searches, for SearchCounts.
	Searches []store.SavedSearch
	// Tags are article doc's tags, for a search's tag: (a feed's item
	// carries its subscription's). nil: no article has any.
	Tags func(lib *store.Library, doc int) []string
	// Now is the clock a search's dates are read against (since:7d).
	// nil: the time now.
	Now func() time.Time
}

// Terminal gives the terminal's modes back to the shell and takes them
// again.
type Terminal interface {
	Release()
	Restore()
}
