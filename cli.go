package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"dispatch/internal/recovered"
	"dispatch/internal/safefile"
	"dispatch/internal/termout"
	"dispatch/store"
	"dispatch/store/article"
)

// version is the release; builds may set it with -ldflags "-X main.version=…".
var version = "0.1.0"

// Exit codes (DESIGN.md).
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

const usage = `dispatch — a terminal news reader

Usage:
  dispatch [flags]                 open the reader (when stdout is a terminal)
  dispatch list [--topic T] [--source NAME] [--bookmarked] [--json]
                                   list the articles (on topic T, heaviest first;
                                   from one source; only bookmarked ones)
  dispatch read ID [--width N]     print an article (ID: list number or slug)
  dispatch search QUERY [--topic T] [--limit N] [--json]
                                   ranked full-text search: words are ANDed,
                                   "quoted phrases", -word excludes, topic:T
                                   and source:NAME filter
  dispatch related ID [--json]     related articles (score, shared terms and
                                   topics) and the closest passage pairs
  dispatch import FILE...          print the markdown a text file becomes
  dispatch topics [--json]         the coverage matrix: share of each article
                                   on each topic
  dispatch topics --passages [ID] [--json]
                                   every passage on a topic, with its scores
  dispatch index [--rebuild] [--json]
                                   bring the index cache up to date (or build it afresh)
  dispatch feeds [--json]          the feeds you follow: URL, last fetched, items, errors
  dispatch feeds add URL [--name NAME] [--full-text]
                                   subscribe to a feed (or the feed a page names)
  dispatch feeds remove NAME|URL [--purge]
                                   unsubscribe (--purge: delete its items too)
  dispatch feeds import FILE.opml  subscribe to the feeds of an OPML file
  dispatch feeds export            the subscriptions as OPML on stdout
  dispatch fetch [NAME...] [--json]
                                   fetch every feed (or those named); exit 1 if
                                   any failed, keeping what the others brought

Flags:
      --topics PATH  a topics file that extends (or, with replace: true,
                     replaces) the built-in topics; see store/topics.yaml
      --dir PATH     also read the .md and .txt articles under PATH (repeatable;
                     DISPATCH_DIR adds colon-separated directories too)
      --no-builtin   leave out the built-in articles
      --measure N    the widest the reader sets an article, in columns
                     (default 88; -1 for the whole pane)
      --state PATH   where read marks, bookmarks and positions are kept
                     (default $XDG_STATE_HOME/dispatch/state.json)
      --cache DIR    where the index cache is kept
                     (default $XDG_CACHE_HOME/dispatch)
      --no-cache     index every article afresh and keep nothing
      --subscriptions FILE
                     the feeds you follow, as OPML
                     (default $XDG_CONFIG_HOME/dispatch/feeds.opml)
      --data DIR     where fetched items are kept, under DIR/feeds
                     (default $XDG_DATA_HOME/dispatch)
      --no-feeds     leave fetched feed items out
      --no-color    no colour (also when NO_COLOR is set)
      --version     print the version and exit
  -h, --help        print this help and exit

Run 'dispatch' with no command in a terminal to read interactively; press ?
there for the keys.
`

// usageError is a mistake on the command line: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

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

	subscriptions string // the feeds' OPML file
	dataDir       string // where fetched items go (under feeds/)
	noFeeds       bool
}

func (g *globalFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&g.noColor, "no-color", false, "no colour")
	fs.StringVar(&g.topics, "topics", "", "topics file extending or replacing the built-in topics")
	fs.StringVar(&g.state, "state", "", "state file (default in the XDG state directory)")
	fs.StringArrayVar(&g.dirs, "dir", nil, "a directory of your own articles (repeatable)")
	fs.BoolVar(&g.noBuiltin, "no-builtin", false, "leave out the built-in articles")
	fs.IntVar(&g.measure, "measure", 0, "the widest the reader sets text, in columns (0: 88; -1: no limit)")
	fs.StringVar(&g.cache, "cache", "", "index cache folder (default in the XDG cache directory)")
	fs.BoolVar(&g.noCache, "no-cache", false, "index every article afresh, and keep nothing")
	fs.StringVar(&g.subscriptions, "subscriptions", "", "the feeds' OPML file (default in the XDG config directory)")
	fs.StringVar(&g.dataDir, "data", "", "where fetched feed items are kept (default in the XDG data directory)")
	fs.BoolVar(&g.noFeeds, "no-feeds", false, "leave fetched feed items out")
	fs.BoolVar(&g.version, "version", false, "print the version")
	fs.BoolVarP(&g.help, "help", "h", false, "print help")
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
	g.subscriptions = cmp.Or(g.subscriptions, before.subscriptions)
	g.dataDir = cmp.Or(g.dataDir, before.dataDir)
	g.noFeeds = g.noFeeds || before.noFeeds
}

// newFlagSet returns a flag set that reports errors instead of printing them.
func newFlagSet(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
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
		e.say("%s (see dispatch --help)", err)
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
			if pe, ok := p.(error); ok && errors.Is(pe, store.ErrDamagedCache) && !e.rebuildCache {
				// found only when read: answer again from the files
				e.say("the index cache was damaged (%v); rebuilding it", pe)
				e.rebuildCache = true
				err = dispatchRecovering(e)
				return
			}
			err = recovered.Error(p)
		}
	}()
	return dispatch(e)
}

func dispatch(e env) error {
	var g globalFlags
	fs := newFlagSet("dispatch")
	g.register(fs)
	fs.SetInterspersed(false) // flags after the command belong to it
	if err := fs.Parse(e.args); err != nil {
		return usageError{err.Error()}
	}
	rest := fs.Args()
	cmd := ""
	if len(rest) > 0 {
		cmd, rest = rest[0], rest[1:]
	}
	switch cmd {
	case "":
		return runDefault(e, &g, rest)
	case "list":
		return runList(e, &g, rest)
	case "read":
		return runRead(e, &g, rest)
	case "search":
		return runSearch(e, &g, rest)
	case "topics":
		return runTopics(e, &g, rest)
	case "related":
		return runRelated(e, &g, rest)
	case "import":
		return runImport(e, &g, rest)
	case "index":
		return runIndex(e, &g, rest)
	case "feeds":
		return runFeeds(e, &g, rest)
	case "fetch":
		return runFetch(e, &g, rest)
	}
	return usagef("unknown command %q", cmd)
}

// commandFlags is a subcommand's flag set; it accepts the global flags too.
type commandFlags struct {
	*pflag.FlagSet
	g      *globalFlags
	before globalFlags // what was set before the command name
}

func newCommandFlags(name string, g *globalFlags) *commandFlags {
	c := &commandFlags{FlagSet: newFlagSet(name), g: g, before: *g}
	g.register(c.FlagSet) // resets g to the defaults; parse merges before back
	return c
}

// parse parses args and handles --help and --version; done reports that
// nothing is left to do.
func (c *commandFlags) parse(e env, args []string) (positional []string, done bool, err error) {
	if err := c.Parse(args); err != nil {
		return nil, false, usageError{err.Error()}
	}
	c.g.merge(c.before)
	e.setColour(c.g)
	switch {
	case c.g.help:
		fmt.Fprint(e.stdout, usage)
		return nil, true, nil
	case c.g.version:
		fmt.Fprintf(e.stdout, "dispatch %s\n", version)
		return nil, true, nil
	}
	return c.Args(), false, nil
}

// loadLibrary loads the embedded articles and the user's, scored against
// the built-in topics or those of the --topics file.
func loadLibrary(e env, g *globalFlags) (*store.Library, error) {
	in, err := gatherInputs(e, g)
	if err != nil {
		return nil, err
	}
	builtin, err := in.builtinArticles()
	if err != nil {
		return nil, err
	}
	lib, _ := store.LoadCached(builtin, article.List(in.sources), in.topics, cacheOptions(e, g, false))
	printWarnings(e, lib.Warnings())
	return lib, nil
}

// loadArticle loads the library and finds the article ref names (a list
// number or a slug), for the commands about one article.
func loadArticle(e env, g *globalFlags, ref string) (*store.Library, int, error) {
	lib, err := loadLibrary(e, g)
	if err != nil {
		return nil, 0, err
	}
	doc, err := lib.Lookup(ref)
	if err != nil {
		return nil, 0, err
	}
	return lib, doc, nil
}

// libraryInputs is what a library is made of, checked before any article
// is read: a bad --dir or --topics fails here, with a clear message.
type libraryInputs struct {
	builtin fs.FS // the built-in articles, nil for none (--no-builtin)
	sources []article.Source
	topics  store.Topics
}

func gatherInputs(e env, g *globalFlags) (libraryInputs, error) {
	in := libraryInputs{}
	if !g.noBuiltin {
		in.builtin = e.builtin.articles
	}
	dirs, err := articleDirs(e, g)
	if err != nil {
		return in, err
	}
	for _, dir := range dirs {
		root, err := filepath.Abs(dir.path)
		if err != nil {
			root = "" // not cached: it cannot be named
		}
		in.sources = append(in.sources, article.Source{FS: safefile.DirFS(dir.path), Label: dir.label, Root: root})
	}
	if dir := feedsDir(e, g); dir != "" {
		in = withFeeds(in, dir)
	}
	if in.topics, err = loadTopics(e, g); err != nil {
		return in, err
	}
	return in, nil
}

// withFeeds is in with the folder of fetched items among its sources: the
// first fetch creates it.
func withFeeds(in libraryInputs, dir string) libraryInputs {
	for _, s := range in.sources {
		if s.Root == dir {
			return in
		}
	}
	in.sources = append(in.sources[:len(in.sources):len(in.sources)], article.Source{FS: safefile.DirFS(dir), Label: "feeds", Root: dir})
	return in
}

// builtinArticles parses the built-in articles, unless --no-builtin.
func (in libraryInputs) builtinArticles() ([]article.Article, error) {
	if in.builtin == nil {
		return nil, nil
	}
	arts, err := article.ParseFS(in.builtin)
	if err != nil {
		return nil, fmt.Errorf("load built-in articles: %w", err)
	}
	return arts, nil
}

// printWarnings writes one "dispatch:" line per warning.
func printWarnings(e env, warns []article.Warning) {
	for _, w := range warns {
		e.say("%s", w)
	}
}

// articleDir is a directory of the user's articles and how messages name it.
type articleDir struct{ path, label string }

// articleDirs lists the directories to load: DISPATCH_DIR's (colon
// separated), then each --dir, each once. A --dir that is not a directory is
// an error (it was just typed); a stale DISPATCH_DIR entry is only skipped.
func articleDirs(e env, g *globalFlags) ([]articleDir, error) {
	var out []articleDir
	seen := map[string]bool{}
	add := func(p string, fromFlag bool) error {
		if p == "" {
			return nil
		}
		clean := filepath.Clean(p)
		if seen[clean] {
			return nil
		}
		seen[clean] = true
		info, err := os.Stat(clean)
		switch {
		case err != nil && fromFlag:
			return fmt.Errorf("--dir %s: %w", termout.Name(p), errors.Unwrap(err))
		case err == nil && !info.IsDir() && fromFlag:
			return fmt.Errorf("--dir %s: not a directory", termout.Name(p))
		case err != nil || !info.IsDir():
			e.say("skipped %s from DISPATCH_DIR: not a directory", termout.Name(p))
			return nil
		}
		out = append(out, articleDir{path: clean, label: filepath.ToSlash(clean)})
		return nil
	}
	for _, p := range filepath.SplitList(e.getenv("DISPATCH_DIR")) {
		if err := add(p, false); err != nil {
			return nil, err
		}
	}
	for _, p := range g.dirs {
		if err := add(p, true); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// maxTopicsFileBytes bounds a --topics file: it is a few hundred lines.
const maxTopicsFileBytes = 1 << 20

func loadTopics(e env, g *globalFlags) (store.Topics, error) {
	tm, err := e.builtin.topics()
	if err != nil || g.topics == "" {
		return tm, err
	}
	data, err := safefile.ReadFile(g.topics, maxTopicsFileBytes)
	if err != nil {
		return nil, fmt.Errorf("--topics %s: %w", termout.Name(g.topics), err)
	}
	return store.LoadTopics(g.topics, data, tm)
}

// colorsOn reports whether output may be coloured: a terminal, and neither
// --no-color nor NO_COLOR.
func colorsOn(e env, g *globalFlags) bool {
	return e.outIsTTY && !g.noColor && e.getenv("NO_COLOR") == ""
}
