package store

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// Ranking: BM25 over weighted term frequencies (BM25F) — an occurrence in
// the title or dek counts more than one in the body, the exact form typed
// more than another inflection, a word of the family (negotiation for
// negotiate) less —, plus the title and dek scored as a field of their own
// (a title match must still count in a long article, whose body saturates),
// then, for the best articles, a bonus for query words found close together. The weights were set on the judged collection
// (testdata/relevance; see TestShippedRelevance).
const (
	bm25K1 = 1.2
	bm25B  = 0.75

	titleWeight = 2.0 // added per occurrence in the title or dek
	// titleFieldWeight weighs the title field's own score: within the
	// body's saturation alone, "Harbour council approves…" (31 matches)
	// ranked below a short item naming the harbour in passing (4)
	titleFieldWeight = 0.5
	exactWeight      = 0.3 // added per occurrence in the exact form typed
	familyWeight     = 0.5 // an occurrence of a related form of the word
	nearWeight       = 0.5 // the proximity bonus of two adjacent query words, times their idf
	nearWindow       = 8   // words apart beyond which nearness adds nothing
	rerankDepth      = 200 // the best articles reconsidered for nearness
)

// Hit is one article matching a query.
type Hit struct {
	Doc     int     // index into the library's articles
	Score   float64 // the ranking score; 0 when the query has no words
	Matches int     // occurrences of the query's words and phrases
	Passage int     // passage of the first match in the body; -1 when none; PassageUnknown past the first hits
	// Copies are the other copies of the article (the same item in other
	// feeds), folded into this hit by a listing; nil when it has none, or
	// when the listing lists every copy (ListRequest.Copies).
	Copies []int

	clauses int // how many of the query's words and phrases it has
}

// Results are the articles a query matches: the best ones, and how many in
// all.
type Results struct {
	Hits  []Hit // best first
	Total int   // all matching articles, of which Hits are the best
	// Partial is set when no article has every word of the query: the hits
	// are then the articles with the most of them.
	Partial bool
}

// docMatch is where one clause matches in one article: how often, and its
// first position.
type docMatch struct {
	doc   int32
	tf    int32
	first int32
}

// clauseHit is a clause's weight in one article.
type clauseHit struct {
	doc     int32
	tf      float64 // weighted term frequency
	matches int32   // occurrences, unweighted
	title   int32   // occurrences in the title and dek
}

// Search returns the articles matching q, best first: at most limit of them
// (all when limit <= 0) and how many match in all. keep, when not nil,
// restricts the articles considered (topic filters). A query without words
// lists every kept article not excluded, in library order. When no article
// has every word, the articles with the most of them are returned, marked
// Partial.
func (ix *Index) Search(q Query, limit int, keep func(doc int) bool) Results {
	excluded := map[int32]bool{}
	for _, c := range q.Not {
		for _, m := range ix.clauseHits(c) {
			excluded[m.doc] = true
		}
	}
	allowed := func(d int32) bool { return !excluded[d] && (keep == nil || keep(int(d))) }
	if len(q.Must) == 0 {
		var hits []Hit
		for d := range ix.docLen {
			if allowed(int32(d)) {
				hits = append(hits, Hit{Doc: d, Passage: -1})
			}
		}
		total := len(hits)
		if limit > 0 && len(hits) > limit {
			hits = hits[:limit]
		}
		return Results{Hits: hits, Total: total}
	}
	clauses := make([][]clauseHit, len(q.Must))
	idf := make([]float64, len(q.Must))
	for i, c := range q.Must {
		clauses[i] = ix.clauseHits(c)
		idf[i] = ix.idf(len(clauses[i]))
	}
	// keep enough to rerank: nearness can lift an article past the limit
	keepN := 0
	if limit > 0 {
		keepN = max(limit, rerankDepth)
	}
	top := newBest(keepN, byScore)
	most := ix.scoreAll(clauses, idf, len(clauses), allowed, top.add)
	partial := false
	if top.total == 0 && len(clauses) > 1 && most > 0 {
		// no article has every word: those with the most of them first
		top = newBest(keepN, byScore)
		ix.scoreAll(clauses, idf, 1, allowed, top.add)
		partial = true
	}
	hits := top.sorted()
	// the best are reranked by the exact forms typed and the words' nearness;
	// the rest scored no more than any of them before these bonuses, which
	// only add, so they stay below
	head := hits[:min(len(hits), max(keepN, rerankDepth))]
	ix.addExactBonus(q.Must, idf, head)
	if len(q.Must) > 1 {
		for i := range head[:min(len(head), rerankDepth)] {
			head[i].Score += ix.nearness(q.Must, idf, int32(head[i].Doc))
		}
	}
	slices.SortStableFunc(head, byScore)
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	for i := range hits {
		hits[i].Passage = PassageUnknown
		if i < passageDepth {
			hits[i].Passage = ix.firstBodyMatch(q, int32(hits[i].Doc))
		}
	}
	return Results{Hits: hits, Total: top.total, Partial: partial}
}

// scoreAll scores every allowed article that at least need of the clauses
// match, passing each to add, and returns the most clauses any article
// matched. Clauses are walked together in article order.
func (ix *Index) scoreAll(clauses [][]clauseHit, idf []float64, need int, allowed func(int32) bool, add func(Hit)) int {
	if len(clauses) == 1 {
		// one clause, as most queries are: its list read straight through
		most := 0
		for _, m := range clauses[0] {
			if !allowed(m.doc) {
				continue
			}
			norm := bm25K1 * (1 - bm25B + bm25B*float64(ix.docLen[m.doc])/ix.avgLen)
			most = 1
			add(Hit{Doc: int(m.doc), Passage: -1, Score: idf[0] * (m.tf*(bm25K1+1)/(m.tf+norm) + titleScore(m.title)), Matches: int(m.matches), clauses: 1})
		}
		return most
	}
	cursor := make([]int, len(clauses))
	most := 0
	for {
		d := int32(math.MaxInt32)
		for i, ms := range clauses {
			if cursor[i] < len(ms) {
				d = min(d, ms[cursor[i]].doc)
			}
		}
		if d == math.MaxInt32 {
			return most
		}
		h := Hit{Doc: int(d), Passage: -1}
		norm := bm25K1 * (1 - bm25B + bm25B*float64(ix.docLen[d])/ix.avgLen)
		n := 0
		for i, ms := range clauses {
			if cursor[i] < len(ms) && ms[cursor[i]].doc == d {
				m := ms[cursor[i]]
				h.Score += idf[i] * (m.tf*(bm25K1+1)/(m.tf+norm) + titleScore(m.title))
				h.Matches += int(m.matches)
				cursor[i]++
				n++
			}
		}
		if !allowed(d) {
			continue
		}
		most = max(most, n)
		if n >= need {
			h.clauses = n
			add(h)
		}
	}
}

// titleScore is the title field's own share of a clause's score, for tf
// occurrences in the title and dek: not length-normalised (titles are all
// short) and saturated apart from the body's.
func titleScore(tf int32) float64 {
	if tf == 0 {
		return 0
	}
	t := float64(tf)
	return titleFieldWeight * t * (bm25K1 + 1) / (t + bm25K1)
}

// clauseHits returns, by ascending article, the weighted frequency of
// clause c in each article it matches: its words (in the body, title and
// byline or references alike), more in the title and dek and in the exact
// form typed, less as a related form.
func (ix *Index) clauseHits(c Clause) []clauseHit {
	type part struct {
		matches []docMatch
		weight  float64
		counts  bool // an occurrence of the clause, not only extra weight
		title   bool // the title and dek's list
	}
	parts := []part{
		{ix.clauseDocs(c), 1, true, false},
		{ix.clauseDocs(c.keyed(metaKey)), 1, true, false},
		{ix.clauseDocs(c.keyed(titleKey)), titleWeight, false, true},
	}
	if len(c.Related) > 0 {
		parts = append(parts, part{ix.clauseDocs(Clause{Alts: c.Related}), familyWeight, true, false})
	}
	parts = slices.DeleteFunc(parts, func(p part) bool { return len(p.matches) == 0 })
	if len(parts) == 1 && parts[0].counts {
		// one list alone, as a word found only in the text is: no merging
		out := make([]clauseHit, len(parts[0].matches))
		for i, m := range parts[0].matches {
			out[i] = clauseHit{doc: m.doc, tf: parts[0].weight * float64(m.tf), matches: m.tf}
		}
		return out
	}
	most := 0
	for _, p := range parts {
		most += len(p.matches)
	}
	out := make([]clauseHit, 0, min(most, len(ix.docLen))) // grown by doubling, a common word's lists allocated twice over
	cursor := make([]int, len(parts))
	for {
		d := int32(math.MaxInt32)
		for i, p := range parts {
			if cursor[i] < len(p.matches) {
				d = min(d, p.matches[cursor[i]].doc)
			}
		}
		if d == math.MaxInt32 {
			return out
		}
		h := clauseHit{doc: d}
		found := false
		for i, p := range parts {
			if cursor[i] < len(p.matches) && p.matches[cursor[i]].doc == d {
				tf := p.matches[cursor[i]].tf
				h.tf += p.weight * float64(tf)
				if p.title {
					h.title += tf
				}
				if p.counts {
					h.matches += tf
					found = true
				}
				cursor[i]++
			}
		}
		if found {
			out = append(out, h)
		}
	}
}

// keyed is c looked up in the derived lists of key (see titleKey).
func (c Clause) keyed(key string) Clause {
	k := Clause{Alts: make([][]string, len(c.Alts)), fromCompound: c.fromCompound}
	for i, alt := range c.Alts {
		k.Alts[i] = make([]string, len(alt))
		for j, t := range alt {
			k.Alts[i][j] = key + t
		}
	}
	return k
}

// addExactBonus raises the scores of hits for the exact forms of their
// one-word clauses (exactWeight per occurrence, in BM25F like the rest).
// It looks each article up in the lists rather than walking them: only
// the best articles are reranked, and a common word's forms are in most.
func (ix *Index) addExactBonus(cs []Clause, idf []float64, hits []Hit) {
	order := make([]int, len(hits)) // by article, for seeking forward
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return hits[a].Doc - hits[b].Doc })
	for ci, c := range cs {
		if c.exact == "" || len(c.Alts) != 1 || len(c.Alts[0]) != 1 {
			continue
		}
		term := c.Alts[0][0]
		w := newWordLists(ix, c, term)
		for _, i := range order {
			d := int32(hits[i].Doc)
			tf := w.tf(d)
			exact := w.exact(d)
			if exact == 0 {
				continue
			}
			norm := bm25K1 * (1 - bm25B + bm25B*float64(ix.docLen[d])/ix.avgLen)
			bm := func(tf float64) float64 { return tf * (bm25K1 + 1) / (tf + norm) }
			hits[i].Score += idf[ci] * (bm(tf+exactWeight*exact) - bm(tf))
		}
	}
}

// wordLists are a one-word clause's posting lists, walked forward by seek:
// its term's in the text, byline and title, its family's, and those that
// tell its exact form.
type wordLists struct {
	base, meta, title postingSeeker
	family            []postingSeeker
	exactForm         postingSeeker   // the form typed, when it is inflected
	variants          []postingSeeker // the term's inflected forms, when the form typed is the term
	inflected         bool
}

func newWordLists(ix *Index, c Clause, term string) *wordLists {
	w := &wordLists{base: seekerOf(ix, term), meta: seekerOf(ix, metaKey+term), title: seekerOf(ix, titleKey+term),
		inflected: c.exact != term}
	for _, alt := range c.Related {
		w.family = append(w.family, seekerOf(ix, alt[0]))
	}
	if w.inflected {
		w.exactForm = seekerOf(ix, exactKey+c.exact)
	} else {
		for _, v := range ix.variantsOf(term) {
			w.variants = append(w.variants, seekerOf(ix, exactKey+v))
		}
	}
	return w
}

// tf is the clause's weighted frequency in article d, as clauseHits has it.
func (w *wordLists) tf(d int32) float64 {
	tf := float64(w.base.count(d)) + float64(w.meta.count(d)) + titleWeight*float64(w.title.count(d))
	for i := range w.family {
		tf += familyWeight * float64(w.family[i].count(d))
	}
	return tf
}

// exact is how often article d has the form typed.
func (w *wordLists) exact(d int32) float64 {
	if w.inflected {
		return float64(w.exactForm.count(d))
	}
	n := w.base.count(d)
	for i := range w.variants {
		n -= w.variants[i].count(d)
	}
	return float64(max(n, 0))
}

// postingSeeker answers how often its key is in an article, articles asked
// in ascending order.
type postingSeeker struct {
	it postingIter
	ok bool
}

func seekerOf(ix *Index, key string) postingSeeker {
	if p := ix.postingOf(key); p != nil {
		return postingSeeker{it: p.iter(), ok: true}
	}
	return postingSeeker{}
}

func (s *postingSeeker) count(d int32) int32 {
	if !s.ok || !s.it.seek(d) {
		s.ok = s.ok && s.it.seen && s.it.doc >= d // past the end: nothing more
		return 0
	}
	if s.it.doc != d {
		return 0
	}
	return s.it.count
}

// nearness is the bonus of article d for the query's words standing close
// together, consecutive clauses of the query in turn: the nearer the more,
// in the order typed a little more.
func (ix *Index) nearness(cs []Clause, idf []float64, d int32) float64 {
	bonus := 0.0
	prev := ix.clauseStartsIn(cs[0], d)
	for i := 1; i < len(cs); i++ {
		next := ix.clauseStartsIn(cs[i], d)
		if gap := closest(prev, next, len(cs[i-1].Alts[0])); gap <= nearWindow {
			bonus += nearWeight * min(idf[i-1], idf[i]) / float64(gap)
		}
		prev = next
	}
	return bonus
}

// closest is the fewest words between a start in a and one in b, a clause
// of width words long: 1 when b follows a at once; b before a counts one
// more.
func closest(a, b []int32, width int) int {
	best := math.MaxInt32
	j := 0
	for _, p := range a {
		for j < len(b) && b[j] < p {
			j++
		}
		if j < len(b) {
			best = min(best, int(b[j]-p)-width+1)
		}
		if j > 0 {
			best = min(best, int(p-b[j-1])+1)
		}
	}
	return max(best, 1)
}

// Finding where an article's first match is reads the positions of every
// word the query expands to: done for the first passageDepth hits, which a
// command prints or a screen shows; the rest say PassageUnknown, and
// FirstPassage finds theirs when a row scrolls into view.
const (
	passageDepth   = 20
	PassageUnknown = -2
)

// FirstPassage is the passage of the first match of q in article doc's
// body, -1 when it matches only in the title block or references.
func (ix *Index) FirstPassage(q Query, doc int) int { return ix.firstBodyMatch(q, int32(doc)) }

// byScore orders hits: more of the query's words (when not every hit has
// them all), higher score, then earlier article.
func byScore(a, b Hit) int {
	// early returns: this is the heap's comparison, made for every article
	// a common word is in
	switch {
	case a.clauses != b.clauses:
		return cmp.Compare(b.clauses, a.clauses)
	case a.Score != b.Score:
		return cmp.Compare(b.Score, a.Score)
	}
	return cmp.Compare(a.Doc, b.Doc)
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
	if len(c.Alts) == 1 && len(c.Alts[0]) == 1 && !c.fromCompound {
		return ix.termDocs(c.Alts[0][0])
	}
	// room for the most it can match, no more than every article: a word
	// being typed is many words, and growing the list by doubling was half
	// of what a key allocated
	most := 0
	for _, alt := range c.Alts {
		if len(alt) == 0 {
			continue
		}
		if p := ix.postingOf(alt[0]); p != nil {
			most += int(p.df)
		}
	}
	out := make([]docMatch, 0, min(most, len(ix.docLen)))
	ix.eachClauseDoc(c, c.fromCompound, func(m docMatch, _ []int32) {
		out = append(out, m)
	})
	return out
}

// termDocs is clauseDocs for one word: its list read straight through,
// positions skipped (the first position is not set). Most clauses are one
// word, and a common one is in most articles.
func (ix *Index) termDocs(term string) []docMatch {
	p := ix.postingOf(term)
	if p == nil {
		return nil
	}
	out := make([]docMatch, 0, p.df)
	it := p.iter()
	for it.next() {
		out = append(out, docMatch{doc: it.doc, tf: it.count})
	}
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
	// the cursors in a heap by article: a word being typed is up to 64
	// alternatives, and finding the next article by looking at each was
	// most of a keystroke's cost in a large library
	h := cursorHeap(cursors)
	h.init()
	var union []int32
	for len(h) > 0 {
		d := h[0].m.doc
		m := docMatch{doc: d, first: math.MaxInt32}
		union = union[:0]
		for len(h) > 0 && h[0].m.doc == d {
			cur := h[0]
			m.tf += cur.m.tf
			m.first = min(m.first, cur.m.first)
			union = append(union, cur.starts...)
			if cur.next() {
				h.down(0)
			} else {
				h.pop()
			}
		}
		if withStarts {
			slices.Sort(union)
			union = slices.Compact(union)
			m.tf, m.first = int32(len(union)), union[0]
		}
		fn(m, union)
	}
}

// cursorHeap is a min-heap of cursors by their current article.
type cursorHeap []*altCursor

func (h cursorHeap) init() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

func (h cursorHeap) down(i int) {
	for {
		least, l, r := i, 2*i+1, 2*i+2
		if l < len(h) && h[l].m.doc < h[least].m.doc {
			least = l
		}
		if r < len(h) && h[r].m.doc < h[least].m.doc {
			least = r
		}
		if least == i {
			return
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
}

// pop removes the first cursor.
func (h *cursorHeap) pop() {
	old := *h
	n := len(old) - 1
	old[0] = old[n]
	*h = old[:n]
	h.down(0)
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
		if p.df < ix.postingOf(alt[cur.driver]).df {
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
// index does not know is replaced, where it stands in the query as typed,
// by the closest known spelling. It returns "" when it has nothing better
// to offer.
func (ix *Index) Suggest(q Query) string {
	fixes := map[string]string{}
	looked := 0 // each look-up reads the whole vocabulary
	for _, c := range q.Must {
		for _, word := range strings.Fields(c.Text) {
			word = strings.Trim(word, `"`)
			if _, done := fixes[word]; done || ix.known(word) || looked == maxSuggestLookups {
				continue
			}
			looked++
			if best := ix.closest(Fold(word)); best != "" {
				fixes[word] = best
			}
		}
	}
	if len(fixes) == 0 {
		return ""
	}
	out := replaceWords(q.Raw, fixes)
	// a suggestion is only worth making if it finds something
	if out == q.Raw || ix.Search(ix.an.ParseQuery(out), 1, nil).Total == 0 {
		return ""
	}
	return out
}

// replaceWords replaces the words of s that fixes has, each where it stands
// as a whole word (between spaces, quotes and a leading "-"): never inside
// another word, as "xchange" is inside "exchanges".
func replaceWords(s string, fixes map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == '"' || r == '-' && (i == 0 || wordBreak(s[:i])) {
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		end := strings.IndexFunc(s[i:], func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
		if end < 0 {
			end = len(s) - i
		}
		word := s[i : i+end]
		if fix, ok := fixes[word]; ok {
			word = fix
		}
		b.WriteString(word)
		i += end
	}
	return b.String()
}

// wordBreak reports whether what comes before a position ends a word: a
// "-" after it begins an exclusion, not a hyphenated word.
func wordBreak(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsSpace(r) || r == '"' || r == '-'
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

// closest returns the known spelling a person most likely meant by word:
// the most used one it begins ("guar": guarantees), else the nearest by
// edit distance (at most 2, and at most a third of the word: nothing for
// a word of one or two letters), preferring common terms. A stop word is
// never offered: "x" is not a typo of "a".
func (ix *Index) closest(word string) string {
	n := len([]rune(word))
	if n >= 3 {
		for _, term := range ix.termsWithPrefix(word) {
			if sp := ix.surface(term); !isStopWord(sp) {
				return sp
			}
		}
	}
	limit := min(2, n/3)
	if limit == 0 {
		return ""
	}
	best, bestTerm, bestDist, bestDF := "", "", limit+1, 0
	for i := range ix.numSpellings() {
		sp := ix.spellingAt(i)
		term, spelling := sp.term, sp.word
		m := len([]rune(spelling))
		if m-n > limit || n-m > limit || spelling == word || isStopWord(spelling) {
			continue
		}
		d := levenshtein.ComputeDistance(word, spelling)
		df := ix.docFreq(term)
		if d < bestDist || d == bestDist && (df > bestDF || df == bestDF && spelling < best) {
			best, bestTerm, bestDist, bestDF = spelling, term, d, df
		}
	}
	if bestTerm == "" {
		return ""
	}
	return ix.surface(bestTerm) // a real spelling, not the term's stem
}
