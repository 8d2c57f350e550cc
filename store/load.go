package store

import (
	"slices"

	"dispatch/internal/parallel"
	"dispatch/store/article"
	"dispatch/store/story"
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
//
// Its articles are numbered in memory, in library order: Open with
// Inputs.Identities keeps numbers for good.
func Load(builtin []article.Article, l *article.Listing, topics Topics, progress func(done, total int)) *Library {
	lib, _ := build(Inputs{Builtin: builtin, Listing: l, Topics: topics}, progress)
	return lib
}

// build is Load of in, also saying what became of each file: what a
// snapshot keeps to tell, next time, which files changed.
func build(in Inputs, progress func(done, total int)) (*Library, []snapshotFile) {
	builtin, l := in.Builtin, in.Listing
	n := len(builtin) + l.Len()
	mem := newMemIndex(NewAnalyzer(), n)
	var arts []article.Article
	var feats []story.Features
	var items []int
	var warns []article.Warning
	files := make([]snapshotFile, 0, n)
	readAll(builtin, l, allItems(n), n <= keepContentUpTo, func(k int, r loaded) {
		warns = append(warns, r.warns...)
		files = append(files, fileRecord(builtin, l, k, r, len(arts)))
		if r.ok {
			arts = append(arts, r.art)
			feats = append(feats, r.features)
			items = append(items, k)
			mem.add(r.tokens)
		}
		if progress != nil && (k%256 == 0 || k == n-1) {
			progress(k+1, n)
		}
	})
	nm := namingOf(in)
	named := nm.number(in, arts, items)
	numberFeatures(feats, arts)
	lib := newLibrary(arts, mem.finish(), in.Topics)
	lib.journal, lib.stamp = nm.journal, named.stamp
	g := story.NewGrouper()
	g.Add(feats...)
	lib.setGrouping(g)
	lib.fresh = freshDocs(in, files)
	lib.warnings = append(append(append(slices.Clone(l.Warnings()), warns...), named.warnings...), lib.warnings...)
	return lib, files
}

// allItems are the items 0..n-1.
func allItems(n int) []int {
	items := make([]int, n)
	for i := range items {
		items[i] = i
	}
	return items
}

// loaded is one item read: its article and tokens, or why it was skipped.
type loaded struct {
	art      article.Article
	ok       bool
	warns    []article.Warning
	tokens   docTokens
	features story.Features
}

// readAll reads and tokenizes items — built-in article i for i below
// len(builtin), listed file i-len(builtin) after — in parallel, and hands
// each to consume in order, with its place in items. Contents are kept in
// memory when keep is set.
func readAll(builtin []article.Article, l *article.Listing, items []int, keep bool, consume func(k int, r loaded)) {
	type worker struct {
		ld *article.Loader
		ws *wordStats
	}
	parallel.InOrder(len(items),
		func() worker { return worker{l.NewLoader(), newWordStats()} },
		func(w worker, k int) loaded {
			var r loaded
			if i := items[k]; i < len(builtin) {
				r.art, r.ok = builtin[i], true
			} else {
				r.art, r.warns, r.ok = w.ld.Load(i - len(builtin))
			}
			if r.ok {
				c, err := r.art.Content()
				if err != nil {
					return loaded{warns: []article.Warning{{Path: r.art.Path, Skipped: true, Msg: err.Error()}}}
				}
				r.tokens = w.ws.tokenizeArticle(&r.art, c)
				r.features = extractFeatures(&r.art, c)
				if !keep {
					r.art.ReleaseContent()
				}
			}
			return r
		},
		func(k int, err error) loaded {
			path := "built-in article"
			if i := items[k]; i >= len(builtin) {
				path = l.Path(i - len(builtin))
			}
			return loaded{warns: []article.Warning{{Path: path, Skipped: true, Msg: err.Error()}}}
		},
		consume)
}

// fileRecord is what a snapshot keeps of item i, read as r, which became
// article doc if it was read.
func fileRecord(builtin []article.Article, l *article.Listing, i int, r loaded, doc int) snapshotFile {
	f := snapshotFile{source: -1, doc: -1, warns: r.warns}
	if i < len(builtin) {
		f.name, f.hash = builtin[i].Path, builtin[i].Hash
	} else {
		info := l.File(i - len(builtin))
		f.source, f.name, f.size, f.modTime = info.Source, info.Name, info.Size, info.ModTime
		f.change, f.inode, f.racy = info.Change, info.Inode, racy(info.ModTime, l)
		if f.racy && !r.ok {
			// a file skipped is known by its hash too, while its time
			// cannot tell (see planUpdate)
			f.hash, _ = l.Hash(i - len(builtin))
		}
	}
	if r.ok {
		f.doc, f.hash = doc, r.art.Hash
	}
	return f
}

// Catalog makes a library at once, without reading the listed files: the
// built-in articles, and for every file an article titled by its name, read
// when it is opened. Nothing of the files is indexed yet, so search, topics
// and relations know only the built-in articles. A reader can show it while
// Load does the work; it is marked Provisional.
func Catalog(builtin []article.Article, l *article.Listing, topics Topics) *Library {
	return catalog(Inputs{Builtin: builtin, Listing: l, Topics: topics})
}

// catalog is Catalog of in: its articles have the numbers they have, and
// the others those they would get next (see naming.peek).
func catalog(in Inputs) *Library {
	builtin, l, topics := in.Builtin, in.Listing, in.Topics
	arts := slices.Clone(builtin)
	mem := newMemIndex(NewAnalyzer(), len(builtin)+l.Len())
	ws := newWordStats()
	for i := range arts {
		c, _ := arts[i].Content() // built in: always in memory
		mem.add(ws.tokenizeArticle(&arts[i], c))
	}
	for i := range l.Len() {
		arts = append(arts, l.Placeholder(i))
		mem.add(docTokens{})
	}
	namingOf(in).peek(in, arts)
	lib := newLibrary(arts, mem.finish(), topics)
	lib.provisional = true
	return lib
}
