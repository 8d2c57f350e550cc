package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync/atomic"

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

	out *countingWriter // what stdout's wall writes to, counted
}

// builtins are the articles and topics dispatch ships with.
type builtins struct {
	articles fs.FS
	topics   func() (store.Topics, error)
}

// makeEnv returns an env writing to stdout and stderr through the output
// wall; stdout is plain until a terminal is known to be there.
func makeEnv(args []string, stdout, stderr io.Writer, getenv func(string) string) env {
	out := &countingWriter{w: stdout}
	return env{
		builtin: builtins{articles: articles.FS, topics: store.DefaultTopics},
		args:    args,
		stdout:  termout.NewWriter(out, termout.Plain),
		stderr:  termout.NewWriter(stderr, termout.Plain),
		getenv:  getenv,
		out:     out,
	}
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n atomic.Int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// written is how many bytes have reached stdout so far.
func (e env) written() int64 { return e.out.n.Load() }

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

// colorsOn reports whether output may be coloured: a terminal, and neither
// --no-color nor NO_COLOR.
func colorsOn(e env, g *globalFlags) bool {
	return e.outIsTTY && !g.noColor && e.getenv("NO_COLOR") == ""
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
