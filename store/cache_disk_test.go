package store_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"dispatch/store"
	"dispatch/store/article"
)

// TestCacheCutShortWhileInUse: the snapshot a library reads is cut short in
// place while it is in use (`> file`, a cp over it, a cleaner): reading
// what is gone is damage, found as ErrDamagedCache like any other, never a
// fault that kills the process.
func TestCacheCutShortWhileInUse(t *testing.T) {
	for _, verify := range []bool{false, true} {
		for _, keep := range []float64{0, 0.5} {
			t.Run(fmt.Sprintf("verify %v, %.0f%% kept", verify, keep*100), func(t *testing.T) {
				dir, cache, path := cachedFolder(t, 24)
				lib, report := store.LoadCached(nil, folderLibrary(dir), fixtureTopics(t), store.CacheOptions{Dir: cache, Verify: verify})
				if report.Reused != lib.Len() || report.Warning != "" {
					t.Fatalf("not read from the cache: %+v", report)
				}
				truncateTo(t, path, keep)
				defer func() {
					p := recover()
					if err, ok := p.(error); !ok || !errors.Is(err, store.ErrDamagedCache) {
						t.Errorf("reading a snapshot cut short gave %v, want ErrDamagedCache", p)
					}
				}()
				libraryAnswers(t, lib)
				t.Error("everything was read from a snapshot cut short")
			})
		}
	}
}

// TestRewriteWithTheSameSizeAndTime: a file given other text of the same
// size, and its old time back (cp -p, rsync -t, tar restoring one), is
// read again: search finds the new words, not the old.
func TestRewriteWithTheSameSizeAndTime(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	rng := rand.New(rand.NewPCG(4, 4))
	for i := range 3 {
		writeArticle(t, dir, fmt.Sprintf("a%d.md", i), rng)
	}
	path := filepath.Join(dir, "b.md")
	old := "---\ntitle: Harbour\n---\nThe trawler left the harbour at dawn.\n"
	now := strings.Replace(old, "trawler", "symphon", 1)
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	os.Chtimes(path, when, when)
	topics := fixtureTopics(t)
	store.LoadCached(nil, folderLibrary(dir), topics, store.CacheOptions{Dir: cache})
	if err := os.WriteFile(path, []byte(now), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(path, when, when)
	lib, _ := store.LoadCached(nil, folderLibrary(dir), topics, store.CacheOptions{Dir: cache})
	if got := searchNames(lib, "trawler"); slices.Contains(got, "b") {
		t.Errorf("the old text is still found: trawler finds %v", got)
	}
	if got := searchNames(lib, "symphon"); !slices.Contains(got, "b") {
		t.Errorf("the new text is not found: symphon finds %v", got)
	}
}

// TestRewriteWithinOneTickOfACoarseClock: on a file system with neither
// change times nor inode numbers (a map here; FAT has no ctime worth the
// name), a file whose time is as late as its listing (written just before,
// or by a clock ahead of this one) is hashed before its time is trusted:
// rewritten within the same tick, same size, same time, it is read again.
func TestRewriteWithinOneTickOfACoarseClock(t *testing.T) {
	when := time.Now().Add(time.Minute).Truncate(time.Second) // FAT's times are whole seconds
	old := "---\ntitle: Harbour\n---\nThe trawler left the harbour at dawn.\n"
	fsys := fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: Lake\n---\nPerch and nets.\n"), ModTime: when.Add(-time.Hour)},
		"b.md": {Data: []byte(old), ModTime: when},
	}
	listing := func() *article.Listing {
		return article.List([]article.Source{{FS: fsys, Label: "notes", Root: "/notes"}})
	}
	topics, cache := fixtureTopics(t), t.TempDir()
	if _, report := store.LoadCached(nil, listing(), topics, store.CacheOptions{Dir: cache}); !report.Saved {
		t.Fatalf("not saved: %s", report.Warning)
	}
	_, report := store.LoadCached(nil, listing(), topics, store.CacheOptions{Dir: cache})
	if report.Indexed != 0 || report.Reused != 2 {
		t.Errorf("unchanged: %d indexed, %d reused", report.Indexed, report.Reused)
	}
	fsys["b.md"] = &fstest.MapFile{Data: []byte(strings.Replace(old, "trawler", "symphon", 1)), ModTime: when}
	lib, report := store.LoadCached(nil, listing(), topics, store.CacheOptions{Dir: cache})
	if report.Indexed != 1 || !slices.Contains(searchNames(lib, "symphon"), "b") || slices.Contains(searchNames(lib, "trawler"), "b") {
		t.Errorf("the rewrite was not seen: %d indexed; symphon finds %v, trawler %v", report.Indexed, searchNames(lib, "symphon"), searchNames(lib, "trawler"))
	}
}
