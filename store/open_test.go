package store_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dispatch/store"
	"dispatch/store/article"
)

// lifecycleFolder writes n small articles to a new folder and returns it
// with a cache folder beside it.
func lifecycleFolder(t *testing.T, n int) (dir, cache string) {
	t.Helper()
	root := t.TempDir()
	dir, cache = filepath.Join(root, "notes"), filepath.Join(root, "cache")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		lifecycleWrite(t, dir, i, "The perch season opened on the lake.")
	}
	return dir, cache
}

func lifecycleWrite(t *testing.T, dir string, i int, body string) {
	t.Helper()
	text := fmt.Sprintf("---\ntitle: Report %d\n---\n%s\n", i, body)
	if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.md", i)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lifecycleInputs lists dir as Open's inputs, with the fixture topics.
func lifecycleInputs(t *testing.T, dir string) store.Inputs {
	t.Helper()
	return store.Inputs{
		Listing: article.List([]article.Source{{FS: os.DirFS(dir), Label: "notes", Root: dir}}),
		Topics:  fixtureTopics(t),
	}
}

// openStages opens dir and returns the stages of the libraries it was
// given in order, checking that progress comes between an early library
// and the full one, and that Open returns the full one.
func openStages(t *testing.T, dir string, opts store.OpenOptions) []store.Stage {
	t.Helper()
	var stages []store.Stage
	var events []store.Event
	lib, _, err := store.Open(lifecycleInputs(t, dir), opts, func(ev store.Event) {
		events = append(events, ev)
		if ev.Stage != 0 {
			stages = append(stages, ev.Stage)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, ev := range events {
		switch {
		case ev.Stage == 0 && (i == len(events)-1 || ev.Library != nil):
			t.Errorf("progress %d/%d after the full library or with one", ev.Done, ev.Total)
		case ev.Stage != 0 && ev.Library == nil:
			t.Errorf("%s without a library", ev.Stage)
		case ev.Stage == store.Full && i != len(events)-1:
			t.Errorf("the full library is event %d of %d, not the last", i+1, len(events))
		case ev.Stage == store.Full && ev.Library != lib:
			t.Error("Open returned another library than the full one it gave")
		case ev.Stage == store.Stale && !ev.Library.Updating(), ev.Stage == store.Catalogue && !ev.Library.Provisional():
			t.Errorf("a %s library not marked so", ev.Stage)
		}
	}
	if lib.Provisional() || lib.Updating() {
		t.Error("the full library is marked provisional or updating")
	}
	return stages
}

// TestOpenDecisionTable: each state of the cache, for a small and a large
// library, and what a reader (Early) and a command are given, in order.
func TestOpenDecisionTable(t *testing.T) {
	const catalogFrom = 4 // files from which a library is large here
	type state struct {
		name    string
		noCache bool
		prepare func(t *testing.T, dir, cache string) // after a first Open saved the cache
	}
	states := []state{
		{name: "no cache (--no-cache)", noCache: true},
		{name: "no snapshot yet", prepare: func(t *testing.T, dir, cache string) {
			if err := os.RemoveAll(cache); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "current", prepare: func(*testing.T, string, string) {}},
		{name: "a file changed", prepare: func(t *testing.T, dir, _ string) {
			lifecycleWrite(t, dir, 0, "The trawler season opened on the lake, a week late.")
		}},
		{name: "a file added", prepare: func(t *testing.T, dir, _ string) {
			lifecycleWrite(t, dir, 90, "A new report on the truce.")
		}},
		{name: "damaged", prepare: func(t *testing.T, _, cache string) {
			lifecycleDamage(t, cache)
		}},
	}
	type row struct {
		state        string
		files        int
		early, later []store.Stage // what a reader (Early) and a command get
	}
	full := []store.Stage{store.Full}
	small, large := catalogFrom-1, catalogFrom
	rows := []row{
		{"no cache (--no-cache)", small, full, full},
		{"no cache (--no-cache)", large, []store.Stage{store.Catalogue, store.Full}, full},
		{"no snapshot yet", small, full, full},
		{"no snapshot yet", large, []store.Stage{store.Catalogue, store.Full}, full},
		{"current", small, full, full},
		{"current", large, full, full},
		{"a file changed", small, []store.Stage{store.Stale, store.Full}, full},
		{"a file changed", large, []store.Stage{store.Stale, store.Full}, full},
		{"a file added", small, []store.Stage{store.Stale, store.Full}, full},
		{"a file added", large, []store.Stage{store.Stale, store.Full}, full},
		{"damaged", small, full, full},
		{"damaged", large, []store.Stage{store.Catalogue, store.Full}, full},
	}
	for _, r := range rows {
		i := slices.IndexFunc(states, func(s state) bool { return s.name == r.state })
		st := states[i]
		for _, early := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/%d files/early=%v", r.state, r.files, early), func(t *testing.T) {
				dir, cache := lifecycleFolder(t, r.files)
				opts := store.OpenOptions{Cache: store.CacheOptions{Dir: cache, Verify: true}, Early: early, CatalogFrom: catalogFrom}
				if st.noCache {
					opts.Cache.Dir = ""
				} else {
					if _, _, err := store.Open(lifecycleInputs(t, dir), store.OpenOptions{Cache: opts.Cache}, nil); err != nil {
						t.Fatal(err)
					}
					st.prepare(t, dir, cache)
				}
				want := r.later
				if early {
					want = r.early
				}
				if got := openStages(t, dir, opts); !slices.Equal(got, want) {
					t.Errorf("given %v, want %v", got, want)
				}
			})
		}
	}
}

// lifecycleDamage flips a byte in the middle of the one snapshot in cache.
func lifecycleDamage(t *testing.T, cache string) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(cache, "library-*.idx"))
	if len(names) != 1 {
		t.Fatalf("snapshots %v, want one", names)
	}
	data, err := os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(names[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOpenGivesProgress: a library read from its files reports progress
// on the events and on the cache's own callback, up to every file.
func TestOpenGivesProgress(t *testing.T) {
	dir, cache := lifecycleFolder(t, 3)
	var events, callbacks [][2]int
	opts := store.OpenOptions{Cache: store.CacheOptions{Dir: cache, Progress: func(done, total int) {
		callbacks = append(callbacks, [2]int{done, total})
	}}}
	_, report, err := store.Open(lifecycleInputs(t, dir), opts, func(ev store.Event) {
		if ev.Stage == 0 {
			events = append(events, [2]int{ev.Done, ev.Total})
		}
	})
	if err != nil || !report.Saved {
		t.Fatalf("err %v, saved %v", err, report.Saved)
	}
	if len(events) == 0 || events[len(events)-1] != [2]int{3, 3} || !slices.Equal(events, callbacks) {
		t.Errorf("progress events %v, callbacks %v; want both ending at 3 of 3", events, callbacks)
	}
}

// lifecycleLister lists dir when called, as Reopen asks.
func lifecycleLister(t *testing.T, dir string) func() (store.Inputs, error) {
	return func() (store.Inputs, error) { return lifecycleInputs(t, dir), nil }
}

// TestReopenGivesOnlyWhatIsNew: after a fetch that brought nothing, the
// library is given again only when the cache holds another snapshot; a
// change is always given; without a cache, nothing changed means nothing
// is read.
func TestReopenGivesOnlyWhatIsNew(t *testing.T) {
	dir, cache := lifecycleFolder(t, 3)
	opts := store.CacheOptions{Dir: cache}
	first, report, err := store.Open(lifecycleInputs(t, dir), store.OpenOptions{Cache: opts}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok, err := store.Reopen(lifecycleLister(t, dir), opts, report, false); ok || err != nil {
		t.Errorf("nothing changed: given a library again (%v)", err)
	}
	if _, _, ok, _ := store.Reopen(lifecycleLister(t, dir), opts, store.CacheReport{}, false); !ok {
		t.Error("no library given yet: none given")
	}
	// another dispatch wrote a file and saved the cache
	lifecycleWrite(t, dir, 7, "The ferry runs again.")
	if _, _, err := store.Open(lifecycleInputs(t, dir), store.OpenOptions{Cache: opts}, nil); err != nil {
		t.Fatal(err)
	}
	lib, again, ok, _ := store.Reopen(lifecycleLister(t, dir), opts, report, false)
	if !ok || lib.Len() != first.Len()+1 {
		t.Fatalf("another dispatch saved a new snapshot: given %v", ok)
	}
	if _, _, ok, _ := store.Reopen(lifecycleLister(t, dir), opts, again, true); !ok {
		t.Error("a fetch that changed files: no library given")
	}
	// without a cache: nothing is listed unless something changed
	listed := false
	lister := func() (store.Inputs, error) { listed = true; return lifecycleInputs(t, dir), nil }
	if _, _, ok, err := store.Reopen(lister, store.CacheOptions{}, again, false); ok || err != nil || listed {
		t.Errorf("no cache, nothing changed: given %v, listed %v (%v)", ok, listed, err)
	}
	if _, _, ok, err := store.Reopen(func() (store.Inputs, error) { return store.Inputs{}, errors.New("gone") }, opts, again, true); ok || err == nil {
		t.Errorf("listing failed: given %v, err %v", ok, err)
	}
	if lib, _, ok, _ := store.Reopen(lifecycleLister(t, dir), store.CacheOptions{}, again, true); !ok || lib.Len() != first.Len()+1 {
		t.Error("no cache, a change: no library given")
	}
}

// TestOpenTurnsAPanicIntoAnError: a bug met while loading ends Open with
// an error that names it, not a crash.
func TestOpenTurnsAPanicIntoAnError(t *testing.T) {
	in := store.Inputs{Sources: []article.Source{{FS: panickingFS{}, Label: "bug"}}, Topics: fixtureTopics(t)}
	var stages []store.Stage
	lib, _, err := store.Open(in, store.OpenOptions{}, func(ev store.Event) { stages = append(stages, ev.Stage) })
	if err == nil || lib != nil || !strings.Contains(err.Error(), "internal error") {
		t.Errorf("lib %v, err %v; want an internal error", lib, err)
	}
	if slices.Contains(stages, store.Full) {
		t.Error("a full library given after a panic")
	}
}

// panickingFS is a file system with a bug: any use panics.
type panickingFS struct{}

func (panickingFS) Open(string) (fs.File, error) { panic("a bug in the file system") }
