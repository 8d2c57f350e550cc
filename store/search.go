package store

import (
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

// docStarts is where one clause matches in one article.
type docStarts struct {
	doc    int32
	starts []int32
}

// Search returns the articles matching q, best first, at most limit of them
// (all when limit <= 0). keep, when not nil, restricts the articles
// considered (topic filters). A query without words lists every kept article
// not excluded, in library order.
func (ix *Index) Search(q Query, limit int, keep func(doc int) bool) []Hit {
	var clauses [][]docStarts
	for _, c := range q.Must {
		clauses = append(clauses, ix.clauseDocs(c))
	}
	excluded := map[int32]bool{}
	for _, c := range q.Not {
		for _, ds := range ix.clauseDocs(c) {
			excluded[ds.doc] = true
		}
	}
	var hits []Hit
	if len(clauses) == 0 {
		for d := range ix.docLen {
			if !excluded[int32(d)] && (keep == nil || keep(d)) {
				hits = append(hits, Hit{Doc: d, Passage: -1})
			}
		}
		return truncate(hits, limit)
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
	cursor := make([]int, len(clauses))
next:
	for _, first := range clauses[order[0]] {
		d := first.doc
		if excluded[d] || keep != nil && !keep(int(d)) {
			continue
		}
		h := Hit{Doc: int(d), Passage: -1}
		firstPos := int32(math.MaxInt32)
		for _, ci := range order {
			ds := clauses[ci]
			j := cursor[ci]
			for j < len(ds) && ds[j].doc < d {
				j++
			}
			cursor[ci] = j
			if j == len(ds) || ds[j].doc != d {
				continue next
			}
			tf := float64(len(ds[j].starts))
			h.Score += idf[ci] * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*float64(ix.docLen[d])/ix.avgLen))
			h.Matches += len(ds[j].starts)
			for _, p := range ds[j].starts {
				if ix.passageAt(int(d), p) >= 0 {
					firstPos = min(firstPos, p)
					break
				}
			}
		}
		if firstPos != math.MaxInt32 {
			h.Passage = ix.passageAt(int(d), firstPos)
		}
		hits = append(hits, h)
	}
	slices.SortStableFunc(hits, func(a, b Hit) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return a.Doc - b.Doc
	})
	return truncate(hits, limit)
}

func truncate(hits []Hit, limit int) []Hit {
	if limit > 0 && len(hits) > limit {
		return hits[:limit]
	}
	return hits
}

// idf is BM25's inverse document frequency for a term held by df articles.
func (ix *Index) idf(df int) float64 {
	n := float64(len(ix.docLen))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// clauseDocs returns, by ascending article, where clause c matches.
func (ix *Index) clauseDocs(c Clause) []docStarts {
	var out []docStarts
	for _, alt := range c.Alts {
		out = mergeDocStarts(out, ix.altDocs(alt))
	}
	return out
}

// altDocs finds the articles holding the term sequence alt, walking the
// posting of its rarest term.
func (ix *Index) altDocs(alt []string) []docStarts {
	lists := make([]*posting, len(alt))
	driver := 0
	for i, term := range alt {
		if lists[i] = ix.postingOf(term); lists[i] == nil {
			return nil
		}
		if len(lists[i].docs) < len(lists[driver].docs) {
			driver = i
		}
	}
	if len(alt) == 1 {
		p := lists[0]
		out := make([]docStarts, len(p.docs))
		for i, d := range p.docs {
			out[i] = docStarts{doc: d, starts: p.pos[p.offs[i]:p.offs[i+1]]}
		}
		return out
	}
	var out []docStarts
	for _, d := range lists[driver].docs {
		positions := func(term string) []int32 {
			return lists[slices.Index(alt, term)].positionsIn(d)
		}
		if starts := altStarts(alt, positions); len(starts) > 0 {
			out = append(out, docStarts{doc: d, starts: starts})
		}
	}
	return out
}

// mergeDocStarts unions two lists sorted by article.
func mergeDocStarts(a, b []docStarts) []docStarts {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make([]docStarts, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i].doc < b[j].doc:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j].doc < a[i].doc:
			out = append(out, b[j])
			j++
		default:
			starts := append(slices.Clone(a[i].starts), b[j].starts...)
			slices.Sort(starts)
			out = append(out, docStarts{doc: a[i].doc, starts: slices.Compact(starts)})
			i, j = i+1, j+1
		}
	}
	return out
}

// Suggest proposes a corrected query when q finds nothing: each word the
// index does not know is replaced by the closest known spelling. It returns
// "" when it has nothing better to offer.
func (ix *Index) Suggest(q Query) string {
	out := q.Raw
	changed := false
	for _, c := range q.Must {
		for _, word := range strings.Fields(c.Text) {
			word = strings.Trim(word, `"`)
			if ix.known(word) {
				continue
			}
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
