package store_test

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"dispatch/internal/benchcorpus"
	"dispatch/store"
	"dispatch/store/article"
	"dispatch/store/journal"
)

// countingFS counts what is asked of a folder: a warm run over a folder
// dispatch owns asks nothing of the files its journal does not name.
type countingFS struct {
	fsys  fs.FS
	calls *atomic.Int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	c.calls.Add(1)
	return c.fsys.Open(name)
}

func (c countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.calls.Add(1)
	return fs.ReadDir(c.fsys, name)
}

func (c countingFS) Stat(name string) (fs.FileInfo, error) {
	c.calls.Add(1)
	return fs.Stat(c.fsys, name)
}

// ownedInputs are Open's inputs for dir as a folder dispatch owns, its
// listing left to Open, numbered by the journal beside cache.
func ownedInputs(t *testing.T, dir, cache string, calls *atomic.Int64) store.Inputs {
	return store.Inputs{
		Sources:    []article.Source{{FS: countingFS{os.DirFS(dir), calls}, Label: "notes", Root: dir, Owned: true}},
		Topics:     fixtureTopics(t),
		Identities: journalOf(cache),
	}
}

// recorded makes change under a journal record of paths, as the feeds do.
func recorded(t *testing.T, dir string, change func(), paths ...string) {
	t.Helper()
	done, err := journal.Begin(dir, paths...)
	if err != nil {
		t.Fatal(err)
	}
	change()
	done()
}

// TestOwnedFolderAnswersAsAFreshBuild: a folder dispatch owns, changed at
// random with every change in its journal, read through the cache without
// a walk, answers as a fresh build of the folder; a warm run with nothing
// recorded since asks nothing of the folder.
func TestOwnedFolderAnswersAsAFreshBuild(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	rng := rand.New(rand.NewPCG(3, 5))
	var names []string
	for i := range 10 {
		name := fmt.Sprintf("feed%d/item%02d.md", i%3, i)
		recorded(t, dir, func() { writeArticle(t, dir, name, rng) }, name)
		names = append(names, name)
	}
	opts := store.OpenOptions{Cache: store.CacheOptions{Dir: cache}}
	var calls atomic.Int64
	for step := range 20 {
		op := "first"
		if step > 0 {
			switch r := rng.IntN(5); {
			case r == 0 || len(names) < 4:
				name := fmt.Sprintf("feed%d/new%02d.md", rng.IntN(4), step)
				recorded(t, dir, func() { writeArticle(t, dir, name, rng) }, name)
				names = append(names, name)
				op = "add " + name
			case r == 1:
				i := rng.IntN(len(names))
				recorded(t, dir, func() { os.Remove(filepath.Join(dir, names[i])) }, names[i])
				op = "remove " + names[i]
				names = append(names[:i], names[i+1:]...)
			case r == 2: // a feed's folder purged
				folder := filepath.Dir(names[rng.IntN(len(names))])
				recorded(t, dir, func() { os.RemoveAll(filepath.Join(dir, folder)) }, folder)
				op = "purge " + folder
				kept := names[:0]
				for _, n := range names {
					if filepath.Dir(n) != folder {
						kept = append(kept, n)
					}
				}
				names = kept
			default:
				name := names[rng.IntN(len(names))]
				recorded(t, dir, func() { writeArticle(t, dir, name, rng) }, name)
				op = "rewrite " + name
			}
		}
		cached, _, err := store.Open(ownedInputs(t, dir, cache, &calls), opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		fresh := freshBuild(dir, cache, fixtureTopics(t))
		if got, want := libraryAnswers(t, cached), libraryAnswers(t, fresh); got != want {
			t.Fatalf("step %d (%s): the cached library answers differently\n%s", step, op, firstDifference(got, want))
		}
		calls.Store(0)
		again, report, err := store.Open(ownedInputs(t, dir, cache, &calls), opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := calls.Load(); n != 0 || report.Indexed != 0 || report.Saved {
			t.Errorf("step %d (%s): nothing recorded since, yet %d calls on the folder, %d indexed, saved %v", step, op, n, report.Indexed, report.Saved)
		}
		if got, want := libraryAnswers(t, again), libraryAnswers(t, fresh); got != want {
			t.Fatalf("step %d (%s): read again, the library answers differently\n%s", step, op, firstDifference(got, want))
		}
	}
}

// TestOwnedFolderTrustsItsJournal: a change the journal does not name is
// not seen while the journal can be followed (dispatch's own folder is
// not edited by hand); without a journal, or with another one, every file
// is looked at again. A folder of the user's is always looked at, unless
// the cache is trusted.
func TestOwnedFolderTrustsItsJournal(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	lifecycleWrite(t, dir, 0, "The perch season opened on the lake.")
	recorded(t, dir, func() { lifecycleWrite(t, dir, 1, "The ferry runs again.") }, "01.md")
	opts := store.OpenOptions{Cache: store.CacheOptions{Dir: cache}}
	var calls atomic.Int64
	open := func(in store.Inputs, opts store.OpenOptions) *store.Library {
		t.Helper()
		lib, _, err := store.Open(in, opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		return lib
	}
	hits := func(lib *store.Library, word string) int { return len(search(lib, word)) }
	open(ownedInputs(t, dir, cache, &calls), opts)

	// edited behind the journal's back: not seen
	lifecycleWrite(t, dir, 0, "The orchestra played at the festival.")
	if lib := open(ownedInputs(t, dir, cache, &calls), opts); hits(lib, "orchestra") != 0 || hits(lib, "perch") != 1 {
		t.Fatal("an unrecorded edit of an owned folder was looked for")
	}
	// a user's folder is looked at; trusted, only its folders are: a file
	// added is found (its folder is listed again, whole), an edit in place
	// elsewhere is not. (The folder's time is set
	// back, as a later clock tick would leave it: a folder changed within
	// the tick its listing began in is listed again, whatever its time.)
	user := store.Inputs{Sources: []article.Source{{FS: os.DirFS(dir), Label: "notes", Root: dir}}, Topics: fixtureTopics(t)}
	trusted := opts
	trusted.Cache.Trust = true
	past := time.Now().Add(-time.Hour)
	os.Chtimes(dir, past, past)
	if lib := open(user, opts); hits(lib, "orchestra") != 1 {
		t.Fatal("a user's folder: an edit was missed")
	}
	lifecycleWrite(t, dir, 0, "The choir sang at the concert.")
	if lib := open(user, trusted); hits(lib, "choir") != 0 {
		t.Fatal("a trusted cache: an edit in place was looked for")
	}
	lifecycleWrite(t, dir, 2, "The regatta was held on the lake.")
	past = past.Add(time.Minute)
	os.Chtimes(dir, past, past)
	if lib := open(user, trusted); hits(lib, "regatta") != 1 {
		t.Fatal("a trusted cache: a file added was missed")
	}
	if lib := open(user, opts); hits(lib, "choir") != 1 {
		t.Fatal("a user's folder: an edit was missed")
	}
	os.Remove(filepath.Join(dir, "02.md"))

	// a journal started anew: everything looked at once
	open(ownedInputs(t, dir, cache, &calls), opts)
	lifecycleWrite(t, dir, 0, "The trawler came back with nets full of perch.")
	os.Remove(filepath.Join(dir, journal.Name))
	recorded(t, dir, func() {}, "01.md")
	if lib := open(ownedInputs(t, dir, cache, &calls), opts); hits(lib, "trawler") != 1 {
		t.Fatal("a new journal: the files were not looked at")
	}
	// started anew with nothing changed: walked once, and the new mark
	// saved, so that the next run looks at nothing
	os.Remove(filepath.Join(dir, journal.Name))
	recorded(t, dir, func() {}, "01.md")
	if _, report, _ := store.Open(ownedInputs(t, dir, cache, &calls), opts, nil); !report.Saved {
		t.Fatal("a journal started anew, nothing changed: its mark was not saved")
	}
	calls.Store(0)
	open(ownedInputs(t, dir, cache, &calls), opts)
	if n := calls.Load(); n != 0 {
		t.Fatalf("after the new mark was saved, %d calls on the folder", n)
	}
}

// TestAVerifiedCacheAnswersAfterGivingBackItsPages: checking a whole
// snapshot gives back the pages it read as it goes (a reader of 100,000
// articles kept all 590 MB resident); read again from the file system's
// cache, they answer as a fresh build.
func TestAVerifiedCacheAnswersAfterGivingBackItsPages(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	if _, err := benchcorpus.WriteDir(dir, 3, 200); err != nil {
		t.Fatal(err)
	}
	topics := fixtureTopics(t)
	opts := store.CacheOptions{Dir: cache, Verify: true}
	if _, report := store.LoadCached(nil, folderLibrary(dir), topics, opts); !report.Saved {
		t.Fatal(report.Warning)
	}
	cached, report := store.LoadCached(nil, folderLibrary(dir), topics, opts)
	if report.Saved || report.Warning != "" || report.Reused != cached.Len() {
		t.Fatalf("the verified cache was not used as it is: %+v", report)
	}
	fresh := store.Load(nil, folderLibrary(dir), topics, nil)
	if got, want := libraryAnswers(t, cached), libraryAnswers(t, fresh); got != want {
		t.Fatalf("the verified cache answers differently\n%s", firstDifference(got, want))
	}
}

// TestWhatIsNewInATrustedLibrary: a warm run that takes dispatch's own
// folder on its journal's word, looking at no file, still finds what the
// last fetch brought, and a number column as wide as the highest number.
func TestWhatIsNewInATrustedLibrary(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	rng := rand.New(rand.NewPCG(12, 13))
	for _, name := range []string{"lake/1.md", "lake/2.md", "port/3.md"} {
		recorded(t, dir, func() { writeArticle(t, dir, name, rng) }, name)
	}
	opts := store.OpenOptions{Cache: store.CacheOptions{Dir: cache}}
	var calls atomic.Int64
	open := func(news ...string) *store.Library {
		in := ownedInputs(t, dir, cache, &calls)
		in.Feeds, in.New = dir, news
		lib, _, err := store.Open(in, opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		return lib
	}
	open("port/3.md")
	calls.Store(0)
	warm := open("port/3.md", "lake/9.md")
	if n := calls.Load(); n != 0 {
		t.Fatalf("the warm run asked the folder %d times: not taken on the journal's word", n)
	}
	var fresh []string
	for _, d := range warm.NewDocs() {
		fresh = append(fresh, warm.Article(int(d)).Path)
	}
	if got := strings.Join(fresh, " "); got != "notes/port/3.md" || warm.NewCount() != 1 {
		t.Errorf("new in the trusted library: %q, want notes/port/3.md", got)
	}
	if warm.MaxNumber() != 3 {
		t.Errorf("highest number %d, want 3", warm.MaxNumber())
	}
	for d := range warm.Len() {
		if warm.StoryDocs(d) != nil && len(warm.StoryDocs(d)) < 2 {
			t.Errorf("a story of one: %v", warm.StoryDocs(d))
		}
	}
}
