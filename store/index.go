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
	fields    [][]field  // per article, in position order
	passLen   [][]int32  // per article, words in each passage
	spellings []spelling // every folded spelling, sorted, for prefixes
	// variants are, by term, its indexed spellings other than the term
	// itself ("guarantees", "guaranteed" of "guarantee"), each with an
	// exact-form posting list
	variants map[string][]string

	scratch    []byte // while building
	totalWords int

	termsOnce sync.Once
	byID      []string // term by id, see terms

	snap *snapshot // the saved index it reads, when not built in memory
}

// field is a stretch of an article's word positions that belongs to one
// passage (or to the title block, passage -1).
type field struct {
	start   int32
	passage int32
}

// positionGap separates fields, so phrases never match across passages.
const positionGap = 1

// Besides its terms, the index keeps posting lists under derived keys, a
// control character ahead of the term so that no word can spell one:
//
//   - titleKey+term: the term's occurrences in the title and dek, which
//     ranking weighs more (BM25F);
//   - metaKey+term: its occurrences in the byline, source and references,
//     kept out of the term's own list so that they neither rank an article
//     as about a word nor relate two articles ("AP News", "Reuters");
//   - exactKey+spelling: the occurrences of an inflected spelling
//     ("guarantees"), so that the exact form asked for ranks above others.
const (
	titleKey = "\x01"
	metaKey  = "\x02"
	exactKey = "\x03"
)

// isDerivedKey reports a posting list that is not a term's own.
func isDerivedKey(key string) bool { return key != "" && key[0] < ' ' }

func newIndex(an *Analyzer, capacity int) *Index {
	return &Index{
		an: an, dict: map[string]int32{}, variants: map[string][]string{},
		docLen: make([]int32, 0, capacity), fields: make([][]field, 0, capacity), passLen: make([][]int32, 0, capacity),
	}
}

// add indexes the next article.
func (ix *Index) add(dt docTokens) {
	d := int32(len(ix.docLen))
	for _, tp := range dt.terms {
		ix.scratch = ix.postingFor(tp.term).add(d, tp.positions, tp.flags(), ix.scratch)
	}
	ix.docLen = append(ix.docLen, dt.words)
	ix.fields = append(ix.fields, dt.fields)
	ix.passLen = append(ix.passLen, dt.passLen)
	ix.totalWords += int(dt.words)
}

// finish completes the index once every article is added.
func (ix *Index) finish() {
	if n := len(ix.docLen); n > 0 {
		ix.avgLen = float64(ix.totalWords) / float64(n)
	}
	ix.scratch = nil
	for i := range ix.postings {
		ix.postings[i].trim()
	}
	ix.sortKeys()
	ix.gatherSpellings()
}

// sortKeys numbers the keys in sorted order, as a saved index has them, so
// that whatever breaks ties by key id (related terms) does not depend on
// the order articles were read in.
func (ix *Index) sortKeys() {
	keys := make([]string, 0, len(ix.dict))
	for k := range ix.dict {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	postings := make([]postingList, len(keys))
	for id, k := range keys {
		postings[id] = ix.postings[ix.dict[k]]
		ix.dict[k] = int32(id)
	}
	ix.postings, ix.byID = postings, keys
	ix.termsOnce.Do(func() {}) // byID is set
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
	// capitalised inside sentences of prose, written in lower case, and
	// inside a compound: for the flags (see nameFlag)
	upper, lower, parts int32
}

// flags are the term's flags in its article.
func (tp termPositions) flags() uint8 {
	var f uint8
	if tp.upper > 0 && tp.upper >= 2*tp.lower {
		f |= nameFlag
	}
	if tp.parts > 0 && 2*int(tp.parts) >= len(tp.positions) {
		f |= partFlag
	}
	return f
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
	slot   *termSlot
	folded string // the word lower-cased and accent-folded
	lower  bool   // written in lower case

	// the slots of its derived keys, made when first needed
	title, meta, exact *termSlot
}

// derived returns the slot of key for the article being tokenized, making
// it on first use and keeping it in *slot.
func (ws *wordStats) derived(slot **termSlot, key string) *termSlot {
	if *slot == nil {
		s, ok := ws.terms[key]
		if !ok {
			s = &termSlot{term: key, doc: -1}
			if len(ws.terms) < maxWordStats {
				ws.terms[key] = s
			}
		}
		*slot = s
	}
	return *slot
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
	r, _ := utf8.DecodeRuneInString(word)
	s := &wordStat{slot: slot, folded: folded, lower: unicode.IsLower(r)}
	if len(ws.words) < maxWordStats {
		ws.words[word] = s
	}
	ws.cur = s
	return t
}

// field kinds of an article, as tokenizeArticle indexes them.
type fieldKind int

const (
	titleField fieldKind = iota // title and dek: the term and its title key
	bodyField                   // passages: the term
	metaField                   // byline, source, references: the meta key only
)

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
	// recordAs records the word (or compound) just normalised, at pos, as
	// the field kind wants it
	recordAs := func(kind fieldKind, pos int32) {
		s := ws.cur
		if s.slot.term == "" {
			return
		}
		if kind == metaField {
			record(ws.derived(&s.meta, metaKey+s.slot.term), pos)
			return
		}
		record(s.slot, pos)
		if kind == titleField {
			record(ws.derived(&s.title, titleKey+s.slot.term), pos)
		}
		if s.folded != s.slot.term && s.folded != "" {
			record(ws.derived(&s.exact, exactKey+s.folded), pos)
		}
	}
	// termOf is the article's entry of a word's term, nil when the word
	// is not indexed under its term here (a byline's, or no word at all)
	termOf := func(s *wordStat) *termPositions {
		if s.slot.term == "" || s.slot.doc != ws.doc {
			return nil
		}
		return &dt.terms[s.slot.index]
	}
	next := int32(0)
	var fieldWords []*wordStat // by position in the field, for compounds
	add := func(text string, passage int32, kind fieldKind, prose bool) {
		if text == "" {
			return
		}
		dt.fields = append(dt.fields, field{start: next, passage: passage})
		words, prevEnd := int32(0), 0
		fieldWords = fieldWords[:0]
		scanTokens(text, ws,
			func(w Token) {
				s := ws.cur
				recordAs(kind, next+int32(w.Pos))
				fieldWords = append(fieldWords, s)
				words++
				if tp := termOf(s); tp != nil {
					// names: capitalised where no sentence starts
					if r, _ := utf8.DecodeRuneInString(text[w.Start:]); prose && unicode.IsUpper(r) && !startsSentence(text[prevEnd:w.Start], w.Pos == 0) {
						tp.upper++
					} else if s.lower {
						tp.lower++
					}
				}
				prevEnd = w.End
			},
			func(comp Token) {
				recordAs(kind, next+int32(comp.Pos))
				for _, part := range fieldWords[comp.Pos : comp.Pos+comp.Span] {
					if tp := termOf(part); tp != nil {
						tp.parts++
					}
				}
			})
		next += words + positionGap
		dt.words += words
		if passage >= 0 {
			dt.passLen[passage] = words
		}
	}
	add(a.Title, -1, titleField, false)
	add(a.Dek, -1, titleField, false)
	add(a.Byline, -1, metaField, false)
	add(a.Source, -1, metaField, false)
	for i, p := range c.Passages {
		add(p.Text, int32(i), bodyField, p.Kind != article.Heading)
	}
	for _, r := range a.References {
		add(r, -1, metaField, false)
	}
	return dt
}

// gatherSpellings works out, from the keys of the index alone, the folded
// spellings for prefix search — each term, and each spelling with an
// exact-form list — and each term's other spellings. Being derived from the
// posting lists, they are the same however the index was put together.
func (ix *Index) gatherSpellings() {
	ix.spellings = ix.spellings[:0]
	ix.variants = map[string][]string{}
	for key := range ix.dict { // built in memory: a saved index has them saved
		switch {
		case strings.HasPrefix(key, exactKey):
			sp := key[len(exactKey):]
			term := ix.an.Term(sp)
			ix.spellings = append(ix.spellings, spelling{word: stripHyphens(sp), term: term})
			ix.variants[term] = append(ix.variants[term], sp)
		case !isDerivedKey(key):
			ix.spellings = append(ix.spellings, spelling{word: key, term: key})
		}
	}
	slices.SortFunc(ix.spellings, func(a, b spelling) int {
		return cmp.Or(strings.Compare(a.word, b.word), strings.Compare(a.term, b.term))
	})
	ix.spellings = slices.Compact(ix.spellings)
	for _, vs := range ix.variants {
		slices.Sort(vs)
	}
}

// surface is the spelling of term shown to people: the one most used.
func (ix *Index) surface(term string) string {
	best, most := term, int64(-1)
	if p := ix.postingOf(term); p != nil {
		most = p.cf // spelt as the term itself, before the variants are taken off
	}
	for _, v := range ix.variantsOf(term) {
		if p := ix.postingOf(exactKey + v); p != nil {
			most -= p.cf
		}
	}
	for _, v := range ix.variantsOf(term) {
		if p := ix.postingOf(exactKey + v); p != nil && (p.cf > most || p.cf == most && v < best) {
			best, most = v, p.cf
		}
	}
	return best
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
	if id, ok := ix.termID(term); ok {
		return ix.list(id)
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
	fs := ix.fieldsOf(d)
	i := sort.Search(len(fs), func(i int) bool { return fs[i].start > pos }) - 1
	if i < 0 {
		return -1
	}
	return int(fs[i].passage)
}
