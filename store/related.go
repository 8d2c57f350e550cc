package store

import (
	"cmp"
	_ "embed"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/kljensen/snowball/english"
)

// Related-content tuning.
const (
	maxVectorTerms     = 64   // an article is described by its most distinctive terms
	maxSharedTerms     = 5    // terms shown to explain a relation
	textWeight         = 0.75 // the rest of a score is topic overlap
	minRelatedScore    = 0.05 // below this, articles are not related
	minPassageScore    = 0.12 // below this, passages are not related
	maxRelatedArticles = 10
	maxRelatedPassages = 5
	candidateArticles  = 10 // related passages are looked for in the most related articles
	confidentTerms     = 4  // passages with fewer distinct terms are compared with less confidence
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
	topics *TopicScores
	arts   []Article

	vectors sync.Once
	docs    []vector
	byTerm  map[int32][]int32 // term id -> articles whose vector has it
	idf     []float32         // by term id
	stop    []bool            // by term id: stop words carry no meaning

	mu       sync.Mutex
	passages map[int][]vector             // by article
	passInv  map[int]map[int32][]passTerm // by article: term -> passages using it
	articles map[int][]RelatedArticle
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

// NewRelated returns the relations of a library's articles.
func NewRelated(ix *Index, topics *TopicScores, arts []Article) *Related {
	return &Related{ix: ix, topics: topics, arts: arts,
		passages: map[int][]vector{}, passInv: map[int]map[int32][]passTerm{}, articles: map[int][]RelatedArticle{}, passRel: map[int][][]RelatedPassage{}}
}

// ready builds the article vectors, once.
func (r *Related) ready() { r.vectors.Do(r.buildVectors) }

// buildVectors builds each article's vector of its most distinctive terms.
func (r *Related) buildVectors() {
	ix, topics, arts := r.ix, r.topics, r.arts
	n := float64(len(arts))
	r.idf = make([]float32, len(ix.postings))
	r.stop = make([]bool, len(ix.postings))
	generic := genericTerms(ix.an)
	boosted := map[string]bool{}
	for _, st := range topics.Model.analyse(ix.an) {
		for _, c := range st.clauses {
			for _, alt := range c.Alts {
				for _, term := range alt {
					boosted[term] = true
				}
			}
		}
	}
	for term, id := range ix.dict {
		df := float64(ix.postings[id].df)
		// smoothed, so a word in every article weighs little but not nothing
		r.idf[id] = float32(math.Log((n + 1) / (df + 0.5)))
		switch {
		case ix.names[id]:
			r.idf[id] *= nameBoost
		case boosted[term]:
			r.idf[id] *= topicTermBoost
		}
		r.stop[id] = generic[term] || english.IsStopWord(term) || english.IsStopWord(ix.surface[term]) ||
			len(term) < 3 || !strings.ContainsFunc(term, unicode.IsLetter)
	}
	// one pass over the postings, keeping each article's heaviest terms
	tops := make([]heaviest, len(arts))
	for id := range ix.postings {
		if r.stop[id] || r.idf[id] <= 0 {
			continue
		}
		it := ix.postings[id].iter()
		for it.next() {
			tops[it.doc].offer(termWeight{int32(id), r.weight(int32(id), int(it.count))}, maxVectorTerms)
		}
	}
	r.docs = make([]vector, len(arts))
	r.byTerm = map[int32][]int32{}
	for d := range tops {
		r.docs[d] = normalized(tops[d])
		for _, id := range r.docs[d].ids {
			r.byTerm[id] = append(r.byTerm[id], int32(d))
		}
	}
}

// termWeight is a term and its TF-IDF weight in one text.
type termWeight struct {
	id int32
	w  float32
}

// heaviest keeps the heaviest terms offered: a min-heap by weight.
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
	return (1 + float32(math.Log(float64(n)))) * r.idf[id]
}

// normalized turns term weights into a vector sorted by term, of length 1.
func normalized(ws []termWeight) vector {
	ws = slices.Clone(ws)
	slices.SortFunc(ws, func(a, b termWeight) int { return cmp.Compare(a.id, b.id) })
	var norm float64
	for _, x := range ws {
		norm += float64(x.w) * float64(x.w)
	}
	v := vector{ids: make([]int32, len(ws)), w: make([]float32, len(ws))}
	for i, x := range ws {
		v.ids[i], v.w[i] = x.id, float32(float64(x.w)/math.Sqrt(norm))
	}
	return v
}

// vectorOf weighs all of a text's term counts into a vector.
func (r *Related) vectorOf(counts map[int32]int) vector {
	ws := make([]termWeight, 0, len(counts))
	for id, c := range counts {
		if w := r.weight(id, c); w > 0 {
			ws = append(ws, termWeight{id, w})
		}
	}
	return normalized(ws)
}

// dot is the cosine of two normalised vectors.
func dot(a, b vector) float64 {
	var s float64
	for i, j := 0, 0; i < len(a.ids) && j < len(b.ids); {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			s += float64(a.w[i]) * float64(b.w[j])
			i, j = i+1, j+1
		}
	}
	return s
}

// sharedTerms lists the terms contributing most to a·b, as spelt in the text.
func (r *Related) sharedTerms(a, b vector) []string {
	type contrib struct {
		id int32
		v  float32
	}
	var cs []contrib
	for i, j := 0, 0; i < len(a.ids) && j < len(b.ids); {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			cs = append(cs, contrib{a.ids[i], a.w[i] * b.w[j]})
			i, j = i+1, j+1
		}
	}
	slices.SortFunc(cs, func(x, y contrib) int { return cmp.Or(cmp.Compare(y.v, x.v), cmp.Compare(x.id, y.id)) })
	var out []string
	for _, c := range cs[:min(len(cs), maxSharedTerms)] {
		out = append(out, r.ix.surface[r.ix.terms()[c.id]])
	}
	return out
}

// topicOverlap is the cosine of two articles' topic weights.
func (r *Related) topicOverlap(a, b int) float64 {
	return cosine(r.topics.weights[a], r.topics.weights[b])
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
	var out []RelatedArticle
	for o := range r.candidates(d) {
		s := r.Similarity(d, o)
		if s < minRelatedScore {
			continue
		}
		out = append(out, RelatedArticle{Doc: o, Score: s, SharedTerms: r.sharedTerms(r.docs[d], r.docs[o]), SharedTopics: r.sharedTopics(d, o)})
	}
	slices.SortFunc(out, func(a, b RelatedArticle) int { return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc)) })
	if len(out) > maxRelatedArticles {
		out = out[:maxRelatedArticles]
	}
	r.articles[d] = out
	return out
}

// Similarity is the relatedness of articles a and b, symmetric, 0..1.
func (r *Related) Similarity(a, b int) float64 {
	r.ready()
	return score(dot(r.docs[a], r.docs[b]), r.topicOverlap(a, b))
}

// candidates are the articles sharing at least one distinctive term with d:
// the term is in both vectors, so the relation is found from either side.
func (r *Related) candidates(d int) map[int]bool {
	out := map[int]bool{}
	for _, id := range r.docs[d].ids {
		for _, o := range r.byTerm[id] {
			if int(o) != d {
				out[int(o)] = true
			}
		}
	}
	return out
}

func (r *Related) sharedTopics(a, b int) []int {
	var out []int
	for _, t := range r.topics.Topics(a) {
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
	c, _ := r.arts[d].Content() // an unreadable article has no passages to relate
	vs := make([]vector, len(c.Passages))
	for p, pass := range c.Passages {
		counts := map[int32]int{}
		t := r.ix.an.Tokenize(pass.Text)
		for _, w := range t.Words {
			if id, ok := r.ix.dict[w.Term]; ok && !r.stop[id] {
				counts[id]++
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
		all = make([][]RelatedPassage, r.arts[d].PassageCount)
		r.passRel[d] = all
	}
	if p < 0 || p >= len(all) {
		return nil
	}
	if all[p] != nil {
		return all[p]
	}
	src := r.passageVectors(d)[p]
	out := []RelatedPassage{}
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
			s := score(text, cosine(r.topics.passageScores(d, p), r.topics.passageScores(ra.Doc, q)))
			if s >= minPassageScore {
				out = append(out, RelatedPassage{Doc: ra.Doc, Passage: q, Score: s, SharedTerms: r.sharedTerms(src, v)})
			}
		}
	}
	slices.SortFunc(out, func(a, b RelatedPassage) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Doc, b.Doc), cmp.Compare(a.Passage, b.Passage))
	})
	if len(out) > maxRelatedPassages {
		out = out[:maxRelatedPassages]
	}
	all[p] = out
	return out
}

// Precompute computes every article's and passage's relations now, so later
// calls only look them up (worth it for small libraries).
func (r *Related) Precompute() {
	for d := range r.arts {
		r.Articles(d)
		for p := range r.arts[d].PassageCount {
			r.Passages(d, p)
		}
	}
}
