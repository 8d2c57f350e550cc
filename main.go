// Command dispatch is a terminal news reader. Run it with no arguments for
// the interactive reader, or with a command (list, read) to print and exit.
package main

import (
	"os"

	// For its init, which spares every command bubbletea's five-second
	// background question (see the package comment for why it runs first).
	_ "dispatch/internal/termbg/presume"
)

func main() {
	limitMemory(os.Getenv)
	os.Exit(run(newEnv(os.Args[1:])))
}
