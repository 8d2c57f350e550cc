package article

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
)

// An article's record is what an index cache keeps of it: every field but
// its text, which stays in its file and is attached again when the record
// is read. The fields are listed once, in recordFields, which both writing
// and reading walk: they cannot disagree on the order. A field added to
// Article must be added there too (TestRecordKeepsEveryField fails until
// it is), and the cache's format version raised.
//
// Numbers are varints; a string is its length and its bytes; a list its
// length and its strings; a time 0 when zero, else 1, its seconds (zigzag)
// and its nanoseconds. Times are kept in UTC.

// fieldsOfRecord are an article's fields in record order: its strings,
// its dates, its lists, its numbers.
type fieldsOfRecord struct {
	strs  [11]*string
	times [2]*time.Time
	lists [2]*[]string
	ints  [3]*int
}

// recordFields are a's fields, to write or to read. (Plain pointers, not
// an interface that writer and reader implement: through one, the article
// and the reader would escape to the heap, two allocations more for every
// article of a list of 10,000.)
func (a *Article) recordFields() fieldsOfRecord {
	return fieldsOfRecord{
		strs:  [...]*string{&a.Slug, &a.Title, &a.Dek, &a.Byline, &a.Source, &a.Origin, &a.URL, &a.Feed, &a.GUID, &a.Path, &a.Hash},
		times: [...]*time.Time{&a.Published, &a.Seen},
		lists: [...]*[]string{&a.References, &a.Topics},
		ints:  [...]*int{&a.Words, &a.PassageCount, &a.Number},
	}
}

// AppendRecord appends a's record to b and returns the extended buffer.
func (a *Article) AppendRecord(b []byte) []byte {
	w := recordWriter{b: b}
	f := a.recordFields()
	for _, s := range f.strs {
		w.str(*s)
	}
	for _, t := range f.times {
		w.time(*t)
	}
	for _, l := range f.lists {
		w.uint(uint64(len(*l)))
		for _, s := range *l {
			w.str(s)
		}
	}
	for _, n := range f.ints {
		w.b = binary.AppendVarint(w.b, int64(*n))
	}
	return w.b
}

// ErrBadRecord marks a record that does not parse.
var ErrBadRecord = errors.New("bad article record")

// DecodeRecord reads an article from its record, without its text. A record
// cut short, with a count or length larger than its bytes could hold, or
// with bytes left over, is an ErrBadRecord; nothing is allocated beyond
// what the record's bytes could hold.
func DecodeRecord(rec []byte) (Article, error) {
	var a Article
	r := recordReader{b: rec}
	f := a.recordFields()
	for _, s := range f.strs {
		*s = r.str()
	}
	for _, t := range f.times {
		*t = r.time()
	}
	for _, l := range f.lists {
		*l = r.strs()
	}
	for _, n := range f.ints {
		*n = r.int()
	}
	if r.err == nil && r.off != len(r.b) {
		r.fail("%d bytes left over", len(r.b)-r.off)
	}
	if r.err != nil {
		return Article{}, r.err
	}
	return a, nil
}

type recordWriter struct{ b []byte }

func (w *recordWriter) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }

func (w *recordWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *recordWriter) time(t time.Time) {
	if t.IsZero() {
		w.uint(0)
		return
	}
	w.uint(1)
	w.b = binary.AppendVarint(w.b, t.Unix())
	w.uint(uint64(t.Nanosecond()))
}

// recordReader reads a record; after the first error it reads nothing more.
type recordReader struct {
	b   []byte
	off int
	err error
}

func (r *recordReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: at byte %d: %s", ErrBadRecord, r.off, fmt.Sprintf(format, args...))
	}
}

func (r *recordReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail("bad number")
		return 0
	}
	r.off += n
	return v
}

func (r *recordReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.fail("bad number")
		return 0
	}
	r.off += n
	return v
}

// length reads a count of things each taking at least one byte: never
// more than the bytes left.
func (r *recordReader) length() int {
	n := r.uint()
	if n > uint64(len(r.b)-r.off) {
		r.fail("%d claimed, %d bytes left", n, len(r.b)-r.off)
		return 0
	}
	return int(n)
}

func (r *recordReader) str() string {
	n := r.length()
	if r.err != nil {
		return ""
	}
	s := string(r.b[r.off : r.off+n])
	r.off += n
	return s
}

func (r *recordReader) strs() []string {
	n := r.length()
	if r.err != nil || n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *recordReader) int() int {
	x := r.varint()
	if x < math.MinInt32 || x > math.MaxInt32 {
		r.fail("number %d out of range", x)
		return 0
	}
	return int(x)
}

func (r *recordReader) time() time.Time {
	switch r.uint() {
	case 0:
		return time.Time{}
	case 1:
		sec, nsec := r.varint(), r.uint()
		if nsec >= 1e9 {
			r.fail("%d nanoseconds", nsec)
			return time.Time{}
		}
		t := time.Unix(sec, int64(nsec)).UTC()
		if t.Unix() != sec {
			r.fail("time out of range")
		}
		return t
	default:
		r.fail("bad time")
		return time.Time{}
	}
}
