package main

import (
	"fmt"
	"time"
)

// indexJSON is `dispatch index --json`.
type indexJSON struct {
	Path     string    `json:"path"`
	Articles int       `json:"articles"`
	Reused   int       `json:"reused"`  // articles taken from the cache as they were
	Indexed  int       `json:"indexed"` // files read and indexed by this run
	Skipped  int       `json:"skipped"` // files of the library that are not articles (see the warnings)
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
	g.rebuild = g.rebuild || *rebuild
	// every file is looked at and the whole cache checked: this is the
	// command that answers for it
	g.trustCache, g.examine = false, true
	lib, report, err := openLibrary(e, g, true, nil)
	if err != nil {
		return err
	}
	switch {
	case report.Path == "":
		return fmt.Errorf("the library cannot be cached: a folder has no path")
	case !report.Saved && (report.Created.IsZero() || report.Indexed > 0):
		// what was read is not kept: the next run reads it all again
		return fmt.Errorf("the index cache could not be written in %s", cacheDir(e, g))
	}
	skipped := 0
	for _, w := range lib.Warnings() {
		if w.Skipped {
			skipped++
		}
	}
	out := indexJSON{Path: report.Path, Articles: lib.Len(), Reused: report.Reused, Indexed: report.Indexed, Skipped: skipped,
		Removed: report.Removed, Saved: report.Saved, Bytes: report.Size, Created: report.Created.UTC()}
	if *asJSON {
		return writeJSON(e, out)
	}
	holds := plural(lib.Len(), "article")
	if skipped > 0 {
		holds += fmt.Sprintf(" (%s skipped)", plural(skipped, "file"))
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n  %s, %s on disk, written %s ago\n  %s\n",
		report.Path, holds, sizeText(report.Size), time.Since(report.Created).Round(time.Second), indexState(out))
	return err
}

// indexState says what this run did to the cache. Files read and articles
// kept are counted apart: a file read may be skipped, and be no article.
func indexState(out indexJSON) string {
	if !out.Saved {
		return "up to date"
	}
	return fmt.Sprintf("saved: %s read and indexed, %s kept as they were, %d dropped",
		plural(out.Indexed, "file"), plural(out.Reused, "article"), out.Removed)
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
