// Package store loads, indexes and searches articles. It knows nothing about
// terminals: it takes an fs.FS and returns plain values and errors.
package store

import (
	"container/list"
	"sync"
	"time"
)

// wordsPerMinute is a typical adult reading speed for news prose.
const wordsPerMinute = 230

// Article is one loaded, sanitized article.
type Article struct {
	ID         int       // position in the library, starting at 1
	Slug       string    // unique, derived from the title
	Title      string    // one line
	Dek        string    // one-line summary, may be empty
	Byline     string    // author, may be empty
	Source     string    // publication or link, may be empty
	Published  time.Time // zero when unknown
	Origin     string    // where the text came from (seed file name)
	References []string
	Topics     []string // topic keys named in front matter, overriding computed ones

	Words        int
	PassageCount int // passages of its content

	Path string // file the article was read from, for messages
	Hash string // of the file's content, so an edited article is a new one

	text textSource // its Content: kept, or read again when asked for
}

// Content is an article's text: what the reader renders and search shows.
// A large library does not keep it in memory but reads it again from the
// article's file when asked.
type Content struct {
	Body     string    // markdown body without front matter
	Plain    bool      // too large to render with formatting: show the passages as they are
	Tables   []Table   // the body's top-level tables
	Text     string    // plain text: passages joined by blank lines
	Passages []Passage // headings, paragraphs, list items, quotes in reading order
}

// Content returns the article's text, from memory or read from its file
// again. It fails only when the file cannot be read any more.
func (a *Article) Content() (*Content, error) {
	if a.text.resident != nil {
		return a.text.resident, nil
	}
	if a.text.reload == nil {
		return &Content{}, nil
	}
	return a.text.reload()
}

// MustContent is Content for articles known to be kept in memory (the
// embedded ones, a library being built); others yield empty content.
func (a *Article) MustContent() *Content {
	c, err := a.Content()
	if err != nil {
		return &Content{}
	}
	return c
}

// textSource is where an article's content is: in memory, or in a file to
// read again through a shared cache.
type textSource struct {
	resident *Content
	reload   func() (*Content, error)
}

// contentCache keeps the contents read again most recently.
type contentCache struct {
	mu    sync.Mutex
	max   int
	items map[string]*list.Element
	order *list.List // of cachedContent, most recent first
}

type cachedContent struct {
	key string
	c   *Content
}

func newContentCache(max int) *contentCache {
	return &contentCache{max: max, items: map[string]*list.Element{}, order: list.New()}
}

func (cc *contentCache) get(key string) (*Content, bool) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if el, ok := cc.items[key]; ok {
		cc.order.MoveToFront(el)
		return el.Value.(cachedContent).c, true
	}
	return nil, false
}

func (cc *contentCache) put(key string, c *Content) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if _, ok := cc.items[key]; ok {
		return
	}
	cc.items[key] = cc.order.PushFront(cachedContent{key, c})
	for cc.order.Len() > cc.max {
		old := cc.order.Remove(cc.order.Back()).(cachedContent)
		delete(cc.items, old.key)
	}
}

// StateKey identifies the article in saved state: its slug and content, so
// another article taking the slug, or this one edited, is not confused with
// it.
func (a *Article) StateKey() string { return a.Slug + "@" + a.Hash }

// ReadingMinutes estimates the time to read the article, at least one minute.
func (a *Article) ReadingMinutes() int {
	return max(1, (a.Words+wordsPerMinute-1)/wordsPerMinute)
}

// PassageKind says what kind of markdown block a passage came from.
type PassageKind int

// Passage kinds.
const (
	Paragraph PassageKind = iota
	Heading
	ListItem
	Quote
	TableRow
)

func (k PassageKind) String() string {
	switch k {
	case Heading:
		return "heading"
	case ListItem:
		return "list item"
	case Quote:
		return "quote"
	case TableRow:
		return "table row"
	default:
		return "paragraph"
	}
}

// Passage is the unit topics, search hits and related passages point at.
type Passage struct {
	Kind   PassageKind
	Level  int    // heading level, 0 for other kinds
	Text   string // plain text, one line
	Offset int    // byte offset of Text within Content.Text
}
