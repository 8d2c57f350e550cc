package main

import (
	"cmp"
	"dispatch/internal/config"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/pflag"
)

// usageError is a mistake on the command line: exit code 2. command is
// the one whose help tells more ("" for dispatch's).
type usageError struct{ msg, command string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}

// Widths accepted by read --width and --measure.
const (
	minReadWidth     = 20
	maxReadWidth     = 1000
	defaultReadWidth = 80
)

// globalFlags are accepted before and after the command name.
type globalFlags struct {
	noColor   bool
	version   bool
	help      bool
	topics    string
	state     string
	dirs      []string
	noBuiltin bool
	measure   int
	cache     string
	noCache   bool
	// trustCache takes the user's folders as the index cache saw them
	// (store.CacheOptions.Trust)
	trustCache bool

	subscriptions string // the feeds' OPML file
	dataDir       string // where fetched items go (under feeds/)
	noFeeds       bool
	refresh       time.Duration // the reader fetches this often; 0: never
	fetchAtStart  bool          // the reader fetches when it starts

	config string // the configuration file (--config)

	rebuild bool // not a flag: build the index cache afresh (index --rebuild, or damage found)
	examine bool // not a flag: look at every file, dispatch's own too (index)

	// set are the flags given, before the command and after it: a flag
	// given wins over the configuration file.
	set map[string]bool
	// conf is the configuration file as this run applies it; nil until
	// parse has read it (help, version).
	conf *settings
}

// register adds the global flags to fs; their help is every command's
// (see globalUsage). A word in `backquotes` names the flag's value.
func (g *globalFlags) register(fs *pflag.FlagSet) {
	fs.StringArrayVar(&g.dirs, "dir", nil, "also read the .md, .markdown and .txt articles under `PATH` (repeatable; DISPATCH_DIR adds colon-separated folders)")
	fs.BoolVar(&g.noBuiltin, "no-builtin", false, "leave out the built-in articles")
	fs.StringVar(&g.topics, "topics", "", "read topics from `PATH`, extending the built-in ones (replacing them with replace: true; see store/topics.yaml)")
	fs.StringVar(&g.state, "state", "", "keep read marks, bookmarks and positions in `FILE` (default $XDG_STATE_HOME/dispatch/state.json)")
	fs.StringVar(&g.cache, "cache", "", "keep the index cache in `DIR` (default $XDG_CACHE_HOME/dispatch)")
	fs.BoolVar(&g.noCache, "no-cache", false, "index every article afresh and keep nothing")
	fs.BoolVar(&g.trustCache, "trust-cache", false, "look only at your folders, not at each file in them, for what changed since the index cache was saved: a file edited in place goes unseen until dispatch index")
	fs.StringVar(&g.subscriptions, "subscriptions", "", "the feeds you follow, an OPML `FILE` (default $XDG_CONFIG_HOME/dispatch/feeds.opml)")
	fs.StringVar(&g.dataDir, "data", "", "keep fetched items under `DIR`/feeds (default $XDG_DATA_HOME/dispatch)")
	fs.BoolVar(&g.noFeeds, "no-feeds", false, "leave fetched feed items out")
	fs.DurationVar(&g.refresh, "refresh", 0, fmt.Sprintf("the reader fetches the feeds every `DURATION` (such as 30m; at least %s; 0 never)", config.MinRefresh))
	fs.BoolVar(&g.fetchAtStart, "fetch-at-start", false, "the reader fetches the feeds when it starts")
	fs.IntVar(&g.measure, "measure", 0, fmt.Sprintf("the widest the reader sets an article, `N` columns: %d to %d, or -1 for the whole pane (default 88)", minReadWidth, maxReadWidth))
	fs.BoolVar(&g.noColor, "no-color", false, "no colour (also when NO_COLOR is set)")
	fs.StringVar(&g.config, "config", "", "read settings from `FILE` (default $XDG_CONFIG_HOME/dispatch/config.yaml)")
	fs.BoolVar(&g.version, "version", false, "print the version and exit")
	fs.BoolVarP(&g.help, "help", "h", false, "print help and exit")
}

// merge keeps every flag that was set before the command name.
func (g *globalFlags) merge(before globalFlags) {
	g.noColor = g.noColor || before.noColor
	g.version = g.version || before.version
	g.help = g.help || before.help
	g.topics = cmp.Or(g.topics, before.topics)
	g.state = cmp.Or(g.state, before.state)
	g.dirs = append(before.dirs, g.dirs...)
	g.noBuiltin = g.noBuiltin || before.noBuiltin
	g.measure = cmp.Or(g.measure, before.measure)
	g.cache = cmp.Or(g.cache, before.cache)
	g.noCache = g.noCache || before.noCache
	g.trustCache = g.trustCache || before.trustCache
	g.subscriptions = cmp.Or(g.subscriptions, before.subscriptions)
	g.dataDir = cmp.Or(g.dataDir, before.dataDir)
	g.noFeeds = g.noFeeds || before.noFeeds
	g.refresh = cmp.Or(g.refresh, before.refresh)
	g.fetchAtStart = g.fetchAtStart || before.fetchAtStart
	g.config = cmp.Or(g.config, before.config)
}

// noteSet records the flags fs was given.
func (g *globalFlags) noteSet(fs *pflag.FlagSet) {
	if g.set == nil {
		g.set = map[string]bool{}
	}
	fs.Visit(func(f *pflag.Flag) { g.set[f.Name] = true })
}

// validate checks the global flags once, for every command alike: a value
// the reader would refuse is refused by `list` too.
func (g *globalFlags) validate() error {
	if err := checkMeasure(g.measure); err != nil && g.set["measure"] {
		return usagef("--measure %v", err)
	}
	if g.refresh != 0 && g.refresh < config.MinRefresh {
		return usagef("--refresh %s: at least %s (feeds are fetched politely), or 0 for never", g.refresh, config.MinRefresh)
	}
	return nil
}

// checkMeasure checks a measure, from a flag or the configuration.
func checkMeasure(m int) error {
	if m != 0 && m != -1 && (m < minReadWidth || m > maxReadWidth) {
		return fmt.Errorf("must be -1 or between %d and %d, got %d", minReadWidth, maxReadWidth, m)
	}
	return nil
}

// globalUsage is the help of the global flags.
func globalUsage() string {
	var g globalFlags
	fs := newFlagSet("dispatch")
	g.register(fs)
	return flagUsages(fs, nil)
}

// helpColumns is the width help is wrapped to.
const helpColumns = 80

// flagUsages is the help of fs's flags, one to a line, in the order they
// were added: the flag and the name of its value as pflag reads them from
// its help (UnquoteUsage), then the help wrapped beside them, with the
// default when it is not the zero value. A flag whose help does not name
// its value takes the name valueNames gives it. pflag's own FlagUsages
// would write every boolean flag as --json[=true|false].
func flagUsages(fs *pflag.FlagSet, valueNames map[string]string) string {
	type row struct{ flag, help string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		r := row{flag: "      --" + f.Name}
		if f.Shorthand != "" {
			r.flag = "  -" + f.Shorthand + ", --" + f.Name
		}
		name, help := pflag.UnquoteUsage(f)
		if n, ok := valueNames[f.Name]; ok && !strings.Contains(f.Usage, "`") {
			name = n // pflag would call it by its type, "string"
		}
		switch {
		case f.Value.Type() == "bool" || name == "":
		case f.NoOptDefVal != "": // --full-text[=on|off|auto]: the value is optional
			r.flag += "[=" + strings.TrimPrefix(name, "=") + "]"
		default:
			r.flag += " " + name
		}
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" && f.DefValue != "[]" {
			help += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		r.help = help
		width = max(width, len(r.flag))
		rows = append(rows, r)
	})
	var b strings.Builder
	indent := width + 3
	for _, r := range rows {
		lines := wrapWords(r.help, max(helpColumns-indent, 20))
		fmt.Fprintf(&b, "%-*s%s\n", indent, r.flag, lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(&b, "%*s%s\n", indent, "", l)
		}
	}
	return b.String()
}

// newFlagSet returns a flag set that reports errors instead of printing
// them, and lists its flags in the order they were added.
func newFlagSet(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	return fs
}

// commandFlags is a command's flag set; it accepts the global flags too.
type commandFlags struct {
	*pflag.FlagSet
	name   string // the command, as the table names it ("feeds add")
	g      *globalFlags
	before globalFlags // what was set before the command name
	// withoutConfig leaves the configuration file unread: the command
	// reads it itself (dispatch config, which prints its mistakes).
	withoutConfig bool
	// subscribes: the command adds feeds, which the configuration's
	// feeds: may name before they are subscribed (checkFeedSettings)
	subscribes bool
}

// newCommandFlags is the flag set of the command the table calls name.
// The command adds its own flags to it, then calls parse.
func newCommandFlags(name string, g *globalFlags) *commandFlags {
	c := &commandFlags{FlagSet: newFlagSet(name), name: name, g: g, before: *g}
	g.register(c.FlagSet) // resets g to the defaults; parse merges before back
	return c
}

// parse parses args, handles --help and --version, and reads the
// configuration file (unless the command reads it itself: withoutConfig);
// done reports that nothing is left to do.
func (c *commandFlags) parse(e env, args []string) (positional []string, done bool, err error) {
	if err := c.Parse(args); err != nil {
		return nil, false, usageError{msg: err.Error()}
	}
	c.g.merge(c.before)
	c.g.noteSet(c.FlagSet)
	switch {
	case c.g.help:
		e.setColour(c.g)
		_, err := fmt.Fprint(e.stdout, commandHelp(c.name, c.ownUsage()))
		return nil, true, err
	case c.g.version:
		e.setColour(c.g)
		_, err := fmt.Fprintf(e.stdout, "dispatch %s\n", version)
		return nil, true, err
	}
	if err := c.g.validate(); err != nil {
		return nil, false, err
	}
	if !c.withoutConfig {
		if err := loadConfig(e, c.g); err != nil {
			return nil, false, err
		}
		if !c.subscribes {
			if err := checkFeedSettings(e, c.g); err != nil {
				return nil, false, err
			}
		}
	}
	e.setColour(c.g)
	return c.Args(), false, nil
}

// ownUsage is the help of the command's own flags: those that are not
// global.
func (c *commandFlags) ownUsage() string {
	var g globalFlags
	global := newFlagSet("")
	g.register(global)
	own := newFlagSet(c.name)
	c.VisitAll(func(f *pflag.Flag) {
		if global.Lookup(f.Name) == nil {
			own.AddFlag(f)
		}
	})
	c0, _ := findCommand(c.name)
	return flagUsages(own, synopsisValues(c0.synopsis))
}

// synopsisValues are the names a synopsis gives flags' values:
// "[--name NAME]" names --name's NAME.
func synopsisValues(synopsis string) map[string]string {
	out := map[string]string{}
	words := strings.Fields(strings.NewReplacer("[", " ", "]", " ").Replace(synopsis))
	for i, w := range words {
		if strings.HasPrefix(w, "--") && i+1 < len(words) && !strings.HasPrefix(words[i+1], "-") {
			out[w[2:]] = words[i+1]
		}
	}
	return out
}

// wrapWords wraps help text at spaces to lines of at most width columns
// (a longer word has a line of its own). Only at spaces: ansi.Wordwrap
// breaks at hyphens too, and "-word" or "colon-separated" must stay whole.
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case ansi.StringWidth(line)+1+ansi.StringWidth(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return append(lines, line)
}

// globalFlagNames lists the global flags with their values' names, for a
// command's help: "--dir PATH, --no-builtin, …".
func globalFlagNames() string {
	var g globalFlags
	fs := newFlagSet("dispatch")
	g.register(fs)
	var names []string
	fs.VisitAll(func(f *pflag.Flag) {
		name, _ := pflag.UnquoteUsage(f)
		if f.Value.Type() == "bool" {
			name = ""
		}
		names = append(names, strings.TrimSpace("--"+f.Name+" "+name))
	})
	return strings.Join(names, ", ")
}
