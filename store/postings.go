package store

import (
	"encoding/binary"
	"sort"
)

// postingList is one term's postings, compressed. For each article holding
// the term, in ascending order, it stores as varints: the gap from the
// previous article, the number of occurrences, the byte length of their
// positions, and the positions as gaps. The length lets a reader skip
// positions it does not need.
type postingList struct {
	df      int32 // articles holding the term
	cf      int64 // occurrences in all articles
	lastDoc int32 // the last article added, while building
	data    []byte
	skips   []skip // every skipEvery articles: where they start, for seek
}

// skip lets seek jump close to an article instead of decoding every one
// before it: a common term's list holds most of the library.
type skip struct {
	doc  int32 // the article just before off (its gap is relative to it)
	off  int32 // where the next article starts in data
	seen bool
}

// skipEvery is how many articles apart skip entries are.
const skipEvery = 64

// Flags of a term in one article, kept with its count.
const (
	// nameFlag: written capitalised inside sentences at least twice as
	// often as in lower case there: a name in this article.
	nameFlag = 1 << iota
	// partFlag: met mostly as a part of a hyphenated compound ("style" of
	// "Israel-style").
	partFlag
	flagBits = 2
)

// add appends article doc (greater than any added before) with the
// ascending positions of the term in it and its flags there. scratch is
// reused to encode the positions; the grown buffer is returned for the
// next call.
func (p *postingList) add(doc int32, positions []int32, flags uint8, scratch []byte) []byte {
	gap := doc
	if p.df > 0 {
		gap = doc - p.lastDoc
	}
	scratch = scratch[:0]
	prev := int32(0)
	for _, pos := range positions {
		scratch = binary.AppendUvarint(scratch, uint64(pos-prev))
		prev = pos
	}
	if p.df > 0 && p.df%skipEvery == 0 {
		p.skips = append(p.skips, skip{doc: p.lastDoc, off: int32(len(p.data)), seen: true})
	}
	p.data = binary.AppendUvarint(p.data, uint64(gap))
	p.data = binary.AppendUvarint(p.data, uint64(len(positions))<<flagBits|uint64(flags))
	p.data = binary.AppendUvarint(p.data, uint64(len(scratch)))
	p.data = append(p.data, scratch...)
	p.df++
	p.cf += int64(len(positions))
	p.lastDoc = doc
	return scratch
}

// trim drops the spare capacity building left (appends double it), by
// copying: the oversized array becomes garbage.
func (p *postingList) trim() {
	if cap(p.data) > len(p.data) {
		p.data = append([]byte(nil), p.data...)
	}
	if cap(p.skips) > len(p.skips) {
		p.skips = append([]skip(nil), p.skips...)
	}
}

// postingIter walks a posting list, one article at a time.
type postingIter struct {
	data   []byte
	skips  []skip
	off    int
	doc    int32
	count  int32
	flags  uint8 // see nameFlag
	posOff int   // where the current article's positions start in data
	posEnd int
	seen   bool
}

func (p *postingList) iter() postingIter { return postingIter{data: p.data, skips: p.skips} }

// flagged counts the articles in which the term has nameFlag and partFlag.
func (p *postingList) flagged() (names, parts int32) {
	it := p.iter()
	for it.next() {
		if it.flags&nameFlag != 0 {
			names++
		}
		if it.flags&partFlag != 0 {
			parts++
		}
	}
	return names, parts
}

// next moves to the next article; false at the end.
func (it *postingIter) next() bool {
	if it.off >= len(it.data) {
		return false
	}
	gap, n := binary.Uvarint(it.data[it.off:])
	it.off += n
	count, n := binary.Uvarint(it.data[it.off:])
	it.off += n
	size, n := binary.Uvarint(it.data[it.off:])
	it.off += n
	if it.seen {
		it.doc += int32(gap)
	} else {
		it.doc, it.seen = int32(gap), true
	}
	it.count, it.flags = int32(count>>flagBits), uint8(count&(1<<flagBits-1))
	it.posOff, it.posEnd = it.off, it.off+int(size)
	it.off = it.posEnd
	return true
}

// seek moves to the first article at or after doc; false at the end.
func (it *postingIter) seek(doc int32) bool {
	if it.seen && it.doc >= doc {
		return true
	}
	// jump to the last skip entry before doc, if it is ahead of us
	if i := sort.Search(len(it.skips), func(i int) bool { return it.skips[i].doc >= doc }) - 1; i >= 0 && int(it.skips[i].off) > it.off {
		s := it.skips[i]
		it.off, it.doc, it.seen = int(s.off), s.doc, s.seen
	}
	for it.next() {
		if it.doc >= doc {
			return true
		}
	}
	return false
}

// positions decodes the current article's positions into buf. It never
// reads past them: a list read from a file is checked entry by entry (see
// checkList) but its positions only as bytes.
func (it *postingIter) positions(buf []int32) []int32 {
	buf = buf[:0]
	prev := int32(0)
	for off := it.posOff; off < it.posEnd; {
		v, n := binary.Uvarint(it.data[off:it.posEnd])
		if n <= 0 {
			break
		}
		off += n
		prev += int32(v)
		buf = append(buf, prev)
	}
	return buf
}

// first is the current article's first position.
func (it *postingIter) first() int32 {
	v, _ := binary.Uvarint(it.data[it.posOff:])
	return int32(v)
}

// addEncoded appends article doc with its count, flags and positions as
// another list encoded them: merging lists copies positions untouched.
func (p *postingList) addEncoded(doc, count int32, flags uint8, positions []byte) {
	gap := doc
	if p.df > 0 {
		gap = doc - p.lastDoc
	}
	if p.df > 0 && p.df%skipEvery == 0 {
		p.skips = append(p.skips, skip{doc: p.lastDoc, off: int32(len(p.data)), seen: true})
	}
	p.data = binary.AppendUvarint(p.data, uint64(gap))
	p.data = binary.AppendUvarint(p.data, uint64(count)<<flagBits|uint64(flags))
	p.data = binary.AppendUvarint(p.data, uint64(len(positions)))
	p.data = append(p.data, positions...)
	p.df++
	p.cf += int64(count)
	p.lastDoc = doc
}
