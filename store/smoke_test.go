package store_test

import (
	"testing"

	"dispatch/internal/benchcorpus"
)

// TestBenchmarksRunOnShippedArticles runs every benchmark once on the
// shipped articles (the benchmarks' smallest library), so that a broken
// benchmark fails go test ./.... The benchmarks search the shipped articles
// for words they hold: editing those may fail this test.
func TestBenchmarksRunOnShippedArticles(t *testing.T) {
	benchcorpus.Smoke(t, "./store", map[string]func(*testing.B){
		"BenchmarkLoad":        BenchmarkLoad,
		"BenchmarkSearch":      BenchmarkSearch,
		"BenchmarkScoreTopics": BenchmarkScoreTopics,
		"BenchmarkRelated":     BenchmarkRelated,
	})
}
