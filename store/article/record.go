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
// is read. The fields are listed once, in fields, which both writing and
// reading walk: they cannot disagree on the order. A field added to
// Article must be added there too (TestRecordKeepsEveryField fails until
// it is), and the cache's format version raised.
//
// Numbers are varints; a string is its length and its bytes; a list its
// length and its strings; a time 0 when zero, else 1, its seconds (zigzag)
// and its nanoseconds. Times are kept in UTC.

// fields walks a's fields, in record order, with c.
func (a *Article) fields(c recordCodec) {
	for _, s := range [...]*string{&a.Slug, &a.Title, &a.Dek, &a.Byline, &a.Source, &a.Origin, &a.URL, &a.Feed, &a.GUID, &a.Path, &a.Hash} {
		c.str(s)
	}
	c.time(&a.Published)
	c.strs(&a.References)
	c.strs(&a.Topics)
	c.int(&a.Words)
	c.int(&a.PassageCount)
}

// recordCodec writes or reads one field.
type recordCodec interface {
	str(*string)
	strs(*[]string)
	int(*int)
	time(*time.Time)
}

// AppendRecord appends a's record to b and returns the extended buffer.
func (a *Article) AppendRecord(b []byte) []byte {
	e := recordWriter{b: b}
	a.fields(&e)
	return e.b
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
	a.fields(&r)
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

func (w *recordWriter) str(s *string) {
	w.uint(uint64(len(*s)))
	w.b = append(w.b, *s...)
}

func (w *recordWriter) strs(ss *[]string) {
	w.uint(uint64(len(*ss)))
	for i := range *ss {
		w.str(&(*ss)[i])
	}
}

func (w *recordWriter) int(v *int) { w.b = binary.AppendVarint(w.b, int64(*v)) }

func (w *recordWriter) time(t *time.Time) {
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

func (r *recordReader) str(s *string) {
	n := r.length()
	if r.err != nil {
		return
	}
	*s = string(r.b[r.off : r.off+n])
	r.off += n
}

func (r *recordReader) strs(ss *[]string) {
	n := r.length()
	if r.err != nil || n == 0 {
		*ss = nil
		return
	}
	out := make([]string, n)
	for i := range out {
		r.str(&out[i])
	}
	*ss = out
}

func (r *recordReader) int(v *int) {
	x := r.varint()
	if x < math.MinInt32 || x > math.MaxInt32 {
		r.fail("number %d out of range", x)
		return
	}
	*v = int(x)
}

func (r *recordReader) time(t *time.Time) {
	switch r.uint() {
	case 0:
		*t = time.Time{}
	case 1:
		sec, nsec := r.varint(), r.uint()
		if nsec >= 1e9 {
			r.fail("%d nanoseconds", nsec)
			return
		}
		if *t = time.Unix(sec, int64(nsec)).UTC(); t.Unix() != sec {
			r.fail("time out of range")
		}
	default:
		r.fail("bad time")
	}
}
