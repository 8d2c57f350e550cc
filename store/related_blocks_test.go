package store

import (
	"os"
	"reflect"
	"testing"

	"dispatch/store/article"
)

// Vectors are built in blocks of articles, in parallel; the blocks must
// not change a single weight or relation.
func TestRelatedVectorsDoNotDependOnBlocks(t *testing.T) {
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
	whole := newRelated(lib.Index(), lib.Topics(), lib.Coverage(), lib.Len(), lib.Article)
	whole.ready()
	for _, block := range []int{1, 2, 3} {
		parts := newRelated(lib.Index(), lib.Topics(), lib.Coverage(), lib.Len(), lib.Article)
		parts.block = block
		parts.ready()
		if !reflect.DeepEqual(parts.docs, whole.docs) {
			t.Errorf("blocks of %d: vectors differ from one block's", block)
		}
		for d := range lib.Len() {
			if got, want := parts.Articles(d), whole.Articles(d); !reflect.DeepEqual(got, want) {
				t.Errorf("blocks of %d: article %d related %+v, want %+v", block, d+1, got, want)
			}
		}
	}
}
