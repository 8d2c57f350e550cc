package store

import (
	"dispatch/store/article"
	"dispatch/store/story"
)

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

// StoryFeatures are lib's articles' story features, extracted again from
// their text and numbered, as an index build makes them.
func StoryFeatures(lib *Library) []story.Features {
	feats := make([]story.Features, lib.Len())
	arts := make([]article.Article, lib.Len())
	for d := range lib.Len() {
		a := lib.Article(d)
		c, err := a.Content()
		if err != nil {
			panic(err)
		}
		feats[d], arts[d] = extractFeatures(a, c), *a
	}
	numberFeatures(feats, arts)
	return feats
}

// GroupAfresh is what a build does for stories once the features are
// extracted: group them all and work out what a list reads of them.
func GroupAfresh(lib *Library, feats []story.Features) {
	g := story.NewGrouper()
	g.Add(feats...)
	storyTablesOf(g, lib.order())
}

// AddFetched is what a merge does for stories: the saved grouping read,
// the fetched features added, what a list reads worked out again, and the
// grouping saved.
func AddFetched(lib *Library, saved []byte, fetched []story.Features) []byte {
	g, err := addToGrouping(saved, nil, fetched)
	if err != nil {
		panic(err)
	}
	storyTablesOf(g, lib.order())
	out, err := g.MarshalBinary()
	if err != nil {
		panic(err)
	}
	return out
}
