package main

import (
	"cmp"
	"fmt"
	"strings"

	"dispatch/store"
	"dispatch/ui"
)

// readJSON is the stable machine form of `dispatch read ID --json`.
type readJSON struct {
	ID         int         `json:"id"`
	Slug       string      `json:"slug"`
	Title      string      `json:"title"`
	Dek        string      `json:"dek,omitempty"`
	Byline     string      `json:"byline,omitempty"`
	Source     string      `json:"source,omitempty"`
	URL        string      `json:"url,omitempty"`
	Published  string      `json:"published,omitempty"`
	Topics     []topicJSON `json:"topics"`     // carried, heaviest first
	Text       string      `json:"text"`       // plain text, passages between blank lines
	Passages   []string    `json:"passages"`   // numbered as search --json's passage
	References []string    `json:"references"` // as the front matter gives them
}

func runRead(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("read", g)
	width := fs.Int("width", 0, fmt.Sprintf("wrap at `N` columns, %d to %d (default: the terminal's width up to the reader's measure, else %d)", minReadWidth, maxReadWidth, defaultReadWidth))
	asJSON := fs.Bool("json", false, "print JSON: title, byline, source, url, published, topics, text, passages")
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("read takes one article ID or slug")
	}
	w := *width
	switch {
	case fs.Changed("width") && (w < minReadWidth || w > maxReadWidth):
		return usagef("--width must be between %d and %d, got %d", minReadWidth, maxReadWidth, w)
	case w == 0 && e.outIsTTY && e.ttyWidth > 0:
		// as the reader sets it: no wider than the measure
		w = min(max(e.ttyWidth, minReadWidth), maxReadWidth)
		if g.measure != -1 {
			w = min(w, cmp.Or(g.measure, ui.DefaultMeasure))
		}
	case w == 0:
		w = defaultReadWidth
	}
	return useArticle(e, g, pos[0], func(lib *store.Library, doc int) error {
		if *asJSON {
			out, err := readOf(lib, doc)
			if err != nil {
				return err
			}
			return writeJSON(e, out)
		}
		text, err := newAppearance(e, g, true).renderer(lib).RenderText(doc, w)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(e.stdout, withoutKeyHints(text))
		return err
	})
}

// readOf is article doc in read --json's form.
func readOf(lib *store.Library, doc int) (readJSON, error) {
	a := lib.Article(doc)
	c, err := a.Content()
	if err != nil {
		return readJSON{}, err
	}
	out := readJSON{ID: a.Number, Slug: a.Slug, Title: a.Title, Dek: a.Dek, Byline: a.Byline, Source: a.Source, URL: a.URL,
		Topics: carriedTopics(lib, doc), Text: c.Text, Passages: make([]string, len(c.Passages)), References: a.References}
	if !a.Published.IsZero() {
		out.Published = a.Published.Format("2006-01-02")
	}
	for i, p := range c.Passages {
		out.Passages[i] = p.Text
	}
	if out.References == nil {
		out.References = []string{}
	}
	return out, nil
}

// readerKeyHint begins the line the reader's rendering of an article ends
// with, which names its keys: `read` has none.
const readerKeyHint = "Press r for related passages"

// withoutKeyHints is a rendered article without the reader's key hints.
func withoutKeyHints(text string) string {
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		if !strings.HasPrefix(strings.TrimSpace(l), readerKeyHint) {
			out = append(out, l)
		}
	}
	// the blank line before a hint ended the text
	for len(out) > 0 && strings.TrimSpace(out[len(out)-1]) == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}
