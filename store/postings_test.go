package store

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestPostingListRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	type entry struct {
		doc int32
		pos []int32
	}
	var want []entry
	var p postingList
	var scratch []byte
	doc := int32(0)
	for range 2000 {
		doc += 1 + int32(rng.IntN(300))
		n := 1 + rng.IntN(200)
		pos := make([]int32, n)
		at := int32(rng.IntN(10))
		for i := range pos {
			at += int32(rng.IntN(1000))
			pos[i] = at
		}
		scratch = p.add(doc, pos, 0, scratch)
		want = append(want, entry{doc, pos})
	}
	it := p.iter()
	var buf []int32
	for i, w := range want {
		if !it.next() || it.doc != w.doc || int(it.count) != len(w.pos) || it.first() != w.pos[0] {
			t.Fatalf("entry %d: doc %d count %d", i, it.doc, it.count)
		}
		if buf = it.positions(buf); !slices.Equal(buf, w.pos) {
			t.Fatalf("entry %d: positions differ", i)
		}
	}
	if it.next() {
		t.Fatal("more entries than added")
	}
	if p.df != int32(len(want)) {
		t.Errorf("df %d", p.df)
	}
	if len(p.skips) != (len(want)-1)/skipEvery {
		t.Errorf("%d skip entries for %d articles", len(p.skips), len(want))
	}
	for _, i := range []int{0, 1, 63, 64, 65, 127, 128, 1999} {
		it := p.iter()
		if !it.seek(want[i].doc) || it.doc != want[i].doc || it.first() != want[i].pos[0] {
			t.Errorf("seek to entry %d: doc %d", i, it.doc)
		}
		if !it.next() && i != len(want)-1 || i != len(want)-1 && it.doc != want[i+1].doc {
			t.Errorf("next after seeking to entry %d: doc %d", i, it.doc)
		}
	}
	it = p.iter()
	if !it.seek(want[1000].doc) || it.doc != want[1000].doc {
		t.Errorf("seek to an article it holds: %d", it.doc)
	}
	if !it.seek(want[1500].doc-1) || it.doc != want[1500].doc {
		t.Errorf("seek between articles: %d", it.doc)
	}
	if it.seek(want[len(want)-1].doc + 1) {
		t.Error("seek past the end")
	}
}
