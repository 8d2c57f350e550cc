package ui

import (
	"testing"

	"dispatch/internal/benchcorpus"
)

// TestBenchmarksRun runs every benchmark once on the embedded articles.
func TestBenchmarksRun(t *testing.T) {
	benchcorpus.Smoke(t, "./ui", map[string]func(*testing.B){
		"BenchmarkKeystroke": BenchmarkKeystroke,
		"BenchmarkRender":    BenchmarkRender,
	})
}
