package store

import (
	"cmp"
	"slices"
	"strings"
)

// memIndex is an index built in memory, article by article (add), or put
// together from lists made elsewhere (addDoc, addList, as a merge does);
// finish completes it. Once finished it does not change.
type memIndex struct {
	an        *Analyzer
	dict      map[string]int32 // key -> id
	postings  []postingList    // by key id
	docLen    []int32          // words per article
	fields    [][]field        // per article, in position order
	passLen   [][]int32        // per article, words in each passage
	spellings []spelling       // every folded spelling, sorted, for prefixes
	// variants are, by term, its indexed spellings other than the term
	// itself ("guarantees", "guaranteed" of "guarantee"), each with an
	// exact-form posting list
	variants map[string][]string
	byID     []string // key by id
	words    int

	scratch []byte // while building
}

func newMemIndex(an *Analyzer, capacity int) *memIndex {
	return &memIndex{
		an: an, dict: map[string]int32{}, variants: map[string][]string{},
		docLen: make([]int32, 0, capacity), fields: make([][]field, 0, capacity), passLen: make([][]int32, 0, capacity),
	}
}

// add indexes the next article.
func (m *memIndex) add(dt docTokens) {
	d := int32(len(m.docLen))
	for _, tp := range dt.terms {
		m.scratch = m.postingFor(tp.term).add(d, tp.positions, tp.flags(), m.scratch)
	}
	m.addDoc(dt.words, dt.fields, dt.passLen)
}

// addDoc adds the next article's lengths and fields, its postings being
// added by addList.
func (m *memIndex) addDoc(words int32, fields []field, passLen []int32) {
	m.docLen = append(m.docLen, words)
	m.fields = append(m.fields, fields)
	m.passLen = append(m.passLen, passLen)
	m.words += int(words)
}

// addList adds key's whole posting list, for a key not added before.
func (m *memIndex) addList(key string, pl postingList) {
	m.dict[key] = int32(len(m.postings))
	m.postings = append(m.postings, pl)
}

// finish completes the index once every article is added.
func (m *memIndex) finish() *Index {
	m.scratch = nil
	for i := range m.postings {
		m.postings[i].trim()
	}
	m.sortKeys()
	m.gatherSpellings()
	return newIndexOf(m.an, m)
}

// sortKeys numbers the keys in sorted order, as a saved index has them, so
// that whatever breaks ties by key id does not depend on the order articles
// were read in.
func (m *memIndex) sortKeys() {
	keys := make([]string, 0, len(m.dict))
	for k := range m.dict {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	postings := make([]postingList, len(keys))
	for id, k := range keys {
		postings[id] = m.postings[m.dict[k]]
		m.dict[k] = int32(id)
	}
	m.postings, m.byID = postings, keys
}

func (m *memIndex) postingFor(term string) *postingList {
	id, ok := m.dict[term]
	if !ok {
		id = int32(len(m.postings))
		m.dict[term] = id
		m.postings = append(m.postings, postingList{})
	}
	return &m.postings[id]
}

// gatherSpellings works out, from the keys of the index alone, the folded
// spellings for prefix search — each term, and each spelling with an
// exact-form list — and each term's other spellings. Being derived from the
// posting lists, they are the same however the index was put together.
func (m *memIndex) gatherSpellings() {
	m.spellings = m.spellings[:0]
	m.variants = map[string][]string{}
	for key := range m.dict {
		switch {
		case strings.HasPrefix(key, exactKey):
			sp := key[len(exactKey):]
			term := m.an.Term(sp)
			m.spellings = append(m.spellings, spelling{word: stripHyphens(sp), term: term})
			m.variants[term] = append(m.variants[term], sp)
		case !isDerivedKey(key):
			m.spellings = append(m.spellings, spelling{word: key, term: key})
		}
	}
	slices.SortFunc(m.spellings, func(a, b spelling) int {
		return cmp.Or(strings.Compare(a.word, b.word), strings.Compare(a.term, b.term))
	})
	m.spellings = slices.Compact(m.spellings)
	for _, vs := range m.variants {
		slices.Sort(vs)
	}
}

// memIndex is an indexReader.

func (m *memIndex) numKeys() int { return len(m.postings) }

func (m *memIndex) termID(key string) (int32, bool) {
	id, ok := m.dict[key]
	return id, ok
}

func (m *memIndex) keyAt(id int32) string      { return m.byID[id] }
func (m *memIndex) list(id int32) *postingList { return &m.postings[id] }

func (m *memIndex) withList(id int32, f func(p *postingList)) { f(&m.postings[id]) }

func (m *memIndex) termStats(id int32) (int32, int64) {
	return m.postings[id].df, m.postings[id].cf
}

func (m *memIndex) docLens() []int32                { return m.docLen }
func (m *memIndex) totalWords() int                 { return m.words }
func (m *memIndex) fieldsOf(d int) []field          { return m.fields[d] }
func (m *memIndex) passLenOf(d int) []int32         { return m.passLen[d] }
func (m *memIndex) numSpellings() int               { return len(m.spellings) }
func (m *memIndex) spellingAt(i int) spelling       { return m.spellings[i] }
func (m *memIndex) variantsOf(term string) []string { return m.variants[term] }
