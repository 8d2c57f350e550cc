package ui

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	glamourstyles "github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// TestGoldenStyledViews holds a few screens with their styles: the
// cursor's reverse video, the current match, unread titles in bold, a
// highlighted snippet. Plain goldens cannot see a lost highlight. The
// styles are written as readable marks (⟨b⟩, ⟨rev⟩, ⟨fg 141⟩, ⟨/⟩), not
// as escape sequences.
func TestGoldenStyledViews(t *testing.T) {
	screens := []struct {
		name string
		keys []string
		w, h int
	}{
		{"list-search", []string{"/", "g", "e", "n", "e", "v", "a", "enter"}, 80, 24},
		{"reader-find", []string{"enter", "/", "u", "k", "r", "a", "i", "n", "e", "enter", "n"}, 80, 24},
		{"coverage", []string{"j", "c", "l"}, 120, 35},
		{"story", []string{"v", "j", "j", "j", "j", "j"}, 120, 35},
	}
	for _, sc := range screens {
		t.Run(fmt.Sprintf("%s-%dx%d", sc.name, sc.w, sc.h), func(t *testing.T) {
			lib := testLibrary(t)
			opts := testOptions(lib, memoryState(t))
			opts.Styles = DefaultStyles(lipgloss.NewRenderer(nil), termenv.ANSI256, true)
			opts.Renderer = NewRenderer(lib, opts.Styles, glamourstyles.DarkStyleConfig, 32<<20)
			d := newDriverFor(t, sc.w, sc.h, opts).keys(sc.keys...)
			v := d.m.View()
			checkBounds(t, v, sc.w, sc.h)
			golden.RequireEqual(t, readableStyles(v))
		})
	}
}

var sgrSequence = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// readableStyles writes every SGR sequence of s as named marks, so a
// golden file reads as text and a diff says which style changed.
func readableStyles(s string) string {
	return sgrSequence.ReplaceAllStringFunc(s, func(seq string) string {
		params := strings.Split(sgrSequence.FindStringSubmatch(seq)[1], ";")
		var names []string
		for i := 0; i < len(params); i++ {
			switch p := params[i]; p {
			case "", "0":
				names = append(names, "/")
			case "1":
				names = append(names, "b")
			case "2":
				names = append(names, "faint")
			case "3":
				names = append(names, "i")
			case "4":
				names = append(names, "u")
			case "7":
				names = append(names, "rev")
			case "9":
				names = append(names, "strike")
			case "22", "23", "24", "27", "29", "39", "49":
				names = append(names, "-"+p)
			case "38", "48":
				what := map[string]string{"38": "fg", "48": "bg"}[p]
				if i+2 < len(params) && params[i+1] == "5" {
					names = append(names, what+" "+params[i+2])
					i += 2
				} else if i+4 < len(params) && params[i+1] == "2" {
					r, _ := strconv.Atoi(params[i+2])
					g, _ := strconv.Atoi(params[i+3])
					b, _ := strconv.Atoi(params[i+4])
					names = append(names, fmt.Sprintf("%s #%02x%02x%02x", what, r, g, b))
					i += 4
				} else {
					names = append(names, what+"?")
				}
			default:
				names = append(names, p)
			}
		}
		return "⟨" + strings.Join(names, ",") + "⟩"
	})
}
