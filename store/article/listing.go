package article

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dispatch/internal/lru"
	"dispatch/internal/safefile"
	"dispatch/internal/termout"
)

// Source is a folder of the user's articles and how messages name it.
type Source struct {
	FS    fs.FS
	Label string
	// Root is the folder's absolute path, which names it in the index
	// cache; a source without one (a folder in memory) is never cached.
	Root string
	// Owned marks a folder that only dispatch writes, recording every
	// change in the journal in Root (store/journal): a run that listed it
	// before reads the journal's end instead of the folder (see ListKnown).
	Owned bool
}

// Listing is the article files found under some folders, in the order they
// are numbered: folder by folder, each in path order. Listing reads no
// file; a Loader reads them.
type Listing struct {
	sources []Source
	caches  []*contentCache // by source: contents read again
	items   []listed
	warns   []Warning // files skipped while listing
	began   time.Time
	marks   []string    // by source: see Known.Mark
	dirs    [][]DirInfo // by source: the folders listed (see Dirs)
}

type listed struct {
	source int
	entry  dirEntry
}

// contentCacheSize is how many contents read again a folder keeps.
const contentCacheSize = 256

// contentCache keeps a folder's contents read again most recently, by file
// name.
type contentCache = lru.Cache[string, *Content]

func newContentCache() *contentCache { return lru.New[string, *Content](contentCacheSize, nil) }

// List walks the folders for article files: markdown (.md, .markdown;
// front matter optional) and plain text (.txt, structured like the
// seeds), recursively. Hidden files and folders are left alone; symbolic
// links to folders are not followed, so a link loop cannot trap the walk;
// a link to a file is followed only inside its folder (see
// safefile.DirFS); what cannot be an article (pipes, devices, broken
// links, links out of the folder) is skipped with a warning.
func List(sources []Source) *Listing { return ListKnown(sources, nil) }

// Len is the number of files to load.
func (l *Listing) Len() int { return len(l.items) }

// Warnings are the files skipped while listing.
func (l *Listing) Warnings() []Warning { return l.warns }

// Path is how messages name listed file i: its folder's label and its
// path in the folder.
func (l *Listing) Path(i int) string {
	it := l.items[i]
	return path.Join(l.sources[it.source].Label, it.entry.name)
}

// Placeholder is listed file i before it is read: an article titled by its
// file name, whose content is read when asked for. A reader can show a
// catalog of a large folder at once and read each file as it is opened.
func (l *Listing) Placeholder(i int) Article {
	a := Article{Title: titleFromName(l.items[i].entry.name), Path: l.Path(i)}
	a.text.reload = func() (*Content, error) {
		art, warns, ok := l.NewLoader().Load(i)
		if !ok {
			return nil, fmt.Errorf("%s", warns[0])
		}
		return art.Content()
	}
	return a
}

// titleFromName makes a title of a file name: "grain-corridor.md" is
// "grain corridor". A name that is not UTF-8 (Latin-1 "caf\xe9.md") shows
// its bytes as escapes, as warnings name it.
func titleFromName(name string) string {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	return termout.OneLine(Sanitize(strings.NewReplacer("-", " ", "_", " ").Replace(termout.Name(base))))
}

// Warning is a file left out, or changed to be shown safely, on loading.
type Warning struct {
	Path    string
	Skipped bool
	Msg     string
}

// String is the warning on one line. The file's name is shown as the
// characters it holds: control characters in it appear as escapes
// ("\x1b", "\n"), so it can neither act on the terminal nor forge a line.
func (w Warning) String() string {
	if w.Skipped {
		return "skipped " + termout.Name(w.Path) + ": " + termout.Name(w.Msg)
	}
	return termout.Name(w.Path) + ": " + termout.Name(w.Msg)
}

// articleKind says how a file is read, by its extension; false for files
// that are not articles (images, notes in other formats).
func articleKind(name string) (fileKind, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown":
		return markdown, true
	case ".txt":
		return plain, true
	}
	return 0, false
}

// dirEntry is a file found under a directory: one to load, or one skipped
// already, with the reason.
type dirEntry struct {
	name    string
	kind    fileKind
	skip    string
	size    int64
	modTime int64 // nanoseconds
	change  int64 // see FileInfo
	inode   uint64
	known   bool // see FileInfo
}

// FileInfo is what the listing saw of a file: enough to tell whether it
// changed since it was last read.
type FileInfo struct {
	Source  int    // index of its source
	Name    string // path within the source
	Size    int64
	ModTime int64 // nanoseconds
	// Change is the time the file's inode last changed (ctime), in
	// nanoseconds: set by every write, and by setting the modification
	// time back (cp -p, rsync -t, tar), which no program can set back.
	// Inode is the file's number: a file replaced by another (a rename
	// over it) has a new one. Both are 0 where the system has none.
	Change int64
	Inode  uint64
	// Known says the listing took the file as the caller knew it, without
	// looking at it (see ListKnown): unchanged, on the caller's word.
	Known bool
}

// File is what the listing saw of listed file i.
func (l *Listing) File(i int) FileInfo {
	it := l.items[i]
	e := it.entry
	return FileInfo{Source: it.source, Name: e.name, Size: e.size, ModTime: e.modTime, Change: e.change, Inode: e.inode, Known: e.known}
}

// Began is when the listing began, before any file was looked at: a file
// written since has a modification time no earlier than this, give or take
// its file system's granularity.
func (l *Listing) Began() time.Time { return l.began }

// Sources are the folders listed, in order.
func (l *Listing) Sources() []Source { return l.sources }

// Hash is the content hash of listed file i as it is now, as Article.Hash
// gives it: for a file whose time changed, to tell whether its text did.
func (l *Listing) Hash(i int) (string, error) {
	it := l.items[i]
	data, err := readCapped(l.sources[it.source].FS, it.entry.name)
	if err != nil {
		return "", err
	}
	return contentHash(data), nil
}

// Attach gives a, listed file i's article as saved in an index, the way to
// its text: read again from the file when asked for.
func (l *Listing) Attach(i int, a *Article) {
	it := l.items[i]
	a.text.reload = reloader(l.sources[it.source].FS, l.Path(i), it.entry, l.caches[it.source])
}

// listArticles walks fsys for article files, in path order.
func listArticles(fsys fs.FS) ([]dirEntry, []DirInfo, error) {
	w := walker{fsys: fsys}
	err := fs.WalkDir(fsys, ".", w.visit)
	statEntries(fsys, w.out, w.pending)
	return w.out, w.dirs, err
}

// DirInfo is what a listing saw of a folder: adding, removing or renaming
// a file in it changes its times (an edit in place does not), so a folder
// whose times are the same holds the same names.
type DirInfo struct {
	Name    string // path within the source; "." for the source itself
	ModTime int64  // nanoseconds; 0 when unknown
	Change  int64  // see FileInfo
}

// dirInfo is what d, a folder, says of itself; times 0 when it cannot tell.
func dirInfo(name string, d fs.DirEntry) DirInfo {
	info, err := d.Info()
	if err != nil {
		return DirInfo{Name: name}
	}
	change, _ := changeStamp(info)
	return DirInfo{Name: name, ModTime: info.ModTime().UnixNano(), Change: change}
}

// Dirs are the folders of source i as this listing saw them: walked, or
// known and unchanged; nil when the source was taken as known without
// its folders.
func (l *Listing) Dirs(i int) []DirInfo {
	if i < len(l.dirs) {
		return l.dirs[i]
	}
	return nil
}

// walker gathers the article files of a walk: the files to list, and those
// skipped with the reason, in the order visited.
type walker struct {
	fsys    fs.FS
	out     []dirEntry
	pending []fs.DirEntry // by out's index: the entries whose size and time are to be read
	dirs    []DirInfo     // the folders walked
}

func (w *walker) skip(name, format string, args ...any) {
	w.out = append(w.out, dirEntry{name: name, skip: fmt.Sprintf(format, args...)})
	w.pending = append(w.pending, nil)
}

// visit is the fs.WalkDirFunc of a listing.
func (w *walker) visit(name string, d fs.DirEntry, err error) error {
	if err != nil {
		if name == "." {
			return err
		}
		w.skip(name, "%s", walkError(err))
		return nil
	}
	if name != "." && strings.HasPrefix(d.Name(), ".") {
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	if d.IsDir() {
		w.dirs = append(w.dirs, dirInfo(name, d))
		return nil
	}
	kind, ok := articleKind(name)
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		info, err := fs.Stat(w.fsys, name)
		switch {
		case err == nil && info.IsDir(), errors.Is(err, safefile.ErrDirOutside):
			// not followed, whatever its name: it may lead back up
			w.skip(name, "symbolic link to a directory, not followed")
			return nil
		case !ok:
			return nil
		case errors.Is(err, safefile.ErrOutside):
			w.skip(name, "%s", safefile.ErrOutside)
			return nil
		case err != nil:
			w.skip(name, "broken symbolic link")
			return nil
		}
		mode = info.Mode().Type()
	}
	if !ok {
		return nil
	}
	if !mode.IsRegular() {
		w.skip(name, "not a regular file (%s)", safefile.FileType(mode))
		return nil
	}
	w.out = append(w.out, dirEntry{name: name, kind: kind})
	w.pending = append(w.pending, d)
	return nil
}

// statEntries reads the size and time of each entry that has a pending
// DirEntry: they tell a changed file from one indexed already (the entry's
// own for a file, the target's for a link). A stat is a system call each;
// a few at once take a warm listing of 10,000 files from 35 to 20 ms.
func statEntries(fsys fs.FS, out []dirEntry, pending []fs.DirEntry) {
	const chunk, workers = 256, 8
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, (len(out)+chunk-1)/chunk) {
		wg.Go(func() {
			// a file system that panics leaves the rest unknown: unknown
			// sizes and times read those files again, nothing is lost
			defer func() { _ = recover() }()
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(out) {
					return
				}
				statRange(fsys, out[lo:min(lo+chunk, len(out))], pending[lo:min(lo+chunk, len(out))])
			}
		})
	}
	wg.Wait()
}

func statRange(fsys fs.FS, out []dirEntry, pending []fs.DirEntry) {
	for i, d := range pending {
		if d == nil {
			continue
		}
		info, err := d.Info()
		if d.Type()&fs.ModeSymlink != 0 {
			info, err = fs.Stat(fsys, out[i].name)
		}
		if err == nil {
			out[i].size, out[i].modTime = info.Size(), info.ModTime().UnixNano()
			out[i].change, out[i].inode = changeStamp(info)
		}
	}
}

// walkError is the reason in a path error, without the path (the warning
// names the file already).
func walkError(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
