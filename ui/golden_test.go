package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// goldenSizes are the sizes views are held to: one pane at 40 and 80
// columns, split view at 120 and 250.
var goldenSizes = [][2]int{{40, 12}, {80, 24}, {120, 35}, {250, 60}}

// TestGoldenViews holds every screen at every size to a golden file. Run
// with -update to refresh after a deliberate change, and read the diff.
func TestGoldenViews(t *testing.T) {
	screens := []struct {
		name string
		keys []string
	}{
		{"list", nil},
		{"reader", []string{"j", "enter"}},
		{"reader-scrolled", []string{"G", "enter", "space"}},
		{"prompt", []string{"/", "g", "e", "n", "e", "v", "a", " ", "t", "a"}},
		{"help", []string{"?"}},
		{"coverage", []string{"j", "c", "l"}},
		{"related", []string{"enter", "space", "r"}},
		{"warnings", []string{"w"}},
		{"story", []string{"v"}},
		{"story-matrix", []string{"v", "G", "h", "h"}},
		{"list-by-story", []string{"V", "enter"}},
	}
	for _, sz := range goldenSizes {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				opts := testOptions(testLibrary(t), memoryState(t))
				if sc.name == "warnings" {
					opts.Warnings = []string{"skipped notes/broken.md: front matter: yaml: line 2: did not find expected ',' or ']'", "notes/esc.md: removed terminal escape sequences"}
				}
				d := newDriverFor(t, sz[0], sz[1], opts).keys(sc.keys...)
				v := d.m.View()
				checkBounds(t, v, sz[0], sz[1])
				golden.RequireEqual(t, ansi.Strip(v)) // search marks are SGR even without colour
			})
		}
	}
}
