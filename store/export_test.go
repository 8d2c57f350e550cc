package store

// Hooks for the external tests and benchmarks (package store_test), which
// cannot reach unexported names.

// MaxTermBytes bounds an indexed term.
const MaxTermBytes = maxTermBytes

// Rescore scores lib's articles on its topics again: the work Load does
// once, for BenchmarkScoreTopics.
func Rescore(lib *Library) *Coverage {
	return scoreCoverage(lib.Topics(), lib.Index(), lib.Len(), lib.Article)
}

// FreshRelated returns new relations of lib's articles with nothing
// computed yet, as Load makes them.
func FreshRelated(lib *Library) *Related {
	return newRelated(lib.Index(), lib.Topics(), lib.Coverage(), lib.Len(), lib.Article)
}

// PostingListAt is an offset in the posting list of word's term in the
// snapshot file data: bytes checked only when the list is first read.
func PostingListAt(data []byte, word string) int {
	s, err := readSnapshot(data)
	if err != nil {
		panic(err)
	}
	id, ok := s.termID(NewAnalyzer().Term(word))
	if !ok {
		panic("no " + word + " in the snapshot")
	}
	k := s.keyInfo(id)
	lists := s.sections[secPostings]
	return len(data) - cap(lists) + int(k.off+k.n/2)
}
