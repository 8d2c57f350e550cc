package benchcorpus

import (
	"flag"
	"os"
	"slices"
	"testing"
)

// scaleFlag is registered in every test binary that imports this package
// (only benchmarks do):
//
//	go test ./store -run '^$' -bench . -benchmem -args -scale=100k
//	DISPATCH_BENCH_SCALE=10k,100k go test -run '^$' -bench . -benchmem ./...
var scaleFlag = flag.String("scale", os.Getenv("DISPATCH_BENCH_SCALE"),
	"library sizes to benchmark beyond the embedded articles: 1k, 10k, 100k (comma-separated) or all")

// Sizes are the libraries a benchmark runs on: the embedded articles (N 0),
// then the scales asked for with -scale or DISPATCH_BENCH_SCALE, only those
// named in only if any are. Larger libraries take minutes and gigabytes,
// so by default (and in CI) there are none.
func Sizes(b testing.TB, only ...string) []Scale {
	b.Helper()
	scales, err := ParseScales(*scaleFlag)
	if err != nil {
		b.Fatal(err)
	}
	out := []Scale{{Name: "embedded"}}
	for _, s := range scales {
		if len(only) == 0 || slices.Contains(only, s.Name) {
			out = append(out, s)
		}
	}
	return out
}
