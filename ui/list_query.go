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
	m.all, m.groups, m.sourceNames = m.items, nil, nil
	if m.byStory {
		m.items, m.groups = m.groupByStory(m.items)
	}
	if prev < 0 || !m.selectDoc(prev) && !m.selectStoryOf(prev) {
		m.clamp()
	}
}

// listing works out what the list shows now, through the library's one
// listing (the command line's too): the search, the topic, and the
// reading-state filters only the reader knows.
func (m *listModel) listing() (items []store.Hit, results int, empty []string, suggest string, partial bool) {
	lib := m.c.lib
	req := m.c.listRequest()
	req.Query, req.Sort = m.query, m.order
	if m.c.topic != noTopic {
		req.Topic = lib.Topics()[m.c.topic].Key
	}
	if m.query.HasTerms() {
		req.Limit = m.c.maxResults // a plain list stays whole
	}
	lingers := func(doc int) bool { return m.lingers && doc == m.lingering }
	if m.bookmarkedOnly {
		req.Keep = append(req.Keep, func(doc int) bool { return m.c.saved(doc).Bookmarked || lingers(doc) })
	}
	if sc := m.scope; sc != nil {
		lib := m.c.lib
		req.Keep = append(req.Keep, func(doc int) bool { return sc.has(lib.Article(doc)) })
	}
	if m.unreadOnly {
		req.Keep = append(req.Keep, func(doc int) bool { return m.c.unread(doc) || lingers(doc) })
	}
	res, err := lib.List(req)
	if err != nil {
		return nil, 0, []string{err.Error()}, "", false
	}
	return res.Hits, res.Total, m.emptyText(res.Suggestion), res.Suggestion, res.Partial
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

// orders are the orders the list cycles through, its default first: by
// relevance while searching, heaviest first on a topic, else newest first.
func (m *listModel) orders() []store.Sort {
	if !m.query.HasTerms() && m.c.topic == noTopic {
		return []store.Sort{store.SortDefault, store.SortOldest, store.SortTitle, store.SortSource}
	}
	return []store.Sort{store.SortDefault, store.SortNewest, store.SortOldest, store.SortTitle, store.SortSource}
}

// cycleOrder lists in the next order, keeping the cursor on its article,
// and says which order that is.
func (m *listModel) cycleOrder() string {
	orders := m.orders()
	m.order = orders[(slices.Index(orders, m.order)+1)%len(orders)]
	m.refresh()
	return m.orderName()
}

// orderName says in what order the list is: "newest first", "by title",
// "by story, newest first".
func (m *listModel) orderName() string {
	if m.byStory {
		return "by story, " + m.sortName()
	}
	return m.sortName()
}

// sortName is the order of the articles (of the stories, by story).
func (m *listModel) sortName() string {
	switch m.order {
	case store.SortNewest:
		return "newest first"
	case store.SortOldest:
		return "oldest first"
	case store.SortTitle:
		return "by title"
	case store.SortSource:
		return "by source"
	}
	switch {
	case m.query.HasTerms():
		return "by relevance"
	case m.c.topic != noTopic:
		return "heaviest first"
	}
	return "newest first"
}
