// Command dispatch is a terminal news reader. Run it with no arguments for
// the interactive reader, or with a command (list, read) to print and exit.
package main

import (
	"os"

	// Imported first for its side effect: it stops bubbletea's package init
	// from querying the terminal (see termbg's init).
	_ "dispatch/internal/termbg"
)

func main() {
	limitMemory(os.Getenv)
	os.Exit(run(newEnv(os.Args[1:])))
}
