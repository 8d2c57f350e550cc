package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/spf13/pflag"

	"dispatch/store"
)

// Search output defaults.
const (
	defaultSearchLimit = 10
	cliSnippetRunes    = 160
	hitIndent          = "    " // a hit's title and snippet lines
)

// searchHitJSON is the stable machine form of one search hit.
type searchHitJSON struct {
	ID         int        `json:"id"`
	Slug       string     `json:"slug"`
	Title      string     `json:"title"`
	Source     string     `json:"source,omitempty"`
	URL        string     `json:"url,omitempty"`
	Score      float64    `json:"score"`
	Matches    int        `json:"matches"`
	Passage    int        `json:"passage"` // index of the first matching passage, -1 for title/byline/references
	Snippet    string     `json:"snippet"`
	Highlights [][2]int   `json:"highlights"`        // byte offsets of the matches in snippet
	Partial    bool       `json:"partial,omitempty"` // no article has every word: this one has the most
	Copies     []copyJSON `json:"copies,omitempty"`  // the same item in other feeds, found once
}

// splitQueryArgs separates search's own flags from the query, so a query
// can hold words that start with "-" ("dispatch search ceasefire -russia").
// A word starting "--" is a flag, known or not (an unknown one is an
// error, not a word to look for); everything after "--" is query.
func splitQueryArgs(fs *pflag.FlagSet, args []string) (flags, query []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(query, args[i+1:]...)
		case strings.HasPrefix(a, "--"):
			flags = append(flags, a)
			name, _, hasValue := strings.Cut(a[2:], "=")
			if f := fs.Lookup(name); f != nil && !hasValue && f.Value.Type() != "bool" && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		case len(a) == 2 && a[0] == '-' && fs.ShorthandLookup(a[1:]) != nil:
			flags = append(flags, a)
		default:
			query = append(query, a)
		}
	}
	return flags, query
}

func runSearch(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("search", g)
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", defaultSearchLimit, "at most `N` hits")
	topic := fs.String("topic", "", "only articles on topic `T` (a key, name or number; a beginning will do)")
	flagArgs, words := splitQueryArgs(fs.FlagSet, args)
	if _, done, err := fs.parse(e, flagArgs); done || err != nil {
		return err
	}
	if *limit < 1 {
		return usagef("--limit must be at least 1, got %d", *limit)
	}
	if fs.Changed("topic") && strings.TrimSpace(*topic) == "" {
		return usagef("--topic needs a topic")
	}
	text := strings.TrimSpace(strings.Join(words, " "))
	if text == "" {
		return usagef("search needs a query")
	}
	return useLibrary(e, g, func(lib *store.Library) error {
		q := lib.Index().Analyzer().ParseQuery(text)
		switch {
		case q.Err != nil:
			return usageError{msg: q.Err.Error()}
		case q.TooLong:
			return usagef("query too long: at most %d words and %d characters", store.MaxQueryWords, store.MaxQueryBytes)
		case !q.HasTerms() && q.HasFilters():
			// filters alone: the articles they keep, newest first, as list prints them
			return listArticles(e, g, lib, store.ListRequest{Query: q, Topic: *topic, Limit: *limit}, listOnly{}, *asJSON)
		case !q.HasTerms() && len(q.Not) > 0:
			return usagef("nothing to search for in %q: -word only excludes; give a word or \"a phrase\" to find", text)
		case !q.HasTerms():
			return usagef("nothing to search for in %q: give a word or \"a phrase\" (list --topic T or --source NAME lists a topic's or a source's articles)", text)
		}
		req := listRequest(lib, readStateForListing(e, g), newFeedTags(e, g))
		req.Query, req.Topic, req.Limit = q, *topic, *limit
		res, err := lib.List(req)
		if err != nil {
			return usageError{msg: err.Error()}
		}
		if *asJSON {
			return writeJSON(e, searchJSON(lib, res))
		}
		return printHits(e, g, lib, res)
	})
}

// searchJSON is search --json's array of hits.
func searchJSON(lib *store.Library, res store.ListResult) []searchHitJSON {
	out := make([]searchHitJSON, 0, len(res.Hits))
	for _, h := range res.Hits {
		a := lib.Article(h.Doc)
		sn := lib.Snippet(res.Query, h, cliSnippetRunes)
		hl := make([][2]int, len(sn.Highlights))
		for i, s := range sn.Highlights {
			hl[i] = [2]int{s.Start, s.End}
		}
		out = append(out, searchHitJSON{
			ID: a.Number, Slug: a.Slug, Title: a.Title, Source: a.Source, URL: a.URL, Score: math.Round(h.Score*1000) / 1000,
			Matches: h.Matches, Passage: h.Passage, Snippet: sn.Text, Highlights: hl, Partial: res.Partial,
			Copies: copiesJSON(lib, h.Copies),
		})
	}
	return out
}

// printHits prints the hits: id, slug, score and matches, then the title
// and a snippet with the matches marked ([[ ]], bold on a terminal).
func printHits(e env, g *globalFlags, lib *store.Library, res store.ListResult) error {
	q := res.Query
	if len(res.Hits) == 0 {
		msg := fmt.Sprintf("no matches for %q", q.Raw)
		if res.Suggestion != "" {
			msg += fmt.Sprintf(" — did you mean %q?", res.Suggestion)
		}
		_, err := fmt.Fprintln(e.stdout, e.fit(msg))
		return err
	}
	open, close := "[[", "]]"
	if colorsOn(e, g) {
		open, close = "\x1b[1m", "\x1b[22m"
	}
	runes := cliSnippetRunes
	if e.outIsTTY && e.ttyWidth > 0 {
		// the snippet fits the line, so the match it is centred on shows
		runes = min(runes, max(e.ttyWidth-len(hitIndent), 20))
	}
	var b strings.Builder
	if res.Partial {
		msg := fmt.Sprintf("no article has every word of %q; the closest:", q.Raw)
		if res.Suggestion != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", res.Suggestion)
		}
		b.WriteString(e.fit(msg) + "\n\n")
	}
	for _, h := range res.Hits {
		a := lib.Article(h.Doc)
		b.WriteString(e.fit(fmt.Sprintf("%2d  %s  score %.2f  %s", a.Number, a.Slug, h.Score, matchesText(h.Matches))) + "\n")
		b.WriteString(e.fit(hitIndent+a.Title+copiesText(lib, h.Copies)) + "\n")
		b.WriteString(e.fit(hitIndent+lib.Snippet(q, h, runes).Marked(open, close)) + "\n\n")
	}
	_, err := fmt.Fprint(e.stdout, strings.TrimSuffix(b.String(), "\n"))
	return err
}

func matchesText(n int) string {
	if n == 1 {
		return "1 match"
	}
	return fmt.Sprintf("%d matches", n)
}
