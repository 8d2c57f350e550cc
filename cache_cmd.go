package main

import (
	"fmt"
	"path/filepath"
	"time"

	"dispatch/store"
	"dispatch/store/article"
)

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
	opts := store.CacheOptions{Dir: cacheDir(e, g), Rebuild: e.rebuildCache, Verify: verify}
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

// indexJSON is `dispatch index --json`.
type indexJSON struct {
	Path     string    `json:"path"`
	Articles int       `json:"articles"`
	Reused   int       `json:"reused"`  // taken from the cache as they were
	Indexed  int       `json:"indexed"` // files read and indexed by this run
	Removed  int       `json:"removed"` // articles the cache held that are gone or changed
	Saved    bool      `json:"saved"`   // this run wrote the cache
	Bytes    int64     `json:"bytes"`   // the cache file's size
	Created  time.Time `json:"created"`
}

// runIndex brings the index cache up to date (or rebuilds it) and says
// what it holds.
func runIndex(e env, g *globalFlags, args []string) error {
	fs := newCommandFlags("index", g)
	asJSON := fs.Bool("json", false, "print JSON")
	rebuild := fs.Bool("rebuild", false, "build the cache afresh from every file")
	pos, done, err := fs.parse(e, args)
	if done || err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("index takes no arguments, got %q", pos[0])
	}
	if cacheDir(e, g) == "" {
		return usagef("index needs a cache: it is turned off (--no-cache, or no XDG_CACHE_HOME nor HOME)")
	}
	in, err := gatherInputs(e, g)
	if err != nil {
		return err
	}
	builtin, err := in.builtinArticles()
	if err != nil {
		return err
	}
	e.rebuildCache = e.rebuildCache || *rebuild
	lib, report := store.LoadCached(builtin, article.List(in.sources), in.topics, cacheOptions(e, g, true))
	printWarnings(e, lib.Warnings())
	if report.Path == "" {
		return fmt.Errorf("the library cannot be cached: a folder has no path")
	}
	out := indexJSON{Path: report.Path, Articles: lib.Len(), Reused: report.Reused, Indexed: report.Indexed,
		Removed: report.Removed, Saved: report.Saved, Bytes: report.Size, Created: report.Created.UTC()}
	if *asJSON {
		return writeJSON(e, out)
	}
	state := "up to date"
	if report.Saved {
		state = fmt.Sprintf("saved: %d articles read and indexed, %d kept, %d dropped", report.Indexed, report.Reused, report.Removed)
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n  %d articles, %s on disk, written %s ago\n  %s\n",
		report.Path, lib.Len(), sizeText(report.Size), time.Since(report.Created).Round(time.Second), state)
	return err
}

// sizeText is n bytes for people: "12.3 MB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
