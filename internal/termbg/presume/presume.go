// Package presume settles lipgloss's "dark background?" question before
// bubbletea's package init can ask the terminal.
//
// bubbletea v1 calls lipgloss.HasDarkBackground in its init. That query waits
// termenv's fixed five seconds when the terminal does not answer, and it runs
// for every command, even `dispatch list` into a pipe. The reader asks its own
// bounded question later (termbg.Dark), so here we only presume an answer.
//
// Go gives no way to run code before another package's init except the order
// the language fixes: packages are initialised one at a time, each time the
// first in import-path order whose imports are all initialised. This package
// imports lipgloss alone, so it is ready the moment lipgloss is, which is
// before bubbletea can be (bubbletea imports lipgloss), and its path
// ("dispatch/...") sorts before bubbletea's ("github.com/..."), so it wins
// that step. Both conditions are held by tests here; the stall itself by
// TestStartupWithATerminalThatNeverAnswers in package main.
package presume

import "github.com/charmbracelet/lipgloss"

func init() {
	lipgloss.SetHasDarkBackground(true)
}
