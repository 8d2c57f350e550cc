package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"dispatch/internal/diskio"
	"dispatch/internal/safefile"
	"dispatch/store/article"
	"dispatch/store/ident"
)

// CacheOptions say where a library's index is kept between runs and how.
type CacheOptions struct {
	Dir      string                // the cache folder; "" keeps nothing
	Rebuild  bool                  // build afresh whatever is saved
	Progress func(done, total int) // files read and indexed (only those that changed)
	// LockWait bounds the wait for another dispatch saving the same index;
	// past it this one answers without saving. 0 means a few seconds.
	LockWait time.Duration
	// Verify checks all of a snapshot before using it, rather than each
	// part when first read: for a reader that stays open, where damage
	// found later could not be mended.
	Verify bool
	// Trust takes the user's folders as the snapshot saw them, without
	// looking at their files: for a person who never edits an article in
	// place (--trust-cache). Folders dispatch owns are trusted as their
	// journal allows whatever this says (see listSources).
	Trust bool
	// Examine looks at every file, those of dispatch's own folders too,
	// whatever their journals say: for the command that answers for the
	// cache (dispatch index), so that even an item edited by hand is found.
	Examine bool
}

// ErrDamagedCache is what reading a damaged snapshot panics with, in the
// few places it is found only when read (posting lists, article records),
// or when the file is cut short while in use: a command that meets it
// loads again with Rebuild.
var ErrDamagedCache = errDamagedSnapshot

// CachedLibrary returns the library the cache holds when it holds every
// file as it is now, and false when it does not (missing, stale, damaged):
// LoadCached then does the work. It reads no article.
//
// Its articles have the numbers the snapshot saved: Open, with
// Inputs.Identities, keeps them in the identity journal.
func CachedLibrary(builtin []article.Article, l *article.Listing, topics Topics, opts CacheOptions) (*Library, CacheReport, bool) {
	return cachedLibrary(nil, Inputs{Builtin: builtin, Listing: l, Topics: topics}, opts)
}

// cachedLibrary is CachedLibrary of in with the snapshot opened already
// (s; nil to open it); it also needs the identity journal to be as the
// snapshot saw it (or only grown), so as not to read it.
func cachedLibrary(s *snapshot, in Inputs, opts CacheOptions) (*Library, CacheReport, bool) {
	key, ok := libraryKey(in.Builtin, in.Listing)
	if opts.Dir == "" || !ok || opts.Rebuild {
		return nil, CacheReport{}, false
	}
	path := filepath.Join(opts.Dir, "library-"+keyHash(key)+".idx")
	if s == nil {
		var err error
		if s, err = openSnapshot(path); err != nil {
			return nil, CacheReport{}, false
		}
	} else if s.loadFiles() != nil {
		return nil, CacheReport{}, false
	}
	if s.meta.library != key || s.meta.topics != in.Topics.fingerprint() || !namingOf(in).trusts(s.meta) {
		return nil, CacheReport{}, false
	}
	if opts.Verify && s.verifyAll() != nil {
		return nil, CacheReport{}, false
	}
	p := planUpdate(s, in.Builtin, in.Listing)
	if !p.unchanged() || p.touched > touchedRewrite || journalsStarted(s, in.Listing) {
		return nil, CacheReport{}, false
	}
	return libraryFromSnapshot(s, in, p), CacheReport{Path: path, Reused: p.reused,
		Size: int64(len(s.data)), Created: s.meta.created}, true
}

// CacheReport says what opening a library did with its saved index.
type CacheReport struct {
	Path    string    // the snapshot file; "" when there is no cache
	Reused  int       // articles taken from it as they were
	Indexed int       // files read and indexed
	Removed int       // articles it held that are gone or changed
	Saved   bool      // a new snapshot was written
	Size    int64     // of the snapshot on disk, bytes
	Created time.Time // when the snapshot in use was written
	Warning string    // why the cache was not used or not saved; also among the library's warnings
}

// LoadCached is Load through the cache in opts.Dir: when the snapshot there
// holds every file as it is, the library is read from it at once; when some
// files were added, changed or removed, only those are read and indexed and
// merged with the rest, and the snapshot is saved again. What a saved
// snapshot answers is what a fresh Load would. A cache that is damaged, of
// another version or unwritable is rebuilt or done without, with a warning
// in the report; it never stops the library from loading.
func LoadCached(builtin []article.Article, l *article.Listing, topics Topics, opts CacheOptions) (*Library, CacheReport) {
	return loadCachedIn(nil, Inputs{Builtin: builtin, Listing: l, Topics: topics}, opts)
}

// loadCachedIn is LoadCached of in with the snapshot opened already (pre;
// nil to open it).
func loadCachedIn(pre *snapshot, in Inputs, opts CacheOptions) (*Library, CacheReport) {
	lib, report := loadCached(pre, in, opts)
	if report.Warning != "" {
		lib.warnings = append(lib.warnings, article.Warning{Path: "index cache", Msg: report.Warning})
	}
	return lib, report
}

// loadCached is loadCachedIn without the warning among the library's.
func loadCached(pre *snapshot, in Inputs, opts CacheOptions) (*Library, CacheReport) {
	builtin, l, topics := in.Builtin, in.Listing, in.Topics
	key, ok := libraryKey(builtin, l)
	if opts.Dir == "" || !ok {
		lib, _ := build(in, opts.Progress)
		return lib, CacheReport{Indexed: l.Len() + len(builtin)}
	}
	path := filepath.Join(opts.Dir, "library-"+keyHash(key)+".idx")
	report := CacheReport{Path: path}
	var old *snapshot
	if !opts.Rebuild {
		s, err := pre, error(nil)
		if s == nil {
			s, err = openSnapshot(path)
		} else {
			err = s.loadFiles()
		}
		if err == nil && opts.Verify {
			err = s.verifyAll()
		}
		switch {
		case err == nil && s.meta.library != key:
			report.Warning = "the index cache was of other folders; rebuilt it"
		case err == nil:
			old = s
		case errors.Is(err, fs.ErrNotExist):
		case errors.Is(err, errVersion):
			report.Warning = "the index cache was made by another version of dispatch; rebuilt it"
		default:
			report.Warning = fmt.Sprintf("the index cache was damaged (%v); rebuilt it", err)
		}
	}
	var lib *Library
	var files []snapshotFile
	var changed bool
	var p updatePlan
	renumbered := false // the journal changed since the snapshot, but not its numbers
	if old != nil {
		p = planUpdate(old, builtin, l)
		nm := namingOf(in)
		switch {
		case nm.trusts(old.meta):
		case nm.verify(old, in, p):
			renumbered = true
		default:
			report.Warning = "the article numbers changed since the index cache was made (the identity journal was replaced); rebuilt it"
			old = nil
		}
	}
	if old != nil {
		report.Reused, report.Removed = p.reused, p.removed
		if p.unchanged() && old.meta.topics == topics.fingerprint() {
			lib = libraryFromSnapshot(old, in, p)
			if renumbered { // saved again with the journal as it is now
				lib.journal, lib.stamp = in.Identities, ident.StampOf(in.Identities)
				files, changed = p.files, true
			}
			report.Created, report.Size = old.meta.created, int64(len(old.data))
			if fi, err := os.Stat(path); err == nil {
				report.Created = fi.ModTime() // as a save reports it, so the two compare
			}
			if p.touched <= touchedRewrite && !renumbered && !journalsStarted(old, l) {
				return lib, report
			}
			files, changed = p.files, true
		} else {
			err := damageFound(func() { lib, files = mergeLibrary(old, in, p, opts.Progress) })
			if err != nil {
				// found only now, in a list or record the merge read: a
				// fresh build below
				report.Warning = fmt.Sprintf("the index cache was damaged (%v); rebuilt it", err)
				lib = nil
			} else {
				report.Indexed, changed = len(p.fresh), true
				// what the old snapshot held was said when found
				for _, f := range old.files {
					lib.recordWarnings(f.warns)
				}
			}
		}
	}
	if lib == nil {
		lib, files = build(in, opts.Progress)
		report.Indexed, report.Reused, changed = len(files), 0, true
	}
	if changed {
		if err := saveSnapshot(opts, path, lib, files, key, len(builtin), listedOf(l)); err != nil {
			report.Warning = joinWarnings(report.Warning, fmt.Sprintf("could not save the index cache: %v", err))
		} else {
			report.Saved = true
			if fi, err := os.Stat(path); err == nil {
				report.Size, report.Created = fi.Size(), fi.ModTime()
			}
		}
	}
	return lib, report
}

func joinWarnings(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// saveSnapshot writes the snapshot under the cache's lock; when another
// dispatch holds it past the wait, it does not save (that one is saving
// what this one would).
func saveSnapshot(opts CacheOptions, path string, lib *Library, files []snapshotFile, key string, builtin int, src listedSources) error {
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return err
	}
	wait := opts.LockWait
	if wait <= 0 {
		wait = 5 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	unlock, err := diskio.Lock(ctx, filepath.Join(opts.Dir, "lock"))
	if err != nil {
		return err
	}
	defer unlock()
	diskio.RemoveTemps(path)
	removeOtherVersions(opts.Dir)
	return writeSnapshot(path, lib, files, key, builtin, src)
}

// removeOtherVersions removes the snapshots of older versions of dispatch
// from dir: no dispatch reads them again, and each may be hundreds of
// megabytes. A newer version's stays (two builds used in turn would
// otherwise rebuild each other's every run), and so does another library's.
// Called under the lock.
func removeOtherVersions(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, "library-*.idx"))
	head := make([]byte, len(snapshotMagic)+4)
	for _, name := range names {
		f, err := safefile.Open(name)
		if err != nil {
			continue
		}
		_, err = io.ReadFull(f, head)
		f.Close()
		if err == nil && string(head[:len(snapshotMagic)]) == snapshotMagic &&
			binary.LittleEndian.Uint32(head[len(snapshotMagic):]) < snapshotVersion {
			os.Remove(name)
		}
	}
}

// libraryKey names what a snapshot is of: the format, whether there are
// built-in articles, and the folders by absolute path. A library with a
// folder that has no path (in memory) is not cached.
func libraryKey(builtin []article.Article, l *article.Listing) (string, bool) {
	return sourcesKey(len(builtin), l.Sources())
}

// sourcesKey is libraryKey of builtin built-in articles and the sources.
func sourcesKey(builtin int, sources []article.Source) (string, bool) {
	var b strings.Builder
	fmt.Fprintf(&b, "dispatch index %d\nbuilt-in %d\n", snapshotVersion, builtin)
	for _, src := range sources {
		if src.Root == "" {
			return "", false
		}
		fmt.Fprintf(&b, "folder %q\n", src.Root)
	}
	return b.String(), true
}

func keyHash(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8])
}

// libraryFromSnapshot is the library snapshot s holds, every file being as
// it was (see planUpdate): articles are decoded when first asked for and
// given the way to their text.
func libraryFromSnapshot(s *snapshot, in Inputs, p updatePlan) *Library {
	builtin, l, topics := in.Builtin, in.Listing, in.Topics
	// the item each article came from, for its text; -1 for one gone
	itemOf := make([]int, s.meta.docs)
	for d := range itemOf {
		itemOf[d] = -1
	}
	for i, d := range p.oldDoc {
		if d >= 0 {
			itemOf[d] = i
		}
	}
	lib := snapshotLibrary(s, topics, func(d int, a *article.Article) {
		switch i := itemOf[d]; {
		case i < 0: // removed since: no text to read
		case i < len(builtin):
			a.ShareText(&builtin[i])
		default:
			l.Attach(i-len(builtin), a)
		}
	})
	lib.warnings = append(lib.warnings, l.Warnings()...)
	for _, f := range p.files {
		lib.warnings = append(lib.warnings, f.warns...)
		lib.recordWarnings(f.warns)
	}
	lib.fresh = freshDocs(in, p.files)
	return lib
}

// snapshotLibrary is the library snapshot s holds, its articles given
// their text by attach and numbered as s numbered them; its warnings and
// what is new are the caller's to add.
func snapshotLibrary(s *snapshot, topics Topics, attach func(d int, a *article.Article)) *Library {
	ix := newIndexOf(NewAnalyzer(), s)
	docs := &savedArticles{snap: s, decoded: make([]atomic.Pointer[article.Article], s.meta.docs), attach: attach}
	lib := &Library{docs: docs, n: s.meta.docs, snap: s, index: ix, topics: topics, journal: s.meta.journal, stamp: s.meta.stamp}
	if s.meta.topics == topics.fingerprint() && s.meta.numTopics == len(topics) {
		lib.coverage = coverageFromSnapshot(s)
	} else {
		lib.coverage = scoreCoverage(topics, ix, lib.n, lib.Article)
	}
	lib.related = newRelated(ix, topics, lib.coverage, lib.n, lib.Article)
	if s.meta.topics == topics.fingerprint() { // topic words weigh in the vectors
		lib.related.saved = s
	}
	return lib
}

// StaleLibrary returns the library the cache holds even though some files
// changed since, for a reader to show at once while LoadCached brings it up
// to date: marked Updating, its articles read their text from the files as
// they are now (a changed one may show text its index does not know yet;
// a removed one, none). False when there is no usable cache at all.
func StaleLibrary(builtin []article.Article, l *article.Listing, topics Topics, opts CacheOptions) (*Library, bool) {
	return staleLibrary(Inputs{Builtin: builtin, Listing: l, Topics: topics}, opts)
}

// staleLibrary is StaleLibrary of in. Its numbers are the snapshot's, the
// journal unread: it is shown for the moment the files take to read.
func staleLibrary(in Inputs, opts CacheOptions) (*Library, bool) {
	builtin, l, topics := in.Builtin, in.Listing, in.Topics
	key, ok := libraryKey(builtin, l)
	if opts.Dir == "" || !ok || opts.Rebuild {
		return nil, false
	}
	s, err := openSnapshot(filepath.Join(opts.Dir, "library-"+keyHash(key)+".idx"))
	if err != nil || s.meta.library != key || s.meta.topics != topics.fingerprint() {
		return nil, false
	}
	if opts.Verify && s.verifyAll() != nil {
		return nil, false
	}
	// every saved file that is still listed reads from where it is now
	type place struct {
		source int
		name   string
	}
	item := make(map[place]int, len(builtin)+l.Len())
	for i := range builtin {
		item[place{-1, builtin[i].Path}] = i
	}
	for i := range l.Len() {
		info := l.File(i)
		item[place{info.Source, info.Name}] = len(builtin) + i
	}
	p := updatePlan{oldDoc: make([]int, len(builtin)+l.Len())}
	for i := range p.oldDoc {
		p.oldDoc[i] = -1
	}
	for _, f := range s.files {
		if i, ok := item[place{f.source, f.name}]; ok && f.doc >= 0 {
			p.oldDoc[i] = f.doc
		}
	}
	p.files = s.files // their warnings, as saved
	lib := libraryFromSnapshot(s, in, p)
	lib.updating = true
	return lib, true
}

// damageFound runs f and returns the damage of a snapshot it panicked with;
// any other panic goes on.
func damageFound(f func()) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if e, ok := p.(error); ok && errors.Is(e, errDamagedSnapshot) {
				err = e
				return
			}
			panic(p)
		}
	}()
	f()
	return nil
}

// openSnapshot maps the snapshot at path and checks its tables, the file
// table included.
func openSnapshot(path string) (*snapshot, error) {
	s, err := openSnapshotLazily(path)
	if err != nil {
		return nil, err
	}
	if err := s.loadFiles(); err != nil {
		return nil, err
	}
	return s, nil
}

// openSnapshotLazily is openSnapshot leaving the file table to loadFiles.
func openSnapshotLazily(path string) (*snapshot, error) {
	data, err := mapFile(path)
	if err != nil {
		return nil, err
	}
	s, err := readSnapshot(data)
	if err != nil {
		return nil, err
	}
	s.path, s.mapped = path, true
	return s, nil
}
