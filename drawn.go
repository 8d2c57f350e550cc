package main

import (
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"

	"dispatch/internal/screen"
	"dispatch/ui"
)

// drawn is the reader with its frames drawn by a screen the moment they
// are made, rather than at bubbletea's next frame tick (see
// internal/screen): bubbletea runs the program without a renderer, and the
// screen owns the terminal's modes.
type drawn struct {
	ui.Model
	scr *screen.Screen
}

// Update hands the message to the reader; a new size means the next frame
// is drawn whole.
func (d drawn) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.WindowSizeMsg); ok {
		d.scr.Resized()
	}
	m, cmd := d.Model.Update(msg)
	return drawn{Model: m.(ui.Model), scr: d.scr}, cmd
}

// View hands the reader's frame to the screen; bubbletea draws nothing.
func (d drawn) View() string {
	d.scr.Frame(d.Model.View())
	return ""
}

// reader is the reader model inside a final model Run returned.
func reader(final tea.Model) (ui.Model, bool) {
	switch m := final.(type) {
	case drawn:
		return m.Model, true
	case ui.Model:
		return m, true
	}
	return ui.Model{}, false
}

// watchSize tells the program the terminal's size at once and whenever it
// changes: without a renderer bubbletea does not. The returned function
// stops watching. A nil tty has no size to watch.
func watchSize(p *tea.Program, tty *os.File) (stop func()) {
	if tty == nil {
		return func() {}
	}
	winch := make(chan os.Signal, 1)
	signal.Notify(winch, syscall.SIGWINCH)
	done := make(chan struct{})
	send := func() {
		if w, h, err := term.GetSize(int(tty.Fd())); err == nil {
			p.Send(tea.WindowSizeMsg{Width: w, Height: h})
		}
	}
	go func() {
		send()
		for {
			select {
			case <-winch:
				send()
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(winch)
		close(done)
	}
}

// handedOver runs a program that takes the terminal (a browser such as w3m
// from $BROWSER): the screen gives the terminal back first and takes it
// again after.
type handedOver struct {
	*exec.Cmd
	scr *screen.Screen
}

func (h handedOver) Run() error {
	h.scr.Release()
	defer h.scr.Restore()
	return h.Cmd.Run()
}

func (h handedOver) SetStdin(r io.Reader)  { h.Cmd.Stdin = r }
func (h handedOver) SetStdout(w io.Writer) { h.Cmd.Stdout = w }
func (h handedOver) SetStderr(w io.Writer) { h.Cmd.Stderr = w }
