package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"dispatch/store/article"
	"dispatch/store/ident"
)

// A snapshot is a library's index saved in one file, read back by mapping it
// into memory: opening one reads its small tables and checks them; posting
// lists, article records and passage scores are read, and checked, when
// first used, so a search touches only what it needs.
//
// The file is a header, a table of sections and the sections. Every section
// has a CRC-32C; each posting list has its own, checked the first time it
// is read. Numbers are little-endian. A file is written whole beside the old
// one and renamed over it (see writeSnapshot), so a reader sees one complete
// snapshot or another, never a mixture.
//
// Nothing read from the file is trusted: every count and length is checked
// against the bytes that could hold it before anything is allocated for it,
// and a posting list is checked whole before it is used (checkList). The
// mapping itself can be cut short by another program while it is in use
// (see faults): the mapped bytes never leave this file's methods but
// copied.

// snapshotMagic starts every snapshot file; snapshotVersion changes with
// any change to the layout or to what the index holds (the analysis, the
// derived keys), so an old file is never read as a new one.
const (
	snapshotMagic   = "dispatch index\n\x00"
	snapshotVersion = 6
)

// Sections of a snapshot, by id.
const (
	secMeta        = iota + 1 // counts and fingerprints
	secFiles                  // where each article came from: source, name, size, times, hash
	secDocs                   // article records (see article.Article.AppendRecord), by offset table
	secDocLen                 // words per article
	secFields                 // per article: where its passages start
	secPassLen                // per article: words per passage
	secKeys                   // the keys, sorted, by offset table
	secKeyInfo                // per key: its posting list's place, df, cf, checksum
	secPostings               // the posting lists
	secSkips                  // the lists' skip entries
	secSpellings              // folded spellings with their term ids, sorted
	secVariants               // per key: its other spellings
	secCoverage               // per article: topic weights and the topics carried
	secScores                 // per article: passage scores by topic
	secTermWeights            // per key: related articles' idf, passage idf, word class, stop word; empty if none
	secVectors                // per article: its related-articles vector (term ids and weights)
	secHolders                // per key: the articles whose vector holds it, and its weight there
	secIdents                 // per article: number and list date; the newest-first and by-number orders
	secStories                // per article: its copies' first and its story; the stories' members
	secGrouper                // the stories' grouping (story.Grouper.MarshalBinary), to add to
	secSources                // per source: how far its journal was followed (see listSources)
	numSections    = secSources
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errDamagedSnapshot marks a snapshot that cannot be trusted.
var errDamagedSnapshot = errors.New("damaged")

// keyInfoSize is the bytes of one key's record in secKeyInfo.
const keyInfoSize = 40

// snapshotMeta is what secMeta holds.
type snapshotMeta struct {
	library    string // what the snapshot is of: the sources, see cacheKey
	docs       int
	keys       int
	spellings  int
	totalWords int64
	builtin    int // the first builtin articles are the built-in ones
	created    time.Time
	topics     string // the fingerprint of the topics the coverage is of
	numTopics  int
	journal    string      // the identity journal its numbers are of ("" in memory)
	stamp      ident.Stamp // the journal as it was then
}

// snapshotFile is one file of the library as the snapshot saw it: where
// it is, what it was like, and what came of it.
type snapshotFile struct {
	source  int    // index of its source; -1 for a built-in article
	name    string // path within the source
	size    int64
	modTime int64  // nanoseconds
	change  int64  // status change time (ctime), nanoseconds; 0 where unknown
	inode   uint64 // 0 where unknown
	racy    bool   // its time is too close to when it was listed to tell a change (see racyWindow)
	hash    string
	doc     int               // the article it is; -1 for a file skipped
	warns   []article.Warning // what reading it said
}

// snapshot is an opened snapshot file.
type snapshot struct {
	path     string // where it was opened from; "" for one read from bytes
	mapped   bool   // data is a mapping of the file (see releasePages)
	data     []byte
	sections [numSections + 1][]byte
	meta     snapshotMeta
	files    []snapshotFile // decoded by loadFiles, when a run compares the files
	docLen   []int32
	sources  sourcesTable // secSources

	filesOnce sync.Once
	filesErr  error

	blockState [numSections + 1][]atomic.Uint32 // by block: 0 unchecked, blockGood, blockBad

	keyOffsets []byte // secKeys' offset table
	keyBlob    []byte

	lists     []atomic.Pointer[postingList] // by key id, once read and checked
	lazyCheck [numSections + 1]sync.Once
	lazyErr   [numSections + 1]error
}

// faults ends every method that reads the mapping, which begins
//
//	defer faults(debug.SetPanicOnFault(true))
//
// The mapping is of a file another program can cut short while it is in
// use (`> file`, a cp over it, a cleaner): reading a page past its new end
// raises SIGBUS, which the runtime turns into a panic for this goroutine
// only while told to. faults puts the goroutine's setting back and makes
// any panic damage: a fault, or numbers of a crafted file that no check
// caught (an index out of range). The reader and commands turn damage into
// "rebuild the cache" (see ErrDamagedCache).
func faults(was bool) {
	debug.SetPanicOnFault(was)
	p := recover()
	if p == nil {
		return
	}
	if e, ok := p.(error); ok && errors.Is(e, errDamagedSnapshot) {
		panic(e)
	}
	if f, ok := p.(interface{ Addr() uintptr }); ok {
		panic(fmt.Errorf("the index file changed while in use (fault at %#x): %w", f.Addr(), errDamagedSnapshot))
	}
	panic(fmt.Errorf("%v: %w", p, errDamagedSnapshot))
}

// damaged panics with damage found in part of the snapshot.
func damaged(format string, args ...any) {
	panic(fmt.Errorf(format+": %w", append(args, errDamagedSnapshot)...))
}

// section returns section id's bytes, checking them against their checksum
// on first use; a damaged one panics with errDamagedSnapshot. Only the
// check reads the mapping: the records of a list of 10,000 articles ask
// for their section 10,000 times.
func (s *snapshot) section(id int) []byte {
	s.lazyCheck[id].Do(func() {
		s.lazyErr[id] = damageOf(func() {
			defer faults(debug.SetPanicOnFault(true))
			if crc32.Checksum(s.sections[id], castagnoli) != s.sectionCRC(id) {
				damaged("section %d", id)
			}
		})
	})
	if s.lazyErr[id] != nil {
		panic(s.lazyErr[id])
	}
	return s.sections[id]
}

// sectionCRC is the checksum the table gives section id.
func (s *snapshot) sectionCRC(id int) uint32 {
	off := len(snapshotMagic) + 8 + (id-1)*24
	return binary.LittleEndian.Uint32(s.data[off+20:])
}

// readSnapshot checks a snapshot's header and small tables and returns it
// ready to use. data is the whole file, usually mapped.
func readSnapshot(data []byte) (*snapshot, error) {
	var s *snapshot
	var err error
	if damage := damageOf(func() { s, err = decodeSnapshot(data) }); damage != nil {
		return nil, damage
	}
	return s, err
}

func decodeSnapshot(data []byte) (*snapshot, error) {
	defer faults(debug.SetPanicOnFault(true))
	headerLen := len(snapshotMagic) + 8 + numSections*24 + 4
	if len(data) < headerLen || string(data[:len(snapshotMagic)]) != snapshotMagic {
		return nil, fmt.Errorf("not an index file: %w", errDamagedSnapshot)
	}
	le := binary.LittleEndian
	if v := le.Uint32(data[len(snapshotMagic):]); v != snapshotVersion {
		return nil, fmt.Errorf("index format %d, this dispatch reads %d: %w", v, snapshotVersion, errVersion)
	}
	if n := le.Uint32(data[len(snapshotMagic)+4:]); n != numSections {
		return nil, fmt.Errorf("%d sections: %w", n, errDamagedSnapshot)
	}
	if crc32.Checksum(data[:headerLen-4], castagnoli) != le.Uint32(data[headerLen-4:]) {
		return nil, fmt.Errorf("header: %w", errDamagedSnapshot)
	}
	s := &snapshot{data: data}
	for id := 1; id <= numSections; id++ {
		entry := data[len(snapshotMagic)+8+(id-1)*24:]
		sid, off, n := le.Uint32(entry), le.Uint64(entry[4:]), le.Uint64(entry[12:])
		if int(sid) != id || off > uint64(len(data)) || n > uint64(len(data))-off {
			return nil, fmt.Errorf("section table: %w", errDamagedSnapshot)
		}
		s.sections[id] = data[off : off+n]
	}
	// what every use needs is checked now; the large parts when first used
	// (the file table only when a run compares the files: a warm one that
	// trusts them reads the records of the articles it shows)
	for _, id := range []int{secMeta, secDocLen, secKeys, secKeyInfo, secSpellings, secSources} {
		if crc32.Checksum(s.sections[id], castagnoli) != s.sectionCRC(id) {
			return nil, fmt.Errorf("section %d: %w", id, errDamagedSnapshot)
		}
		s.lazyCheck[id].Do(func() {})
	}
	if err := s.decodeTables(); err != nil {
		return nil, err
	}
	s.lists = make([]atomic.Pointer[postingList], s.meta.keys)
	return s, nil
}

// errVersion marks a snapshot of another format: rebuilt, not an error.
var errVersion = errors.New("another version")

// decodeTables reads the meta, files, lengths and key tables, checking that
// their numbers add up.
func (s *snapshot) decodeTables() error {
	var err error
	if s.meta, err = decodeMeta(s.sections[secMeta]); err != nil {
		return err
	}
	m := s.meta
	if s.sources, err = decodeSources(s.sections[secSources], m.docs, &s.sections); err != nil {
		return err
	}
	for id, sums := range s.sources.blocks {
		s.blockState[id] = make([]atomic.Uint32, len(sums)/4)
	}
	lens := s.sections[secDocLen]
	if len(lens) != 4*m.docs {
		return fmt.Errorf("lengths: %w", errDamagedSnapshot)
	}
	s.docLen = make([]int32, m.docs)
	var total int64
	for i := range s.docLen {
		s.docLen[i] = int32(binary.LittleEndian.Uint32(lens[4*i:]))
		if s.docLen[i] < 0 {
			return fmt.Errorf("lengths: %w", errDamagedSnapshot)
		}
		total += int64(s.docLen[i])
	}
	if total != m.totalWords {
		return fmt.Errorf("lengths: %d words, the meta says %d: %w", total, m.totalWords, errDamagedSnapshot)
	}
	// each article's coverage holds a weight per topic
	if uint64(m.numTopics)*8*uint64(m.docs) > uint64(len(s.sections[secCoverage])) {
		return fmt.Errorf("coverage: %d topics: %w", m.numTopics, errDamagedSnapshot)
	}
	keys := s.sections[secKeys]
	if uint64(len(keys)) < 4*(uint64(m.keys)+1) || uint64(len(s.sections[secKeyInfo])) != keyInfoSize*uint64(m.keys) ||
		uint64(len(s.sections[secSpellings])) < 8*uint64(m.spellings) {
		return fmt.Errorf("key tables: %w", errDamagedSnapshot)
	}
	s.keyOffsets, s.keyBlob = keys[:4*(m.keys+1)], keys[4*(m.keys+1):]
	for i := range m.keys + 1 {
		if off := binary.LittleEndian.Uint32(s.keyOffsets[4*i:]); int(off) > len(s.keyBlob) || i > 0 && off < binary.LittleEndian.Uint32(s.keyOffsets[4*i-4:]) {
			return fmt.Errorf("key table: %w", errDamagedSnapshot)
		}
	}
	return nil
}

// encodeMeta is secMeta's bytes.
func encodeMeta(m snapshotMeta) []byte {
	var e enc
	e.str(m.library)
	e.int(m.docs)
	e.int(m.keys)
	e.int(m.spellings)
	e.uint(uint64(m.totalWords))
	e.int(m.builtin)
	e.uint(uint64(m.created.UnixNano()))
	e.str(m.topics)
	e.int(m.numTopics)
	e.str(m.journal)
	e.uint(uint64(m.stamp.Size))
	e.uint(uint64(m.stamp.ModTime))
	e.uint(m.stamp.Inode)
	return e.b
}

// decodeMeta reads secMeta.
func decodeMeta(b []byte) (m snapshotMeta, err error) {
	err = damageOf(func() {
		r := reader{b: b}
		m = snapshotMeta{library: r.str(), docs: r.int(), keys: r.int(), spellings: r.int(), totalWords: int64(r.uint()),
			builtin: r.int(), created: time.Unix(0, int64(r.uint())), topics: r.str(), numTopics: r.int(), journal: r.str()}
		m.stamp = ident.Stamp{Size: int64(r.uint()), ModTime: int64(r.uint()), Inode: r.uint()}
		r.end()
	})
	if err != nil {
		return m, fmt.Errorf("meta: %w", err)
	}
	return m, nil
}

// fileBytes is the fewest bytes a file's entry in secFiles takes.
const fileBytes = 10

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// encodeFiles is secFiles' bytes, and where each file's entry starts in
// them.
func encodeFiles(files []snapshotFile) ([]byte, []uint32) {
	var e enc
	e.int(len(files))
	at := make([]uint32, len(files))
	for i, f := range files {
		at[i] = uint32(len(e.b))
		e.int(f.source + 1)
		e.str(f.name)
		e.uint(uint64(f.size))
		e.uint(uint64(f.modTime))
		e.uint(uint64(f.change))
		e.uint(f.inode)
		e.uint(boolBit(f.racy))
		e.str(f.hash)
		e.int(f.doc + 1)
		e.int(len(f.warns))
		for _, w := range f.warns {
			e.str(w.Path)
			e.str(w.Msg)
			e.uint(boolBit(w.Skipped))
		}
	}
	return e.b, at
}

// readFile reads file entry i of a snapshot of docs articles.
func readFile(r *reader, i, docs int) snapshotFile {
	f := snapshotFile{source: r.int() - 1, name: r.str(), size: int64(r.uint()), modTime: int64(r.uint()),
		change: int64(r.uint()), inode: r.uint(), racy: r.uint() == 1, hash: r.str(), doc: r.int() - 1}
	n := r.count(3) // a path, a message, skipped or not
	for range n {
		w := article.Warning{Path: r.str(), Msg: r.str()}
		w.Skipped = r.uint() == 1
		f.warns = append(f.warns, w)
	}
	if f.doc >= docs || f.source < -1 {
		damaged("file %d: article %d of %d", i, f.doc, docs)
	}
	return f
}

// loadFiles decodes the file table, once, for a run that compares the
// files with it.
func (s *snapshot) loadFiles() error {
	s.filesOnce.Do(func() {
		s.filesErr = damageOf(func() {
			defer faults(debug.SetPanicOnFault(true))
			var err error
			if s.files, err = decodeFiles(s.section(secFiles), s.meta.docs); err != nil {
				panic(err)
			}
		})
	})
	return s.filesErr
}

// decodeFiles reads secFiles, of a snapshot of docs articles.
func decodeFiles(b []byte, docs int) (files []snapshotFile, err error) {
	err = damageOf(func() {
		r := reader{b: b}
		files = make([]snapshotFile, r.count(fileBytes))
		for i := range files {
			files[i] = readFile(&r, i, docs)
		}
		r.end()
	})
	if err != nil {
		return nil, fmt.Errorf("file table: %w", err)
	}
	return files, nil
}
