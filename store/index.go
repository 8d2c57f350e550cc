package store

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Index is an inverted index of a library: for every term, the articles
// holding it and the word positions, plus what BM25 ranking and passage
// lookups need. It is immutable once built and safe for concurrent use.
type Index struct {
	an        *Analyzer
	dict      map[string]int32 // term -> id
	postings  []posting        // by term id
	docLen    []int32          // words per article
	avgLen    float64
	fields    [][]field         // per article, in position order
	passLen   [][]int32         // per article, words in each passage
	surface   map[string]string // term -> most frequent folded spelling, for suggestions
	spellings []spelling        // every folded spelling, sorted, for prefixes

	names map[int32]bool // terms written capitalised mid-sentence: names

	termsOnce sync.Once
	byID      []string // term by id, see terms
}

// posting lists, for one term, the articles holding it (ascending) and the
// positions in each: those of docs[i] are pos[offs[i]:offs[i+1]].
type posting struct {
	docs []int32
	offs []int32
	pos  []int32
}

// field is a stretch of an article's word positions that belongs to one
// passage (or to the title block, passage -1).
type field struct {
	start   int32
	passage int32
}

// positionGap separates fields, so phrases never match across passages.
const positionGap = 1

// BuildIndex indexes the articles' titles, deks, bylines, passages and
// references.
func BuildIndex(an *Analyzer, arts []Article) *Index {
	ix := &Index{an: an, dict: map[string]int32{}, surface: map[string]string{}, names: map[int32]bool{}}
	capitalised, lower := map[int32]int{}, map[int32]int{}
	ix.docLen = make([]int32, len(arts))
	ix.fields = make([][]field, len(arts))
	ix.passLen = make([][]int32, len(arts))
	spellings := map[string]map[string]int{}
	total := 0
	for d := range arts {
		perTerm := map[int32][]int32{}
		next := int32(0)
		add := func(text string, passage int32) {
			if text == "" {
				return
			}
			t := an.Tokenize(text)
			ix.fields[d] = append(ix.fields[d], field{start: next, passage: passage})
			prose := passage >= 0 && arts[d].Passages[passage].Kind != Heading
			prevEnd := 0
			for _, w := range t.Words {
				id := ix.termID(w.Term)
				perTerm[id] = append(perTerm[id], next+int32(w.Pos))
				countSpelling(spellings, w.Term, Fold(text[w.Start:w.End]))
				if prose && !startsSentence(text[prevEnd:w.Start], w.Pos == 0) {
					if r, _ := utf8.DecodeRuneInString(text[w.Start:]); unicode.IsUpper(r) {
						capitalised[id]++
					} else {
						lower[id]++
					}
				}
				prevEnd = w.End
			}
			for _, c := range t.Compounds {
				id := ix.termID(c.Term)
				perTerm[id] = append(perTerm[id], next+int32(c.Pos))
				countSpelling(spellings, c.Term, Fold(text[c.Start:c.End]))
			}
			next += int32(len(t.Words)) + positionGap
			ix.docLen[d] += int32(len(t.Words))
			if passage >= 0 {
				ix.passLen[d][passage] = int32(len(t.Words))
			}
		}
		a := &arts[d]
		ix.passLen[d] = make([]int32, len(a.Passages))
		add(a.Title, -1)
		add(a.Dek, -1)
		add(a.Byline, -1)
		for i, p := range a.Passages {
			add(p.Text, int32(i))
		}
		for _, r := range a.References {
			add(r, -1)
		}
		ids := make([]int32, 0, len(perTerm))
		for id := range perTerm {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			ps := perTerm[id]
			slices.Sort(ps) // compounds were appended after words
			pl := &ix.postings[id]
			if len(pl.offs) == 0 {
				pl.offs = append(pl.offs, 0)
			}
			pl.docs = append(pl.docs, int32(d))
			pl.pos = append(pl.pos, ps...)
			pl.offs = append(pl.offs, int32(len(pl.pos)))
		}
		total += int(ix.docLen[d])
	}
	if len(arts) > 0 {
		ix.avgLen = float64(total) / float64(len(arts))
	}
	for term, counts := range spellings {
		best, n := "", -1
		for s, c := range counts {
			if c > n || c == n && s < best {
				best, n = s, c
			}
			ix.spellings = append(ix.spellings, spelling{word: stripHyphens(s), term: term})
		}
		ix.surface[term] = best
	}
	for id, c := range capitalised {
		// mostly capitalised where a sentence does not start: a name
		ix.names[id] = c >= 2*lower[id]
	}
	slices.SortFunc(ix.spellings, func(a, b spelling) int { return strings.Compare(a.word, b.word) })
	return ix
}

func (ix *Index) termID(term string) int32 {
	id, ok := ix.dict[term]
	if !ok {
		id = int32(len(ix.postings))
		ix.dict[term] = id
		ix.postings = append(ix.postings, posting{})
	}
	return id
}

// startsSentence reports whether a word after the text between reads as the
// start of a sentence: first in its passage, or after ". ", "? ", "! " or ":".
func startsSentence(between string, first bool) bool {
	if first {
		return true
	}
	return strings.ContainsAny(between, ".?!:;“\"")
}

func countSpelling(m map[string]map[string]int, term, spelling string) {
	c := m[term]
	if c == nil {
		c = map[string]int{}
		m[term] = c
	}
	c[spelling]++
}

func stripHyphens(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r != '-' && r != '\u2010' && r != '\u2011' {
			out = append(out, r)
		}
	}
	return string(out)
}

// terms returns the terms by id, building the table on first use.
func (ix *Index) terms() []string {
	ix.termsOnce.Do(func() {
		ix.byID = make([]string, len(ix.postings))
		for t, id := range ix.dict {
			ix.byID[id] = t
		}
	})
	return ix.byID
}

// Analyzer returns the analyzer the index was built with; queries must use it.
func (ix *Index) Analyzer() *Analyzer { return ix.an }

// postingOf returns the posting of term, or nil.
func (ix *Index) postingOf(term string) *posting {
	if id, ok := ix.dict[term]; ok {
		return &ix.postings[id]
	}
	return nil
}

// docFreq is the number of articles holding term.
func (ix *Index) docFreq(term string) int {
	if p := ix.postingOf(term); p != nil {
		return len(p.docs)
	}
	return 0
}

// positionsIn returns the positions of term in article d.
func (p *posting) positionsIn(d int32) []int32 {
	i := sort.Search(len(p.docs), func(i int) bool { return p.docs[i] >= d })
	if i == len(p.docs) || p.docs[i] != d {
		return nil
	}
	return p.pos[p.offs[i]:p.offs[i+1]]
}

// passageAt returns the passage holding word position pos of article d, or
// -1 for the title block and references.
func (ix *Index) passageAt(d int, pos int32) int {
	fs := ix.fields[d]
	i := sort.Search(len(fs), func(i int) bool { return fs[i].start > pos }) - 1
	if i < 0 {
		return -1
	}
	return int(fs[i].passage)
}

// spelling is one folded word as it occurs in the articles, with its term.
type spelling struct {
	word, term string
}

// maxPrefixTerms bounds how many words a typed prefix expands to.
const maxPrefixTerms = 64

// Expand resolves the word being typed in a query (see ParseTyping) into the
// indexed words it begins, most frequent first: each becomes an alternative,
// so "guar" finds guarantee, guaranteed and guard. A prefix nothing begins
// stays as typed, so the query finds nothing and Suggest can help.
func (ix *Index) Expand(q Query) Query {
	expand := func(cs []Clause) []Clause {
		out := slices.Clone(cs)
		for i, c := range out {
			if c.prefix == "" {
				continue
			}
			terms := ix.termsWithPrefix(c.prefix)
			if len(terms) == 0 {
				continue
			}
			base := c.Alts[0]
			c.Alts = nil
			for _, t := range terms {
				alt := append(slices.Clone(base[:len(base)-1]), t)
				c.Alts = append(c.Alts, alt)
			}
			c.prefix = ""
			out[i] = c
		}
		return out
	}
	q.Must, q.Not = expand(q.Must), expand(q.Not)
	return q
}

// termsWithPrefix returns the terms of the words beginning with prefix, the
// most widely used first.
func (ix *Index) termsWithPrefix(prefix string) []string {
	i := sort.Search(len(ix.spellings), func(i int) bool { return ix.spellings[i].word >= prefix })
	seen := map[string]bool{}
	var terms []string
	for ; i < len(ix.spellings) && strings.HasPrefix(ix.spellings[i].word, prefix); i++ {
		if t := ix.spellings[i].term; !seen[t] {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	slices.SortStableFunc(terms, func(a, b string) int { return ix.docFreq(b) - ix.docFreq(a) })
	if len(terms) > maxPrefixTerms {
		terms = terms[:maxPrefixTerms]
	}
	return terms
}
