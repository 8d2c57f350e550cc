package store

import (
	"encoding/binary"
	"os"
	"strings"
	"testing"

	"dispatch/store/article"
)

// TestAPanicBuildingVectorsLeavesNoRelations injects a panic into the vector
// builders, which run on goroutines of their own: a damaged posting list (an
// article number that wraps to -1) indexes outside the block. The library
// stays usable, without relations, and says why.
func TestAPanicBuildingVectorsLeavesNoRelations(t *testing.T) {
	arts, err := article.ParseFS(os.DirFS("testdata/library"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/topics.yaml")
	if err != nil {
		t.Fatal(err)
	}
	topics, err := LoadTopics("testdata/topics.yaml", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	lib := Load(arts, article.List(nil), topics, nil)
	var damaged []byte
	for _, v := range []uint64{0, 1, 0, 0xffffffff, 1, 0} { // article 0, then article 0-1
		damaged = binary.AppendUvarint(damaged, v)
	}
	mem := lib.Index().r.(*memIndex)
	for id := range mem.postings {
		mem.postings[id].data, mem.postings[id].skips = damaged, nil
	}
	r := newRelated(lib.Index(), lib.Topics(), lib.Coverage(), lib.Len(), lib.Article)
	if err := r.Err(); err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("Err() = %v, want the recovered panic", err)
	}
	for d := range lib.Len() {
		if got := r.Articles(d); len(got) != 0 {
			t.Errorf("article %d has relations %v after the vectors failed", d+1, got)
		}
	}
}
