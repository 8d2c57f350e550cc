package ui

import (
	"strconv"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	glamourstyles "github.com/charmbracelet/glamour/styles"

	"dispatch/internal/benchcorpus"
	"dispatch/store"
	"dispatch/store/storetest"
)

// Benchmarks run on the embedded articles; larger libraries are generated
// when asked for (see benchcorpus.Sizes):
//
//	go test ./ui -run '^$' -bench Keystroke -benchmem -args -scale=100k

// loadBenchLibrary is the library of n generated articles (the built-in
// ones for 0) with its related articles ready, as the reader has them.
func loadBenchLibrary(b *testing.B, n int) *store.Library {
	b.Helper()
	lib := storetest.Loaded(b, n)
	lib.Warm()
	return lib
}

// BenchmarkKeystroke measures one key through Update and View, the time a
// person waits for the screen to answer (bubbletea then draws it at its
// next frame tick). Keys cycle, so the state stays comparable.
func BenchmarkKeystroke(b *testing.B) {
	cases := []struct {
		name  string
		setup []string
		keys  []string
	}{
		{"list-move", nil, []string{"j", "k"}},
		// the last letter of a word in nearly every article, and back
		{"search-type", []string{"/", "t", "a", "l", "k"}, []string{"s", "backspace"}},
		// the first letters, which expand to the most words
		{"search-first-letter", []string{"/"}, []string{"t", "backspace"}},
		{"search-second-letter", []string{"/", "t"}, []string{"a", "backspace"}},
		{"topic-switch", nil, []string{"1", "2", "3", "4", "0"}},
		{"reader-scroll", []string{"enter"}, []string{"j", "k"}},
		{"related-open", []string{"enter", "space", "space"}, []string{"r", "esc"}},
		{"by-story-move", []string{"V"}, []string{"j", "k"}},
		{"new-next", nil, []string{"*"}},
	}
	for _, s := range benchcorpus.Sizes(b) {
		b.Run(s.Name, func(b *testing.B) {
			lib := loadBenchLibrary(b, s.N)
			for _, c := range cases {
				b.Run(c.name, func(b *testing.B) {
					d := newDriverFor(b, 140, 40, testOptions(lib, memoryState(b))).keys(c.setup...)
					msgs := make([]tea.Msg, len(c.keys))
					for i, k := range c.keys {
						msgs[i] = keyMsg(k)
					}
					b.ReportAllocs()
					i := 0
					for b.Loop() {
						next, cmd := d.m.Update(msgs[i%len(msgs)])
						d.m = next.(Model)
						_ = d.m.View()
						if cmd != nil {
							// renders and timers run outside Update; the
							// person sees their result later
							b.StopTimer()
							d.run(cmd)
							for len(d.queue) > 0 {
								d.send()
							}
							b.StartTimer()
						}
						i++
					}
				})
			}
		})
	}
}

// BenchmarkRender renders the longest embedded article with glamour
// (first) and takes it from the cache (cached), at 80 and 140 columns.
func BenchmarkRender(b *testing.B) {
	lib := loadBenchLibrary(b, 0)
	longest := 0
	for d := range lib.Len() {
		if lib.Article(d).Words > lib.Article(longest).Words {
			longest = d
		}
	}
	for _, width := range []int{80, 140} {
		name := strconv.Itoa(width)
		b.Run("first/"+name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := NewRenderer(lib, testStyles(), glamourstyles.NoTTYStyleConfig, 32<<20)
				if _, err := r.Render(longest, width); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("cached/"+name, func(b *testing.B) {
			r := NewRenderer(lib, testStyles(), glamourstyles.NoTTYStyleConfig, 32<<20)
			if _, err := r.Render(longest, width); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				r.Render(longest, width)
			}
			if r.Renders() != 1 {
				b.Fatalf("glamour ran %d times", r.Renders())
			}
		})
	}
}
