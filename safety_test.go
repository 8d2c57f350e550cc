package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	glamourstyles "github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"dispatch/internal/termout"
	"dispatch/store"
	"dispatch/store/state"
	"dispatch/ui"
)

// badInput is one hostile or broken file in a user's article folder.
type badInput struct {
	name    string
	make    func(t *testing.T, dir string) // creates the file(s) in dir
	warning string                         // the one-line warning, exactly
	shown   bool                           // true: shown safely; false: skipped
}

func write(name, data string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func badInputs() []badInput {
	nested := strings.Repeat("> ", 25) + strings.Repeat("- ", 25) + "deep\n"
	return []badInput{
		{"raw escape sequences", write("esc.md", "# Evil \x1b[2J\x1b[H title\n\nText \x1b]0;pwned\x07with \x1b]8;;http://x\x1b\\a link\x1b]8;;\x1b\\ and \x1b[31mred\x1b[0m.\n"),
			"notes/esc.md: removed terminal escape sequences", true},
		{"escapes as HTML entities", write("ent.md", "# Entities\n\nText &#27;[31mred&#x1b;[0m and &#x9b;2J and &#27;]0;x&#7; end.\n"),
			"notes/ent.md: removed character references to control characters", true},
		{"C0 and C1 controls", write("ctl.txt", "Controls\nBell\x07 back\x08space and C1 \u0085next\u009bline.\n"),
			"notes/ctl.txt: removed control characters", true},
		{"bidi overrides", write("bidi.md", "# Bidi \u202etxet desrever\u202c\n\nThe \u2066isolated\u2069 word.\n"),
			"notes/bidi.md: removed bidi controls", true},
		{"invalid UTF-8", write("utf8.txt", "Broken Bytes\nText with \xff\xfe bad \xc3 bytes.\n"),
			"notes/utf8.txt: replaced invalid UTF-8", true},
		{"one 200 KB word", write("word.md", "# Long\n\n"+strings.Repeat("a", 200*1024)+"\n"),
			"notes/word.md: a word of 204800 characters is broken up to fit", true},
		{"50-deep nesting", write("nest.md", "# Nested\n\n"+nested),
			"notes/nest.md: lists and quotes nested 50 deep, shown as plain paragraphs", true},
		{"a 100 MB file", func(t *testing.T, dir string) {
			f, err := os.Create(filepath.Join(dir, "huge.md"))
			if err != nil {
				t.Fatal(err)
			}
			f.Truncate(100 << 20) // sparse: no 100 MB written
			f.Close()
		}, "skipped notes/huge.md: file larger than 4 MiB", false},
		{"a FIFO", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "skipped notes/pipe.md: not a regular file (a named pipe)", false},
		{"a directory symlink loop", func(t *testing.T, dir string) {
			os.Mkdir(filepath.Join(dir, "sub"), 0o755)
			os.Symlink("..", filepath.Join(dir, "sub", "loop"))
		}, "skipped notes/sub/loop: symbolic link to a directory, not followed", false},
		{"an unreadable file (a dangling link)", func(t *testing.T, dir string) {
			os.Symlink(filepath.Join(dir, "gone.md"), filepath.Join(dir, "link.md"))
		}, "skipped notes/link.md: broken symbolic link", false},
		{"an empty file", write("empty.md", ""), "skipped notes/empty.md: empty file", false},
		{"only front matter", write("fm.md", "---\ntitle: Just a title\n---\n"),
			"skipped notes/fm.md: no text after the front matter", false},
		{"malformed front matter", write("bad.md", "---\ntitle: [unclosed\n---\ntext\n"),
			"skipped notes/bad.md: front matter: yaml: line 2: did not find expected ',' or ']'", false},
		{"duplicate slugs", func(t *testing.T, dir string) {
			write("a.md", "# Same Title\n\nOne.\n")(t, dir)
			write("b.md", "# Same Title\n\nTwo.\n")(t, dir)
		}, `notes/b.md: slug "same-title" is taken by notes/a.md; this one is "same-title-2"`, true},
	}
}

// onlySGR fails when s holds anything but the styling the output wall
// allows (termout.Check).
func onlySGR(t *testing.T, what, s string) {
	t.Helper()
	if err := termout.Check(s, termout.Styled); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func TestBadInputsInUserArticles(t *testing.T) {
	for _, bad := range badInputs() {
		t.Run(bad.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "notes")
			os.Mkdir(dir, 0o755)
			write("good.md", "# A Good Note\n\nThe Black Sea corridor is open.\n")(t, dir)
			bad.make(t, dir)
			var stderr bytes.Buffer
			chdir(t, root)
			lib, err := loadLibrary(makeEnv(nil, io.Discard, &stderr, func(string) string { return "" }), &globalFlags{dirs: []string{"notes"}, noBuiltin: true})
			if err != nil {
				t.Fatalf("the library did not load: %v", err)
			}
			var warns []string
			for _, w := range lib.Warnings() {
				warns = append(warns, w.String())
			}
			if !slices.Contains(warns, bad.warning) {
				t.Errorf("warnings %q lack %q", warns, bad.warning)
			}
			if !strings.Contains(stderr.String(), "dispatch: "+bad.warning+"\n") {
				t.Errorf("stderr %q lacks the warning line", stderr.String())
			}
			user := lib.Len()
			if bad.shown && user < 2 || !bad.shown && user != 1 {
				t.Errorf("%d user articles loaded (shown: %v)", user, bad.shown)
			}
			checkEverythingRendersSafely(t, lib)
		})
	}
}

// checkEverythingRendersSafely renders every article as the reader would, in
// colour, and drives the reader through them: only SGR styling may reach the
// terminal, and the reader's lines fit.
func checkEverythingRendersSafely(t *testing.T, lib *store.Library) {
	t.Helper()
	styles := ui.DefaultStyles(lipgloss.NewRenderer(io.Discard), termenv.TrueColor, true)
	r := ui.NewRenderer(lib, styles, glamourstyles.DarkStyleConfig, 64<<20)
	for i := range lib.Len() {
		a := lib.Article(i)
		out, err := r.RenderText(i, 80)
		if err != nil {
			t.Fatalf("render %s: %v", a.Path, err)
		}
		onlySGR(t, a.Path, out)
		for _, l := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(l); w > 80 {
				t.Fatalf("%s: a line %d cells wide", a.Path, w)
			}
		}
		onlySGR(t, a.Path+" title", a.Title)
	}
	st, _ := state.Open("", state.Options{})
	var m tea.Model = ui.New(ui.Options{Library: lib, State: st, Styles: styles, Renderer: r, KeyMap: ui.DefaultKeyMap()})
	feed := func(msg tea.Msg) {
		for queue := []tea.Msg{msg}; len(queue) > 0; queue = queue[1:] {
			var cmd tea.Cmd
			m, cmd = m.Update(queue[0])
			if cmd != nil {
				if next := cmd(); next != nil {
					if _, isBatch := next.(tea.BatchMsg); !isBatch {
						queue = append(queue, next)
					}
				}
			}
		}
	}
	feed(tea.WindowSizeMsg{Width: 120, Height: 30})
	for range lib.Len() {
		feed(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}})
		feed(tea.KeyMsg{Type: tea.KeyEnter})
		feed(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'G'}})
		onlySGR(t, "reader view", m.View())
		feed(tea.KeyMsg{Type: tea.KeyEsc})
		onlySGR(t, "list view", m.View())
	}
}

// chdir changes the working directory for one test.
func chdir(t *testing.T, dir string) {
	t.Helper()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(old) })
}
