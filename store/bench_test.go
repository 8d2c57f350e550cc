package store_test

import (
	"testing"

	"dispatch/articles"
	"dispatch/store"
)

func BenchmarkSearch(b *testing.B) {
	arts, err := store.LoadFS(articles.FS)
	if err != nil {
		b.Fatal(err)
	}
	lib := store.NewLibrary(arts, mustTopics(b))
	an := lib.Index.Analyzer()
	for _, q := range []struct{ name, query string }{
		{"rare", "turkiye"},
		{"common", "security guarantees"},
		{"phrase", `"black sea"`},
		{"exclude", "ceasefire -russia"},
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				lib.Index.Search(an.ParseQuery(q.query), 20, nil)
			}
		})
	}
}

// BenchmarkScoreTopics is the topic scoring done once at load.
func BenchmarkScoreTopics(b *testing.B) {
	arts, err := store.LoadFS(articles.FS)
	if err != nil {
		b.Fatal(err)
	}
	tm := mustTopics(b)
	lib := store.NewLibrary(arts, tm)
	b.ReportAllocs()
	for b.Loop() {
		store.ScoreTopics(tm, lib.Index, lib.Articles)
	}
}

// BenchmarkRelatedPrecompute is the related-content work done at load for
// the embedded articles: vectors, related articles and related passages.
func BenchmarkRelatedPrecompute(b *testing.B) {
	arts, err := store.LoadFS(articles.FS)
	if err != nil {
		b.Fatal(err)
	}
	lib := store.NewLibrary(arts, mustTopics(b))
	b.ReportAllocs()
	for b.Loop() {
		r := store.NewRelated(lib.Index, lib.Topics, lib.Articles)
		r.Precompute()
	}
}
