package ui

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"unicode"

	"github.com/charmbracelet/glamour"
	gansi "github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"dispatch/internal/lru"
	"dispatch/store"
	"dispatch/store/article"
)

// documentMargin is the margin glamour's styles keep on each side, and
// nestingRoom what a list item or a quote indents its text by more.
const (
	documentMargin = 2
	nestingRoom    = 4
)

// renderKey identifies one rendering of one article.
type renderKey struct {
	doc   int // the article's doc in the library
	width int
}

// Renderer turns articles into documents with glamour and keeps the recent
// ones. It is safe for concurrent use: render commands run off the UI
// goroutine.
type Renderer struct {
	lib        *store.Library // topics for the header; its analyzer indexes words for highlighting
	topicStyle []lipgloss.Style
	styles     Styles
	glamourCfg gansi.StyleConfig
	cache      *lru.Cache[renderKey, *document] // by bytes
	renders    atomic.Int64                     // glamour runs, for tests that assert caching
}

// NewRenderer returns a renderer of the library's articles drawing with the
// given styles and glamour style, caching up to maxBytes of documents.
func NewRenderer(lib *store.Library, styles Styles, glamourStyle gansi.StyleConfig, maxBytes int) *Renderer {
	return &Renderer{
		lib:        lib,
		topicStyle: topicStyles(styles, lib.Topics()),
		styles:     styles,
		glamourCfg: glamourStyle,
		cache:      lru.New[renderKey, *document](maxBytes, (*document).size),
	}
}

// Cached returns the document for key if it has been rendered.
func (r *Renderer) Cached(key renderKey) (*document, bool) {
	return r.cache.Get(key)
}

// Renders reports how many times glamour has run.
func (r *Renderer) Renders() int {
	return int(r.renders.Load())
}

// Render returns the document for article a at width, from the cache when it
// can. It is slow (milliseconds): call it from a tea.Cmd, never from Update.
func (r *Renderer) Render(doc, width int) (*document, error) {
	key := renderKey{doc: doc, width: width}
	if d, ok := r.Cached(key); ok {
		return d, nil
	}
	d, err := r.build(key, true)
	if err != nil {
		return nil, err
	}
	r.renders.Add(1)
	return r.cache.Add(key, d), nil
}

// build renders an article. For the reader (forReader) it also indexes the
// words of an article of ordinary size, so highlighting a search later
// costs a key nothing; printing it needs no index.
func (r *Renderer) build(key renderKey, forReader bool) (*document, error) {
	a := r.lib.Article(key.doc)
	width := max(key.width, 1)
	content, err := a.Content()
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if content.Plain {
		return r.buildPlain(key, content, forReader), nil
	}
	tr, err := glamour.NewTermRenderer(
		glamour.WithStyles(r.glamourCfg),
		glamour.WithWordWrap(width),
		glamour.WithColorProfile(r.styles.Profile),
	)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", a.Slug, err)
	}
	glam := func(md string) ([]string, error) {
		if md == "" {
			return nil, nil
		}
		out, err := tr.Render(protectHyphens(breakLongWords(md, max(width-2*documentMargin-nestingRoom, 8))))
		if err != nil {
			return nil, fmt.Errorf("render %s: %w", a.Slug, err)
		}
		out = strings.ReplaceAll(out, nonBreakingHyphen, "-")
		return fitLines(strings.Trim(out, "\n"), width), nil
	}
	doc := r.newDocument(key)
	body, err := glam(r.markdown(key.doc, content, width))
	if err != nil {
		return nil, err
	}
	doc.lines = append(doc.lines, body...)
	// the related articles are the reader's own words, not the article's:
	// rendered apart, so search matches and positions leave them out
	doc.chromeFrom = len(doc.lines)
	related, err := glam(r.relatedMarkdown(key.doc))
	if err != nil {
		return nil, err
	}
	if len(related) > 0 {
		doc.lines = append(append(doc.lines, ""), related...)
	}
	doc.finish(content)
	texts := make([]string, len(content.Passages))
	for i, p := range content.Passages {
		texts[i] = p.Text
	}
	doc.passageLines = locatePassages(doc.plain[:doc.chromeFrom], doc.bodyStart, texts)
	doc.markPassageLines()
	if forReader {
		doc.wordIndex()
	}
	return doc, nil
}

// newDocument starts the document of key with the article's header.
func (r *Renderer) newDocument(key renderKey) *document {
	doc := &document{key: key, an: r.lib.Index().Analyzer()}
	doc.lines, doc.chrome = r.header(key.doc, max(key.width, 1))
	doc.bodyStart = len(doc.lines)
	return doc
}

// finish derives what a document needs beyond its styled lines: the plain
// lines, which lines are the reader's own, each passage's words.
func (doc *document) finish(c *article.Content) {
	doc.plain = make([]string, len(doc.lines))
	for i, l := range doc.lines {
		if strings.IndexByte(l, 0x1b) < 0 {
			doc.plain[i] = l // no styling: the same string, not a copy
		} else {
			doc.plain[i] = ansi.Strip(l)
		}
	}
	doc.chrome = slices.Grow(doc.chrome, len(doc.lines)-len(doc.chrome))
	for len(doc.chrome) < len(doc.lines) {
		doc.chrome = append(doc.chrome, false)
	}
	for y := doc.chromeFrom; y < len(doc.chrome); y++ {
		doc.chrome[y] = true
	}
	doc.passageWords = make([]int, len(c.Passages))
	for i, p := range c.Passages {
		doc.passageWords[i] = countFields(p.Text)
	}
}

// countFields is len(strings.Fields(s)) without the slice: a document of
// 700,000 passages made as many.
func countFields(s string) int {
	n, inField := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inField {
			n++
		}
		inField = !space
	}
	return n
}

// RenderText renders article doc at width for printing: the same document
// the reader shows, as one string. Without colour, trailing padding is
// trimmed.
func (r *Renderer) RenderText(doc, width int) (string, error) {
	d, ok := r.Cached(renderKey{doc: doc, width: width})
	if !ok {
		var err error
		if d, err = r.build(renderKey{doc: doc, width: width}, false); err != nil {
			return "", err
		}
	}
	lines := d.lines
	if !r.styles.colour() {
		lines = make([]string, len(d.lines))
		for i, l := range d.lines {
			lines[i] = strings.TrimRight(l, " ")
		}
	}
	return strings.Join(lines, "\n"), nil
}
