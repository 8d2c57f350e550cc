// Package store loads, indexes and searches articles. It knows nothing about
// terminals: it takes an fs.FS and returns plain values and errors.
package store

import (
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

	Body     string    // markdown body without front matter
	Text     string    // plain text: passages joined by blank lines
	Passages []Passage // headings, paragraphs, list items, quotes in reading order
	Words    int

	Path string // file the article was read from, for messages
	Hash string // of the file's content, so an edited article is a new one
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
)

func (k PassageKind) String() string {
	switch k {
	case Heading:
		return "heading"
	case ListItem:
		return "list item"
	case Quote:
		return "quote"
	default:
		return "paragraph"
	}
}

// Passage is the unit topics, search hits and related passages point at.
type Passage struct {
	Kind   PassageKind
	Level  int    // heading level, 0 for other kinds
	Text   string // plain text, one line
	Offset int    // byte offset of Text within Article.Text
}
