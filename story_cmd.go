package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"dispatch/store"
	"dispatch/store/story"
)

// storyJSON is the stable machine form of `dispatch story ID --json`: the
// story, its articles, and who says what. Every place is an article's
// number (id), a passage and a byte span of it.
type storyJSON struct {
	ID            int                `json:"id"` // the lead's number
	Headline      string             `json:"headline"`
	Newest        string             `json:"newest"` // RFC 3339
	Articles      []storyArticleJSON `json:"articles"`
	Sources       []storySourceJSON  `json:"sources"`
	Facets        []facetJSON        `json:"facets"`
	Common        []int              `json:"common"`  // facets every source states
	Only          []int              `json:"only"`    // facets one source alone states
	Missing       []gapJSON          `json:"missing"` // a source leaves out what most state
	Disagreements []disagreementJSON `json:"disagreements"`
}

type storyArticleJSON struct {
	ID        int    `json:"id"`
	Slug      string `json:"slug"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Published string `json:"published,omitempty"`
}

type storySourceJSON struct {
	Name   string `json:"name"`
	IDs    []int  `json:"ids"`
	Copies []int  `json:"copies,omitempty"`
}

type facetJSON struct {
	Kind  string     `json:"kind"`
	Label string     `json:"label"`
	Cells []cellJSON `json:"cells"`
}

type cellJSON struct {
	Source int        `json:"source"` // index in sources
	Spans  []spanJSON `json:"spans"`
}

type spanJSON struct {
	ID      int `json:"id"` // the article's number
	Passage int `json:"passage"`
	Start   int `json:"start"` // bytes of the passage's text
	End     int `json:"end"`
}

type gapJSON struct {
	Source int `json:"source"`
	Facet  int `json:"facet"`
}

type disagreementJSON struct {
	Kind  string     `json:"kind"`
	About string     `json:"about"`
	Sides []sideJSON `json:"sides"`
}

type sideJSON struct {
	Value  string      `json:"value"`
	Claims []claimJSON `json:"claims"`
}

type claimJSON struct {
	Source      int      `json:"source"`
	Value       string   `json:"value"`
	Span        spanJSON `json:"span"`
	PassageText string   `json:"passage_text"` // the passage the value is in, verbatim
}

func runStory(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("story", g)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("story takes one article ID or slug")
	}
	return useArticle(e, g, pos[0], func(lib *store.Library, doc int) error {
		info, ok := lib.StoryOf(doc)
		if !ok {
			a := lib.Article(doc)
			return fmt.Errorf("article %d is no story: no other article reports it (dispatch stories lists those that are)", a.Number)
		}
		v, err := lib.CompareStory(info.Docs)
		if err != nil {
			return err
		}
		out := storyOf(lib, info, v)
		if *asJSON {
			return writeJSON(e, out)
		}
		return printStory(e, out)
	})
}

// storyOf is a story in story --json's form.
func storyOf(lib *store.Library, info store.StoryInfo, v story.View) storyJSON {
	out := storyJSON{ID: info.ID, Headline: info.Headline, Newest: info.Newest.Format(time.RFC3339),
		Common: nonNil(v.Common), Only: nonNil(v.Only), Missing: []gapJSON{}, Facets: []facetJSON{}, Disagreements: []disagreementJSON{}}
	for _, d := range info.Docs {
		a := lib.Article(d)
		aj := storyArticleJSON{ID: a.Number, Slug: a.Slug, Title: a.Title, Source: store.SourceName(a)}
		if !a.Published.IsZero() {
			aj.Published = a.Published.Format(time.DateOnly)
		}
		out.Articles = append(out.Articles, aj)
	}
	for _, s := range v.Sources {
		out.Sources = append(out.Sources, storySourceJSON{Name: s.Name, IDs: s.Docs, Copies: s.Copies})
	}
	for _, f := range v.Facets {
		fj := facetJSON{Kind: f.Kind.String(), Label: f.Label}
		for _, c := range f.Cells {
			cj := cellJSON{Source: c.Source}
			for _, sp := range c.Spans {
				cj.Spans = append(cj.Spans, toSpanJSON(sp))
			}
			fj.Cells = append(fj.Cells, cj)
		}
		out.Facets = append(out.Facets, fj)
	}
	for _, m := range v.Missing {
		out.Missing = append(out.Missing, gapJSON(m))
	}
	for _, dis := range v.Disagreements {
		dj := disagreementJSON{Kind: dis.Kind.String(), About: dis.About}
		for _, side := range dis.Sides {
			sj := sideJSON{Value: side.Value}
			for _, c := range side.Claims {
				sj.Claims = append(sj.Claims, claimJSON{Source: c.Source, Value: c.Value, Span: toSpanJSON(c.Span),
					PassageText: passageText(lib, c.Span)})
			}
			dj.Sides = append(dj.Sides, sj)
		}
		out.Disagreements = append(out.Disagreements, dj)
	}
	return out
}

func toSpanJSON(sp story.Span) spanJSON {
	return spanJSON{ID: sp.Doc, Passage: sp.Passage, Start: sp.Start, End: sp.End}
}

func nonNil(xs []int) []int {
	if xs == nil {
		return []int{}
	}
	return xs
}

// passageText is the text of the passage sp is in, "" when it cannot be
// read (its file went away since).
func passageText(lib *store.Library, sp story.Span) string {
	d, ok := lib.DocOf(sp.Doc)
	if !ok {
		return ""
	}
	c, err := lib.Article(d).Content()
	if err != nil || sp.Passage < 0 || sp.Passage >= len(c.Passages) {
		return ""
	}
	return c.Passages[sp.Passage].Text
}

// maxMatrixRows bounds the facets the text matrix shows; --json has them
// all.
const maxMatrixRows = 40

// printStory prints a story for a person: its sources, where they
// disagree (both passages, verbatim), what one alone states, what one
// leaves out, and the matrix of facets by source with where each says it
// (#number¶passage).
func printStory(e env, s storyJSON) error {
	var b strings.Builder
	width := helpColumns
	if e.outIsTTY && e.ttyWidth > 0 {
		width = max(e.ttyWidth, 40)
	}
	fmt.Fprintf(&b, "story %d: %s\n%d sources, %d articles, newest %s\n", s.ID, s.Headline, len(s.Sources), len(s.Articles), s.Newest[:10])
	b.WriteString("\nsources:\n")
	for i, src := range s.Sources {
		fmt.Fprintf(&b, "  %c  %s", column(i), src.Name)
		if ids := numbers(src.IDs); ids != src.Name { // a source without a name is named by its number
			b.WriteString("  " + ids)
		}
		if len(src.Copies) > 0 {
			fmt.Fprintf(&b, " (copies %s)", numbers(src.Copies))
		}
		b.WriteString("\n")
	}
	if len(s.Disagreements) > 0 {
		b.WriteString("\ndisagreements:\n")
	}
	for _, dis := range s.Disagreements {
		fmt.Fprintf(&b, "  %s (%s):\n", dis.About, dis.Kind)
		for _, side := range dis.Sides {
			for _, c := range side.Claims {
				fmt.Fprintf(&b, "    %s says %q, #%d ¶%d:\n", s.Sources[c.Source].Name, c.Value, c.Span.ID, c.Span.Passage)
				for _, line := range wrapWords(c.PassageText, width-8) {
					b.WriteString("        " + line + "\n")
				}
			}
		}
	}
	if len(s.Only) > 0 {
		b.WriteString("\nonly in one source:\n")
	}
	for _, f := range s.Only {
		fc := s.Facets[f]
		if len(fc.Cells) == 0 {
			continue
		}
		c := fc.Cells[0]
		fmt.Fprintf(&b, "  %s: %s %q %s\n", s.Sources[c.Source].Name, fc.Kind, fc.Label, places(c.Spans))
	}
	if len(s.Missing) > 0 {
		b.WriteString("\nleft out (most others state it):\n")
	}
	for _, m := range s.Missing {
		fmt.Fprintf(&b, "  %s: %s %q\n", s.Sources[m.Source].Name, s.Facets[m.Facet].Kind, s.Facets[m.Facet].Label)
	}
	printMatrix(&b, s)
	_, err := fmt.Fprint(e.stdout, b.String())
	return err
}

// printMatrix writes the facets by source: in each source's column, where
// it first states the facet (#number¶passage), or · where it does not.
func printMatrix(b *strings.Builder, s storyJSON) {
	if len(s.Facets) == 0 {
		return
	}
	const kindWidth, labelWidth, cellWidth = 6, 30, 9
	fmt.Fprintf(b, "\nwho says what (%c–%c as above; #article¶passage):\n%-*s", column(0), column(len(s.Sources)-1), 2+kindWidth+1+labelWidth, "")
	for i := range s.Sources {
		fmt.Fprintf(b, " %-*c", cellWidth, column(i))
	}
	b.WriteString("\n")
	for _, f := range s.Facets[:min(len(s.Facets), maxMatrixRows)] {
		cells := make([]string, len(s.Sources))
		for k := range cells {
			cells[k] = "·"
		}
		for _, c := range f.Cells {
			if len(c.Spans) > 0 {
				cells[c.Source] = fmt.Sprintf("#%d¶%d", c.Spans[0].ID, c.Spans[0].Passage)
			}
		}
		fmt.Fprintf(b, "  %-*s %-*s", kindWidth, f.Kind, labelWidth, clip(f.Label, labelWidth))
		for _, c := range cells {
			fmt.Fprintf(b, " %-*s", cellWidth, c)
		}
		b.WriteString("\n")
	}
	if len(s.Facets) > maxMatrixRows {
		fmt.Fprintf(b, "  and %d more (dispatch story %d --json has them all)\n", len(s.Facets)-maxMatrixRows, s.ID)
	}
}

// column names source i in the matrix: A, B, … then a, b, …
func column(i int) rune {
	switch {
	case i < 26:
		return rune('A' + i)
	case i < 52:
		return rune('a' + i - 26)
	}
	return '?'
}

// numbers are article numbers as "#3, #7".
func numbers(ids []int) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("#%d", id)
	}
	return strings.Join(parts, ", ")
}

// places are where spans are, as "(#3 ¶2, #3 ¶5)".
func places(spans []spanJSON) string {
	parts := make([]string, len(spans))
	for i, sp := range spans {
		parts[i] = fmt.Sprintf("#%d ¶%d", sp.ID, sp.Passage)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// errNoStories is what stories says of a library where no two articles
// report the same thing.
var errNoStories = errors.New("no stories: no two articles report the same news")
