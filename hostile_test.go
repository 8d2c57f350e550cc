package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"dispatch/internal/termout"
)

// hostileFolder writes files into a fresh folder and returns its path.
func hostileFolder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// checkPlainOutput fails when a command's output to a pipe carries any
// escape, control, bidi or TAG character; JSON output is decoded and every
// string in it checked too.
func checkPlainOutput(t *testing.T, what, out string) {
	t.Helper()
	if err := termout.Check(out, termout.Plain); err != nil {
		t.Fatalf("%s: %v in %q", what, err, out)
	}
	var v any
	if json.Unmarshal([]byte(out), &v) == nil {
		walkStrings(v, func(s string) {
			if err := termout.Check(s, termout.Plain); err != nil {
				t.Fatalf("%s: JSON string %q: %v", what, s, err)
			}
		})
	}
}

func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, x := range v {
			walkStrings(x, f)
		}
	case map[string]any:
		for k, x := range v {
			f(k)
			walkStrings(x, f)
		}
	}
}

// everyCommand runs each command on the folder and checks its output.
func everyCommand(t *testing.T, dir, query string) map[string]string {
	t.Helper()
	outs := map[string]string{}
	for _, args := range [][]string{
		{"list"}, {"list", "--json"}, {"read", "1", "--width", "60"}, {"search", query}, {"search", query, "--json"},
		{"related", "1"}, {"related", "1", "--json"}, {"topics"}, {"topics", "--json"},
	} {
		all := append([]string{"--no-builtin", "--dir", dir}, args...)
		_, out, errs := runCLI(t, nil, all...)
		what := strings.Join(args, " ")
		checkPlainOutput(t, what, out)
		checkPlainOutput(t, what+" (stderr)", errs)
		outs[what] = out
	}
	return outs
}

// TestReferencesAreDecodedOnceAndCorrectly: goldmark reads "&#033;" as
// octal (ESC) and glamour's decoding wraps 64-bit numbers; neither may
// reach any output, and the characters meant must show.
func TestReferencesAreDecodedOnceAndCorrectly(t *testing.T) {
	dir := hostileFolder(t, map[string]string{
		"refs.md": "# Caf&#0233; talks\n\nThe delegates met &#033;[2J in the caf&#0233; &#x000000410000001b;]0;title&#x07; " +
			"with &#027;]52;c;ZXZpbA==&#007; and &#0155;2J and &amp;#27;[8m and `&#x000000410000001b;[>4;2m` code.\n\n" +
			"| Caf&#0233; | &#x000000410000001b;[?4m |\n|---|---|\n| ~~&#x000000410000001b;[8m~~ | ok |\n",
	})
	outs := everyCommand(t, dir, "delegates")
	if !strings.Contains(outs["read 1 --width 60"], "Café") || !strings.Contains(outs["search delegates"], "café") {
		t.Errorf("é (&#0233;, decimal 233) did not show:\n%s\n%s", outs["read 1 --width 60"], outs["search delegates"])
	}
}

// TestFileNamesAreShownNotObeyed: a file name holding ESC or a newline
// can neither act on the terminal nor forge a line of output.
func TestFileNamesAreShownNotObeyed(t *testing.T) {
	dir := hostileFolder(t, map[string]string{
		"evil\x1b]0;pwned\x07.md":       "---\ntitle: [broken\n---\ntext\n",
		"two\nlines: forged warning.md": "",
		"fine.md":                       "# Fine\n\nText.\n",
	})
	_, out, errs := runCLI(t, nil, "--no-builtin", "--dir", dir, "list")
	checkPlainOutput(t, "list", out)
	checkPlainOutput(t, "stderr", errs)
	if !strings.Contains(errs, `evil\x1b]0;pwned\x07.md`) || !strings.Contains(errs, `two\nlines: forged warning.md: empty file`) {
		t.Errorf("names not shown as escapes:\n%s", errs)
	}
	for _, line := range strings.Split(strings.TrimSpace(errs), "\n") {
		if !strings.HasPrefix(line, "dispatch: ") {
			t.Errorf("a forged line: %q", line)
		}
	}
	_, _, errs = runCLI(t, nil, "--dir", filepath.Join(dir, "gone\x1b[2J"), "list")
	if !strings.Contains(errs, `gone\x1b[2J`) {
		t.Errorf("--dir error: %q", errs)
	}
	checkPlainOutput(t, "--dir error", errs)
}

// TestEmojiRowsFitTheWidth: emoji joined into one picture are two cells in
// some terminals and two cells for each part in others; dispatch settles
// them so that a line measured to fit does fit, counted either way.
func TestEmojiRowsFitTheWidth(t *testing.T) {
	row := strings.Repeat("👨\u200d👩\u200d👧\u200d👦👍🏽❤\ufe0f ", 40)
	dir := hostileFolder(t, map[string]string{"emoji.md": "# Emoji\n\n" + row + "\n"})
	_, out, _ := runCLI(t, nil, "--no-builtin", "--dir", dir, "read", "1", "--width", "40")
	for _, line := range strings.Split(out, "\n") {
		if w := runewidth.StringWidth(line); w > 40 {
			t.Fatalf("a line %d cells wide counted rune by rune: %q", w, line)
		}
	}
}

// TestWideTablesStayReadable: a table with more columns than fit shows
// its headers and cells as text, not blank columns.
func TestWideTablesStayReadable(t *testing.T) {
	head, rule, row := "", "", ""
	for i := range 500 {
		head += "| Head" + strconv.Itoa(i) + " "
		rule += "|---"
		row += "| cell" + strconv.Itoa(i) + " "
	}
	dir := hostileFolder(t, map[string]string{"table.md": "# Table\n\nText.\n\n" + head + "|\n" + rule + "|\n" + row + "|\n"})
	_, out, _ := runCLI(t, nil, "--no-builtin", "--dir", dir, "read", "1", "--width", "80")
	for _, want := range []string{"Head0", "cell0", "Head499", "cell499"} {
		if !strings.Contains(out, want) {
			t.Errorf("%s is not shown:\n%.600s", want, out)
		}
	}
}
