package main

import (
	"fmt"
	"math"
	"strings"

	"dispatch/store"
)

// topicJSON is a topic an article carries, with the share of it on the topic.
type topicJSON struct {
	Key    string  `json:"key"`
	Weight float64 `json:"weight"`
}

// carriedTopics lists the topics article d carries, heaviest first.
func carriedTopics(lib *store.Library, d int) []topicJSON {
	out := []topicJSON{}
	for _, t := range lib.Coverage().Carried(d) {
		out = append(out, topicJSON{Key: lib.Topics()[t].Key, Weight: round3(lib.Coverage().Weight(d, t))})
	}
	return out
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// coverageJSON is the stable machine form of `dispatch topics --json`.
type coverageJSON struct {
	Topics   []coverageTopicJSON   `json:"topics"`
	Articles []coverageArticleJSON `json:"articles"`
}

type coverageTopicJSON struct {
	Key      string `json:"key"`
	Name     string `json:"name"`
	Color    string `json:"color"`
	Articles int    `json:"articles"` // how many articles carry it
}

type coverageArticleJSON struct {
	ID      int                `json:"id"`
	Slug    string             `json:"slug"`
	Title   string             `json:"title"`
	Weights map[string]float64 `json:"weights"` // share of the article on each topic
	Topics  []string           `json:"topics"`  // the topics it carries, heaviest first
}

func runTopics(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("topics", g)
	asJSON := fs.Bool("json", false, "print JSON")
	passages := fs.Bool("passages", false, "every passage on a topic, with its scores (of one article when an ID or slug follows)")
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	switch {
	case *passages && len(pos) > 1:
		return usagef("topics --passages takes at most one article ID or slug, got %q", strings.Join(pos, " "))
	case *passages:
		ref := ""
		if len(pos) == 1 {
			ref = pos[0]
		}
		return runTopicPassages(e, g, ref, *asJSON)
	case len(pos) > 0:
		return usagef("topics takes no arguments, got %q (--passages ID lists one article's passages)", pos[0])
	}
	return useLibrary(e, g, func(lib *store.Library) error { return printCoverage(e, lib, *asJSON) })
}

// printCoverage prints the coverage matrix: each article's share on each
// topic, * where it carries the topic.
func printCoverage(e env, lib *store.Library, asJSON bool) error {
	ts := lib.Coverage()
	topics := lib.Topics()
	if asJSON {
		out := coverageJSON{}
		for i, t := range topics {
			out.Topics = append(out.Topics, coverageTopicJSON{Key: t.Key, Name: t.Name, Color: t.Color, Articles: len(ts.Articles(i))})
		}
		for d := range lib.Len() {
			a := lib.Article(d)
			aj := coverageArticleJSON{ID: a.Number, Slug: a.Slug, Title: a.Title, Weights: map[string]float64{}, Topics: []string{}}
			for i, t := range topics {
				aj.Weights[t.Key] = round3(ts.Weight(d, i))
			}
			for _, i := range ts.Carried(d) {
				aj.Topics = append(aj.Topics, topics[i].Key)
			}
			out.Articles = append(out.Articles, aj)
		}
		return writeJSON(e, out)
	}
	slugWidth := len("article")
	for d := range lib.Len() {
		slugWidth = max(slugWidth, len(lib.Article(d).Slug))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%2s  %-*s", "", slugWidth, "article")
	for _, t := range topics {
		fmt.Fprintf(&b, "  %*s", colWidth(t), t.Key)
	}
	b.WriteString("\n")
	for d := range lib.Len() {
		fmt.Fprintf(&b, "%2d  %-*s", lib.Article(d).Number, slugWidth, lib.Article(d).Slug)
		for i, t := range topics {
			mark := " "
			if ts.Carries(d, i) {
				mark = "*"
			}
			fmt.Fprintf(&b, "  %*s", colWidth(t), fmt.Sprintf("%d%%%s", int(math.Round(ts.Weight(d, i)*100)), mark))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%2s  %-*s", "", slugWidth, "articles on topic")
	for i, t := range topics {
		fmt.Fprintf(&b, "  %*d ", colWidth(t)-1, len(ts.Articles(i)))
	}
	b.WriteString("\n\n% is the share of the article on the topic; * marks the topics it carries.\n")
	_, err := fmt.Fprint(e.stdout, b.String())
	return err
}

func colWidth(t store.Topic) int { return max(len(t.Key), 5) }
