package story_test

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"dispatch/store/story"
	"dispatch/store/story/storygen"
)

// Benchmarks run on the judged library; generated libraries of 1k, 10k or
// 100k documents (storygen) are added when DISPATCH_BENCH_SCALE names them,
// as for the other packages' benchmarks:
//
//	DISPATCH_BENCH_SCALE=100k go test ./store/story -run '^$' -bench . -benchmem

type scale struct {
	name string
	n    int
}

// cpuPerOp reports the CPU time of the loop that ran since start (all
// threads: the collector's work counts too).
func cpuPerOp(b *testing.B, start int64) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

func scales(b *testing.B) []scale {
	out := []scale{{"judged", 0}}
	env := os.Getenv("DISPATCH_BENCH_SCALE")
	for _, s := range []scale{{"1k", 1_000}, {"10k", 10_000}, {"100k", 100_000}} {
		for _, w := range strings.Split(env, ",") {
			if w = strings.TrimSpace(w); w == s.name || w == "all" {
				out = append(out, s)
			}
		}
	}
	return out
}

// corpus is the Features of a library, extracted once per size.
var corpus = map[int][]story.Features{}

func featuresOf(b *testing.B, n int) []story.Features {
	if fs, ok := corpus[n]; ok {
		return fs
	}
	var fs []story.Features
	if n == 0 {
		lib := loadLibrary(b)
		for _, id := range lib.ids {
			fs = append(fs, story.Extract(lib.docs[id]))
		}
	} else {
		gen := storygen.New(2025, n)
		fs = make([]story.Features, gen.Len())
		for i := range fs {
			d, _ := gen.Doc(i)
			fs[i] = story.Extract(d)
		}
	}
	clear(corpus) // one size at a time
	corpus[n] = fs
	return fs
}

// BenchmarkExtract is the features of one document, as the index build
// computes them for each (its documents' mean size: ns/op per document).
func BenchmarkExtract(b *testing.B) {
	for _, s := range scales(b) {
		b.Run(s.name, func(b *testing.B) {
			var docs []story.Doc
			if s.n == 0 {
				lib := loadLibrary(b)
				for _, id := range lib.ids {
					docs = append(docs, lib.docs[id])
				}
			} else {
				gen := storygen.New(2025, min(s.n, 2000))
				for i := range gen.Len() {
					d, _ := gen.Doc(i)
					docs = append(docs, d)
				}
			}
			b.ReportAllocs()
			i := 0
			start := cpuTime()
			for b.Loop() {
				story.Extract(docs[i%len(docs)])
				i++
			}
			cpuPerOp(b, start)
		})
	}
}

// BenchmarkGroup groups a whole library from scratch, from its features.
// heap-MB is the live heap of the grouper, bytes-saved its MarshalBinary.
func BenchmarkGroup(b *testing.B) {
	for _, s := range scales(b) {
		b.Run(s.name, func(b *testing.B) {
			fs := featuresOf(b, s.n)
			b.ReportAllocs()
			var g *story.Grouper
			start := cpuTime()
			for b.Loop() {
				g = story.NewGrouper()
				g.Add(fs...)
			}
			b.StopTimer()
			cpuPerOp(b, start)
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			data, _ := g.MarshalBinary()
			b.ReportMetric(float64(len(data)), "bytes-saved")
			b.ReportMetric(float64(len(g.Stories())), "stories")
			g = nil
			runtime.GC()
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(before.HeapAlloc-min(before.HeapAlloc, after.HeapAlloc))/(1<<20), "heap-MB")
		})
	}
}

// BenchmarkAdd200 adds the library's last 200 documents (a fetch) to a
// grouper of the rest.
func BenchmarkAdd200(b *testing.B) {
	for _, s := range scales(b) {
		if s.n == 0 {
			continue
		}
		b.Run(s.name, func(b *testing.B) {
			fs := featuresOf(b, s.n)
			old, fetched := fs[:len(fs)-200], fs[len(fs)-200:]
			g := story.NewGrouper()
			g.Add(old...)
			ids := make([]int, len(fetched))
			for i, f := range fetched {
				ids[i] = f.ID
			}
			b.ReportAllocs()
			var cpu int64
			for b.Loop() {
				start := cpuTime()
				g.Add(fetched...)
				cpu += cpuTime() - start
				b.StopTimer()
				g.Remove(ids...)
				b.StartTimer()
			}
			b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

// BenchmarkLoadGrouper is reading a saved grouper back.
func BenchmarkLoadGrouper(b *testing.B) {
	for _, s := range scales(b) {
		b.Run(s.name, func(b *testing.B) {
			g := story.NewGrouper()
			g.Add(featuresOf(b, s.n)...)
			data, _ := g.MarshalBinary()
			b.ReportAllocs()
			start := cpuTime()
			defer cpuPerOp(b, start)
			for b.Loop() {
				var l story.Grouper
				if err := l.UnmarshalBinary(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSaveGrouper is writing a grouper out, as every merge of a
// fetch into the index cache does.
func BenchmarkSaveGrouper(b *testing.B) {
	for _, s := range scales(b) {
		b.Run(s.name, func(b *testing.B) {
			g := story.NewGrouper()
			g.Add(featuresOf(b, s.n)...)
			b.ReportAllocs()
			start := cpuTime()
			defer cpuPerOp(b, start)
			for b.Loop() {
				if _, err := g.MarshalBinary(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompare is the view of a story of 5 reports (the built-in ones)
// and of 20 (the judged library's first twenty documents, copies and all).
func BenchmarkCompare(b *testing.B) {
	lib := loadLibrary(b)
	for _, n := range []int{5, 20} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var docs []story.Doc
			for _, id := range lib.ids[:n] {
				docs = append(docs, lib.docs[id])
			}
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				story.Compare(docs)
			}
			cpuPerOp(b, start)
		})
	}
}
