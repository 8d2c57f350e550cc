package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	glamourstyles "github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"dispatch/internal/testlib"
	"dispatch/store"
	"dispatch/store/article"
	"dispatch/store/state"
)

// The reader's tests run on their own library (internal/testlib), so that
// changing dispatch's built-in articles or topics changes no test.

// testLibrary loads the fixture library.
func testLibrary(t testing.TB) *store.Library {
	t.Helper()
	arts, err := article.ParseFS(testlib.Library)
	if err != nil {
		t.Fatal(err)
	}
	return store.Load(arts, article.List(nil), testTopics(t), nil)
}

// testTopics are the fixture topics.
func testTopics(t testing.TB) store.Topics {
	t.Helper()
	ts, err := store.LoadTopics("testlib/topics.yaml", testlib.Topics, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// testStyles draws without colour, so views compare as plain text.
func testStyles() Styles {
	return DefaultStyles(lipgloss.NewRenderer(nil), termenv.Ascii, true)
}

// memoryState is a state file in memory only.
func memoryState(t testing.TB) *state.File {
	t.Helper()
	st, err := state.Open("", state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// testOptions are a reader's options on lib for tests: no delays, marks
// that stay until a test ends them.
func testOptions(lib *store.Library, st *state.File) Options {
	s := testStyles()
	opts := Options{
		Library:       lib,
		State:         st,
		Styles:        s,
		KeyMap:        DefaultKeyMap(),
		ResizeSettle:  time.Microsecond,
		PreviewSettle: time.Microsecond,
		FlashFor:      -1, // marks stay until a test sends flashDoneMsg
	}
	if lib != nil {
		opts.Renderer = NewRenderer(lib, s, glamourstyles.NoTTYStyleConfig, 32<<20)
	}
	return opts
}

// driver feeds messages to a model and runs the commands they return until
// nothing is left, as the bubbletea runtime would.
type driver struct {
	t       testing.TB
	m       Model
	quit    bool
	suspend bool
	queue   []tea.Msg
}

// newDriver starts a reader on the fixture library in a terminal of the
// given size.
func newDriver(t testing.TB, width, height int) *driver {
	return newDriverFor(t, width, height, testOptions(testLibrary(t), memoryState(t)))
}

// newDriverFor starts a reader with opts. Its Init (warming the library's
// relations) is not run: tests see relations computed when asked for.
func newDriverFor(t testing.TB, width, height int, opts Options) *driver {
	d := &driver{t: t, m: New(opts)}
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
	return d
}

// newDriverWithState starts a reader on the state file at path.
func newDriverWithState(t testing.TB, width, height int, path string) (*driver, *state.File) {
	st, err := state.Open(path, state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return newDriverFor(t, width, height, testOptions(testLibrary(t), st)), st
}

func (d *driver) send(msgs ...tea.Msg) *driver {
	d.t.Helper()
	d.queue = append(d.queue, msgs...)
	for len(d.queue) > 0 {
		msg := d.queue[0]
		d.queue = d.queue[1:]
		next, cmd := d.m.Update(msg)
		d.m = next.(Model)
		d.run(cmd)
	}
	return d
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case tea.QuitMsg:
		d.quit = true
	case tea.SuspendMsg:
		d.suspend = true
	default:
		d.queue = append(d.queue, msg)
	}
}

// keys sends each argument as one key press: "j", "enter", "ctrl+d", "G".
func (d *driver) keys(names ...string) *driver {
	d.t.Helper()
	for _, n := range names {
		d.send(keyMsg(n))
	}
	return d
}

// typeText sends each rune as its own key press, as a person types.
func (d *driver) typeText(s string) *driver {
	for _, r := range s {
		d.send(keyMsg(string(r)))
	}
	return d
}

var specialKeys = map[string]tea.KeyType{
	"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
	"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	"ctrl+d": tea.KeyCtrlD, "ctrl+u": tea.KeyCtrlU, "ctrl+f": tea.KeyCtrlF, "ctrl+b": tea.KeyCtrlB,
	"ctrl+c": tea.KeyCtrlC, "ctrl+z": tea.KeyCtrlZ, "ctrl+o": tea.KeyCtrlO, "ctrl+n": tea.KeyCtrlN,
	"ctrl+p": tea.KeyCtrlP, "ctrl+s": tea.KeyCtrlS, "backspace": tea.KeyBackspace, "f1": tea.KeyF1,
}

func keyMsg(name string) tea.KeyMsg {
	if name == "space" {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	if k, ok := specialKeys[name]; ok {
		return tea.KeyMsg{Type: k}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// click is a left click at x, y.
func click(x, y int) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
}

// wheel is a wheel notch at x, y.
func wheel(x, y int, down bool) tea.MouseMsg {
	b := tea.MouseButtonWheelUp
	if down {
		b = tea.MouseButtonWheelDown
	}
	return tea.MouseMsg{X: x, Y: y, Button: b, Action: tea.MouseActionPress}
}

// view returns the model's view without styling.
func (d *driver) view() string { return ansi.Strip(d.m.View()) }

// footer and header are the screen's last and first lines.
func (d *driver) footer() string { return lastLine(d.view()) }
func (d *driver) header() string { return strings.SplitN(d.view(), "\n", 2)[0] }

// reading is the article the reader shows (1-based, as people see it),
// 0 for none.
func (d *driver) reading() int { return d.m.reader.doc + 1 }

// topPassage is the passage at the top of the reader.
func (d *driver) topPassage() int { return d.m.reader.at.passage }

// checkBounds fails unless the view has exactly height lines, none wider
// than width.
func checkBounds(t testing.TB, view string, width, height int) {
	t.Helper()
	if width <= 0 || height <= 0 {
		if view != "" {
			t.Fatalf("%dx%d: view %q", width, height, view)
		}
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) != height {
		t.Fatalf("%dx%d: view has %d lines", width, height, len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Fatalf("%dx%d: line %d is %d cells wide: %q", width, height, i, w, l)
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}

// mustContent is an article's content, which tests keep in memory.
func mustContent(a *article.Article) *article.Content {
	c, err := a.Content()
	if err != nil {
		return &article.Content{}
	}
	return c
}

// What tests observe of the reader, in one place: each reads what the
// screen shows or what a person did, so a change inside a component changes
// these lines, not every test.

// top is the first line the reader shows.
func (d *driver) top() int { return d.m.reader.top }

// cursor is the list's cursor: the row, counted from 0.
func (d *driver) cursor() int { return d.m.list.cursor }

// selected is the article under the list's cursor (0-based), -1 for none.
func (d *driver) selected() int { return d.m.list.selectedDoc() }

// listed is the articles of the list in order (0-based).
func (d *driver) listed() []int {
	out := make([]int, len(d.m.list.items))
	for i, h := range d.m.list.items {
		out[i] = h.Doc
	}
	return out
}

// typed is the text of the search prompt.
func (d *driver) typed() string { return d.m.search.value() }

// currentMatch is the match the reader marks as current, -1 for none.
func (d *driver) currentMatch() int { return d.m.reader.current }

// topic is the topic filter, noTopic for none.
func (d *driver) topic() int { return d.m.c.topic }

// saved is what the state file holds of article doc (0-based).
func (d *driver) saved(doc int) state.ArticleState { return d.m.c.state.Article(d.m.c.stateKey(doc)) }

// flashed is the passage the reader marks for a moment after a jump, -1
// for none.
func (d *driver) flashed() int { return d.m.reader.flash }
