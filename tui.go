package main

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"

	"dispatch/store"
	"dispatch/ui"
)

// runTUI runs the interactive reader until the user quits.
func runTUI(e env, g *globalFlags, lib *store.Library) error {
	look := newAppearance(e, g, lib)
	m := ui.New(ui.Options{
		Library:  lib,
		Styles:   look.styles,
		Renderer: look.renderer,
		KeyMap:   ui.DefaultKeyMap(),
	})
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithOutput(e.ttyOut)}
	if !term.IsTerminal(int(e.stdin.Fd())) {
		opts = append(opts, tea.WithInputTTY()) // keys come from the terminal even when stdin is piped
	}
	if _, err := tea.NewProgram(m, opts...).Run(); err != nil {
		return fmt.Errorf("reader: %w", err)
	}
	return nil
}
