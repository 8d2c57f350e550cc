package main

import (
	"errors"
	"fmt"
	"strings"

	"dispatch/internal/recovered"
)

// version is the release; builds may set it with -ldflags "-X main.version=…".
var version = "0.1.0"

// Exit codes: 0 success, 1 something failed (read 99: no such article),
// 2 a usage error (an unknown flag or command).
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// command is a line of the command table: the usage, the dispatch and the
// help of a command all come from it.
type command struct {
	name     string // as typed; "feeds add" is a subcommand, which its parent runs
	synopsis string // its arguments and flags, as the usage shows them
	summary  string // what it does, for the usage and its help
	// run runs it with the arguments after its name; nil for a subcommand,
	// which the command named by its first word runs.
	run func(e env, g *globalFlags, args []string) error
}

// commands is the command table. Adding a command takes one new file and
// one line here:
//
//  1. NAME_cmd.go with runNAME(e env, g *globalFlags, args []string) error,
//     which makes its flags with newCommandFlags("NAME", g), adds its own
//     (a `WORD` in backquotes in a flag's help names its value), calls
//     parse (that answers --help and --version), and loads the library
//     with useLibrary when it needs one;
//  2. its line below: name, synopsis, summary, runNAME.
//
// The usage (dispatch help), dispatching, `dispatch help NAME` and `NAME
// --help` follow from the line; TestReadmeListsEveryCommand then asks for
// it in README's "Command line".
func commands() []command {
	return []command{
		{"", "[flags]", "open the reader when stdout is a terminal; print the list otherwise", runDefault},
		{"list", "[--topic T] [--source NAME] [--search NAME] [--bookmarked] [--unread] [--new] [--sort ORDER] [--copies] [--json]",
			"list the articles, newest first: number, ● unread (✦ brought by the last fetch), ★ bookmarked, slug, date, reading time, title, and the copies of the item in other feeds (only those on topic T, heaviest first, T a key, name or number; from source NAME, a feed's name or its beginning; those the saved search NAME finds; only bookmarked, unread or new ones; ORDER newest, oldest, title, source or score; every copy on its own line)", runList},
		{"read", "ID [--width N] [--json]",
			"print an article; ID is its number, which it keeps for good, or its slug (a unique slug prefix will do); N is 20–1000, default the terminal's width or 80", runRead},
		{"search", "QUERY [--topic T] [--limit N] [--json]",
			"ranked hits (default 10): id, slug, score, match count, title and a snippet with the matches in [[ ]] (bold on a terminal); words are ANDed, \"quoted phrases\" match in order, -word excludes, harb* is a word's start; topic:T, source:NAME, tag:NAME, is:unread, since:7d, until:DATE and date:A..B filter (filters alone list, newest first)", runSearch},
		{"related", "ID [--json]", "related articles (score, shared terms, shared topics) and the closest passage pairs", runRelated},
		{"stories", "[--json]", "the news told by more than one article, newest first: the lead's number, its date, the sources, how many unread, its headline", runStories},
		{"story", "ID [--json]", "the story article ID is in: its sources, where they disagree (both passages, verbatim), what one source alone states, what one leaves out that most state, and who says what (names, numbers, dates, topics, quotes by source, with the passage each is in)", runStory},
		{"import", "FILE...", "print the markdown (with front matter) a text file becomes, to save and edit: dispatch import a.txt > a.md; several files are each headed ==> FILE <==", runImport},
		{"topics", "[--passages [ID]] [--json]",
			"the coverage matrix: the share of each article on each topic, * where the article carries it; with --passages, every passage on a topic, of one article or all, with its score on each topic", runTopics},
		{"index", "[--rebuild] [--json]", "bring the index cache up to date (or build it afresh) and say what it holds: articles, size, age", runIndex},
		{"feeds", "[--json]", "the feeds you follow: name, URL, when last fetched, items kept, their own settings, the last error", runFeeds},
		{"feeds add", "URL [--name NAME] [--full-text[=on|off]] [--tag T]... [--every DURATION]", "subscribe (URL: a feed, or a page that names one), with the feed's settings (see feeds set)", nil},
		{"feeds set", "NAME|URL [--name NAME] [--full-text[=on|off|auto]] [--tag T]... [--every DURATION]",
			"change a feed's settings in the subscriptions file: its name (its folder and items stay), full text, its tags (replacing its own), how often a fetch without names fetches it; the configuration's feeds: wins over them", nil},
		{"feeds remove", "NAME|URL [--purge]", "unsubscribe; the items stay unless --purge", nil},
		{"feeds purge", "NAME", "delete the items a feed left behind (one unsubscribed without --purge)", nil},
		{"feeds import", "FILE.opml", "subscribe to every feed of an OPML file", nil},
		{"feeds export", "", "the subscriptions as OPML 2.0 on stdout", nil},
		{"fetch", "[NAME...] [--force] [--json]", "fetch every feed (or those named): a line per feed; a feed whose own refresh interval has not passed is not due, unless named or --force; exit 1 if any failed, keeping what the others brought; then the configuration's on-new command, if it brought items", runFetch},
		{"searches", "[--json]", "the saved searches (the configuration's searches:): name, unread of found, query", runSearches},
		{"config", "[--default]", "the configuration in effect, each value with where it comes from (the file and line, a flag, the environment, the default); --default prints a commented file to start from", runConfig},
		{"help", "[COMMAND]", "this help, or a command's", runHelp},
		{"version", "", "print the version", runVersion},
	}
}

// findCommand is the table's line for name ("feeds add"), if any.
func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// run executes one invocation and returns its exit code. Every error is one
// line on stderr prefixed "dispatch:".
func run(e env) int {
	err := dispatchRecovering(e)
	defer e.flush()
	if err == nil {
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		e.say("%s (see %s)", err, strings.TrimSpace("dispatch help "+ue.command))
		return exitUsage
	}
	e.say("%s", err)
	return exitFailure
}

// dispatchRecovering is dispatch with a panic turned into the one-line
// error it ends with: a bug met by some input is reported like bad input
// is, with where it happened, not as a trace over the user's terminal.
func dispatchRecovering(e env) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = recovered.Error(p)
		}
	}()
	return dispatch(e)
}

// dispatch runs the command the arguments name, with the global flags
// given before it.
func dispatch(e env) error {
	var g globalFlags
	fs := newFlagSet("dispatch")
	g.register(fs)
	fs.SetInterspersed(false) // flags after the command belong to it
	if err := fs.Parse(e.args); err != nil {
		return usageError{msg: err.Error()}
	}
	g.noteSet(fs)
	rest := fs.Args()
	name := ""
	if len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	c, ok := findCommand(name)
	if !ok || c.run == nil {
		return usagef("unknown command %q", name)
	}
	err := c.run(e, &g, rest)
	var ue usageError
	if errors.As(err, &ue) && ue.command == "" {
		ue.command = name
		return ue
	}
	return err
}

// runHelp is `dispatch help [COMMAND]`: the usage, or a command's help,
// which the command itself prints when asked for --help.
func runHelp(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("help", g)
	fs.withoutConfig = true // help is there however the configuration is
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) == 0 {
		_, err := fmt.Fprint(e.stdout, usage())
		return err
	}
	name := strings.Join(pos, " ")
	switch _, ok := findCommand(name); {
	case !ok || name == "":
		return usagef("no command %q to help with", name)
	case name == "help":
		_, err := fmt.Fprint(e.stdout, commandHelp("help", ""))
		return err
	}
	// the command prints its own help, which knows its flags; a
	// subcommand's is printed by its parent, as "feeds add --help"
	parent, sub, _ := strings.Cut(name, " ")
	p, _ := findCommand(parent)
	if sub != "" {
		return p.run(e, g, []string{sub, "--help"})
	}
	return p.run(e, g, []string{"--help"})
}

// runVersion is `dispatch version`, as --version.
func runVersion(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("version", g)
	fs.withoutConfig = true
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("version takes no arguments, got %q", pos[0])
	}
	_, err = fmt.Fprintf(e.stdout, "dispatch %s\n", version)
	return err
}

// usageIndent is where a command's summary starts in the usage.
const usageIndent = 35

// usage is `dispatch help`: every command of the table, then the global
// flags.
func usage() string {
	var b strings.Builder
	b.WriteString("dispatch — a terminal news reader\n\nUsage:\n")
	for _, c := range commands() {
		writeCommandLine(&b, c)
	}
	b.WriteString("\nFlags, before or after the command:\n")
	b.WriteString(globalUsage())
	b.WriteString("\nRun 'dispatch' with no command in a terminal to read interactively; press ?\n" +
		"there for the keys. 'dispatch help COMMAND' shows a command's own flags.\n")
	return b.String()
}

// writeCommandLine writes c's line of the usage: its synopsis, and its
// summary beside it or, when the synopsis is long, under it.
func writeCommandLine(b *strings.Builder, c command) {
	head := "  " + strings.Join(strings.Fields("dispatch "+c.name+" "+c.synopsis), " ")
	indent := strings.Repeat(" ", usageIndent)
	summary := wrapWords(c.summary, helpColumns-usageIndent)
	if len(head) < usageIndent-1 {
		b.WriteString(head + strings.Repeat(" ", usageIndent-len(head)) + summary[0] + "\n")
		summary = summary[1:]
	} else {
		b.WriteString(head + "\n")
	}
	for _, line := range summary {
		b.WriteString(indent + line + "\n")
	}
}

// commandHelp is the help of the command the table calls name, with
// ownFlags the help of its own flags: its usage and summary, its
// subcommands, its flags, and the global flags named (dispatch help says
// what they do).
func commandHelp(name, ownFlags string) string {
	if name == "dispatch" || name == "" {
		return usage()
	}
	c, _ := findCommand(name)
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: %s\n\n", strings.Join(strings.Fields("dispatch "+c.name+" "+c.synopsis), " "))
	b.WriteString(strings.Join(wrapWords(c.summary, helpColumns), "\n") + "\n")
	heading := "\nCommands:\n"
	for _, sub := range commands() {
		if strings.HasPrefix(sub.name, c.name+" ") {
			b.WriteString(heading)
			heading = ""
			writeCommandLine(&b, sub)
		}
	}
	if ownFlags != "" {
		b.WriteString("\nFlags:\n" + ownFlags)
	}
	b.WriteString("\n" + strings.Join(wrapWords("Global flags, before or after the command (dispatch help says what they do): "+globalFlagNames(), helpColumns), "\n") + "\n")
	return b.String()
}
