package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/glamour"
	glamourstyles "github.com/charmbracelet/glamour/styles"
)

func TestGlamScratch(t *testing.T) {
	para := strings.Repeat("Words of a sentence that runs on. ", 20) + "\n\n"
	for _, n := range []int{64 << 10, 256 << 10, 1 << 20} {
		src := strings.Repeat(para, n/len(para))
		tr, _ := glamour.NewTermRenderer(glamour.WithStyles(glamourstyles.DarkStyleConfig), glamour.WithWordWrap(80))
		start := time.Now()
		out, err := tr.Render(src)
		t.Logf("%8d bytes: %v (%d out) %v", len(src), time.Since(start), len(out), err)
	}
}
