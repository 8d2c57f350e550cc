package store

import (
	"reflect"
	"testing"
)

// Vectors are built in blocks of articles, in parallel; the blocks must
// not change a single weight or relation.
func TestRelatedVectorsDoNotDependOnBlocks(t *testing.T) {
	tm, err := DefaultTopics()
	if err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary(loadEmbedded(t), tm)
	whole := NewRelated(lib.Index, lib.Topics, lib.Articles)
	for _, block := range []int{1, 2, 3} {
		parts := NewRelated(lib.Index, lib.Topics, lib.Articles)
		parts.block = block
		parts.ready()
		whole.ready()
		if !reflect.DeepEqual(parts.docs, whole.docs) {
			t.Errorf("blocks of %d: vectors differ from one block's", block)
		}
		for d := range lib.Articles {
			if got, want := parts.Articles(d), whole.Articles(d); !reflect.DeepEqual(got, want) {
				t.Errorf("blocks of %d: article %d related %+v, want %+v", block, d+1, got, want)
			}
		}
	}
}
