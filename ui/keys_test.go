package ui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
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
		if got := d.cursor(); got != tt.want {
			t.Errorf("keys %v: cursor %d, want %d", tt.keys, got, tt.want)
		}
	}
}

func TestListPagingKeys(t *testing.T) {
	for _, k := range []string{"space", "pgdown", "ctrl+d", "ctrl+f"} {
		d := newDriver(t, 80, 14).keys(k)
		if got, want := d.cursor(), d.m.list.visibleRows(); got != want {
			t.Errorf("%s: cursor %d, want %d", k, got, want)
		}
	}
	for _, k := range []string{"b", "pgup", "ctrl+u", "ctrl+b"} {
		d := newDriver(t, 80, 14).keys("G", k)
		if got, want := d.cursor(), 4-d.m.list.visibleRows(); got != want {
			t.Errorf("%s: cursor %d, want %d", k, got, want)
		}
	}
	d := newDriver(t, 80, 30).keys("d")
	if got, want := d.cursor(), max(d.m.list.visibleRows()/2, 1); got != want {
		t.Errorf("d: cursor %d, want %d", got, want)
	}
}

func TestOpenAndBackKeys(t *testing.T) {
	for _, open := range []string{"enter", "l", "right"} {
		for _, back := range []string{"esc", "h", "left", "q"} {
			d := newDriver(t, 80, 24).keys("j", open)
			if d.m.mode != modeReader || d.reading() != 2 || d.m.reader.page == nil {
				t.Fatalf("%s: mode %d, reading %d", open, d.m.mode, d.reading())
			}
			if !strings.Contains(d.view(), "U.S. and Ukrainian Delegations Report") {
				t.Errorf("%s: the reader does not show the title:\n%s", open, d.view())
			}
			d.keys(back)
			if d.m.mode != modeList || d.quit || d.cursor() != 1 {
				t.Errorf("%s: mode %d quit %v cursor %d, want back in the list on article 2", back, d.m.mode, d.quit, d.cursor())
			}
		}
	}
}

func TestReaderScrollKeys(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter")
	page := d.m.reader.height
	last := d.m.reader.maxTop()
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
		{"ctrl+f", func(b int) int { return b + page }},
		{"ctrl+d", func(b int) int { return b + page }},
		{"b", func(b int) int { return b - page }},
		{"pgup", func(b int) int { return b - page }},
		{"ctrl+b", func(b int) int { return b - page }},
		{"ctrl+u", func(b int) int { return b - page }},
		{"d", func(b int) int { return b + page/2 }},
		{"u", func(b int) int { return b - page/2 }},
		{"G", func(int) int { return last }},
		{"g", func(int) int { return 0 }},
		{"end", func(int) int { return last }},
		{"home", func(int) int { return 0 }},
	}
	d.keys("j", "j", "j") // start away from the top so up keys move
	for _, s := range steps {
		before := d.top()
		want := min(max(s.want(before), 0), last)
		d.keys(s.key)
		if got := d.top(); got != want {
			t.Errorf("%s from %d: top %d, want %d", s.key, before, got, want)
		}
	}
}

func TestScrollingNeverRendersAgain(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter")
	before := d.m.c.renderer.Renders()
	d.keys("j", "j", "space", "b", "G", "g", "d", "u")
	if got := d.m.c.renderer.Renders(); got != before {
		t.Errorf("scroll keys rendered %d more times", got-before)
	}
	d.keys("esc", "enter") // reopening the same article uses the cache
	if got := d.m.c.renderer.Renders(); got != before {
		t.Errorf("reopening rendered %d more times", got-before)
	}
}

func TestNextAndPreviousArticle(t *testing.T) {
	d := newDriver(t, 80, 24).keys("enter", "J", "J")
	if d.reading() != 3 || d.cursor() != 2 {
		t.Fatalf("after J J: article %d cursor %d, want 3 and 2", d.reading(), d.cursor())
	}
	if d.top() != 0 {
		t.Errorf("the next article opened at line %d, want the top", d.top())
	}
	d.keys("K")
	if d.reading() != 2 {
		t.Errorf("after K: article %d, want 2", d.reading())
	}
	d.keys("K", "K")
	if d.reading() != 1 || !strings.Contains(d.footer(), "this is the first article") {
		t.Errorf("K at the first article: article %d, footer %q", d.reading(), d.footer())
	}
	d.keys("G", "J", "J", "J", "J", "J")
	if d.reading() != 5 || !strings.Contains(d.footer(), "this is the last article") {
		t.Errorf("J past the end: article %d, footer %q", d.reading(), d.footer())
	}
	d.keys("esc", "J")
	if d.m.mode != modeList || d.cursor() != 4 {
		t.Errorf("J in the list should do nothing")
	}
}

func TestTabSwitchesPanes(t *testing.T) {
	d := newDriver(t, 140, 40)
	if d.reading() != 1 || d.m.reader.page == nil {
		t.Fatal("split view should show the selected article at once")
	}
	d.keys("tab")
	if d.m.mode != modeReader {
		t.Fatal("tab did not give the reader the keys")
	}
	d.keys("j")
	if d.top() != 1 || d.cursor() != 0 {
		t.Errorf("j in the reader should scroll it, not move the list")
	}
	d.keys("shift+tab", "j")
	if d.m.mode != modeList || d.cursor() != 1 || d.reading() != 2 {
		t.Errorf("shift+tab back: mode %d cursor %d, reader shows %d", d.m.mode, d.cursor(), d.reading())
	}
}

func TestHelpOverlayFromEveryScreen(t *testing.T) {
	for _, start := range [][]string{nil, {"enter"}, {"c"}, {"r"}, {"w"}, {"enter", "r"}} {
		d := newDriver(t, 250, 60).keys(start...)
		under := d.m.mode
		d.keys("?")
		if d.m.mode != modeHelp {
			t.Fatalf("after %v, ? did not open the help", start)
		}
		v := d.view()
		for _, sec := range d.m.help.sections() {
			for _, b := range sec.bindings {
				if !strings.Contains(v, b.Help().Key) {
					t.Errorf("help lacks %q (%s)", b.Help().Key, b.Help().Desc)
				}
			}
		}
		d.keys("j", "q")
		if d.quit || d.m.mode != under {
			t.Errorf("after %v: q should close the help back to mode %d (mode %d, quit %v)", start, under, d.m.mode, d.quit)
		}
		d.keys("f1")
		if d.m.mode != modeHelp {
			t.Errorf("F1 did not open the help")
		}
		d.keys("esc")
	}
}

func TestHelpScrollsWithoutChangingWidth(t *testing.T) {
	d := newDriver(t, 80, 24).keys("?")
	boxWidth := func() int {
		w := 0
		for _, l := range strings.Split(d.view(), "\n") {
			if strings.Contains(l, "╭") {
				w = len([]rune(strings.TrimSpace(l)))
			}
		}
		return w
	}
	first, width := d.view(), boxWidth()
	for range 30 {
		d.keys("j")
		if w := boxWidth(); w != width {
			t.Fatalf("the help box changed width while scrolling: %d → %d", width, w)
		}
	}
	if d.view() == first {
		t.Error("j should scroll a help taller than the screen")
	}
	d.keys("G")
	if !strings.Contains(d.view(), "closes this help") {
		t.Errorf("G should show the help's last line:\n%s", d.view())
	}
}

func TestQuitAndSuspendKeys(t *testing.T) {
	if d := newDriver(t, 80, 24).keys("q"); !d.quit {
		t.Error("q in the list should quit")
	}
	if d := newDriver(t, 80, 24).keys("enter", "q"); d.quit {
		t.Error("q in the reader should go back, not quit")
	}
	if d := newDriver(t, 80, 24).keys("enter", "ctrl+c"); !d.quit {
		t.Error("ctrl+c should quit from the reader")
	}
	if d := newDriver(t, 80, 24).keys("/", "ctrl+c"); !d.quit {
		t.Error("ctrl+c should quit from the prompt")
	}
	if d := newDriver(t, 80, 24).keys("enter", "ctrl+z"); !d.suspend {
		t.Error("ctrl+z should suspend")
	}
}

// TestEveryBindingIsInTheHelp holds the key map and the help together: a
// binding added to the map must be learnable from ?. The bindings are the
// KeyMap's own fields, found by reflection, so none can be left out here;
// remapped keys (the configuration's keys:) are held to it as well.
func TestEveryBindingIsInTheHelp(t *testing.T) {
	unbound, err := colemak(t).Remap("fetch-feeds", nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, k := range map[string]KeyMap{"default": DefaultKeyMap(), "colemak": colemak(t), "unbound": unbound} {
		opts := testOptions(testLibrary(t), memoryState(t))
		opts.KeyMap = k
		d := newDriverFor(t, 250, 60, opts)
		inHelp := map[string]bool{}
		for _, sec := range d.m.help.sections() {
			for _, b := range sec.bindings {
				inHelp[strings.Join(b.Keys(), ",")] = true
			}
		}
		bindings := allBindings(t, d.m.c.keys)
		if len(bindings) < 40 {
			t.Fatalf("found only %d bindings in the key map", len(bindings))
		}
		for field, b := range bindings {
			if len(b.Keys()) == 0 {
				continue // unbound: nothing to learn
			}
			if !inHelp[strings.Join(b.Keys(), ",")] {
				t.Errorf("%s: binding %s %q (%s) is not in the help", name, field, b.Help().Key, b.Help().Desc)
			}
		}
		// and the help shows them: every key label is on the screen, and
		// the label is made of the keys
		v := d.keys("?").view()
		for field, b := range bindings {
			if !strings.Contains(v, b.Help().Key) {
				t.Errorf("%s: the help screen lacks %s %q", name, field, b.Help().Key)
			}
		}
	}
	for field, b := range allBindings(t, colemak(t)) {
		if kb := DefaultKeyMap(); field == "Down" || field == "Up" || field == "NextMatch" {
			if b.Help().Key == allBindings(t, kb)[field].Help().Key {
				t.Errorf("remapped %s kept its old label %q", field, b.Help().Key)
			}
		}
	}
}

// allBindings lists every binding of the key map by its field name.
func allBindings(t *testing.T, k KeyMap) map[string]key.Binding {
	t.Helper()
	out := map[string]key.Binding{}
	v := reflect.ValueOf(k)
	for i := range v.NumField() {
		if b, ok := v.Field(i).Interface().(key.Binding); ok {
			out[v.Type().Field(i).Name] = b
		} else {
			t.Fatalf("KeyMap.%s is not a key.Binding", v.Type().Field(i).Name)
		}
	}
	return out
}
