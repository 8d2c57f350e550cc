package store

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"dispatch/store/article"
)

// Index is an inverted index of a library: for every term, the articles
// holding it and the word positions, plus what BM25 ranking and passage
// lookups need. It reads them from an indexReader: built in memory, or
// saved. It is immutable once built and safe for concurrent use.
type Index struct {
	an         *Analyzer
	r          indexReader
	docLen     []int32 // words per article
	avgLen     float64
	totalWords int
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
		var machine [][2]int // addresses and labels: a byline's words, not the text's (see machine.go)
		if kind == bodyField {
			machine = machineSpans(text)
		}
		kindOf := func(w Token) fieldKind {
			if kind == bodyField && isMachineWord(text, machine, w.Start, w.End) {
				return metaField
			}
			return kind
		}
		scanTokens(text, ws,
			func(w Token) {
				s := ws.cur
				recordAs(kindOf(w), next+int32(w.Pos))
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
				recordAs(kindOf(comp), next+int32(comp.Pos))
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

// surface is the spelling of term shown to people: the one most used.
func (ix *Index) surface(term string) string {
	variants := ix.variantsOf(term)
	best, most := term, int64(-1)
	if _, cf, ok := ix.stats(term); ok {
		most = cf // spelt as the term itself, before the variants are taken off
	}
	var room [8]int64 // a word has a few spellings: no allocation
	cfs := room[:0]
	for _, v := range variants {
		_, cf, known := ix.stats(exactKey + v)
		if !known {
			cf = -1
		}
		cfs = append(cfs, cf)
		most -= max(cf, 0)
	}
	for i, v := range variants {
		if cfs[i] >= 0 && (cfs[i] > most || cfs[i] == most && v < best) {
			best, most = v, cfs[i]
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
	df, _, _ := ix.stats(term)
	return int(df)
}

// stats are key's document and collection frequency, without reading its
// posting list; false for a key not indexed.
func (ix *Index) stats(key string) (df int32, cf int64, ok bool) {
	id, ok := ix.termID(key)
	if !ok {
		return 0, 0, false
	}
	df, cf = ix.termStats(id)
	return df, cf, true
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
