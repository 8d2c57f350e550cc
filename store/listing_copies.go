package store

// Copies folded: the copies of one item (the same item carried by several
// feeds, or a lightly edited copy, see store/story) are one hit of a list
// or a search, the first the order gives, which names the others. What a
// reader does with the others (reading or marking one marks all) is the
// caller's: CopiesOf names them.

// foldCopies keeps the first hit of each group of copies, with the
// group's other articles in its Copies, and returns how many hits it took
// out.
func (l *Library) foldCopies(hits []Hit) ([]Hit, int) {
	t := l.stories()
	if !t.hasCopies {
		return hits, 0
	}
	taken := map[int32]bool{} // the groups listed already, by their first
	out := hits[:0]
	for _, h := range hits {
		if t.copied[h.Doc] {
			first := t.copyFirst[h.Doc]
			if taken[first] {
				continue
			}
			taken[first] = true
			h.Copies = l.CopiesOf(h.Doc)
		}
		out = append(out, h)
	}
	folded := len(hits) - len(out)
	clear(hits[len(out):]) // no stale Copies left behind the cut
	return out, folded
}

// groupsIn is how many hits hits would be once folded.
func (l *Library) groupsIn(hits []Hit) int {
	t := l.stories()
	seen := make(map[int32]bool, len(hits))
	for _, h := range hits {
		seen[t.copyFirst[h.Doc]] = true
	}
	return len(seen)
}

// search is Index.Search of at most limit hits (0: all), asking for more
// while folding copies would leave fewer than limit of them.
func (l *Library) search(q Query, limit int, allow func(int) bool, fold bool) Results {
	if !fold || limit <= 0 {
		return l.Index().Search(q, limit, allow)
	}
	ask := limit
	for {
		r := l.Index().Search(q, ask, allow)
		if len(r.Hits) < ask || l.groupsIn(r.Hits) >= limit {
			return r
		}
		ask = 2*ask + 8
	}
}
