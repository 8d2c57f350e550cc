package store

import (
	"bufio"
	"dispatch/internal/diskio"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"time"
)

// snapshotWriter writes sections one after another, each with its checksum,
// and the header with the section table last, at the start of the file.
type snapshotWriter struct {
	f     *os.File
	w     *bufio.Writer
	off   uint64
	table [numSections + 1]struct {
		off, n uint64
		crc    uint32
	}
	cur int
	crc uint32
	err error

	// each section's checksums by block (see blockSize), kept in
	// secSources: a record is checked with its blocks, not its section
	blocks     [numSections + 1][]uint32
	blockCRC   uint32
	blockBytes int
}

func (w *snapshotWriter) headerLen() int { return len(snapshotMagic) + 8 + numSections*24 + 4 }

// begin starts section id, aligned to 8 bytes.
func (w *snapshotWriter) begin(id int) {
	for w.off%8 != 0 {
		w.raw([]byte{0})
	}
	w.cur, w.crc = id, 0
	w.blockCRC, w.blockBytes = 0, 0
	w.table[id].off = w.off
}

// end closes the current section.
func (w *snapshotWriter) end() {
	t := &w.table[w.cur]
	t.n, t.crc = w.off-t.off, w.crc
	if w.blockBytes > 0 {
		w.blocks[w.cur] = append(w.blocks[w.cur], w.blockCRC)
	}
	w.cur = 0
}

func (w *snapshotWriter) raw(b []byte) {
	if w.err != nil {
		return
	}
	_, w.err = w.w.Write(b)
	w.off += uint64(len(b))
	if w.cur != 0 {
		w.crc = crc32.Update(w.crc, castagnoli, b)
		for len(b) > 0 {
			n := min(len(b), blockSize-w.blockBytes)
			w.blockCRC = crc32.Update(w.blockCRC, castagnoli, b[:n])
			w.blockBytes += n
			b = b[n:]
			if w.blockBytes == blockSize {
				w.blocks[w.cur] = append(w.blocks[w.cur], w.blockCRC)
				w.blockCRC, w.blockBytes = 0, 0
			}
		}
	}
}

// section writes a whole section built in memory.
func (w *snapshotWriter) section(id int, b []byte) {
	w.begin(id)
	w.raw(b)
	w.end()
}

// finish writes the header and makes the file durable.
func (w *snapshotWriter) finish() error {
	if w.err == nil {
		w.err = w.w.Flush()
	}
	if w.err != nil {
		return w.err
	}
	h := []byte(snapshotMagic)
	h = binary.LittleEndian.AppendUint32(h, snapshotVersion)
	h = binary.LittleEndian.AppendUint32(h, numSections)
	for id := 1; id <= numSections; id++ {
		t := w.table[id]
		h = binary.LittleEndian.AppendUint32(h, uint32(id))
		h = binary.LittleEndian.AppendUint64(h, t.off)
		h = binary.LittleEndian.AppendUint64(h, t.n)
		h = binary.LittleEndian.AppendUint32(h, t.crc)
	}
	h = binary.LittleEndian.AppendUint32(h, crc32.Checksum(h, castagnoli))
	_, err := w.f.WriteAt(h, 0)
	return err // diskio syncs the file
}

// enc builds a section's bytes.
type enc struct{ b []byte }

func (e *enc) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) int(v int)     { e.uint(uint64(v)) }
func (e *enc) str(s string)  { e.int(len(s)); e.b = append(e.b, s...) }

// records builds an offset-table section: n+1 offsets, then the records.
func records(n int, record func(i int, e *enc)) []byte {
	table := make([]byte, 0, 4*(n+1))
	var body enc
	for i := range n {
		table = binary.LittleEndian.AppendUint32(table, uint32(len(body.b)))
		record(i, &body)
	}
	table = binary.LittleEndian.AppendUint32(table, uint32(len(body.b)))
	return append(table, body.b...)
}

// writeSnapshot saves lib, whose articles came from files, as the snapshot
// at path: written beside it, made durable, then renamed over it
// (internal/diskio), so that a crash leaves the old snapshot or the new one.
func writeSnapshot(path string, lib *Library, files []snapshotFile, libraryKey string, builtin int, src listedSources) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return diskio.Write(path, 0o600, func(tmp *os.File) error {
		w := &snapshotWriter{f: tmp, w: bufio.NewWriterSize(tmp, 1<<20)}
		if err := encodeSnapshot(w, lib, files, libraryKey, builtin, src); err != nil {
			return err
		}
		return w.finish()
	})
}

func encodeSkips(skips []skip) []byte {
	out := make([]byte, 0, 12*len(skips))
	for _, s := range skips {
		out = binary.LittleEndian.AppendUint32(out, uint32(s.doc))
		out = binary.LittleEndian.AppendUint32(out, uint32(s.off))
		seen := byte(0)
		if s.seen {
			seen = 1
		}
		out = append(out, seen, 0, 0, 0)
	}
	return out
}

// encodeSnapshot writes lib's sections, the header's room first.
func encodeSnapshot(w *snapshotWriter, lib *Library, files []snapshotFile, libraryKey string, builtin int, src listedSources) error {
	w.raw(make([]byte, w.headerLen())) // the header comes last, here
	ix := lib.index
	n := lib.Len()

	w.section(secMeta, encodeMeta(snapshotMeta{library: libraryKey, docs: n, keys: ix.numKeys(), spellings: ix.numSpellings(),
		totalWords: int64(ix.totalWords), builtin: builtin, created: time.Now(), topics: lib.topics.fingerprint(),
		numTopics: lib.coverage.topics, journal: lib.journal, stamp: lib.stamp}))
	fileBytes, fileAt := encodeFiles(files)
	w.section(secFiles, fileBytes)
	w.section(secDocs, records(n, func(d int, e *enc) { e.b = lib.Article(d).AppendRecord(e.b) }))
	lens := make([]byte, 0, 4*n)
	for d := range n {
		lens = binary.LittleEndian.AppendUint32(lens, uint32(ix.docLen[d]))
	}
	w.section(secDocLen, lens)
	w.section(secFields, records(n, func(d int, e *enc) {
		fs := ix.fieldsOf(d)
		e.int(len(fs))
		for _, f := range fs {
			e.int(int(f.start))
			e.int(int(f.passage) + 1)
		}
	}))
	w.section(secPassLen, records(n, func(d int, e *enc) {
		pl := ix.passLenOf(d)
		e.int(len(pl))
		for _, p := range pl {
			e.int(int(p))
		}
	}))
	keys := ix.numKeys()
	w.section(secKeys, records(keys, func(id int, e *enc) { e.b = append(e.b, ix.keyAt(int32(id))...) }))

	// the lists first, each read once and not kept (a library read from a
	// snapshot would otherwise copy them all out of it): their places,
	// counts and checksums go to the key table after them, and their skip
	// entries after that
	info := make([]byte, 0, keyInfoSize*keys)
	var skips []byte
	var postOff uint64
	w.begin(secPostings)
	for id := range int32(keys) {
		ix.r.withList(id, func(p *postingList) {
			sk := encodeSkips(p.skips)
			info = binary.LittleEndian.AppendUint64(info, postOff)
			info = binary.LittleEndian.AppendUint32(info, uint32(len(p.data)))
			info = binary.LittleEndian.AppendUint32(info, uint32(len(skips)))
			info = binary.LittleEndian.AppendUint32(info, uint32(len(p.skips)))
			info = binary.LittleEndian.AppendUint32(info, uint32(p.df))
			info = binary.LittleEndian.AppendUint64(info, uint64(p.cf))
			info = binary.LittleEndian.AppendUint32(info, crc32.Update(crc32.Checksum(p.data, castagnoli), castagnoli, sk))
			info = append(info, 0, 0, 0, 0)
			w.raw(p.data)
			postOff += uint64(len(p.data))
			skips = append(skips, sk...)
		})
	}
	w.end()
	if uint64(len(skips)) > math.MaxUint32 {
		return fmt.Errorf("index too large: %d skip entries", len(skips)/12)
	}
	w.section(secKeyInfo, info)
	w.section(secSkips, skips)

	spellings := ix.numSpellings()
	tab := make([]byte, 0, 8*spellings)
	var blob []byte
	for i := range spellings {
		sp := ix.spellingAt(i)
		id, ok := ix.termID(sp.term)
		if !ok {
			return fmt.Errorf("spelling %q of unknown term %q", sp.word, sp.term)
		}
		tab = binary.LittleEndian.AppendUint32(tab, uint32(len(blob)))
		tab = binary.LittleEndian.AppendUint32(tab, uint32(id))
		blob = append(blob, sp.word...)
	}
	w.section(secSpellings, append(tab, blob...))
	w.section(secVariants, records(keys, func(id int, e *enc) {
		for _, v := range ix.variantsOf(ix.keyAt(int32(id))) {
			e.str(v)
		}
	}))
	cov := lib.coverage
	w.section(secCoverage, records(n, func(d int, e *enc) {
		w, carried := cov.weightsOf(d)
		for _, x := range w {
			e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(x))
		}
		e.int(len(carried))
		for _, t := range carried {
			e.int(t)
		}
	}))
	w.section(secScores, records(n, func(d int, e *enc) {
		for _, s := range cov.docScores(d) {
			e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(s))
		}
	}))
	w.section(secIdents, encodeIDTables(lib.order()))
	w.section(secStories, encodeStoryTables(lib.stories()))
	grouping, err := lib.grouping()
	if err != nil {
		return err
	}
	w.section(secGrouper, grouping)
	// related articles' vectors depend on the whole library: made afresh
	// for every snapshot (as a fresh build makes them), so that a run that
	// only reads the cache has them at once
	rel := lib.related
	rel.ready()
	if rel.err != nil {
		w.section(secTermWeights, nil)
		w.section(secVectors, records(n, func(int, *enc) {}))
		w.section(secHolders, records(keys, func(int, *enc) {}))
	} else {
		tw := make([]byte, 0, termWeightSize*keys)
		for id := range keys {
			tw = binary.LittleEndian.AppendUint32(tw, math.Float32bits(rel.idf[id]))
			tw = binary.LittleEndian.AppendUint32(tw, math.Float32bits(rel.passIDF[id]))
			tw = binary.LittleEndian.AppendUint32(tw, uint32(rel.class[id]))
			stop := byte(0)
			if rel.stop[id] {
				stop = 1
			}
			tw = append(tw, stop)
		}
		w.section(secTermWeights, tw)
		w.section(secVectors, records(n, func(d int, e *enc) {
			v := rel.vec(d)
			for i, id := range v.ids {
				e.b = binary.LittleEndian.AppendUint32(e.b, uint32(id))
				e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(v.w[i]))
			}
		}))
		w.section(secHolders, records(keys, func(id int, e *enc) {
			for _, dw := range rel.holders(int32(id)) {
				e.b = binary.LittleEndian.AppendUint32(e.b, uint32(dw.doc))
				e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(dw.w))
			}
		}))
	}
	w.section(secSources, encodeSources(src, files, fileAt, n, w.blocks[:secSources]))
	return nil
}
