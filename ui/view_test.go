package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// Golden views at the three sizes the issue names: one pane at 40 and 80
// columns, split view at 140. Run with -update to refresh after a deliberate
// change, and read the diff.
var goldenSizes = [][2]int{{40, 12}, {80, 24}, {140, 40}}

func TestGoldenViews(t *testing.T) {
	states := []struct {
		name string
		keys []string
	}{
		{"list", nil},
		{"reader", []string{"j", "enter"}},
		{"reader-scrolled", []string{"G", "enter", "space"}},
		{"help", []string{"?"}},
	}
	for _, sz := range goldenSizes {
		for _, st := range states {
			t.Run(fmt.Sprintf("%s-%dx%d", st.name, sz[0], sz[1]), func(t *testing.T) {
				d := newDriver(t, sz[0], sz[1]).keys(st.keys...)
				v := d.m.View()
				checkBounds(t, v, sz[0], sz[1])
				golden.RequireEqual(t, ansi.Strip(v)) // search marks are SGR even without colour
			})
		}
	}
}
