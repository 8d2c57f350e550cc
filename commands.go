package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"dispatch/internal/termout"
	"dispatch/store"
	"dispatch/store/state"
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
	if !e.outIsTTY {
		return useLibrary(e, g, func(lib *store.Library) error {
			return listArticles(e, g, lib, store.ListRequest{}, listOnly{}, false)
		})
	}
	return runTUI(e, g)
}

func runList(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("list", g)
	asJSON := fs.Bool("json", false, "print JSON")
	topic := fs.String("topic", "", "only articles on topic `T` (a key, name or number; a beginning will do), heaviest first")
	bookmarked := fs.Bool("bookmarked", false, "only bookmarked articles")
	unread := fs.Bool("unread", false, "only unread articles")
	fresh := fs.Bool("new", false, "only what the last fetch brought, unread")
	source := fs.String("source", "", "only articles from source `NAME` (a feed's name, or a file's source:; a beginning will do)")
	search := fs.String("search", "", "the articles the saved search `NAME` finds (see dispatch searches)")
	order := fs.String("sort", "", "the order, `ORDER`: newest (or date, the default), oldest, title, source or score (heaviest first on a topic)")
	copies := fs.Bool("copies", false, "list every copy of an item (the same item in several feeds) on its own line")
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("list takes no arguments, got %q", pos[0])
	}
	if fs.Changed("topic") && strings.TrimSpace(*topic) == "" {
		return usagef("--topic needs a topic")
	}
	sort, err := store.ParseSort(*order)
	if err != nil {
		return usagef("--sort: %v", err)
	}
	req := store.ListRequest{Topic: *topic, Sort: sort, Copies: *copies}
	var saved store.SavedSearch
	if fs.Changed("search") {
		if saved, err = findSearch(g, *search); err != nil {
			return err
		}
	}
	only := listOnly{bookmarked: *bookmarked, unread: *unread, fresh: *fresh}
	return useLibrary(e, g, func(lib *store.Library) error {
		req.Query = lib.Index().Analyzer().ParseQuery(saved.Query)
		if fs.Changed("source") {
			req.Query.Sources = append(req.Query.Sources, *source)
		}
		return listArticles(e, g, lib, req, only, *asJSON)
	})
}

// listOnly are list's filters on the reading state.
type listOnly struct {
	bookmarked, unread, fresh bool
}

// listArticles prints what req lists, only those only keeps; the query's
// operators read the saved reading state and the feeds' tags.
func listArticles(e env, g *globalFlags, lib *store.Library, req store.ListRequest, only listOnly, asJSON bool) error {
	st := readStateForListing(e, g)
	base := listRequest(lib, st, newFeedTags(e, g))
	req.Marks, req.Tags = base.Marks, base.Tags
	read := func(d int) bool { return st.Articles[lib.Article(d).StateKey()].Read }
	if only.bookmarked {
		req.Keep = append(req.Keep, func(d int) bool { return st.Articles[lib.Article(d).StateKey()].Bookmarked })
	}
	if only.unread {
		req.Keep = append(req.Keep, func(d int) bool { return !read(d) })
	}
	if only.fresh {
		// new until read: a read article is not new
		req.Keep = append(req.Keep, func(d int) bool { return lib.IsNew(d) && !read(d) })
	}
	res, err := lib.List(req)
	if err != nil {
		return usageError{msg: err.Error()}
	}
	if len(res.Hits) == 0 && !asJSON && (e.outIsTTY || e.errIsTTY) {
		// nothing on stdout, which is the answer; a person is told why
		e.say("%s", emptyListText(req, only, lib.Len()))
	}
	return printArticles(e, lib, res.Hits, st, asJSON)
}

// emptyListText says why a list has nothing in it.
func emptyListText(req store.ListRequest, only listOnly, articles int) string {
	switch {
	case articles == 0:
		return "no articles: the library is empty (--no-builtin, with no --dir, DISPATCH_DIR or fetched feeds)"
	case only.bookmarked:
		return "no bookmarked articles" + listFilterText(req) + ": s in the reader bookmarks one"
	case only.fresh:
		return "nothing new" + listFilterText(req) + ": the last fetch brought nothing you have not read (dispatch fetch brings more)"
	case only.unread:
		return "nothing unread" + listFilterText(req)
	}
	return "no articles" + listFilterText(req)
}

// listFilterText names the filters of req, for messages.
func listFilterText(req store.ListRequest) string {
	var s string
	if req.Topic != "" {
		s += fmt.Sprintf(" on topic %q", req.Topic)
	}
	if raw := req.Query.Raw; raw != "" {
		s += fmt.Sprintf(" for %q", raw)
	}
	for _, src := range req.Query.Sources {
		s += fmt.Sprintf(" from %q", src)
	}
	return s
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
	Seen           string      `json:"seen"`   // when dispatch first saw it, RFC 3339
	Read           bool        `json:"read"`
	Bookmarked     bool        `json:"bookmarked"`
	New            bool        `json:"new"`              // brought by the last fetch, unread
	Copies         []copyJSON  `json:"copies,omitempty"` // the same item in other feeds, folded into this one
}

// copyJSON is another copy of an article: its number and its source.
type copyJSON struct {
	ID     int    `json:"id"`
	Source string `json:"source"`
}

func toJSON(lib *store.Library, h store.Hit, st state.State) articleJSON {
	d := h.Doc
	a := lib.Article(d)
	saved := st.Articles[a.StateKey()]
	j := articleJSON{
		ID: a.Number, Slug: a.Slug, Title: a.Title, Dek: a.Dek, Byline: a.Byline, Source: a.Source, URL: a.URL, Feed: a.Feed,
		Words: a.Words, ReadingMinutes: a.ReadingMinutes(), Origin: a.Origin, References: a.References,
		Topics: carriedTopics(lib, d), Read: saved.Read, Bookmarked: saved.Bookmarked, New: lib.IsNew(d) && !saved.Read,
		Copies: copiesJSON(lib, h.Copies),
	}
	if !a.Published.IsZero() {
		j.Published = a.Published.Format("2006-01-02")
	}
	if !a.Seen.IsZero() {
		j.Seen = a.Seen.UTC().Format(time.RFC3339)
	}
	return j
}

// copiesJSON are the copies docs, by number and source.
func copiesJSON(lib *store.Library, docs []int) []copyJSON {
	var out []copyJSON
	for _, d := range docs {
		a := lib.Article(d)
		out = append(out, copyJSON{ID: a.Number, Source: store.SourceName(a)})
	}
	return out
}

// copiesText names a hit's copies after its title: "  (also: Harbour
// Post #12, Lakeside Gazette #31)"; "" without copies.
func copiesText(lib *store.Library, docs []int) string {
	if len(docs) == 0 {
		return ""
	}
	names := make([]string, len(docs))
	for i, c := range copiesJSON(lib, docs) {
		names[i] = fmt.Sprintf("%s #%d", c.Source, c.ID)
	}
	return "  (also: " + strings.Join(names, ", ") + ")"
}

// Rows of a list: the first listWidthRows set the slug column's width; they
// are written listChunkRows at a time.
const (
	listWidthRows = 1000
	listChunkRows = 256
)

// printArticles prints the hits' articles, in that order: number, unread
// (●, or ✦ for what the last fetch brought) and bookmarked (★) marks,
// slug, date, reading time, title and the copies folded into it. On a
// terminal, a line is cut to its width.
func printArticles(e env, lib *store.Library, hits []store.Hit, st state.State, asJSON bool) error {
	if asJSON {
		return writeJSONArray(e, len(hits), func(i int) any { return toJSON(lib, hits[i], st) })
	}
	// the slug column is as wide as the widest slug of the first rows, so
	// that the first line of a long list comes at once (| head reads it
	// before 100,000 articles are looked at); a longer slug further down
	// pushes its own line
	slugWidth := 0
	for _, h := range hits[:min(len(hits), listWidthRows)] {
		slugWidth = max(slugWidth, len(lib.Article(h.Doc).Slug))
	}
	var b strings.Builder
	for i, h := range hits {
		if i > 0 && i%listChunkRows == 0 {
			if _, err := fmt.Fprint(e.stdout, b.String()); err != nil {
				return err
			}
			b.Reset()
		}
		a := lib.Article(h.Doc)
		date := "          "
		if !a.Published.IsZero() {
			date = a.Published.Format("2006-01-02")
		}
		saved := st.Articles[a.StateKey()]
		marks := []rune("  ")
		switch {
		case !saved.Read && lib.IsNew(h.Doc):
			marks[0] = '✦'
		case !saved.Read:
			marks[0] = '●'
		}
		if saved.Bookmarked {
			marks[1] = '★'
		}
		b.WriteString(e.fit(fmt.Sprintf("%2d %s  %-*s  %s  %2d min  %s%s", a.Number, string(marks), slugWidth, a.Slug, date, a.ReadingMinutes(), a.Title, copiesText(lib, h.Copies))))
		b.WriteString("\n")
	}
	_, err := fmt.Fprint(e.stdout, b.String())
	return err
}

// fit cuts a line to the terminal's width, so that a long one does not
// wrap to column 0 under the next; output that is not to a terminal is
// left whole.
func (e env) fit(line string) string {
	if !e.outIsTTY || e.ttyWidth <= 0 {
		return line
	}
	return ansi.Truncate(line, e.ttyWidth, "…")
}

// writeJSON prints v as indented JSON, its strings held to the output
// wall's promise even once decoded.
// writeJSONArray writes the array of n elements elem gives as writeJSON
// would write it whole, listChunkRows elements at a time: a list of
// 100,000 articles held every element and the whole text at once (571 MB).
func writeJSONArray(e env, n int, elem func(i int) any) error {
	if n == 0 {
		return writeJSON(e, []any{})
	}
	var b strings.Builder
	var one bytes.Buffer // an element, its newline cut
	enc := json.NewEncoder(&one)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	b.WriteString("[\n")
	for i := range n {
		one.Reset()
		if err := enc.Encode(elem(i)); err != nil {
			return err
		}
		b.WriteString("  ")
		b.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
		if i < n-1 {
			b.WriteString(",\n")
		} else {
			b.WriteString("\n]\n")
		}
		if i%listChunkRows == listChunkRows-1 || i == n-1 {
			if _, err := e.stdout.WriteString(termout.CleanJSON(b.String())); err != nil {
				return err
			}
			b.Reset()
		}
	}
	return nil
}

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
