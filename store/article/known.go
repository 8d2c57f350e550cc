package article

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// Known is what a caller knows of a source's files from an earlier
// listing, to list the source again without walking it (see ListKnown).
type Known struct {
	// Mark is kept with the listing (Listing.Mark), whether or not the
	// files are trusted: what the caller saves beside what it builds from
	// the listing, to know next time how far its knowledge goes.
	Mark string
	// Files are the source's files as last listed, in listing order
	// (their Source is not read).
	Files []FileInfo
	// Touched are the paths that may have changed since: a file, or a
	// folder standing for all under it. They are looked at again now;
	// every other file is taken as it was, unlooked at.
	Touched []string
}

// ListKnown is List, except that a source for which known returns true is
// not walked: its files are those known, but for the touched paths, which
// are listed again as a walk would list them. known may be nil.
func ListKnown(sources []Source, known func(source int) (Known, bool)) *Listing {
	l := &Listing{sources: sources, began: time.Now(), marks: make([]string, len(sources))}
	for si, src := range sources {
		l.caches = append(l.caches, newContentCache())
		var k Known
		trusted := false
		if known != nil {
			k, trusted = known(si)
		}
		l.marks[si] = k.Mark
		var entries []dirEntry
		var err error
		if trusted {
			entries = relist(src.FS, k)
		} else {
			entries, err = listArticles(src.FS)
		}
		l.items = slices.Grow(l.items, len(entries))
		for _, e := range entries {
			if e.skip != "" {
				l.warns = append(l.warns, Warning{Path: path.Join(src.Label, e.name), Skipped: true, Msg: e.skip})
				continue
			}
			l.items = append(l.items, listed{source: si, entry: e})
		}
		if err != nil {
			l.warns = append(l.warns, Warning{Path: src.Label, Skipped: true, Msg: walkError(err)})
		}
	}
	return l
}

// Mark is the mark known gave source i when it was listed ("" if none).
func (l *Listing) Mark(i int) string {
	if i < len(l.marks) {
		return l.marks[i]
	}
	return ""
}

// relist is the entries of fsys given what k knows of them: the known
// files that were not touched, as they were, and what a walk finds now at
// the touched paths, in walk order.
func relist(fsys fs.FS, k Known) []dirEntry {
	touched := map[string]bool{}
	for _, p := range k.Touched {
		if fs.ValidPath(p) && p != "." {
			touched[p] = true
		}
	}
	kept := make([]dirEntry, 0, len(k.Files))
	for _, f := range k.Files {
		kind, ok := articleKind(f.Name)
		if !ok || len(touched) > 0 && under(f.Name, touched) {
			continue
		}
		kept = append(kept, dirEntry{name: f.Name, kind: kind, size: f.Size, modTime: f.ModTime, change: f.Change, inode: f.Inode, known: true})
	}
	if len(touched) == 0 {
		return kept
	}
	// each touched path found again through its folder's listing, which
	// gives the entry a walk would (a link as a link)
	byDir := map[string][]string{}
	for p := range touched {
		hidden := slices.ContainsFunc(strings.Split(p, "/"), func(c string) bool { return strings.HasPrefix(c, ".") })
		if hidden || underOther(p, touched) {
			continue // never listed, or listed with its folder
		}
		dir := path.Dir(p)
		byDir[dir] = append(byDir[dir], path.Base(p))
	}
	w := walker{fsys: fsys}
	for dir, names := range byDir {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			continue // gone: so are the files under it
		}
		for _, e := range entries {
			if !slices.Contains(names, e.Name()) {
				continue
			}
			name := path.Join(dir, e.Name())
			if e.IsDir() {
				_ = fs.WalkDir(fsys, name, w.visit) // errors are skips, as in a walk
			} else {
				_ = w.visit(name, e, nil)
			}
		}
	}
	statEntries(fsys, w.out, w.pending)
	found := w.out
	slices.SortFunc(found, func(a, b dirEntry) int { return walkOrder(a.name, b.name) })
	// both in walk order: merged
	out := make([]dirEntry, 0, len(kept)+len(found))
	for len(kept) > 0 && len(found) > 0 {
		if walkOrder(kept[0].name, found[0].name) < 0 {
			out, kept = append(out, kept[0]), kept[1:]
		} else {
			out, found = append(out, found[0]), found[1:]
		}
	}
	return append(append(out, kept...), found...)
}

// under reports whether name, or a folder it is in, is in paths.
func under(name string, paths map[string]bool) bool {
	for p := name; ; p = path.Dir(p) {
		if paths[p] {
			return true
		}
		if !strings.Contains(p, "/") {
			return false
		}
	}
}

// underOther reports whether a folder name is in (not name itself) is in
// paths.
func underOther(name string, paths map[string]bool) bool {
	return strings.Contains(name, "/") && under(path.Dir(name), paths)
}

// walkOrder orders paths as fs.WalkDir visits them: folder by folder, each
// in name order, a folder's files where the folder's name falls ("a/b.md"
// before "a-c.md", which plain string order puts first).
func walkOrder(a, b string) int {
	for {
		ah, at, aMore := strings.Cut(a, "/")
		bh, bt, bMore := strings.Cut(b, "/")
		if c := strings.Compare(ah, bh); c != 0 || !aMore || !bMore {
			if c == 0 { // one is the other's folder: the folder first
				return boolOrder(aMore, bMore)
			}
			return c
		}
		a, b = at, bt
	}
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Files reads the text of a source's files by name, for articles whose
// folder was not listed: a warm run that trusts its index attaches the
// articles it shows to their files, and lists nothing.
type Files struct {
	src   Source
	cache *contentCache
}

// NewFiles reads the files of src.
func NewFiles(src Source) *Files { return &Files{src: src, cache: newContentCache()} }

// Attach gives a, the article saved in an index for the file name of the
// source, the way to its text: read from the file when asked for.
func (f *Files) Attach(name string, a *Article) {
	kind, _ := articleKind(name)
	a.text.reload = reloader(f.src.FS, path.Join(f.src.Label, name), dirEntry{name: name, kind: kind}, f.cache)
}
