package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestListMovementKeys(t *testing.T) {
	tests := []struct {
		keys []string
		want int // cursor after the keys
	}{
		{[]string{"j"}, 1},
		{[]string{"down", "down"}, 2},
		{[]string{"j", "j", "k"}, 1},
		{[]string{"j", "up"}, 0},
		{[]string{"k"}, 0}, // stays at the top
		{[]string{"G"}, 4},
		{[]string{"end", "j"}, 4}, // stays at the bottom
		{[]string{"G", "g"}, 0},
		{[]string{"G", "home"}, 0},
		{[]string{"jj"}, 2}, // two keys delivered in one read
	}
	for _, tt := range tests {
		d := newDriver(t, 80, 24).keys(tt.keys...)
		if got := d.m.list.cursor; got != tt.want {
			t.Errorf("keys %v: cursor %d, want %d", tt.keys, got, tt.want)
		}
	}
}

func TestListPagingKeys(t *testing.T) {
	// 12 rows: 4 visible list rows of 3 lines at 80x14 (12 body lines)
	for _, k := range []string{"space", "pgdown", "ctrl+d"} {
		d := newDriver(t, 80, 14).keys(k)
		if got, want := d.m.list.cursor, d.m.list.visibleRows(); got != want {
			t.Errorf("%s: cursor %d, want %d", k, got, want)
		}
	}
	for _, k := range []string{"b", "pgup", "ctrl+u"} {
		d := newDriver(t, 80, 14).keys("G", k)
		if got, want := d.m.list.cursor, 4-d.m.list.visibleRows(); got != want {
			t.Errorf("%s: cursor %d, want %d", k, got, want)
		}
	}
}

func TestOpenAndBackKeys(t *testing.T) {
	for _, open := range []string{"enter", "l", "right"} {
		for _, back := range []string{"esc", "h", "left", "q"} {
			d := newDriver(t, 80, 24).keys("j", open)
			if d.m.focus != focusReader {
				t.Fatalf("%s did not focus the reader", open)
			}
			if d.m.reader.article == nil || (d.m.reader.at+1) != 2 {
				t.Fatalf("%s opened %v, want article 2", open, d.m.reader.article)
			}
			if d.m.reader.doc == nil {
				t.Fatalf("%s: article not rendered", open)
			}
			if !strings.Contains(d.view(), "U.S. and Ukrainian Delegations Report") {
				t.Errorf("%s: reader does not show the title:\n%s", open, d.view())
			}
			d.keys(back)
			if d.m.focus != focusList || d.quit {
				t.Errorf("%s: focus %v quit %v, want back in the list", back, d.m.focus, d.quit)
			}
			if d.m.list.cursor != 1 {
				t.Errorf("%s: list cursor moved to %d", back, d.m.list.cursor)
			}
		}
	}
}

func TestReaderScrollKeys(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter")
	page := d.m.reader.viewport.Height
	steps := []struct {
		key  string
		want func(before int) int
	}{
		{"j", func(b int) int { return b + 1 }},
		{"down", func(b int) int { return b + 1 }},
		{"k", func(b int) int { return b - 1 }},
		{"up", func(b int) int { return b - 1 }},
		{"space", func(b int) int { return b + page }},
		{"pgdown", func(b int) int { return b + page }},
		{"ctrl+d", func(b int) int { return b + page }},
		{"b", func(b int) int { return b - page }},
		{"pgup", func(b int) int { return b - page }},
		{"ctrl+u", func(b int) int { return b - page }},
		{"G", func(int) int { return d.m.reader.viewport.TotalLineCount() - page }},
		{"g", func(int) int { return 0 }},
		{"end", func(int) int { return d.m.reader.viewport.TotalLineCount() - page }},
		{"home", func(int) int { return 0 }},
	}
	d.keys("j", "j", "j") // start away from the top so up keys move
	for _, s := range steps {
		before := d.m.reader.viewport.YOffset
		want := max(s.want(before), 0)
		d.keys(s.key)
		if got := d.m.reader.viewport.YOffset; got != want {
			t.Errorf("%s from %d: offset %d, want %d", s.key, before, got, want)
		}
	}
}

func TestScrollingNeverRendersAgain(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter")
	before := d.m.renderer.Renders()
	d.keys("j", "j", "space", "b", "G", "g", "ctrl+d", "ctrl+u")
	if got := d.m.renderer.Renders(); got != before {
		t.Errorf("scroll keys rendered %d more times", got-before)
	}
	d.keys("esc", "enter") // reopening the same article uses the cache
	if got := d.m.renderer.Renders(); got != before {
		t.Errorf("reopening rendered %d more times", got-before)
	}
}

func TestNextAndPreviousArticle(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter", "J", "J")
	if (d.m.reader.at+1) != 3 || d.m.list.cursor != 2 {
		t.Fatalf("after J J: article %d cursor %d, want 3 and 2", (d.m.reader.at + 1), d.m.list.cursor)
	}
	if d.m.reader.viewport.YOffset != 0 {
		t.Errorf("next article opened at offset %d, want the top", d.m.reader.viewport.YOffset)
	}
	d.keys("K")
	if (d.m.reader.at + 1) != 2 {
		t.Errorf("after K: article %d, want 2", (d.m.reader.at + 1))
	}
	d.keys("K", "K")
	if (d.m.reader.at+1) != 1 || !strings.Contains(d.view(), "this is the first article") {
		t.Errorf("K at the first article: article %d, footer %q", (d.m.reader.at + 1), lastLine(d.view()))
	}
	d.keys("G", "J", "J", "J", "J", "J")
	if (d.m.reader.at+1) != 5 || !strings.Contains(d.view(), "this is the last article") {
		t.Errorf("J past the end: article %d, footer %q", (d.m.reader.at + 1), lastLine(d.view()))
	}
	d.keys("esc", "J")
	if d.m.focus != focusList || d.m.list.cursor != 4 {
		t.Errorf("J in the list should do nothing")
	}
}

func TestTabSwitchesPanes(t *testing.T) {
	d := newDriver(t, 140, 40)
	if d.m.reader.article == nil || d.m.reader.doc == nil {
		t.Fatal("split view should show the selected article at once")
	}
	d.keys("tab")
	if d.m.focus != focusReader {
		t.Fatal("tab did not focus the reader")
	}
	d.keys("j")
	if d.m.reader.viewport.YOffset != 1 || d.m.list.cursor != 0 {
		t.Errorf("j in the focused reader should scroll it, not move the list")
	}
	d.keys("tab", "j")
	if d.m.focus != focusList || d.m.list.cursor != 1 {
		t.Errorf("tab back: focus %v cursor %d", d.m.focus, d.m.list.cursor)
	}
	if (d.m.reader.at + 1) != 2 {
		t.Errorf("split view reader should follow the list, shows %d", (d.m.reader.at + 1))
	}

	single := newDriver(t, 80, 24).keys("tab")
	if single.m.focus != focusList {
		t.Error("tab before opening anything should stay in the list on one pane")
	}
	single.keys("enter", "tab")
	if single.m.focus != focusList {
		t.Error("tab from the reader should return to the list")
	}
	single.keys("tab")
	if single.m.focus != focusReader {
		t.Error("tab should return to the open article")
	}
}

func TestHelpOverlay(t *testing.T) {
	d := newDriver(t, 100, 40).keys("?")
	if !d.m.showHelp {
		t.Fatal("? did not open help")
	}
	v := d.view()
	for _, b := range DefaultKeyMap().fullHelpBindings() {
		if !strings.Contains(v, b.Help().Key) {
			t.Errorf("help lacks %q (%s):\n%s", b.Help().Key, b.Help().Desc, v)
		}
	}
	d.keys("j", "q")
	if d.quit || d.m.list.cursor != 0 {
		t.Errorf("keys under the help overlay must not reach the list (quit=%v cursor=%d)", d.quit, d.m.list.cursor)
	}
	if d.m.showHelp {
		t.Error("q should close the help")
	}
	d.keys("?", "?")
	if d.m.showHelp {
		t.Error("? should close the help")
	}
	d.keys("?", "esc")
	if d.m.showHelp {
		t.Error("esc should close the help")
	}
	d.keys("?", "ctrl+c")
	if !d.quit {
		t.Error("ctrl+c should quit from the help")
	}
}

func TestHelpScrollsWhenTooTall(t *testing.T) {
	d := newDriver(t, 40, 12).keys("?")
	first := d.view()
	d.keys("j", "j", "j")
	if d.view() == first {
		t.Error("j should scroll a help overlay taller than the screen")
	}
	for range 200 {
		d.keys("j")
	}
	if !strings.Contains(d.view(), "closes this help") {
		t.Errorf("scrolled to the end, the help should show its last line:\n%s", d.view())
	}
	d.keys("g", "G")
	if !strings.Contains(d.view(), "closes this help") {
		t.Errorf("G should jump to the end of the help:\n%s", d.view())
	}
}

func TestQuitKeys(t *testing.T) {
	if d := newDriver(t, 80, 24).keys("q"); !d.quit {
		t.Error("q in the list should quit")
	}
	if d := newDriver(t, 80, 24).keys("enter", "q"); d.quit {
		t.Error("q in the reader should go back, not quit")
	}
	if d := newDriver(t, 80, 24).keys("enter", "ctrl+c"); !d.quit {
		t.Error("ctrl+c should quit from the reader")
	}
}

func TestMouse(t *testing.T) {
	d := newDriver(t, 140, 40)
	wheel := func(x int, b tea.MouseButton) tea.MouseMsg {
		return tea.MouseMsg{X: x, Y: 10, Button: b, Action: tea.MouseActionPress}
	}
	d.send(wheel(100, tea.MouseButtonWheelDown))
	if d.m.reader.viewport.YOffset != wheelLines || d.m.list.cursor != 0 {
		t.Errorf("wheel over the reader: offset %d cursor %d", d.m.reader.viewport.YOffset, d.m.list.cursor)
	}
	d.send(wheel(100, tea.MouseButtonWheelUp))
	if d.m.reader.viewport.YOffset != 0 {
		t.Errorf("wheel up over the reader: offset %d", d.m.reader.viewport.YOffset)
	}
	d.send(wheel(10, tea.MouseButtonWheelDown))
	if d.m.list.cursor != 1 {
		t.Errorf("wheel over the list: cursor %d", d.m.list.cursor)
	}
	// rows are 3 lines under a 1-line header: row 3 starts at y = 1 + 3*2
	click := tea.MouseMsg{X: 5, Y: 1 + d.m.list.rowHeight()*2, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
	d.send(click)
	if d.m.list.cursor != 2 || d.m.focus != focusList {
		t.Errorf("click on row 3: cursor %d focus %v", d.m.list.cursor, d.m.focus)
	}
	d.send(click)
	if d.m.focus != focusReader || (d.m.reader.at+1) != 3 {
		t.Errorf("second click should open the row: focus %v", d.m.focus)
	}
}

func TestResizeKeepsReadingPosition(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter")
	for range 40 {
		d.keys("j")
	}
	doc := d.m.reader.doc
	passage := doc.passageAt(d.m.reader.viewport.YOffset)
	d.send(tea.WindowSizeMsg{Width: 60, Height: 30})
	if d.m.reader.doc.key.width != 60 {
		t.Fatalf("not re-rendered for the new width: %d", d.m.reader.doc.key.width)
	}
	if got := d.m.reader.viewport.YOffset; got != d.m.reader.doc.passageLines[passage] {
		t.Errorf("after resize the top line is %d, want passage %d at line %d", got, passage, d.m.reader.doc.passageLines[passage])
	}
}

func TestResizeStormRespectsEverySize(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	d := newDriver(t, 80, 24).keys("enter")
	sizes := [][2]int{{0, 0}, {1, 1}, {0, 10}, {10, 0}, {19, 5}, {20, 6}, {99, 30}, {100, 30}, {2000, 3}}
	for range 500 {
		sizes = append(sizes, [2]int{rng.IntN(250), rng.IntN(80)})
	}
	for i, sz := range sizes {
		msg := tea.WindowSizeMsg{Width: sz[0], Height: sz[1]}
		if i%10 == 0 {
			d.send(msg) // runs the debounced re-render too
		} else {
			next, _ := d.m.Update(msg)
			d.m = next.(Model)
		}
		checkBounds(t, d.m.View(), sz[0], sz[1])
		if i%7 == 0 {
			d.keys("j", "tab", "J", "?")
			checkBounds(t, d.m.View(), sz[0], sz[1])
			d.keys("?")
		}
	}
}

func TestTinyTerminal(t *testing.T) {
	d := newDriver(t, 19, 5)
	if got := d.view(); got != "terminal too small" {
		t.Errorf("19x5 view = %q", got)
	}
	d.send(tea.WindowSizeMsg{Width: 8, Height: 2})
	if got := d.view(); got != "terminal" {
		t.Errorf("8x2 view = %q", got)
	}
	d.send(tea.WindowSizeMsg{Width: 0, Height: 0})
	if got := d.view(); got != "" {
		t.Errorf("0x0 view = %q", got)
	}
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}
