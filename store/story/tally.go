package story

// tally counts a document's terms: an open-addressing table of hashes
// tagged with their kind, emptied through its list of used slots. It does
// for every word of every document what a map would, at a fraction of the
// cost.
type tally struct {
	keys []uint64 // kind in the top two bits, hash below; 0 is an empty slot
	n    []int32
	used []int32 // slots in use, in the order they were taken
}

// add counts w occurrences of the term of kind and hash.
func (t *tally) add(kind termKind, hash uint64, w int) {
	key := uint64(kind)<<62 | hash&(1<<62-1)
	if key == 0 {
		key = 1
	}
	if 2*(len(t.used)+1) > len(t.keys) {
		t.grow()
	}
	mask := len(t.keys) - 1
	for i := int((key*0x9e3779b97f4a7c15)>>32) & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key:
			t.n[i] += int32(w)
			return
		case 0:
			t.keys[i], t.n[i] = key, int32(w)
			t.used = append(t.used, int32(i))
			return
		}
	}
}

func (t *tally) grow() {
	keys, n, used := t.keys, t.n, t.used
	size := max(1024, 2*len(keys))
	t.keys, t.n, t.used = make([]uint64, size), make([]int32, size), make([]int32, 0, size/2)
	for _, i := range used {
		k := keys[i]
		t.add(termKind(k>>62), k, int(n[i]))
	}
}

// reset empties the tally, keeping its memory.
func (t *tally) reset() {
	for _, i := range t.used {
		t.keys[i] = 0
	}
	t.used = t.used[:0]
}
