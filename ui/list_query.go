package ui

import (
	"dispatch/store"
	"fmt"
	"slices"
)

// refilter lists again after article doc's marks changed, when a filter
// depends on them (unread only, bookmarked only); it reports whether it
// did. The article stays listed until the cursor leaves it, so a mistaken
// m or s can be undone where it was made.
func (m *listModel) refilter(doc int) bool {
	if !m.unreadOnly && !m.bookmarkedOnly {
		return false
	}
	if m.indexOf(doc) >= 0 {
		m.lingering, m.lingers = doc, true
	}
	m.refresh()
	return true
}

// leftLingering lists again without the article a mark would have taken
// out, once the cursor has left it.
func (m *listModel) leftLingering() {
	if m.lingers && m.selectedDoc() != m.lingering {
		m.lingers = false
		m.refresh()
	}
}

// setQuery lists the results of q, best first, the cursor on the best; a
// query with no words lists every article again, the cursor kept.
func (m *listModel) setQuery(q store.Query) {
	m.query = q
	m.refresh()
	if q.HasTerms() {
		m.moveTo(0)
	}
}

// refresh rebuilds the items from the search and the filters, keeping the
// cursor on its article when it is still listed, else at the same place.
func (m *listModel) refresh() {
	prev := m.selectedDoc()
	m.snippets = nil
	m.items, m.results, m.empty, m.suggest, m.partial = m.listing()
	if prev < 0 || !m.selectDoc(prev) {
		m.clamp()
	}
}

// listing works out what the list shows now.
func (m *listModel) listing() (items []store.Hit, results int, empty []string, suggest string, partial bool) {
	lib, q := m.c.lib, m.query
	keep, err := lib.Filter(q)
	if err != nil {
		return nil, 0, []string{err.Error()}, "", false
	}
	filters := []func(doc int) bool{keep}
	lingers := func(doc int) bool { return m.lingers && doc == m.lingering }
	if m.bookmarkedOnly {
		filters = append(filters, func(doc int) bool { return m.c.state.Article(m.c.stateKey(doc)).Bookmarked || lingers(doc) })
	}
	if m.unreadOnly {
		filters = append(filters, func(doc int) bool { return !m.c.state.Article(m.c.stateKey(doc)).Read || lingers(doc) })
	}
	filters = slices.DeleteFunc(filters, func(f func(int) bool) bool { return f == nil })
	// the topic's own list needs no check of the topic: that was most of
	// a topic switch in a large library
	allowOnTopic := func(doc int) bool {
		for _, f := range filters {
			if !f(doc) {
				return false
			}
		}
		return true
	}
	allow := allowOnTopic
	if t := m.c.topic; t != noTopic {
		allow = func(doc int) bool { return lib.Coverage.Carries(doc, t) && allowOnTopic(doc) }
	}
	switch {
	case q.HasTerms():
		res := lib.Index.Search(q, m.c.maxResults, allow)
		items, results, partial = res.Hits, res.Total, res.Partial
	case m.c.topic != noTopic:
		onTopic := lib.Coverage.Articles(m.c.topic)
		items = make([]store.Hit, 0, len(onTopic))
		for _, d := range onTopic {
			if allowOnTopic(d) {
				items = append(items, store.Hit{Doc: d, Passage: -1})
			}
		}
	default:
		// a query of exclusions and topics alone narrows the list too
		if len(q.Not) > 0 || len(q.Topics) > 0 || len(q.NotTopics) > 0 {
			res := lib.Index.Search(q, 0, allow)
			items = res.Hits
		} else {
			items = make([]store.Hit, 0, lib.Len())
			for d := range lib.Len() {
				if allow(d) {
					items = append(items, store.Hit{Doc: d, Passage: -1})
				}
			}
		}
	}
	if !q.HasTerms() {
		results = len(items)
	}
	if (len(items) == 0 || partial) && q.HasTerms() {
		suggest = lib.Index.Suggest(q)
	}
	return items, results, m.emptyText(suggest), suggest, partial
}

// emptyText is what the list says when nothing is listed.
func (m *listModel) emptyText(suggest string) []string {
	q := m.query
	switch {
	case q.HasTerms():
		out := []string{fmt.Sprintf("no matches for “%s”", q.Raw)}
		if m.c.topic != noTopic {
			out[0] += " on " + m.c.topicName()
		}
		if suggest != "" {
			out = append(out, fmt.Sprintf("did you mean “%s”? tab takes it", suggest))
		}
		return out
	case m.bookmarkedOnly:
		return []string{"no bookmarked articles: s bookmarks one, S shows all again"}
	case m.unreadOnly:
		return []string{"nothing unread: U shows all again"}
	case m.c.topic != noTopic:
		return []string{"no articles on " + m.c.topicName()}
	}
	return []string{"no articles"}
}
