package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"sync"

	"dispatch/store/article"
)

// What a snapshot keeps per article and per key besides the index, decoded
// when asked for; and the check of a whole snapshot.

// record returns the bytes of record d of an offset-table section.
func (s *snapshot) record(id, d int) []byte { return s.recordOf(id, d, s.meta.docs) }

// recordOf is record i of an offset-table section of n records.
func (s *snapshot) recordOf(id, i, n int) []byte {
	sec := s.sections[id]
	le := binary.LittleEndian
	if uint64(len(sec)) < 4*(uint64(n)+1) || i < 0 || i >= n {
		damaged("section %d", id)
	}
	s.checkRange(id, 4*i, 4*i+8)
	start, end := uint64(le.Uint32(sec[4*i:])), uint64(le.Uint32(sec[4*i+4:]))
	body := uint64(len(sec)) - 4*(uint64(n)+1)
	if start > end || end > body {
		damaged("section %d, record %d", id, i)
	}
	s.checkRange(id, 4*(n+1)+int(start), 4*(n+1)+int(end))
	return sec[4*(n+1)+int(start) : 4*(n+1)+int(end)]
}

// article decodes article d's record.
func (s *snapshot) article(d int) article.Article {
	defer faults(debug.SetPanicOnFault(true))
	a, err := article.DecodeRecord(s.record(secDocs, d))
	if err != nil {
		damaged("article %d: %v", d, err)
	}
	// what is made per passage is made from this count: it cannot exceed
	// what the passages' lengths could hold, a byte each at least
	if a.PassageCount < 0 || a.PassageCount > len(s.sections[secPassLen]) || a.Words < 0 {
		damaged("article %d: %d passages", d, a.PassageCount)
	}
	return a
}

// coverage decodes article d's topic weights and carried topics.
func (s *snapshot) coverage(d int) (weights []float64, carried []int) {
	defer faults(debug.SetPanicOnFault(true))
	r := reader{b: s.record(secCoverage, d)}
	nt := s.meta.numTopics
	if len(r.b) < 8*nt {
		damaged("coverage of article %d", d)
	}
	le := binary.LittleEndian
	weights = make([]float64, nt)
	for t := range weights {
		weights[t] = math.Float64frombits(le.Uint64(r.b[8*t:]))
	}
	r.off = 8 * nt
	carried = make([]int, r.count(1))
	for i := range carried {
		if carried[i] = r.int(); carried[i] >= nt {
			damaged("coverage of article %d", d)
		}
	}
	r.end()
	return weights, carried
}

// scores decodes article d's passage scores, passage by passage, topic by
// topic.
func (s *snapshot) scores(d int) []float32 {
	defer faults(debug.SetPanicOnFault(true))
	rec := s.record(secScores, d)
	if len(rec)%4 != 0 {
		damaged("scores of article %d", d)
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
	defer faults(debug.SetPanicOnFault(true))
	sec := s.section(secTermWeights)
	keys := s.meta.keys
	if len(sec) == 0 {
		return false
	}
	if len(sec) != keys*termWeightSize {
		damaged("related term weights")
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
			damaged("related term weights")
		}
	}
	return true
}

// holders decodes the articles whose related-articles vector holds term id.
func (s *snapshot) holders(id int32) []docWeight {
	defer faults(debug.SetPanicOnFault(true))
	rec := s.recordOf(secHolders, int(id), s.meta.keys)
	if len(rec)%8 != 0 {
		damaged("related articles of term %d", id)
	}
	le := binary.LittleEndian
	out := make([]docWeight, len(rec)/8)
	for i := range out {
		out[i] = docWeight{doc: int32(le.Uint32(rec[8*i:])), w: math.Float32frombits(le.Uint32(rec[8*i+4:]))}
		if out[i].doc < 0 || int(out[i].doc) >= s.meta.docs {
			damaged("related articles of term %d", id)
		}
	}
	return out
}

// vector decodes article d's related-articles vector.
func (s *snapshot) vector(d int) vector {
	defer faults(debug.SetPanicOnFault(true))
	rec := s.record(secVectors, d)
	if len(rec)%8 != 0 {
		damaged("related vector of article %d", d)
	}
	le := binary.LittleEndian
	v := vector{ids: make([]int32, len(rec)/8), w: make([]float32, len(rec)/8)}
	for i := range v.ids {
		v.ids[i] = int32(le.Uint32(rec[8*i:]))
		v.w[i] = math.Float32frombits(le.Uint32(rec[8*i+4:]))
		if v.ids[i] < 0 || int(v.ids[i]) >= s.meta.keys {
			damaged("related vector of article %d", d)
		}
	}
	return v
}

// verifyAll checks every section against its checksum and every posting
// list against its own: what the reader does before it trusts a snapshot,
// where a damaged list found in the middle of a session could not be mended.
//
// What it has read is given back as it goes (release), a batch at a time:
// the pages stay in the file system's cache and are mapped again when
// used, so a reader of 100,000 articles does not keep the whole file
// resident for having checked it.
func (s *snapshot) verifyAll() error {
	if err := damageOf(func() {
		for id := 1; id <= numSections; id++ {
			// the posting lists and their skips are checked list by list
			// below, each by its own checksum: hashing the sections whole
			// as well would read 500 MB twice at 100,000 articles
			if id != secPostings && id != secSkips {
				s.section(id)
				s.release(id)
			}
		}
	}); err != nil {
		return err
	}
	for lo := 0; lo < s.meta.keys; lo += verifyBatch {
		if err := eachInParallel(min(verifyBatch, s.meta.keys-lo), func(i int) {
			defer faults(debug.SetPanicOnFault(true))
			s.rawList(int32(lo + i))
		}); err != nil {
			return err
		}
		s.release(secPostings, secSkips)
	}
	for lo := 0; lo < s.meta.docs; lo += verifyBatch {
		if err := eachInParallel(min(verifyBatch, s.meta.docs-lo), func(i int) {
			d := lo + i
			s.coverage(d)
			s.scores(d)
			s.fieldsOf(d)
			s.passLenOf(d)
			s.article(d)
		}); err != nil {
			return err
		}
		s.release(secCoverage, secScores, secFields, secPassLen, secDocs)
	}
	return nil
}

// verifyBatch is how many lists, or articles, verifyAll checks before it
// gives back the pages it read.
const verifyBatch = 4096

// release gives back the memory of sections' pages, for a mapped
// snapshot: they are read again from the file system's cache when used.
func (s *snapshot) release(ids ...int) {
	if !s.mapped {
		return
	}
	for _, id := range ids {
		releasePages(s.sections[id])
	}
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
// past the end, or a count its bytes could not hold, panics with damage.
// Its methods are small enough to be inlined: opening a snapshot of 10,000
// files reads 120,000 numbers.
type reader struct {
	b   []byte
	off int
}

func (r *reader) done() bool { return r.off >= len(r.b) }

func (r *reader) uint() uint64 {
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		panic(errBadNumber)
	}
	r.off += n
	return v
}

func (r *reader) int() int {
	v := r.uint()
	if v > math.MaxInt32 {
		panic(errBadNumber)
	}
	return int(v)
}

// count reads a number of things each taking at least size bytes: never
// more than the bytes left could hold.
func (r *reader) count(size int) int {
	n := r.int()
	if n > (len(r.b)-r.off)/size {
		panic(errShort)
	}
	return n
}

func (r *reader) str() string {
	n := r.int()
	if n > len(r.b)-r.off {
		panic(errShort)
	}
	s := string(r.b[r.off : r.off+n])
	r.off += n
	return s
}

// end checks that everything was read.
func (r *reader) end() {
	if r.off != len(r.b) {
		panic(errLeftOver)
	}
}

// What a reader finds wrong.
var (
	errBadNumber = fmt.Errorf("a bad number: %w", errDamagedSnapshot)
	errShort     = fmt.Errorf("more claimed than there is: %w", errDamagedSnapshot)
	errLeftOver  = fmt.Errorf("bytes left over: %w", errDamagedSnapshot)
)
