// Package screen draws a full-screen program's frames on the terminal as
// soon as each is made.
//
// bubbletea v1's renderer draws the newest frame on a ticker, so a key's
// answer waits for the next tick — half a frame on average, 17 ms at most
// at 60 frames a second — and the ticker wakes the program sixty times a
// second while nothing happens. A Screen has no ticker: a frame is written
// the moment it is handed over (only the lines that changed, in one
// synchronized update), frames made faster than the terminal takes them
// are coalesced to the newest, and an idle reader does not wake at all.
//
// A Screen owns the terminal's modes while it runs: raw input, the
// alternate screen, the hidden cursor, mouse reporting and bracketed
// paste. Release gives them back (for a suspend, or a program run in the
// terminal) and Restore takes them again; Stop gives them back for good
// and is safe to call on every way out.
package screen

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/term"
)

// Terminal sequences a Screen writes (xterm's; every terminal dispatch
// runs in knows them, and those that do not know synchronized updates
// ignore them).
const (
	enterModes = "\x1b[?1049h" + // the alternate screen
		"\x1b[?25l" + // the cursor hidden
		"\x1b[?1002h\x1b[?1006h" + // mouse: buttons, wheel and drags, as SGR
		"\x1b[?2004h" // bracketed paste
	leaveModes = "\x1b[?2004l" +
		"\x1b[?1006l\x1b[?1002l" +
		"\x1b[?25h" +
		"\x1b[?1049l"
	syncBegin = "\x1b[?2026h"
	syncEnd   = "\x1b[?2026l"
	clearAll  = "\x1b[H\x1b[2J"
	clearLine = "\x1b[2K"
)

// Screen writes frames to a terminal. Its methods are safe to call from any
// goroutine; a frame is written by the Screen's own goroutine.
type Screen struct {
	out  io.Writer
	tty  *os.File    // out, when it is a terminal: its input is made raw too
	prev *term.State // the terminal's modes before Start, to give back

	mu      sync.Mutex
	cond    *sync.Cond
	pending *string // the newest frame not yet written
	repaint bool    // the next frame is written whole, on a cleared screen
	held    bool    // released: frames wait until Restore
	stopped bool
	busy    bool     // the goroutine is writing
	last    []string // the lines on the terminal
	err     error    // the first write that failed; the Screen then stops writing
	done    chan struct{}
}

// New returns a Screen writing to out; Start takes the terminal. When out
// is a terminal its input is made raw while the Screen has it (a
// terminal's modes belong to the device, whichever file reads its keys).
func New(out io.Writer) *Screen {
	s := &Screen{out: out, done: make(chan struct{})}
	if f, ok := out.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		s.tty = f
	}
	s.cond = sync.NewCond(&s.mu)
	return s
}

// Start takes the terminal's modes and starts drawing.
func (s *Screen) Start() error {
	if err := s.raw(); err != nil {
		return err
	}
	s.write(enterModes + clearAll)
	go s.loop()
	return nil
}

// raw makes the terminal's input raw, keeping its modes to give back.
func (s *Screen) raw() error {
	if s.tty == nil {
		return nil
	}
	prev, err := term.MakeRaw(int(s.tty.Fd()))
	if err != nil {
		return fmt.Errorf("take the terminal: %w", err)
	}
	s.prev = prev
	return nil
}

// cooked gives the terminal's input its modes back.
func (s *Screen) cooked() {
	if s.tty != nil && s.prev != nil {
		_ = term.Restore(int(s.tty.Fd()), s.prev) // a terminal gone has no modes to give back
	}
}

// Frame hands over a frame: its lines, which must not be more than the
// terminal has rows nor wider than its columns. It does not wait: the
// frame is written as soon as the one before it is, and replaces a frame
// that has not been written yet. An empty frame draws nothing.
func (s *Screen) Frame(view string) {
	if view == "" {
		return
	}
	s.mu.Lock()
	s.pending = &view
	s.cond.Signal()
	s.mu.Unlock()
}

// Resized says the terminal changed size: the next frame is written whole
// on a cleared screen, as the terminal may have moved what it showed.
func (s *Screen) Resized() {
	s.mu.Lock()
	s.repaint = true
	s.mu.Unlock()
}

// Release waits for the frame being written, then gives the terminal back
// its modes (the normal screen, the cursor, no mouse reporting); frames
// handed over meanwhile wait for Restore.
func (s *Screen) Release() {
	s.mu.Lock()
	for s.busy {
		s.cond.Wait()
	}
	if s.held || s.stopped {
		s.mu.Unlock()
		return
	}
	s.held = true
	s.mu.Unlock()
	s.write(leaveModes)
	s.cooked()
}

// Restore takes the terminal's modes again and draws the last frame whole.
func (s *Screen) Restore() {
	s.mu.Lock()
	if !s.held || s.stopped {
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	_ = s.raw()         // a terminal that cannot be raw still shows the frames
	s.write(enterModes) // while held, so no frame is written meanwhile
	s.mu.Lock()
	s.held, s.repaint = false, true
	if s.pending == nil && s.last != nil {
		frame := strings.Join(s.last, "\n")
		s.pending = &frame
	}
	s.cond.Signal()
	s.mu.Unlock()
}

// Stop gives the terminal its modes back for good; frames after it are
// dropped. It is safe to call more than once, and from a deferred call on
// a way out after a panic.
func (s *Screen) Stop() {
	s.Release()
	s.mu.Lock()
	if !s.stopped {
		s.stopped = true
		close(s.done)
		s.cond.Broadcast()
	}
	s.mu.Unlock()
}

// Write writes p to the terminal between frames, never inside one: for
// the few sequences a program sends of its own (a clipboard copy).
func (s *Screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	for s.busy {
		s.cond.Wait()
	}
	s.busy = true
	s.mu.Unlock()
	s.write(string(p))
	s.mu.Lock()
	s.busy = false
	err := s.err
	s.cond.Broadcast()
	s.mu.Unlock()
	if err != nil {
		return 0, err
	}
	return len(p), nil
}

// Err is the first write to the terminal that failed, if any.
func (s *Screen) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// loop writes each frame as it comes.
func (s *Screen) loop() {
	for {
		s.mu.Lock()
		for !s.stopped && (s.pending == nil || s.held || s.busy) {
			s.cond.Wait()
		}
		if s.stopped {
			s.mu.Unlock()
			return
		}
		frame, repaint, last := *s.pending, s.repaint, s.last
		s.pending, s.repaint, s.busy = nil, false, true
		s.mu.Unlock()

		lines := strings.Split(frame, "\n")
		s.write(draw(lines, last, repaint))

		s.mu.Lock()
		s.last, s.busy = lines, false
		s.cond.Broadcast() // Release may wait for this
		s.mu.Unlock()
	}
}

// draw is what turns the terminal from last to lines: the lines that
// changed, each moved to and cleared first, in one synchronized update;
// all of them on a cleared screen when repaint is set or the frame's
// height changed.
func draw(lines, last []string, repaint bool) string {
	whole := repaint || len(lines) != len(last)
	var b bytes.Buffer
	b.WriteString(syncBegin)
	if whole {
		b.WriteString(clearAll)
	}
	for i, l := range lines {
		if !whole && l == last[i] {
			continue
		}
		b.WriteString("\x1b[")
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(";1H")
		b.WriteString(clearLine)
		b.WriteString(l)
	}
	b.WriteString(syncEnd)
	if b.Len() == len(syncBegin)+len(syncEnd) {
		return "" // nothing changed
	}
	return b.String()
}

// write writes to the terminal, keeping the first failure (a terminal that
// went away); after one, nothing more is written.
func (s *Screen) write(text string) {
	if text == "" {
		return
	}
	s.mu.Lock()
	failed := s.err != nil
	s.mu.Unlock()
	if failed {
		return
	}
	if _, err := io.WriteString(s.out, text); err != nil {
		s.mu.Lock()
		if s.err == nil {
			s.err = err
		}
		s.mu.Unlock()
	}
}
