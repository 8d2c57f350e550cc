package benchcorpus

import (
	"flag"
	"maps"
	"slices"
	"testing"
)

// Smoke runs each benchmark once, as a test: CI runs only `go test ./...`,
// and a benchmark that breaks should fail it. The benchmarks'
// own output is not shown; a failure names the command that shows it.
// Only the embedded articles are used, whatever scale was asked for.
func Smoke(t *testing.T, pkg string, benchmarks map[string]func(*testing.B)) {
	t.Helper()
	defer func(scale string) { *scaleFlag = scale }(*scaleFlag)
	*scaleFlag = ""
	benchtime := flag.Lookup("test.benchtime")
	if benchtime == nil {
		t.Fatal("not in a test binary: no -test.benchtime flag")
	}
	was := benchtime.Value.String()
	if err := benchtime.Value.Set("1x"); err != nil {
		t.Fatal(err)
	}
	defer benchtime.Value.Set(was)
	for _, name := range slices.Sorted(maps.Keys(benchmarks)) {
		t.Run(name, func(t *testing.T) {
			failed := true
			testing.Benchmark(func(b *testing.B) {
				defer func() { failed = b.Failed() }()
				benchmarks[name](b)
			})
			if failed {
				t.Errorf("%s fails; see go test %s -run '^$' -bench '^%s$'", name, pkg, name)
			}
		})
	}
}
