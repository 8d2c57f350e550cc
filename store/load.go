package store

import (
	"slices"

	"dispatch/internal/parallel"
	"dispatch/store/article"
)

// keepContentUpTo is the size of library, in articles, whose contents stay in
// memory; a larger one reads an article's file again when its text is needed.
const keepContentUpTo = 5000

// Load builds the library of the built-in articles (parsed already, see
// article.ParseFS) and the listed files, in that order. Files are read,
// parsed and tokenized in parallel, streaming into the index: a large
// library never holds all its text at once. progress, when not nil, is
// called now and then with the files done and the files in all. Warnings
// name the files skipped or cleaned; they are in the library.
func Load(builtin []article.Article, l *article.Listing, topics Topics, progress func(done, total int)) *Library {
	n := len(builtin) + l.Len()
	keep := n <= keepContentUpTo
	type worker struct {
		ld *article.Loader
		ws *wordStats
	}
	type result struct {
		art    article.Article
		ok     bool
		warns  []article.Warning
		tokens docTokens
	}
	ix := newIndex(NewAnalyzer(), n)
	var arts []article.Article
	var warns []article.Warning
	states := parallel.InOrder(n,
		func() worker { return worker{l.NewLoader(), newWordStats()} },
		func(w worker, i int) result {
			var r result
			if i < len(builtin) {
				r.art, r.ok = builtin[i], true
			} else {
				r.art, r.warns, r.ok = w.ld.Load(i - len(builtin))
			}
			if r.ok {
				c, err := r.art.Content()
				if err != nil {
					return result{warns: []article.Warning{{Path: r.art.Path, Skipped: true, Msg: err.Error()}}}
				}
				r.tokens = w.ws.tokenizeArticle(&r.art, c)
				if !keep {
					r.art.ReleaseContent()
				}
			}
			return r
		},
		func(i int, err error) result {
			path := "built-in article"
			if i >= len(builtin) {
				path = l.Path(i - len(builtin))
			}
			return result{warns: []article.Warning{{Path: path, Skipped: true, Msg: err.Error()}}}
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
	ix.finish()
	lib := newLibrary(arts, ix, topics)
	lib.Warnings = append(append(slices.Clone(l.Warnings()), warns...), lib.Warnings...)
	return lib
}

// Catalog makes a library at once, without reading the listed files: the
// built-in articles, and for every file an article titled by its name, read
// when it is opened. Nothing of the files is indexed yet, so search, topics
// and relations know only the built-in articles. A reader can show it while
// Load does the work; it is marked Provisional.
func Catalog(builtin []article.Article, l *article.Listing, topics Topics) *Library {
	arts := slices.Clone(builtin)
	ix := newIndex(NewAnalyzer(), len(builtin)+l.Len())
	ws := newWordStats()
	for i := range arts {
		c, _ := arts[i].Content() // built in: always in memory
		ix.add(ws.tokenizeArticle(&arts[i], c))
	}
	for i := range l.Len() {
		arts = append(arts, l.Placeholder(i))
		ix.add(docTokens{})
	}
	ix.finish()
	lib := newLibrary(arts, ix, topics)
	lib.Provisional = true
	return lib
}
