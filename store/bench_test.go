package store_test

import (
	"runtime"
	"testing"

	"dispatch/internal/benchcorpus"
	"dispatch/store"
	"dispatch/store/storetest"
)

// Benchmarks run on the embedded articles; larger libraries are generated
// when asked for (see benchcorpus.Sizes):
//
//	go test ./store -run '^$' -bench . -benchmem -args -scale=100k

// BenchmarkLoad is the work done before a reader can search: reading the
// files, parsing, indexing, scoring topics and building the related-article
// vectors (and, for a small library, all its relations). heap-MB is the live
// heap of the loaded library.
func BenchmarkLoad(b *testing.B) {
	for _, s := range benchcorpus.Sizes(b) {
		b.Run(s.Name, func(b *testing.B) {
			if s.N > 0 {
				if _, err := benchcorpus.Dir(s.N); err != nil {
					b.Fatal(err)
				}
			}
			storetest.Forget() // make room
			b.ReportAllocs()
			var lib *store.Library
			for b.Loop() {
				lib = nil
				var err error
				if lib, err = storetest.Load(s.N); err != nil {
					b.Fatal(err)
				}
				lib.Warm()
			}
			b.StopTimer()
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
			runtime.KeepAlive(lib)
		})
	}
}

// BenchmarkSearch is one query, parsed and ranked, top 20.
func BenchmarkSearch(b *testing.B) {
	for _, s := range benchcorpus.Sizes(b) {
		queries := []struct{ name, query string }{
			{"rare", benchcorpus.RareWord},
			{"common", benchcorpus.CommonWord},
			{"phrase", benchcorpus.Phrase},
		}
		if s.N == 0 {
			queries = []struct{ name, query string }{
				{"rare", "turkiye"},       // one article
				{"common", "guarantee"},   // all five
				{"phrase", `"black sea"`}, // one
			}
		}
		b.Run(s.Name, func(b *testing.B) {
			lib := storetest.Loaded(b, s.N)
			an := lib.Index().Analyzer()
			for _, q := range queries {
				b.Run(q.name, func(b *testing.B) {
					if lib.Index().Search(an.ParseQuery(q.query), 20, nil).Total == 0 {
						b.Fatalf("%s finds nothing", q.query)
					}
					b.ReportAllocs()
					for b.Loop() {
						lib.Index().Search(an.ParseQuery(q.query), 20, nil)
					}
				})
			}
		})
	}
}

// BenchmarkScoreTopics is the topic scoring done once at load.
func BenchmarkScoreTopics(b *testing.B) {
	lib := storetest.Loaded(b, 0)
	b.ReportAllocs()
	for b.Loop() {
		store.Rescore(lib)
	}
}

// BenchmarkRelated: precompute is the related-content work done after load
// for a small library (vectors, every article's and passage's relations);
// vectors is building each article's vector of distinctive terms, done once
// per library in the background; panel is what opening the related panel on
// an article not seen before costs: its related articles and the passages
// related to its first one.
func BenchmarkRelated(b *testing.B) {
	for _, s := range benchcorpus.Sizes(b) {
		b.Run(s.Name, func(b *testing.B) {
			lib := storetest.Loaded(b, s.N)
			if s.N == 0 {
				b.Run("precompute", func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						store.FreshRelated(lib).Precompute()
					}
				})
			}
			b.Run("vectors", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					store.FreshRelated(lib).Similarity(0, 1)
				}
			})
			b.Run("panel", func(b *testing.B) {
				rel := store.FreshRelated(lib)
				rel.Similarity(0, 1) // the vectors, built once per library
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					// a different article each time, so nothing is cached;
					// on the embedded five, a fresh Related every round
					d := i * 7919 % lib.Len()
					if d == 0 && i > 0 {
						b.StopTimer()
						rel = store.FreshRelated(lib)
						b.StartTimer()
					}
					rel.Articles(d)
					rel.Passages(d, 0)
					i++
				}
			})
		})
	}
}

// BenchmarkList is a whole listing without words, as dispatch list and the
// reader's list make it: newest first (the default: a walk of the order
// worked out when the library was built), oldest first, and by title
// (sorted at each listing, for comparison).
func BenchmarkList(b *testing.B) {
	for _, s := range benchcorpus.Sizes(b) {
		b.Run(s.Name, func(b *testing.B) {
			lib := storetest.Loaded(b, s.N)
			for _, o := range []store.Sort{store.SortNewest, store.SortOldest, store.SortTitle} {
				b.Run(o.String(), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if res, err := lib.List(store.ListRequest{Sort: o}); err != nil || len(res.Hits) == 0 {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
