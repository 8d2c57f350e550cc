package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/adrg/xdg"

	"dispatch/internal/testlib"
	"dispatch/store"
)

// runMainEnv makes the test binary run dispatch's main instead of the tests,
// so tests can start the reader as a process (in a pseudo-terminal, for the
// start-up tests) without building it first. Set to "init-only", it prints
// the first frame's text and exits: the floor start-up cannot go below,
// process start and package initialisation.
const runMainEnv = "DISPATCH_TEST_RUN_MAIN"

// TestMain points the XDG state directory at a temporary one, so tests never
// read or write the real reading state.
func TestMain(m *testing.M) {
	switch os.Getenv(runMainEnv) {
	case "1":
		main()
	case "init-only":
		fmt.Println(firstFrameText)
		os.Exit(0)
	case "on-new":
		os.Exit(onNewHelper(os.Args[1:]))
	}
	dir, err := os.MkdirTemp("", "dispatch-test-state")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_STATE_HOME", dir)
	os.Setenv("XDG_CONFIG_HOME", dir) // no test reads the real configuration
	xdg.Reload()
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runCLI runs dispatch in process with stdout not a terminal.
func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := env2(args, &out, &errb, env)
	code = run(e)
	return code, out.String(), errb.String()
}

// env2 is an environment for one command with the test library built in
// instead of dispatch's own articles and topics (see internal/testlib).
func env2(args []string, out, errb *bytes.Buffer, vars map[string]string) env {
	e := makeEnv(args, out, errb, func(k string) string { return vars[k] })
	e.builtin = testBuiltins
	return e
}

// testBuiltins are the test library and its topics.
var testBuiltins = builtins{articles: testlib.Library, topics: func() (store.Topics, error) {
	return store.LoadTopics("testlib/topics.yaml", testlib.Topics, nil)
}}

// loadLibrary loads the library a command would, for tests that look at
// it rather than at a command's output.
func loadLibrary(e env, g *globalFlags) (*store.Library, error) {
	lib, _, err := openLibrary(e, g, false, nil)
	return lib, err
}

// runShipped runs dispatch in process on the articles and topics it
// ships with, for the few tests that pin them on purpose.
func runShipped(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(makeEnv(args, &out, &errb, func(string) string { return "" }))
	return code, out.String(), errb.String()
}

func TestListJSON(t *testing.T) {
	code, out, errs := runCLI(t, nil, "list", "--json")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var arts []articleJSON
	if err := json.Unmarshal([]byte(out), &arts); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(arts) != 5 {
		t.Fatalf("%d articles, want 5", len(arts))
	}
	for i, a := range arts {
		if a.ID != i+1 || a.Slug == "" || a.Title == "" || a.Published != "2025-11-23" || a.Words == 0 {
			t.Errorf("article %d incomplete: %+v", i+1, a)
		}
	}
	if len(arts[1].References) != 6 {
		t.Errorf("article 2 has %d references in JSON, want 6", len(arts[1].References))
	}
}

func TestListPlain(t *testing.T) {
	code, out, _ := runCLI(t, nil, "list")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if code != 0 || len(lines) != 5 {
		t.Fatalf("exit %d, %d lines:\n%s", code, len(lines), out)
	}
	if !strings.HasPrefix(lines[3], " 4 ●   geneva-breakthrough-us-ukraine-talks-signal") {
		t.Errorf("line 4 = %q", lines[3])
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape codes in piped output")
	}
}

func TestDefaultCommandWithoutTerminalPrintsList(t *testing.T) {
	_, list, _ := runCLI(t, nil, "list")
	code, out, _ := runCLI(t, nil)
	if code != 0 || out != list {
		t.Errorf("dispatch | cat: exit %d, output differs from list:\n%s", code, out)
	}
}

func TestRead(t *testing.T) {
	for _, ref := range []string{"1", "us-and-ukraine-make-meaningful-progress", "us-and-ukraine-make"} {
		code, out, errs := runCLI(t, nil, "read", ref)
		if code != 0 || errs != "" {
			t.Fatalf("read %s: exit %d, stderr %q", ref, code, errs)
		}
		if !strings.Contains(out, "US and Ukraine Make Meaningful Progress") {
			t.Errorf("read %s does not print the title:\n%.300s", ref, out)
		}
		if strings.Contains(out, "\x1b") {
			t.Errorf("read %s: escape codes in piped output", ref)
		}
	}
}

func TestReadWidth(t *testing.T) {
	for _, w := range []int{20, 45, 120} {
		code, out, _ := runCLI(t, nil, "read", "5", "--width", itoa(w))
		if code != 0 {
			t.Fatalf("--width %d: exit %d", w, code)
		}
		longest := 0
		for _, l := range strings.Split(out, "\n") {
			longest = max(longest, len([]rune(l)))
		}
		if longest > w || longest < w*2/3 {
			t.Errorf("--width %d: longest line %d", w, longest)
		}
	}
}

func TestErrorsAndExitCodes(t *testing.T) {
	tests := []struct {
		args    []string
		code    int
		wantErr string
	}{
		{[]string{"read", "99"}, 1, "dispatch: article 99: no such article\n"},
		{[]string{"read", "no-such-slug"}, 1, "dispatch: article \"no-such-slug\": no such article\n"},
		{[]string{"--bogus"}, 2, "dispatch: unknown flag: --bogus (see dispatch help)\n"},
		{[]string{"list", "--bogus"}, 2, "dispatch: unknown flag: --bogus (see dispatch help list)\n"},
		{[]string{"frobnicate"}, 2, "dispatch: unknown command \"frobnicate\" (see dispatch help)\n"},
		{[]string{"read"}, 2, "dispatch: read takes one article ID or slug (see dispatch help read)\n"},
		{[]string{"read", "1", "2"}, 2, "dispatch: read takes one article ID or slug (see dispatch help read)\n"},
		{[]string{"read", "1", "--width", "5"}, 2, "dispatch: --width must be between 20 and 1000, got 5 (see dispatch help read)\n"},
		{[]string{"read", "1", "--width", "wide"}, 2, ""},
		{[]string{"list", "extra"}, 2, "dispatch: list takes no arguments, got \"extra\" (see dispatch help list)\n"},
		{[]string{"list", "--measure", "5"}, 2, "dispatch: --measure must be -1 or between 20 and 1000, got 5 (see dispatch help list)\n"},
		{[]string{"--measure", "5", "search", "truce"}, 2, "dispatch: --measure must be -1 or between 20 and 1000, got 5 (see dispatch help search)\n"},
		{[]string{"--measure", "5"}, 2, "dispatch: --measure must be -1 or between 20 and 1000, got 5 (see dispatch help)\n"},
		{[]string{"help", "frobnicate"}, 2, "dispatch: no command \"frobnicate\" to help with (see dispatch help help)\n"},
		{[]string{"version", "1"}, 2, "dispatch: version takes no arguments, got \"1\" (see dispatch help version)\n"},
	}
	for _, tt := range tests {
		code, out, errs := runCLI(t, nil, tt.args...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d", tt.args, code, tt.code)
		}
		if tt.wantErr != "" && errs != tt.wantErr {
			t.Errorf("%v: stderr %q, want %q", tt.args, errs, tt.wantErr)
		}
		if strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "dispatch: ") {
			t.Errorf("%v: error is not one dispatch: line: %q", tt.args, errs)
		}
		if out != "" {
			t.Errorf("%v: printed %q to stdout on error", tt.args, out)
		}
	}
}

// TestAPanicEndsACommandWithOneLine injects a panic (in reading the
// topics): the command ends with exit 1 and one line saying where.
func TestAPanicEndsACommandWithOneLine(t *testing.T) {
	var out, errb bytes.Buffer
	e := env2([]string{"list"}, &out, &errb, nil)
	e.builtin.topics = func() (store.Topics, error) { panic("injected") }
	if code := run(e); code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	if got := errb.String(); !regexp.MustCompile(`^dispatch: internal error: injected \(at main_test\.go:\d+\)\n$`).MatchString(got) {
		t.Errorf("stderr %q, want one line naming the panic", got)
	}
	if out.Len() != 0 {
		t.Errorf("printed %q to stdout", out.String())
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestShippedLibraryLists pins the articles dispatch ships with: they load
// without a warning, each with a title, a slug, a date and words.
func TestShippedLibraryLists(t *testing.T) {
	code, out, errs := runShipped(t, "list", "--json")
	var arts []articleJSON
	if err := json.Unmarshal([]byte(out), &arts); err != nil || code != 0 || errs != "" {
		t.Fatalf("exit %d %q: %v", code, errs, err)
	}
	if len(arts) == 0 {
		t.Fatal("no shipped articles")
	}
	for _, a := range arts {
		if a.Title == "" || a.Slug == "" || a.Published == "" || a.Words == 0 || a.Origin == "" {
			t.Errorf("shipped article %d is incomplete: %+v", a.ID, a)
		}
	}
}
