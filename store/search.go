package store

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"
)

// BM25 parameters: the usual defaults.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Hit is one article matching a query.
type Hit struct {
	Doc     int     // index into the library's articles
	Score   float64 // BM25; 0 when the query has no words
	Matches int     // occurrences of the query's words and phrases
	Passage int     // passage of the first match in the body; -1 when none
}

// Results are the articles a query matches: the best ones, and how many in
// all.
type Results struct {
	Hits  []Hit // best first
	Total int   // all matching articles, of which Hits are the best
}

// docMatch is where one clause matches in one article: how often, and its
// first position.
type docMatch struct {
	doc   int32
	tf    int32
	first int32
}

// Search returns the articles matching q, best first: at most limit of them
// (all when limit <= 0) and how many match in all. keep, when not nil,
// restricts the articles considered (topic filters). A query without words
// lists every kept article not excluded, in library order.
func (ix *Index) Search(q Query, limit int, keep func(doc int) bool) Results {
	var clauses [][]docMatch
	for _, c := range q.Must {
		clauses = append(clauses, ix.clauseDocs(c))
	}
	excluded := map[int32]bool{}
	for _, c := range q.Not {
		for _, m := range ix.clauseDocs(c) {
			excluded[m.doc] = true
		}
	}
	if len(clauses) == 0 {
		var hits []Hit
		for d := range ix.docLen {
			if !excluded[int32(d)] && (keep == nil || keep(d)) {
				hits = append(hits, Hit{Doc: d, Passage: -1})
			}
		}
		total := len(hits)
		if limit > 0 && len(hits) > limit {
			hits = hits[:limit]
		}
		return Results{Hits: hits, Total: total}
	}
	// Walk the clause with the fewest articles; look the others up.
	order := make([]int, len(clauses))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return len(clauses[a]) - len(clauses[b]) })
	idf := make([]float64, len(clauses))
	for i, c := range clauses {
		idf[i] = ix.idf(len(c))
	}
	top := newBest(limit, byScore)
	cursor := make([]int, len(clauses))
next:
	for _, m := range clauses[order[0]] {
		d := m.doc
		if excluded[d] || keep != nil && !keep(int(d)) {
			continue
		}
		h := Hit{Doc: int(d), Passage: -1}
		norm := bm25K1 * (1 - bm25B + bm25B*float64(ix.docLen[d])/ix.avgLen)
		for _, ci := range order {
			ms := clauses[ci]
			j := cursor[ci]
			for j < len(ms) && ms[j].doc < d {
				j++
			}
			cursor[ci] = j
			if j == len(ms) || ms[j].doc != d {
				continue next
			}
			tf := float64(ms[j].tf)
			h.Score += idf[ci] * tf * (bm25K1 + 1) / (tf + norm)
			h.Matches += int(ms[j].tf)
		}
		top.add(h)
	}
	hits := top.sorted()
	for i := range hits {
		hits[i].Passage = ix.firstBodyMatch(q, int32(hits[i].Doc))
	}
	return Results{Hits: hits, Total: top.total}
}

// byScore orders hits: higher score, then earlier article.
func byScore(a, b Hit) int {
	return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc))
}

// idf is BM25's inverse document frequency for a term held by df articles.
func (ix *Index) idf(df int) float64 {
	n := float64(len(ix.docLen))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// clauseDocs returns, by ascending article, where clause c matches. The
// alternatives of a hyphenated word ("cease fire" and "ceasefire") can
// match at one place: those places count once. Other alternatives (the words
// a typed prefix begins) are different words and simply add up.
func (ix *Index) clauseDocs(c Clause) []docMatch {
	var out []docMatch
	ix.eachClauseDoc(c, c.fromCompound, func(m docMatch, _ []int32) {
		out = append(out, m)
	})
	return out
}

// eachClauseDoc calls fn for every article clause c matches, in order, with
// the match count and first position, and with the positions themselves
// when withStarts is set (a hyphenated word's alternatives always need them,
// to count shared places once).
func (ix *Index) eachClauseDoc(c Clause, withStarts bool, fn func(m docMatch, starts []int32)) {
	withStarts = withStarts || c.fromCompound
	var cursors []*altCursor
	for _, alt := range c.Alts {
		if cur := ix.newAltCursor(alt, withStarts); cur != nil && cur.next() {
			cursors = append(cursors, cur)
		}
	}
	var union []int32
	for len(cursors) > 0 {
		d := cursors[0].m.doc
		for _, cur := range cursors[1:] {
			d = min(d, cur.m.doc)
		}
		m := docMatch{doc: d, first: math.MaxInt32}
		union = union[:0]
		live := cursors[:0]
		for _, cur := range cursors {
			if cur.m.doc == d {
				m.tf += cur.m.tf
				m.first = min(m.first, cur.m.first)
				union = append(union, cur.starts...)
				if !cur.next() {
					continue
				}
			}
			live = append(live, cur)
		}
		cursors = live
		if withStarts {
			slices.Sort(union)
			union = slices.Compact(union)
			m.tf, m.first = int32(len(union)), union[0]
		}
		fn(m, union)
	}
}

// altCursor walks the articles matching one alternative, in order.
type altCursor struct {
	alt        []string
	its        []postingIter
	driver     int
	withStarts bool
	bufs       [][]int32
	m          docMatch
	starts     []int32
}

func (ix *Index) newAltCursor(alt []string, withStarts bool) *altCursor {
	cur := &altCursor{alt: alt, its: make([]postingIter, len(alt)), bufs: make([][]int32, len(alt)), withStarts: withStarts}
	for i, term := range alt {
		p := ix.postingOf(term)
		if p == nil {
			return nil
		}
		cur.its[i] = p.iter()
		if p.df < ix.postings[ix.dict[alt[cur.driver]]].df {
			cur.driver = i
		}
	}
	return cur
}

// next moves to the next matching article; false at the end.
func (cur *altCursor) next() bool {
	drv := &cur.its[cur.driver]
	for drv.next() {
		d := drv.doc
		if len(cur.alt) == 1 {
			cur.m = docMatch{doc: d, tf: drv.count, first: drv.first()}
			cur.starts = cur.starts[:0]
			if cur.withStarts {
				cur.starts = drv.positions(cur.starts)
			}
			return true
		}
		found := true
		for i := range cur.its {
			if i != cur.driver && (!cur.its[i].seek(d) || cur.its[i].doc != d) {
				found = false
				break
			}
		}
		if !found {
			continue
		}
		for i := range cur.its {
			cur.bufs[i] = cur.its[i].positions(cur.bufs[i])
		}
		cur.starts = altStarts(cur.alt, func(term string) []int32 { return cur.bufs[slices.Index(cur.alt, term)] })
		if len(cur.starts) > 0 {
			cur.m = docMatch{doc: d, tf: int32(len(cur.starts)), first: cur.starts[0]}
			return true
		}
	}
	return false
}

// positionsIn returns the positions of term in article d.
func (ix *Index) positionsIn(term string, d int32) []int32 {
	p := ix.postingOf(term)
	if p == nil {
		return nil
	}
	it := p.iter()
	if !it.seek(d) || it.doc != d {
		return nil
	}
	return it.positions(nil)
}

// clauseStartsIn returns where clause c starts in article d, ascending and
// distinct.
func (ix *Index) clauseStartsIn(c Clause, d int32) []int32 {
	return clauseStarts(c, func(term string) []int32 { return ix.positionsIn(term, d) })
}

// firstBodyMatch returns the passage of the first match of q in article d's
// body, or -1 when it matches only in the title block or references.
func (ix *Index) firstBodyMatch(q Query, d int32) int {
	best := int32(math.MaxInt32)
	for _, c := range q.Must {
		for _, p := range ix.clauseStartsIn(c, d) {
			if p < best && ix.passageAt(int(d), p) >= 0 {
				best = p
				break
			}
		}
	}
	if best == math.MaxInt32 {
		return -1
	}
	return ix.passageAt(int(d), best)
}

// maxSuggestLookups bounds the unknown words of a query Suggest corrects.
const maxSuggestLookups = 3

// Suggest proposes a corrected query when q finds nothing: each word the
// index does not know is replaced by the closest known spelling. It returns
// "" when it has nothing better to offer.
func (ix *Index) Suggest(q Query) string {
	out := q.Raw
	changed := false
	looked := 0 // each look-up reads the whole vocabulary
	for _, c := range q.Must {
		for _, word := range strings.Fields(c.Text) {
			word = strings.Trim(word, `"`)
			if ix.known(word) || looked == maxSuggestLookups {
				continue
			}
			looked++
			if best := ix.closest(Fold(word)); best != "" {
				out = strings.Replace(out, word, best, 1)
				changed = true
			}
		}
	}
	if !changed {
		return ""
	}
	return out
}

// known reports whether every term of word is indexed.
func (ix *Index) known(word string) bool {
	for _, w := range ix.an.Tokenize(word).Words {
		if ix.docFreq(w.Term) == 0 {
			return false
		}
	}
	return true
}

// closest returns the known spelling nearest to word by edit distance (at
// most 2, and at most a third of the word), preferring common terms.
func (ix *Index) closest(word string) string {
	n := len([]rune(word))
	limit := min(2, max(1, n/3))
	best, bestDist, bestDF := "", limit+1, 0
	for term, spelling := range ix.surface {
		m := len([]rune(spelling))
		if m-n > limit || n-m > limit || spelling == word {
			continue
		}
		d := levenshtein.ComputeDistance(word, spelling)
		df := ix.docFreq(term)
		if d < bestDist || d == bestDist && (df > bestDF || df == bestDF && spelling < best) {
			best, bestDist, bestDF = spelling, d, df
		}
	}
	return best
}
