package store

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// DirSource is a folder of the user's articles and how messages name it.
type DirSource struct {
	FS    fs.FS
	Label string
}

// keepContentUpTo is the size of library, in articles, whose contents stay in
// memory; a larger one reads an article's file again when its text is needed.
const keepContentUpTo = 5000

// Listing is the article files found under some folders, ready to load.
type Listing struct {
	dirs  []DirSource
	items []listed
	warns []Warning // files skipped while listing
}

type listed struct {
	dir   int
	entry dirEntry
}

// List walks the folders for article files. It reads no file.
func List(dirs []DirSource) *Listing {
	l := &Listing{dirs: dirs}
	for di, d := range dirs {
		entries, err := listArticles(d.FS, d.Label)
		for _, e := range entries {
			if e.skip != "" {
				l.warns = append(l.warns, Warning{Path: path.Join(d.Label, e.name), Skipped: true, Msg: e.skip})
				continue
			}
			l.items = append(l.items, listed{dir: di, entry: e})
		}
		if err != nil {
			l.warns = append(l.warns, Warning{Path: d.Label, Skipped: true, Msg: walkError(err)})
		}
	}
	return l
}

// Len is the number of files to load.
func (l *Listing) Len() int { return len(l.items) }

// LoadLibrary builds the library of the built-in articles (parsed already)
// and those under dirs, in that order. See LoadListing.
func LoadLibrary(builtin []Article, dirs []DirSource, topics *TopicModel, progress func(done, total int)) *Library {
	return LoadListing(builtin, List(dirs), topics, progress)
}

// LoadListing builds the library of the built-in articles and the listed
// files. Files are read, parsed and tokenized in parallel, streaming into
// the index: a large library never holds all its text at once. progress,
// when not nil, is called now and then with the files done and the files in
// all. Warnings name the files skipped or cleaned; they are in the library.
func LoadListing(builtin []Article, l *Listing, topics *TopicModel, progress func(done, total int)) *Library {
	n := len(builtin) + len(l.items)
	keep := n <= keepContentUpTo
	caches := make([]*contentCache, len(l.dirs))
	for i := range caches {
		caches[i] = newContentCache(contentCacheSize)
	}
	type worker struct {
		pw *parseWorker
		ws *wordStats
	}
	type result struct {
		loaded
		tokens docTokens
	}
	ix := newIndex(NewAnalyzer(), n)
	var arts []Article
	var warns []Warning
	states := inOrder(n,
		func() worker { return worker{newParseWorker(), newWordStats()} },
		func(w worker, i int) result {
			var r result
			if i < len(builtin) {
				r.art, r.ok = builtin[i], true
			} else {
				it := l.items[i-len(builtin)]
				d := l.dirs[it.dir]
				r.loaded = loadOne(w.pw, d.FS, d.Label, it.entry, caches[it.dir])
			}
			if r.ok {
				r.tokens = w.ws.tokenizeArticle(&r.art, r.art.MustContent())
				if !keep && r.art.text.reload != nil {
					r.art.text.resident = nil
				}
			}
			return r
		},
		func(i int, r result) {
			warns = append(warns, r.warns...)
			if r.ok {
				arts = append(arts, r.art)
				ix.add(r.tokens)
			}
			if progress != nil && (i%256 == 0 || i == n-1) {
				progress(i+1, n)
			}
		})
	stats := make([]*wordStats, len(states))
	for i, s := range states {
		stats[i] = s.ws
	}
	ix.finish(stats)
	lib := finishLibrary(arts, ix, topics)
	lib.Warnings = append(append(slices.Clone(l.warns), warns...), lib.Warnings...)
	return lib
}

// Catalog makes a library at once, without reading the listed files: the
// built-in articles, and for every file an article titled by its name, read
// when it is opened. Nothing of the files is indexed yet, so search, topics
// and relations know only the built-in articles. A reader can show it while
// LoadListing does the work; it is marked Provisional.
func Catalog(builtin []Article, l *Listing, topics *TopicModel) *Library {
	arts := slices.Clone(builtin)
	ix := newIndex(NewAnalyzer(), len(builtin)+len(l.items))
	ws := newWordStats()
	for i := range arts {
		ix.add(ws.tokenizeArticle(&arts[i], arts[i].MustContent()))
	}
	cache := newContentCache(contentCacheSize)
	for _, it := range l.items {
		d := l.dirs[it.dir]
		a := Article{Title: titleFromName(it.entry.name), Path: path.Join(d.Label, it.entry.name)}
		a.text.reload = func() (*Content, error) {
			r := loadOne(newParseWorker(), d.FS, d.Label, it.entry, cache)
			if !r.ok {
				return nil, fmt.Errorf("%s", r.warns[0])
			}
			return r.art.MustContent(), nil
		}
		arts = append(arts, a)
		ix.add(docTokens{})
	}
	ix.finish([]*wordStats{ws})
	lib := finishLibrary(arts, ix, topics)
	lib.Provisional = true
	return lib
}

// titleFromName makes a title of a file name: "grain-corridor.md" is
// "grain corridor".
func titleFromName(name string) string {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	return collapseSpace(Sanitize(strings.NewReplacer("-", " ", "_", " ").Replace(base)))
}
