package ui

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"dispatch/store"
	"dispatch/store/state"
)

// common is what every component of the reader shares: the library and
// how to draw it, the key map, the saved state, and the topic filter that
// colours the list and the reader alike. Components also send their
// requests to the root through it (see send).
type common struct {
	lib        *store.Library
	renderer   *Renderer
	styles     Styles
	keys       KeyMap
	state      *state.File
	topic      int              // the active topic filter, or noTopic
	topicStyle []lipgloss.Style // by topic
	measure    int              // the widest the reader sets text; 0 for no limit

	previewSettle time.Duration
	flashFor      time.Duration
	maxResults    int

	tags func(lib *store.Library, doc int) []string // for tag:, nil for none
	now  func() time.Time                           // for since:7d, nil for the time now

	searches []store.SavedSearch // the saved searches, for SearchCounts

	outbox []tea.Msg
	fresh  struct { // the last newCount, and what it holds for
		key newCountKey
		n   int
		// the state keys of the library's new articles (keys[i] of
		// lib.NewDocs()[i]), each decoded once a library
		lib  *store.Library
		keys []string
	}
}

// send asks the root for something: a component posts a message (open an
// article, go back to the list, say something in the footer) and the root
// handles it before the next event, so keys that arrive together are
// handled in order, each on the screen the one before it left.
func (c *common) send(msg tea.Msg) { c.outbox = append(c.outbox, msg) }

// say puts a one-line notice in the footer.
func (c *common) say(text string) { c.send(statusMsg{text}) }

// setLibrary makes lib, drawn by r, the library everything shows.
func (c *common) setLibrary(lib *store.Library, r *Renderer) {
	c.lib, c.renderer = lib, r
	if slices.Equal(c.keys.TopicFilter.Keys(), DefaultKeyMap().TopicFilter.Keys()) { // remapped keys are their own label
		c.keys.TopicFilter.SetHelp(fmt.Sprintf("1-%d", len(lib.Topics())), c.keys.TopicFilter.Help().Desc)
	}
	c.topicStyle = topicStyles(c.styles, lib.Topics())
	if c.topic >= len(lib.Topics()) {
		c.topic = noTopic
	}
}

// stateKey is the saved-state key of article doc.
func (c *common) stateKey(doc int) string { return c.lib.Article(doc).StateKey() }

// setRead marks article doc read or unread, and its copies with it: the
// same report carried by another feed is one report, read once.
func (c *common) setRead(doc int, read bool) {
	c.state.SetRead(c.stateKey(doc), read)
	for _, d := range c.lib.CopiesOf(doc) {
		c.state.SetRead(c.stateKey(d), read)
	}
}

// saved is what the reading state remembers of article doc.
func (c *common) saved(doc int) state.ArticleState { return c.state.Article(c.stateKey(doc)) }

// unread reports whether article doc is unread.
func (c *common) unread(doc int) bool { return !c.saved(doc).Read }

// isNew reports whether the last fetch brought article doc and it is
// still unread: what the list marks new and * goes to.
func (c *common) isNew(doc int) bool { return c.lib.IsNew(doc) && c.unread(doc) }

// newCount is how many of the reports the last fetch brought are unread
// (copies of one counted once), counted again only when the library or
// the reading state changed: a first fetch of many feeds brings tens of
// thousands, the header asks every frame, and a mark changes the state.
func (c *common) newCount() int {
	k := newCountKey{c.lib, c.state.Version()}
	if c.fresh.key == k {
		return c.fresh.n
	}
	docs := c.lib.NewDocs()
	if c.fresh.lib != c.lib {
		c.fresh.lib, c.fresh.keys = c.lib, make([]string, len(docs))
		for i, d := range docs {
			c.fresh.keys[i] = c.stateKey(int(d))
		}
	}
	unread := func(i int) bool { return !c.state.Article(c.fresh.keys[i]).Read }
	n := 0
	for i, d := range docs {
		// copies are one report, counted at the first of them new
		if unread(i) && !slices.ContainsFunc(c.lib.CopiesOf(int(d)), func(o int) bool {
			j, ok := slices.BinarySearch(docs, int32(o))
			return ok && o < int(d) && unread(j)
		}) {
			n++
		}
	}
	c.fresh.key, c.fresh.n = k, n
	return n
}

// newCountKey is what a new count holds for.
type newCountKey struct {
	lib     *store.Library
	version uint64
}

// numberWidth is the width of the widest article number.
func (c *common) numberWidth() int { return len(strconv.Itoa(max(c.lib.MaxNumber(), 1))) }

// topicName is the name of the active topic filter.
func (c *common) topicName() string { return c.lib.Topics()[c.topic].Name }

// Requests components send to the root.
type (
	// openMsg opens article doc in the reader, a jump the history records.
	openMsg struct {
		doc    int
		land   landing
		anchor int  // the passage for landPassage
		flash  bool // mark the passage landed on for a moment
	}
	// previewMsg tells that the list's cursor moved: the reader beside it
	// follows while the list has the keys.
	previewMsg struct{}
	// focusListMsg gives the keys back to the list.
	focusListMsg struct{}
	// stepMsg opens the article delta places from the one being read, in
	// list order; say is what the footer tells when it does.
	stepMsg struct {
		delta int
		land  landing
		say   string
	}
	// statusMsg is a one-line notice for the footer.
	statusMsg struct{ text string }
	// queryMsg is the library search as typed so far.
	queryMsg struct {
		text   string
		typing bool // the last word may be unfinished
	}
	// closeMsg closes a panel, the help or a prompt.
	closeMsg struct{}
	// listChangedMsg tells that the list's articles changed (a filter, a
	// search, a mark): the header's counts and the footer follow.
	listChangedMsg struct{}
)

// listRequest is a listing request with what the reader knows that store
// does not, for a query's operators: the reading state (is:unread,
// is:starred; is:new is not known yet), the articles' tags and the clock.
func (c *common) listRequest() store.ListRequest {
	lib, st := c.lib, c.state
	req := store.ListRequest{Marks: store.MarkFuncs{
		IsRead:    func(doc int) bool { return st.Article(lib.Article(doc).StateKey()).Read },
		IsStarred: func(doc int) bool { return st.Article(lib.Article(doc).StateKey()).Bookmarked },
	}}
	if c.tags != nil {
		tags := c.tags
		req.Tags = func(doc int) []string { return tags(lib, doc) }
	}
	if c.now != nil {
		req.Now = c.now()
	}
	return req
}

// clock is the time now, as the reader reads dates against it.
func (c *common) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}
