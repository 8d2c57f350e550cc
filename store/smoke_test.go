package store_test

import (
	"testing"

	"dispatch/internal/benchcorpus"
)

// TestBenchmarksRun runs every benchmark once on the embedded articles.
func TestBenchmarksRun(t *testing.T) {
	benchcorpus.Smoke(t, "./store", map[string]func(*testing.B){
		"BenchmarkLoad":        BenchmarkLoad,
		"BenchmarkSearch":      BenchmarkSearch,
		"BenchmarkScoreTopics": BenchmarkScoreTopics,
		"BenchmarkRelated":     BenchmarkRelated,
	})
}
