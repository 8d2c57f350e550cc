package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"dispatch/internal/fold"
)

// What a list shows, one use case for every caller: the command line's
// list and search, the reader's list and its search prompt. A request
// names the query, the topic, the caller's own filters, the order and how
// many; the result is the hits, how many there are in all, whether no
// article had every word, and a suggestion. New filters and orders belong
// here, so that they mean the same everywhere: query operators in the
// query (ParseQuery), filters on what store does not know (the reading
// state) in Keep, orders in Sort.

// ListRequest asks a library for a listing.
type ListRequest struct {
	// Text is a query as typed, read with Analyzer.ParseQuery. When it is
	// empty, Query is taken as it is: a caller that parses as the user
	// types (ParseTyping, Index.Expand) passes its query. Neither lists
	// every article.
	Text  string
	Query Query
	// Topic keeps the articles carrying one topic: its key, or as
	// Topics.Find accepts (a name, number or a beginning that is its
	// alone); "" for every topic. Without words they are listed heaviest
	// first.
	Topic string
	// Keep are the caller's filters on what store does not know, such as
	// the reading state (bookmarked, unread): an article is listed only
	// when every one keeps it. Nil entries are ignored.
	Keep []func(doc int) bool
	// Limit is the most hits given; 0 gives them all. Total counts them all.
	Limit int
	// Sort is the order; SortDefault is by relevance for words, heaviest
	// first on a topic, else newest first.
	Sort Sort
	// Copies lists every copy of an item on its own. Without it, the
	// copies of one item (the same item in several feeds) are one hit,
	// the first the order gives, naming the others in Hit.Copies.
	Copies bool

	// Marks answers the query's is:unread, is:read, is:starred and is:new
	// (the reading state, which store does not keep); a query with is:
	// is an error without it.
	Marks Marks
	// Tags are article doc's tags, for tag:NAME (a feed's item carries
	// its subscription's, an OPML folder's title among them); nil: no
	// article has any.
	Tags func(doc int) []string
	// Now is the clock relative dates are read against (since:7d,
	// today) and whose time zone days are; zero is the time now.
	Now time.Time
}

// ListResult is what a listing holds.
type ListResult struct {
	Query Query // the query answered
	Hits  []Hit // in order, at most the request's Limit; Passage -1 without words
	// Total is how many hits there are in all, of which Hits are the
	// first: copies folded count once (of a search cut to Limit, those
	// folded among the hits given; the others count as they are).
	Total   int
	Partial bool // no article has every word: these have the most of them
	// Suggestion is the query corrected, when its words find nothing or
	// only some: "" when there is nothing better to offer.
	Suggestion string
}

// Sort is an order of a listing. Orders other than SortDefault (and
// SortScore for words) sort every matching article, then cut to Limit.
type Sort int

// The orders of a listing; ties keep the default order.
const (
	SortDefault Sort = iota
	SortNewest       // published (else first seen), newest first; ties by number
	SortOldest       // published (else first seen), oldest first; ties by number
	SortTitle        // title, case and accents aside
	SortSource       // source name, then the default order; no source last
	SortScore        // relevance: the default for words; without, the default
)

var sortNames = []string{"", "newest", "oldest", "title", "source", "score"}

// String is the order's name, as ParseSort reads it ("" for SortDefault).
func (s Sort) String() string {
	if int(s) < len(sortNames) {
		return sortNames[s]
	}
	return fmt.Sprintf("Sort(%d)", int(s))
}

// ParseSort reads an order's name: newest (or date), oldest, title,
// source or score ("" is SortDefault).
func ParseSort(name string) (Sort, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "date" {
		return SortNewest, nil
	}
	if i := slices.Index(sortNames, name); i >= 0 {
		return Sort(i), nil
	}
	return SortDefault, fmt.Errorf("unknown order %q (%s)", name, strings.Join(sortNames[1:], ", "))
}

// List answers a listing request. Its errors are the request's: a
// mistake in the query's operators (Query.Err), a topic or a source
// (source:NAME) the library does not have, is: without Marks.
func (l *Library) List(req ListRequest) (ListResult, error) {
	q := req.Query
	if req.Text != "" {
		q = l.Index().Analyzer().ParseQuery(req.Text)
	}
	q = l.Index().Expand(q) // harb*; a query expanded as it was typed stays as it is
	res := ListResult{Query: q}
	if q.Err != nil {
		return res, q.Err
	}
	keep, err := l.Filter(q)
	if err != nil {
		return res, err
	}
	operators, err := l.operatorFilter(q, req)
	if err != nil {
		return res, err
	}
	topic := -1
	if req.Topic != "" {
		// a key is that topic, whatever another topic is named
		if topic = l.Topics().Index(req.Topic); topic < 0 {
			if topic, err = l.Topics().Find(req.Topic); err != nil {
				return res, err
			}
		}
	}
	// a topic's own list needs no check of the topic: that was most of a
	// topic switch in a large library
	allowOnTopic := allOf(append([]func(int) bool{keep, operators}, req.Keep...))
	allow := allowOnTopic
	if topic >= 0 {
		allow = func(d int) bool { return l.Coverage().Carries(d, topic) && (allowOnTopic == nil || allowOnTopic(d)) }
	}
	if req.Sort == SortScore && !q.HasTerms() {
		req.Sort = SortDefault // no words to score
	}
	if req.Sort == SortDefault && !q.HasTerms() && topic < 0 {
		req.Sort = SortNewest // nothing to rank by
	}
	sorted := req.Sort != SortDefault && !(req.Sort == SortScore && q.HasTerms())
	limit := req.Limit
	if sorted {
		limit = 0 // every article, sorted, then cut
	}
	fold := !req.Copies && l.stories().hasCopies
	switch {
	case q.HasTerms():
		r := l.search(q, limit, allow, fold)
		res.Hits, res.Total, res.Partial = r.Hits, r.Total, r.Partial
	case topic >= 0:
		res.Hits = l.onTopic(q, topic, allowOnTopic)
	case len(q.Not) > 0:
		res.Hits = l.Index().Search(q, 0, allow).Hits // every allowed article but the excluded
	default:
		res.Hits = make([]Hit, 0, l.Len()) // at 100k, growing it was 40% of a key that clears a search
		keep := func(d int) {
			if allow == nil || allow(d) {
				res.Hits = append(res.Hits, Hit{Doc: d, Passage: -1})
			}
		}
		if req.Sort == SortNewest || req.Sort == SortOldest {
			l.eachByDate(req.Sort == SortOldest, keep) // in the order worked out at build
			sorted = false
		} else {
			for d := range l.Len() {
				keep(d)
			}
		}
	}
	if sorted {
		l.sortHits(res.Hits, req.Sort)
	}
	if fold {
		var folded int
		res.Hits, folded = l.foldCopies(res.Hits)
		res.Total -= folded
	}
	if !q.HasTerms() {
		res.Total = len(res.Hits)
	}
	if req.Limit > 0 && len(res.Hits) > req.Limit {
		res.Hits = res.Hits[:req.Limit]
	}
	if sorted && q.HasTerms() {
		// Search found the first passages of its best hits; these are others
		for i := range res.Hits[:min(len(res.Hits), passageDepth)] {
			if res.Hits[i].Passage == PassageUnknown {
				res.Hits[i].Passage = l.Index().FirstPassage(q, res.Hits[i].Doc)
			}
		}
	}
	if q.HasTerms() && (len(res.Hits) == 0 || res.Partial) {
		res.Suggestion = l.Index().Suggest(q)
	}
	return res, nil
}

// onTopic lists the articles carrying topic, heaviest first, that allow
// (nil for all) keeps and q's exclusions do not take out.
func (l *Library) onTopic(q Query, topic int, allow func(int) bool) []Hit {
	var excluded []bool
	if len(q.Not) > 0 {
		excluded = make([]bool, l.Len())
		for i := range excluded {
			excluded[i] = true
		}
		for _, h := range l.Index().Search(Query{Not: q.Not}, 0, nil).Hits {
			excluded[h.Doc] = false
		}
	}
	docs := l.Coverage().Articles(topic)
	hits := make([]Hit, 0, len(docs))
	for _, d := range docs {
		if (allow == nil || allow(d)) && (excluded == nil || !excluded[d]) {
			hits = append(hits, Hit{Doc: d, Passage: -1})
		}
	}
	return hits
}

// allOf is the filter keeping what every one of filters keeps (nil ones
// aside); nil when there is none.
func allOf(filters []func(int) bool) func(int) bool {
	filters = slices.DeleteFunc(filters, func(f func(int) bool) bool { return f == nil })
	switch len(filters) {
	case 0:
		return nil
	case 1:
		return filters[0]
	}
	return func(d int) bool {
		for _, f := range filters {
			if !f(d) {
				return false
			}
		}
		return true
	}
}

// sortHits puts hits in order s: by date, ties by number; by title or
// source stably, ties keeping the order they came in.
func (l *Library) sortHits(hits []Hit, s Sort) {
	switch s {
	case SortNewest, SortOldest:
		l.sortByDate(hits, s == SortOldest)
	case SortTitle, SortSource:
		rank := l.textRank(s)
		slices.SortStableFunc(hits, func(a, b Hit) int { return cmp.Compare(rank[a.Doc], rank[b.Doc]) })
	}
}

// textRank is every article's place by title (or source), case and
// accents aside, those without one last; articles whose keys are equal
// share a place, so a stable sort by it keeps them in the order they came
// in. Worked out once a library: by title at 100,000 articles each listing
// decoded every article and sorted their titles (272 ms), which O and
// every change of filter in that order paid again.
func (l *Library) textRank(s Sort) []int32 {
	i := 0
	if s == SortSource {
		i = 1
	}
	t := &l.textOrder[i]
	t.once.Do(func() {
		keys := make([]string, l.n)
		for d := range l.n {
			a := l.Article(d)
			text := a.Title
			if s == SortSource {
				text = a.Source
			}
			keys[d] = strings.ToLower(fold.Accents(text))
		}
		byKey := make([]int32, l.n)
		for d := range byKey {
			byKey[d] = int32(d)
		}
		compare := func(a, b int32) int {
			ka, kb := keys[a], keys[b]
			if (ka == "") != (kb == "") {
				return boolOrder(ka != "", kb != "")
			}
			return strings.Compare(ka, kb)
		}
		slices.SortFunc(byKey, compare)
		t.rank = make([]int32, l.n)
		for i, d := range byKey {
			if i > 0 && compare(byKey[i-1], d) == 0 {
				t.rank[d] = t.rank[byKey[i-1]]
			} else {
				t.rank[d] = int32(i)
			}
		}
	})
	return t.rank
}

// boolOrder puts what has a value (true) before what has none.
func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// Snippet is the excerpt of about maxRunes runes of hit's article that
// shows why it matches q, its matches marked; without words, its opening.
func (l *Library) Snippet(q Query, hit Hit, maxRunes int) Snippet {
	return l.Index().Snippet(l.Article(hit.Doc), q, hit.Passage, maxRunes)
}
