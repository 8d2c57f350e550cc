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

	"dispatch/store"
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

// runTUI runs the interactive reader until the user quits.
func runTUI(e env, g *globalFlags, lib *store.Library) error {
	st, err := store.OpenState(statePath(g), store.StateOptions{Debounce: stateDebounce})
	if err != nil {
		return err
	}
	look := newAppearance(e, g, lib)
	m := ui.New(ui.Options{
		Library:  lib,
		State:    st,
		Styles:   look.styles,
		Renderer: look.renderer,
		KeyMap:   ui.DefaultKeyMap(),
	})
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithOutput(e.ttyOut)}
	if !term.IsTerminal(int(e.stdin.Fd())) {
		opts = append(opts, tea.WithInputTTY()) // keys come from the terminal even when stdin is piped
	}
	err = runSaving(tea.NewProgram(m, opts...), st)
	// loading warnings were printed before the reader took the screen; the
	// state file's come after, once the screen is back
	for _, w := range st.Warnings() {
		fmt.Fprintf(e.stderr, "dispatch: %s\n", w)
	}
	return err
}

// runSaving runs the program and saves the state however it ends: quit,
// SIGTERM (bubbletea quits), SIGHUP (the terminal went away), or a panic
// (bubbletea recovers it and restores the terminal first).
func runSaving(p *tea.Program, st *store.StateFile) error {
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
	_, runErr := p.Run()
	saveErr := st.Close()
	switch {
	case errors.Is(runErr, tea.ErrProgramPanic):
		return fmt.Errorf("the reader crashed (your reading state was saved): %w", runErr)
	case runErr != nil:
		return fmt.Errorf("reader: %w", runErr)
	case saveErr != nil:
		return fmt.Errorf("save reading state: %w", saveErr)
	}
	return nil
}
