package store

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"
)

func pathoShapes(size int) map[string]string {
	rep := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	var refs strings.Builder
	for i := 0; refs.Len() < size; i++ {
		fmt.Fprintf(&refs, "[l%d]: http://example.com/%d\n", i, i)
	}
	var nest strings.Builder
	for i := 0; nest.Len() < size && i < 2000; i++ {
		nest.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return map[string]string{
		"plain":       rep("word word word. "),
		"refdefs":     refs.String(),
		"samerefdefs": rep("[a]: b\n"),
		"comments":    rep("<!-- a\n"),
		"commentsnl":  rep("<!--"),
		"commentsinl": rep("x <!-- a "),
		"nest":        nest.String(),
		"brackets":    rep("[a] "),
		"bracketsdef": "[a]: b\n\n" + rep("[a] "),
		"quotes":      rep(">"),
		"dashes":      rep("- "),
		"emph":        rep("*a "),
		"backticks":   rep("`a "),
		"lt":          rep("<a "),
	}
}

func TestPathoScratch(t *testing.T) {
	only := os.Getenv("SHAPE")
	for _, size := range []int{4 << 20} {
		for name, src := range pathoShapes(size) {
			if only != "" && name != only {
				continue
			}
			f, _ := os.Create("/tmp/" + name + ".prof")
			pprof.StartCPUProfile(f)
			var m0, m1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m0)
			start := time.Now()
			p := newParser()
			_, _, err := p.parseKind("x.md", []byte(src), markdown)
			pprof.StopCPUProfile()
			runtime.ReadMemStats(&m1)
			t.Logf("   alloc %d MB", (m1.TotalAlloc-m0.TotalAlloc)>>20)
			t.Logf("%-12s %7d bytes parse %v err=%v", name, len(src), time.Since(start), err != nil)
		}
	}
}
