package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"dispatch/internal/recovered"
	"dispatch/internal/safefile"
	"dispatch/internal/termout"
	"dispatch/store"
	"dispatch/store/article"
	"dispatch/store/feed"
)

// libraryInputs is what a library is made of, checked before any article
// is read: a bad --dir or --topics fails here, with a clear message.
type libraryInputs struct {
	builtin    fs.FS // the built-in articles, nil for none (--no-builtin)
	sources    []article.Source
	topics     store.Topics
	identities string // the identity journal, "" for none (no home)
	feeds      string // the feeds folder among sources, "" for none
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
	in.identities = identitiesPath(e, g)
	return in, nil
}

// feedsLabel is how paths of fetched items begin: feeds/<feed's folder>/.
const feedsLabel = "feeds"

// identitiesPath is the identity journal that numbers the articles for
// good: ids under --data, else under $XDG_DATA_HOME/dispatch (or
// ~/.local/share/dispatch); "" when there is no home, and numbers last
// only as long as the index cache.
func identitiesPath(e env, g *globalFlags) string {
	data := g.dataDir
	if data == "" {
		data = xdgDir(e, "XDG_DATA_HOME", filepath.Join(".local", "share"))
	}
	if data == "" {
		return ""
	}
	abs, err := filepath.Abs(data)
	if err != nil {
		return ""
	}
	return filepath.Join(abs, "ids")
}

// withFeeds is in with the folder of fetched items among its sources: the
// first fetch creates it.
func withFeeds(in libraryInputs, dir string) libraryInputs {
	in.feeds = dir
	for _, s := range in.sources {
		if s.Root == dir {
			return in
		}
	}
	// dispatch's own: each change is in its journal, so a warm command
	// needs to look at no item (store/journal)
	in.sources = append(in.sources[:len(in.sources):len(in.sources)], article.Source{FS: safefile.DirFS(dir), Label: feedsLabel, Root: dir, Owned: true})
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

// open is what store.Open takes: the built-in articles parsed, the folders
// (which Open lists, looking only at what the cache cannot vouch for), and
// what the last fetch brought. A list of new items that cannot be read
// marks none new: it is no reason not to read.
func (in libraryInputs) open() (store.Inputs, error) {
	builtin, err := in.builtinArticles()
	if err != nil {
		return store.Inputs{}, err
	}
	si := store.Inputs{Builtin: builtin, Sources: in.sources, Topics: in.topics, Identities: in.identities, Feeds: in.feeds}
	if in.feeds != "" {
		si.New, _ = feed.LastNew(in.feeds)
	}
	return si, nil
}

// openLibrary loads the library for a command, with progress on stderr
// when that is a terminal, and says its warnings: each once, those in
// said (when not nil) being said already. verify checks the whole cache
// before using it (see store.CacheOptions).
func openLibrary(e env, g *globalFlags, verify bool, said map[string]bool) (*store.Library, store.CacheReport, error) {
	in, err := gatherInputs(e, g)
	if err != nil {
		return nil, store.CacheReport{}, err
	}
	return openInputs(e, g, in, verify, said)
}

// openInputs is openLibrary for inputs gathered already.
func openInputs(e env, g *globalFlags, in libraryInputs, verify bool, said map[string]bool) (*store.Library, store.CacheReport, error) {
	si, err := in.open()
	if err != nil {
		return nil, store.CacheReport{}, err
	}
	lib, report, err := store.Open(si, store.OpenOptions{Cache: cacheOptions(e, g, verify)}, nil)
	if err != nil {
		return nil, report, err
	}
	if said == nil {
		said = map[string]bool{}
	}
	warnings := lib.NewWarnings() // the cache's own were said when found
	if g.examine {
		warnings = lib.Warnings() // index says all the cache holds
	}
	for _, w := range warnings {
		if line := w.String(); !said[line] {
			said[line] = true
			e.say("%s", line)
		}
	}
	return lib, report, nil
}

// useLibrary loads the library and runs use on it. A command reads the
// index cache only where it needs to and checks each part as it reads it:
// damage found while use runs (store.ErrDamagedCache) rebuilds the library
// from the files, once. use then runs again on it if it had printed
// nothing yet; if it had, its output cannot be taken back, and the command
// fails saying so. Warnings are said once however often it loads.
func useLibrary(e env, g *globalFlags, use func(lib *store.Library) error) error {
	in, err := gatherInputs(e, g) // once: what it says is said once
	if err != nil {
		return err
	}
	said := map[string]bool{}
	lib, _, err := openInputs(e, g, in, false, said)
	if err != nil {
		return err
	}
	before := e.written()
	damage, err := tryLibrary(lib, use)
	if damage == nil {
		return err
	}
	e.say("the index cache was damaged (%v); rebuilding it", damage)
	g.rebuild = true
	if lib, _, err = openInputs(e, g, in, false, said); err != nil {
		return err
	}
	if e.written() != before {
		return errors.New("the output above is incomplete (the index cache is rebuilt now): run the command again")
	}
	_, err = tryLibrary(lib, use) // built from the files: nothing of it is read from the cache
	return err
}

// tryLibrary runs use on lib; damage is the damaged cache it met, if any.
// Any other panic is an error naming where it happened.
func tryLibrary(lib *store.Library, use func(*store.Library) error) (damage, err error) {
	defer func() {
		if p := recover(); p != nil {
			if pe, ok := p.(error); ok && errors.Is(pe, store.ErrDamagedCache) {
				damage = pe
				return
			}
			err = recovered.Error(p)
		}
	}()
	return nil, use(lib)
}

// useArticle is useLibrary for the commands about one article: ref names
// it, by list number or slug.
func useArticle(e env, g *globalFlags, ref string, use func(lib *store.Library, doc int) error) error {
	return useLibrary(e, g, func(lib *store.Library) error {
		doc, err := lib.Lookup(ref)
		if err != nil {
			return err
		}
		return use(lib, doc)
	})
}

// articleDir is a directory of the user's articles and how messages name it.
type articleDir struct{ path, label string }

// articleDirs lists the directories to load: DISPATCH_DIR's (colon
// separated), the configuration's dirs: (unless --dir was given), then each
// --dir, each once. A --dir that is not a directory is an error (it was
// just typed); a stale DISPATCH_DIR or configuration entry is only skipped.
func articleDirs(e env, g *globalFlags) ([]articleDir, error) {
	var out []articleDir
	seen := map[string]bool{}
	// from is where p was named: "" for --dir
	add := func(p, from string) error {
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
		case err != nil && from == "":
			return fmt.Errorf("--dir %s: %w", termout.Name(p), errors.Unwrap(err))
		case err == nil && !info.IsDir() && from == "":
			return fmt.Errorf("--dir %s: not a directory", termout.Name(p))
		case err != nil || !info.IsDir():
			e.say("skipped %s from %s: not a directory", termout.Name(p), termout.Name(from))
			return nil
		}
		out = append(out, articleDir{path: clean, label: filepath.ToSlash(clean)})
		return nil
	}
	for _, p := range filepath.SplitList(e.getenv("DISPATCH_DIR")) {
		if err := add(p, "DISPATCH_DIR"); err != nil {
			return nil, err
		}
	}
	dirs, where := configDirs(g)
	for i, p := range dirs {
		if err := add(p, where[i]); err != nil {
			return nil, err
		}
	}
	for _, p := range g.dirs {
		if err := add(p, ""); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// maxTopicsFileBytes bounds a --topics file: it is a few hundred lines.
const maxTopicsFileBytes = 1 << 20

// loadTopics is the built-in topics, extended or replaced by --topics,
// in the colours the configuration chooses.
func loadTopics(e env, g *globalFlags) (store.Topics, error) {
	tm, err := e.builtin.topics()
	if err != nil {
		return nil, err
	}
	if g.topics != "" {
		data, err := safefile.ReadFile(g.topics, maxTopicsFileBytes)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", g.origin("topics", "topics"), termout.Name(g.topics), err)
		}
		if tm, err = store.LoadTopics(g.topics, data, tm); err != nil {
			return nil, err
		}
	}
	return applyTopicColours(g, tm)
}

// cacheDir is where the index cache lives: --cache, else under
// XDG_CACHE_HOME (or ~/.cache); "" for none (--no-cache, or no home).
func cacheDir(e env, g *globalFlags) string {
	switch {
	case g.noCache:
		return ""
	case g.cache != "":
		if abs, err := filepath.Abs(g.cache); err == nil {
			return abs
		}
		return g.cache
	}
	return xdgDir(e, "XDG_CACHE_HOME", ".cache")
}

// cacheOptions are the index cache's options for this run: its folder,
// and progress on stderr when that is a terminal (never into a pipe).
func cacheOptions(e env, g *globalFlags, verify bool) store.CacheOptions {
	opts := store.CacheOptions{Dir: cacheDir(e, g), Rebuild: g.rebuild, Verify: verify, Trust: g.trustCache, Examine: g.examine}
	if e.errIsTTY {
		opts.Progress = progressLines(e, time.Now)
	}
	return opts
}

// progressLines reports indexing on stderr, a line every few seconds
// (a terminal's line is not redrawn: only printable text reaches it), with
// the time left once it can be told.
func progressLines(e env, now func() time.Time) func(done, total int) {
	start := now()
	next := start.Add(2 * time.Second)
	return func(done, total int) {
		t := now()
		if done == total && t.Before(start.Add(2*time.Second)) || done < total && t.Before(next) {
			return
		}
		next = t.Add(5 * time.Second)
		msg := fmt.Sprintf("indexing: %d of %d files (%d%%)", done, total, 100*done/max(total, 1))
		if done > 0 && done < total {
			left := time.Duration(float64(t.Sub(start)) / float64(done) * float64(total-done))
			msg += fmt.Sprintf(", about %s left", left.Round(time.Second))
		}
		e.say("%s", msg)
	}
}
