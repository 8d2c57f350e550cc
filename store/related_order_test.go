package store

import (
	"slices"
	"testing"
)

// keysReader is an index of keys only, numbered in the order given: not
// sorted, as an index of several segments could number them.
type keysReader struct {
	indexReader // nothing else is asked of it
	keys        []string
}

func (k keysReader) keyAt(id int32) string { return k.keys[id] }

func (k keysReader) termID(key string) (int32, bool) {
	i := slices.Index(k.keys, key)
	return int32(i), i >= 0
}

func (k keysReader) termStats(int32) (int32, int64) { return 1, 1 }
func (k keysReader) variantsOf(string) []string     { return nil }

// Shared terms that weigh the same are listed by the terms themselves,
// whatever ids the index gives them: goldens and what people read must not
// change when an index numbers its keys another way.
func TestSharedTermsThatTieAreInTermOrder(t *testing.T) {
	r := &Related{ix: &Index{r: keysReader{keys: []string{"zebra", "apple", "mango"}}}}
	v := vector{ids: []int32{0, 1, 2}, w: []float32{0.5, 0.5, 0.5}}
	if got, want := r.sharedTerms(v, v), []string{"apple", "mango", "zebra"}; !slices.Equal(got, want) {
		t.Errorf("shared terms %v, want %v", got, want)
	}
}
