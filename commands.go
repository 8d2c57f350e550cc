package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"dispatch/internal/termout"
	"dispatch/store"
	"dispatch/store/state"
)

// Widths accepted by read --width.
const (
	minReadWidth     = 20
	maxReadWidth     = 1000
	defaultReadWidth = 80
)

// runDefault opens the reader when stdout is a terminal, and prints the list
// otherwise (dispatch | less should show something useful).
func runDefault(e env, g *globalFlags, args []string) error {
	pos, done, err := newCommandFlags("dispatch", g).parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unknown command %q", pos[0])
	}
	if m := g.measure; m != 0 && m != -1 && (m < minReadWidth || m > maxReadWidth) {
		return usagef("--measure must be -1 or between %d and %d, got %d", minReadWidth, maxReadWidth, m)
	}
	if !e.outIsTTY {
		lib, err := loadLibrary(e, g)
		if err != nil {
			return err
		}
		return printList(e, g, lib, false)
	}
	return runTUI(e, g)
}

func runList(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("list", g)
	asJSON := fs.Bool("json", false, "print JSON")
	topic := fs.String("topic", "", "only articles on topic T, heaviest first")
	bookmarked := fs.Bool("bookmarked", false, "only bookmarked articles")
	source := fs.String("source", "", "only articles from source NAME (a feed's name; a beginning will do)")
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("list takes no arguments, got %q", pos[0])
	}
	lib, err := loadLibrary(e, g)
	if err != nil {
		return err
	}
	docs := make([]int, lib.Len())
	for i := range docs {
		docs[i] = i
	}
	if fs.Changed("topic") {
		t, err := resolveTopic(lib, *topic)
		if err != nil {
			return err
		}
		docs = lib.Coverage().Articles(t)
	}
	if fs.Changed("source") {
		keep, err := lib.Filter(store.Query{Sources: []string{*source}})
		if err != nil {
			return usageError{err.Error()}
		}
		docs = slices.DeleteFunc(docs, func(d int) bool { return !keep(d) })
	}
	st := readStateForListing(e, g)
	if *bookmarked {
		docs = slices.DeleteFunc(docs, func(d int) bool { return !st.Articles[lib.Article(d).StateKey()].Bookmarked })
	}
	return printArticles(e, lib, docs, st, *asJSON)
}

// readStateForListing reads the saved state without changing it; a damaged
// file is reported on stderr and ignored, as listing does not depend on it.
func readStateForListing(e env, g *globalFlags) state.State {
	st, err := state.Read(statePath(g))
	if err != nil {
		e.say("%s; listing without it", err)
	}
	return st
}

// articleJSON is the stable machine form of an article in `list --json`.
type articleJSON struct {
	ID             int         `json:"id"`
	Slug           string      `json:"slug"`
	Title          string      `json:"title"`
	Dek            string      `json:"dek,omitempty"`
	Byline         string      `json:"byline,omitempty"`
	Source         string      `json:"source,omitempty"`
	URL            string      `json:"url,omitempty"`
	Feed           string      `json:"feed,omitempty"`
	Published      string      `json:"published,omitempty"`
	Words          int         `json:"words"`
	ReadingMinutes int         `json:"reading_minutes"`
	Origin         string      `json:"origin,omitempty"`
	References     []string    `json:"references,omitempty"`
	Topics         []topicJSON `json:"topics"` // carried, heaviest first
	Read           bool        `json:"read"`
	Bookmarked     bool        `json:"bookmarked"`
}

func toJSON(lib *store.Library, d int, st state.State) articleJSON {
	a := lib.Article(d)
	saved := st.Articles[a.StateKey()]
	j := articleJSON{
		ID: d + 1, Slug: a.Slug, Title: a.Title, Dek: a.Dek, Byline: a.Byline, Source: a.Source, URL: a.URL, Feed: a.Feed,
		Words: a.Words, ReadingMinutes: a.ReadingMinutes(), Origin: a.Origin, References: a.References,
		Topics: carriedTopics(lib, d), Read: saved.Read, Bookmarked: saved.Bookmarked,
	}
	if !a.Published.IsZero() {
		j.Published = a.Published.Format("2006-01-02")
	}
	return j
}

// printList prints every article in library order.
func printList(e env, g *globalFlags, lib *store.Library, asJSON bool) error {
	docs := make([]int, lib.Len())
	for i := range docs {
		docs[i] = i
	}
	return printArticles(e, lib, docs, readStateForListing(e, g), asJSON)
}

// Rows of a list: the first listWidthRows set the slug column's width; they
// are written listChunkRows at a time.
const (
	listWidthRows = 1000
	listChunkRows = 256
)

// printArticles prints the articles docs, in that order: id, unread (●) and
// bookmarked (★) marks, slug, date, reading time, title.
func printArticles(e env, lib *store.Library, docs []int, st state.State, asJSON bool) error {
	if asJSON {
		out := make([]articleJSON, 0, len(docs))
		for _, d := range docs {
			out = append(out, toJSON(lib, d, st))
		}
		return writeJSON(e, out)
	}
	// the slug column is as wide as the widest slug of the first rows, so
	// that the first line of a long list comes at once (| head reads it
	// before 100,000 articles are looked at); a longer slug further down
	// pushes its own line
	slugWidth := 0
	for _, d := range docs[:min(len(docs), listWidthRows)] {
		slugWidth = max(slugWidth, len(lib.Article(d).Slug))
	}
	var b strings.Builder
	for i, d := range docs {
		if i > 0 && i%listChunkRows == 0 {
			if _, err := fmt.Fprint(e.stdout, b.String()); err != nil {
				return err
			}
			b.Reset()
		}
		a := lib.Article(d)
		date := "          "
		if !a.Published.IsZero() {
			date = a.Published.Format("2006-01-02")
		}
		saved := st.Articles[a.StateKey()]
		marks := []rune("  ")
		if !saved.Read {
			marks[0] = '●'
		}
		if saved.Bookmarked {
			marks[1] = '★'
		}
		fmt.Fprintf(&b, "%2d %s  %-*s  %s  %2d min  %s\n", d+1, string(marks), slugWidth, a.Slug, date, a.ReadingMinutes(), a.Title)
	}
	_, err := fmt.Fprint(e.stdout, b.String())
	return err
}

// writeJSON prints v as indented JSON, its strings held to the output
// wall's promise even once decoded.
func writeJSON(e env, v any) error {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := e.stdout.WriteString(termout.CleanJSON(b.String()))
	return err
}

func runRead(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("read", g)
	width := fs.Int("width", 0, "wrap at N columns")
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
		w = min(max(e.ttyWidth, minReadWidth), maxReadWidth)
	case w == 0:
		w = defaultReadWidth
	}
	lib, doc, err := loadArticle(e, g, pos[0])
	if err != nil {
		return err
	}
	text, err := newAppearance(e, g).renderer(lib).RenderText(doc, w)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, text)
	return err
}
