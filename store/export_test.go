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
