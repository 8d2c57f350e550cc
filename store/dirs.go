package store

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"dispatch/internal/safefile"
	"dispatch/internal/termout"
)

// maxArticleBytes bounds an article file; larger ones are skipped.
const maxArticleBytes = 4 << 20

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

// LoadDir reads the articles under fsys, recursively and in path order:
// markdown (.md, .markdown; front matter optional) and plain text (.txt,
// structured like the seeds). label names the directory in warnings. Nothing
// in it can stop the rest from loading: files that cannot be shown safely
// are skipped with a warning, and those shown after cleaning are named too.
// Hidden files and directories are left alone; symbolic links to
// directories are not followed, so a link loop cannot trap the walk. Files
// are read and parsed in parallel, and their contents kept in memory
// (LoadLibrary streams a large folder into a library instead).
func LoadDir(fsys fs.FS, label string) ([]Article, []Warning) {
	entries, err := listArticles(fsys, label)
	cache := newContentCache(contentCacheSize)
	var arts []Article
	var warns []Warning
	inOrder(len(entries), newParseWorker,
		func(w *parseWorker, i int) loaded {
			if entries[i].skip != "" {
				return loaded{warns: []Warning{{Path: path.Join(label, entries[i].name), Skipped: true, Msg: entries[i].skip}}}
			}
			return loadOne(w, fsys, label, entries[i], cache)
		},
		func(_ int, r loaded) {
			warns = append(warns, r.warns...)
			if r.ok {
				arts = append(arts, r.art)
			}
		})
	if err != nil {
		warns = append(warns, Warning{Path: label, Skipped: true, Msg: walkError(err)})
	}
	return arts, warns
}

// contentCacheSize is how many contents read again a directory keeps.
const contentCacheSize = 256

// dirEntry is a file found under a directory: one to load, or one skipped
// already, with the reason.
type dirEntry struct {
	name string
	kind fileKind
	skip string
}

// listArticles walks fsys for article files, in path order.
func listArticles(fsys fs.FS, label string) ([]dirEntry, error) {
	var out []dirEntry
	skip := func(name, format string, args ...any) {
		out = append(out, dirEntry{name: name, skip: fmt.Sprintf(format, args...)})
	}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == "." {
				return err
			}
			skip(name, "%s", walkError(err))
			return nil
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			info, err := fs.Stat(fsys, name)
			if err == nil && info.IsDir() {
				// not followed, whatever its name: it may lead back up
				skip(name, "symbolic link to a directory, not followed")
				return nil
			}
			if _, ok := articleKind(name); ok && err != nil {
				skip(name, "broken symbolic link")
				return nil
			}
			if err == nil {
				mode = info.Mode().Type()
			}
		}
		kind, ok := articleKind(name)
		if !ok {
			return nil
		}
		if !mode.IsRegular() {
			skip(name, "not a regular file (%s)", safefile.FileType(mode))
			return nil
		}
		out = append(out, dirEntry{name: name, kind: kind})
		return nil
	})
	return out, err
}

// loaded is the outcome of loading one file.
type loaded struct {
	art   Article
	ok    bool
	warns []Warning
}

func loadOne(w *parseWorker, fsys fs.FS, label string, e dirEntry, cache *contentCache) loaded {
	at := path.Join(label, e.name)
	data, err := readCapped(fsys, e.name)
	if err != nil {
		return loaded{warns: []Warning{{Path: at, Skipped: true, Msg: err.Error()}}}
	}
	a, notes, err := w.parse(at, data, e.kind)
	if err != nil {
		return loaded{warns: []Warning{{Path: at, Skipped: true, Msg: strings.TrimPrefix(err.Error(), at+": ")}}}
	}
	var r loaded
	for _, n := range notes {
		r.warns = append(r.warns, Warning{Path: at, Msg: n})
	}
	a.text.reload = func() (*Content, error) {
		if c, ok := cache.get(e.name); ok {
			return c, nil
		}
		data, err := readCapped(fsys, e.name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", at, err)
		}
		again, _, err := newParseWorker().parse(at, data, e.kind)
		if err != nil {
			return nil, err
		}
		cache.put(e.name, again.text.resident)
		return again.text.resident, nil
	}
	r.art, r.ok = a, true
	return r
}

// parseWorker is one loading goroutine's parser. Parsing runs guarded (a
// panic or a file past parseBudget costs that file, not the load); a
// parser abandoned mid-parse is replaced, as it is not safe to share.
type parseWorker struct {
	p      *parser
	budget time.Duration
	read   func(p *parser, at string, data []byte, kind fileKind) (Article, []string, error)
}

func newParseWorker() *parseWorker {
	return &parseWorker{p: newParser(), budget: parseBudget, read: (*parser).parseKind}
}

type parsed struct {
	a     Article
	notes []string
}

// parse reads one file of the given kind, as parser.parseKind does.
func (w *parseWorker) parse(at string, data []byte, kind fileKind) (Article, []string, error) {
	p, read := w.p, w.read
	r, err, abandoned := guarded(w.budget, func() (parsed, error) {
		a, notes, err := read(p, at, data, kind)
		return parsed{a, notes}, err
	})
	if abandoned || errors.Is(err, errInternal) {
		w.p = newParser()
	}
	return r.a, r.notes, err
}

// readCapped reads a regular file of at most maxArticleBytes.
func readCapped(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read it: %s", walkError(err))
	}
	defer f.Close()
	data, err := safefile.ReadOpened(f, maxArticleBytes)
	switch {
	case errors.Is(err, safefile.ErrNotRegular), errors.Is(err, safefile.ErrTooLarge): // a file replaced since listing is refused here
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("cannot read it: %s", walkError(err))
	}
	return data, nil
}

// walkError is the reason in a path error, without the path (the warning
// names the file already).
func walkError(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
