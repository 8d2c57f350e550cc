package ui

import (
	"container/list"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/charmbracelet/glamour"
	gansi "github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"dispatch/store"
	"dispatch/store/article"
)

// maxWordCells bounds the longest unbroken word handed to glamour, whose word
// wrap is quadratic in the length of a word.
const maxWordCells = 256

// renderKey identifies one rendering of one article.
type renderKey struct {
	doc   int // the article's doc in the library
	width int
}

// Renderer turns articles into documents with glamour and keeps the recent
// ones. It is safe for concurrent use: render commands run off the UI
// goroutine, and the cache is its own, guarded by a mutex.
type Renderer struct {
	lib         *store.Library // topics for the header; its analyzer indexes words for highlighting
	topicStyle  []lipgloss.Style
	styles      Styles
	glamourCfg  gansi.StyleConfig
	maxBytes    int
	mu          sync.Mutex
	cache       map[renderKey]*list.Element
	lru         *list.List // of *document, most recent first
	cachedBytes int
	renders     int // glamour runs, for tests that assert caching
}

// NewRenderer returns a renderer of the library's articles drawing with the
// given styles and glamour style, caching up to maxBytes of documents.
func NewRenderer(lib *store.Library, styles Styles, glamourStyle gansi.StyleConfig, maxBytes int) *Renderer {
	return &Renderer{
		lib:        lib,
		topicStyle: topicStyles(styles, lib.Topics),
		styles:     styles,
		glamourCfg: glamourStyle,
		maxBytes:   maxBytes,
		cache:      map[renderKey]*list.Element{},
		lru:        list.New(),
	}
}

// ForLibrary returns a renderer like r for another library, with an empty
// cache (article numbers mean other articles there).
func (r *Renderer) ForLibrary(lib *store.Library) *Renderer {
	return NewRenderer(lib, r.styles, r.glamourCfg, r.maxBytes)
}

// Cached returns the document for key if it has been rendered.
func (r *Renderer) Cached(key renderKey) (*document, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	el, ok := r.cache[key]
	if !ok {
		return nil, false
	}
	r.lru.MoveToFront(el)
	return el.Value.(*document), true
}

// Renders reports how many times glamour has run.
func (r *Renderer) Renders() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.renders
}

// Render returns the document for article a at width, from the cache when it
// can. It is slow (milliseconds): call it from a tea.Cmd, never from Update.
func (r *Renderer) Render(doc, width int) (*document, error) {
	key := renderKey{doc: doc, width: width}
	if d, ok := r.Cached(key); ok {
		return d, nil
	}
	d, err := r.build(key)
	if err != nil {
		return nil, err
	}
	r.store(d)
	return d, nil
}

func (r *Renderer) store(doc *document) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.renders++
	if el, ok := r.cache[doc.key]; ok {
		r.lru.MoveToFront(el)
		return
	}
	r.cache[doc.key] = r.lru.PushFront(doc)
	r.cachedBytes += doc.size()
	for r.cachedBytes > r.maxBytes && r.lru.Len() > 1 {
		old := r.lru.Remove(r.lru.Back()).(*document)
		delete(r.cache, old.key)
		r.cachedBytes -= old.size()
	}
}

func (r *Renderer) build(key renderKey) (*document, error) {
	a := r.lib.Article(key.doc)
	width := max(key.width, 1)
	header := r.header(key.doc, width)
	tr, err := glamour.NewTermRenderer(
		glamour.WithStyles(r.glamourCfg),
		glamour.WithWordWrap(width),
		glamour.WithColorProfile(r.styles.Profile),
	)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", a.Slug, err)
	}
	content, err := a.Content()
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if content.Plain {
		return r.buildPlain(key, content), nil
	}
	out, err := tr.Render(protectHyphens(breakLongWords(r.markdown(key.doc, content, width), maxWordCells)))
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", a.Slug, err)
	}
	out = strings.ReplaceAll(out, nonBreakingHyphen, "-")
	doc := &document{key: key, bodyStart: len(header), an: r.lib.Index.Analyzer()}
	doc.lines = append(header, fitLines(strings.TrimLeft(out, "\n"), width)...)
	doc.plain = make([]string, len(doc.lines))
	for i, l := range doc.lines {
		doc.plain[i] = ansi.Strip(l)
	}
	texts := make([]string, len(content.Passages))
	for i, p := range content.Passages {
		texts[i] = p.Text
	}
	doc.passageLines = locatePassages(doc.plain, doc.bodyStart, texts)
	doc.markPassageLines()
	doc.wordIndex()
	return doc, nil
}

// docMargin matches glamour's document margin so the header lines up.
const docMargin = 2

// header draws the title block above the article body: title, dek, byline,
// date and reading time, and a rule.
func (r *Renderer) header(doc, width int) []string {
	a := r.lib.Article(doc)
	s := r.styles
	inner := max(width-docMargin*2, 1)
	pad := strings.Repeat(" ", min(docMargin, width))
	var lines []string
	add := func(block string) {
		for _, l := range strings.Split(block, "\n") {
			lines = append(lines, ansi.Truncate(pad+l, width, ""))
		}
	}
	lines = append(lines, "")
	add(s.DocTitle.Width(inner).Render(a.Title))
	if a.Dek != "" {
		lines = append(lines, "")
		add(s.DocDek.Width(inner).Render(a.Dek))
	}
	lines = append(lines, "")
	add(s.DocMeta.Width(inner).Render(metaLine(a)))
	if topics := r.topicLine(doc); topics != "" {
		add(topics)
	}
	add(s.DocRule.Render(strings.Repeat("─", inner)))
	return append(lines, "")
}

// topicLine lists the topics the article carries, heaviest first, with the
// share of the article on each: "security 25% · reconstruction 18%".
func (r *Renderer) topicLine(doc int) string {
	ts := r.lib.Coverage
	var parts []string
	for _, t := range ts.Carried(doc) {
		label := fmt.Sprintf("%s %d%%", r.lib.Topics[t].Key, int(ts.Weight(doc, t)*100+0.5))
		parts = append(parts, r.topicStyle[t].Render(label))
	}
	return strings.Join(parts, r.styles.DocMeta.Render(" · "))
}

// metaLine is "byline · 23 Nov 2025 · 5 min read", leaving out what is unknown.
func metaLine(a *article.Article) string {
	var parts []string
	if a.Byline != "" {
		parts = append(parts, a.Byline)
	}
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.Format("2 Jan 2006"))
	}
	parts = append(parts, fmt.Sprintf("%d min read", a.ReadingMinutes()))
	return strings.Join(parts, " · ")
}

// maxRelatedInReader is how many related articles end the reader.
const maxRelatedInReader = 5

// markdown is what glamour renders at width: the body (tables too wide
// for it as paragraphs), then the references from front matter, then the
// related articles with the words they share.
func (r *Renderer) markdown(doc int, c *article.Content, width int) string {
	a := r.lib.Article(doc)
	var b strings.Builder
	b.WriteString(narrowTables(c.Body, c.Tables, width-2*docMargin))
	if len(a.References) > 0 {
		b.WriteString("\n\n## References\n\n")
		for _, ref := range a.References {
			b.WriteString("- ")
			b.WriteString(article.EscapeMarkdown(ref))
			b.WriteString("\n")
		}
	}
	if related := r.relatedItems(doc); len(related) > 0 {
		b.WriteString("\n\n## Related\n\n")
		for _, item := range related {
			fmt.Fprintf(&b, "- **%s** — shares: %s\n", article.EscapeMarkdown(item.title), article.EscapeMarkdown(item.shares))
		}
		b.WriteString("\nPress r for related passages; [ goes back.\n")
	}
	return b.String()
}

// relatedLine is an entry of the Related section that ends an article.
type relatedLine struct{ title, shares string }

// relatedItems are the entries of the Related section: each related
// article's title and the words it shares.
func (r *Renderer) relatedItems(doc int) []relatedLine {
	related := r.lib.Related.Articles(doc)
	var out []relatedLine
	for _, ra := range related[:min(len(related), maxRelatedInReader)] {
		out = append(out, relatedLine{r.lib.Article(ra.Doc).Title, strings.Join(ra.SharedTerms, ", ")})
	}
	return out
}

// nonBreakingHyphen stands in for word-internal hyphens while glamour wraps.
const nonBreakingHyphen = "\u2011"

// protectHyphens replaces hyphens between letters or digits ("high-level")
// with non-breaking hyphens. glamour's word wrap (muesli/reflow) breaks lines
// after hyphens but does not count them, so lines with hyphenated words came
// out too long and were wrapped again, leaving one word stranded on a line.
// Render turns them back into hyphens.
func protectHyphens(s string) string {
	if !strings.Contains(s, "-") {
		return s
	}
	rs := []rune(s)
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] == '-' && isAlnum(rs[i-1]) && isAlnum(rs[i+1]) {
			rs[i] = '\u2011'
		}
	}
	return string(rs)
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// breakLongWords inserts a space into every run of more than max non-space
// runes, so no single word can make glamour's wrapping slow.
func breakLongWords(s string, max int) string {
	run := 0
	needs := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' {
			run = 0
			continue
		}
		if run++; run > max {
			needs = true
			break
		}
	}
	if !needs {
		return s
	}
	var b strings.Builder
	run = 0
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' {
			run = 0
		} else if run++; run > max {
			b.WriteByte(' ')
			run = 1
		}
		b.WriteRune(r)
	}
	return b.String()
}

// RenderText renders article a at width for printing: the same document the
// reader shows, as one string. Without colour, trailing padding is trimmed.
func (r *Renderer) RenderText(doc, width int) (string, error) {
	d, err := r.Render(doc, width)
	if err != nil {
		return "", err
	}
	lines := d.lines
	if r.styles.Profile == termenv.Ascii {
		lines = make([]string, len(d.lines))
		for i, l := range d.lines {
			lines[i] = strings.TrimRight(l, " ")
		}
	}
	return strings.Join(lines, "\n"), nil
}
