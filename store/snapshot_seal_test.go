package store

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"dispatch/store/article"
)

// Tests that craft snapshots — valid checksums around hostile numbers —
// take a real one apart into its sections, change them, and put them back
// together, or change bytes in place and seal them again.

// snapshotHeaderLen is the bytes before the first section.
const snapshotHeaderLen = len(snapshotMagic) + 8 + numSections*24 + 4

// assemble lays sections out as a snapshot file, with their checksums.
func assemble(sections [numSections + 1][]byte) []byte {
	le := binary.LittleEndian
	out := make([]byte, snapshotHeaderLen)
	copy(out, snapshotMagic)
	le.PutUint32(out[len(snapshotMagic):], snapshotVersion)
	le.PutUint32(out[len(snapshotMagic)+4:], numSections)
	for id := 1; id <= numSections; id++ {
		for len(out)%8 != 0 {
			out = append(out, 0)
		}
		entry := out[len(snapshotMagic)+8+(id-1)*24:]
		le.PutUint32(entry, uint32(id))
		le.PutUint64(entry[4:], uint64(len(out)))
		le.PutUint64(entry[12:], uint64(len(sections[id])))
		out = append(out, sections[id]...)
	}
	reseal(out)
	return out
}

// reseal recomputes, in place, every checksum a snapshot's bytes can be
// found to carry: each posting list's (in its key's record), each
// section's and the header's. Whatever does not parse is left as it is.
func reseal(data []byte) {
	le := binary.LittleEndian
	if len(data) < snapshotHeaderLen {
		return
	}
	var sections [numSections + 1][]byte
	for id := 1; id <= numSections; id++ {
		entry := data[len(snapshotMagic)+8+(id-1)*24:]
		off, n := le.Uint64(entry[4:]), le.Uint64(entry[12:])
		if off <= uint64(len(data)) && n <= uint64(len(data))-off {
			sections[id] = data[off : off+n]
		}
	}
	info, postings, skips := sections[secKeyInfo], sections[secPostings], sections[secSkips]
	for rec := info; len(rec) >= keyInfoSize; rec = rec[keyInfoSize:] {
		off, n := le.Uint64(rec), uint64(le.Uint32(rec[8:]))
		skipOff, nSkips := uint64(le.Uint32(rec[12:])), uint64(le.Uint32(rec[16:]))
		if off > uint64(len(postings)) || n > uint64(len(postings))-off || skipOff > uint64(len(skips)) || nSkips*12 > uint64(len(skips))-skipOff {
			continue
		}
		c := crc32.Checksum(postings[off:off+n], castagnoli)
		le.PutUint32(rec[32:], crc32.Update(c, castagnoli, skips[skipOff:skipOff+nSkips*12]))
	}
	for id := 1; id <= numSections; id++ {
		le.PutUint32(data[len(snapshotMagic)+8+(id-1)*24+20:], crc32.Checksum(sections[id], castagnoli))
	}
	le.PutUint32(data[snapshotHeaderLen-4:], crc32.Checksum(data[:snapshotHeaderLen-4], castagnoli))
}

// smallSnapshot is the snapshot of a folder of two short articles, as
// LoadCached saves it: every section has something in it, and the whole
// is small enough to fuzz.
func smallSnapshot(t testing.TB) []byte {
	t.Helper()
	fsys := fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: Truce\nbyline: Ada\nreferences: [Gazette]\npublished: 2025-11-23\n---\nThe truce held; patrol boats stayed.\n\n- nets\n")},
		"b.md": {Data: []byte("---\ntitle: Perch\ndek: Fishermen\ntopics: [fishing]\n---\nPerches, air-defense, Orvell trawlers, the truce.\n")},
	}
	l := article.List([]article.Source{{FS: fsys, Label: "notes", Root: "/notes"}})
	dir := t.TempDir()
	topics, err := LoadTopics("testdata/topics.yaml", mustReadFile(t, "testdata/topics.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, report := LoadCached(nil, l, topics, CacheOptions{Dir: dir})
	if !report.Saved {
		t.Fatalf("not saved: %s", report.Warning)
	}
	return mustReadFile(t, report.Path)
}

func mustReadFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.FromSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
