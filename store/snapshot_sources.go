package store

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"runtime/debug"

	"dispatch/store/article"
)

// sourcesTable is what secSources holds: for each source, how far its
// journal was followed when its files were listed (see listSources); for
// each article, where its file's entry starts in secFiles; and where the
// entries with warnings start. A warm run that trusts every file reads
// the entries of the articles it shows, not the whole table.
type sourcesTable struct {
	marks  []string
	dirs   [][]article.DirInfo // by source: its folders as listed, nil if not kept
	docAt  []byte              // 4 bytes an article
	warned []byte              // 4 bytes an entry with warnings
	// by section: the checksum of each blockSize bytes, 4 bytes a block;
	// nil for a section checked whole
	blocks [numSections + 1][]byte
}

// blockSize is the bytes a block checksum covers: a record read from a
// section of 50 MB checks 64 KiB, not the section.
const blockSize = 64 << 10

// encodeSources is secSources' bytes, of a snapshot of docs articles from
// files, whose entries start at at in secFiles.
func encodeSources(src listedSources, files []snapshotFile, at []uint32, docs int, blocks [][]uint32) []byte {
	var e enc
	e.int(len(src.marks))
	for i, m := range src.marks {
		e.str(m)
		var dirs []article.DirInfo
		if i < len(src.dirs) {
			dirs = src.dirs[i]
		}
		e.int(len(dirs))
		for _, d := range dirs {
			e.str(d.Name)
			e.uint(uint64(d.ModTime))
			e.uint(uint64(d.Change))
		}
	}
	docAt := make([]uint32, docs)
	var warned []uint32
	for i, f := range files {
		if f.doc >= 0 {
			docAt[f.doc] = at[i]
		}
		if len(f.warns) > 0 {
			warned = append(warned, at[i])
		}
	}
	e.int(docs)
	for _, a := range docAt {
		e.b = binary.LittleEndian.AppendUint32(e.b, a)
	}
	e.int(len(warned))
	for _, a := range warned {
		e.b = binary.LittleEndian.AppendUint32(e.b, a)
	}
	e.int(len(blocks))
	for _, sums := range blocks {
		e.int(len(sums))
		for _, c := range sums {
			e.b = binary.LittleEndian.AppendUint32(e.b, c)
		}
	}
	return e.b
}

// decodeSources reads secSources, of a snapshot of docs articles.
func decodeSources(b []byte, docs int, sections *[numSections + 1][]byte) (t sourcesTable, err error) {
	err = damageOf(func() {
		r := reader{b: b}
		t.marks = make([]string, r.count(2))
		t.dirs = make([][]article.DirInfo, len(t.marks))
		for i := range t.marks {
			t.marks[i] = r.str()
			for range r.count(3) {
				t.dirs[i] = append(t.dirs[i], article.DirInfo{Name: r.str(), ModTime: int64(r.uint()), Change: int64(r.uint())})
			}
		}
		if n := r.count(4); n != docs {
			damaged("%d articles' files of %d", n, docs)
		}
		t.docAt = r.b[r.off : r.off+4*docs]
		r.off += 4 * docs
		n := r.count(4)
		t.warned = r.b[r.off : r.off+4*n]
		r.off += 4 * n
		k := r.count(1)
		for id := range k {
			m := r.count(4)
			sums := r.b[r.off : r.off+4*m]
			r.off += 4 * m
			// a table that does not fit its section is not used: the
			// section is then checked whole
			if id < secSources && m == (len(sections[id])+blockSize-1)/blockSize {
				t.blocks[id] = sums
			}
		}
		r.end()
	})
	if err != nil {
		return t, fmt.Errorf("sources: %w", err)
	}
	return t, nil
}

// fileAt decodes the entry of secFiles that starts at off; damage panics.
func (s *snapshot) fileAt(off uint32) snapshotFile {
	defer faults(debug.SetPanicOnFault(true))
	sec := s.section(secFiles)
	if int64(off) >= int64(len(sec)) || off == 0 {
		damaged("file entry at %d of %d bytes", off, len(sec))
	}
	r := reader{b: sec, off: int(off)}
	return readFile(&r, -1, s.meta.docs)
}

// fileOfDoc is the entry of the file article d came from.
func (s *snapshot) fileOfDoc(d int) snapshotFile {
	return s.fileAt(s.sourceWord(s.sources.docAt, d))
}

// warnedFiles are the entries with warnings.
func (s *snapshot) warnedFiles() []snapshotFile {
	out := make([]snapshotFile, len(s.sources.warned)/4)
	for i := range out {
		out[i] = s.fileAt(s.sourceWord(s.sources.warned, i))
	}
	return out
}

// sourceWord reads the i'th 4-byte word of b, a part of secSources.
func (s *snapshot) sourceWord(b []byte, i int) uint32 {
	defer faults(debug.SetPanicOnFault(true))
	return binary.LittleEndian.Uint32(b[4*i:])
}

// A block's state in snapshot.blockState.
const (
	blockGood = 1
	blockBad  = 2
)

// checkRange checks the blocks of section id that hold its bytes lo to hi,
// each the first time it is read; damage panics. A section without block
// checksums is checked whole, once.
func (s *snapshot) checkRange(id, lo, hi int) {
	sums, state := s.sources.blocks[id], s.blockState[id]
	if sums == nil {
		s.section(id)
		return
	}
	defer faults(debug.SetPanicOnFault(true))
	sec := s.sections[id]
	for b := lo / blockSize; b*blockSize < hi; b++ {
		switch state[b].Load() {
		case blockGood:
			continue
		case blockBad:
			damaged("section %d, block %d", id, b)
		}
		if crc32.Checksum(sec[b*blockSize:min((b+1)*blockSize, len(sec))], castagnoli) != binary.LittleEndian.Uint32(sums[4*b:]) {
			state[b].Store(blockBad)
			damaged("section %d, block %d", id, b)
		}
		state[b].Store(blockGood)
	}
}
