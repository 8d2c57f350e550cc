package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/adrg/xdg"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"

	"dispatch/internal/recovered"
	"dispatch/internal/screen"
	"dispatch/internal/termout"
	"dispatch/store"
	"dispatch/store/state"
	"dispatch/ui"
)

// stateDebounce is how long the reader waits after a change before saving.
const stateDebounce = 500 * time.Millisecond

// statePath is where state is saved: --state, else the XDG state directory.
func statePath(g *globalFlags) string {
	if g.state != "" {
		return g.state
	}
	return filepath.Join(xdg.StateHome, "dispatch", "state.json")
}

// runTUI runs the interactive reader until the user quits. The library
// loads in the background from the start, while the terminal is asked its
// colours and the reader takes the screen: a small library is there by the
// first frame, a large one shows its progress in the header.
func runTUI(e env, g *globalFlags) error {
	in, err := gatherInputs(e, g)
	if err != nil {
		return err
	}
	events := make(chan loadEvent, 1)
	go loadForReader(in, cacheOptions(e, g, true), store.DefaultCatalogFrom, events)

	st, err := state.Open(statePath(g), state.Options{Debounce: stateDebounce, Owned: g.state == ""})
	if err != nil {
		return err
	}
	look := newAppearance(e, g, false)
	scr := screen.New(e.ttyOut)
	conf, tags := g.cfg(), newFeedTags(e, g)
	var p *tea.Program // set before it runs, and so before any fetch can notify
	notify := func(text string) { p.Send(ui.NoticeMsg{Text: text}) }
	// verified like the first library: the reader stays open, where
	// damage found later could not be mended
	feeds, refresh := readerFeeds(e, g, in, cacheOptions(e, g, true), look, notify)
	m := ui.New(ui.Options{
		State: st, Styles: look.styles, KeyMap: conf.keys, Measure: g.measure,
		OpenURL: openURLFunc(envOrConfig(e.getenv, g), scr), Clipboard: clipboardFunc(scr), Terminal: scr,
		Feeds: feeds, Refresh: refresh, FetchAtStart: g.fetchAtStart,
		Searches: conf.searches, SaveSearch: saveSearchFunc(e, g),
		Tags: tags.of,
	})
	// frames are drawn by scr as soon as they are made (drawn); it owns
	// the terminal's modes, so bubbletea runs without a renderer
	opts := []tea.ProgramOption{tea.WithoutRenderer(), tea.WithOutput(e.ttyOut)}
	if !term.IsTerminal(int(e.stdin.Fd())) {
		opts = append(opts, tea.WithInputTTY()) // keys come from the terminal even when stdin is piped
	}
	p = tea.NewProgram(drawn{Model: m, scr: scr}, opts...)
	failed := make(chan error, 1) // why loading stopped the reader
	go func() {
		defer func() {
			if v := recover(); v != nil {
				failed <- fmt.Errorf("the reader failed to take your library: %w", recovered.Error(v))
				p.Quit()
			}
		}()
		for ev := range events {
			switch {
			case ev.err != nil:
				failed <- ev.err // before quitting, so it is there when Run returns
				p.Quit()
			case ev.lib != nil:
				p.Send(ui.LibraryLoadedMsg{Library: ev.lib, Renderer: look.renderer(ev.lib)})
			default:
				p.Send(ui.LoadProgressMsg{Done: ev.done, Total: ev.total})
			}
		}
	}()
	final, err := runSaving(p, st, scr, e.ttyOut)
	select {
	case loadErr := <-failed:
		return loadErr
	default:
	}
	// the screen is back: say what the reader could only mention in
	// passing, the warnings panel as it was (files skipped or cleaned, the
	// state file's problems, feeds that failed). A reader who quit before
	// loading ended has seen none of the files.
	said := map[string]bool{}
	if m, ok := reader(final); ok {
		for _, w := range m.Warnings() {
			e.say("%s", w)
			said[w] = true
		}
	}
	for _, w := range st.Warnings() { // saving at the end may have added some
		if line := termout.Name(termout.OneLine(w)); !said[line] {
			e.say("%s", line)
		}
	}
	return err
}

// loadEvent is news of loading the library: progress, a library (a
// stale or provisional one first, perhaps), or the error that stops it.
type loadEvent struct {
	done, total int
	lib         *store.Library
	err         error
}

// loadForReader loads the library for the reader, as store.Open decides
// (a library usable at once when there is one, then the full one),
// reporting on events, which it closes when done. Progress is dropped
// rather than waited for. It runs outside bubbletea, which could restore
// the terminal and save the reading state after a panic: a panic here
// becomes the error that ends the reader instead.
func loadForReader(in libraryInputs, cache store.CacheOptions, catalogFrom int, events chan<- loadEvent) {
	defer close(events)
	defer func() {
		if v := recover(); v != nil {
			events <- loadEvent{err: fmt.Errorf("loading your articles failed: %w", recovered.Error(v))}
		}
	}()
	si, err := in.open()
	if err != nil {
		events <- loadEvent{err: err}
		return
	}
	cache.Progress = nil // in the header, not on stderr
	_, _, err = store.Open(si, store.OpenOptions{Cache: cache, Early: true, CatalogFrom: catalogFrom}, func(ev store.Event) {
		if ev.Library != nil {
			events <- loadEvent{lib: ev.Library}
			return
		}
		select {
		case events <- loadEvent{done: ev.Done, total: ev.Total}:
		default:
		}
	})
	if err != nil {
		events <- loadEvent{err: fmt.Errorf("loading your articles failed: %w", err)}
	}
}

// runSaving runs the program on the screen and saves the state however it
// ends: quit, SIGTERM (bubbletea quits), SIGHUP (the terminal went away),
// or a panic (bubbletea recovers it); the screen gives the terminal its
// modes back on every way out.
func runSaving(p *tea.Program, st *state.File, scr *screen.Screen, tty *os.File) (tea.Model, error) {
	if err := scr.Start(); err != nil {
		return nil, err
	}
	defer scr.Stop()
	defer watchSize(p, tty)()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	done := make(chan struct{})
	defer func() {
		signal.Stop(hup)
		close(done)
	}()
	go func() {
		select {
		case <-hup:
			p.Quit()
		case <-done:
		}
	}()
	final, runErr := p.Run()
	saveErr := st.Close()
	switch {
	case errors.Is(runErr, tea.ErrProgramPanic):
		return final, fmt.Errorf("the reader crashed (your reading state was saved): %w", runErr)
	case runErr != nil:
		return final, fmt.Errorf("reader: %w", runErr)
	case saveErr != nil:
		return final, fmt.Errorf("save reading state: %w", saveErr)
	}
	return final, nil
}
