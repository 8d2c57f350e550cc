package article

import (
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
	// folder standing for all under it. They are looked at again now.
	Touched []string
	// Dirs are the source's folders as last listed (Listing.Dirs), when
	// the caller has them: each is looked at again, and a folder whose
	// times changed (a file added, removed or renamed in it) has its names
	// listed again; new folders are walked. Without them only Touched is
	// looked at.
	Dirs []DirInfo
	// Look looks at every file kept again (a stat each): an edit in place
	// changes only the file's own times.
	Look bool
}

// ListKnown is List, except that a source for which known returns true is
// not walked: its files are those known, but for what Known says to look
// at again, which is listed as a walk would list it. known may be nil.
func ListKnown(sources []Source, known func(source int) (Known, bool)) *Listing {
	l := &Listing{sources: sources, began: time.Now(), marks: make([]string, len(sources)), dirs: make([][]DirInfo, len(sources))}
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
			entries, l.dirs[si] = relist(src.FS, k)
		} else {
			entries, l.dirs[si], err = listArticles(src.FS)
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

// relist is the entries of fsys given what k knows of them, in walk
// order, and its folders (nil when k has none): the known files that
// need no second look as they were, and what a walk finds now where k
// says to look again.
func relist(fsys fs.FS, k Known) ([]dirEntry, []DirInfo) {
	touched := map[string]bool{}
	for _, p := range k.Touched {
		if fs.ValidPath(p) && p != "." {
			touched[p] = true
		}
	}
	dirs, changed, now := recheckDirs(fsys, k.Dirs)
	knownDir := map[string]bool{}
	for _, d := range k.Dirs {
		knownDir[d.Name] = true
	}
	// a changed folder's names listed again: its files visited, its known
	// subfolders left to their own look (unless no longer folders, when
	// their files are gone), new ones walked
	w := walker{fsys: fsys}
	gone := map[string]bool{}
	for _, dir := range slices.Sorted(maps.Keys(changed)) { // a folder before those in it
		if under(dir, gone) {
			continue // a link, or a file, where a folder was: not walked
		}
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			continue // gone: so are the files in it
		}
		w.dirs = append(w.dirs, now[dir])
		for _, e := range entries {
			name := path.Join(dir, e.Name())
			switch {
			case strings.HasPrefix(e.Name(), "."):
			case !e.IsDir():
				if knownDir[name] {
					gone[name] = true // a folder no more
				}
				_ = w.visit(name, e, nil)
			case !knownDir[name]:
				_ = fs.WalkDir(fsys, name, w.visit) // errors are skips, as in a walk
			}
		}
	}
	kept := make([]dirEntry, 0, len(k.Files))
	for _, f := range k.Files {
		kind, ok := articleKind(f.Name)
		switch {
		case !ok, len(touched) > 0 && under(f.Name, touched):
		case len(changed) > 0 && changed[path.Dir(f.Name)], len(gone) > 0 && under(f.Name, gone):
		default:
			kept = append(kept, dirEntry{name: f.Name, kind: kind, size: f.Size, modTime: f.ModTime, change: f.Change, inode: f.Inode, known: !k.Look})
		}
	}
	if len(gone) > 0 {
		dirs = slices.DeleteFunc(dirs, func(d DirInfo) bool { return under(d.Name, gone) })
	}
	if k.Look {
		statKnown(fsys, kept)
	}
	if len(touched) == 0 && len(w.out) == 0 && len(w.dirs) == 0 {
		return kept, dirs
	}
	// each touched path found again through its folder's listing, which
	// gives the entry a walk would (a link as a link)
	byDir := map[string][]string{}
	for p := range touched {
		hidden := slices.ContainsFunc(strings.Split(p, "/"), func(c string) bool { return strings.HasPrefix(c, ".") })
		if hidden || underOther(p, touched) || changed[path.Dir(p)] {
			continue // never listed, or listed with its folder
		}
		dir := path.Dir(p)
		byDir[dir] = append(byDir[dir], path.Base(p))
	}
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
				_ = fs.WalkDir(fsys, name, w.visit)
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
	out = append(append(out, kept...), found...)
	if k.Dirs == nil {
		return out, nil
	}
	dirs = append(dirs, w.dirs...)
	slices.SortFunc(dirs, func(a, b DirInfo) int { return walkOrder(a.Name, b.Name) })
	return out, dirs
}

// recheckDirs looks at the known folders again: those unchanged, the
// changed (or gone) ones by name, and what each is now.
func recheckDirs(fsys fs.FS, known []DirInfo) (same []DirInfo, changed map[string]bool, now map[string]DirInfo) {
	changed, now = map[string]bool{}, map[string]DirInfo{}
	for _, d := range known {
		info, err := fs.Stat(fsys, d.Name)
		if err != nil || !info.IsDir() {
			changed[d.Name] = true
			continue
		}
		c, _ := changeStamp(info)
		cur := DirInfo{Name: d.Name, ModTime: info.ModTime().UnixNano(), Change: c}
		if d.ModTime == 0 || cur != d {
			changed[d.Name], now[d.Name] = true, cur
			continue
		}
		same = append(same, d)
	}
	return same, changed, now
}

// FoldersUnchanged reports whether every folder of dirs, as a listing saw
// them (Listing.Dirs), still has the same times: no file was added,
// removed or renamed in any. A stat each.
func FoldersUnchanged(fsys fs.FS, dirs []DirInfo) bool {
	_, changed, _ := recheckDirs(fsys, dirs)
	return len(changed) == 0
}

// statKnown looks at known files again, a few folders at once, through a
// folder's descriptor where the file system can (see lstatInFS): a file
// gone since reads as changed.
func statKnown(fsys fs.FS, files []dirEntry) {
	// files are in walk order: a folder's are together
	var groups [][2]int
	for lo := 0; lo < len(files); {
		dir, hi := path.Dir(files[lo].name), lo+1
		for hi < len(files) && path.Dir(files[hi].name) == dir && hi-lo < 1024 {
			hi++
		}
		groups = append(groups, [2]int{lo, hi})
		lo = hi
	}
	const workers = 8
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(groups)) {
		wg.Go(func() {
			// a file system that panics leaves the rest as known: they
			// are read again only if their times differ
			defer func() { _ = recover() }()
			for {
				g := int(next.Add(1)) - 1
				if g >= len(groups) {
					return
				}
				statGroup(fsys, files[groups[g][0]:groups[g][1]])
			}
		})
	}
	wg.Wait()
}

// lstatInFS is a file system that can describe the files of a folder
// through one descriptor of it (safefile.DirFS).
type lstatInFS interface {
	LstatIn(dir string, names []string, each func(i int, info fs.FileInfo, err error))
}

// statGroup looks at files of one folder again, as statRange does for a
// walk's: the entry's own for a file, the target's for a link.
func statGroup(fsys fs.FS, files []dirEntry) {
	set := func(f *dirEntry, info fs.FileInfo, err error) {
		if err != nil {
			f.size, f.modTime, f.change, f.inode = -1, 0, 0, 0
			return
		}
		f.size, f.modTime = info.Size(), info.ModTime().UnixNano()
		f.change, f.inode = changeStamp(info)
	}
	lf, ok := fsys.(lstatInFS)
	if !ok {
		for i := range files {
			info, err := fs.Stat(fsys, files[i].name)
			set(&files[i], info, err)
		}
		return
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = path.Base(f.name)
	}
	lf.LstatIn(path.Dir(files[0].name), names, func(i int, info fs.FileInfo, err error) {
		if err == nil && info.Mode()&fs.ModeSymlink != 0 {
			info, err = fs.Stat(fsys, files[i].name)
		}
		set(&files[i], info, err)
	})
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
