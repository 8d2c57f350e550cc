package store

import (
	"encoding/binary"
	"runtime/debug"

	"dispatch/store/story"
)

// The sections a snapshot keeps of identities and stories: fixed-size
// little-endian tables, read whole (a few megabytes at 100,000 articles)
// and checked before they are used.
//
//	secIdents:  numbers (u32 × n), dates (i64 × n), newest (u32 × n), by number (u32 × n)
//	secStories: stories (u32), copy firsts (u32 × n), story of each (u32 × n),
//	            the stories' starts (u32 × stories+1), their members (u32 × n)
//	secGrouper: story.Grouper.MarshalBinary, read only to add to it

// encodeIDTables is secIdents' bytes.
func encodeIDTables(t *idTables) []byte {
	le := binary.LittleEndian
	n := len(t.numbers)
	b := make([]byte, 0, 20*n)
	for _, x := range t.numbers {
		b = le.AppendUint32(b, uint32(x))
	}
	for _, x := range t.dates {
		b = le.AppendUint64(b, uint64(x))
	}
	for _, x := range t.newest {
		b = le.AppendUint32(b, uint32(x))
	}
	for _, x := range t.byNumber {
		b = le.AppendUint32(b, uint32(x))
	}
	return b
}

// idTables decodes secIdents and checks it.
func (s *snapshot) idTables() idTables {
	defer faults(debug.SetPanicOnFault(true))
	sec := s.section(secIdents)
	n := s.meta.docs
	if len(sec) != 20*n {
		damaged("identities: %d bytes for %d articles", len(sec), n)
	}
	le := binary.LittleEndian
	t := idTables{numbers: make([]int32, n), dates: make([]int64, n), newest: make([]int32, n), byNumber: make([]int32, n)}
	for d := range n {
		t.numbers[d] = int32(le.Uint32(sec[4*d:]))
		t.dates[d] = int64(le.Uint64(sec[4*n+8*d:]))
		t.newest[d] = int32(le.Uint32(sec[12*n+4*d:]))
		t.byNumber[d] = int32(le.Uint32(sec[16*n+4*d:]))
	}
	if err := t.check(); err != nil {
		damaged("identities: %v", err)
	}
	t.ranks()
	return t
}

// encodeStoryTables is secStories' bytes.
func encodeStoryTables(t *storyTables) []byte {
	le := binary.LittleEndian
	b := le.AppendUint32(nil, uint32(len(t.starts)-1))
	for _, list := range [][]int32{t.copyFirst, t.storyOf, t.starts, t.members} {
		for _, x := range list {
			b = le.AppendUint32(b, uint32(x))
		}
	}
	return b
}

// storyTables decodes secStories and checks it.
func (s *snapshot) storyTables() storyTables {
	defer faults(debug.SetPanicOnFault(true))
	sec := s.section(secStories)
	n := s.meta.docs
	le := binary.LittleEndian
	if len(sec) < 4 {
		damaged("stories")
	}
	stories := uint64(le.Uint32(sec))
	if uint64(len(sec)) != 4+4*(3*uint64(n)+stories+1) {
		damaged("stories: %d bytes for %d articles and %d stories", len(sec), n, stories)
	}
	next := 4
	read := func(k int) []int32 {
		out := make([]int32, k)
		for i := range out {
			out[i] = int32(le.Uint32(sec[next+4*i:]))
		}
		next += 4 * k
		return out
	}
	t := storyTables{copyFirst: read(n), storyOf: read(n), starts: read(int(stories) + 1), members: read(n)}
	if err := t.check(); err != nil {
		damaged("stories: %v", err)
	}
	return t
}

// grouperBytes is secGrouper's bytes, copied out of the mapping.
func (s *snapshot) grouperBytes() []byte {
	defer faults(debug.SetPanicOnFault(true))
	return append([]byte(nil), s.section(secGrouper)...)
}

// grouper is the saved grouping, to add to.
func (s *snapshot) grouper() *story.Grouper {
	g, err := addToGrouping(s.grouperBytes(), nil, nil)
	if err != nil {
		damaged("stories: %v", err)
	}
	return g
}
