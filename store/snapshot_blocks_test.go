package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"dispatch/internal/benchcorpus"
	"dispatch/store/article"
)

// TestARecordChecksItsBlocksOnly: reading a record of a large section
// checks the blocks that hold it, not the section: a byte flipped in the
// section's last block leaves the first article readable and makes the
// last one damage, found when read (verifyAll finds it too).
func TestARecordChecksItsBlocksOnly(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	if _, err := benchcorpus.WriteDir(dir, 5, 600); err != nil {
		t.Fatal(err)
	}
	topics, err := DefaultTopics()
	if err != nil {
		t.Fatal(err)
	}
	l := article.List([]article.Source{{FS: os.DirFS(dir), Label: "c", Root: dir}})
	if _, report := LoadCached(nil, l, topics, CacheOptions{Dir: cache}); !report.Saved {
		t.Fatal(report.Warning)
	}
	path, _ := filepath.Glob(filepath.Join(cache, "library-*.idx"))
	data, err := os.ReadFile(path[0])
	if err != nil {
		t.Fatal(err)
	}
	s, err := readSnapshot(data)
	if err != nil {
		t.Fatal(err)
	}
	docs := s.sections[secDocs]
	if len(docs) <= 2*blockSize || s.sources.blocks[secDocs] == nil {
		t.Fatalf("the records section is %d bytes, block sums %v: the test needs several blocks", len(docs), s.sources.blocks[secDocs] != nil)
	}
	docs[len(docs)-1] ^= 0x5a // the last record's last byte, in the last block: the mapping is a copy
	s, err = readSnapshot(data)
	if err != nil {
		t.Fatalf("opening checks the records section whole: %v", err)
	}
	if err := damageFound(func() { s.article(0) }); err != nil {
		t.Fatalf("the first article, in an unharmed block: %v", err)
	}
	last := s.meta.docs - 1
	for range 2 { // found, and found again
		if err := damageFound(func() { s.article(last) }); !errors.Is(err, errDamagedSnapshot) {
			t.Fatalf("the last article, in the flipped block: %v, want damage", err)
		}
	}
	if err := s.verifyAll(); !errors.Is(err, errDamagedSnapshot) {
		t.Fatalf("verifyAll: %v, want damage", err)
	}
}
