package store

import (
	"io/fs"
	"path"
)

// DirSource is a folder of the user's articles and how messages name it.
type DirSource struct {
	FS    fs.FS
	Label string
}

// keepContentUpTo is the size of library, in articles, whose contents stay in
// memory; a larger one reads an article's file again when its text is needed.
const keepContentUpTo = 5000

// LoadLibrary builds the library of the built-in articles (parsed already)
// and those under dirs, in that order. Files are read, parsed and tokenized
// in parallel, streaming into the index: a large library never holds all its
// text at once. progress, when not nil, is called now and then with the
// files done and the files in all. Warnings name the files skipped or
// cleaned; they are in the library.
func LoadLibrary(builtin []Article, dirs []DirSource, topics *TopicModel, progress func(done, total int)) *Library {
	type item struct {
		dir   int // -1 for a built-in article
		entry dirEntry
		art   *Article
	}
	var items []item
	var listWarns []Warning
	for i := range builtin {
		items = append(items, item{dir: -1, art: &builtin[i]})
	}
	for di, d := range dirs {
		entries, err := listArticles(d.FS, d.Label)
		for _, e := range entries {
			if e.skip != "" {
				listWarns = append(listWarns, Warning{Path: path.Join(d.Label, e.name), Skipped: true, Msg: e.skip})
				continue
			}
			items = append(items, item{dir: di, entry: e})
		}
		if err != nil {
			listWarns = append(listWarns, Warning{Path: d.Label, Skipped: true, Msg: walkError(err)})
		}
	}
	keep := len(items) <= keepContentUpTo
	caches := make([]*contentCache, len(dirs))
	for i := range caches {
		caches[i] = newContentCache(contentCacheSize)
	}
	type worker struct {
		p  *parser
		ws *wordStats
	}
	type result struct {
		loaded
		tokens docTokens
	}
	ix := newIndex(NewAnalyzer(), len(items))
	var arts []Article
	var warns []Warning
	states := inOrder(len(items),
		func() worker { return worker{newParser(), newWordStats()} },
		func(w worker, i int) result {
			it := items[i]
			var r result
			if it.dir < 0 {
				r.art, r.ok = *it.art, true
			} else {
				d := dirs[it.dir]
				r.loaded = loadOne(w.p, d.FS, d.Label, it.entry, caches[it.dir])
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
			if progress != nil && (i%256 == 0 || i == len(items)-1) {
				progress(i+1, len(items))
			}
		})
	stats := make([]*wordStats, len(states))
	for i, s := range states {
		stats[i] = s.ws
	}
	ix.finish(stats)
	lib := finishLibrary(arts, ix, topics)
	lib.Warnings = append(append(listWarns, warns...), lib.Warnings...)
	return lib
}
