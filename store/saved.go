package store

// SavedSearch is a query kept under a name, such as the configuration's
// searches: ("Geneva this week": "geneva" since:7d).
type SavedSearch struct {
	Name, Query string
}

// SearchCount is what a saved search finds in a library now.
type SearchCount struct {
	Name, Query string
	Total       int   // the articles it lists
	Unread      int   // of which unread (all of them without the request's Marks)
	Err         error // why it lists nothing: a topic or source the library lacks
}

// CountSearches counts what each saved search lists in the library, and
// how much of it is unread, with base's reading state, tags, clock and
// filters (its Text, Query, Topic and Limit are ignored). The counts of
// one library: a fetch makes another, and they are counted again.
func (l *Library) CountSearches(searches []SavedSearch, base ListRequest) []SearchCount {
	out := make([]SearchCount, len(searches))
	for i, s := range searches {
		out[i] = SearchCount{Name: s.Name, Query: s.Query}
		req := base
		req.Text, req.Query, req.Topic, req.Limit, req.Sort = s.Query, Query{}, "", 0, SortDefault
		res, err := l.List(req)
		switch {
		case err != nil:
			out[i].Err = err
			continue
		case res.Partial:
			continue // the closest are not what it asks for
		}
		out[i].Total = len(res.Hits)
		for _, h := range res.Hits {
			if base.Marks == nil || !base.Marks.Read(h.Doc) {
				out[i].Unread++
			}
		}
	}
	return out
}
