// Package article is the one place untrusted bytes enter dispatch: it
// lists a user's folders, reads and parses article files (markdown with
// optional front matter, or plain text structured like the seeds), cleans
// everything that could act on a terminal or stall the reader, and returns
// Articles: plain values with their text and passages. It knows nothing of
// the index, search or topics.
//
// An Article is a value: once loaded it is not changed (but for letting
// its content go, ReleaseContent, and reading it again, which is safe for
// concurrent use).
package article

import (
	"time"
)

// wordsPerMinute is a typical adult reading speed for news prose.
const wordsPerMinute = 230

// Article is one loaded, sanitized article.
type Article struct {
	Slug       string    // derived from the title when first seen, unique, never moved (see store/ident)
	Title      string    // one line
	Dek        string    // one-line summary, may be empty
	Byline     string    // author, may be empty
	Source     string    // publication or link, may be empty
	Published  time.Time // zero when unknown
	Origin     string    // where the text came from (seed file name)
	URL        string    // the article's web address (http or https only), may be empty
	Feed       string    // the feed it was fetched from, may be empty
	GUID       string    // the feed's identity for it, may be empty
	References []string
	Topics     []string // topic keys named in front matter, overriding computed ones

	Words        int
	PassageCount int // passages of its content

	// Number is the article's identity to people and scripts: given when
	// the library first sees it and kept for good (see store/ident); 0
	// until the library has numbered it.
	Number int
	// Seen is when the library first saw the article, to the second: its
	// date where it has no Published one.
	Seen time.Time

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
	Links    []Link    // the text's web links in reading order, each address once
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

// Resident reports whether the article's content is in memory, and how
// many bytes of text it holds.
func (a *Article) Resident() (bool, int) {
	if c := a.text.resident; c != nil {
		return true, len(c.Body) + len(c.Text)
	}
	return false, 0
}

// ReleaseContent lets the article's content go when it can be read again
// from its file; the embedded articles keep theirs. A library of 100,000
// articles holds gigabytes of text it need not keep.
func (a *Article) ReleaseContent() {
	if a.text.reload != nil {
		a.text.resident = nil
	}
}

// ShareText makes a read its text where b does: a built-in article saved
// in an index gets the text of the one parsed from the binary.
func (a *Article) ShareText(b *Article) { a.text = b.text }

// textSource is where an article's content is: in memory, or in a file to
// read again through a shared cache.
type textSource struct {
	resident *Content
	reload   func() (*Content, error)
}

// StateKey identifies the article in saved state. A feed's item is named by
// its file, which the feeds keep for it whatever the feed does (its name
// holds a hash of the item's guid, else its link; the feed's folder stays
// when the feed is renamed or moves), so the marks and the place kept in it
// survive the feed rewording it. Any other article is named by its slug and
// content, so another article taking the slug, or this one edited, is not
// confused with it.
func (a *Article) StateKey() string {
	if a.Feed != "" {
		return ItemStateKey(a.Path)
	}
	return a.Slug + "@" + a.Hash
}

// ItemStateKey is the StateKey of the feed item listed at path (its
// source's label, then its file below the feeds folder): for those who
// look items up in the saved state without reading them.
func ItemStateKey(path string) string { return "item:" + path }

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
