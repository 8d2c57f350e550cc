package ui

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/lucasb-eyer/go-colorful"
	"github.com/muesli/termenv"
)

func TestKeyActions(t *testing.T) {
	actions := KeyActions()
	if n := len(allBindings(t, DefaultKeyMap())); len(actions) != n {
		t.Fatalf("%d actions for %d bindings", len(actions), n)
	}
	for _, want := range []string{"down", "page-down", "next-article", "topic-filter", "next-topic-passage", "force-quit"} {
		if !slices.Contains(actions, want) {
			t.Errorf("no action %q in %v", want, actions)
		}
	}
	// every action is live on a screen: a binding no panel lists (in its
	// FullHelp) is one whose conflicts go unseen, and one the help misses
	screens := DefaultKeyMap().liveActions()
	for _, a := range actions {
		found := false
		for _, sc := range screens {
			found = found || slices.Contains(sc.actions, a)
		}
		if !found {
			t.Errorf("action %s is live on no screen", a)
		}
	}
}

func TestParseKey(t *testing.T) {
	for in, want := range map[string]string{
		"n": "n", "J": "J", "?": "?", "é": "é", "space": " ", "enter": "enter", "pgdown": "pgdown", "f5": "f5",
		"ctrl+x": "ctrl+x", "alt+j": "alt+j", "alt+space": "alt+ ", "shift+tab": "shift+tab", "backspace": "backspace",
	} {
		if got, err := ParseKey(in); err != nil || got != want {
			t.Errorf("ParseKey(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "jj", "Enter", "ctrl+", "alt+", "shift+j", "f99", " ", "\x1b", "super+x", "runes"} {
		if got, err := ParseKey(bad); err == nil {
			t.Errorf("ParseKey(%q) = %q, want an error", bad, got)
		}
	}
}

// The default keys share keys only where no screen has both actions live.
func TestDefaultKeysDoNotConflict(t *testing.T) {
	if cs := DefaultKeyMap().Conflicts(); len(cs) > 0 {
		t.Errorf("the default keys conflict: %v", cs)
	}
	// the keys that are rightly shared, each by actions of different screens
	for _, tt := range []struct {
		key  string
		a, b string
	}{
		{"/", "search", "find"}, {"esc", "back", "close"}, {"esc", "clear-search", "prompt-cancel"},
		{"1", "topic-filter", "link-number"}, {"tab", "switch-focus", "prompt-complete"},
		{"enter", "open", "select"}, {"enter", "open", "prompt-accept"}, {"l", "open", "cell-right"},
		{"h", "back", "cell-left"}, {"q", "quit", "back"}, {"q", "quit", "close"}, {"down", "down", "prompt-down"},
	} {
		ka, _ := DefaultKeyMap().ActionKeys(tt.a)
		kb, _ := DefaultKeyMap().ActionKeys(tt.b)
		if !slices.Contains(ka, tt.key) || !slices.Contains(kb, tt.key) {
			t.Errorf("%s and %s do not share %s any more: %v, %v", tt.a, tt.b, tt.key, ka, kb)
		}
	}
}

func TestRemappedKeysConflict(t *testing.T) {
	k, err := DefaultKeyMap().Remap("down", []string{"n", "down"})
	if err != nil {
		t.Fatal(err)
	}
	cs := k.Conflicts()
	if len(cs) != 1 || cs[0].String() != "n is both down and next-match on the list and the reader" {
		t.Errorf("down on n: %v, want one conflict with next-match", cs)
	}
	if k, _ = k.Remap("next-match", []string{"k"}); len(k.Conflicts()) == 0 {
		t.Error("next-match on k, which up has: no conflict")
	}
	if k, _ = k.Remap("up", []string{"e", "up"}); len(k.Conflicts()) != 0 {
		t.Errorf("Colemak's n and e with next-match on k: %v", k.Conflicts())
	}
	// the anywhere keys conflict in a prompt too
	k, _ = DefaultKeyMap().Remap("prompt-accept", []string{"?"})
	if cs := k.Conflicts(); len(cs) != 1 || !slices.Equal(cs[0].Screens, []string{"the search prompt", "the find prompt"}) {
		t.Errorf("prompt-accept on ?: %v", cs)
	}
	// the help treats back and close alike: both on z is no conflict
	k, _ = DefaultKeyMap().Remap("back", []string{"z"})
	k, _ = k.Remap("close", []string{"z"})
	if cs := k.Conflicts(); len(cs) != 0 {
		t.Errorf("back and close on z: %v", cs)
	}
}

func TestRemapMistakes(t *testing.T) {
	if _, err := DefaultKeyMap().Remap("downward", []string{"n"}); err == nil || !strings.Contains(err.Error(), `no action "downward"`) {
		t.Errorf("an unknown action: %v", err)
	}
	if _, err := DefaultKeyMap().Remap("down", []string{"n", "nn"}); err == nil || !strings.Contains(err.Error(), `no key "nn"`) {
		t.Errorf("an unknown key: %v", err)
	}
}

// colemak is the key map of the tests below: down and up on n and e, and
// next-match, which had n, on k.
func colemak(t *testing.T) KeyMap {
	t.Helper()
	k := DefaultKeyMap()
	for action, keys := range map[string][]string{"down": {"n", "down"}, "up": {"e", "up"}, "next-match": {"k"}} {
		var err error
		if k, err = k.Remap(action, keys); err != nil {
			t.Fatal(err)
		}
	}
	return k
}

func TestRemappedKeysMoveAndShowInTheHelp(t *testing.T) {
	opts := testOptions(testLibrary(t), memoryState(t))
	opts.KeyMap = colemak(t)
	d := newDriverFor(t, 100, 40, opts).keys("n", "n", "e")
	if d.cursor() != 1 {
		t.Errorf("n n e: cursor %d, want 1", d.cursor())
	}
	d.keys("j")
	if d.cursor() != 1 {
		t.Errorf("j, unbound now, moved the cursor to %d", d.cursor())
	}
	if f := d.footer(); !strings.Contains(f, "n/↓ down") || !strings.Contains(f, "e/↑ up") {
		t.Errorf("the footer does not show the new keys: %q", f)
	}
	v := d.keys("?").view()
	flat := strings.Join(strings.Fields(v), " ")
	for _, want := range []string{"n/↓", "e/↑", "k next match"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the help lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "↓/j") || strings.Contains(v, "↑/k") {
		t.Errorf("the help still shows j and k:\n%s", v)
	}
}

func TestUnboundAndPlacedKeys(t *testing.T) {
	k := DefaultKeyMap()
	k, _ = k.Remap("fetch-feeds", nil)
	k, _ = k.Remap("topic-filter", []string{"!", "@", "#"})
	k, _ = k.Remap("find", []string{"f"})
	opts := testOptions(testLibrary(t), memoryState(t))
	opts.KeyMap = k
	d := newDriverFor(t, 250, 60, opts)
	if v := d.keys("?").view(); strings.Contains(v, "fetch feeds") || !strings.Contains(v, "!/@/#") {
		t.Errorf("the help shows an unbound key, or not the topic keys:\n%s", v)
	}
	d.keys("esc", "@")
	if d.m.c.topic != 1 {
		t.Errorf("@, the second topic key: topic %d, want 1", d.m.c.topic)
	}
	d.keys("2")
	if d.m.c.topic != 1 {
		t.Errorf("2, no longer a topic key, changed the topic to %d", d.m.c.topic)
	}
	d.keys("enter", "/")
	if d.m.mode == modeFind {
		t.Error("/ opened the find prompt: find is on f")
	}
	if d.keys("f"); d.m.mode != modeFind {
		t.Errorf("f in the reader: mode %d, want the find prompt", d.m.mode)
	}
}

// Colours chosen in the configuration are drawn, made readable on the
// background: a dark blue is lightened on a dark terminal.
func TestChosenColours(t *testing.T) {
	r := lipgloss.NewRenderer(nil)
	s := StylesWith(r, termenv.TrueColor, true, Colours{Accent: "#000080", Unread: "#FF8800"})
	if got := s.ListCursor.GetForeground(); got != lipgloss.Color(readable("#000080", darkBackground)) || got == lipgloss.Color("#000080") {
		t.Errorf("accent on a dark background: %v, want #000080 made readable", got)
	}
	if got := s.UnreadDot.GetForeground(); got != lipgloss.Color(readable("#FF8800", darkBackground)) {
		t.Errorf("unread: %v", got)
	}
	light := StylesWith(r, termenv.TrueColor, false, Colours{Accent: "#FFFF00"})
	c, _ := colorful.Hex(string(light.ListCursor.GetForeground().(lipgloss.Color)))
	bg, _ := colorful.Hex(lightBackground)
	if contrast(c, bg) < minContrast {
		t.Errorf("yellow accent on a light background: %v, contrast %.1f", c.Hex(), contrast(c, bg))
	}
	if plain := StylesWith(r, termenv.Ascii, true, Colours{Accent: "#FF0000"}); plain.ListCursor.GetForeground() != (lipgloss.NoColor{}) {
		t.Errorf("without colour a chosen colour is drawn: %v", plain.ListCursor.GetForeground())
	}
}

func FuzzParseKey(f *testing.F) {
	for _, s := range []string{"n", "space", "alt+ctrl+x", "ctrl+", "é", "\x00", "shift+é", "alt+alt+j"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name, err := ParseKey(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("%q: error on two lines", s)
			}
			return
		}
		if name == "" || !utf8.ValidString(name) {
			t.Fatalf("%q read as %q", s, name)
		}
		if _, err := DefaultKeyMap().Remap("down", []string{s}); err != nil {
			t.Fatalf("%q parses but does not remap: %v", s, err)
		}
	})
}
