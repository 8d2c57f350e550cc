package store

import (
	"cmp"

	"github.com/kljensen/snowball/english"

	_ "embed"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"dispatch/internal/fold"

	"dispatch/internal/recovered"
	"dispatch/store/article"
)

// Related-content tuning.
const (
	maxVectorTerms     = 64   // an article is described by its most distinctive terms
	maxSharedTerms     = 5    // terms shown to explain a relation
	textWeight         = 0.75 // the rest of a score is topic overlap
	minRelatedScore    = 0.05 // below this, articles are not related
	minPassageScore    = 0.05 // below this, passages are not related
	maxRelatedArticles = 10
	maxRelatedPassages = 5
	candidateArticles  = 10 // related passages are looked for in the most related articles
	confidentTerms     = 6  // passages with fewer distinct terms are compared with less confidence
)

// RelatedArticle is an article like another, and why.
type RelatedArticle struct {
	Doc          int
	Score        float64  // 0..1: text similarity blended with topic overlap
	SharedTerms  []string // the distinctive words both use most, as spelt in the text
	SharedTopics []int    // topics both carry
}

// RelatedPassage is a passage of another article like a given passage.
type RelatedPassage struct {
	Doc, Passage int
	Score        float64
	SharedTerms  []string
}

// vector is a sparse, L2-normalised TF-IDF vector, sorted by term id.
type vector struct {
	ids []int32
	w   []float32
}

// Related finds articles and passages alike. Article vectors are built on
// first use (a reader's first screen does not need them; Library.Warm builds
// them in the background); passage vectors and results are computed when
// first asked for and kept. It is safe for concurrent use.
type Related struct {
	ix     *Index
	defs   Topics // their words weigh more
	topics *Coverage
	n      int                          // articles
	art    func(d int) *article.Article // article d

	vectors sync.Once
	built   atomic.Bool // the vectors are ready
	// saved, when not nil, is a saved index's related data: vectors and
	// term lists are then read from it as needed, not built
	saved   savedRelated
	err     error // why there are none, when building them failed
	block   int   // articles whose vectors are built together
	docs    []vector
	byTerm  [][]docWeight // by term id: the articles whose vector has it
	idf     []float32     // by term id
	passIDF []float32     // by term id: rarity among passages, for passages
	// class is, by term id, the term passages are compared by: one for
	// every word of a family as a full English stemmer has it (final,
	// finalized; secure, security). Search keeps those words apart (see
	// stem); two passages using them are still on the same thing.
	class []int32
	stop  []bool // by term id: stop words carry no meaning

	mu       sync.Mutex
	passages map[int][]vector             // by article
	passInv  map[int]map[int32][]passTerm // by article: term -> passages using it
	articles map[int][]RelatedArticle
	dots     []float64                  // by article: scratch for summing dot products
	passRel  map[int][][]RelatedPassage // by article, then passage
}

//go:embed generic.txt
var genericWordsText string

// Term boosts: a topic word or a name says more about what an article is
// about than an ordinary word.
const (
	topicTermBoost = 1.5
	nameBoost      = 2
)

// genericTerms analyses the generic word list into a set of terms.
func genericTerms(an *Analyzer) map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(genericWordsText, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			out[an.Term(w)] = true
		}
	}
	return out
}

// newRelated returns the relations of a library's articles.
func newRelated(ix *Index, defs Topics, topics *Coverage, n int, art func(d int) *article.Article) *Related {
	return &Related{ix: ix, defs: defs, topics: topics, n: n, art: art, block: vectorBlock,
		passages: map[int][]vector{}, passInv: map[int]map[int32][]passTerm{}, articles: map[int][]RelatedArticle{}, passRel: map[int][][]RelatedPassage{}}
}

// ready builds the article vectors, once.
func (r *Related) ready() { r.vectors.Do(r.buildVectors) }

// Err reports why nothing is related, when building the article vectors
// failed (an internal error, recovered); it builds them if need be.
func (r *Related) Err() error {
	r.ready()
	return r.err
}

// vectorBlock is how many articles' vectors are built together: their
// heaps of heaviest terms stay in cache while every posting list is walked
// over the block, which at 100,000 articles is several times faster than
// one walk over a heap per article scattered through memory.
const vectorBlock = 2048

// buildVectors builds each article's vector of its most distinctive terms,
// blocks of articles in parallel.
func (r *Related) buildVectors() {
	if r.saved != nil && r.saved.relatedTerms(r) {
		r.built.Store(true)
		return
	}
	ix := r.ix
	r.weighTerms()
	var eligible []int32 // terms that can describe an article
	for id := range ix.numKeys() {
		if !r.stop[id] && r.idf[id] > 0 {
			eligible = append(eligible, int32(id))
		}
	}
	n := r.n
	r.docs = make([]vector, n)
	blocks := (n + r.block - 1) / r.block
	var next atomic.Int64
	var wg sync.WaitGroup
	var failure atomic.Pointer[error]
	for range min(runtime.GOMAXPROCS(0), blocks) {
		wg.Go(func() {
			// a panic here would end the reader without restoring the
			// terminal: it leaves the library without relations instead
			defer func() {
				if p := recover(); p != nil {
					err := fmt.Errorf("related articles: %w", recovered.Error(p))
					failure.CompareAndSwap(nil, &err)
				}
			}()
			// blocks are taken in ascending order, so each term's place in
			// its posting list only moves forward
			places := make([]postingPlace, len(eligible))
			tops := make([]heaviest, min(r.block, n))
			for {
				b := int(next.Add(1)) - 1
				if b >= blocks {
					return
				}
				lo, hi := b*r.block, min(n, (b+1)*r.block)
				tops := tops[:hi-lo]
				for i := range tops {
					tops[i] = tops[i][:0]
				}
				for i, id := range eligible {
					it := places[i].resume(ix.list(id))
					if !it.seek(int32(lo)) {
						places[i].save(&it)
						continue
					}
					for it.doc < int32(hi) {
						tops[int(it.doc)-lo].offer(termWeight{id, r.weight(id, int(it.count))}, maxVectorTerms)
						if !it.next() {
							break
						}
					}
					places[i].save(&it)
				}
				r.normalizeBlock(lo, tops)
			}
		})
	}
	wg.Wait()
	if err := failure.Load(); err != nil {
		r.err = *err
		r.docs = make([]vector, n)
	}
	r.indexVectors()
	r.built.Store(true)
}

// weighTerms sets every term's inverse document frequency, boosted for
// names and topic words, and marks the stop words.
func (r *Related) weighTerms() {
	ix := r.ix
	n := float64(r.n)
	keys := ix.numKeys()
	r.idf = make([]float32, keys)
	r.passIDF = make([]float32, keys)
	r.stop = make([]bool, keys)
	// a word in every article may still be in few of their passages:
	// passages are weighed by how many of them a word could be in at most
	passages := 0.0
	for d := range r.n {
		passages += float64(len(ix.passLenOf(d)))
	}
	generic := genericTerms(ix.an)
	boosted := map[string]bool{}
	for _, st := range r.defs.analyse(ix.an) {
		for _, c := range st.clauses {
			for _, alt := range c.Alts {
				for _, term := range alt {
					boosted[term] = true
				}
			}
		}
	}
	r.class = make([]int32, keys)
	classOf := map[string]int32{}
	classCF := make([]int64, keys)
	stems := make([]string, keys) // Snowball is slow: each key's stem once
	for id := range int32(keys) {
		term := ix.keyAt(id)
		r.class[id] = int32(id)
		if isDerivedKey(term) || !fold.IsASCII(term) {
			continue
		}
		key := english.Stem(term, false)
		stems[id] = key
		// the class is shown by its most used member ("security", not
		// "secure"), the first of those equally used
		if rep, ok := classOf[key]; !ok || ix.list(id).cf > ix.list(rep).cf {
			classOf[key] = id
		}
		r.class[id] = -1 // set below, once each class's member is known
	}
	for id := range int32(keys) {
		if r.class[id] != -1 {
			continue // in no class but its own
		}
		rep := classOf[stems[id]]
		r.class[id] = rep
		classCF[rep] += ix.list(id).cf
	}
	for id := range int32(keys) {
		term, pl := ix.keyAt(id), ix.list(id)
		df := float64(pl.df)
		// a name where at least half the articles using it write it as
		// one; a part where every article meets it inside a compound
		var name, part bool
		if !isDerivedKey(term) {
			names, parts := pl.flagged()
			name, part = 2*float64(names) >= df, float64(parts) >= df
		}
		// smoothed, so a word in every article weighs little but not nothing
		r.idf[id] = float32(math.Log((n + 1) / (df + 0.5)))
		r.passIDF[id] = float32(math.Log((passages + 1) / (min(float64(max(classCF[id], pl.cf)), passages) + 0.5)))
		switch {
		case name:
			r.idf[id] *= nameBoost
			r.passIDF[id] *= nameBoost
		case boosted[term]:
			r.idf[id] *= topicTermBoost
			r.passIDF[id] *= topicTermBoost
		}
		// derived lists are not words; a word met mostly inside a compound
		// ("style" of "Israel-style") says less than the compound does
		r.stop[id] = isDerivedKey(term) || part || generic[term] || isStopWord(term) || isStopWord(ix.surface(term)) ||
			len(term) < 3 || !strings.ContainsFunc(term, unicode.IsLetter)
	}
}

// postingPlace is where a walk over a posting list stopped: an iterator
// without the list, small enough to keep one per term.
type postingPlace struct {
	off, doc, count int32
	seen            bool
}

func (pl postingPlace) resume(p *postingList) postingIter {
	it := p.iter()
	it.off, it.doc, it.count, it.seen = int(pl.off), pl.doc, pl.count, pl.seen
	return it
}

func (pl *postingPlace) save(it *postingIter) {
	*pl = postingPlace{off: int32(it.off), doc: it.doc, count: it.count, seen: it.seen}
}

// normalizeBlock turns the heaviest terms of articles lo.. into their
// vectors, sharing one allocation.
func (r *Related) normalizeBlock(lo int, tops []heaviest) {
	total := 0
	for _, t := range tops {
		total += len(t)
	}
	ids, ws := make([]int32, 0, total), make([]float32, 0, total)
	for i, t := range tops {
		v := normalized(t, ids[len(ids):len(ids):len(ids)+len(t)], ws[len(ws):len(ws):len(ws)+len(t)])
		ids, ws = ids[:len(ids)+len(t)], ws[:len(ws)+len(t)]
		r.docs[lo+i] = v
	}
}

// indexVectors lists, for each term, the articles whose vector holds it
// and its weight there, in article order.
func (r *Related) indexVectors() {
	counts := make([]int32, len(r.idf))
	total := 0
	for _, v := range r.docs {
		for _, id := range v.ids {
			counts[id]++
		}
		total += len(v.ids)
	}
	all := make([]docWeight, total)
	r.byTerm = make([][]docWeight, len(r.idf))
	at := 0
	for id, c := range counts {
		r.byTerm[id] = all[at : at : at+int(c)]
		at += int(c)
	}
	for d, v := range r.docs {
		for i, id := range v.ids {
			r.byTerm[id] = append(r.byTerm[id], docWeight{int32(d), v.w[i]})
		}
	}
}

// docWeight is a term's weight in one article's vector.
type docWeight struct {
	doc int32
	w   float32
}

// termWeight is a term and its TF-IDF weight in one text.
type termWeight struct {
	id int32
	w  float32
}

// heaviest keeps the heaviest terms offered: a min-heap by weight. It is
// best[termWeight] written out: building vectors offers it every posting
// of a library, where an indirect call per comparison shows.
type heaviest []termWeight

func (h *heaviest) offer(t termWeight, limit int) {
	s := *h
	if len(s) < limit {
		s = append(s, t)
		for i := len(s) - 1; i > 0; {
			parent := (i - 1) / 2
			if !lighter(s[i], s[parent]) {
				break
			}
			s[i], s[parent] = s[parent], s[i]
			i = parent
		}
		*h = s
		return
	}
	if !lighter(s[0], t) {
		return
	}
	s[0] = t
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(s) && lighter(s[l], s[m]) {
			m = l
		}
		if r < len(s) && lighter(s[r], s[m]) {
			m = r
		}
		if m == i {
			break
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
}

// lighter orders term weights: lighter first, then the later term.
func lighter(a, b termWeight) bool {
	if a.w != b.w {
		return a.w < b.w
	}
	return a.id > b.id
}

// weight is the TF-IDF weight of a term occurring n times.
func (r *Related) weight(id int32, n int) float32 {
	if n < len(termFrequencyWeights) {
		return termFrequencyWeights[n] * r.idf[id]
	}
	return (1 + float32(math.Log(float64(n)))) * r.idf[id]
}

// termFrequencyWeights are 1+log(n) for the counts most terms have: the
// logarithm was a tenth of building vectors for a large library.
var termFrequencyWeights = func() (t [64]float32) {
	for n := 1; n < len(t); n++ {
		t[n] = 1 + float32(math.Log(float64(n)))
	}
	return t
}()

// normalized turns term weights into a vector sorted by term, of length 1,
// appending to ids and w. It sorts ws.
func normalized(ws []termWeight, ids []int32, w []float32) vector {
	slices.SortFunc(ws, func(a, b termWeight) int { return cmp.Compare(a.id, b.id) })
	var norm float64
	for _, x := range ws {
		norm += float64(x.w) * float64(x.w)
	}
	for _, x := range ws {
		ids, w = append(ids, x.id), append(w, float32(float64(x.w)/math.Sqrt(norm)))
	}
	return vector{ids: ids, w: w}
}

// vectorOf weighs all of a text's term counts into a vector.
func (r *Related) vectorOf(counts map[int32]int) vector {
	ws := make([]termWeight, 0, len(counts))
	for id, c := range counts {
		if w := r.weight(id, c) / r.idf[id] * r.passIDF[id]; w > 0 {
			ws = append(ws, termWeight{id, w})
		}
	}
	return normalized(ws, make([]int32, 0, len(ws)), make([]float32, 0, len(ws)))
}

// shared calls f with the places in a and in b of each term both hold, in
// term order.
func shared(a, b vector, f func(i, j int)) {
	for i, j := 0, 0; i < len(a.ids) && j < len(b.ids); {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			f(i, j)
			i, j = i+1, j+1
		}
	}
}

// dot is the cosine of two normalised vectors.
func dot(a, b vector) float64 {
	var s float64
	shared(a, b, func(i, j int) { s += float64(a.w[i]) * float64(b.w[j]) })
	return s
}

// sharedTerms lists the terms contributing most to a·b, as spelt in the
// text; terms that contribute as much are in the order of the terms
// themselves, not of their ids, which an index may number otherwise.
func (r *Related) sharedTerms(a, b vector) []string {
	type contrib struct {
		id int32
		v  float32
	}
	var cs []contrib
	shared(a, b, func(i, j int) { cs = append(cs, contrib{a.ids[i], a.w[i] * b.w[j]}) })
	slices.SortFunc(cs, func(x, y contrib) int {
		if x.v != y.v {
			return cmp.Compare(y.v, x.v)
		}
		return strings.Compare(r.ix.keyAt(x.id), r.ix.keyAt(y.id))
	})
	var out []string
	for _, c := range cs[:min(len(cs), maxSharedTerms)] {
		out = append(out, r.ix.surface(r.ix.keyAt(c.id)))
	}
	return out
}

// topicOverlap is the cosine of two articles' topic weights.
func (r *Related) topicOverlap(a, b int) float64 {
	wa, _ := r.topics.of(a)
	wb, _ := r.topics.of(b)
	return cosine(wa, wb)
}

func cosine[F float32 | float64](a, b []F) float64 {
	var d, na, nb float64
	for i := range a {
		x, y := float64(a[i]), float64(b[i])
		d += x * y
		na += x * x
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return d / math.Sqrt(na*nb)
}

// score blends text similarity with topic overlap.
func score(text, topics float64) float64 {
	return textWeight*text + (1-textWeight)*topics
}

// Articles returns the articles most like article d, best first, never d.
func (r *Related) Articles(d int) []RelatedArticle {
	r.ready()
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.articlesLocked(d)
}

func (r *Related) articlesLocked(d int) []RelatedArticle {
	if out, ok := r.articles[d]; ok {
		return out
	}
	// the dot products with every article sharing a distinctive term, summed
	// term by term in the order dot sums them, so scores equal Similarity's
	src := r.vec(d)
	if r.dots == nil {
		r.dots = make([]float64, r.n)
	}
	var touched []int32
	for i, id := range src.ids {
		for _, dw := range r.holders(id) {
			if int(dw.doc) == d {
				continue
			}
			if r.dots[dw.doc] == 0 {
				touched = append(touched, dw.doc)
			}
			r.dots[dw.doc] += float64(src.w[i]) * float64(dw.w)
		}
	}
	// best text first: the topic overlap (a cosine, at most 1) is read for
	// an article only while its score could still reach the ten best, so
	// a large library reads the topics of a few hundred articles, not of
	// the thousands sharing a term (the same ten, by the same scores);
	// they come from a heap, made in linear time, as far as they are used
	before := func(a, b int32) bool { return r.dots[a] > r.dots[b] || r.dots[a] == r.dots[b] && a < b }
	cands := heapOf(touched, before)
	top := newBest(maxRelatedArticles, byRank)
	for cands.len() > 0 {
		o := cands.peek()
		bound := score(r.dots[o], 1+1e-9) // a cosine may round past 1
		if bound < minRelatedScore || top.full() && bound < top.worst().Score {
			break
		}
		cands.pop()
		s := score(r.dots[o], r.topicOverlap(d, int(o)))
		r.dots[o] = 0
		if s < minRelatedScore {
			continue
		}
		top.add(RelatedArticle{Doc: int(o), Score: s})
	}
	for _, o := range cands.h { // the heap holds those not taken
		r.dots[o] = 0
	}
	best := top.sorted()
	for i := range best {
		o := best[i].Doc
		best[i].SharedTerms, best[i].SharedTopics = r.sharedTerms(src, r.vec(o)), r.sharedTopics(d, o)
	}
	r.articles[d] = best
	return best
}

// byRank orders related articles best first, then by list order.
func byRank(a, b RelatedArticle) int {
	return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc))
}

// Known reports whether Articles(d) and, for p >= 0, Passages(d, p) are
// already computed, so a caller can tell a lookup from work that may take
// a large library some milliseconds (or the vectors' build, seconds).
func (r *Related) Known(d, p int) bool {
	if !r.built.Load() {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.articles[d]; !ok {
		return false
	}
	if p < 0 {
		return true
	}
	all := r.passRel[d]
	return p < len(all) && all[p] != nil
}

// Similarity is the relatedness of articles a and b, symmetric, 0..1.
func (r *Related) Similarity(a, b int) float64 {
	r.ready()
	return score(dot(r.vec(a), r.vec(b)), r.topicOverlap(a, b))
}

// savedRelated is what a saved index holds of the related articles: the
// term weights, each article's vector and, by term, the articles whose
// vector holds it.
type savedRelated interface {
	relatedTerms(r *Related) bool // false: it holds none
	vector(d int) vector
	holders(id int32) []docWeight
}

// vec is article d's vector: built, or read from the saved index.
func (r *Related) vec(d int) vector {
	if r.docs == nil && r.saved != nil {
		return r.saved.vector(d)
	}
	return r.docs[d]
}

// holders are the articles whose vector holds term id, with its weight
// there, in article order.
func (r *Related) holders(id int32) []docWeight {
	if r.byTerm == nil && r.saved != nil {
		return r.saved.holders(id)
	}
	return r.byTerm[id]
}

func (r *Related) sharedTopics(a, b int) []int {
	var out []int
	for _, t := range r.topics.Carried(a) {
		if r.topics.Carries(b, t) {
			out = append(out, t)
		}
	}
	return out
}

// passTerm is one passage's weight for a term, in an inverted list.
type passTerm struct {
	passage int32
	w       float32
}

// passageIndex returns article d's passages by term, built once.
func (r *Related) passageIndex(d int) map[int32][]passTerm {
	if inv, ok := r.passInv[d]; ok {
		return inv
	}
	inv := map[int32][]passTerm{}
	for p, v := range r.passageVectors(d) {
		for i, id := range v.ids {
			inv[id] = append(inv[id], passTerm{int32(p), v.w[i]})
		}
	}
	r.passInv[d] = inv
	return inv
}

// passageVectors tokenizes article d's passages into vectors, once.
func (r *Related) passageVectors(d int) []vector {
	if vs, ok := r.passages[d]; ok {
		return vs
	}
	c, _ := r.art(d).Content() // an unreadable article has no passages to relate
	vs := make([]vector, len(c.Passages))
	for p, pass := range c.Passages {
		counts := map[int32]int{}
		t := r.ix.an.Tokenize(pass.Text)
		machine := machineSpans(pass.Text)
		for _, w := range slices.Concat(t.Words, t.Compounds) {
			if isMachineWord(pass.Text, machine, w.Start, w.End) {
				continue // an address, a label: see machine.go
			}
			if id, ok := r.ix.termID(w.Term); ok && !r.stop[id] {
				counts[r.class[id]]++
			}
		}
		vs[p] = r.vectorOf(counts)
	}
	r.passages[d] = vs
	return vs
}

// Passages returns the passages of other articles most like passage p of
// article d, best first.
func (r *Related) Passages(d, p int) []RelatedPassage {
	r.ready()
	r.mu.Lock()
	defer r.mu.Unlock()
	all, ok := r.passRel[d]
	if !ok {
		all = make([][]RelatedPassage, r.art(d).PassageCount)
		r.passRel[d] = all
	}
	if p < 0 || p >= len(all) {
		return nil
	}
	if all[p] != nil {
		return all[p]
	}
	vs := r.passageVectors(d)
	if p >= len(vs) {
		return nil // its text has fewer passages than the index knew: changed since, or gone
	}
	src := vs[p]
	top := newBest(maxRelatedPassages, passageRank)
	related := r.articlesLocked(d)
	for _, ra := range related[:min(candidateArticles, len(related))] {
		// accumulate the dot products of src with the article's passages
		// through their shared terms only
		inv := r.passageIndex(ra.Doc)
		dots := make([]float64, len(r.passageVectors(ra.Doc)))
		for i, id := range src.ids {
			for _, pt := range inv[id] {
				dots[pt.passage] += float64(src.w[i]) * float64(pt.w)
			}
		}
		for q, text := range dots {
			if text == 0 {
				continue
			}
			// "Security" matches "Security Architecture" perfectly and says
			// little: trust short passages less
			v := r.passageVectors(ra.Doc)[q]
			text *= min(1, float64(min(len(src.ids), len(v.ids)))/confidentTerms)
			// topics only confirm what the words say: two passages on one
			// topic that share no telling word are not alike
			s := text * (textWeight + (1-textWeight)*cosine(r.topics.passageScores(d, p), r.topics.passageScores(ra.Doc, q)))
			if s >= minPassageScore {
				top.add(RelatedPassage{Doc: ra.Doc, Passage: q, Score: s})
			}
		}
	}
	best := top.sorted()
	if best == nil {
		best = []RelatedPassage{} // not nil: known to be none
	}
	for i, rp := range best {
		best[i].SharedTerms = r.sharedTerms(src, r.passageVectors(rp.Doc)[rp.Passage])
	}
	all[p] = best
	return best
}

// passageRank orders related passages best first, then by place.
func passageRank(a, b RelatedPassage) int {
	return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc), cmp.Compare(a.Passage, b.Passage))
}

// Precompute computes every article's and passage's relations now, so later
// calls only look them up (worth it for small libraries).
func (r *Related) Precompute() {
	for d := range r.n {
		r.Articles(d)
		for p := range r.art(d).PassageCount {
			r.Passages(d, p)
		}
	}
}
