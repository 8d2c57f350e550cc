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

	"dispatch/articles"
	"dispatch/store"
	"dispatch/store/article"
	"dispatch/store/state"
)

// testLibrary loads the embedded articles.
func testLibrary(t testing.TB) *store.Library {
	t.Helper()
	arts, err := article.ParseFS(articles.FS)
	if err != nil {
		t.Fatal(err)
	}
	tm, err := store.DefaultTopics()
	if err != nil {
		t.Fatal(err)
	}
	return store.Load(arts, article.List(nil), tm, nil)
}

// testStyles draws without colour, so views compare as plain text.
func testStyles() Styles {
	return DefaultStyles(lipgloss.NewRenderer(nil), termenv.Ascii, true)
}

func newTestModel(t testing.TB) Model {
	t.Helper()
	st, err := state.Open("", state.Options{}) // in memory only
	if err != nil {
		t.Fatal(err)
	}
	return newTestModelWithState(t, st)
}

func newTestModelWithState(t testing.TB, st *state.File) Model {
	t.Helper()
	return newTestModelFor(t, testLibrary(t), st)
}

// newTestModelFor starts a reader on lib.
func newTestModelFor(t testing.TB, lib *store.Library, st *state.File) Model {
	t.Helper()
	s := testStyles()
	return New(Options{
		Library:       lib,
		State:         st,
		Styles:        s,
		Renderer:      NewRenderer(lib, s, glamourstyles.NoTTYStyleConfig, 32<<20),
		KeyMap:        DefaultKeyMap(),
		ResizeSettle:  time.Microsecond,
		PreviewSettle: time.Microsecond,
		FlashFor:      -1, // marks stay until a test sends flashDoneMsg
	})
}

// driver feeds messages to a model and runs the commands they return until
// nothing is left, as the bubbletea runtime would.
type driver struct {
	t     testing.TB
	m     Model
	quit  bool
	queue []tea.Msg
}

func newDriver(t testing.TB, width, height int) *driver {
	d := &driver{t: t, m: newTestModel(t)}
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
	return d
}

// newDriverWithState starts a reader on the state file at path.
func newDriverWithState(t testing.TB, width, height int, path string) (*driver, *state.File) {
	st, err := state.Open(path, state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := &driver{t: t, m: newTestModelWithState(t, st)}
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
	return d, st
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

func keyMsg(name string) tea.KeyMsg {
	special := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "space": tea.KeySpace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"ctrl+d": tea.KeyCtrlD, "ctrl+u": tea.KeyCtrlU, "ctrl+c": tea.KeyCtrlC,
		"backspace": tea.KeyBackspace, "ctrl+o": tea.KeyCtrlO,
	}
	if k, ok := special[name]; ok {
		if k == tea.KeySpace {
			return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
		}
		return tea.KeyMsg{Type: k}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// view returns the model's view without styling.
func (d *driver) view() string { return ansi.Strip(d.m.View()) }

// checkBounds fails when the view has more lines than height or a line wider
// than width.
func checkBounds(t testing.TB, view string, width, height int) {
	t.Helper()
	if view == "" {
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) > height {
		t.Fatalf("%dx%d: view has %d lines", width, height, len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Fatalf("%dx%d: line %d is %d cells wide: %q", width, height, i, w, l)
		}
	}
}

// mustContent is an article's content, which tests load into memory.
func mustContent(a *article.Article) *article.Content {
	c, err := a.Content()
	if err != nil {
		return &article.Content{}
	}
	return c
}
