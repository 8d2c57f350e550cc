//go:build linux

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// TestUnknownThemeIsSaid: DISPATCH_THEME of neither dark nor light was
// ignored without a word; it is said, once, and the article is printed
// all the same (here on a terminal, where colours are asked for).
func TestUnknownThemeIsSaid(t *testing.T) {
	for _, theme := range []string{"bogus", "Light"} {
		term := openTerminal(t, 100, 30)
		cmd := startProcessEnv(t, term, "1", []string{"DISPATCH_THEME=" + theme, "COLORFGBG=0;15"}, "read", "1")
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("DISPATCH_THEME=%s: %v", theme, err)
			}
		case <-time.After(time.Minute):
			cmd.Process.Kill()
			t.Fatalf("DISPATCH_THEME=%s: read did not end", theme)
		}
		term.waitFor("Geneva", 10*time.Second)
		out := ansi.Strip(term.output())
		warned := strings.Count(out, "dispatch: DISPATCH_THEME="+theme+" is neither dark nor light")
		if theme == "bogus" && warned != 1 || theme == "Light" && warned != 0 || !strings.Contains(out, "Geneva") {
			t.Errorf("DISPATCH_THEME=%s: warned %d times:\n%.300s", theme, warned, out)
		}
	}
}
