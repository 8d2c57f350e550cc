package presume

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

type here struct{}

// TestSortsBeforeBubbletea fails if the module is renamed to a path that
// bubbletea's would initialise before (github.com/aaa/dispatch, say).
func TestSortsBeforeBubbletea(t *testing.T) {
	ours := reflect.TypeFor[here]().PkgPath()
	theirs := reflect.TypeFor[tea.Program]().PkgPath()
	if ours >= theirs {
		t.Fatalf("%s sorts after %s, so bubbletea's init would ask the terminal first", ours, theirs)
	}
}

// TestImportsOnlyLipgloss keeps this package ready as soon as lipgloss is:
// one more import that bubbletea does not need could make bubbletea ready
// first.
func TestImportsOnlyLipgloss(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if path != "github.com/charmbracelet/lipgloss" {
				t.Errorf("%s imports %s; only lipgloss keeps the init order certain", name, path)
			}
		}
	}
}
