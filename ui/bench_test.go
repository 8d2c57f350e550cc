package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkKeystroke measures one key through Update and View, the time a
// person waits for the screen to answer.
func BenchmarkKeystroke(b *testing.B) {
	cases := []struct {
		name  string
		setup []string
		keys  []string // cycled, so the state stays comparable
	}{
		{"list-move", nil, []string{"j", "k"}},
		{"search-type", []string{"/", "g", "u", "a", "r", "a", "n", "t", "e"}, []string{"e", "backspace"}},
		{"reader-scroll", []string{"enter"}, []string{"j", "k"}},
		{"topic-switch", nil, []string{"1", "2", "3", "4", "0"}},
		{"related-open", []string{"enter", "space", "space"}, []string{"r", "esc"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			d := newDriver(b, 140, 40).keys(c.setup...)
			msgs := make([]tea.Msg, len(c.keys))
			for i, k := range c.keys {
				msgs[i] = keyMsg(k)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				next, _ := d.m.Update(msgs[i%len(msgs)])
				d.m = next.(Model)
				_ = d.m.View()
				i++
			}
		})
	}
}
