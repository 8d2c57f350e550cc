package store

import (
	"encoding/binary"
	"fmt"
	"runtime/debug"
)

// sourcesTable is what secSources holds: for each source, how far its
// journal was followed when its files were listed (see listSources); for
// each article, where its file's entry starts in secFiles; and where the
// entries with warnings start. A warm run that trusts every file reads
// the entries of the articles it shows, not the whole table.
type sourcesTable struct {
	marks  []string
	docAt  []byte // 4 bytes an article
	warned []byte // 4 bytes an entry with warnings
}

// encodeSources is secSources' bytes, of a snapshot of docs articles from
// files, whose entries start at at in secFiles.
func encodeSources(marks []string, files []snapshotFile, at []uint32, docs int) []byte {
	var e enc
	e.int(len(marks))
	for _, m := range marks {
		e.str(m)
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
	return e.b
}

// decodeSources reads secSources, of a snapshot of docs articles.
func decodeSources(b []byte, docs int) (t sourcesTable, err error) {
	err = damageOf(func() {
		r := reader{b: b}
		t.marks = make([]string, r.count(1))
		for i := range t.marks {
			t.marks[i] = r.str()
		}
		if n := r.count(4); n != docs {
			damaged("%d articles' files of %d", n, docs)
		}
		t.docAt = r.b[r.off : r.off+4*docs]
		r.off += 4 * docs
		n := r.count(4)
		t.warned = r.b[r.off : r.off+4*n]
		r.off += 4 * n
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
