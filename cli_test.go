package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestHelpAndVersion: every way a user asks for help or the version.
func TestHelpAndVersion(t *testing.T) {
	_, full, _ := runCLI(t, nil, "help")
	if !strings.Contains(full, "dispatch read ID [--width N] [--json]") || !strings.Contains(full, "  -h, --help") {
		t.Fatalf("dispatch help:\n%s", full)
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"--no-color", "help"}} {
		if code, out, _ := runCLI(t, nil, args...); code != 0 || out != full {
			t.Errorf("%v: exit %d, not the usage:\n%s", args, code, out)
		}
	}
	_, listHelp, _ := runCLI(t, nil, "help", "list")
	if !strings.HasPrefix(listHelp, "Usage: dispatch list [--topic T]") || !strings.Contains(listHelp, "      --topic T ") ||
		strings.Contains(listHelp, "dispatch read ID") {
		t.Errorf("help list:\n%s", listHelp)
	}
	for _, args := range [][]string{{"list", "--help"}, {"list", "-h"}, {"--dir", ".", "list", "--help"}} {
		if code, out, _ := runCLI(t, nil, args...); code != 0 || out != listHelp {
			t.Errorf("%v: exit %d, not list's help:\n%s", args, code, out)
		}
	}
	_, addHelp, _ := runCLI(t, nil, "help", "feeds", "add")
	if _, out, _ := runCLI(t, nil, "feeds", "add", "--help"); out != addHelp || !strings.Contains(addHelp, "--name NAME") {
		t.Errorf("feeds add --help:\n%s\nhelp feeds add:\n%s", out, addHelp)
	}
	if _, out, _ := runCLI(t, nil, "help", "feeds"); !strings.Contains(out, "dispatch feeds remove NAME|URL [--purge]") {
		t.Errorf("help feeds names no subcommands:\n%s", out)
	}
	for _, args := range [][]string{{"version"}, {"--version"}, {"list", "--version"}} {
		if code, out, _ := runCLI(t, nil, args...); code != 0 || out != "dispatch "+version+"\n" {
			t.Errorf("%v: exit %d %q", args, code, out)
		}
	}
}

// flagNames are the --flags in text.
func flagNames(text string) []string {
	names := regexp.MustCompile(`--[a-z][a-z-]*`).FindAllString(text, -1)
	slices.Sort(names)
	return slices.Compact(names)
}

// TestEveryCommandHasItsHelp: each command of the table answers help and
// --help, and its own flags are those its synopsis shows: the two are
// written apart, so this is where they could drift.
func TestEveryCommandHasItsHelp(t *testing.T) {
	for _, c := range commands() {
		if c.name == "" {
			continue
		}
		args := append([]string{"help"}, strings.Fields(c.name)...)
		code, out, errs := runCLI(t, nil, args...)
		if code != 0 || errs != "" || !strings.HasPrefix(out, "Usage: dispatch "+c.name) {
			t.Errorf("%v: exit %d %q\n%s", args, code, errs, out)
			continue
		}
		own := ""
		if _, flags, ok := strings.Cut(out, "\nFlags:\n"); ok {
			own, _, _ = strings.Cut(flags, "\n\n")
		}
		if got, want := flagNames(own), flagNames(c.synopsis); !slices.Equal(got, want) {
			t.Errorf("%s: flags %v, synopsis shows %v", c.name, got, want)
		}
	}
}

// TestHelpIsAligned: the flags' help starts in one column, however long
// a flag and its value (three lines were off by one or two when the help
// was written by hand).
func TestHelpIsAligned(t *testing.T) {
	_, out, _ := runCLI(t, nil, "help")
	_, flags, _ := strings.Cut(out, "\nFlags, before or after the command:\n")
	flags, _, _ = strings.Cut(flags, "\n\n")
	column := -1
	for _, line := range strings.Split(flags, "\n") {
		name := regexp.MustCompile(`^(  -h, |      )--[a-z-]+( [A-Z]+)? +`).FindString(line)
		switch {
		case name == "" && strings.TrimSpace(line[:min(len(line), max(column, 0))]) != "":
			t.Errorf("a continued line starts before the column: %q", line)
		case name == "":
		case column == -1:
			column = len(name)
		case len(name) != column:
			t.Errorf("%q: help at column %d, not %d", line, len(name), column)
		}
	}
	if column < 0 {
		t.Fatalf("no flags in the help:\n%s", out)
	}
}

// TestReadmeListsEveryCommand: README's "Command line" shows `dispatch
// help` as it is, so every command of the table and every global flag.
// After a change to the table or a flag, paste `go run . help` there.
func TestReadmeListsEveryCommand(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(data), "\n## Command line\n")
	section, _, _ = strings.Cut(section, "\n## ")
	if !strings.Contains(section, "```\n"+usage()+"```\n") {
		t.Errorf("README's Command line does not show dispatch help as it is now; paste go run . help there:\n%s", usage())
	}
	for _, c := range commands() {
		if line := strings.Join(strings.Fields("dispatch "+c.name+" "+c.synopsis), " "); !strings.Contains(section, line) {
			t.Errorf("README's Command line lacks %q", line)
		}
	}
}
