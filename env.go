package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"

	"golang.org/x/term"

	"dispatch/articles"
	"dispatch/internal/termout"
	"dispatch/store"
)

// env is everything a command touches outside the program, so tests can run
// commands in process with buffers for output. Output goes through the
// output wall (termout): stdout keeps the styling a terminal may have,
// stderr never carries an escape.
type env struct {
	builtin  builtins // what ships in the binary; tests give their own
	args     []string
	stdin    *os.File
	stdout   *termout.Writer
	stderr   *termout.Writer
	getenv   func(string) string
	outIsTTY bool     // stdout is a terminal
	ttyOut   *os.File // stdout when it is a terminal, for terminal queries
	ttyWidth int      // columns of that terminal, 0 when unknown
	errIsTTY bool     // stderr is a terminal: progress may be shown there

	rebuildCache bool // the index cache was found damaged: build afresh
}

// builtins are the articles and topics dispatch ships with.
type builtins struct {
	articles fs.FS
	topics   func() (store.Topics, error)
}

// makeEnv returns an env writing to stdout and stderr through the output
// wall; stdout is plain until a terminal is known to be there.
func makeEnv(args []string, stdout, stderr io.Writer, getenv func(string) string) env {
	return env{
		builtin: builtins{articles: articles.FS, topics: store.DefaultTopics},
		args:    args,
		stdout:  termout.NewWriter(stdout, termout.Plain),
		stderr:  termout.NewWriter(stderr, termout.Plain),
		getenv:  getenv,
	}
}

func newEnv(args []string) env {
	e := makeEnv(args, os.Stdout, os.Stderr, os.Getenv)
	e.stdin = os.Stdin
	e.errIsTTY = term.IsTerminal(int(os.Stderr.Fd()))
	if fd := int(os.Stdout.Fd()); term.IsTerminal(fd) {
		e.outIsTTY = true
		e.ttyOut = os.Stdout
		e.stdout.SetMode(termout.Styled)
		if w, _, err := term.GetSize(fd); err == nil {
			e.ttyWidth = w
		}
	}
	return e
}

// setColour settles stdout's styling once the flags are known: a terminal,
// and neither --no-color nor NO_COLOR.
func (e env) setColour(g *globalFlags) {
	if colorsOn(e, g) {
		e.stdout.SetMode(termout.Styled)
	} else {
		e.stdout.SetMode(termout.Plain)
	}
}

// say writes one "dispatch:" line to stderr. The message is shown as one
// line whatever it holds: file names and error texts from outside may
// carry newlines and control characters, which appear as escapes.
func (e env) say(format string, args ...any) {
	if e.stderr == nil {
		return
	}
	msg := termout.OneLine(fmt.Sprintf(format, args...))
	fmt.Fprintf(e.stderr, "dispatch: %s\n", termout.Name(msg))
}

// flush writes what the output wall still holds.
func (e env) flush() {
	e.stdout.Flush()
	e.stderr.Flush()
}
