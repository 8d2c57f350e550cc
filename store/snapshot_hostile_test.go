package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"runtime"
	"testing"

	"dispatch/store/article"
)

// allocatedBy returns the bytes f allocates.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// allocationBound is the most reading a snapshot of n bytes, and answering
// from it, may allocate: what it holds, decoded, many times over, but never
// what a number in it claims.
func allocationBound(n int) uint64 { return 256*uint64(n) + 64<<20 }

// withRecord is snapshot data with record i of offset-table section sec,
// of n records, replaced by rec.
func withRecord(t testing.TB, data []byte, sec, n, i int, rec []byte) []byte {
	t.Helper()
	s, err := readSnapshot(data)
	if err != nil {
		t.Fatal(err)
	}
	secs := s.sections
	secs[sec] = records(n, func(j int, e *enc) {
		if j == i {
			e.b = append(e.b, rec...)
		} else {
			e.b = append(e.b, s.recordOf(sec, j, n)...)
		}
	})
	return assemble(secs)
}

// TestHostileCountsAllocateNothing: a snapshot whose checksums are valid
// but whose numbers claim more than their bytes could hold is damaged,
// found before anything that size is allocated.
func TestHostileCountsAllocateNothing(t *testing.T) {
	good := smallSnapshot(t)
	s, err := readSnapshot(good)
	if err != nil {
		t.Fatal(err)
	}
	huge := binary.AppendUvarint(nil, math.MaxInt32)
	meta := func(change func(m *snapshotMeta)) []byte {
		m := s.meta
		change(&m)
		secs := s.sections
		secs[secMeta] = encodeMeta(m)
		return assemble(secs)
	}
	hugePassages := (&article.Article{Title: "x", PassageCount: math.MaxInt32}).AppendRecord(nil)
	docs := s.meta.docs
	opened := map[string][]byte{ // found on opening
		"files":     assemble(func() [numSections + 1][]byte { x := s.sections; x[secFiles] = huge; return x }()),
		"sources":   assemble(func() [numSections + 1][]byte { x := s.sections; x[secSources] = huge; return x }()),
		"topics":    meta(func(m *snapshotMeta) { m.numTopics = math.MaxInt32 }),
		"articles":  meta(func(m *snapshotMeta) { m.docs = math.MaxInt32 }),
		"keys":      meta(func(m *snapshotMeta) { m.keys = math.MaxInt32 }),
		"spellings": meta(func(m *snapshotMeta) { m.spellings = math.MaxInt32 }),
	}
	for name, data := range opened {
		var err error
		n := allocatedBy(func() {
			var s *snapshot
			if s, err = readSnapshot(data); err == nil {
				err = s.loadFiles() // the file table is read when the files are compared
			}
		})
		if !errors.Is(err, errDamagedSnapshot) {
			t.Errorf("%s: error %v, want damage", name, err)
		}
		if n > 1<<20 {
			t.Errorf("%s: allocated %d bytes for a %d-byte file", name, n, len(data))
		}
	}
	read := map[string]struct { // found when read
		data []byte
		read func(s *snapshot)
	}{
		"fields":     {withRecord(t, good, secFields, docs, 0, huge), func(s *snapshot) { s.fieldsOf(0) }},
		"passages":   {withRecord(t, good, secPassLen, docs, 0, huge), func(s *snapshot) { s.passLenOf(0) }},
		"carried":    {withRecord(t, good, secCoverage, docs, 0, append(make([]byte, 8*s.meta.numTopics), huge...)), func(s *snapshot) { s.coverage(0) }},
		"references": {withRecord(t, good, secDocs, docs, 0, append(make([]byte, 12), huge...)), func(s *snapshot) { s.article(0) }},
		"identities": {assemble(func() [numSections + 1][]byte { x := s.sections; x[secIdents] = huge; return x }()), func(s *snapshot) { s.idTables() }},
		"stories":    {assemble(func() [numSections + 1][]byte { x := s.sections; x[secStories] = huge; return x }()), func(s *snapshot) { s.storyTables() }},
		"grouping":   {assemble(func() [numSections + 1][]byte { x := s.sections; x[secGrouper] = huge; return x }()), func(s *snapshot) { s.grouper() }},
		"passage count": {withRecord(t, good, secDocs, docs, 0, hugePassages), func(s *snapshot) {
			lib := libraryFromSnapshot(s, Inputs{Listing: article.List(nil)}, updatePlan{})
			lib.Related().Passages(0, 0)
		}},
	}
	for name, c := range read {
		s, err := readSnapshot(c.data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n := allocatedBy(func() { err = damageOf(func() { c.read(s) }) })
		if !errors.Is(err, errDamagedSnapshot) {
			t.Errorf("%s: error %v, want damage", name, err)
		}
		if n > 1<<20 {
			t.Errorf("%s: allocated %d bytes for a %d-byte file", name, n, len(c.data))
		}
	}
}

// FuzzSnapshot reads snapshots with valid checksums and anything else
// hostile — counts, lengths, offsets, posting lists — and answers from
// them: the fuzzer's bytes are sealed again (reseal) so that they get past
// the checksums. Reading may find damage (ErrDamagedCache); it must not
// panic otherwise, hang, or allocate more than the file could justify.
//
//	go test ./store -run '^$' -fuzz FuzzSnapshot -fuzztime 60s
func FuzzSnapshot(f *testing.F) {
	good := smallSnapshot(f)
	f.Add(good)
	f.Add(withRecord(f, good, secFields, 2, 1, binary.AppendUvarint(nil, math.MaxInt32)))
	topics, err := LoadTopics("testdata/topics.yaml", mustReadFile(f, "testdata/topics.yaml"), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		data = bytes.Clone(data)
		reseal(data)
		var err error
		n := allocatedBy(func() {
			var s *snapshot
			if s, err = readSnapshot(data); err != nil {
				return
			}
			err = damageFound(func() { answerFrom(s, topics) })
		})
		if err != nil && !errors.Is(err, errDamagedSnapshot) && !errors.Is(err, errVersion) {
			t.Fatalf("error %v, neither damage nor another version", err)
		}
		if n > allocationBound(len(data)) {
			t.Fatalf("allocated %d bytes for a %d-byte file", n, len(data))
		}
	})
}

// answerFrom reads all of s, and answers from it as a library does.
func answerFrom(s *snapshot, topics Topics) {
	if err := s.verifyAll(); err != nil {
		return
	}
	if err := s.loadFiles(); err != nil {
		return
	}
	s.warnedFiles()
	for d := range s.meta.docs {
		s.fileOfDoc(d)
	}
	for id := range int32(s.meta.keys) {
		s.keyAt(id)
		s.variantsOf(s.keyAt(id))
		it := s.list(id).iter()
		var buf []int32
		for it.next() {
			buf = it.positions(buf)
			it.first()
		}
		it = s.list(id).iter()
		it.seek(int32(s.meta.docs / 2))
	}
	for i := range s.meta.spellings {
		s.spellingAt(i)
	}
	lib := libraryFromSnapshot(s, Inputs{Listing: article.List(nil), Topics: topics}, updatePlan{})
	an := lib.Index().Analyzer()
	for _, q := range []string{"perch", "truce lake", `"patrol boats"`, "symph", "harbour -nets", "air-defense"} {
		lib.Index().Search(an.ParseQuery(q), 10, nil)
		lib.Index().Search(lib.Index().Expand(an.ParseTyping(q)), 10, nil)
		lib.Index().Suggest(an.ParseQuery(q + "x"))
	}
	for d := range lib.Len() {
		lib.Article(d)
		lib.Related().Articles(d)
		lib.Related().Passages(d, 0)
		lib.Coverage().Carried(d)
	}
	for t := range topics {
		lib.Coverage().Articles(t)
	}
	lib.List(ListRequest{})
	lib.List(ListRequest{Sort: SortOldest, Copies: true})
	for d := range lib.Len() {
		lib.DocOf(lib.Number(d))
		lib.StoryOf(d)
		lib.CopiesOf(d)
	}
	lib.Stories()
	s.grouper()
}
