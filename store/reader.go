package store

import "strings"

// indexReader is what an Index reads: the keys, their posting lists and
// what is kept per article, from an index built in memory (memIndex) or
// one saved in a file (snapshot). Search, topic scoring, relations and the
// snapshot writer see an index only through it.
//
// It is shaped so that an index of several segments — a large saved one,
// a small one of the articles added since, deletions as marks — could
// answer as one, with corpus statistics combined so that scores stay those
// of a fresh build: every statistic is asked for by key or by article,
// never found by walking a structure that only one kind of index has.
type indexReader interface {
	// The vocabulary: terms and derived keys (see titleKey), with ids
	// 0..numKeys()-1 in sorted order.
	numKeys() int
	termID(key string) (int32, bool)
	keyAt(id int32) string

	// list is key id's postings: the articles holding it, with positions.
	// It must not be changed.
	list(id int32) *postingList
	// withList calls f with key id's postings, which f must neither change
	// nor keep: for walking every list once (saving, merging) without
	// keeping them all.
	withList(id int32, f func(p *postingList))
	// termStats is key id's document and collection frequency, without
	// reading its list.
	termStats(id int32) (df int32, cf int64)

	// Per article d, 0..len(docLens())-1.
	docLens() []int32 // words per article: the lengths BM25 normalises by
	totalWords() int
	fieldsOf(d int) []field  // in position order
	passLenOf(d int) []int32 // words in each passage

	// Spellings, for prefixes and suggestions: every folded spelling in
	// sorted order with its term (see spelling), and each term's others.
	numSpellings() int
	spellingAt(i int) spelling
	variantsOf(term string) []string
}

// newIndexOf is the index r holds, analysed with an.
func newIndexOf(an *Analyzer, r indexReader) *Index {
	ix := &Index{an: an, r: r, docLen: r.docLens(), totalWords: r.totalWords()}
	if n := len(ix.docLen); n > 0 {
		ix.avgLen = float64(ix.totalWords) / float64(n)
	}
	return ix
}

// The index's reader, by the names its users know.

func (ix *Index) numKeys() int                      { return ix.r.numKeys() }
func (ix *Index) list(id int32) *postingList        { return ix.r.list(id) }
func (ix *Index) keyAt(id int32) string             { return ix.r.keyAt(id) }
func (ix *Index) fieldsOf(d int) []field            { return ix.r.fieldsOf(d) }
func (ix *Index) passLenOf(d int) []int32           { return ix.r.passLenOf(d) }
func (ix *Index) numSpellings() int                 { return ix.r.numSpellings() }
func (ix *Index) spellingAt(i int) spelling         { return ix.r.spellingAt(i) }
func (ix *Index) variantsOf(term string) []string   { return ix.r.variantsOf(term) }
func (ix *Index) termStats(id int32) (int32, int64) { return ix.r.termStats(id) }

// termID is the id of key. The readers dispatch has are asked directly:
// through the interface the key would escape to the heap, and every key
// search builds (titleKey+term, exactKey+spelling) would be allocated. A
// reader of another kind is given a copy, for the same reason.
func (ix *Index) termID(key string) (int32, bool) {
	switch r := ix.r.(type) {
	case *memIndex:
		return r.termID(key)
	case *snapshot:
		return r.termID(key)
	default:
		return r.termID(strings.Clone(key))
	}
}
