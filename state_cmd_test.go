package main

import (
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"dispatch/internal/screen"
	"dispatch/store"
	"dispatch/store/article"
	"dispatch/store/state"
)

// seedState writes a state file marking article 2 read and bookmarking 2
// and 4, as the reader would.
func seedState(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.json")
	e := makeEnv(nil, io.Discard, io.Discard, func(string) string { return "" })
	e.builtin = testBuiltins
	lib, err := loadLibrary(e, &globalFlags{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := state.Open(path, state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.SetRead(lib.Article(1).StateKey(), true)
	st.SetBookmarked(lib.Article(1).StateKey(), true)
	st.SetBookmarked(lib.Article(3).StateKey(), true)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestListShowsSavedState(t *testing.T) {
	path := seedState(t)
	code, out, _ := runCLI(t, nil, "--state", path, "list", "--json")
	var arts []articleJSON
	if err := json.Unmarshal([]byte(out), &arts); err != nil || code != 0 {
		t.Fatalf("exit %d %v", code, err)
	}
	for _, a := range arts {
		wantRead, wantMark := a.ID == 2, a.ID == 2 || a.ID == 4
		if a.Read != wantRead || a.Bookmarked != wantMark {
			t.Errorf("article %d: read %v bookmarked %v", a.ID, a.Read, a.Bookmarked)
		}
	}
	code, out, _ = runCLI(t, nil, "list", "--bookmarked", "--state", path)
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], " 2  ★") || !strings.HasPrefix(lines[1], " 4 ●★") {
		t.Errorf("--bookmarked:\n%s", out)
	}
	before, _ := os.ReadFile(path)
	runCLI(t, nil, "list", "--state", path)
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("listing changed the state file")
	}
}

func TestListWithDamagedState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	os.WriteFile(path, []byte(`{"version": 1, "articles": {"a@1": {"re`), 0o644) // cut short
	code, out, errs := runCLI(t, nil, "list", "--state", path)
	if code != 0 || len(strings.Split(strings.TrimSpace(out), "\n")) != 5 {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if !strings.HasPrefix(errs, "dispatch: state file "+path+": damaged (not a state file") || strings.Count(errs, "\n") != 1 {
		t.Errorf("stderr %q", errs)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error("listing must not move the damaged file: the reader does that, with a warning")
	}
}

// crashModel changes the state and then panics, like a bug in Update.
type crashModel struct{ st *state.File }

func (crashModel) Init() tea.Cmd { return nil }
func (c crashModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return c, nil
	}
	for _, r := range k.Runes { // keys read at once arrive together
		switch r {
		case 's':
			c.st.SetBookmarked("a@1", true)
		case 'x':
			panic("boom")
		}
	}
	return c, nil
}
func (crashModel) View() string { return "" }

func TestPanicStillSavesState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	st, err := state.Open(path, state.Options{Debounce: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	p := tea.NewProgram(crashModel{st}, tea.WithInput(strings.NewReader("sx")), tea.WithOutput(&strings.Builder{}), tea.WithoutRenderer())
	var term strings.Builder
	_, err = runSaving(p, st, screen.New(&term), nil)
	if err == nil || !strings.Contains(err.Error(), "the reader crashed (your reading state was saved)") {
		t.Fatalf("error %v", err)
	}
	if out := term.String(); !strings.HasSuffix(out, "\x1b[?1049l") {
		t.Errorf("the screen did not give the terminal back after the panic: %q", out)
	}
	got, err := state.Read(path)
	if err != nil || !got.Articles["a@1"].Bookmarked {
		t.Errorf("the bookmark made before the panic was not saved: %v %+v", err, got.Articles)
	}
}

// waitModel changes the state at once and then waits to be told to quit.
// waitModel bookmarks an article and says when its event loop runs: by
// then bubbletea has installed its signal handlers.
type waitModel struct {
	st      *state.File
	running chan struct{}
}

type runningMsg struct{}

func (w waitModel) Init() tea.Cmd {
	w.st.SetBookmarked("b@2", true)
	return func() tea.Msg { return runningMsg{} }
}

func (w waitModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(runningMsg); ok {
		close(w.running)
	}
	return w, nil
}

func (waitModel) View() string { return "" }

func TestHangupSavesState(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM} {
		path := filepath.Join(t.TempDir(), "state.json")
		st, err := state.Open(path, state.Options{Debounce: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		r, w, _ := os.Pipe() // input that never ends
		running := make(chan struct{})
		p := tea.NewProgram(waitModel{st, running}, tea.WithInput(r), tea.WithOutput(&strings.Builder{}))
		done := make(chan error, 1)
		// caught here too, so that a signal sent before bubbletea listens
		// for it cannot end the test binary; it is sent again until the
		// reader ends
		caught := make(chan os.Signal, 8)
		signal.Notify(caught, sig)
		go func() { _, err := runSaving(p, st, screen.New(io.Discard), nil); done <- err }()
		<-running
		deadline := time.After(5 * time.Second)
	wait:
		for {
			syscall.Kill(os.Getpid(), sig)
			select {
			case err := <-done:
				if err != nil && sig == syscall.SIGHUP {
					t.Errorf("%v: %v", sig, err)
				}
				// the signal just sent is still on its way: once no one
				// listens it would end the test binary
				select {
				case <-caught:
				case <-deadline:
					t.Fatalf("%v was not delivered", sig)
				}
				break wait
			case <-caught:
				// delivered; the reader may not have been listening yet
			case <-deadline:
				t.Fatalf("%v did not end the reader", sig)
			}
		}
		signal.Stop(caught)
		w.Close()
		r.Close()
		got, err := state.Read(path)
		if err != nil || !got.Articles["b@2"].Bookmarked {
			t.Errorf("%v: the bookmark was not saved: %v", sig, err)
		}
	}
}

// panicFS is a folder whose listing panics, as a bug in a file system or a
// parser might.
type panicFS struct{}

func (panicFS) Open(string) (fs.File, error) { panic("boom") }

// TestALoaderPanicEndsTheReaderWithAnError: loading runs outside bubbletea;
// a panic there must come back as the error that ends the reader, not take
// the process down before the terminal is restored.
func TestALoaderPanicEndsTheReaderWithAnError(t *testing.T) {
	events := make(chan loadEvent, 4)
	loadForReader(libraryInputs{sources: []article.Source{{FS: panicFS{}, Label: "mine"}}}, store.CacheOptions{}, store.DefaultCatalogFrom, events)
	var got error
	for ev := range events {
		if ev.err != nil {
			got = ev.err
		}
	}
	if got == nil || !strings.Contains(got.Error(), "internal error: boom") {
		t.Fatalf("error %v", got)
	}
}
