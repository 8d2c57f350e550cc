package ui

import (
	"runtime"
	"testing"
	"testing/fstest"
	"time"

	glamourstyles "github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"dispatch/internal/benchcorpus"
	"dispatch/internal/measure"
	"dispatch/store"
	"dispatch/store/article"
)

// openPathological loads one file of the given shape and size as a user's
// folder is loaded, and renders it at width 80 in colour, as the reader
// shows it.
func openPathological(tb testing.TB, shape string, size int) (*document, *store.Library) {
	tb.Helper()
	fsys := fstest.MapFS{shape + ".md": {Data: []byte(benchcorpus.Pathological(shape, size))}}
	topics, err := store.DefaultTopics()
	if err != nil {
		tb.Fatal(err)
	}
	lib := store.Load(nil, article.List([]article.Source{{FS: fsys, Label: "bench"}}), topics, nil)
	if lib.Len() != 1 {
		tb.Fatalf("%s: not loaded: %v", shape, lib.Warnings())
	}
	styles := DefaultStyles(lipgloss.NewRenderer(nil), termenv.TrueColor, true)
	r := NewRenderer(lib, styles, glamourstyles.DarkStyleConfig, 1<<30)
	doc, err := r.Render(0, 80)
	if err != nil {
		tb.Fatal(err)
	}
	return doc, lib
}

// TestPathologicalShapesCostLikePlainText holds every shape that once made
// a parser or the renderer take minutes to a cost in proportion to its
// size: loading and rendering it may take at most a few times what a plain
// article of the same size takes, measured side by side in this test (the
// fastest of three runs each, against a noisy machine). At this size
// glamour renders the shapes (but those of too many blocks, which are
// shown as plain text).
func TestPathologicalShapesCostLikePlainText(t *testing.T) {
	const size = 128 << 10 // under the size rendered with formatting
	cost := func(shape string) time.Duration {
		return measure.Fastest(3, func() { openPathological(t, shape, size) })
	}
	plain := cost("plain")
	for _, shape := range benchcorpus.PathologicalShapes[1:] {
		got := cost(shape)
		ratio := float64(got) / float64(plain)
		t.Logf("%-26s %5.1f× plain (%v vs %v)", shape, ratio, got, plain)
		if ratio > 8 {
			t.Errorf("%s: %.1f× the cost of plain text of the same size", shape, ratio)
		}
	}
}

// BenchmarkPathological loads and renders a 4 MiB file of each shape: the
// time until the reader can show it. Peak is the most heap in use at once,
// sampled until the work that follows showing it (indexing its words for
// highlighting, in the background) is done too. A file that large is
// shown without markdown formatting; formatted/SHAPE is the largest body
// glamour renders, 250 KiB.
func BenchmarkPathological(b *testing.B) {
	run := func(b *testing.B, shape string, size int) {
		var peak uint64
		for b.Loop() {
			runtime.GC()
			stop := measure.PeakHeap(&peak)
			doc, _ := openPathological(b, shape, size)
			b.StopTimer()
			doc.wordIndex()
			stop()
			b.StartTimer()
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	}
	for _, shape := range benchcorpus.PathologicalShapes {
		b.Run(shape, func(b *testing.B) { run(b, shape, 4<<20-1024) })
	}
	for _, shape := range benchcorpus.PathologicalShapes {
		b.Run("formatted/"+shape, func(b *testing.B) { run(b, shape, 250<<10) })
	}
}
