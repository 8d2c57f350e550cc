package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"dispatch/store"
)

// maxPassagePairs is how many passage pairs `dispatch related` shows.
const maxPassagePairs = 5

// relatedJSON is the stable machine form of `dispatch related ID --json`.
type relatedJSON struct {
	ID       int                  `json:"id"`
	Slug     string               `json:"slug"`
	Title    string               `json:"title"`
	Related  []relatedArticleJSON `json:"related"`
	Passages []passagePairJSON    `json:"passages"`
}

type relatedArticleJSON struct {
	ID           int      `json:"id"`
	Slug         string   `json:"slug"`
	Title        string   `json:"title"`
	Score        float64  `json:"score"`
	SharedTerms  []string `json:"shared_terms"`
	SharedTopics []string `json:"shared_topics"`
}

// passagePairJSON is a passage of the article and a like passage elsewhere.
type passagePairJSON struct {
	Score       float64  `json:"score"`
	Passage     int      `json:"passage"`
	Text        string   `json:"text"`
	OtherID     int      `json:"other_id"`
	OtherSlug   string   `json:"other_slug"`
	OtherPass   int      `json:"other_passage"`
	OtherText   string   `json:"other_text"`
	SharedTerms []string `json:"shared_terms"`
}

func runRelated(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("related", g)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("related takes one article ID or slug")
	}
	return useArticle(e, g, pos[0], func(lib *store.Library, doc int) error {
		out, err := relatedOf(lib, doc)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(e, out)
		}
		return printRelated(e, out)
	})
}

// printRelated prints an article's related articles and passage pairs.
func printRelated(e env, out relatedJSON) error {
	var b strings.Builder
	fmt.Fprintf(&b, "related to %d  %s\n", out.ID, out.Title)
	if len(out.Related) == 0 {
		b.WriteString("  no article shares enough with it\n")
	}
	for _, r := range out.Related {
		fmt.Fprintf(&b, "%2d  %s  score %.2f\n    shares: %s", r.ID, r.Slug, r.Score, strings.Join(r.SharedTerms, ", "))
		if len(r.SharedTopics) > 0 {
			fmt.Fprintf(&b, "  topics: %s", strings.Join(r.SharedTopics, ", "))
		}
		b.WriteString("\n")
	}
	if len(out.Passages) > 0 {
		b.WriteString("\nclosest passages:\n")
	}
	for _, p := range out.Passages {
		fmt.Fprintf(&b, "  %.2f  %d ¶%d  %s\n        %d ¶%d  %s  (%s)\n", p.Score, out.ID, p.Passage, clip(p.Text, 70),
			p.OtherID, p.OtherPass, clip(p.OtherText, 70), strings.Join(p.SharedTerms, ", "))
	}
	_, err := fmt.Fprint(e.stdout, b.String())
	return err
}

func relatedOf(lib *store.Library, d int) (relatedJSON, error) {
	a := lib.Article(d)
	out := relatedJSON{ID: a.Number, Slug: a.Slug, Title: a.Title, Related: []relatedArticleJSON{}, Passages: []passagePairJSON{}}
	if err := lib.Related().Err(); err != nil {
		return out, err
	}
	for _, ra := range lib.Related().Articles(d) {
		o := lib.Article(ra.Doc)
		topics := []string{}
		for _, t := range ra.SharedTopics {
			topics = append(topics, lib.Topics()[t].Key)
		}
		out.Related = append(out.Related, relatedArticleJSON{ID: o.Number, Slug: o.Slug, Title: o.Title,
			Score: round3(ra.Score), SharedTerms: ra.SharedTerms, SharedTopics: topics})
	}
	c, err := a.Content()
	if err != nil {
		return out, err
	}
	for p, pass := range c.Passages {
		for _, rp := range lib.Related().Passages(d, p) {
			o := lib.Article(rp.Doc)
			oc, err := o.Content()
			if err != nil || rp.Passage >= len(oc.Passages) {
				continue // read since indexing and gone: nothing to show
			}
			out.Passages = append(out.Passages, passagePairJSON{Score: round3(rp.Score), Passage: p, Text: pass.Text,
				OtherID: o.Number, OtherSlug: o.Slug, OtherPass: rp.Passage, OtherText: oc.Passages[rp.Passage].Text, SharedTerms: rp.SharedTerms})
		}
	}
	slices.SortStableFunc(out.Passages, func(x, y passagePairJSON) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(x.Passage, y.Passage))
	})
	out.Passages = out.Passages[:min(len(out.Passages), maxPassagePairs)]
	return out, nil
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
