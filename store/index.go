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
	// parts are the terms met mostly as a part of a hyphenated compound
	// ("style" of "Israel-style"): the compound says what the text means
	parts map[int32]bool
	// variants are, by term, its indexed spellings other than the term
	// itself ("guarantees", "guaranteed" of "guarantee"), each with an
	// exact-form posting list
	variants map[string][]string

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
		an: an, dict: map[string]int32{}, surface: map[string]string{}, names: map[int32]bool{}, parts: map[int32]bool{},
		variants: map[string][]string{},
		docLen:   make([]int32, 0, capacity), fields: make([][]field, 0, capacity), passLen: make([][]int32, 0, capacity),
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
	parts    int32  // occurrences as a part of a hyphenated compound

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
	recordAs := func(kind fieldKind, pos int32, word bool) {
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
		if word && s.folded != s.slot.term && s.folded != "" {
			record(ws.derived(&s.exact, exactKey+s.folded), pos)
		}
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
				recordAs(kind, next+int32(w.Pos), true)
				fieldWords = append(fieldWords, s)
				words++
				if prose {
					// names: capitalised where no sentence starts
					if r, _ := utf8.DecodeRuneInString(text[w.Start:]); unicode.IsUpper(r) && !startsSentence(text[prevEnd:w.Start], w.Pos == 0) {
						s.midUpper++
					}
				}
				prevEnd = w.End
			},
			func(comp Token) {
				recordAs(kind, next+int32(comp.Pos), false)
				for _, part := range fieldWords[comp.Pos : comp.Pos+comp.Span] {
					part.parts++
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
	parts, all := make([]int32, len(ix.postings)), make([]int32, len(ix.postings))
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
			parts[id] += s.parts
			all[id] += s.n
		}
	}
	for id, n := range parts {
		if n > 0 && 2*n >= all[id] {
			ix.parts[int32(id)] = true
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
			if sp != term && ix.postingOf(exactKey+sp) != nil && !slices.Contains(ix.variants[term], sp) {
				ix.variants[term] = append(ix.variants[term], sp)
			}
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
