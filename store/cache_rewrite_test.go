package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dispatch/store/article"
)

// TestSavingAgainKeepsNoListInMemory: when many files are touched (their
// times changed, not their text), the library is read from the snapshot
// and saved again with the new times; saving walks every posting list of
// the snapshot once, without copying them all out of it (at 100,000
// articles half a gigabyte).
func TestSavingAgainKeepsNoListInMemory(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	for i := range touchedRewrite + 6 {
		text := fmt.Sprintf("---\ntitle: Report %d\n---\nThe truce on the lake held for %d days; perch and nets.\n", i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%03d.md", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	listing := func() *article.Listing {
		return article.List([]article.Source{{FS: os.DirFS(dir), Label: "notes", Root: dir}})
	}
	topics, err := LoadTopics("testdata/topics.yaml", mustReadFile(t, "testdata/topics.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, report := LoadCached(nil, listing(), topics, CacheOptions{Dir: cache}); !report.Saved {
		t.Fatalf("not saved: %s", report.Warning)
	}
	later := time.Now().Add(-time.Hour)
	names, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, name := range names {
		os.Chtimes(name, later, later)
	}
	lib, report := LoadCached(nil, listing(), topics, CacheOptions{Dir: cache})
	if !report.Saved || report.Indexed != 0 || report.Reused != len(names) {
		t.Fatalf("touched: %+v", report)
	}
	s, ok := lib.index.r.(*snapshot)
	if !ok {
		t.Fatal("the library is not read from the snapshot")
	}
	for id := range s.lists {
		if s.lists[id].Load() != nil {
			t.Fatalf("saving kept posting list %d (%q) in memory", id, s.keyAt(int32(id)))
		}
	}
}
