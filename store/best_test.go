package store

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// best keeps the same items, in the same order, however they are offered.
func TestBestKeepsTheBestInAnyOrder(t *testing.T) {
	desc := func(a, b int) int { return cmp.Compare(b, a) }
	items := rand.New(rand.NewPCG(1, 2)).Perm(200)
	for _, limit := range []int{0, 1, 7, 200, 500} {
		b := newBest(limit, desc)
		for _, x := range items {
			b.add(x)
		}
		want := slices.Sorted(slices.Values(items))
		slices.Reverse(want)
		if limit > 0 && limit < len(want) {
			want = want[:limit]
		}
		if got := b.sorted(); !slices.Equal(got, want) || b.total != len(items) {
			t.Errorf("limit %d: kept %v (of %d offered), want %v", limit, got, b.total, want)
		}
	}
}
