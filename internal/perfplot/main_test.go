package main

import (
	"strings"
	"testing"
)

func TestReadBenchmarksAndCollect(t *testing.T) {
	out := `goos: linux
pkg: dispatch/store
BenchmarkSearch/embedded/rare-2   	 1000000	      1000 ns/op	     120 B/op	       3 allocs/op
BenchmarkSearch/embedded/rare-2   	 1000000	      3000 ns/op	     120 B/op	       3 allocs/op
BenchmarkSearch/embedded/rare-2   	 1000000	      2000 ns/op	     120 B/op	       3 allocs/op
BenchmarkSearch/100k/rare-2       	   90000	     13000 ns/op
BenchmarkLoad/100k-2              	       1	49000000000 ns/op	       696.0 heap-MB
BenchmarkStartup/first-list/100k-2	       1	 400000000 ns/op	        45.1 indexed-s
PASS
`
	runs := map[string][]float64{}
	if err := readBenchmarks(strings.NewReader(out), runs); err != nil {
		t.Fatal(err)
	}
	if got := runs["Search/embedded/rare"]; len(got) != 3 {
		t.Fatalf("Search/embedded/rare: %v", got)
	}
	l := collect(runs, "Search/*/rare", "rare")
	if len(l.points) != 2 || l.points[0] != (point{5, 0.002}) || l.points[1] != (point{100_000, 0.013}) {
		t.Errorf("rare word series: %+v", l.points)
	}
	if l := collect(runs, "Load/*", "load"); len(l.points) != 1 || l.points[0].ms != 49000 {
		t.Errorf("load series: %+v", l.points)
	}
	svg := chart([]line{l})
	for _, want := range []string{"<svg", "100k", "rare", "13 µs at 100k articles", "</svg>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
}

func TestReadBenchmarksRejectsGarbledTimes(t *testing.T) {
	err := readBenchmarks(strings.NewReader("BenchmarkX-2 10 1e9e9 ns/op\n"), map[string][]float64{})
	if err == nil {
		t.Error("a garbled time was read")
	}
}

func FuzzReadBenchmarks(f *testing.F) {
	f.Add("BenchmarkSearch/100k/rare-2 \t 90000\t 13000 ns/op\t 120 B/op\n")
	f.Add("BenchmarkX 1 2 ns/op 3 ns/op\nBenchmark- - - ns/op\n")
	f.Fuzz(func(t *testing.T, s string) {
		runs := map[string][]float64{}
		if err := readBenchmarks(strings.NewReader(s), runs); err != nil {
			return
		}
		values := 0
		for _, ns := range runs {
			values += len(ns)
		}
		if n := strings.Count(s, "/op"); values > n {
			t.Errorf("%d times read from %d per-op fields", values, n)
		}
	})
}
