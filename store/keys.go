package store

// The index's keys and what is kept per article, whether built in memory
// or read from a saved index (see snapshot). Keys have ids 0..numKeys()-1
// in sorted order either way.

// numKeys is how many keys (terms and derived keys) the index has.
func (ix *Index) numKeys() int {
	if ix.snap != nil {
		return ix.snap.numKeys()
	}
	return len(ix.postings)
}

// termID is the id of key.
func (ix *Index) termID(key string) (int32, bool) {
	if ix.snap != nil {
		return ix.snap.find(key)
	}
	id, ok := ix.dict[key]
	return id, ok
}

// list is the posting list of key id.
func (ix *Index) list(id int32) *postingList {
	if ix.snap != nil {
		return ix.snap.list(id)
	}
	return &ix.postings[id]
}

// keyAt is key id.
func (ix *Index) keyAt(id int32) string {
	if ix.snap != nil {
		return ix.snap.key(id)
	}
	return ix.terms()[id]
}

// fieldsOf are article d's fields, in position order.
func (ix *Index) fieldsOf(d int) []field {
	if ix.snap != nil {
		return ix.snap.fields(d)
	}
	return ix.fields[d]
}

// passLenOf are the words in each passage of article d.
func (ix *Index) passLenOf(d int) []int32 {
	if ix.snap != nil {
		return ix.snap.passLen(d)
	}
	return ix.passLen[d]
}

// numSpellings is how many folded spellings the index knows (see spelling).
func (ix *Index) numSpellings() int {
	if ix.snap != nil {
		return ix.snap.numSpellings()
	}
	return len(ix.spellings)
}

// spellingAt is spelling i, in sorted order.
func (ix *Index) spellingAt(i int) spelling {
	if ix.snap != nil {
		return ix.snap.spelling(i)
	}
	return ix.spellings[i]
}

// variantsOf are term's spellings other than itself, sorted.
func (ix *Index) variantsOf(term string) []string {
	if ix.snap != nil {
		return ix.snap.variants(term)
	}
	return ix.variants[term]
}
