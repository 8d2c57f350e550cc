package article

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"dispatch/internal/recovered"
	"dispatch/internal/safefile"
)

// maxArticleBytes bounds an article file; larger ones are skipped.
const maxArticleBytes = 4 << 20

// Loader reads and parses listed files. Each goroutine needs its own.
type Loader struct {
	l *Listing
	w *parseWorker
}

// NewLoader returns a loader of the listing's files.
func (l *Listing) NewLoader() *Loader { return &Loader{l: l, w: newParseWorker()} }

// Load reads listed file i. Nothing in it can stop the rest from loading:
// a file that cannot be shown safely is skipped (ok false, a warning says
// why), one shown after cleaning is named in a warning too. The article
// keeps its content; ReleaseContent lets it go, to be read again from the
// file when asked for.
func (ld *Loader) Load(i int) (a Article, warns []Warning, ok bool) {
	it := ld.l.items[i]
	src := ld.l.sources[it.source]
	return load(ld.w, src.FS, ld.l.Path(i), it.entry, ld.l.caches[it.source])
}

func load(w *parseWorker, fsys fs.FS, at string, e dirEntry, cache *contentCache) (Article, []Warning, bool) {
	data, err := readCapped(fsys, e.name)
	if err != nil {
		return Article{}, []Warning{{Path: at, Skipped: true, Msg: err.Error()}}, false
	}
	a, notes, err := w.parse(at, data, e.kind)
	if err != nil {
		return Article{}, []Warning{{Path: at, Skipped: true, Msg: strings.TrimPrefix(err.Error(), at+": ")}}, false
	}
	var warns []Warning
	for _, n := range notes {
		warns = append(warns, Warning{Path: at, Msg: n})
	}
	a.text.reload = reloader(fsys, at, e, cache)
	return a, warns, true
}

// reloader reads an article's text again from its file, keeping the last
// ones read in cache.
func reloader(fsys fs.FS, at string, e dirEntry, cache *contentCache) func() (*Content, error) {
	return func() (*Content, error) {
		if c, ok := cache.Get(e.name); ok {
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
		return cache.Add(e.name, again.text.resident), nil
	}
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
	if abandoned || errors.Is(err, recovered.ErrInternal) {
		w.p = newParser()
	}
	return r.a, r.notes, err
}

// readCapped reads a regular file of at most maxArticleBytes.
func readCapped(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if errors.Is(err, safefile.ErrOutside) { // a link changed since listing
		return nil, safefile.ErrOutside
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read it: %s", walkError(err))
	}
	defer f.Close()
	data, err := safefile.ReadOpened(f, maxArticleBytes)
	switch {
	case errors.Is(err, safefile.ErrNotRegular), errors.Is(err, safefile.ErrTooLarge), errors.Is(err, safefile.ErrStalled): // a file replaced since listing is refused here
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("cannot read it: %s", walkError(err))
	}
	return data, nil
}
