package main

import (
	"fmt"
	"math"
	"strings"

	"dispatch/store"
)

// passageTopicsJSON is one article's passages on topics, for `dispatch
// topics --passages --json`: what the reader's topic marks and t/T use.
type passageTopicsJSON struct {
	ID       int                 `json:"id"`
	Slug     string              `json:"slug"`
	Title    string              `json:"title"`
	Passages []passageScoresJSON `json:"passages"`
}

type passageScoresJSON struct {
	Passage int                `json:"passage"` // index in the article, as search --json gives it
	Text    string             `json:"text"`
	Scores  map[string]float64 `json:"scores"` // every topic the passage scores on
	Topics  []string           `json:"topics"` // the topics it is on (score at least the threshold)
}

// passageTopics lists the passages of article d that are on a topic, with
// their scores on every topic they score on.
func passageTopics(lib *store.Library, d int) (passageTopicsJSON, error) {
	a := lib.Article(d)
	out := passageTopicsJSON{ID: a.Number, Slug: a.Slug, Title: a.Title, Passages: []passageScoresJSON{}}
	c, err := a.Content()
	if err != nil {
		return out, err
	}
	for p, pass := range c.Passages {
		pj := passageScoresJSON{Passage: p, Text: pass.Text, Scores: map[string]float64{}, Topics: []string{}}
		for t, topic := range lib.Topics() {
			if s := lib.Coverage().PassageScore(d, p, t); s > 0 {
				pj.Scores[topic.Key] = math.Round(s*100) / 100
			}
			if lib.Coverage().OnTopic(d, p, t) {
				pj.Topics = append(pj.Topics, topic.Key)
			}
		}
		if len(pj.Topics) > 0 {
			out.Passages = append(out.Passages, pj)
		}
	}
	return out, nil
}

// runTopicPassages prints the passages on topics of one article, or of
// every article when ref is "".
func runTopicPassages(e env, g *globalFlags, ref string, asJSON bool) error {
	if ref != "" {
		return useArticle(e, g, ref, func(lib *store.Library, doc int) error {
			return printTopicPassages(e, lib, []int{doc}, true, asJSON)
		})
	}
	return useLibrary(e, g, func(lib *store.Library) error {
		docs := make([]int, lib.Len())
		for d := range docs {
			docs[d] = d
		}
		return printTopicPassages(e, lib, docs, false, asJSON)
	})
}

// printTopicPassages prints the passages on topics of the articles docs;
// one names a single article, printed as an object in JSON.
func printTopicPassages(e env, lib *store.Library, docs []int, one, asJSON bool) error {
	var all []passageTopicsJSON
	for _, d := range docs {
		pt, err := passageTopics(lib, d)
		if err != nil {
			return err
		}
		all = append(all, pt)
	}
	if asJSON {
		if one {
			return writeJSON(e, all[0])
		}
		if all == nil {
			all = []passageTopicsJSON{}
		}
		return writeJSON(e, all)
	}
	var b strings.Builder
	for i, pt := range all {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%d  %s\n", pt.ID, pt.Title)
		if len(pt.Passages) == 0 {
			b.WriteString("    no passage is on a topic\n")
		}
		for _, p := range pt.Passages {
			var scores []string
			for _, topic := range lib.Topics() {
				s, ok := p.Scores[topic.Key]
				if !ok {
					continue
				}
				mark := ""
				if s >= store.PassageMinScore {
					mark = "*"
				}
				scores = append(scores, fmt.Sprintf("%s %.1f%s", topic.Key, s, mark))
			}
			fmt.Fprintf(&b, "  ¶%-3d %s\n        %s\n", p.Passage, strings.Join(scores, "  "), clip(p.Text, 72))
		}
	}
	fmt.Fprintf(&b, "\n* marks a passage on the topic (score %.1f or more).\n", store.PassageMinScore)
	_, err := fmt.Fprint(e.stdout, b.String())
	return err
}
