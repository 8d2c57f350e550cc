package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"runtime/debug"
	"sort"
)

// A snapshot is an indexReader: keys by binary search in the sorted key
// table, posting lists copied out of the mapping and checked when first
// read, and the rest decoded when asked for.

func (s *snapshot) numKeys() int      { return s.meta.keys }
func (s *snapshot) numSpellings() int { return s.meta.spellings }
func (s *snapshot) docLens() []int32  { return s.docLen }
func (s *snapshot) totalWords() int   { return int(s.meta.totalWords) }

// keyAt is key id.
func (s *snapshot) keyAt(id int32) string {
	defer faults(debug.SetPanicOnFault(true))
	return string(s.keyBytes(int(id)))
}

// keyBytes is key id without copying, for methods that read the mapping.
func (s *snapshot) keyBytes(id int) []byte {
	le := binary.LittleEndian
	return s.keyBlob[le.Uint32(s.keyOffsets[4*id:]):le.Uint32(s.keyOffsets[4*id+4:])]
}

// termID returns the id of key, by binary search.
func (s *snapshot) termID(key string) (int32, bool) {
	defer faults(debug.SetPanicOnFault(true))
	i := sort.Search(s.meta.keys, func(i int) bool { return string(s.keyBytes(i)) >= key })
	if i < s.meta.keys && string(s.keyBytes(i)) == key {
		return int32(i), true
	}
	return 0, false
}

// keyInfo is what secKeyInfo says of key id's posting list.
type keyInfo struct {
	off, n        uint64 // in secPostings
	skipOff, skip uint64 // in secSkips: offset, entries
	df            uint32
	cf            uint64
	crc           uint32
}

func (s *snapshot) keyInfo(id int32) keyInfo {
	le := binary.LittleEndian
	b := s.sections[secKeyInfo][keyInfoSize*int(id):]
	return keyInfo{off: le.Uint64(b), n: uint64(le.Uint32(b[8:])), skipOff: uint64(le.Uint32(b[12:])), skip: uint64(le.Uint32(b[16:])),
		df: le.Uint32(b[20:]), cf: le.Uint64(b[24:]), crc: le.Uint32(b[32:])}
}

// termStats is key id's document and collection frequency.
func (s *snapshot) termStats(id int32) (int32, int64) {
	defer faults(debug.SetPanicOnFault(true))
	k := s.keyInfo(id)
	if k.df == 0 || k.df > uint32(s.meta.docs) || k.cf < uint64(k.df) || k.cf > 1<<62 {
		damaged("posting list %d: %d articles, %d occurrences", id, k.df, k.cf)
	}
	return int32(k.df), int64(k.cf)
}

// rawList is key id's posting list as the mapping holds it, checked
// against its checksum only: for methods that read the mapping and keep
// nothing of it.
func (s *snapshot) rawList(id int32) (data, skips []byte) {
	k := s.keyInfo(id)
	postings, sk := s.sections[secPostings], s.sections[secSkips]
	if k.off > uint64(len(postings)) || k.n > uint64(len(postings))-k.off || k.skipOff > uint64(len(sk)) || k.skip*12 > uint64(len(sk))-k.skipOff {
		damaged("posting list %d", id)
	}
	data, skips = postings[k.off:k.off+k.n], sk[k.skipOff:k.skipOff+k.skip*12]
	if crc32.Update(crc32.Checksum(data, castagnoli), castagnoli, skips) != k.crc {
		damaged("posting list %d", id)
	}
	return data, skips
}

// list returns key id's posting list: copied out of the mapping, checked,
// and kept, the first time.
func (s *snapshot) list(id int32) *postingList {
	if p := s.lists[id].Load(); p != nil {
		return p
	}
	p := s.readList(id, true)
	s.lists[id].Store(p)
	return p
}

// readList reads key id's posting list and checks it whole (see
// checkList); its bytes are the mapping's unless copy is set.
func (s *snapshot) readList(id int32, copied bool) *postingList {
	defer faults(debug.SetPanicOnFault(true))
	df, cf := s.termStats(id)
	data, sk := s.rawList(id)
	if copied {
		data = bytes.Clone(data)
	}
	p := &postingList{df: df, cf: cf, lastDoc: -1, data: data[:len(data):len(data)], skips: make([]skip, len(sk)/12)}
	le := binary.LittleEndian
	for i := range p.skips {
		e := sk[12*i:]
		p.skips[i] = skip{doc: int32(le.Uint32(e)), off: int32(le.Uint32(e[4:])), seen: e[8] != 0}
	}
	if err := checkList(p, int32(s.meta.docs)); err != nil {
		damaged("posting list %d: %v", id, err)
	}
	return p
}

// withList calls f with key id's posting list as the mapping holds it,
// checked but neither copied nor kept: for walking every list once (a
// merge) without copying them all. f must keep nothing of it.
func (s *snapshot) withList(id int32, f func(p *postingList)) {
	defer faults(debug.SetPanicOnFault(true))
	f(s.readList(id, false))
}

// checkList checks what a posting list read from a file says: its entries
// whole, each within the list, its articles ascending and below docs, each
// with at least one occurrence and no more than its positions' bytes could
// hold, the articles and occurrences adding up to df and cf, and every skip
// entry where adding the list put it. The positions are not decoded:
// reading them never goes past their entry (see postingIter.positions).
func checkList(p *postingList, docs int32) error {
	data := p.data
	var df int32
	var cf int64
	prev := int32(-1)
	for off := 0; off < len(data); df++ {
		if df > 0 && df%skipEvery == 0 {
			k := int(df/skipEvery) - 1
			if k >= len(p.skips) || p.skips[k] != (skip{doc: prev, off: int32(off), seen: true}) {
				return fmt.Errorf("skip entry %d", k)
			}
		}
		var v [3]uint64
		for i := range v {
			x, n := binary.Uvarint(data[off:])
			if n <= 0 {
				return fmt.Errorf("entry %d: a bad number at byte %d", df, off)
			}
			v[i], off = x, off+n
		}
		gap, count, size := v[0], v[1]>>flagBits, v[2]
		doc := gap
		if df > 0 {
			if gap == 0 {
				return fmt.Errorf("entry %d: article %d again", df, prev)
			}
			doc += uint64(prev)
		}
		switch {
		case doc >= uint64(docs):
			return fmt.Errorf("entry %d: article %d of %d", df, doc, docs)
		case size > uint64(len(data)-off):
			return fmt.Errorf("entry %d: %d bytes of positions, %d left", df, size, len(data)-off)
		case count == 0 || count > size:
			return fmt.Errorf("entry %d: %d occurrences in %d bytes", df, count, size)
		}
		prev, cf, off = int32(doc), cf+int64(count), off+int(size)
	}
	if df != p.df || cf != p.cf {
		return fmt.Errorf("%d articles and %d occurrences, said to be %d and %d", df, cf, p.df, p.cf)
	}
	if want := max(int(df)-1, 0) / skipEvery; len(p.skips) != want {
		return fmt.Errorf("%d skip entries for %d articles", len(p.skips), df)
	}
	return nil
}

// fieldsOf are article d's fields.
func (s *snapshot) fieldsOf(d int) []field {
	defer faults(debug.SetPanicOnFault(true))
	r := reader{b: s.record(secFields, d)}
	out := make([]field, r.count(2))
	for i := range out {
		out[i] = field{start: int32(r.int()), passage: int32(r.int() - 1)}
	}
	r.end()
	return out
}

// passLenOf are article d's words per passage.
func (s *snapshot) passLenOf(d int) []int32 {
	defer faults(debug.SetPanicOnFault(true))
	r := reader{b: s.record(secPassLen, d)}
	out := make([]int32, r.count(1))
	for i := range out {
		out[i] = int32(r.int())
	}
	r.end()
	return out
}

// spellingAt is spelling i of the sorted table.
func (s *snapshot) spellingAt(i int) spelling {
	defer faults(debug.SetPanicOnFault(true))
	le := binary.LittleEndian
	tab := s.sections[secSpellings]
	e := tab[8*i:]
	blob := tab[8*s.meta.spellings:]
	off := le.Uint32(e)
	end := uint32(len(blob))
	if i+1 < s.meta.spellings {
		end = le.Uint32(tab[8*(i+1):])
	}
	if off > end || end > uint32(len(blob)) {
		damaged("spelling %d", i)
	}
	id := le.Uint32(e[4:])
	if id >= uint32(s.meta.keys) {
		damaged("spelling %d: term %d", i, id)
	}
	return spelling{word: string(blob[off:end]), term: string(s.keyBytes(int(id)))}
}

// variantsOf are term's other spellings.
func (s *snapshot) variantsOf(term string) []string {
	id, ok := s.termID(term)
	if !ok {
		return nil
	}
	defer faults(debug.SetPanicOnFault(true))
	r := reader{b: s.recordOf(secVariants, int(id), s.meta.keys)}
	var out []string
	for !r.done() {
		out = append(out, r.str())
	}
	return out
}
