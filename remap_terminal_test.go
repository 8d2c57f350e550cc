//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"dispatch/internal/testlib"
)

// The keys a configuration file remaps work in the reader on a terminal,
// and its help shows them: j and k moved to n and e (and next match to k).
func TestRemappedKeysInATerminal(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(conf, []byte("keys:\n  down: [n, down]\n  up: [e, up]\n  next-match: [k]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	term := openTerminal(t, 100, 40)
	cmd := startReader(t, term, "--config", conf, "--state", filepath.Join(dir, "state.json"), "--no-builtin",
		"--dir", testlib.Dir, "--topics", testlib.TopicsFile)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		<-done
	}()
	if !term.waitFor("1/5", 10*time.Second) {
		t.Fatalf("no first frame; the terminal got %q", term.output())
	}
	term.ptmx.WriteString("n")
	if !term.waitFor("2/5", 10*time.Second) {
		t.Fatalf("n did not move down the list: %q", tail(term.output()))
	}
	// j is unbound now: had it moved the cursor to 3, e would bring it
	// back to 2, and the footer would never say 1/5 again
	mark := term.mark()
	term.ptmx.WriteString("j")
	term.ptmx.WriteString("e")
	if !term.waitForSince(mark, "1/5", 10*time.Second) {
		t.Fatalf("j moved, or e did not move up the list: %q", tail(term.output()))
	}
	term.ptmx.WriteString("?")
	for _, want := range []string{"n/↓", "e/↑", "next match"} {
		if !term.waitFor(want, 10*time.Second) {
			t.Errorf("the help does not show %q: %q", want, tail(term.output()))
		}
	}
	term.ptmx.WriteString("?") // closes the help
	term.ptmx.WriteString("q")
	select {
	case err := <-done:
		done <- err // for the deferred wait
		if err != nil {
			t.Errorf("the reader exited with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("? q did not quit the reader")
	}
}

// tail is the end of a terminal's output, for messages.
func tail(s string) string { return s[max(0, len(s)-400):] }

// mark is how much the terminal has been sent so far.
func (term *terminal) mark() int {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.out.Len()
}

// waitForSince waits until the terminal has been sent s after mark.
func (term *terminal) waitForSince(mark int, s string, timeout time.Duration) bool {
	deadline := time.After(timeout)
	for {
		term.mu.Lock()
		found := strings.Contains(ansi.Strip(string(term.out.Bytes()[mark:])), s)
		term.mu.Unlock()
		if found {
			return true
		}
		select {
		case _, ok := <-term.changed:
			if !ok {
				return false
			}
		case <-deadline:
			return false
		}
	}
}
