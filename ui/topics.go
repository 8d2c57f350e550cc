package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"dispatch/store"
)

// noTopic is the topic filter when none is active.
const noTopic = -1

// topicStyles colours each topic of the model.
func topicStyles(s Styles, tm store.Topics) []lipgloss.Style {
	out := make([]lipgloss.Style, len(tm))
	for i, t := range tm {
		out[i] = s.Renderer.NewStyle().Foreground(lipgloss.Color(t.Color))
	}
	return out
}

// chipAbbrev is how many letters of a topic key a cramped chip keeps.
const chipAbbrev = 3

// topicChips draws the topics an article carries, heaviest first, each in its
// colour (without colour, bracketed so it still reads as a tag), in at most
// width cells: whole keys when they fit, else the first letters of each.
func topicChips(lib *store.Library, doc int, styles []lipgloss.Style, profile termenv.Profile, width int) string {
	draw := func(abbrev bool) string {
		var chips []string
		for _, t := range lib.Coverage.Carried(doc) {
			key := lib.Topics[t].Key
			if abbrev && len(key) > chipAbbrev {
				key = key[:chipAbbrev]
			}
			if profile == termenv.Ascii {
				key = "[" + key + "]"
			} else {
				key = "▪" + key
			}
			chips = append(chips, styles[t].Render(key))
		}
		return strings.Join(chips, " ")
	}
	if full := draw(false); ansi.StringWidth(full) <= width {
		return full
	}
	return ansi.Truncate(draw(true), max(width, 0), "…")
}

// setTopic filters the list to articles on topic, or clears the filter for
// noTopic or the topic already active (the number keys toggle).
func (m *Model) setTopic(topic int) {
	if topic == m.topic || topic >= len(m.lib.Topics) {
		topic = noTopic
	}
	m.topic = topic
	m.reader.topic = topic
	m.refreshList(true)
}

// refreshList rebuilds the list from the search query and the topic filter:
// search hits ranked by score, else articles on the topic by weight, else
// the whole library. The cursor goes to the top, or stays on its article.
func (m *Model) refreshList(toTop bool) {
	ix := m.lib.Index
	q := m.search.query
	prev, hadPrev := m.list.selectedHit()
	m.search.message = nil
	keep, err := m.lib.TopicFilter(q)
	if err != nil {
		m.search.results = 0
		m.list.setItems(nil, q, []string{err.Error()})
		return
	}
	if t := m.topic; t != noTopic {
		inner := keep
		keep = func(doc int) bool { return m.lib.Coverage.Carries(doc, t) && (inner == nil || inner(doc)) }
	}
	if m.bookmarkedOnly {
		inner := keep
		keep = func(doc int) bool {
			return m.state.Article(m.stateKey(doc)).Bookmarked && (inner == nil || inner(doc))
		}
	}
	var hits []store.Hit
	total := -1 // articles matching, when the list holds only the best
	switch {
	case !q.Empty():
		res := ix.Search(q, m.maxResults, keep)
		hits, total = res.Hits, res.Total
	case m.topic != noTopic:
		docs := m.lib.Coverage.Articles(m.topic)
		hits = make([]store.Hit, 0, len(docs))
		for _, d := range docs {
			if keep(d) {
				hits = append(hits, store.Hit{Doc: d, Passage: -1})
			}
		}
	default:
		hits = allArticles(m.lib)
		if keep != nil {
			hits = slices.DeleteFunc(hits, func(h store.Hit) bool { return !keep(h.Doc) })
		}
	}
	if total < 0 {
		total = len(hits)
	}
	m.search.results = total
	empty := []string{"no articles"}
	switch {
	case len(hits) > 0:
	case q.HasTerms():
		empty = []string{fmt.Sprintf("no matches for “%s”", q.Raw)}
		if m.topic != noTopic {
			empty[0] += " on " + m.lib.Topics[m.topic].Name
		}
		if s := ix.Suggest(q); s != "" {
			empty = append(empty, fmt.Sprintf("did you mean “%s”?", s))
		}
	case m.bookmarkedOnly:
		empty = []string{"no bookmarked articles: s bookmarks one, S shows all again"}
	case m.topic != noTopic:
		empty = []string{"no articles on " + m.lib.Topics[m.topic].Name}
	}
	m.search.message = empty
	m.list.setItems(hits, q, empty)
	if toTop || !hadPrev || !m.list.selectArticle(prev.Doc) {
		m.list.moveTo(0)
	}
}

// topicHeader is the header's note on the active topic: its name in its
// colour and how many articles are on it.
func (m Model) topicHeader() string {
	if m.topic == noTopic {
		return ""
	}
	t := m.lib.Topics[m.topic]
	n := len(m.lib.Coverage.Articles(m.topic))
	name := m.topicStyle[m.topic].Inherit(m.styles.HeaderBar).Bold(true).Render(fmt.Sprintf("%d %s", m.topic+1, t.Name))
	return name + m.styles.HeaderInfo.Render(fmt.Sprintf(" %d/%d", n, m.lib.Len()))
}
