package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"dispatch/store/article"
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

// snapshotMagic starts every snapshot file; snapshotVersion changes with
// any change to the layout or to what the index holds (the analysis, the
// derived keys), so an old file is never read as a new one.
const (
	snapshotMagic   = "dispatch index\n\x00"
	snapshotVersion = 4
)

// Sections of a snapshot, by id.
const (
	secMeta        = iota + 1 // counts and fingerprints
	secFiles                  // where each article came from: source, name, size, time, hash
	secDocs                   // article metadata, by offset table
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
	numSections    = secHolders
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
	slugs      []article.Warning // slugs renamed when it was built
}

// snapshotFile is one file of the library as the snapshot saw it: where
// it is, what it was like, and what came of it.
type snapshotFile struct {
	source  int    // index of its source; -1 for a built-in article
	name    string // path within the source
	size    int64
	modTime int64 // nanoseconds
	hash    string
	doc     int               // the article it is; -1 for a file skipped
	warns   []article.Warning // what reading it said
}

// snapshot is an opened snapshot file.
type snapshot struct {
	data     []byte
	sections [numSections + 1][]byte
	meta     snapshotMeta
	files    []snapshotFile
	docLen   []int32

	keyOffsets []byte // secKeys' offset table
	keyBlob    []byte

	lists     []atomic.Pointer[postingList] // by key id, once read and checked
	lazyCheck [numSections + 1]sync.Once
	lazyErr   [numSections + 1]error
}

// section returns section id's bytes, checking them against their checksum
// on first use; a damaged one panics with errDamagedSnapshot, which the
// reader and commands turn into "rebuild the cache" (see Library.Damaged).
func (s *snapshot) section(id int) []byte {
	s.lazyCheck[id].Do(func() {
		if crc32.Checksum(s.sections[id], castagnoli) != s.sectionCRC(id) {
			s.lazyErr[id] = fmt.Errorf("section %d: %w", id, errDamagedSnapshot)
		}
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
	for _, id := range []int{secMeta, secFiles, secDocLen, secKeys, secKeyInfo, secSpellings, secCoverage} {
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

// decodeTables reads the meta, files, lengths and key tables.
func (s *snapshot) decodeTables() (err error) {
	defer func() {
		// a table whose numbers do not add up reads past its end
		if p := recover(); p != nil {
			err = fmt.Errorf("tables: %v: %w", p, errDamagedSnapshot)
		}
	}()
	r := reader{b: s.sections[secMeta]}
	s.meta = snapshotMeta{library: r.str(), docs: r.int(), keys: r.int(), spellings: r.int(), totalWords: int64(r.uint()),
		builtin: r.int(), created: time.Unix(0, int64(r.uint())), topics: r.str(), numTopics: r.int()}
	for range r.int() {
		s.meta.slugs = append(s.meta.slugs, article.Warning{Path: r.str(), Msg: r.str()})
	}
	m := s.meta
	r = reader{b: s.sections[secFiles]}
	s.files = make([]snapshotFile, r.int())
	for i := range s.files {
		f := snapshotFile{source: r.int() - 1, name: r.str(), size: int64(r.uint()), modTime: int64(r.uint()), hash: r.str(), doc: r.int() - 1}
		for range r.int() {
			w := article.Warning{Path: r.str(), Msg: r.str()}
			w.Skipped = r.uint() == 1
			f.warns = append(f.warns, w)
		}
		if f.doc >= m.docs {
			return fmt.Errorf("file table: %w", errDamagedSnapshot)
		}
		s.files[i] = f
	}
	lens := s.sections[secDocLen]
	if len(lens) != 4*m.docs {
		return fmt.Errorf("lengths: %w", errDamagedSnapshot)
	}
	s.docLen = make([]int32, m.docs)
	for i := range s.docLen {
		s.docLen[i] = int32(binary.LittleEndian.Uint32(lens[4*i:]))
	}
	keys := s.sections[secKeys]
	if len(keys) < 4*(m.keys+1) || len(s.sections[secKeyInfo]) != keyInfoSize*m.keys ||
		len(s.sections[secSpellings]) < 8*m.spellings {
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

func (s *snapshot) numKeys() int      { return s.meta.keys }
func (s *snapshot) numSpellings() int { return s.meta.spellings }

// key is key id.
func (s *snapshot) key(id int32) string {
	le := binary.LittleEndian
	return string(s.keyBlob[le.Uint32(s.keyOffsets[4*id:]):le.Uint32(s.keyOffsets[4*id+4:])])
}

// keyBytes is key id without copying.
func (s *snapshot) keyBytes(id int) []byte {
	le := binary.LittleEndian
	return s.keyBlob[le.Uint32(s.keyOffsets[4*id:]):le.Uint32(s.keyOffsets[4*id+4:])]
}

// find returns the id of key, by binary search.
func (s *snapshot) find(key string) (int32, bool) {
	i := sort.Search(s.meta.keys, func(i int) bool { return string(s.keyBytes(i)) >= key })
	if i < s.meta.keys && string(s.keyBytes(i)) == key {
		return int32(i), true
	}
	return 0, false
}

// list returns key id's posting list, pointing into the file; it is
// checked the first time.
func (s *snapshot) list(id int32) *postingList {
	if p := s.lists[id].Load(); p != nil {
		return p
	}
	le := binary.LittleEndian
	info := s.sections[secKeyInfo][keyInfoSize*int(id):]
	off, n := le.Uint64(info), uint64(le.Uint32(info[8:]))
	skipOff, nSkips := uint64(le.Uint32(info[12:])), uint64(le.Uint32(info[16:]))
	df, cf, crc := le.Uint32(info[20:]), le.Uint64(info[24:]), le.Uint32(info[32:])
	postings, skips := s.sections[secPostings], s.sections[secSkips]
	if off > uint64(len(postings)) || n > uint64(len(postings))-off || skipOff > uint64(len(skips)) || nSkips*12 > uint64(len(skips))-skipOff {
		panic(fmt.Errorf("posting list %d: %w", id, errDamagedSnapshot))
	}
	data := postings[off : off+n]
	sk := skips[skipOff : skipOff+nSkips*12]
	c := crc32.Checksum(data, castagnoli)
	if crc32.Update(c, castagnoli, sk) != crc {
		panic(fmt.Errorf("posting list %d: %w", id, errDamagedSnapshot))
	}
	p := &postingList{df: int32(df), cf: int64(cf), data: data[:n:n], skips: make([]skip, nSkips)}
	for i := range p.skips {
		e := sk[12*i:]
		p.skips[i] = skip{doc: int32(le.Uint32(e)), off: int32(le.Uint32(e[4:])), seen: e[8] != 0}
	}
	p.lastDoc = -1
	s.lists[id].Store(p)
	return p
}

// spelling is spelling i of the sorted table.
func (s *snapshot) spelling(i int) spelling {
	le := binary.LittleEndian
	tab := s.sections[secSpellings]
	e := tab[8*i:]
	blob := tab[8*s.meta.spellings:]
	off := le.Uint32(e)
	end := uint32(len(blob))
	if i+1 < s.meta.spellings {
		end = le.Uint32(tab[8*(i+1):])
	}
	return spelling{word: string(blob[off:end]), term: s.key(int32(le.Uint32(e[4:])))}
}

// variants are term's other spellings.
func (s *snapshot) variants(term string) []string {
	id, ok := s.find(term)
	if !ok {
		return nil
	}
	sec := s.section(secVariants)
	le := binary.LittleEndian
	start, end := le.Uint32(sec[4*id:]), le.Uint32(sec[4*id+4:])
	r := reader{b: sec[4*(s.meta.keys+1)+int(start) : 4*(s.meta.keys+1)+int(end)]}
	var out []string
	for !r.done() {
		out = append(out, r.str())
	}
	return out
}

// record returns the bytes of record d of an offset-table section.
func (s *snapshot) record(id, d int) []byte { return s.recordOf(id, d, s.meta.docs) }

// recordOf is record i of an offset-table section of n records.
func (s *snapshot) recordOf(id, i, n int) []byte {
	sec := s.section(id)
	le := binary.LittleEndian
	if len(sec) < 4*(n+1) {
		panic(fmt.Errorf("section %d: %w", id, errDamagedSnapshot))
	}
	start, end := int(le.Uint32(sec[4*i:])), int(le.Uint32(sec[4*i+4:]))
	if start > end || 4*(n+1)+end > len(sec) {
		panic(fmt.Errorf("section %d, record %d: %w", id, i, errDamagedSnapshot))
	}
	return sec[4*(n+1)+start : 4*(n+1)+end]
}

// fields are article d's fields.
func (s *snapshot) fields(d int) []field {
	r := reader{b: s.record(secFields, d)}
	out := make([]field, r.int())
	for i := range out {
		out[i] = field{start: int32(r.int()), passage: int32(r.int() - 1)}
	}
	return out
}

// passLen are article d's words per passage.
func (s *snapshot) passLen(d int) []int32 {
	r := reader{b: s.record(secPassLen, d)}
	out := make([]int32, r.int())
	for i := range out {
		out[i] = int32(r.int())
	}
	return out
}

// article decodes article d's metadata.
func (s *snapshot) article(d int) article.Article {
	r := reader{b: s.record(secDocs, d)}
	a := article.Article{Slug: r.str(), Title: r.str(), Dek: r.str(), Byline: r.str(), Source: r.str(),
		Origin: r.str(), URL: r.str(), Feed: r.str(), GUID: r.str(), Path: r.str(), Hash: r.str()}
	if t := r.uint(); t != 0 {
		a.Published = time.Unix(int64(t-1), 0).UTC()
	}
	a.References = r.strs()
	a.Topics = r.strs()
	a.Words, a.PassageCount = r.int(), r.int()
	return a
}

// coverage decodes article d's topic weights and carried topics.
func (s *snapshot) coverage(d int) (weights []float64, carried []int) {
	r := reader{b: s.record(secCoverage, d)}
	le := binary.LittleEndian
	weights = make([]float64, s.meta.numTopics)
	for t := range weights {
		weights[t] = math.Float64frombits(le.Uint64(r.b[r.off:]))
		r.off += 8
	}
	carried = make([]int, r.int())
	for i := range carried {
		if carried[i] = r.int(); carried[i] >= s.meta.numTopics {
			panic(fmt.Errorf("coverage of article %d: %w", d, errDamagedSnapshot))
		}
	}
	return weights, carried
}

// scores decodes article d's passage scores, passage by passage, topic by
// topic.
func (s *snapshot) scores(d int) []float32 {
	rec := s.record(secScores, d)
	if len(rec)%4 != 0 {
		panic(fmt.Errorf("scores of article %d: %w", d, errDamagedSnapshot))
	}
	out := make([]float32, len(rec)/4)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(rec[4*i:]))
	}
	return out
}

// termWeightSize is the bytes of one key's record in secTermWeights.
const termWeightSize = 13

// relatedTerms decodes the related articles' term weights into r, false
// when the snapshot holds none.
func (s *snapshot) relatedTerms(r *Related) bool {
	sec := s.section(secTermWeights)
	keys := s.meta.keys
	if len(sec) == 0 {
		return false
	}
	if len(sec) != keys*termWeightSize {
		panic(fmt.Errorf("related term weights: %w", errDamagedSnapshot))
	}
	le := binary.LittleEndian
	r.idf, r.passIDF = make([]float32, keys), make([]float32, keys)
	r.class, r.stop = make([]int32, keys), make([]bool, keys)
	for id := range keys {
		b := sec[id*termWeightSize:]
		r.idf[id] = math.Float32frombits(le.Uint32(b))
		r.passIDF[id] = math.Float32frombits(le.Uint32(b[4:]))
		r.class[id] = int32(le.Uint32(b[8:]))
		r.stop[id] = b[12] != 0
		if r.class[id] < 0 || int(r.class[id]) >= keys {
			panic(fmt.Errorf("related term weights: %w", errDamagedSnapshot))
		}
	}
	return true
}

// holders decodes the articles whose related-articles vector holds term id.
func (s *snapshot) holders(id int32) []docWeight {
	rec := s.recordOf(secHolders, int(id), s.meta.keys)
	if len(rec)%8 != 0 {
		panic(fmt.Errorf("related articles of term %d: %w", id, errDamagedSnapshot))
	}
	le := binary.LittleEndian
	out := make([]docWeight, len(rec)/8)
	for i := range out {
		out[i] = docWeight{doc: int32(le.Uint32(rec[8*i:])), w: math.Float32frombits(le.Uint32(rec[8*i+4:]))}
		if out[i].doc < 0 || int(out[i].doc) >= s.meta.docs {
			panic(fmt.Errorf("related articles of term %d: %w", id, errDamagedSnapshot))
		}
	}
	return out
}

// vector decodes article d's related-articles vector.
func (s *snapshot) vector(d int) vector {
	rec := s.record(secVectors, d)
	if len(rec)%8 != 0 {
		panic(fmt.Errorf("related vector of article %d: %w", d, errDamagedSnapshot))
	}
	le := binary.LittleEndian
	v := vector{ids: make([]int32, len(rec)/8), w: make([]float32, len(rec)/8)}
	for i := range v.ids {
		v.ids[i] = int32(le.Uint32(rec[8*i:]))
		v.w[i] = math.Float32frombits(le.Uint32(rec[8*i+4:]))
		if v.ids[i] < 0 || int(v.ids[i]) >= s.meta.keys {
			panic(fmt.Errorf("related vector of article %d: %w", d, errDamagedSnapshot))
		}
	}
	return v
}

// verifyAll checks every section against its checksum and every posting
// list against its own: what the reader does before it trusts a snapshot,
// where a damaged list found in the middle of a session could not be mended.
func (s *snapshot) verifyAll() error {
	if err := damageOf(func() {
		for id := 1; id <= numSections; id++ {
			// the posting lists and their skips are checked list by list
			// below, each by its own checksum: hashing the sections whole
			// as well would read 500 MB twice at 100,000 articles
			if id != secPostings && id != secSkips {
				s.section(id)
			}
		}
	}); err != nil {
		return err
	}
	if err := eachInParallel(s.meta.keys, func(id int) { s.list(int32(id)) }); err != nil {
		return err
	}
	return eachInParallel(s.meta.docs, func(d int) {
		s.coverage(d)
		s.scores(d)
		s.fields(d)
		s.passLen(d)
		s.article(d)
	})
}

// damageOf runs check and returns the damage it panicked with, as an error.
func damageOf(check func()) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if e, ok := p.(error); ok && errors.Is(e, errDamagedSnapshot) {
				err = e
				return
			}
			err = fmt.Errorf("%v: %w", p, errDamagedSnapshot)
		}
	}()
	check()
	return nil
}

// eachInParallel runs check(0..n-1) on every core, in ranges, and returns
// the first damage found: the reader checks a snapshot whole before trusting
// it, and at 100,000 articles that is most of its start.
func eachInParallel(n int, check func(i int)) error {
	workers := min(runtime.GOMAXPROCS(0), max(n/1024, 1))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() {
			errs[w] = damageOf(func() {
				for i := lo; i < hi; i++ {
					check(i)
				}
			})
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err // the first: one line
		}
	}
	return nil
}

// reader decodes the varint-and-string encoding of the sections. Reading
// past the end panics; callers recover it as damage.
type reader struct {
	b   []byte
	off int
}

func (r *reader) done() bool { return r.off >= len(r.b) }

func (r *reader) uint() uint64 {
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		panic("bad number")
	}
	r.off += n
	return v
}

func (r *reader) int() int {
	v := r.uint()
	if v > math.MaxInt32 {
		panic("number too large")
	}
	return int(v)
}

func (r *reader) str() string {
	n := r.int()
	s := string(r.b[r.off : r.off+n])
	r.off += n
	return s
}

func (r *reader) strs() []string {
	n := r.int()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}
