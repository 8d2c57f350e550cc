package article_test

import (
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"dispatch/store/article"
)

// sampleValue is a value for a field of kind typ that no zero value equals,
// different for each field; false for a type the record does not know.
func sampleValue(typ reflect.Type, i int) (reflect.Value, bool) {
	v := reflect.New(typ).Elem()
	switch {
	case typ == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(time.Date(2025, 11, 23, 9, 30, i, 5000, time.UTC)))
	case typ.Kind() == reflect.String:
		v.SetString("value of field " + string(rune('A'+i)) + " é\x00")
	case typ.Kind() == reflect.Int:
		v.SetInt(int64(1000 + i))
	case typ.Kind() == reflect.Slice && typ.Elem().Kind() == reflect.String:
		v.Set(reflect.ValueOf([]string{"one " + string(rune('A'+i)), "", "three"}))
	default:
		return v, false
	}
	return v, true
}

// TestRecordKeepsEveryField sets each exported field of an article in turn,
// and then all of them, and reads the record back: a field added to Article
// but not to its record fails here, before it can be lost in a cache.
func TestRecordKeepsEveryField(t *testing.T) {
	typ := reflect.TypeFor[article.Article]()
	all := article.Article{}
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue // the text, which stays in the file
		}
		val, ok := sampleValue(f.Type, i)
		if !ok {
			t.Errorf("field %s: the record has no way to keep a %s: add it to Article.recordFields and to this test", f.Name, f.Type)
			continue
		}
		var one article.Article
		reflect.ValueOf(&one).Elem().Field(i).Set(val)
		reflect.ValueOf(&all).Elem().Field(i).Set(val)
		got, err := article.DecodeRecord(one.AppendRecord(nil))
		if err != nil {
			t.Errorf("field %s: %v", f.Name, err)
			continue
		}
		if !reflect.DeepEqual(got, one) {
			t.Errorf("field %s is not kept: wrote %v, read %v", f.Name, val, reflect.ValueOf(got).Field(i))
		}
	}
	got, err := article.DecodeRecord(all.AppendRecord([]byte("prefix"))[len("prefix"):])
	if err != nil || !reflect.DeepEqual(got, all) {
		t.Errorf("every field set: read %+v, %v\nwrote %+v", got, err, all)
	}
}

func TestRecordEdges(t *testing.T) {
	for _, a := range []article.Article{
		{},
		{Published: time.Unix(-1, 0).UTC()}, // a second before 1970 is not "no date"
		{Published: time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC), Words: math.MaxInt32, PassageCount: -1},
		{References: []string{""}},
	} {
		got, err := article.DecodeRecord(a.AppendRecord(nil))
		if err != nil || !reflect.DeepEqual(got, a) {
			t.Errorf("read %+v, %v; wrote %+v", got, err, a)
		}
	}
}

// TestBadRecords: a record cut short, claiming more than its bytes hold or
// with bytes over is an error, never a panic or a large allocation.
func TestBadRecords(t *testing.T) {
	good := (&article.Article{Title: "Truce", References: []string{"a", "b"}, Published: time.Unix(1e9, 0).UTC()}).AppendRecord(nil)
	cases := map[string][]byte{
		"empty":                 nil,
		"cut short":             good[:len(good)-1],
		"bytes over":            append(good[:len(good):len(good)], 0),
		"a length past the end": {0x7f},
		"a huge count":          append(make([]byte, 12), 0xff, 0xff, 0xff, 0xff, 0x07),
		"a bad number":          {0x80, 0x80},
	}
	for name, rec := range cases {
		if _, err := article.DecodeRecord(rec); !errors.Is(err, article.ErrBadRecord) {
			t.Errorf("%s: error %v", name, err)
		}
	}
}

func FuzzDecodeRecord(f *testing.F) {
	f.Add((&article.Article{Title: "Truce", Slug: "truce", References: []string{"a"}, Topics: []string{"-x"}, Words: 3, Published: time.Unix(1e9, 0).UTC()}).AppendRecord(nil))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, rec []byte) {
		a, err := article.DecodeRecord(rec)
		if err != nil {
			return
		}
		// what reads back writes the same bytes and reads back the same
		again, err := article.DecodeRecord(a.AppendRecord(nil))
		if err != nil || !reflect.DeepEqual(again, a) {
			t.Fatalf("%+v read back as %+v, %v", a, again, err)
		}
	})
}
