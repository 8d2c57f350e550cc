package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// env is everything a command touches outside the program, so tests can run
// commands in process with buffers for output.
type env struct {
	args     []string
	stdin    *os.File
	stdout   io.Writer
	stderr   io.Writer
	getenv   func(string) string
	outIsTTY bool     // stdout is a terminal
	ttyOut   *os.File // stdout when it is a terminal, for terminal queries
	ttyWidth int      // columns of that terminal, 0 when unknown
}

func newEnv(args []string) env {
	e := env{args: args, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	if fd := int(os.Stdout.Fd()); term.IsTerminal(fd) {
		e.outIsTTY = true
		e.ttyOut = os.Stdout
		if w, _, err := term.GetSize(fd); err == nil {
			e.ttyWidth = w
		}
	}
	return e
}
