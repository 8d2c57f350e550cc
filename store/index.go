package store

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"dispatch/store/article"
)

// Index is an inverted index of a library: for every term, the articles
// holding it and the word positions, plus what BM25 ranking and passage
// lookups need. It is immutable once built and safe for concurrent use.
type Index struct {
	an        *Analyzer
	dict      map[string]int32 // term -> id
	postings  []postingList    // by term id
	docLen    []int32          // words per article
	avgLen    float64
	fields    [][]field         // per article, in position order
	passLen   [][]int32         // per article, words in each passage
	surface   map[string]string // term -> most frequent folded spelling, for suggestions
	spellings []spelling        // every folded spelling, sorted, for prefixes

	names map[int32]bool // terms written capitalised mid-sentence: names

	scratch    []byte // while building
	totalWords int

	termsOnce sync.Once
	byID      []string // term by id, see terms
}

// field is a stretch of an article's word positions that belongs to one
// passage (or to the title block, passage -1).
type field struct {
	start   int32
	passage int32
}

// positionGap separates fields, so phrases never match across passages.
const positionGap = 1

func newIndex(an *Analyzer, capacity int) *Index {
	return &Index{
		an: an, dict: map[string]int32{}, surface: map[string]string{}, names: map[int32]bool{},
		docLen: make([]int32, 0, capacity), fields: make([][]field, 0, capacity), passLen: make([][]int32, 0, capacity),
	}
}

// add indexes the next article.
func (ix *Index) add(dt docTokens) {
	d := int32(len(ix.docLen))
	for _, tp := range dt.terms {
		ix.scratch = ix.postingFor(tp.term).add(d, tp.positions, ix.scratch)
	}
	ix.docLen = append(ix.docLen, dt.words)
	ix.fields = append(ix.fields, dt.fields)
	ix.passLen = append(ix.passLen, dt.passLen)
	ix.totalWords += int(dt.words)
}

// finish completes the index once every article is added.
func (ix *Index) finish(caches []*wordStats) {
	if n := len(ix.docLen); n > 0 {
		ix.avgLen = float64(ix.totalWords) / float64(n)
	}
	ix.scratch = nil
	for i := range ix.postings {
		ix.postings[i].trim()
	}
	ix.gatherSpellings(caches)
}

func (ix *Index) postingFor(term string) *postingList {
	id, ok := ix.dict[term]
	if !ok {
		id = int32(len(ix.postings))
		ix.dict[term] = id
		ix.postings = append(ix.postings, postingList{})
	}
	return &ix.postings[id]
}

// docTokens is one article tokenized: its terms with their positions.
type docTokens struct {
	terms   []termPositions
	words   int32
	fields  []field
	passLen []int32
}

type termPositions struct {
	term      string
	positions []int32
}

// wordStats normalises words for one tokenizing goroutine and counts, for
// each spelling, how often it occurs and how often capitalised where no
// sentence starts: names. No locks: each goroutine has its own. Each word is
// looked up once: its stat leads to its term's slot in the article being
// tokenized.
type wordStats struct {
	words map[string]*wordStat
	terms map[string]*termSlot
	cur   *wordStat // the stat of the word Term normalised last
	doc   int32     // counts the articles tokenized, to tell slots apart
	fresh int       // words of the current article seen for the first time
}

// maxFreshWords bounds the words an article may bring that were not seen
// before: each costs a stemming and a table entry, so a file of gibberish
// would take seconds. A long book uses fewer; past the bound an article's
// new words are not indexed.
const maxFreshWords = 50_000

type wordStat struct {
	slot     *termSlot
	folded   string // the word lower-cased and accent-folded
	n        int32  // occurrences
	midUpper int32  // capitalised occurrences inside a sentence of prose
}

// termSlot is a term and, while an article is tokenized, where its
// positions go.
type termSlot struct {
	term  string
	doc   int32 // the article index refers to
	index int   // into that article's terms
}

// maxWordStats bounds one goroutine's table of spellings; words beyond it
// are still indexed, only not counted.
const maxWordStats = 1 << 20

func newWordStats() *wordStats {
	return &wordStats{words: map[string]*wordStat{}, terms: map[string]*termSlot{}}
}

// Term normalises one word, counting it.
func (ws *wordStats) Term(word string) string {
	if s, ok := ws.words[word]; ok {
		s.n++
		ws.cur = s
		return s.slot.term
	}
	if ws.fresh++; ws.fresh > maxFreshWords {
		ws.cur = &wordStat{slot: &termSlot{doc: -1}}
		return ""
	}
	folded, t := "", ""
	if hasWordRune(word) {
		folded, t = foldAndStem(word)
	}
	slot, ok := ws.terms[t]
	if !ok {
		slot = &termSlot{term: t, doc: -1}
		if t != "" && len(ws.terms) < maxWordStats {
			ws.terms[t] = slot
		}
	}
	s := &wordStat{slot: slot, folded: folded, n: 1}
	if len(ws.words) < maxWordStats {
		ws.words[word] = s
	}
	ws.cur = s
	return t
}

// tokenizeArticle tokenizes the fields of a with content c, one position
// gap apart.
func (ws *wordStats) tokenizeArticle(a *article.Article, c *article.Content) docTokens {
	var dt docTokens
	dt.passLen = make([]int32, len(c.Passages))
	ws.doc++
	ws.fresh = 0
	record := func(slot *termSlot, pos int32) {
		if slot.doc != ws.doc {
			slot.doc, slot.index = ws.doc, len(dt.terms)
			dt.terms = append(dt.terms, termPositions{term: slot.term})
		}
		dt.terms[slot.index].positions = append(dt.terms[slot.index].positions, pos)
	}
	next := int32(0)
	add := func(text string, passage int32, prose bool) {
		if text == "" {
			return
		}
		dt.fields = append(dt.fields, field{start: next, passage: passage})
		words, prevEnd := int32(0), 0
		scanTokens(text, ws,
			func(w Token) {
				s := ws.cur
				record(s.slot, next+int32(w.Pos))
				words++
				if prose {
					// names: capitalised where no sentence starts
					if r, _ := utf8.DecodeRuneInString(text[w.Start:]); unicode.IsUpper(r) && !startsSentence(text[prevEnd:w.Start], w.Pos == 0) {
						s.midUpper++
					}
				}
				prevEnd = w.End
			},
			func(comp Token) { record(ws.cur.slot, next+int32(comp.Pos)) })
		next += words + positionGap
		dt.words += words
		if passage >= 0 {
			dt.passLen[passage] = words
		}
	}
	add(a.Title, -1, false)
	add(a.Dek, -1, false)
	add(a.Byline, -1, false)
	for i, p := range c.Passages {
		add(p.Text, int32(i), p.Kind != article.Heading)
	}
	for _, r := range a.References {
		add(r, -1, false)
	}
	return dt
}

// gatherSpellings merges the goroutines' spelling counts: every folded
// spelling for prefix search, each term's most frequent one for display, and
// the terms mostly capitalised inside sentences, which are names.
func (ix *Index) gatherSpellings(caches []*wordStats) {
	// one entry per raw word and goroutine; sorted, the spellings of a term
	// and the counts of a spelling lie together
	type use struct {
		term, spelling string
		n              int32
	}
	var uses []use
	upper, lower := make([]int32, len(ix.postings)), make([]int32, len(ix.postings))
	for _, ws := range caches {
		for raw, s := range ws.words {
			id, ok := ix.dict[s.slot.term]
			if !ok {
				continue
			}
			uses = append(uses, use{s.slot.term, s.folded, s.n})
			if r, _ := utf8.DecodeRuneInString(raw); unicode.IsUpper(r) {
				upper[id] += s.midUpper
			} else {
				lower[id] += s.n
			}
		}
	}
	slices.SortFunc(uses, func(a, b use) int {
		return cmp.Or(strings.Compare(a.term, b.term), strings.Compare(a.spelling, b.spelling))
	})
	ix.spellings = make([]spelling, 0, len(uses))
	for i := 0; i < len(uses); {
		// the run of one term
		term := uses[i].term
		best, most := "", int32(-1)
		for i < len(uses) && uses[i].term == term {
			sp, n := uses[i].spelling, int32(0)
			for ; i < len(uses) && uses[i].term == term && uses[i].spelling == sp; i++ {
				n += uses[i].n
			}
			if n > most {
				best, most = sp, n
			}
			ix.spellings = append(ix.spellings, spelling{word: stripHyphens(sp), term: term})
		}
		ix.surface[term] = best
	}
	slices.SortFunc(ix.spellings, func(a, b spelling) int {
		return cmp.Or(strings.Compare(a.word, b.word), strings.Compare(a.term, b.term))
	})
	ix.spellings = slices.Compact(ix.spellings)
	for id, c := range upper {
		// mostly capitalised where a sentence does not start: a name
		if c > 0 && c >= 2*lower[id] {
			ix.names[int32(id)] = true
		}
	}
}

// startsSentence reports whether a word after the text between reads as the
// start of a sentence: first in its passage, or after ". ", "? ", "! " or ":".
func startsSentence(between string, first bool) bool {
	if first {
		return true
	}
	return strings.ContainsAny(between, ".?!:;“\"")
}

func stripHyphens(s string) string {
	if !strings.ContainsAny(s, "-\u2010\u2011") {
		return s
	}
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

// postingOf returns the posting list of term, or nil.
func (ix *Index) postingOf(term string) *postingList {
	if id, ok := ix.dict[term]; ok {
		return &ix.postings[id]
	}
	return nil
}

// docFreq is the number of articles holding term.
func (ix *Index) docFreq(term string) int {
	if p := ix.postingOf(term); p != nil {
		return int(p.df)
	}
	return 0
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
