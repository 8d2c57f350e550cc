package store

import (
	"cmp"
	"os"

	"dispatch/internal/recovered"
	"dispatch/store/article"
)

// A library's lifecycle, one policy for every caller. Open decides what a
// caller gets while the files are read:
//
//	cache holds the files as they are     → Full at once, nothing read
//	cache holds them with some changed    → Stale at once (Early), then Full
//	no usable cache, a large library      → Catalogue at once (Early), then Full
//	no usable cache, a small library      → Full
//
// and Reopen whether a library read again after a fetch is worth giving.
// The reader asks for Early libraries; a command waits for the Full one.

// Inputs are what a library is made of: the built-in articles, parsed (see
// article.ParseFS), the user's files, listed (article.List), and the topics
// they are scored against; where their numbers are kept, which of the
// folders holds the fetched items and which of these the last fetch
// brought.
type Inputs struct {
	Builtin []article.Article
	// Listing is the user's files listed; when it is nil, Open lists
	// Sources itself, looking only at the files the cache cannot vouch
	// for (see listSources).
	Listing *article.Listing
	Sources []article.Source
	Topics  Topics
	// Identities is the identity journal (see store/ident), which numbers
	// every article for good; "" numbers them for this run only (or as
	// the index cache last numbered them).
	Identities string
	// Feeds is the folder of fetched items, a listed source's Root: its
	// files are named by their path in it, which the feeds keep for an
	// item whatever it says. "" when there is none.
	Feeds string
	// New are the items the last fetch brought, by their path in Feeds
	// (see store/feed's LastNew): Library.IsNew.
	New []string
}

// Stage says what a library Open hands out is.
type Stage int

// The stages of a library, in the order Open can give them.
const (
	// Stale is the library the cache holds although some files changed
	// since (Library.Updating()): everything works on the index as it was
	// while the changes are read.
	Stale Stage = iota + 1
	// Catalogue is a large library listed by file name before a file is
	// read (Library.Provisional()): search, topics and relations know only the
	// built-in articles.
	Catalogue
	// Full is the library as the files are now: the last Open gives.
	Full
)

// String names the stage, for messages and tests.
func (s Stage) String() string {
	switch s {
	case Stale:
		return "stale"
	case Catalogue:
		return "catalogue"
	case Full:
		return "full"
	}
	return "progress"
}

// Event is news of opening a library: a library at a stage, or (Stage 0)
// progress reading the files, Done of Total.
type Event struct {
	Stage       Stage
	Library     *Library    // the library at Stage; nil for progress
	Report      CacheReport // what the cache did, with the Full library
	Done, Total int         // progress: files read and indexed, of those to read
}

// DefaultCatalogFrom is the number of the user's files from which a caller
// asking for Early libraries first gets a Catalogue, usable at once, when
// the cache has nothing to show. Indexing takes about 0.6 ms an article on
// two cores: from here on it would keep the list from a person for a third
// of a second or more.
const DefaultCatalogFrom = 500

// OpenOptions say how Open goes about it.
type OpenOptions struct {
	// Cache is where the index is kept; its Progress, when set, is called
	// as well as progress events are given.
	Cache CacheOptions
	// Early asks for a library usable at once, before the files are read:
	// the stale one the cache holds, else a Catalogue of a large library.
	Early bool
	// CatalogFrom is the number of listed files from which an Early caller
	// gets a Catalogue; 0 means DefaultCatalogFrom.
	CatalogFrom int
}

// Open loads the library of in, and gives emit, when not nil, in order: at
// most one Early library (Stale or Catalogue), progress while files are
// read, and the Full library, last. It returns the Full library and the
// cache's report. A panic while loading (a bug some file met) ends it with
// an error that names where, and no Full library.
func Open(in Inputs, opts OpenOptions, emit func(Event)) (lib *Library, report CacheReport, err error) {
	defer func() {
		if p := recover(); p != nil {
			lib, report, err = nil, CacheReport{}, recovered.Error(p)
		}
	}()
	if emit == nil {
		emit = func(Event) {}
	}
	var snap *snapshot // opened once, for the listing and the library
	if in.Listing == nil {
		snap = currentSnapshot(in.Builtin, in.Sources, opts.Cache)
		if lib, report, ok := trustedLibrary(snap, in, opts.Cache); ok {
			if fi, err := os.Stat(report.Path); err == nil {
				report.Created = fi.ModTime() // as LoadCached reports it
			}
			emit(Event{Stage: Full, Library: lib, Report: report})
			return lib, report, nil
		}
		if snap != nil && snap.loadFiles() != nil {
			snap = nil // damaged: the load says so, and rebuilds it
		}
		in.Listing = listSources(in.Sources, snap, opts.Cache)
	}
	if lib, report, ok := cachedLibrary(snap, in, opts.Cache); ok {
		if fi, err := os.Stat(report.Path); err == nil {
			report.Created = fi.ModTime() // as LoadCached reports it, so that reports compare
		}
		emit(Event{Stage: Full, Library: lib, Report: report})
		return lib, report, nil
	}
	catalogued := false
	if opts.Early {
		if stale, ok := staleLibrary(in, opts.Cache); ok {
			emit(Event{Stage: Stale, Library: stale})
		} else if in.Listing.Len() >= cmp.Or(opts.CatalogFrom, DefaultCatalogFrom) {
			emit(Event{Stage: Catalogue, Library: catalog(in)})
			catalogued = true
		}
	}
	cache := opts.Cache
	cache.Progress = func(done, total int) {
		if opts.Cache.Progress != nil {
			opts.Cache.Progress(done, total)
		}
		emit(Event{Done: done, Total: total})
	}
	lib, report = loadCachedIn(snap, in, cache)
	if catalogued {
		// the catalogue stays usable meanwhile; without this the first
		// article rendered after the swap would wait for the related
		// articles at its end (1.7 s for 100,000 articles)
		lib.Warm()
	}
	emit(Event{Stage: Full, Library: lib, Report: report})
	return lib, report, nil
}

// Reopen loads the library again after its files may have changed (a
// fetch wrote some: changed says so), and returns it unless it would be the
// one last given, whose report is last: nothing changed, and the cache
// holds the snapshot last was read from. With a cache this also finds what
// another dispatch changed since, at the cost of looking at the files;
// without one, only a change is worth reading everything again, and
// inputs, which lists the files, is not even called. Its error, or a panic
// while loading, is returned as Open's is.
func Reopen(inputs func() (Inputs, error), cache CacheOptions, last CacheReport, changed bool) (lib *Library, report CacheReport, ok bool, err error) {
	if !changed && cache.Dir == "" {
		return nil, CacheReport{}, false, nil
	}
	in, err := inputs()
	if err != nil {
		return nil, CacheReport{}, false, err
	}
	lib, report, err = Open(in, OpenOptions{Cache: cache}, nil)
	switch {
	case err != nil:
		return nil, CacheReport{}, false, err
	case !changed && !last.Created.IsZero() && report.Path == last.Path && report.Created.Equal(last.Created):
		return nil, report, false, nil
	}
	return lib, report, true, nil
}
