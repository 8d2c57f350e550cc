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
)

// searchHitJSON is the stable machine form of one search hit.
type searchHitJSON struct {
	ID         int      `json:"id"`
	Slug       string   `json:"slug"`
	Title      string   `json:"title"`
	Source     string   `json:"source,omitempty"`
	URL        string   `json:"url,omitempty"`
	Score      float64  `json:"score"`
	Matches    int      `json:"matches"`
	Passage    int      `json:"passage"` // index of the first matching passage, -1 for title/byline/references
	Snippet    string   `json:"snippet"`
	Highlights [][2]int `json:"highlights"`        // byte offsets of the matches in snippet
	Partial    bool     `json:"partial,omitempty"` // no article has every word: this one has the most
}

// splitQueryArgs separates search's own flags from the query, so a query
// can hold words that start with "-" ("dispatch search ceasefire -russia").
// Everything after "--" is query.
func splitQueryArgs(fs *pflag.FlagSet, args []string) (flags, query []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return flags, append(query, args[i+1:]...)
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if !strings.HasPrefix(a, "--") || f == nil {
			if strings.HasPrefix(a, "-") && len(a) == 2 && fs.ShorthandLookup(a[1:]) != nil {
				flags = append(flags, a)
				continue
			}
			query = append(query, a)
			continue
		}
		flags = append(flags, a)
		if !hasValue && f.Value.Type() != "bool" && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return flags, query
}

func runSearch(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("search", g)
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", defaultSearchLimit, "at most N hits")
	topic := fs.String("topic", "", "only articles on topic T")
	flagArgs, words := splitQueryArgs(fs.FlagSet, args)
	if _, done, err := fs.parse(e, flagArgs); done || err != nil {
		return err
	}
	if *limit < 1 {
		return usagef("--limit must be at least 1, got %d", *limit)
	}
	text := strings.TrimSpace(strings.Join(words, " "))
	if text == "" {
		return usagef("search needs a query")
	}
	lib, err := loadLibrary(e, g)
	if err != nil {
		return err
	}
	ix := lib.Index()
	q := ix.Analyzer().ParseQuery(text)
	switch {
	case q.TooLong:
		return usagef("query too long: at most %d words and %d characters", store.MaxQueryWords, store.MaxQueryBytes)
	case !q.HasTerms() && len(q.Not) > 0:
		return usagef("nothing to search for in %q: -word only excludes; give a word or \"a phrase\" to find", text)
	case !q.HasTerms():
		return usagef("nothing to search for in %q: give a word or \"a phrase\" (list --topic T or --source NAME lists a topic's or a source's articles)", text)
	}
	if fs.Changed("topic") {
		t, err := resolveTopic(lib, *topic)
		if err != nil {
			return err
		}
		q.Topics = append(q.Topics, lib.Topics()[t].Key)
	}
	keep, err := lib.Filter(q)
	if err != nil {
		return usageError{err.Error()}
	}
	res := ix.Search(q, *limit, keep)
	hits := res.Hits
	if *asJSON {
		out := make([]searchHitJSON, 0, len(hits))
		for _, h := range hits {
			a := lib.Article(h.Doc)
			sn := ix.Snippet(a, q, h.Passage, cliSnippetRunes)
			hl := make([][2]int, len(sn.Highlights))
			for i, s := range sn.Highlights {
				hl[i] = [2]int{s.Start, s.End}
			}
			out = append(out, searchHitJSON{
				ID: h.Doc + 1, Slug: a.Slug, Title: a.Title, Source: a.Source, URL: a.URL, Score: math.Round(h.Score*1000) / 1000,
				Matches: h.Matches, Passage: h.Passage, Snippet: sn.Text, Highlights: hl, Partial: res.Partial,
			})
		}
		return writeJSON(e, out)
	}
	if len(hits) == 0 {
		msg := fmt.Sprintf("no matches for %q", q.Raw)
		if s := ix.Suggest(q); s != "" {
			msg += fmt.Sprintf(" — did you mean %q?", s)
		}
		_, err := fmt.Fprintln(e.stdout, msg)
		return err
	}
	open, close := "[[", "]]"
	if colorsOn(e, g) {
		open, close = "\x1b[1m", "\x1b[22m"
	}
	var b strings.Builder
	if res.Partial {
		fmt.Fprintf(&b, "no article has every word of %q; the closest:", q.Raw)
		if s := ix.Suggest(q); s != "" {
			fmt.Fprintf(&b, " (did you mean %q?)", s)
		}
		b.WriteString("\n\n")
	}
	for _, h := range hits {
		a := lib.Article(h.Doc)
		fmt.Fprintf(&b, "%2d  %s  score %.2f  %s\n", h.Doc+1, a.Slug, h.Score, matchesText(h.Matches))
		fmt.Fprintf(&b, "    %s\n", a.Title)
		fmt.Fprintf(&b, "    %s\n\n", ix.Snippet(a, q, h.Passage, cliSnippetRunes).Marked(open, close))
	}
	_, err = fmt.Fprint(e.stdout, strings.TrimSuffix(b.String(), "\n"))
	return err
}

func matchesText(n int) string {
	if n == 1 {
		return "1 match"
	}
	return fmt.Sprintf("%d matches", n)
}
